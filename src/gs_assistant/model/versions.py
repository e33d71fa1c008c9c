"""Earlier versions of an application file, kept in a hidden folder beside it.

``申請.yaml`` keeps its versions in ``.申請.yaml.versions/``: a copy after each save (the
last ``KEEP_SAVES``, and for older ones one per ``THIN_MINUTES`` minutes) and a copy of
what the file held when an editing session began (the last ``KEEP_SESSIONS``). A version
identical to the newest one is not kept twice. ``changes`` lists the answers that differ
between two applications, so that a user can see what restoring a version would change.
Pure Python: the wizard offers the versions, tests call these functions directly.
"""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from gs_assistant.model.application import Application
from gs_assistant.model.files import load_application

KEEP_SAVES = 20
THIN_MINUTES = 10
KEEP_OLDER = 30
KEEP_SESSIONS = 10
STAMP = "%Y%m%d-%H%M%S-%f"
KINDS = ("save", "session")


@dataclass(frozen=True)
class Version:
    path: Path
    when: datetime
    kind: str  # "save" or "session" (the file as it was when a session began)

    def load(self) -> Application:
        return load_application(self.path)


def folder_for(path: Path | str) -> Path:
    path = Path(path)
    return path.with_name(f".{path.name}.versions")


def versions(path: Path | str) -> list[Version]:
    """The kept versions of ``path``, newest first."""
    found = []
    folder = folder_for(path)
    if not folder.is_dir():
        return []
    for entry in folder.iterdir():
        stem, _, kind = entry.stem.rpartition("-")
        if kind not in KINDS or entry.suffix != ".yaml":
            continue
        try:
            when = datetime.strptime(stem, STAMP)
        except ValueError:
            continue
        found.append(Version(entry, when, kind))
    return sorted(found, key=lambda v: v.when, reverse=True)


def keep(path: Path | str, kind: str = "save", now: datetime | None = None) -> Version | None:
    """Copy the file as it is now into its versions folder (and drop old copies).
    Never raises for a folder that cannot be written: versions are a safety net."""
    path = Path(path)
    if kind not in KINDS or not path.is_file():
        return None
    now = now or datetime.now()
    folder = folder_for(path)
    try:
        folder.mkdir(exist_ok=True)
        text = path.read_bytes()
        same_kind = [v for v in versions(path) if v.kind == kind]
        if same_kind and same_kind[0].path.read_bytes() == text:
            return None
        target = folder / f"{now.strftime(STAMP)}-{kind}.yaml"
        shutil.copyfile(path, target)
    except OSError:
        return None
    prune(path)
    return Version(target, now, kind)


def prune(path: Path | str) -> None:
    """Keep the last KEEP_SAVES saves, then one per THIN_MINUTES (KEEP_OLDER at most),
    and the last KEEP_SESSIONS session starts."""
    saves = [v for v in versions(path) if v.kind == "save"]
    sessions = [v for v in versions(path) if v.kind == "session"]
    drop = sessions[KEEP_SESSIONS:]
    buckets: set[int] = set()
    older = 0
    for version in saves[KEEP_SAVES:]:
        bucket = int(version.when.timestamp() // (THIN_MINUTES * 60))
        if bucket in buckets or older >= KEEP_OLDER:
            drop.append(version)
            continue
        buckets.add(bucket)
        older += 1
    for version in drop:
        with contextlib.suppress(OSError):
            version.path.unlink()


def changes(old: Application, new: Application) -> list[str]:
    """The field paths whose answers differ (``lead.name``, ``indicators[1].target``,
    ``indicators`` when rows were added or removed); the file's bookkeeping is left out."""
    out: list[str] = []
    _diff(old.model_dump(exclude={"meta"}), new.model_dump(exclude={"meta"}), "", out)
    return out


def _diff(a: Any, b: Any, path: str, out: list[str]) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in dict.fromkeys([*a, *b]):
            _diff(a.get(key), b.get(key), f"{path}.{key}" if path else str(key), out)
    elif isinstance(a, list) and isinstance(b, list) and a and isinstance(a[0], dict):
        if len(a) != len(b):
            out.append(path)
            return
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            _diff(x, y, f"{path}[{index}]", out)
    elif a != b:
        out.append(path)
