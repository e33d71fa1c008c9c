"""The wizard application: opens documents, applies edits, saves, quits safely.

Field boxes post ``FieldEdited`` / ``FieldInvalid``; the app stores the value in the
document, asks the wizard screen to refresh its checklist, and saves a short time after
the last change (atomically, like every save). Quitting with unsaved changes, or with
text that cannot be read yet, asks first. Heavy parts (the model, the rule pack, the
steps) are imported only when a document is opened. In review mode (``gs-assistant
review``) the first screen is the consultant's review table instead of the wizard.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App
from textual.events import DescendantFocus
from textual.screen import Screen
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from gs_assistant.session.autosave import AutosavePolicy
from gs_assistant.tui import config
from gs_assistant.tui.bindings import ALL_KEYS, APP_KEYS, localize, make
from gs_assistant.tui.compositor import use_wide_compositor
from gs_assistant.tui.i18n import lang, set_lang, t
from gs_assistant.tui.keys import KeyOrder

if TYPE_CHECKING:
    from textual.command import Provider

    from gs_assistant.session.document import Document
    from gs_assistant.tui.widgets.fields import FieldEdited, FieldFocused, FieldInvalid
    from gs_assistant.tui.widgets.records import RowsChanged


# Objects made between two young collections (Python's default: 700). The wizard makes
# tens of thousands in a layout (strips, segments, the compositor's maps), most of them
# freed at once by their reference counts; with the default, the collections that ran
# so often, and the full ones they led to, walked every mounted widget again: 0.3 s of the
# time a visit of every step, a row's form and a language switch took on the large sample
# (0.14 s with this; benchmarks/keystrokes.py measures the actions).
YOUNG_COLLECTION = 10_000


def keep_loaded() -> None:
    """Move what is loaded by now (the modules, the rule pack, the opened document) out of
    the garbage collector's sight: it lives as long as the wizard, and each full collection
    walked all of it again (30-70 ms with the large sample, in the middle of opening a step
    or a row's form). Only objects made after this are collected; frozen ones that become
    garbage are still freed by their reference counts. Called when a document is opened;
    a second one in the same process first frees the garbage frozen with the first. Young
    collections run every ``YOUNG_COLLECTION`` new objects from then on."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION, middle, old)


def wizard_commands() -> type[Provider]:
    """The command-palette provider, imported when the palette first opens."""
    from gs_assistant.tui.commands import WizardCommands

    return WizardCommands


TOAST_TEXT_WIDTH = 42  # cells: ``Toast { width: 44 }`` in gs_assistant.tcss, less padding


class PlainScrollBarRender(ScrollBarRender):
    """Scroll bars drawn with colour only: the eighth-block glyphs Textual uses for
    smooth ends are ambiguous-width and shift columns in Japanese terminals."""

    VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8


class WizardApp(App[int]):
    """gs-assistant's interactive wizard."""

    CSS_PATH = "gs_assistant.tcss"
    cursor_blink = True  # tests and screenshots turn it off
    refresh_seconds = 0.25  # the checklist refreshes once typing pauses this long
    ahead_seconds: float | None = 1.0  # a pause this long builds the next step (None: never)
    BINDINGS = make(APP_KEYS)
    COMMANDS = App.COMMANDS | {wizard_commands}

    def __init__(self, doc: Document | None = None, lang: str = "ja",
                 settings: config.Settings | None = None, review: bool = False,
                 author: str = "") -> None:
        ScrollBar.renderer = PlainScrollBarRender
        set_lang(lang)
        super().__init__()
        localize(self, APP_KEYS)
        self.doc = doc
        if doc is not None:
            keep_loaded()
        self._recovery = doc.begin_session() if doc is not None else None
        self.settings = settings or config.Settings(lang=lang)
        self._autosave: Timer | None = None
        self._keys = KeyOrder(self)
        self._policy = AutosavePolicy(self.settings.autosave_seconds)
        self.review_mode = review and doc is not None
        self.author = " ".join(author.split())  # --author: this session only
        self.title = t("app.title")
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)

    def _register(self, parent, *widgets, **options):
        """Every screen (the wizard's, the dialogs, Textual's palette) is drawn by a
        compositor that keeps wide characters whole under pop-ups (``tui.compositor``)."""
        if parent is self:
            for widget in widgets:
                if isinstance(widget, Screen):
                    use_wide_compositor(widget)
        return super()._register(parent, *widgets, **options)

    def update_styles(self, node, animate: bool = True) -> None:
        """Restyle ``node`` after a class change, unless it is not mounted yet: a widget is
        styled when it is mounted, and Textual's controls add classes as they are built
        (``compact=True`` is one), each of which styled the new widget once more, in vain
        (a third of the time a row's form took to open)."""
        if node is not self and not node.is_attached:
            return
        super().update_styles(node, animate)

    def notify(self, message: str, *, title: str = "", severity: str = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """A pop-up message whose Japanese lines the wizard breaks itself, with 禁則 (no
        line starts with 。」、), at the pop-ups' fixed text width."""
        from gs_assistant.tui.kinsoku import wrap_message

        super().notify(wrap_message(message, TOAST_TEXT_WIDTH, markup=markup), title=title,
                       severity=severity, timeout=timeout, markup=markup)

    @staticmethod
    def today() -> date:
        """Today's date (tests replace it)."""
        return date.today()

    @staticmethod
    def now() -> datetime | None:
        """The time the deadlines are counted from; None: the current time (tests
        replace it)."""
        return None

    def get_default_screen(self) -> Screen:
        """The start screen, or the wizard when a file was given. (The first screen is
        the default screen rather than a pushed one: that saves a screen switch at
        start-up; see benchmarks/cold_start.py.)"""
        if self.doc is None:
            from gs_assistant.tui.start import StartScreen

            return StartScreen()
        if self.review_mode:
            from gs_assistant.tui.review import ReviewScreen

            return ReviewScreen()
        return self._wizard()

    def _wizard(self, step: str = "", field: str = "") -> Screen:
        from gs_assistant.tui.wizard import WizardScreen

        ui = self.doc.app.meta.ui
        if not (step or field):  # where this user last was, else where the file says
            step, field = config.remembered_position(self.doc.path) or (ui.step, ui.field)
        return WizardScreen(step or ui.step, field or ui.field)

    # ------------------------------------------------------------ documents

    @property
    def pack(self):
        from gs_assistant.rules import default_pack

        return default_pack()

    def warm_up(self) -> None:
        """Import the wizard and load the rule pack ahead of time (in a thread)."""
        import gs_assistant.tui.wizard  # noqa: F401

        self.pack  # noqa: B018 - loads and caches the pack

    def _use(self, make_doc, note: Callable[[Document], str] | None = None) -> None:
        """Open or create a document in a worker thread (reading and validating a large
        file takes a second), then show it in the wizard."""

        def work():
            return make_doc(), note

        self.run_worker(work, name="open", group="open", thread=True, exit_on_error=False)

    def _opened(self, doc: Document, note: Callable[[Document], str] | None) -> None:
        if note is not None:
            self.notify(note(doc))
        if self.doc is not None:
            self.doc.end_session()
        self.doc = doc
        keep_loaded()
        self._warned_other = False
        config.add_recent(doc.path)
        self.push_screen(self._wizard())
        self.tell_recovery(doc.begin_session())

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, self._keys.screen_changed)
        self.tell_recovery(self._recovery)
        self._warned_other = self._recovery is not None and self._recovery.other_pid is not None
        self.set_interval(2.0, self.watch_other_sessions)
        self.catch_signals()

    def catch_signals(self) -> None:
        """SIGTERM and SIGHUP (a closed terminal, a shutdown) save what was typed before
        the wizard exits, atomically like every save; the exit status is 130."""
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is not None:
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.add_signal_handler(number, self.on_exit_signal)

    def on_exit_signal(self) -> None:
        # keys already typed may still be on their way to the document: let them land
        self.set_timer(0.1, self.save_and_exit)

    def save_and_exit(self) -> None:
        doc = self.doc
        if doc is not None:
            field = self.focused_field()
            if field:
                doc.set_position(field=field)
            if doc.dirty:
                self._save("", quiet=True)
        self.exit(130)
        # a closed terminal can keep the exit from finishing (restoring the screen fails):
        # the file is saved by now, so end for certain a moment later
        import os
        import threading

        def end() -> None:
            if doc is not None:
                doc.end_session()
            os._exit(130)

        timer = threading.Timer(3.0, end)
        timer.daemon = True  # a normal exit does not wait for it
        timer.start()

    def watch_other_sessions(self) -> None:
        """Warn once when another wizard opens this file while this one has it."""
        if self.doc is not None and not self._warned_other and self.doc.opened_elsewhere():
            self._warned_other = True
            self.notify(t("session.opened_elsewhere"), severity="warning", timeout=20)

    def tell_recovery(self, recovery) -> None:
        """Say what was reopened after a session that did not end cleanly."""
        if recovery is None:
            return
        if recovery.other_pid is not None:
            self.notify(t("session.in_use"), severity="warning", timeout=15)
        else:
            when = recovery.saved_at.strftime("%Y-%m-%d %H:%M:%S")
            self.notify(t("session.recovered", time=when), severity="warning", timeout=20)

    def on_unmount(self) -> None:
        if self.doc is not None:
            ui = self.doc.app.meta.ui
            config.remember_position(self.doc.path, ui.step, ui.field)
            self.doc.end_session()

    def allowed_path(self, path: Path) -> Path | None:
        """The file a name typed in the start screen or the export dialog stands for, or
        None (after saying why) when it may not be used. Any path here; ``gs-assistant
        serve`` keeps names inside its folder."""
        return path

    def open_document(self, path: Path) -> None:
        from gs_assistant.session.document import Document

        self._use(lambda: Document.open(path, self.pack))

    def create_document(self, path: Path) -> None:
        from gs_assistant.session.document import Document

        self._use(lambda: Document.create(path, self.pack))

    def open_sample(self, name: str) -> None:
        from gs_assistant.session.document import Document

        self._use(lambda: Document.open(config.copy_sample(name), self.pack),
                  lambda doc: t("start.sample_copied", path=doc.path))

    # ------------------------------------------------------------ keys in order

    def confirm(self, question: str, answered: Callable[[bool | None], None]) -> None:
        """Ask a yes/no question in a dialog; widgets ask through the app, which owns the
        dialogs (a widget importing a dialog would make the two packages depend on each
        other)."""
        from gs_assistant.tui.dialogs import Confirm

        self.push_screen(Confirm(question), answered)

    def hold_keys(self) -> None:
        """Keep the keys read from now on until ``release_keys``: a form that is opening
        has no focused field yet, and keys sent to it would be lost."""
        self._keys.hold()

    def release_keys(self) -> None:
        """Deliver the held keys, in order, to what now has the focus."""
        self._keys.release()

    async def on_event(self, event: events.Event) -> None:
        """Keys one at a time, in order (see ``keys.KeyOrder``); a key also tells the
        wizard that the user is not pausing (it builds the next step in a pause)."""
        if isinstance(event, events.Key):
            postpone = getattr(self.screen, "postpone_ahead", None)
            if postpone is not None:
                postpone()
        await self._keys.handle(event, super().on_event)

    # ------------------------------------------------------------ edits

    def on_field_edited(self, message: FieldEdited) -> None:
        error = self.doc.set(message.path, message.value, lang())
        # keys typed in one burst (an input method's commit) arrive as several edits;
        # only the one that matches what the field now holds says what to show
        current = message.box.value == message.value and message.box.error is None
        if error:
            self.doc.invalid[message.path] = (str(message.value), error)
            if current:
                message.box.show_error(error)
        elif current:
            message.box.show_ok(message.value)
        row_changed = getattr(self.screen, "row_changed", None)  # a row's form
        if row_changed is not None:
            row_changed()
        self.changed()

    def on_field_invalid(self, message: FieldInvalid) -> None:
        self.doc.mark_invalid(message.path, message.raw, message.message)
        self.changed()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        if not self.cursor_blink and hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False
        if type(event.widget).__name__ == "SelectOverlay":  # its footer key is in English
            from gs_assistant.tui.bindings import relabel_actions

            relabel_actions(event.widget, {"dismiss": t("key.close_menu")})

    def on_field_focused(self, message: FieldFocused) -> None:
        if self.doc is not None:
            self.doc.set_position(field=message.path)

    def on_rows_changed(self, message: RowsChanged) -> None:
        self.changed()

    def changed(self) -> None:
        """Something was edited: refresh the checklist soon, and autosave once typing
        pauses for ``autosave_seconds`` -- but never later than ``AutosavePolicy.longest`` times
        that after the first unsaved change, so that steady typing is saved too."""
        wizard = self._wizard_screen()
        if wizard is not None:
            wizard.schedule_refresh()
        self._policy.pause = self.settings.autosave_seconds
        wait = self._policy.edited(monotonic())
        if self._autosave is None:  # one timer at a time, not a new one per key
            self._autosave = self.set_timer(wait, self._autosave_due)

    def _autosave_due(self) -> None:
        now = monotonic()
        if self._policy.pending and not self._policy.due(now):
            # typing went on: wait for the pause (or the longest wait)
            self._autosave = self.set_timer(self._policy.wait(now), self._autosave_due)
            return
        self._autosave = None
        if self._policy.pending:  # not saved meanwhile (ctrl+s)
            self.autosave()

    def _wizard_screen(self):
        """The wizard, or None when there is none or the app is closing (a save that
        finishes in its thread then must not look for widgets being taken away)."""
        from gs_assistant.tui.wizard import WizardScreen

        if not self.is_running:
            return None
        for screen in reversed(self.screen_stack):
            if isinstance(screen, WizardScreen):
                return screen if screen.is_attached else None
        return None

    def autosave(self) -> None:
        if self.doc is not None and self.doc.needs_save:
            self.save_in_background(t("wizard.autosaved"), quiet=True)

    def focused_field(self) -> str | None:
        """The field path of the focused widget (its box, or its table of rows)."""
        from gs_assistant.tui.widgets.fields import FieldBox
        from gs_assistant.tui.widgets.records import RecordTable

        for node in (self.focused, *(self.focused.ancestors if self.focused else ())):
            if isinstance(node, FieldBox | RecordTable):
                return node.path if isinstance(node, FieldBox) else node.list_path
        return None

    def _snapshot(self):
        self._policy.saved()
        field = self.focused_field()
        if field:
            self.doc.set_position(field=field)
        return self.doc.snapshot()

    def _save(self, note: str, quiet: bool = False) -> bool:
        """Save now, on this thread (when quitting: after any save still being written)."""
        from gs_assistant.model.files import ApplicationFileError

        snapshot = self._snapshot()
        try:
            self.doc.write(snapshot)
        except (OSError, ApplicationFileError) as exc:
            self.tell_save_failed(exc)
            return False
        self._saved(self.doc, snapshot, note, quiet)
        return True

    def save_in_background(self, note: str, quiet: bool = False) -> None:
        """Save without blocking the screen: the document is copied here (about 10 ms for
        10,000 rows), then turned into YAML and written in a worker thread. Writes are
        atomic and land in the order they were asked for (``Document.write``)."""
        doc, snapshot = self.doc, self._snapshot()

        def write() -> tuple:
            doc.write(snapshot)
            return doc, snapshot, note, quiet

        self.run_worker(write, name="save", group="save", thread=True, exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A save written in a worker: say so, or say why not (the file is unchanged)."""
        worker = event.worker
        if worker.group == "open":
            self._open_done(event)
        if worker.group != "save":
            return
        if event.state is WorkerState.SUCCESS:
            self._saved(*worker.result)
        elif event.state is WorkerState.ERROR:
            self.tell_save_failed(worker.error)

    def _open_done(self, event: Worker.StateChanged) -> None:
        from gs_assistant.model.files import ApplicationFileError
        from gs_assistant.rules import RulePackError

        worker = event.worker
        if event.state is WorkerState.SUCCESS:
            self._opened(*worker.result)
        elif event.state is WorkerState.ERROR:
            error = worker.error
            if not isinstance(error, ApplicationFileError | RulePackError | OSError):
                raise error
            self.notify(t("error.open", error=error), severity="error", timeout=10)

    def tell_save_failed(self, exc: BaseException | None) -> None:
        """One sentence naming the file and why; the file itself is unchanged."""
        from gs_assistant.model.files import ApplicationFileError, why_not_written

        path = self.doc.path if self.doc is not None else ""
        error = exc.message if isinstance(exc, ApplicationFileError) else (
            why_not_written(exc, path)(lang()) if isinstance(exc, OSError) else exc)
        self.notify(t("wizard.save_failed", path=path, error=error), severity="error",
                    timeout=20)

    def tell_save(self, result) -> None:
        """Say what a checked save did when it was more than a plain save."""
        if result is None or result.kind == "saved":
            return
        if result.kind == "merged":
            self.notify(t("save.merged", path=result.path), severity="warning", timeout=15)
            return
        from gs_assistant.tui.i18n import field_label
        from gs_assistant.tui.navigation import generic

        name = result.where and (field_label(generic(result.where)) or result.where)
        self.notify(t("save.conflict", path=result.path.name.split(".conflict-")[0],
                      field=name or "-", side=result.path), severity="error", timeout=30)

    def _saved(self, doc: Document, snapshot, note: str, quiet: bool) -> None:
        result = doc.saved(snapshot)
        if doc is not self.doc:
            return
        self.tell_save(result)
        wizard = self._wizard_screen()
        if wizard is not None:
            if result is not None and result.kind != "saved":
                note = t(f"wizard.{result.kind}_note")
            wizard.update_title(note)
            if result is not None and result.answers_changed:
                async def redraw() -> None:  # show the answers merged in, then the note
                    await wizard.rebuild()
                    wizard.update_title(note)

                self.call_later(redraw)
        if not quiet:
            self.notify(t("wizard.saved", path=doc.path))
        config.add_recent(doc.path)

    # ------------------------------------------------------------ the reviewer

    @property
    def reviewer(self) -> str:
        """The name review actions are recorded under: --author, else the setting."""
        return self.author or self.settings.reviewer

    def ask_reviewer(self, then: Callable[[], object] | None = None) -> None:
        """Ask for the reviewer's name, keep it in the settings, then run ``then``."""
        from gs_assistant.tui.review_dialogs import AuthorDialog

        def named(name: str | None) -> None:
            if not name:
                return
            self.settings.reviewer = name
            try:
                config.save_settings(self.settings)
            except OSError:
                pass  # the name still applies to this session
            refresh = getattr(self.screen, "refresh_items", None)
            if refresh is not None:
                refresh()
            if then is not None:
                then()

        self.push_screen(AuthorDialog(), named)

    def with_reviewer(self, action: Callable[[], object]) -> None:
        """Run ``action`` once the reviewer's name is known (asking for it if need be)."""
        if self.reviewer:
            action()
        else:
            self.ask_reviewer(action)

    # ------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":  # the review screen saves every action at once
            return self.doc is not None and type(self.screen).__name__ != "ReviewScreen"
        return True

    def action_save(self) -> None:
        if self.doc is not None:
            self.save_in_background(t("wizard.saved", path=self.doc.path.name))

    def action_save_as(self) -> None:
        """Save under a new name (offered when a save fails or the file is read-only)."""
        from gs_assistant.tui.dialogs import SaveAsDialog

        if self.doc is None:
            return
        default = self.doc.path.with_name(f"{self.doc.path.stem}-copy{self.doc.path.suffix}")

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.doc.move_to(path)
                config.add_recent(path)
                self._save(t("wizard.saved", path=path.name))

        self.push_screen(SaveAsDialog(default), chosen)

    def action_compare_file(self) -> None:
        """After a conflict: the answers that differ between this screen and the file,
        with the choice to reload the file's version, keep this one, or save as."""
        from gs_assistant.model.files import ApplicationFileError
        from gs_assistant.tui.conflict import CompareDialog, differences_text

        doc = self.doc
        if doc is None or doc.conflict_with is None:
            return
        try:
            theirs = doc.file_version()
        except (ApplicationFileError, OSError) as exc:
            self.notify(t("error.open", error=exc), severity="error", timeout=10)
            return
        from gs_assistant.model import versions

        paths = versions.changes(theirs, doc.app)
        title = t("conflict.title", file=doc.conflict_with.name, n=len(paths))
        note = t("conflict.note", copy=doc.path.name)
        if doc.invalid:
            note += "。" if lang() == "ja" else ". "
            note += t("conflict.invalid", n=len(doc.invalid))
        body = (differences_text(paths, doc.app, theirs, doc.pack) if paths
                else t("conflict.none"))

        self.clear_notifications()  # read by now; they would cover the list at 80x24

        def chosen(choice: str | None) -> None:
            if choice == "reload":
                self.call_later(self.action_reload_file)
            elif choice == "save_as":
                self.action_save_as()

        self.push_screen(CompareDialog(title, note, body), chosen)

    async def action_reload_file(self) -> None:
        """After a conflict: go on from the file's version; this screen's version is saved
        to (and stays in) the conflict copy."""
        from gs_assistant.model.files import ApplicationFileError

        doc = self.doc
        if doc is None or doc.conflict_with is None:
            return
        self._policy.saved()
        try:
            copy = doc.reload()
        except (ApplicationFileError, OSError) as exc:
            self.notify(t("error.open", error=exc), severity="error", timeout=10)
            return
        wizard = self._wizard_screen()
        if wizard is not None:
            await wizard.rebuild()
            wizard.update_title("")
        config.add_recent(doc.path)
        self.notify(t("conflict.reloaded", file=doc.path.name, copy=copy.name), timeout=15)

    def action_quit_app(self) -> None:
        doc = self.doc
        if doc is None:
            self.exit(0)
            return
        field = self.focused_field()
        if field:
            doc.set_position(field=field)
        if not doc.dirty and not doc.invalid:
            self.exit(0)  # nothing edited: the file is not written (the position is kept
            return  # in the user's settings folder, see on_unmount)
        from gs_assistant.tui.dialogs import QuitConfirm
        from gs_assistant.tui.i18n import field_label
        from gs_assistant.tui.navigation import generic

        detail = ""
        if doc.invalid:
            names = "、".join(field_label(generic(p)) for p in doc.invalid)
            detail = t("quit.invalid", n=len(doc.invalid), fields=names)

        def answered(choice: str | None) -> None:
            if choice == "save" and self._save("", quiet=True):
                self.exit(0)
            elif choice == "discard":
                self.exit(0)

        self.push_screen(QuitConfirm(detail), answered)

    def action_command_palette(self) -> None:
        """The command palette, with a placeholder in the interface language (Textual's
        own ends in an ellipsis glyph, drawn two cells wide by Japanese terminals)."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette",
                                            placeholder=t("palette.placeholder")))

    def action_restore_version(self) -> None:
        """Pick one of the file's earlier versions, see what it changes, restore it."""
        from gs_assistant.model import versions
        from gs_assistant.tui.dialogs import Confirm, VersionsDialog, version_lines

        if self.doc is None:
            return
        if self.doc.needs_save:
            self._save("", quiet=True)  # what is on screen becomes a version too
        found = versions.versions(self.doc.path)
        lines = version_lines(found, self.doc.app)

        def chosen(version: versions.Version | None) -> None:
            if version is None:
                return
            when = f"{version.when:%Y-%m-%d %H:%M:%S}"

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.call_later(self._restore, version, when)

            self.push_screen(Confirm(t("versions.confirm", time=when)), confirmed)

        self.push_screen(VersionsDialog(found, lines), chosen)

    async def _restore(self, version, when: str) -> None:
        from gs_assistant.model.files import ApplicationFileError

        try:
            self.doc.restore(version)
        except (ApplicationFileError, OSError) as exc:  # unreadable version, failed save
            self.notify(t("error.open", error=exc), severity="error", timeout=10)
            return
        wizard = self._wizard_screen()
        if wizard is not None:
            await wizard.rebuild()
        self.notify(t("versions.restored", time=when))

    def action_help(self) -> None:
        from gs_assistant.tui.dialogs import HelpScreen

        kind = {"WizardScreen": "wizard", "ReviewScreen": "review"}.get(
            type(self.screen).__name__, "start")
        self.push_screen(HelpScreen(kind))

    async def action_toggle_lang(self) -> None:
        new = "ja" if lang() == "en" else "en"
        set_lang(new)
        self.settings.lang = new
        localize(self, APP_KEYS)
        # the app's title is not drawn (the wizard has its own title bar): set, it would
        # repaint the whole screen, in a frame of its own before the relabelled layout
        self.set_reactive(WizardApp.title, t("app.title"))
        for screen in self.screen_stack:
            relabel = getattr(screen, "relabel", None)
            if relabel is not None:
                await relabel()
        self.notify(t("wizard.lang_switched"))
        self.call_after_refresh(self._save_lang)  # the screen first, then the disk

    def _save_lang(self) -> None:
        try:
            config.save_settings(self.settings)
        except OSError:
            pass  # the language still changes for this session

    def export_docx(self) -> None:
        """Ask for the output path, then write the .docx in a worker thread."""
        from gs_assistant.tui.dialogs import ExportDialog

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.notify(t("export.running"))
                self.run_worker(lambda: self._export(path), thread=True, group="export")

        self.push_screen(ExportDialog(self.doc.path.with_suffix(".docx")), chosen)

    def _export(self, path: Path) -> None:
        try:
            export = find_exporter()
        except ImportError as exc:
            self.call_from_thread(self.notify, t("export.unavailable", error=exc),
                                  severity="warning", timeout=10)
            return
        try:
            export(self.doc.app, self.doc.pack, path)
        except Exception as exc:  # the exporter's own errors are shown, never a traceback
            self.call_from_thread(self.notify, t("export.failed", error=exc),
                                  severity="error", timeout=10)
            return
        self.call_from_thread(self.notify, t("export.done", path=path))
        self.call_from_thread(self.exported, path)

    def exported(self, path: Path) -> None:
        """Called once the draft is written (``gs-assistant serve`` sends it to the browser)."""

    # ------------------------------------------------------------ terminal

    def resync_ime(self) -> None:
        """Put the terminal cursor back on the focused field after the layout changed,
        so that an input method's candidate window follows it."""
        focused = self.focused
        offset = getattr(focused, "cursor_screen_offset", None)
        if offset is not None and focused.region:
            self.cursor_position = offset

    def keymap_text(self) -> dict[str, str]:
        """Binding id -> the keys in effect (defaults overridden by the settings)."""
        keys = {k.id: k.keys for k in ALL_KEYS}
        keys.update(self.settings.keymap)
        return keys


def find_exporter():
    """The Word exporter, imported only when asked for (it pulls in python-docx)."""
    from gs_assistant.export.docx import export_docx

    return export_docx
