"""CLI registration for this feature (filled in when the feature lands)."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def register(
    sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]
) -> None:
    """Add this feature's subcommands. Nothing yet."""
