"""The wizard screen: the step list, the current step, and the live checklist.

Steps are mounted the first time they are shown and then kept, so moving between them
never loses what was typed. After changes the checklist, the step list and the current
step's computed values are refreshed (once the changes pause for ``REFRESH_SECONDS``), and
the terminal cursor is put back on the focused field so that an IME window follows it.
"""

from __future__ import annotations

from time import monotonic
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.geometry import Size
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import ContentSwitcher, OptionList

from gs_assistant.tui.bindings import FOCUS_KEYS, WIZARD_KEYS, key_for, localize, make
from gs_assistant.tui.i18n import lang, t
from gs_assistant.tui.navigation import STEPS, candidates, split_row, step_for, widget_id
from gs_assistant.tui.steps import STEP_CLASSES, Step
from gs_assistant.tui.widgets.checklist import Checklist
from gs_assistant.tui.widgets.fields import FieldBox
from gs_assistant.tui.widgets.footer import KeyFooter
from gs_assistant.tui.widgets.live import Live
from gs_assistant.tui.widgets.package import next_deadline_note
from gs_assistant.tui.widgets.progress import StepList
from gs_assistant.tui.widgets.records import RecordTable
from gs_assistant.tui.widgets.screens import QuickScreen

REFRESH_SECONDS = 0.25  # the checklist is refreshed once changes pause this long...
REFRESH_LONGEST = 4  # ...or this many times that after the first change, if they go on
PACK_AGE_MONTHS = 6  # a rule pack older than this may miss a new call for applications
FOLD_STEPS_BELOW = 120  # columns: narrower, the step list folds into the header (F6 opens it)
FOLD_CHECKLIST_BELOW = 100  # columns: narrower, the checklist is a strip of counts (F5 opens it)


