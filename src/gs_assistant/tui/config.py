"""The wizard's settings and recent-files list, kept in the user data directory.

The directory is platformdirs' user data dir for "gs-assistant", or ``$GS_ASSISTANT_HOME``
when that is set (tests use it so that they never touch the real home). Both files are
small JSON documents written atomically; a damaged file is ignored, never fatal.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from gs_assistant.paths import SETTINGS_FILE, page_limit_of
from gs_assistant.paths import user_home as home

RECENT_FILE = "recent.json"
POSITIONS_FILE = "positions.json"
MAX_POSITIONS = 50
MAX_RECENT = 10
MAX_NAME = 100  # a reviewer's name, in characters


@dataclass
class Settings:
    """User preferences. ``keymap`` maps binding ids to keys (see ``bindings.py``);
    ``reviewer`` is the name a consultant's comments and decisions are recorded under."""

    lang: str = "ja"
    autosave_seconds: float = 2.0
    keymap: dict[str, str] = field(default_factory=dict)
    reviewer: str = ""
    page_limit: int | None = None  # the draft's page limit (export warns above it)


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_json(path: Path, data: object) -> None:
    from gs_assistant.model.files import atomic_write_text

    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n", backup=False)


def load_settings() -> Settings:
    data = _read_json(home() / SETTINGS_FILE)
    settings = Settings()
    if not isinstance(data, dict):
        return settings
    if data.get("lang") in ("ja", "en"):
        settings.lang = data["lang"]
    seconds = data.get("autosave_seconds")
    if isinstance(seconds, int | float) and not isinstance(seconds, bool) and 0 < seconds <= 600:
        settings.autosave_seconds = float(seconds)
    keymap = data.get("keymap")
    if isinstance(keymap, dict):
        settings.keymap = {str(k): str(v) for k, v in keymap.items()}
    reviewer = data.get("reviewer")
    if isinstance(reviewer, str) and reviewer.strip().isprintable():
        settings.reviewer = reviewer.strip()[:MAX_NAME]
    settings.page_limit = page_limit_of(data)
    return settings


def save_settings(settings: Settings) -> None:
    _write_json(home() / SETTINGS_FILE, asdict(settings))


def recent_files() -> list[Path]:
    """Most recent first."""
    data = _read_json(home() / RECENT_FILE)
    if not isinstance(data, list):
        return []
    return [Path(p) for p in data if isinstance(p, str)][:MAX_RECENT]


def add_recent(path: Path | str) -> None:
    """Put ``path`` first in the recent list (a list that cannot be written is skipped)."""
    entry = Path(path).resolve()
    items = [p for p in recent_files() if p != entry]
    with contextlib.suppress(OSError):
        _write_json(home() / RECENT_FILE, [str(p) for p in [entry, *items][:MAX_RECENT]])


def remember_position(path: Path | str, step: str | None, field: str | None) -> None:
    """Where the user was in a file, kept here (not in the file: a file that was only
    looked at is never rewritten). A list that cannot be written is skipped."""
    key = str(Path(path).resolve())
    data = _read_json(home() / POSITIONS_FILE)
    data = data if isinstance(data, dict) else {}
    data.pop(key, None)
    data[key] = [step or "", field or ""]
    kept = dict(list(data.items())[-MAX_POSITIONS:])
    with contextlib.suppress(OSError):
        _write_json(home() / POSITIONS_FILE, kept)


def remembered_position(path: Path | str) -> tuple[str, str] | None:
    data = _read_json(home() / POSITIONS_FILE)
    entry = data.get(str(Path(path).resolve())) if isinstance(data, dict) else None
    if (isinstance(entry, list) and len(entry) == 2
            and all(isinstance(part, str) for part in entry)):
        return entry[0], entry[1]
    return None


def copy_sample(name: str) -> Path:
    """A fresh, editable copy of a bundled sample in ``home()/samples`` (never the
    bundled file itself), under a new name each time (``NAME-2.yaml`` and so on), created
    exclusively so that a copy the user edited is never overwritten. Raises
    ``ApplicationFileError`` for an unknown name."""
    from gs_assistant.model.files import ApplicationFileError
    from gs_assistant.paths import samples_dir
    from gs_assistant.text import Text

    source = samples_dir() / f"{name}.yaml"
    if "/" in name or not source.is_file():
        raise ApplicationFileError(f"sample:{name}", Text("そのような名前のサンプルはありません",
                                                          "no sample of that name"))
    folder = home() / "samples"
    folder.mkdir(parents=True, exist_ok=True)
    text = source.read_text(encoding="utf-8").encode("utf-8")
    for n in range(1, 10_000):  # a new name each time: an edited copy is never replaced
        target = folder / (source.name if n == 1 else f"{name}-{n}.yaml")
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                         | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        return target
    raise ApplicationFileError(folder, Text(
        "サンプルのコピーを作れません（同じ名前が多すぎます）",
        "cannot make a copy of the sample (too many files of that name)"))
