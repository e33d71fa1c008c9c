"""A keystroke costs what it changes (issue 17 item 2, issue 13 item 15), tested by its
mechanism; the figures are measured by ``benchmarks/keystrokes.py``, never asserted here.

A key in a field renders the field, its box's count line and the step behind them, not the
rest of the screen; a burst of keys costs one check and one refresh of the checklist, which
then remakes only the rows that read differently; a key in a row's form, with 1,000 rows
in the list behind it, leaves the list alone. And what the terminal is sent by those
partial redraws is what a full redraw shows.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from rich.console import Console
from textual.widget import Widget
from textual.widgets import OptionList

from gs_assistant.rules import M
from gs_assistant.tui import wizard as wizard_module
from gs_assistant.tui.widgets import checklist as checklist_module
from gs_assistant.tui.widgets.checklist import Checklist
from gs_assistant.tui.widgets.records import RecordTable, RowEditor, RowTable
from gs_assistant.tui.wizard import REFRESH_LONGEST, WizardScreen

from .pilot import driven, with_rows
from .test_wide_characters import Terminal

ROLE = "lead.role"


def changed(record, **values):
    """A copy of a checker's record (an item, a report) with other ``values``."""
    out = copy.copy(record)
    for name, value in values.items():
        setattr(out, name, value)
    return out


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[Widget]:
    """Every widget asked to render lines, in order."""
    out: list[Widget] = []
    render_lines = Widget.render_lines

    def recording(self, crop):
        out.append(self)
        return render_lines(self, crop)

    monkeypatch.setattr(Widget, "render_lines", recording)
    return out


async def test_a_key_renders_its_field_its_count_and_nothing_else(large_copy: Path,
                                                                  rendered) -> None:
    async with driven(large_copy) as (app, ui):
        await ui.focus(ROLE)
        await ui.pilot.press("end")
        await ui.settle()
        app.refresh_seconds = 1000.0  # the checklist's refresh: another test's
        field = app.focused
        box = field.parent
        rendered.clear()
        ui.send("の")
        await ui.keys_handled()
        assert app.doc.app.lead.role.endswith("の")
        drawn = set(rendered)
        # the field, its box (the count in its bottom border) and the step they sit on
        # where it shows between them; not the other fields, the step list, the checklist,
        # the title or the footer
        assert {field, box} <= drawn
        assert drawn <= {field, box, app.screen.pane}, sorted(type(w).__name__ for w in drawn)


async def test_partial_redraws_draw_what_a_full_redraw_draws(large_copy: Path) -> None:
    """Keys in a field and the checklist refresh after them, replayed on an emulated
    terminal from what the app sent: the same lines as the screen composed whole."""
    width, height = 120, 40
    sent: list = []
    async with driven(large_copy, size=(width, height)) as (app, ui):
        display = app._display

        def recording(screen, update) -> None:
            sent.append(update)
            display(screen, update)

        app._display = recording
        app.screen.refresh()  # the first update sent is a whole screen
        await ui.settle()
        await ui.type("lead.name", "", replace=True)  # a checklist row changes
        await ui.settle()
        ui.send(*"東北工業")
        await ui.settle()
        await ui.type(ROLE, "・現地法人と共同")
        await ui.settle()
        assert sum(type(u).__name__ == "ChopsUpdate" for u in sent) > 5
        console = Console(width=width, force_terminal=True, color_system="truecolor")
        term = Terminal(width, height)
        for update in sent:
            if update is not None:
                term.feed(update.render_segments(console))
        screen = [line.replace(Terminal.RIGHT, "") for line in term.lines()]
        whole = [strip.text for strip in app.screen._compositor.render_strips()]
        assert screen == whole


