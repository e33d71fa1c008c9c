"""Where things live: the bundled rule packs, document templates and samples.

In a wheel they are inside the package (``gs_assistant/_data/``); in a source checkout
(editable install, tests) they are the top-level folders of the repository.
"""

from __future__ import annotations

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
