"""Who may write an application file, and how: one writer at a time, never blindly.

Several people and scripts may work on one application at once: an applicant in the
wizard, a consultant's review screen, ``comment`` / ``decide`` from a script. Every
read-modify-write therefore

1. holds an exclusive advisory lock on ``.NAME.lock`` beside the file, from the read to
   the rename (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows: the operating
   system releases it when the process ends, so a killed writer never leaves it held);
2. compares the file with the version this writer loaded (a SHA-256 of its bytes). When
   it is unchanged the new version is written as usual. When another writer changed it,
   the three versions (loaded, this writer's, the file's) are merged: review log entries
   and comments are append-only, so both sides' entries are kept; an answer changed on
   one side only takes that side's value. When both sides changed the same answer to
   different values nothing is overwritten: this writer's version is saved beside the
   file as ``NAME.conflict-YYYYMMDD-HHMMSS.yaml`` and the caller tells the user.

A symbolic link is followed to its target (the target is saved, as editors do), and a
read-only file is refused with a message that names it.

A file someone edited by hand keeps its comments and its order of keys
(``model.layout``); a file the tool wrote is saved by the fast writer.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from gs_assistant.model.application import Application
from gs_assistant.model.files import (
    MAX_ROWS,
    ApplicationFileError,
    application_data,
    application_from_data,
    atomic_write_bytes,
    data_bytes,
    decode_text,
    leading_comments,
    parse_yaml,
    read_bytes,
)
from gs_assistant.model.layout import is_plain, layout_bytes
from gs_assistant.text import Text


class ReadOnlyFileError(ApplicationFileError):
    """The application file may not be written (no write permission, or chmod a-w)."""


# ---------------------------------------------------------------- the lock


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def locked(path: Path | str) -> Iterator[None]:
    """Hold the exclusive lock of the application file ``path`` (waits for it).

    The lock file is opened without following a symbolic link and never removed
    (removing it would let two writers lock two different files)."""
    lock = lock_path(Path(path))
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(lock, flags, 0o600)
    try:
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            import msvcrt

            while True:
                try:
                    msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                    break
                except OSError:
                    continue
            try:
                yield
            finally:
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


# ---------------------------------------------------------------- targets


def target_of(path: Path | str) -> Path:
    """The file a save writes: a symbolic link's target (resolved), else ``path``."""
    path = Path(path)
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def check_writable(path: Path) -> None:
    """Refuse a file that exists and is read-only (no write bit, or no permission)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    if not mode & 0o222 or not os.access(path, os.W_OK):
        raise ReadOnlyFileError(
            path, "読み取り専用のファイルです。保存しません"
            "（別名で保存するか、書き込みを許可してください）")


# ---------------------------------------------------------------- what a writer loaded


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Loaded:
    """The version of a file a writer loaded (or last wrote): its hash and its data
    (``application_data``), the base of a merge. ``plain`` is true when the fast writer
    keeps the file's layout (no comments between keys, keys in the model's order)."""

    digest: str
    data: dict[str, Any]
    plain: bool = True


def load_for_edit(path: Path | str, *, max_rows: int = MAX_ROWS) -> tuple[Application, Loaded]:
    """Load an application and remember which version was loaded."""
    path = Path(path)
    raw = read_bytes(path)
    parsed = parse_yaml(decode_text(raw, path), path)
    app = application_from_data(parsed, path, max_rows=max_rows)
    data = application_data(app)
    return app, Loaded(content_hash(raw), data, is_plain(raw, parsed, data))


def _parse(raw: bytes, path: Path) -> tuple[Application, Any]:
    """The application in ``raw`` and the YAML it was read from."""
    parsed = parse_yaml(decode_text(raw, path), path)
    return application_from_data(parsed, path), parsed


# ---------------------------------------------------------------- merging

_MISSING = object()
# lists that only ever grow: the review log and each item's comments
_APPEND_ONLY = (("review", "log"), ("review", "items", "*", "comments"))
# this writer's value always wins (where the wizard was, when it last saved)
_MINE_WINS = (("meta", "updated"), ("meta", "ui"), ("meta", "rule_pack"))
# the file's value wins when it has one (the first save's time)
_THEIRS_WINS = (("meta", "created"),)


class Conflict(Exception):
    """Both sides changed the same answer to different values; ``where`` names it."""

    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


def _matches(path: tuple[str, ...], patterns: tuple[tuple[str, ...], ...]) -> bool:
    return any(len(p) == len(path) and all(a in ("*", b) for a, b in zip(p, path, strict=True))
               for p in patterns)


def merge3(base: Any, mine: Any, theirs: Any, path: tuple[str, ...] = (), *,
           prefer_mine: bool = False) -> Any:
    """Three-way merge of JSON-like data; raises ``Conflict`` when it is not safe (or, with
    ``prefer_mine``, takes ``mine`` where both sides changed a value)."""
    if _matches(path, _MINE_WINS):
        return mine
    if _matches(path, _THEIRS_WINS):
        return mine if theirs in (None, _MISSING) else theirs
    if mine == theirs:
        return mine
    if _matches(path, _APPEND_ONLY):
        base = [] if base is _MISSING or base is None else base
        mine = [] if mine is _MISSING else mine
        theirs = [] if theirs is _MISSING else theirs
        n = len(base)
        if mine[:n] != base or theirs[:n] != base:
            if prefer_mine:
                return mine
            raise Conflict(".".join(path))  # an entry was rewritten: not append-only
        return theirs + [entry for entry in mine[n:] if entry not in theirs[n:]]
    if mine == base:
        return theirs
    if theirs == base:
        return mine
    if isinstance(mine, dict) and isinstance(theirs, dict):
        base = base if isinstance(base, dict) else {}
        merged = {}
        for key in [*theirs, *(k for k in mine if k not in theirs)]:
            value = merge3(base.get(key, _MISSING), mine.get(key, _MISSING),
                           theirs.get(key, _MISSING), (*path, key), prefer_mine=prefer_mine)
            if value is not _MISSING:
                merged[key] = value
        return merged
    if prefer_mine:
        return mine
    raise Conflict(".".join(path))


# ---------------------------------------------------------------- saving


@dataclass(frozen=True)
class SaveResult:
    """What a checked save did. ``kind`` is ``saved``, ``merged`` or ``conflict``.

    ``data`` and ``loaded`` are what the file ``path`` now holds (for ``conflict``, ``path``
    is the new copy beside the file); ``app`` is the merged application (``merged`` only);
    ``where`` names the answer both sides changed."""

    kind: str
    path: Path
    data: dict[str, Any]
    loaded: Loaded
    app: Application | None = None
    where: str = ""
    answers_changed: bool = False  # the merge brought in answers edited elsewhere


def _write(data: dict[str, Any], path: Path, *, backup: bool = True,
           previous: bytes | None = None, plain: bool = True, parsed: Any = None) -> Loaded:
    """Write ``data``, keeping the comment lines the previous version started with, and
    when it is not ``plain`` its comments and key order too (``model.layout``)."""
    if previous is not None and not plain:
        raw = layout_bytes(data, path, previous, parsed)
    else:
        raw = data_bytes(data, path, leading_comments(previous) if previous else "")
    atomic_write_bytes(path, raw, backup=backup)
    return Loaded(content_hash(raw), data, plain)


def conflict_path(path: Path, now: datetime | None = None) -> Path:
    """A new name beside ``path`` for a version that could not be merged into it."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    stem, suffix = path.stem, path.suffix or ".yaml"
    for n in range(1000):
        candidate = path.with_name(f"{stem}.conflict-{stamp}{f'-{n}' if n else ''}{suffix}")
        if not candidate.exists() and not candidate.is_symlink():
            return candidate
    raise ApplicationFileError(path, Text("競合したファイルの保存先を作れません",
                                          "cannot find a name to save the conflicting copy"))