async def test_a_burst_of_keys_is_checked_once(large_copy: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    checks: list[int] = []
    refresh_report = WizardScreen.refresh_report

    def counting(self):
        checks.append(self.doc.revision)
        return refresh_report(self)

    monkeypatch.setattr(WizardScreen, "refresh_report", counting)
    async with driven(large_copy) as (app, ui):
        app.refresh_seconds = type(app).refresh_seconds  # the product's wait
        await ui.focus(ROLE)
        await ui.pilot.press("end")
        await ui.settle()
        checks.clear()
        ui.send(*"・現地法人と共同")
        await ui.settle()
        assert app.doc.app.lead.role.endswith("・現地法人と共同")
        assert len(checks) == 1  # after the burst, with all of it
        assert checks[0] == app.doc.revision


async def test_the_refresh_waits_for_a_pause_but_not_forever(
        large_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys 0.4 apart with a pause of 1 expected: no refresh until the keys stop, or
    until ``REFRESH_LONGEST`` pauses after the first one. (A clock of our own; the real
    timers are set far away and never fire during the test.)"""
    clock = [0.0]
    monkeypatch.setattr(wizard_module, "monotonic", lambda: clock[0])
    async with driven(large_copy) as (app, _ui):
        wizard = app.screen
        app.refresh_seconds = 1000.0
        done: list[float] = []
        monkeypatch.setattr(wizard, "refresh_report", lambda: (
            done.append(clock[0]), setattr(wizard, "_refresh_pending", False)))

        def key(at: float) -> None:
            clock[0] = at * 1000
            wizard.schedule_refresh()

        def timer(at: float) -> None:  # what the timer does when it fires
            clock[0] = at * 1000
            wizard._refresh_due()

        key(0.0)
        key(0.4)
        timer(1.0)  # the first wait is over, but a key came meanwhile
        assert done == []
        key(0.8)
        timer(1.4)
        assert done == []
        timer(1.8)  # a pause of 1 after the last key
        assert done == [1800.0]
        # steady typing: refreshed once the longest wait has passed since its start
        start = 10.0
        for n in range(20):
            key(start + 0.4 * n)
            if start + 0.4 * n >= start + REFRESH_LONGEST:
                break
        timer(start + REFRESH_LONGEST)
        assert done == [1800.0, (start + REFRESH_LONGEST) * 1000]
        wizard._refresh_pending = False


async def test_a_changed_reason_remakes_no_row_of_the_checklist(
        large_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An item's reason is shown only in the detail under the list (the count of
    characters in a reason changes on every key): no row is made or replaced again; a
    changed status remakes that row only."""
    async with driven(large_copy) as (app, _ui):
        checklist = app.screen.query_one("#checklist", Checklist)
        report = app.doc.report()
        scope = {app.screen.step}
        made: list[str] = []
        replaced: list[int] = []
        item_prompt = checklist_module.item_prompt
        monkeypatch.setattr(checklist_module, "item_prompt",
                            lambda item, *a: made.append(item.id) or item_prompt(item, *a))
        replace = OptionList.replace_option_prompt_at_index
        monkeypatch.setattr(OptionList, "replace_option_prompt_at_index",
                            lambda self, i, p: replaced.append(i) or replace(self, i, p))
        checklist.show(report, scope)
        shown = [i for i in report.items if i.id in checklist.items]
        assert len(shown) > 3
        made.clear()
        other = [changed(i, reason=M("別の理由", "another reason"))
                 if i.id == shown[0].id else i for i in report.items]
        checklist.show(changed(report, items=other), scope)
        assert made == [] and replaced == []
        statuses = list(type(shown[1].status))
        flipped = next(s for s in statuses if s is not shown[1].status)
        other = [changed(i, status=flipped) if i.id == shown[1].id else i
                 for i in report.items]
        checklist.show(changed(report, items=other), scope)
        assert made == [shown[1].id]
        assert len(replaced) <= 2  # its row, and its topic's line if the counts changed


async def test_a_key_in_a_row_form_touches_none_of_1000_rows(
        large_copy: Path, rendered, monkeypatch: pytest.MonkeyPatch) -> None:
    affiliates = with_rows(large_copy, 1000)
    assert affiliates == 1000
    rebuilt: list[str] = []
    for name in ("clear", "add_row", "update_cell"):
        original = getattr(RowTable, name)
        monkeypatch.setattr(RowTable, name, lambda self, *a, _o=original, _n=name, **k: (
            rebuilt.append(_n), _o(self, *a, **k))[1])
    searched: list[str] = []
    query = RowEditor.query
    monkeypatch.setattr(RowEditor, "query",
                        lambda self, *a, **k: searched.append(str(a)) or query(self, *a, **k))
    async with driven(large_copy) as (app, ui):
        wizard = app.screen
        await wizard.show_step("large_extras")
        await ui.settle()
        assert wizard.focus_field("large.affiliates[500].name", open_form=True)
        await ui.settle()
        assert isinstance(app.screen, RowEditor)
        await ui.pilot.press("end")
        await ui.settle()
        rebuilt.clear()
        rendered.clear()
        searched.clear()
        ui.send(*"（本社）")
        await ui.settle()
        assert app.doc.app.large.affiliates[500].name == "関連会社 500（本社）"
        assert rebuilt == []
        assert not any(isinstance(w, RowTable | RecordTable) for w in rendered)
        assert not any(w.screen is wizard for w in rendered)  # nothing behind the form
        assert len(searched) <= 1  # its computed facts are found once, not per key
