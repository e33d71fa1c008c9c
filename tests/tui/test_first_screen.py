"""A new screen is complete at its first frames: nothing Textual does right after the first
frame lays it out or draws its lists again when nothing changed (``benchmarks/cold_start.py``
measures the time; these tests count the work)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.screen import Screen
from textual.widgets import OptionList
from textual.widgets._toast import ToastRack

from gs_assistant.tui.widgets.options import SteadyOptionList

from .pilot import make_app


@pytest.fixture
def after_first_frame(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts, from the first frame of the start screen on, whole-screen layouts and
    options drawn by the start screen's lists."""
    counts = {"frames": 0, "layouts": 0, "options drawn": 0}
    display, layout = App._display, Screen._refresh_layout
    draw = OptionList._get_option_render

    def counting_display(self, screen, renderable):
        if renderable is not None and type(screen).__name__ == "StartScreen":
            counts["frames"] += 1
        return display(self, screen, renderable)

    def counting_layout(self, *args, **kwargs):
        if counts["frames"]:
            counts["layouts"] += 1
        return layout(self, *args, **kwargs)

    def counting_draw(self, option, style):
        if counts["frames"]:
            counts["options drawn"] += 1
        return draw(self, option, style)

    monkeypatch.setattr(App, "_display", counting_display)
    monkeypatch.setattr(Screen, "_refresh_layout", counting_layout)
    monkeypatch.setattr(OptionList, "_get_option_render", counting_draw)
    return counts


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_start_screen_is_laid_out_and_its_lists_drawn_once(
        home: Path, size: tuple[int, int], after_first_frame: dict[str, int]) -> None:
    """The notifications' rack starts hidden, so Textual hiding it after the first frame
    changes nothing; the lists, told their size after that frame, keep the lines they drew
    at that width. Each used to lay out and draw the screen once more."""
    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause(0.2)
        assert type(app.screen).__name__ == "StartScreen"
        assert after_first_frame["frames"] >= 1
        assert after_first_frame["layouts"] == 0, after_first_frame
        assert after_first_frame["options drawn"] == 0, after_first_frame
        assert all(isinstance(o, SteadyOptionList) for o in app.screen.query(OptionList))


async def test_a_notification_still_shows_and_a_list_redraws_at_a_new_width(
        home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        samples = app.screen.query_one("#samples", OptionList)
        assert not app.screen.get_child_by_type(ToastRack).display
        app.notify("お知らせの確認")
        await pilot.pause(0.1)
        rack = app.screen.get_child_by_type(ToastRack)
        assert rack.display
        assert "お知らせの確認" in "".join(s.text for s in app.screen._compositor.render_strips())
        lines = samples.virtual_size.height  # a sample's name and its description wrap
        await pilot.resize_terminal(120, 40)
        await pilot.pause(0.1)
        assert samples.virtual_size.height < lines  # measured again at the new width
        shown = [s.text for s in samples.render_lines(samples.size.region)]
        assert "large_demo_india  サンプル" in shown[1], shown


async def test_text_areas_are_drawn_wrapped_from_their_first_frame(
        large_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A field's text area is wrapped for its width when it is first drawn (Textual wraps
    it when told its size, after the first frame, which drew the text cut at the box's
    edge), is not wrapped again when told the size it has, and is at a new width."""
    from textual.widgets import TextArea

    from gs_assistant.tui.widgets.editing import FieldArea

    drawn: list[tuple[str, int, int]] = []
    rewrapped: list[str] = []
    display, resized = App._display, TextArea._on_resize

    def recording(self, screen, renderable):
        if renderable is not None:
            drawn.extend((area.id, area.wrapped_document._width, area.wrap_width)
                         for area in screen.query(FieldArea)
                         if area in screen._compositor.visible_widgets)
        return display(self, screen, renderable)

    def counting(self):  # Textual's handler: wraps the text again
        rewrapped.append(self.id)
        return resized(self)

    monkeypatch.setattr(App, "_display", recording)
    monkeypatch.setattr(TextArea, "_on_resize", counting)
    app = make_app(large_copy)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        assert {area for area, _, _ in drawn} >= {"f-lead-profile-business"}
        assert all(wrapped == width for _, wrapped, width in drawn), drawn
        assert not rewrapped
        area = app.screen.query_one("#f-lead-profile-business", FieldArea)
        before = area.wrap_width
        await pilot.resize_terminal(90, 40)  # the checklist folds: the areas widen
        await pilot.pause(0.2)
        assert area.wrapped_document._width == area.wrap_width != before


async def test_a_layout_draws_the_widgets_it_places_once(
        large_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The widgets a step's first layout adds are drawn by it as they are: none is drawn
    again, in a frame of its own, for a repaint it asked for before that drawing (as each
    does when the layout gives it its size). A widget changed after it still is, and a
    scroll bar is (it is drawn from what its widget measures as it is drawn)."""
    from textual import messages
    from textual.scrollbar import ScrollBar, ScrollBarCorner
    from textual.widget import Widget

    clock = {"now": 0, "layout": False}
    asked: dict[Widget, int] = {}
    drawn_at: dict[Widget, int] = {}
    again: list[str] = []
    refresh, draw, update = Widget.refresh, Screen._compositor_refresh, Screen._on_update
    layout = Screen._refresh_layout

    def recording_refresh(self, *args, **kwargs):
        clock["now"] += 1
        asked[self] = clock["now"]
        return refresh(self, *args, **kwargs)

    def recording_layout(self, *args, **kwargs):
        clock["layout"] = True
        try:
            return layout(self, *args, **kwargs)
        finally:
            clock["layout"] = False

    def recording_draw(self):
        clock["now"] += 1
        if clock["layout"]:  # a layout's drawing: what it placed is drawn whole
            for widget in self._compositor.placed:
                drawn_at[widget] = clock["now"]
        return draw(self)

    async def recording_update(self, message: messages.Update):
        widget = message.widget
        bar = isinstance(widget, ScrollBar | ScrollBarCorner)  # drawn again on purpose
        if widget in drawn_at and asked.get(widget, 0) < drawn_at[widget] and not bar:
            again.append(f"{type(widget).__name__}#{widget.id}")
        return await update(self, message)

    monkeypatch.setattr(Widget, "refresh", recording_refresh)
    monkeypatch.setattr(Screen, "_compositor_refresh", recording_draw)
    monkeypatch.setattr(Screen, "_refresh_layout", recording_layout)
    monkeypatch.setattr(Screen, "_on_update", recording_update)
    app = make_app(large_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.2)
        for step in ("track_money_period", "benefits", "large_extras"):
            drawn_at.clear()
            await app.screen.show_step(step)
            await pilot.pause(0.2)
            assert drawn_at, step
            assert not again, (step, again)
