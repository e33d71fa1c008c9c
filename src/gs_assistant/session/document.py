"""The document being edited: one application, its file, and whether it is saved.

The wizard (in a terminal or a browser) edits through it; no Textual here, so that
loading, editing by field path, rows, the checklist by revision and saving are tested on
their own. Fields are read and
written by path (``co_applicants[0].capital_yen``); every write is validated by the
model, and a value the model refuses is reported back, never stored. Text the user typed
that cannot be read yet (``5憶円``) is kept in ``invalid`` so that the wizard can show it
again and warn before quitting; the file keeps the last readable value until then.
"""

from __future__ import annotations

import contextlib
import os
import threading
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from gs_assistant.model import Application, fieldpath, versions
from gs_assistant.model.application import RulePackRef
from gs_assistant.model.files import (
    ApplicationFileError,
    application_data,
    application_from_data,
    describe_validation_error,
    load_application,
    why_not_written,
)
from gs_assistant.model.store import Loaded, SaveResult, load_for_edit, merge3, save_checked
from gs_assistant.rules import Report, RulePack, check
from gs_assistant.text import Text


class Document:
    """An application being edited, with its path and save state."""

    def __init__(self, app: Application, path: Path, pack: RulePack,
                 loaded: Loaded | None = None) -> None:
        self.app = app
        self.path = Path(path)
        self.loaded = loaded  # the version of the file last read or written (for merges)
        self.pack = pack
        self.dirty = False  # answers changed since the last save
        self.ui_dirty = False  # only the remembered step/field changed
        self.revision = 0
        self._edits = 0  # counts edits (a merge taken in changes the revision, not this)
        self.invalid: dict[str, tuple[str, str]] = {}  # path -> (typed text, message)
        self._report: Report | None = None
        self._report_revision = -1
        self._ui_revision = 0  # counts changes of the remembered step/field
        self._write_lock = threading.Lock()
        self._snapshots = 0  # numbers the snapshots, in the order they were taken
        self._written = 0  # the number of the last snapshot written to the file
        self._results: dict[int, SaveResult] = {}  # snapshot number -> what its save did
        self._redirect: Path | None = None  # after a conflict: the copy saves go to
        self.conflict_with: Path | None = None  # after a conflict: the file not overwritten
        self._reloaded_at = 0  # snapshots up to this number were of the version left behind
        # Merges made by saves (by number), kept until every snapshot still to be written
        # holds them; see ``_held``. Shared by the worker that writes and the editing thread.
        self._merges: dict[int, Merge] = {}
        self._merge_of: dict[int, int] = {}  # snapshot number -> the merge its save made
        self._merges_made = 0
        self._merge_lock = threading.Lock()

    # ------------------------------------------------------------ files

    @classmethod
    def open(cls, path: Path | str, pack: RulePack) -> Document:
        """Load an application file (``ApplicationFileError`` names file and field)."""
        app, loaded = load_for_edit(path, max_rows=pack.max_rows)
        return cls(app, Path(path), pack, loaded)

    @classmethod
    def create(cls, path: Path | str, pack: RulePack) -> Document:
        """A new, empty application saved at once to ``path`` (which must not exist)."""
        path = Path(path)
        if path.exists():
            raise ApplicationFileError(path, Text(
                "既にあります（開くには gs-assistant open を使います）",
                "already exists (use gs-assistant open to open it)"))
        if not path.parent.is_dir():
            raise ApplicationFileError(path, Text("保存先のフォルダがありません",
                                                  "the folder to save in does not exist"))
        doc = cls(Application(), path, pack)
        doc.app.meta.created = _now()
        try:
            doc.save()
        except OSError as exc:  # a read-only folder, a full disk
            raise ApplicationFileError(path, why_not_written(exc, path)) from None
        return doc

    # ------------------------------------------------------------ editing sessions

    @property
    def marker(self) -> Path:
        """``.NAME.editing`` beside the file while a wizard has it open; it is removed on a
        clean exit, so finding one from a process that is gone means a crash."""
        return self.path.with_name(f".{self.path.name}.editing")

    def begin_session(self) -> Recovery | None:
        """Mark the file as being edited. Returns what to tell the user when the previous
        session did not end cleanly (the file holds its last autosave) or another
        wizard still has the file open."""
        found = None
        try:
            pid = int(self.marker.read_text(encoding="utf-8").split()[0])
        except (OSError, ValueError, IndexError):
            pid = None if not self.marker.exists() else 0
        if pid is not None and pid != os.getpid():
            saved = datetime.fromtimestamp(self.path.stat().st_mtime).astimezone()
            found = Recovery(saved_at=saved, other_pid=pid if _alive(pid) else None)
        with contextlib.suppress(OSError):  # never through a link planted in its place
            fd = os.open(self.marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC
                         | getattr(os, "O_NOFOLLOW", 0), 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(f"{os.getpid()}\n")
        versions.keep(self.path, "session")
        return found

    def end_session(self) -> None:
        with contextlib.suppress(OSError):
            if self.marker.read_text(encoding="utf-8").split()[0] == str(os.getpid()):
                self.marker.unlink()

    def move_to(self, path: Path) -> None:
        """Edit ``path`` from now on (save as): the next save creates it."""
        with self._write_lock:
            self.end_session()
            self.path, self.loaded, self._redirect = Path(path), None, None
            self.conflict_with = None
            self.begin_session()
        self._changed()

    def opened_elsewhere(self) -> bool:
        """True when the marker now names another wizard that is running."""
        try:
            pid = int(self.marker.read_text(encoding="utf-8").split()[0])
        except (OSError, ValueError, IndexError):
            return False
        return pid != os.getpid() and _alive(pid)

    def save(self) -> SaveResult | None:
        """Write the file atomically (the previous version is kept as ``.bak``)."""
        snapshot = self.snapshot()
        self.write(snapshot)
        return self.saved(snapshot)

    def snapshot(self) -> Snapshot:
        """What the file will hold, as plain data that later edits do not change. Cheap
        (one pydantic dump); taken on the thread that edits, so it is never half an edit."""
        meta = self.app.meta
        meta.rule_pack = RulePackRef(id=self.pack.id, version=self.pack.version)
        meta.updated = _now()
        if meta.created is None:
            meta.created = meta.updated
        self._snapshots += 1
        return Snapshot(number=self._snapshots, path=self.path, data=application_data(self.app),
                        revision=self.revision, ui_revision=self._ui_revision,
                        edits=self._edits)

    def write(self, snapshot: Snapshot) -> bool:
        """Serialise and write ``snapshot`` atomically; safe to call from a worker thread.
        Writes are one at a time and in order: a snapshot older than one already written
        is skipped (returns False), so an earlier save never lands after a later one.
        The save is checked (``model.store.save_checked``): under the file's lock, never
        over someone else's change; its result is handed over by ``saved``."""
        with self._write_lock:
            if snapshot.number <= self._written:
                return False
            data = self._held(snapshot)
            result = save_checked(data, self._redirect or snapshot.path, self.loaded)
            self.loaded = result.loaded
            if result.kind == "conflict":
                self._redirect = result.path  # later saves go to the copy, never the file
            elif result.kind == "merged":
                with self._merge_lock:
                    self._merges_made += 1
                    self._merges[self._merges_made] = Merge(sent=data, data=result.data)
                    self._merge_of[snapshot.number] = self._merges_made
            self._results[snapshot.number] = result
            self._written = snapshot.number
            versions.keep(result.path, "save")
            return True

    def _held(self, snapshot: Snapshot) -> dict[str, Any]:
        """``snapshot``'s data with every merge made by an earlier save that the answers
        had not yet taken in when it was taken, as ``saved`` takes it in.

        A save merges on the worker, and the answers take the merge in later, on the
        editing thread; a snapshot taken in between lacks what the merge brought in (a
        command-line comment, say). The merge's base is the version last written, which
        holds it: saved as it is, the snapshot would read as removing those entries (a
        false conflict on an append-only list, or the entries dropped from the file until
        the next save). So it is brought up to date first, exactly as the answers will be
        (``merge3`` of what the earlier save sent, the snapshot and the merge, the
        snapshot's edits winning)."""
        data = snapshot.data
        with self._merge_lock:
            for number in [n for n, m in self._merges.items()
                           if m.held_after is not None and m.held_after < snapshot.number]:
                del self._merges[number]  # every snapshot still to be written holds it
            pending = [self._merges[n] for n in sorted(self._merges)]
        for merge in pending:
            data = merge3(merge.sent, data, merge.data, prefer_mine=True)
        return data

    def saved(self, snapshot: Snapshot) -> SaveResult | None:
        """``snapshot`` is in the file: clear the unsaved flags unless edits came since.
        Returns what the save did; on the editing thread, takes in a merge (keeping edits
        made since the snapshot) or moves to the copy a conflict was saved to."""
        result = self._results.pop(snapshot.number, None)
        if snapshot.number <= self._reloaded_at:
            return None  # written to the conflict copy before a reload: nothing to take in
        # no edit since the snapshot (a merge taken in meanwhile is in the file already:
        # it leaves nothing unsaved)
        clean = self._edits == snapshot.edits
        ui_clean = self._ui_revision == snapshot.ui_revision
        if result is not None and result.kind == "merged":
            with self._merge_lock:
                merge = self._merges.get(self._merge_of.pop(snapshot.number, 0))
            sent = merge.sent if merge is not None else snapshot.data
            if clean:
                app = result.app
            else:  # edits since the snapshot win over the merge
                app = application_from_data(merge3(
                    sent, application_data(self.app), result.data, prefer_mine=True))
            app.meta.ui = self.app.meta.ui
            self.app = app
            if merge is not None:
                with self._merge_lock:  # the snapshots taken from now on hold it
                    merge.held_after = self._snapshots
            self.revision += 1  # the checklist is computed again
        elif result is not None and result.kind == "conflict" and result.path != self.path:
            self.end_session()
            self.conflict_with = self.conflict_with or self.path
            self.path = result.path
            self.begin_session()
        if clean:
            self.dirty = False
        if ui_clean:
            self.ui_dirty = False
        return result

    # ------------------------------------------------------------ after a conflict

    def file_version(self) -> Application:
        """The application file this session could not save to, as it is now."""
        if self.conflict_with is None:
            raise ValueError("no conflict")
        return load_application(self.conflict_with, max_rows=self.pack.max_rows)

    def differences(self) -> list[str]:
        """The answers (field paths) where this session and the file differ."""
        return versions.changes(self.file_version(), self.app)

    def reload(self) -> Path:
        """Take the file's version after a conflict: this session's version is saved to
        its copy first (nothing typed is lost; the copy stays beside the file), then the
        file is loaded and edited from here on. Returns the copy's path."""
        original = self.conflict_with
        if original is None:
            raise ValueError("no conflict")
        app, loaded = load_for_edit(original, max_rows=self.pack.max_rows)
        if self.needs_save or self.invalid:
            self.save()  # to the copy (a save after a conflict never goes to the file)
        with self._write_lock:
            copy = self.path
            self._written = self._reloaded_at = self._snapshots  # a queued save is dropped
            with self._merge_lock:  # merges into the version left behind: never taken in
                self._merges.clear()
                self._merge_of.clear()
            self.end_session()
            app.meta.ui = self.app.meta.ui  # stay where the user is
            self.app, self.path, self.loaded = app, original, loaded
            self._redirect = self.conflict_with = None
            self.invalid.clear()
            self.begin_session()
        self.revision += 1  # the checklist is computed again
        self.dirty = self.ui_dirty = False
        return copy

    def restore(self, version: versions.Version) -> None:
        """Replace the answers by an earlier version's and save (the current answers
        stay among the versions, so a restore can itself be undone)."""
        ui = self.app.meta.ui
        self.app = version.load()
        self.app.meta.ui = ui
        self.invalid.clear()
        self._changed()
        self.save()

    @property
    def needs_save(self) -> bool:
        return self.dirty or self.ui_dirty

    # ------------------------------------------------------------ fields

    def get(self, path: str) -> Any:
        return fieldpath.get(self.app, path)

    def set(self, path: str, value: Any, lang: str = "ja") -> str | None:
        """Store ``value`` at ``path``. Returns the model's one-line message if refused."""
        parent, last = fieldpath.parent_and_name(self.app, path)
        self.invalid.pop(path, None)
        if getattr(parent, str(last)) == value:
            return None
        try:
            setattr(parent, str(last), value)
        except ValidationError as exc:
            return describe_validation_error(exc)[1](lang)
        self._changed()
        return None

    def mark_invalid(self, path: str, raw: str, message: str) -> None:
        """Remember text that cannot be read yet; the field keeps its last readable
        value (an unreadable edit never erases what the file holds)."""
        self.invalid[path] = (raw, message)

    # ------------------------------------------------------------ repeating groups

    def rows(self, list_path: str) -> list[Any]:
        return self.get(list_path)

    def row_type(self, list_path: str) -> type[BaseModel]:
        parent, last = fieldpath.parent_and_name(self.app, list_path)
        annotation = type(parent).model_fields[str(last)].annotation
        (item_type,) = typing.get_args(annotation)
        return item_type

    def room_for_a_row(self, list_path: str) -> bool:
        """False when the list holds the rule pack's ``max_rows`` already."""
        return len(self.rows(list_path)) < self.pack.max_rows

    def add_row(self, list_path: str, **values: Any) -> int:
        """Append a new row (optionally pre-filled); returns its index. A full list
        (``room_for_a_row``) raises ``ValueError``: the file could not be read back."""
        rows = self.rows(list_path)
        if len(rows) >= self.pack.max_rows:
            raise ValueError(f"{list_path}: {self.pack.max_rows} rows already")
        rows.append(self.row_type(list_path)(**values))
        self._changed()
        return len(rows) - 1

    def row_is_blank(self, list_path: str, index: int) -> bool:
        """True when the row holds nothing but defaults and no unreadable text."""
        row = self.rows(list_path)[index]
        prefix = f"{list_path}[{index}]."
        return (row == self.row_type(list_path)()
                and not any(path.startswith(prefix) for path in self.invalid))

    def remove_row(self, list_path: str, index: int) -> None:
        rows = self.rows(list_path)
        del rows[index]
        if list_path == "co_applicants":  # their documents and expense rows name them coN
            self.app.package.co_applicant_removed(index + 1)
            self.app.costs.co_applicant_removed(index + 1)
        prefix = fieldpath.generic(list_path)
        for path in list(self.invalid):
            row = fieldpath.split_row(path)
            if row and fieldpath.generic(row[0]) == prefix:
                del self.invalid[path]
        self._changed()

    # ------------------------------------------------------------ the submission package

    def package_setup(self) -> Any:
        """The rule pack's package and the call's timeline (``PackageSetup``, or None for
        a pack without one), read once; a malformed call.yaml raises ``CallFileError``
        each time it is asked for."""
        if not hasattr(self, "_package_setup"):
            from gs_assistant.rules.package_check import package_setup

            self._package_setup = package_setup(self.pack)
        return self._package_setup

    def mark_document(self, key: str, state: Any) -> None:
        """Set a submission document's state (``model.package``; a bad key raises
        ``ValueError`` and changes nothing)."""
        entry = self.app.package.documents.get(key)
        if entry is not None and entry.state == state:
            return
        self.app.package.mark(key, state)
        self._changed()

    # ------------------------------------------------------------ a consultant's review

    def record(self, action: Callable[[Application], Application]) -> SaveResult | None:
        """Apply a review action (``model.review``: it returns a new application with one
        log entry more) and save at once. ``ReviewError`` leaves everything as it was;
        ``OSError`` from the save leaves the change in memory, unsaved."""
        self.app = action(self.app)
        self._changed()
        return self.save()

    # ------------------------------------------------------------ checklist and position

    def report(self) -> Report:
        """The checklist for the current answers (recomputed only after a change)."""
        if self._report is None or self._report_revision != self.revision:
            self._report = check(self.app, self.pack)
            self._report_revision = self.revision
        return self._report

    def set_position(self, step: str | None = None, field: str | None = None) -> None:
        """Remember where the user is, so that reopening the file puts them back."""
        ui = self.app.meta.ui
        if step is not None and ui.step != step:
            ui.step = step
            self.ui_dirty = True
            self._ui_revision += 1
        if field is not None and ui.field != field:
            ui.field = field
            self.ui_dirty = True
            self._ui_revision += 1

    def _changed(self) -> None:
        self.dirty = True
        self.revision += 1
        self._edits += 1


@dataclass(frozen=True)
class Snapshot:
    """The document's content at one moment, ready to be written by another thread."""

    number: int
    path: Path
    data: dict[str, Any]
    revision: int
    ui_revision: int
    edits: int


@dataclass
class Merge:
    """A merge made by one of the document's saves: what the save sent and what the file
    got. ``held_after``: once the answers took it in, the number of the last snapshot
    taken before (the later ones hold it)."""

    sent: dict[str, Any]
    data: dict[str, Any]
    held_after: int | None = None


@dataclass(frozen=True)
class Recovery:
    """The previous editing session of a file ended without closing it."""

    saved_at: datetime  # the last save (autosave) that the file holds
    other_pid: int | None  # a wizard that is still running with the file open


def _alive(pid: int) -> bool:
    """Whether process ``pid`` is running. A process that has exited but whose parent
    (a terminal, tmux) has not collected it yet still answers a signal; on Linux its
    state says it has ended."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process: alive unless its state says otherwise
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True  # no /proc (not Linux) or it has just gone: the signal answered
    return stat.rpartition(")")[2].split()[:1] not in (["Z"], ["X"])


def _now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)
