"""A long step builds the boxes far below the view only when they are needed, and the
screen is laid out once per step visit where Textual used to lay it out three times.

The boxes left unbuilt take exactly the lines they take built (the scroll bar and
everything below them are where they would be), and are built when they come near the
view, when Tab reaches them, or when jump-to-fix (or anything asking for their control)
goes to them."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import Input, Select

from gs_assistant.tui.app import WizardApp
from gs_assistant.tui.navigation import STEPS, widget_id
from gs_assistant.tui.steps import Step
from gs_assistant.tui.widgets.fields import FieldBox
from gs_assistant.tui.widgets.records import RecordTable

from .pilot import driven

LAST = "content.single_project"  # the applicant step's last box, below the view


def regions(step: Step) -> dict[str, tuple[int, int, int]]:
    """Each box's (and table's) place in the step's scrolled space: (top, height,
    width)."""
    top = step.region.y - step.scroll_offset.y
    return {box.id: (box.region.y - top, box.region.height, box.region.width)
            for box in step.query("FieldBox, RecordTable") if box.display and box.region}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_boxes_not_built_take_the_lines_they_take_built(large_copy: Path,
                                                              size: tuple[int, int]) -> None:
    async with driven(large_copy, size=size) as (app, ui):
        deferred = tables = 0
        for step in STEPS:
            await app.screen.show_step(step)
            await ui.settle()
            pane = app.screen.pane
            waiting = pane.deferred_boxes
            deferred += len(waiting)
            tables += sum(isinstance(box, RecordTable) for box in waiting)
            before, height = regions(pane), pane.virtual_size.height
            pane.build_all()
            await ui.settle()
            assert not pane.deferred_boxes
            assert all(box.query_children() for box in waiting)  # now with their parts
            assert regions(pane) == before, step
            assert pane.virtual_size.height == height, step
        assert deferred > 0  # the applicant and benefits steps have some at both sizes
        assert tables > 0  # tables too (benefits', with rows, far below)


async def test_the_first_screen_builds_only_the_boxes_near_the_view(
        large_copy: Path) -> None:
    async with driven(large_copy) as (app, _ui):
        pane = app.screen.pane
        boxes = list(pane.query(FieldBox))
        waiting = pane.deferred_boxes
        assert len(waiting) >= len(boxes) // 4
        view_bottom = pane.region.bottom
        for box in waiting:
            assert not box.query_children()  # the box alone: no question, no control
            assert box.region.y >= view_bottom  # never one in view
            assert box.can_focus  # Tab and clicks still reach it


async def test_jump_to_fix_builds_and_focuses_a_box_below_the_view(large_copy: Path) -> None:
    async with driven(large_copy) as (app, ui):
        box = app.screen.pane.query_one("#" + widget_id(LAST) + "--box", FieldBox)
        assert box.deferred
        assert app.screen.focus_field(LAST)
        await ui.settle()
        assert not box.deferred
        assert isinstance(app.focused, Select) and app.focused.id == widget_id(LAST)
        assert app.focused_field() == LAST
        pane = app.screen.pane
        assert pane.region.y <= box.region.y < pane.region.bottom  # scrolled to it


async def test_tab_walks_into_boxes_not_built_and_keys_typed_at_once_land_there(
        large_copy: Path) -> None:
    async with driven(large_copy) as (app, ui):
        pane = app.screen.pane
        first = pane.deferred_boxes[0]
        built = [b for b in pane.query(FieldBox) if not b.deferred]
        previous = next(b for b in reversed(built)
                        if b.region.y < first.region.y and isinstance(b.control, Input))
        app.set_focus(previous.control)
        await ui.settle()
        while app.focused is not None and first not in app.focused.ancestors:
            await ui.keys("tab")
            assert not isinstance(app.focused, FieldBox)  # never the bare box
        assert not first.deferred
        assert app.focused is first.control


async def test_scrolling_down_builds_the_boxes_coming_into_view(large_copy: Path) -> None:
    async with driven(large_copy, size=(80, 24)) as (app, ui):
        pane = app.screen.pane
        assert pane.deferred_boxes
        pane.scroll_end(animate=False)
        await ui.settle()
        top, bottom = pane.scroll_offset.y, pane.scroll_offset.y + pane.size.height
        offset = pane.region.y - pane.scroll_offset.y
        for box in pane.deferred_boxes:  # what is left is far from the view
            assert box.region.bottom - offset <= top or box.region.y - offset >= bottom


async def test_an_animated_scroll_builds_the_boxes_it_reaches(large_copy: Path) -> None:
    """With animations on (the product's default, not the tests'), End scrolls the step in
    several steps, each a layout of the scroll alone: the boxes' positions noted at the
    last whole layout are kept through them, so the boxes the scroll reaches are built.
    They were forgotten at the first such layout, and the boxes at the end of the step
    stayed empty shells (a border and a title) until the terminal was resized. Typed as
    a user did: F4 to the fifth step, Tab to the affiliates' Add button, End."""
    async with driven(large_copy, size=(80, 24)) as (app, ui):
        app.animation_level = "full"
        app.refresh_seconds = WizardApp.refresh_seconds  # the checklist's own pace too
        for key in ("f4", "f4", "f4", "f4", "tab", "tab", "end"):
            await ui.pilot.press(key)
            await ui.pilot.pause(1.0)  # a person's pace; the animation's time
        await ui.settle()
        pane = app.screen.pane
        assert app.screen.step == "large_extras"
        assert pane.scroll_offset.y == pane.max_scroll_y > 0
        top, bottom = pane.scroll_offset.y, pane.scroll_offset.y + pane.size.height
        offset = pane.region.y - pane.scroll_offset.y
        for box in pane.deferred_boxes:
            assert box.region.bottom - offset <= top or box.region.y - offset >= bottom, box
        shown = "\n".join(s.text for s in app.screen._compositor.render_strips())
        assert "採択後、インド州政府との協力体制" in shown


