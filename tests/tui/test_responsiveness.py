"""What keeps the wizard responsive, tested by its mechanism (the figures are measured by
``benchmarks/keystrokes.py`` and ``benchmarks/autosave_stall.py``, never asserted here):
a keystroke mounts nothing and lays out nothing, a row's form does not redraw the list
behind it, and a save is written by a worker thread while the screen keeps running."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest
from textual.app import App
from textual.screen import Screen

from gs_assistant.model import load_application, save_application
from gs_assistant.session import document as document_module
from gs_assistant.tui.app import YOUNG_COLLECTION
from gs_assistant.tui.steps import Step
from gs_assistant.tui.widgets.records import RecordTable, RowEditor

from .pilot import driven, with_rows

ROLE = "lead.role"


@pytest.fixture
def counters(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts widgets mounted (registered with the app) and whole-screen layouts."""
    counts = {"mounted": 0, "layouts": 0}
    register, layout = App._register, Screen._refresh_layout

    def counting_register(self, parent, *widgets, **kwargs):
        counts["mounted"] += len(widgets)
        return register(self, parent, *widgets, **kwargs)

    def counting_layout(self, *args, **kwargs):
        counts["layouts"] += 1
        return layout(self, *args, **kwargs)

    monkeypatch.setattr(App, "_register", counting_register)
    monkeypatch.setattr(Screen, "_refresh_layout", counting_layout)
    return counts


async def test_a_keystroke_neither_mounts_nor_lays_out_the_form(large_copy: Path,
                                                                 counters) -> None:
    async with driven(large_copy) as (app, ui):
        await ui.focus(ROLE)
        await ui.pilot.press("end")
        await ui.settle()
        form = set(app.screen.query("*"))
        counters.update(mounted=0, layouts=0)
        ui.send(*"・現地法人と共同")
        await ui.settle()
        assert app.doc.app.lead.role.endswith("・現地法人と共同")
        assert counters["mounted"] == 0
        assert counters["layouts"] == 0  # the field and its count are repainted, no more
        assert set(app.screen.query("*")) == form  # the very same widgets


async def test_the_checklist_rewrites_only_the_rows_that_changed(large_copy: Path,
                                                                  counters) -> None:
    from gs_assistant.tui.widgets.checklist import Checklist, item_prompt
    from gs_assistant.tui.widgets.options import _looks as looks

    async with driven(large_copy) as (app, ui):
        checklist = app.screen.query_one("#checklist", Checklist)
        options = checklist.option_list
        await ui.type("lead.name", "", replace=True)  # 申請者名 missing: a row changes
        await ui.settle()
        before = [o.prompt for o in options.options]
        counters.update(layouts=0)
        ui.send(*"東北工業")
        await ui.settle()
        after = [o.prompt for o in options.options]
        assert len(after) == len(before) and after != before
        assert counters["layouts"] == 0
        width = checklist._width()
        for item in checklist.items.values():  # every row reads as a fresh list would
            index = options.get_option_index(item.id)
            assert looks(options.options[index].prompt) == looks(
                item_prompt(item, width, app.console))
        await ui.keys("f4")  # the step list marks the new current step, and only it
        steps = app.screen.query_one("#steps").options
        assert [str(o.prompt.style) for o in steps].count("bold reverse") == 1
        assert str(steps[1].prompt.style) == "bold reverse"