class WizardScreen(QuickScreen, Screen):
    """The seven steps with the checklist beside them."""

    BINDINGS = make(WIZARD_KEYS + FOCUS_KEYS)
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-narrow"), (FOLD_CHECKLIST_BELOW, "-medium"), (FOLD_STEPS_BELOW, "-wide")]

    def __init__(self, step: str = "", field: str = "") -> None:
        super().__init__()
        localize(self, WIZARD_KEYS + FOCUS_KEYS)
        self.step = step if step in STEPS else STEPS[0]
        self.start_field = field
        self.scope_all = False
        self._refresh_pending = False
        self._first_change = self._last_change = 0.0  # monotonic times of changes
        self._refresh_on_resume = False
        self._rebuilding = False  # rebuild: the shown step is composed with the screen
        self._labels: dict[str, str] = {}  # a step's id -> its words' language, if not now
        self._ahead: Timer | None = None  # builds the next step once the user pauses

    @property
    def doc(self):
        return self.app.doc

    def compose(self) -> ComposeResult:
        # the width's class now, not at the first resize: set later, it restyles every
        # widget of the step (about 0.1 s for the applicant step)
        self.update_classes(breakpoint_classes(self.HORIZONTAL_BREAKPOINTS, self.app.size.width))
        yield Live("", id="titlebar")
        with Horizontal(id="body"):
            yield StepList(self.step)
            if self._rebuilding:  # built with the screen, in the same layout
                yield ContentSwitcher(STEP_CLASSES[self.step](), id="content",
                                      initial=f"step-{self.step}")
            else:  # the first step is mounted once the screen has resumed (on_mount)
                yield ContentSwitcher(id="content")
            yield Checklist(self.doc.pack, id="checklist")
        yield KeyFooter()

    def on_mount(self) -> None:
        # The first step is mounted once the screen has resumed: resuming restyles every
        # widget on the screen, which would include the step's hundred or more. Keys typed
        # meanwhile wait and then go to the step's field.
        self.app.hold_keys()
        self.call_later(self._show_first_step)

    async def _show_first_step(self) -> None:
        try:
            if not self.query_one(ContentSwitcher).children:  # nothing shown meanwhile
                await self.show_step(self.step, self.start_field)
        finally:
            self.app.release_keys()


    async def relabel(self) -> None:
        """Show the screen in the current language (a language switch), on the widgets
        shown: what is typed, the focus, the scroll position and the fields' undo history
        stay. The steps not shown are relabelled on their next visit (``show_step``)."""
        from gs_assistant.tui.widgets.relabel import Mismatch

        localize(self, WIZARD_KEYS + FOCUS_KEYS)
        before = "en" if lang() == "ja" else "ja"
        for pane in self.query_one(ContentSwitcher).children:
            self._labels.setdefault(pane.id or "", before)
        try:
            self._relabel_step(self.pane)
        except Mismatch:  # not what the step builds now: build it again
            await self.rebuild()
            return
        self.query_one(KeyFooter).relabel()
        self.refresh_report()
        self.refresh_bindings()

    def _relabel_step(self, pane: Step) -> None:
        from gs_assistant.tui.widgets.relabel import composed, relabel_children

        if self._labels.get(pane.id or "", lang()) != lang():
            relabel_children(pane, composed(pane))
        self._labels[pane.id or ""] = lang()

    async def rebuild(self) -> None:
        """Build the screen and the shown step again (the document's answers changed
        under it: a merge, a reload, an earlier version)."""
        localize(self, WIZARD_KEYS + FOCUS_KEYS)
        self._labels.clear()
        field = self.app.focused_field() or ""
        self._rebuilding = True
        try:
            await self.recompose()
        finally:
            self._rebuilding = False
        await self.show_step(self.step, field)

    # ------------------------------------------------------------ steps

    @property
    def large(self) -> bool:
        track = self.doc.app.track
        return track is not None and track.is_large

    @property
    def pane(self) -> Step:
        return self.query_one(f"#step-{self.step}", Step)

    async def show_step(self, step: str, field: str = "", open_form: bool = False) -> None:
        """Show ``step`` (mounting it the first time) and focus ``field`` or its first field."""
        switcher = self.query_one(ContentSwitcher)
        # one update of the screen: the new step mounted and shown, the old one hidden
        # (mounted while the old step was still shown, both were laid out and drawn)
        with self.app.batch_update():
            if not switcher.query(f"#step-{step}"):
                await switcher.mount(STEP_CLASSES[step]())
            switcher.current = f"step-{step}"
        self.step = step
        self.fold()
        if self._labels:  # built in the other language before a switch (F7)
            self._relabel_step(self.pane)
        # the last step shows the whole checklist itself (a display flag, not a class on
        # the screen: a screen class restyles every widget)
        self.query_one("#checklist").display = step != "review_export"
        self.doc.set_position(step=step)
        self.refresh_report()
        self.refresh_bindings()
        # focus at once, before the first paint, so that keys typed as soon as the
        # screen appears already reach the field
        if not (field and self.focus_field(field, open_form)):
            self.pane.scroll_home(animate=False)
            first = next((w for w in self.pane.query("*") if w.focusable), None)
            if first is not None:
                self.set_focus(first)
        self.build_ahead_later()

    # ------------------------------------------------------------ the next step, ahead

    def build_ahead_later(self) -> None:
        """Build the next step, hidden, once the user has paused on this one for
        ``ahead_seconds`` (the app's; None: never): F4 then shows a step already built,
        as quickly as a step visited before. Any key restarts the wait, so typing is
        never held up by it."""
        wait = getattr(self.app, "ahead_seconds", None)  # the wizard app's
        if wait is None:
            return
        if self._ahead is not None:
            self._ahead.stop()
        self._ahead = self.set_timer(wait, self._build_ahead)

    def postpone_ahead(self) -> None:
        """A key was typed: the next step waits for a pause."""
        if self._ahead is not None:
            self._ahead.reset()

    async def _build_ahead(self) -> None:
        self._ahead = None
        step = self.neighbour(+1)
        if step is None or not self.is_active:  # a dialog is open: later
            return
        switcher = self.query_one(ContentSwitcher)
        if switcher.query_children(f"#step-{step}"):
            return
        pane = STEP_CLASSES[step]()
        pane.display = False  # as the switcher hides the steps not shown
        await switcher.mount(pane)

    def focus_field(self, path: str, open_form: bool = False) -> bool:
        """Focus the widget that edits ``path`` in the current step; False if none."""
        pane = self.pane
        if pane.focus_own(path):
            return True
        for candidate in candidates(path):
            row = split_row(candidate)
            if row is not None:
                list_path, index, rest = row
                tables = pane.query("#" + widget_id(list_path) + "--box")
                if tables:
                    table = tables.first(RecordTable)
                    focus = f"{list_path}[{index}].{rest}" if rest else ""
                    table.focus_row(index, focus, open_form)
                    table.scroll_visible(animate=False)
                    return True
                continue
            for box in pane.query("#" + widget_id(candidate) + "--box"):
                if isinstance(box, FieldBox | RecordTable):
                    box.build()
            found = pane.query("#" + widget_id(candidate))
            if not found:
                continue
            widget = found.first()
            target = widget if widget.focusable else next(
                (w for w in widget.query("*") if w.focusable), None)
            if target is not None and target.display:
                self.set_focus(target)
                box = next((a for a in target.ancestors if isinstance(a, FieldBox)), target)
                box.scroll_visible(animate=False)
                return True
        return False

    def neighbour(self, direction: int) -> str | None:
        index = STEPS.index(self.step) + direction
        while 0 <= index < len(STEPS):
            if STEPS[index] != "large_extras" or self.large:
                return STEPS[index]
            index += direction
        return None

    # ------------------------------------------------------------ refresh

    def schedule_refresh(self) -> None:
        """Refresh once the changes pause for ``refresh_seconds``, but never later than
        ``REFRESH_LONGEST`` times that after the first change not yet shown: a burst of
        keys costs one check and one redraw of the checklist, and steady typing still
        sees it follow. Each key itself is drawn at once (its field and count). While a
        dialog is in front (a row's form), the refresh waits until it closes: redrawing
        this screen behind a dialog redraws the whole terminal, on every key."""
        if not self.is_active:
            self._refresh_on_resume = True
            return
        now = monotonic()
        self._last_change = now  # a key costs this: the timer is not moved per key
        if not self._refresh_pending:
            self._refresh_pending = True
            self._first_change = now
            self.set_timer(self._quiet, self._refresh_due)

    @property
    def _quiet(self) -> float:
        return getattr(self.app, "refresh_seconds", REFRESH_SECONDS)

    def on_screen_resume(self) -> None:
        self.build_ahead_later()  # a dialog was in front: the wait starts again
        if self._refresh_on_resume:
            self._refresh_on_resume = False
            self.refresh_report()

    def _refresh_due(self) -> None:
        quiet = self._quiet
        due = min(self._last_change + quiet, self._first_change + REFRESH_LONGEST * quiet)
        wait = due - monotonic()
        if wait > 0.001:  # typing went on: wait for its pause (or the longest wait)
            self.set_timer(wait, self._refresh_due)
            return
        if self.is_active:
            self.refresh_report()
        else:  # a dialog opened meanwhile
            self._refresh_pending = False
            self._refresh_on_resume = True

    def refresh_report(self) -> None:
        self._refresh_pending = False
        # the switcher's children, not a query of the whole screen (hundreds of widgets)
        panes = self.query_one(ContentSwitcher).query_children(f"#step-{self.step}")
        if not panes or not panes.first().is_mounted:
            return  # the step is being built (a first visit, F7): show_step refreshes after
        report = self.doc.report()
        panes.first(Step).update_facts(report)
        self.query_one(StepList).show(report, self.step, self.large)
        scope = None if self.scope_all else {self.step}
        label = t("checklist.scope_all") if self.scope_all else t("checklist.scope_step")
        self.query_one("#checklist", Checklist).show(report, scope, label)
        self.update_title()

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        """After every layout, put the terminal cursor back on the focused field: a
        changed checklist or fact box moves fields, and an input method's candidate
        window follows the cursor. (Textual has no public after-layout hook; its
        version is pinned and a test checks this.)"""
        super()._refresh_layout(size, scroll)
        self.app.resync_ime()

    def lazy_boxes(self) -> Step | None:
        panes = self.query_one(ContentSwitcher).query_children(f"#step-{self.step}")
        return panes.first(Step) if panes else None

    # ------------------------------------------------------------ small terminals

    @property
    def steps_folded(self) -> bool:
        return not self.has_class("-wide")

    @property
    def checklist_folded(self) -> bool:
        return self.has_class("-narrow")

    def fold(self) -> None:
        """Close the step list and checklist panels that a small terminal opened."""
        if self.panel_open:
            self.query_one("#body").remove_class("-show-steps", "-show-checklist")
            self.update_title()

    @property
    def panel_open(self) -> bool:
        body = self.query_one("#body")
        return body.has_class("-show-steps") or body.has_class("-show-checklist")

    def on_resize(self) -> None:
        self.update_title()

    def on_descendant_focus(self, event) -> None:
        """Moving into the form closes an opened panel (the form needs the room)."""
        if not self.panel_open:
            return
        widget = event.widget
        in_panel = any(getattr(node, "id", None) in ("steps", "checklist")
                       for node in (widget, *widget.ancestors))
        if not in_panel:
            self.fold()

    def warnings(self) -> list[str]:
        """A start date already past, and a rule pack older than PACK_AGE_MONTHS."""
        today = self.app.today()
        out = []
        start = self.doc.app.period.start
        if start is not None and start < today:
            out.append(t("warn.start_past", date=start.isoformat()))
        as_of = self.doc.pack.header.as_of
        months = (today.year - as_of.year) * 12 + today.month - as_of.month
        if months > PACK_AGE_MONTHS or (months == PACK_AGE_MONTHS and today.day > as_of.day):
            out.append(t("warn.pack_old", date=as_of.isoformat()))
        return out

    def update_title(self, note: str = "") -> None:
        doc = self.doc
        state = t("wizard.unsaved") if doc.dirty else (note or "")
        number = STEPS.index(self.step) + 1
        where = f"{number}/{len(STEPS)} {t('step.' + self.step)}"
        checklist = self.query_one("#checklist", Checklist)
        opened = self.query_one("#body").has_class("-show-checklist")
        subtitle = "" if not self.checklist_folded else t(
            "checklist.close_key" if opened else "checklist.open_key",
            key=key_for("wizard.checklist"))
        if (checklist.border_subtitle or "") != subtitle:  # setting it repaints the panel
            checklist.border_subtitle = subtitle
        if self.steps_folded:  # the step list lives in the header: a breadcrumb
            parts = [where + t("wizard.steps_key", key=key_for("wizard.steps")), doc.path.name]
        else:
            parts = [t("app.title"), doc.path.name, where]
        if state:
            parts.append(state)
        deadline = next_deadline_note(self.doc, self.app.now())
        if deadline:
            parts.append(deadline)
        parts += self.warnings()
        if getattr(self.app, "review_mode", False):
            parts.append(t("wizard.in_review", key=key_for("wizard.review")))
        # one line of fixed height: repainting it is enough, no layout of the screen
        self.query_one("#titlebar", Live).update("  |  ".join(parts), layout=False)

    # ------------------------------------------------------------ messages

    async def on_step_list_go_to(self, message: StepList.GoTo) -> None:
        await self.show_step(message.step)

    async def on_checklist_jump(self, message: Checklist.Jump) -> None:
        await self.show_step(step_for(message.field), message.field, open_form=True)

    # ------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            return self.step == "review_export"
        if action == "apply_track":
            return self.step == "track_money_period"
        if action == "toggle_scope":  # the last step shows every item anyway
            return self.step != "review_export"
        if action == "back_to_review":  # only when opened from the review screen
            return getattr(self.app, "review_mode", False)
        return True

    async def action_next(self) -> None:
        step = self.neighbour(+1)
        if step is None:
            self.notify(t("wizard.last_step"))
        else:
            await self.show_step(step)

    async def action_back(self) -> None:
        step = self.neighbour(-1)
        if step is None:
            self.notify(t("wizard.first_step"))
        else:
            await self.show_step(step)

    async def action_go(self, step: str) -> None:
        await self.show_step(step)

    def action_focus_steps(self) -> None:
        if self.steps_folded:
            self.query_one("#body").remove_class("-show-checklist")
            self.query_one("#body").add_class("-show-steps")
        self.query_one(StepList).focus()

    def action_focus_checklist(self) -> None:
        if self.step == "review_export":
            self.query_one("#review-checklist", Checklist).query_one(OptionList).focus()
            return
        body = self.query_one("#body")
        if self.checklist_folded:
            if body.has_class("-show-checklist"):  # F5 again: back to the form
                self.fold()
                self.focus_field(self.app.doc.app.meta.ui.field or "")
                return
            body.remove_class("-show-steps")
            body.add_class("-show-checklist")
            self.update_title()
        self.query_one("#checklist", Checklist).query_one(OptionList).focus()

    def action_toggle_scope(self) -> None:
        self.scope_all = not self.scope_all
        self.refresh_report()

    def action_hint(self) -> None:
        box = _box_of(self.app.focused)
        if box is None or not box.toggle_hint():
            self.notify(t("wizard.no_hint"))
        else:
            box.scroll_visible(animate=False)

    def action_apply_track(self) -> None:
        pane = self.pane
        if hasattr(pane, "apply_recommendation"):
            pane.apply_recommendation()

    def action_export(self) -> None:
        self.app.export_docx()

    def action_back_to_review(self) -> None:
        """Back to the consultant's review table (it refreshes on the way)."""
        if getattr(self.app, "review_mode", False) and len(self.app.screen_stack) > 1:
            self.app.pop_screen()


def breakpoint_classes(breakpoints: list[tuple[int, str]], width: int) -> dict[str, bool]:
    """The classes Textual gives a screen of ``width`` columns for ``breakpoints``."""
    wanted = max(((w, name) for w, name in breakpoints if width >= w), default=(0, ""))[1]
    return {name: name == wanted for _, name in breakpoints}


def _box_of(widget: Widget | None) -> FieldBox | None:
    if widget is None:
        return None
    if isinstance(widget, FieldBox):
        return widget
    return next((a for a in widget.ancestors if isinstance(a, FieldBox)), None)