def save_checked(mine: dict[str, Any] | Application, path: Path | str,
                 loaded: Loaded | None) -> SaveResult:
    """Save ``mine`` (an application or its ``application_data``) to ``path`` unless that
    would lose someone else's change.

    ``loaded`` is the version this writer loaded or last wrote (``None`` for a new file,
    which must not exist yet). Holds the file's lock from reading it to renaming the new
    version. Safe to call from a worker thread."""
    if isinstance(mine, Application):
        mine = application_data(mine)
    path = target_of(path)
    with locked(path):
        where = ""
        if not path.exists() and not path.is_symlink():
            # a new file, or one removed since it was loaded: nothing to lose
            return SaveResult("saved", path, mine, _write(mine, path))
        check_writable(path)
        try:
            raw = read_bytes(path)
        except ApplicationFileError as exc:
            raw, where = None, str(exc)  # unreadable now: never overwritten
        if raw is not None and loaded is not None:
            if content_hash(raw) == loaded.digest:
                return SaveResult("saved", path, mine,
                                  _write(mine, path, previous=raw, plain=loaded.plain))
            try:
                theirs, parsed = _parse(raw, path)
                theirs_data = application_data(theirs)
                plain = is_plain(raw, parsed, theirs_data)
                data = merge3(loaded.data, mine, theirs_data)
                merged = application_from_data(data, path)
            except Conflict as exc:
                where = exc.where
            except ApplicationFileError as exc:
                where = exc.field or str(exc)
            else:
                data = application_data(merged)
                answers = any(data[k] != mine.get(k) for k in data if k not in ("meta", "review"))
                return SaveResult("merged", path, data,
                                  _write(data, path, previous=raw, plain=plain, parsed=parsed),
                                  merged, answers_changed=answers)
        side = conflict_path(path)
        return SaveResult("conflict", side, mine, _write(mine, side, backup=False, previous=raw),
                          where=where)


def update_application(path: Path | str,
                       change: Callable[[Application], Application]) -> Application:
    """Read, change and save an application under its lock (for ``comment``, ``decide``):
    nobody else can write the file between the read and the rename."""
    path = target_of(path)
    with locked(path):
        raw = read_bytes(path)
        app, parsed = _parse(raw, path)
        check_writable(path)
        new = change(app)
        plain = is_plain(raw, parsed, application_data(app))
        _write(application_data(new), path, previous=raw, plain=plain, parsed=parsed)
        return new
