"""A Static for values that are recomputed after every change."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static


class Live(Static):
    """Skips updates that change nothing: each update costs a layout of the screen."""

    _shown: Any = None

    def update(self, content: Any = "", *, layout: bool = True) -> None:
        if content == self._shown:
            return
        self._shown = content
        super().update(content, layout=layout)
