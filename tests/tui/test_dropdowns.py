"""Dropdowns at 80×24 (issue 13, item 10): one opened near the bottom of the form stays
above the footer, the highlighted option is on the screen, and the footer's key to close
it is in Japanese and not cut."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Select
from textual.widgets._footer import Footer

from gs_assistant.tui.i18n import t

from .pilot import Driver, make_app
from .test_wide_characters import cells

BOTTOM_SELECTS = {  # a dropdown per step that can be scrolled to the form's last row
    "applicant": ["lead.deemed_large.taxable_income_over_line", "local_partner.country"],
    "country_field": ["field.dx_area"],
}


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def scroll_to_row(pilot, widget, row: int) -> None:
    scroller = next(a for a in widget.ancestors if getattr(a, "allow_vertical_scroll", False))
    for _ in range(40):
        if widget.region.y == row:
            return
        scroller.scroll_to(y=scroller.scroll_y + widget.region.y - row, animate=False,
                           force=True)
        await pilot.pause()
    raise AssertionError(f"{widget.id} cannot be scrolled to row {row}")


@pytest.mark.parametrize(("step", "path"), [(s, p) for s, ps in BOTTOM_SELECTS.items()
                                            for p in ps])
async def test_a_dropdown_at_the_bottom_keeps_its_highlight_above_the_footer(
        small_copy: Path, step: str, path: str) -> None:
    app = make_app(small_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        ui = Driver(pilot)
        await ui.settle()
        await app.screen.show_step(step)
        await ui.settle()
        await ui.focus(path)
        select = app.focused
        assert isinstance(select, Select)
        footer = app.screen.query_one(Footer)
        content = app.screen.query_one("#content")
        await scroll_to_row(pilot, select, content.region.bottom - 1)  # the form's last row
        for keys in (["enter"], ["end"], ["home"], ["down", "down"]):
            await ui.keys(*keys)
            overlay = app.focused
            assert type(overlay).__name__ == "SelectOverlay", keys
            region, clip = app.screen._compositor.visible_widgets[overlay]
            assert region.bottom <= footer.region.y, (keys, region, footer.region)
            assert region == region.intersection(clip)  # all of it is drawn
            prompt = str(overlay.get_option_at_index(overlay.highlighted).prompt)
            lines = screen_lines(app)
            inside = [cells(lines[y], region.x, region.right) for y in range(region.y,
                                                                            region.bottom)]
            assert any(prompt in line for line in inside), (keys, prompt, inside)
            footer_line = lines[footer.region.y].rstrip()
            assert footer_line.endswith("esc " + t("key.close_menu")), footer_line
        await ui.keys("escape")
        assert app.focused is select


async def test_keys_typed_at_once_after_opening_a_dropdown_reach_its_list(
        small_copy: Path) -> None:
    """A dropdown's list is built the first time it opens; Enter, Down, Down, Enter typed
    in one burst still pick the option two below the current one, and a click opens it
    too."""
    app = make_app(small_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        ui = Driver(pilot)
        await ui.settle()
        await ui.focus("lead.industry")
        select = app.focused
        assert isinstance(select, Select) and select.overlay is None  # not built yet
        values = [v for _, v in select._options]
        start = values.index(select.value) if select.value in values else -1
        ui.send("enter", "down", "down", "enter")
        await ui.keys_handled()
        await ui.settle()
        assert select.value == values[start + 2 if start >= 0 else 1]
        assert app.focused is select and not select.expanded

        await ui.focus("lead.deemed_large.one_large_holds_half")
        other = app.focused
        assert isinstance(other, Select) and other.overlay is None
        await pilot.click(other)
        await ui.settle()
        assert other.expanded and type(app.focused).__name__ == "SelectOverlay"
