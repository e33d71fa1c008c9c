"""Where things live: the bundled rule packs, document templates and samples.

In a wheel they are inside the package (``gs_assistant/_data/``); in a source checkout
(editable install, tests) they are the top-level folders of the repository.
"""

from __future__ import annotations

import os
import posixpath
import sys
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


APP_NAME = "gs-assistant"


def xdg_dir(variable: str, default: str) -> Path | None:
    """platformdirs' user folder on Linux, without importing it (a few ms of every command's
    start): ``$VARIABLE`` (e.g. ``XDG_DATA_HOME``) when it is an absolute path, else ``~/DEFAULT``
    with an absolute ``$HOME``, then ``gs-assistant``. None where platformdirs has more to
    decide (another system, an Android app, a relative or missing ``$HOME``)."""
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel") \
            or os.environ.get("ANDROID_DATA") or os.environ.get("ANDROID_ROOT"):
        return None
    configured = os.environ.get(variable, "")
    if posixpath.isabs(configured):
        return Path(configured, APP_NAME)
    if posixpath.isabs(os.environ.get("HOME", "")):
        return Path(os.path.expanduser(f"~/{default}"), APP_NAME)
    return None


def user_data_dir() -> Path:
    found = xdg_dir("XDG_DATA_HOME", ".local/share")
    if found is not None:
        return found
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


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