async def test_a_rows_form_opens_without_restyling_its_fields(
        large_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.css.stylesheet import Stylesheet

    restyled: list[int] = []
    update_nodes = Stylesheet.update_nodes

    def counting_update_nodes(self, nodes, animate=False):
        nodes = list(nodes)
        restyled.append(len(nodes))
        return update_nodes(self, nodes, animate)

    async with driven(large_copy) as (app, ui):
        app.screen.focus_field("co_applicants")
        await ui.settle()
        monkeypatch.setattr(Stylesheet, "update_nodes", counting_update_nodes)
        await ui.keys("enter")
        await ui.settle()
        form = app.screen
        assert isinstance(form, RowEditor)
        assert app.focused is not None and app.focused.id == "f-co_applicants-0-name"
        widgets = len(form.query("*"))
        # styled once as mounted: not again on resume, nor as the scrolling form took and
        # gave up the focus, nor for classes added while the fields were built
        assert max(restyled, default=0) < widgets // 4, (restyled, widgets)
        assert sum(restyled) < widgets


async def test_a_rows_form_dims_the_screen_behind_it_once_as_textual_does(
        large_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The dimmed wizard behind a row's form is drawn once for the layouts of its opening
    (three before), and reads exactly as Textual's own drawing of it."""
    from textual.renderables.background_screen import BackgroundScreen

    from gs_assistant.tui.widgets.screens import StillBackground

    drawn: list[int] = []
    draw = BackgroundScreen.__rich_console__

    def counting_draw(self, console, options):
        drawn.append(options.max_width)
        return draw(self, console, options)

    monkeypatch.setattr(BackgroundScreen, "__rich_console__", counting_draw)
    async with driven(large_copy) as (app, ui):
        app.screen.focus_field("co_applicants")
        await ui.settle()
        await ui.keys("enter")
        await ui.settle()
        form = app.screen
        assert isinstance(form, RowEditor)
        assert len(drawn) == 1, drawn
        still = form._still[1]  # what its render gave while drawn
        assert isinstance(still, StillBackground)
        console = app.console
        options = console.options.update_dimensions(*app.size)
        textual = BackgroundScreen(still.renderable.screen, still.renderable.color)
        assert list(console.render(still, options)) == list(console.render(textual, options))


async def test_opening_styles_the_first_step_once_and_a_same_size_resize_lays_out_nothing(
        large_copy: Path, counters, monkeypatch: pytest.MonkeyPatch) -> None:
    from textual import events
    from textual.css.stylesheet import Stylesheet

    restyled: list[int] = []  # widgets restyled together after they were mounted
    update_nodes = Stylesheet.update_nodes

    def counting_update_nodes(self, nodes, animate=False):
        nodes = list(nodes)
        restyled.append(len(nodes))
        return update_nodes(self, nodes, animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", counting_update_nodes)
    async with driven(large_copy) as (app, ui):
        await ui.settle()
        widgets = len(app.screen.query("*"))
        assert app.screen.step == "applicant" and widgets > 60  # (its lower boxes not built yet)
        # neither the screen's resume nor its width's class restyled the whole form
        assert max(restyled) < widgets // 4, (max(restyled), widgets)
        counters.update(layouts=0)
        app.screen.post_message(events.Resize(app.size, app.size, app.size))
        await ui.settle()
        assert counters["layouts"] == 0


async def test_choices_and_footer_keys_are_built_styled_as_they_start(
        large_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A choice's parts (its current value, its options list) and the footer's keys are
    built with the classes they start with, so none is restyled right after mounting."""
    from textual.css.stylesheet import Stylesheet
    from textual.widgets import Select
    from textual.widgets._footer import FooterKey
    from textual.widgets._select import SelectCurrent, SelectOverlay

    restyled: list[str] = []
    update_nodes = Stylesheet.update_nodes

    def recording_update_nodes(self, nodes, animate=False):
        nodes = list(nodes)
        restyled.extend(type(node).__name__ for node in nodes)
        return update_nodes(self, nodes, animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", recording_update_nodes)
    async with driven(large_copy) as (app, ui):
        await app.screen.show_step("benefits")  # more choices, and the footer rebuilt
        await ui.settle()
        for step in app.screen.query(Step):  # the boxes built later too
            step.build_all()
        await ui.settle()
        selects = list(app.screen.query(Select))
        assert len(selects) > 10
        answered = [s for s in selects if s.value is not Select.NULL]
        assert answered and all(s.query_one(SelectCurrent).has_class("-has-value")
                                for s in answered)
        assert not any(s.query(SelectOverlay) for s in selects)  # built when first opened
        assert app.screen.query(FooterKey)
        parts = {"SelectCurrent", "SelectOverlay", "NonSelectableStatic", "FooterKey"}
        assert not parts & set(restyled), restyled
        opened = answered[0]
        opened.focus()
        await ui.keys("enter")
        assert opened.query_one(SelectOverlay).has_class("-textual-compact")
        assert opened.query_one(SelectOverlay).highlighted is not None  # on the value


def test_the_opened_document_is_kept_out_of_garbage_collection(large_copy: Path) -> None:
    """What the wizard keeps for its whole session is frozen once the file is open: a
    full collection no longer walks the document (nor the rule pack) again."""
    import gc

    from .pilot import make_app

    app = make_app(large_copy)
    tracked = gc.get_objects()  # the collector's generations, not the frozen objects
    assert gc.get_freeze_count() > 0
    assert all(obj is not app.doc.app and obj is not app.doc.pack for obj in tracked)
    assert gc.get_threshold()[0] == YOUNG_COLLECTION > 700  # not after every 700 objects


async def test_a_layout_that_places_new_widgets_arranges_the_screen_once(
        large_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A layout that places new widgets (a step's first visit, a row's form) arranges the
    screen once, and its arrangement is the map widgets then ask where they are: not a
    second, identical arrangement during it or right after it."""
    from textual._compositor import Compositor

    arranged: list[int] = []  # arrangements made by each layout, during it
    stale_after: list[bool] = []  # the map out of date right after a layout
    arrange_root, reflow = Compositor._arrange_root, Compositor.reflow

    def counting_arrange_root(self, *args, **kwargs):
        if arranged:
            arranged[-1] += 1
        return arrange_root(self, *args, **kwargs)

    def counting_reflow(self, *args, **kwargs):
        arranged.append(0)
        result = reflow(self, *args, **kwargs)
        stale_after.append(self._full_map_invalidated)
        return result

    monkeypatch.setattr(Compositor, "_arrange_root", counting_arrange_root)
    async with driven(large_copy) as (app, ui):
        for step in ("country_field", "track_money_period", "benefits"):
            app.screen.set_focus(None)
            await ui.settle()
            monkeypatch.setattr(Compositor, "reflow", counting_reflow)
            arranged.clear()
            stale_after.clear()
            await ui.keys("f4")
            await ui.settle()
            monkeypatch.setattr(Compositor, "reflow", reflow)
            assert app.screen.step == step
            assert arranged and all(n == 1 for n in arranged), (step, arranged)
            assert not any(stale_after), (step, stale_after)


async def test_a_language_switch_relabels_the_screen_it_shows_and_mounts_nothing(
        large_copy: Path, counters) -> None:
    """F7 puts the words of the new language on the widgets shown (the screen's
    equivalence with a wizard opened in that language is tests/tui/test_relabel.py): no
    widget is mounted or removed, and the steps visited before are relabelled on their
    next visit, not now."""
    from textual.widgets import ContentSwitcher

    async with driven(large_copy) as (app, ui):
        for _ in range(3):
            await ui.keys("f4")
        await ui.settle()
        screen = app.screen
        widgets = set(screen.query("*"))
        relabelled: list[str] = []
        relabel = type(screen)._relabel_step

        def recording(self, pane):
            relabelled.append(pane.id)
            return relabel(self, pane)

        type(screen)._relabel_step = recording
        try:
            counters.update(mounted=0)
            await ui.keys("f7")
            await ui.settle()
            assert counters["mounted"] == 0
            assert set(screen.query("*")) == widgets  # the very same widgets
            assert relabelled == ["step-benefits"]
            switcher = screen.query_one(ContentSwitcher)
            assert len(switcher.children) == 4 and switcher.current == "step-benefits"
            await ui.keys("f3")
            await ui.settle()
            assert relabelled == ["step-benefits", "step-track_money_period"]
        finally:
            type(screen)._relabel_step = relabel
        assert app.focused is not None and app.focused in screen.pane.query("*")


async def test_typing_in_a_row_form_leaves_the_list_behind_it_alone(
        large_copy: Path, counters, monkeypatch: pytest.MonkeyPatch) -> None:
    app_data = load_application(large_copy)
    first = app_data.large.affiliates[0]
    app_data.large.affiliates = [first.model_copy(update={"name": f"関連会社 {i}"})
                                 for i in range(300)]
    save_application(app_data, large_copy)
    redrawn: list[str] = []
    refresh_rows = RecordTable.refresh_rows

    def counting_refresh_rows(self):
        if not self._editing:
            redrawn.append(self.list_path)
        return refresh_rows(self)

    monkeypatch.setattr(RecordTable, "refresh_rows", counting_refresh_rows)
    async with driven(large_copy) as (app, ui):
        wizard = app.screen
        await wizard.show_step("large_extras")
        await ui.settle()
        assert wizard.focus_field("large.affiliates[150].name", open_form=True)
        await ui.settle()
        assert isinstance(app.screen, RowEditor)
        redrawn.clear()
        counters.update(mounted=0)
        await ui.pilot.press("end")
        ui.send(*"（本社）")
        await ui.settle()
        await asyncio.sleep(0.1)  # longer than the checklist's refresh delay
        await ui.settle()
        assert app.doc.app.large.affiliates[150].name == "関連会社 150（本社）"
        assert redrawn == []  # no pass over the 300 rows while typing
        assert counters["mounted"] == 0
        await ui.keys("escape")
        assert "large.affiliates" in redrawn  # when the form closes
        table = wizard.query_one("#f-large-affiliates")
        assert "関連会社 150（本社）" in [str(c) for c in table.get_row_at(150)]


async def test_a_save_of_10000_rows_is_written_by_a_worker(
        large_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The screen copies the document (cheap) and a worker thread turns it into YAML and
    writes it; meanwhile the event loop keeps running. The loop's longest stall is
    measured with a timer and printed (the benchmark quotes it), not asserted."""
    affiliates = with_rows(large_copy, 10_000)  # 1,000 affiliates and 9,000 log entries

    writes: list[tuple[str, float]] = []
    real = document_module.save_checked  # the whole save: YAML, lock, compare and write
    in_write = threading.Event()

    def observed(data, path, loaded):
        in_write.set()
        start = time.perf_counter()
        try:
            return real(data, path, loaded)
        finally:
            writes.append((threading.current_thread().name, time.perf_counter() - start))
            in_write.clear()

    monkeypatch.setattr(document_module, "save_checked", observed)
    async with driven(large_copy) as (app, ui):
        await ui.type(ROLE, "・保存")
        ticks_during_write = 0
        longest = 0.0
        last = time.perf_counter()
        app.autosave()  # what the timer calls
        assert app.doc.dirty  # still: the file is not written yet
        for _ in range(2000):
            await asyncio.sleep(0.002)
            now = time.perf_counter()
            longest = max(longest, now - last)
            last = now
            if in_write.is_set():
                ticks_during_write += 1
            if writes and not app.doc.dirty:
                break
        print(f"10,000 rows: longest event-loop stall {longest * 1000:.0f} ms during a save "
              f"whose YAML + write took {writes[0][1] * 1000:.0f} ms in {writes[0][0]}")
        assert writes, "the save never finished"
        assert writes[0][0] != threading.main_thread().name  # written by a worker thread
        assert ticks_during_write > 0  # the loop ran while the file was being written
        assert not app.doc.dirty
    saved = load_application(large_copy)
    assert saved.lead.role.endswith("・保存")
    assert len(saved.large.affiliates) + len(saved.review.log) == 10_000
    assert len(saved.large.affiliates) == affiliates


async def test_saves_land_in_order(small_copy: Path) -> None:
    """A later save is never overwritten by an earlier one still being written."""
    async with driven(small_copy) as (app, _ui):
        doc = app.doc
        doc.set(ROLE, "一回目")
        first = doc.snapshot()
        doc.set(ROLE, "二回目")
        second = doc.snapshot()
        assert doc.write(second)
        assert not doc.write(first)  # older than what the file holds: skipped
        doc.saved(first)
        assert doc.dirty  # edits came after the first snapshot
        doc.saved(second)
        assert not doc.dirty
    assert load_application(small_copy).lead.role == "二回目"