# a first visit's layouts: one, when every widget's wish for a layout made before it began
# is granted by it (the country list's own scroll bar still asks for a second)
MOST_LAYOUTS = {"country_field": 2, "benefits": 1, "large_extras": 1, "review_export": 2}


async def test_opening_and_first_visits_lay_the_screen_out_fewer_times(
        large_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Mounting the step and switching to it is one update of the screen; the step's
    scroll bar is there from its first layout when it surely overflows; and a layout does
    not ask for another because it gave new widgets their sizes. What remains is a
    table's own scroll bars and the footer rebuilt for the focused field's keys. Before:
    7 layouts to open the large sample (now 4 or 5), 4 for each of these first visits."""
    layouts: list[str] = []
    original = Screen._refresh_layout

    def counting(self, *args, **kwargs):
        layouts.append(type(self).__name__)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counting)
    # the visits' own layouts, not those of a step built in a pause
    monkeypatch.setattr(WizardApp, "ahead_seconds", None)
    async with driven(large_copy) as (app, ui):
        assert len(layouts) <= 5, layouts
        for step in ("country_field", "benefits", "large_extras", "review_export"):
            app.set_focus(None)
            await ui.settle()
            layouts.clear()
            await app.screen.show_step(step)
            await ui.settle()
            if step == "benefits":  # taller than the view: its bar from the first layout
                assert app.screen.pane.show_vertical_scrollbar
            assert len(layouts) <= MOST_LAYOUTS[step], (step, layouts)



@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_tables_have_their_scroll_bars_from_their_first_layout(
        large_copy: Path, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """A table's scroll bars (wider than its box, more rows than its ten lines) are
    decided as the layout sizes it: Textual decided them after that layout, and a bar
    that appeared then laid the whole screen out again. Also as rows are added."""
    from textual.widget import Widget

    from gs_assistant.tui.widgets.records import RowTable

    changed: list[tuple[str, tuple[bool, bool]]] = []
    refresh_scrollbars = Widget._refresh_scrollbars

    def recording(self) -> None:
        before = (self.show_horizontal_scrollbar, self.show_vertical_scrollbar)
        refresh_scrollbars(self)
        after = (self.show_horizontal_scrollbar, self.show_vertical_scrollbar)
        if isinstance(self, RowTable) and after != before:
            changed.append((self.id, after))

    monkeypatch.setattr(Widget, "_refresh_scrollbars", recording)
    async with driven(large_copy, size=size) as (app, ui):
        bars: dict[str, tuple[bool, bool]] = {}
        for step in STEPS:
            await app.screen.show_step(step)
            await ui.settle()
            for table in app.screen.pane.query(RowTable):
                bars[table.id] = (table.show_horizontal_scrollbar, table.show_vertical_scrollbar)
        assert any(across for across, _ in bars.values()), bars  # the case is met
        assert any(down for _, down in bars.values()), bars
        # rows added one by one until the rows need their vertical bar
        await app.screen.show_step("content", "content.milestones")
        await ui.settle()
        table = app.screen.pane.query_one("#" + widget_id("content.milestones"), RowTable)
        rows = table.row_count
        assert not table.show_vertical_scrollbar
        for _ in range(12):
            if table.show_vertical_scrollbar:
                break
            await ui.keys("a")
            ui.send(*"R8.9.1")  # a row with an answer stays
            await ui.settle()
            await ui.keys("escape")
        assert table.show_vertical_scrollbar and table.row_count > rows
    assert not changed, changed


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def test_a_pause_builds_the_next_step_out_of_sight_and_f4_shows_it(
        large_copy: Path) -> None:
    """After a pause on a step the next one is built, hidden; F4 shows that one (not
    built again), and the screen reads as after a first visit. Typing restarts the wait."""
    from textual.widgets import ContentSwitcher

    async with driven(large_copy) as (app, ui):
        app.ahead_seconds = 0.5
        await app.screen.show_step("track_money_period")
        await ui.settle()
        switcher = app.screen.query_one(ContentSwitcher)
        for _ in range(4):  # a key every 0.3 s: never a pause of 0.5 s
            await ui.type("funding.lender", "x")
            await ui.pilot.pause(0.3)
            assert not switcher.query_children("#step-benefits")
        await ui.pilot.pause(0.6)
        await ui.settle()
        ahead = switcher.query_children("#step-benefits").first()
        assert not ahead.display and app.screen.step == "track_money_period"
        await ui.keys("f4")
        assert app.screen.step == "benefits" and app.screen.pane is ahead and ahead.display
        shown = screen_lines(app)
        focused = app.focused
    async with driven(large_copy) as (fresh, ui):
        fresh.ahead_seconds = None
        await fresh.screen.show_step("track_money_period")
        await ui.type("funding.lender", "xxxx")
        await ui.keys("f4")
        assert screen_lines(fresh) == shown
        assert fresh.focused.id == focused.id


def form_regions(form) -> dict[str, tuple[int, int, int]]:
    top = form.region.y - form.scroll_offset.y
    return {box.id: (box.region.y - top, box.region.height, box.region.width)
            for box in form.query(FieldBox) if box.display and box.region}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_rows_form_builds_the_boxes_below_its_view_when_they_are_reached(
        large_copy: Path, size: tuple[int, int]) -> None:
    """A co-applicant's form is taller than the dialog: the boxes far below its view are
    the box alone, of the height they take built; Tab reaches the last one and keys typed
    at once land in it; a form opened on such a field (jump-to-fix) builds and focuses
    it."""
    from gs_assistant.tui.widgets.records import RowEditor, RowForm

    async with driven(large_copy, size=size) as (app, ui):
        app.screen.focus_field("co_applicants")
        await ui.settle()
        await ui.keys("enter")
        form = app.screen.query_one(RowForm)
        waiting = form.deferred_boxes
        assert waiting and all(b.region.y >= form.region.bottom for b in waiting)
        before, height = form_regions(form), form.virtual_size.height
        form.build_all()
        await ui.settle()
        assert form_regions(form) == before and form.virtual_size.height == height
        last = waiting[-1].path
        await ui.keys("escape")

        await ui.keys("enter")  # a new form: Tab to its last box, then a burst of keys
        form = app.screen.query_one(RowForm)
        assert form.query_one("#" + widget_id(last) + "--box", FieldBox).deferred
        while app.focused is None or app.focused.id != widget_id(last):
            await ui.keys("tab")
            assert not isinstance(app.focused, FieldBox)  # never the bare box
        assert isinstance(app.focused, Select)
        before_value = app.doc.get(last)
        ui.send("enter", "down", "down", "enter")  # past the blank: はい
        await ui.keys_handled()
        await ui.settle()
        assert app.doc.get(last) is True and before_value is not True
        await ui.keys("escape")

        app.screen.focus_field(last, open_form=True)  # jump-to-fix into the form
        await ui.settle()
        assert isinstance(app.screen, RowEditor) and app.focused.id == widget_id(last)


async def test_a_table_far_below_is_built_when_jumped_to_in_the_language_then_shown(
        large_copy: Path) -> None:
    """A table of rows far below the view waits as its box alone; a language switch
    meanwhile, then jump-to-fix, builds it with its headings in the new language and
    every row, its table focused."""
    from gs_assistant.tui.widgets.records import RowTable

    async with driven(large_copy) as (app, ui):
        await app.screen.show_step("benefits")
        await ui.settle()
        box = app.screen.pane.query_one("#" + widget_id("indicators") + "--box", RecordTable)
        assert box.deferred and not box.query_children()
        await ui.keys("f7")  # English
        assert box.deferred
        assert app.screen.focus_field("indicators")
        await ui.settle()
        assert not box.deferred
        table = box.query_one(RowTable)
        assert app.focused is table
        assert table.row_count == len(app.doc.app.indicators)
        headings = [str(column.label) for column in table.columns.values()]
        assert "Indicator" in " ".join(headings), headings


async def test_tab_reaches_a_table_not_built_and_its_keys_act_at_once(
        large_copy: Path) -> None:
    from gs_assistant.tui.widgets.records import RowEditor, RowTable

    async with driven(large_copy) as (app, ui):
        await app.screen.show_step("benefits")
        await ui.settle()
        pane = app.screen.pane
        box = pane.query_one("#" + widget_id("partner_benefit.indicators") + "--box",
                             RecordTable)
        assert box.deferred
        start = pane.query_one("#" + widget_id("partner_benefit.categories") + "--box")
        app.set_focus(next(w for w in start.query("*") if w.focusable))
        await ui.settle()
        for _ in range(20):
            if isinstance(app.focused, RowTable):
                break
            await ui.keys("tab")
            assert app.focused is not box  # never the bare box
        assert app.focused is box.query_one(RowTable) and not box.deferred
        ui.send("enter")  # the highlighted row's form, at once
        await ui.settle()
        assert isinstance(app.screen, RowEditor)


async def test_a_rows_form_opens_in_two_layouts(large_copy: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The wishes for a layout that the form's new widgets made while it was mounted are
    granted by the layout that places them, not by another one when they reach the
    screen (three layouts before: the form, those wishes, and the form's own mount)."""
    from gs_assistant.tui.widgets.records import RowEditor

    layouts: list[str] = []
    original = Screen._refresh_layout

    def counting(self, *args, **kwargs):
        layouts.append(type(self).__name__)
        return original(self, *args, **kwargs)

    async with driven(large_copy) as (app, ui):
        await app.screen.show_step("applicant")
        await ui.settle()
        assert app.screen.focus_field("co_applicants")
        await ui.settle()
        monkeypatch.setattr(Screen, "_refresh_layout", counting)
        await ui.keys("enter")
        assert isinstance(app.screen, RowEditor)
        assert 1 <= layouts.count("RowEditor") <= 2, layouts
