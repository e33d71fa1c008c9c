"""Where things live: the bundled rule packs, document templates and samples.

In a wheel they are inside the package (``gs_assistant/_data/``); in a source checkout
(editable install, tests) they are the top-level folders of the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parent.parent


def _data(name: str) -> Path:
    bundled = _PACKAGE / "_data" / name
    return bundled if bundled.is_dir() else _REPO / name


def rules_dir() -> Path:
    return _data("requirements_rules")


def templates_dir() -> Path:
    return _data("doc_templates")


def samples_dir() -> Path:
    return _PACKAGE / "samples"


def user_data_dir() -> Path:
    import platformdirs  # only the interactive parts need it

    return Path(platformdirs.user_data_dir("gs-assistant", appauthor=False))


HOME_ENV = "GS_ASSISTANT_HOME"
SETTINGS_FILE = "settings.json"


def user_home() -> Path:
    """Where settings, the recent list and sample copies live (``$GS_ASSISTANT_HOME``
    overrides the user data folder)."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override)
    return user_data_dir()


MAX_PAGE_LIMIT = 1000


def page_limit_of(settings: object) -> int | None:
    """The ``page_limit`` of a settings mapping: a whole number from 1 to 1,000, else
    None (no limit set; a wrong value is ignored like the other settings)."""
    value = settings.get("page_limit") if isinstance(settings, dict) else None
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_PAGE_LIMIT:
        return value
    return None


def page_limit_setting() -> int | None:
    """The page limit in the user's settings.json, if one is set."""
    import json

    try:
        data = json.loads((user_home() / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return page_limit_of(data)
