"""Editing without losing work: focusing a field selects nothing, text fields undo and
redo, row forms take keys at once, keys typed right after Tab land in the next field, a
burst of digits is validated as a whole, an unreadable amount keeps the last good value,
and a row added then abandoned leaves nothing behind."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TextArea

from gs_assistant.model import load_application
from gs_assistant.tui.navigation import widget_id
from gs_assistant.tui.widgets.fields import FieldBox
from gs_assistant.tui.widgets.records import RowEditor

from .pilot import driven

NAME = "株式会社みちのくアグリテック（架空）"


def box(app, path: str) -> FieldBox:
    return app.screen.query_one("#" + widget_id(path) + "--box", FieldBox)


def control(app, path: str):
    return app.screen.query_one("#" + widget_id(path))


async def test_tab_into_a_field_selects_nothing_and_puts_the_cursor_at_the_end(
        small_copy: Path) -> None:
    async with driven(small_copy) as (app, ui):
        await ui.focus("lead.industry")
        await ui.keys("shift+tab")  # back to a field that holds text
        field = app.focused
        assert isinstance(field, Input)
        assert field.selection.is_empty
        assert field.cursor_position == len(NAME)
        ui.send("X")
        await ui.settle()
        assert app.doc.app.lead.name == NAME + "X"


async def test_jump_to_fix_selects_nothing(small_copy: Path) -> None:
    async with driven(small_copy) as (app, ui):
        await app.screen.show_step("track_money_period", "costs.eligible_yen")
        await ui.settle()
        field = app.focused
        assert field.id == widget_id("costs.eligible_yen")
        assert field.selection.is_empty and field.cursor_position == len(field.value)
        ui.send("X")  # added at the end: the amount is not replaced by "X"
        await ui.settle()
        assert field.value == "84,000,000円X"


async def test_undo_and_redo_in_a_one_line_field(small_copy: Path) -> None:
    async with driven(small_copy) as (app, ui):
        await ui.focus("lead.name")
        await ui.keys("ctrl+u")  # everything deleted by mistake
        assert app.doc.app.lead.name is None or app.doc.app.lead.name == ""
        await ui.keys("ctrl+z")
        assert control(app, "lead.name").value == NAME
        assert app.doc.app.lead.name == NAME
        await ui.keys("ctrl+y")
        assert control(app, "lead.name").value == ""
        await ui.keys("ctrl+z")
        ui.send(*"・改")
        await ui.settle()
        await ui.keys("ctrl+z")  # a burst of typing is undone as one step
        assert control(app, "lead.name").value == NAME


async def test_undo_in_an_amount_field_restores_the_amount(small_copy: Path) -> None:
    async with driven(small_copy) as (app, ui):
        await app.screen.show_step("track_money_period", "costs.total_yen")
        await ui.keys("ctrl+u")
        ui.send(*"1億")
        await ui.settle()
        assert app.doc.app.costs.total_yen == 100_000_000
        await ui.keys("ctrl+z", "ctrl+z")
        assert app.doc.app.costs.total_yen == 90_000_000
        assert control(app, "costs.total_yen").value == "90,000,000円"


async def test_undo_in_a_text_area(small_copy: Path) -> None:
    async with driven(small_copy) as (app, ui):
        await app.screen.show_step("content", "content.summary")
        await ui.settle()
        area = app.focused
        assert isinstance(area, TextArea)
        before = area.text
        assert area.selection.is_empty
        assert area.cursor_location == area.document.end
        area.select_all()  # (F7 in a TextArea): the next key replaces everything
        ui.send("x")
        await ui.settle()
        assert app.doc.app.content.summary == "x"
        await ui.keys("ctrl+z")
        assert app.doc.app.content.summary == before


async def test_row_form_takes_the_keys_typed_as_it_opens(small_copy: Path) -> None:
    async with driven(small_copy) as (app, ui):
        await app.screen.show_step("content")
        await ui.focus("content.milestones")
        rows = len(app.doc.app.content.milestones)
        ui.send("a", *"R8.9.1")  # typed at once, before the form has appeared
        await ui.settle()
        assert isinstance(app.screen, RowEditor)
        assert app.focused.id == widget_id(f"content.milestones[{rows}].date")
        assert str(app.doc.app.content.milestones[rows].date) == "2026-09-01"


async def test_a_row_added_then_abandoned_leaves_no_row(small_copy: Path) -> None:
    async with driven(small_copy) as (app, ui):
        await app.screen.show_step("content")
        await ui.focus("content.milestones")
        rows = len(app.doc.app.content.milestones)
        await ui.keys("a")
        assert isinstance(app.screen, RowEditor)
        await ui.keys("escape")
        assert len(app.doc.app.content.milestones) == rows
        await ui.keys("ctrl+s")
        assert len(load_application(small_copy).content.milestones) == rows
        await ui.keys("a")  # a row with an answer stays
        ui.send(*"R8.9.1")
        await ui.settle()
        await ui.keys("escape")
        assert len(app.doc.app.content.milestones) == rows + 1


async def test_keys_typed_right_after_escape_closes_a_form_reach_the_wizard(
        small_copy: Path) -> None:
    """Escape closes a row's form and F3 F3 typed with it go two steps back: neither F3
    is lost with the closing form (seen in tmux: the wizard stayed on step 4)."""
    async with driven(small_copy) as (app, ui):
        await app.screen.show_step("benefits")
        await ui.focus("indicators")
        await ui.keys("enter")
        assert isinstance(app.screen, RowEditor)
        ui.send("end", *"20", "escape", "f3", "f3")  # one burst
        await ui.settle()
        assert app.screen.step == "country_field"
        assert not app._keys.busy()


async def test_keys_typed_right_after_tab_land_in_the_next_field(small_copy: Path) -> None:
    async with driven(small_copy) as (app, ui):
        await ui.focus("lead.capital_yen")
        await ui.keys("ctrl+u")
        # one burst: a capital, Tab, the employee count, Tab, a role
        ui.send(*"5000万円", "tab", "ctrl+u", *"52", "tab", "ctrl+u", *"統括")
        await ui.settle()
        assert app.doc.app.lead.capital_yen == 50_000_000
        assert app.doc.app.lead.employees == 52
        assert app.doc.app.lead.role == "統括"


async def test_a_burst_of_digits_is_validated_as_a_whole(small_copy: Path) -> None:
    async with driven(small_copy) as (app, ui):
        await app.screen.show_step("benefits")
        await ui.focus("indicators")
        await ui.keys("enter")
        assert isinstance(app.screen, RowEditor)
        await ui.focus("indicators[0].target_year")
        await ui.keys("ctrl+u")
        ui.send(*"２０３０")  # as an input method commits it: one burst
        await ui.settle()
        assert app.doc.app.indicators[0].target_year == 2030
        year = box(app, "indicators[0].target_year")
        assert not year.has_class("-invalid")
        assert year.note_text() == ""
        assert "indicators[0].target_year" not in app.doc.invalid


async def test_unreadable_amount_keeps_the_last_good_value_in_the_file(
        small_copy: Path) -> None:
    async with driven(small_copy) as (app, ui):
        await app.screen.show_step("track_money_period", "costs.eligible_yen")
        await ui.keys("home")
        ui.send("約")
        await ui.settle()
        assert control(app, "costs.eligible_yen").value == "約84,000,000円"
        assert box(app, "costs.eligible_yen").has_class("-invalid")
        assert app.doc.app.costs.eligible_yen == 84_000_000
        await ui.keys("ctrl+s")
        assert load_application(small_copy).costs.eligible_yen == 84_000_000
        await ui.keys("f3")
        await ui.keys("f4")  # the typed text is still shown, with its message
        assert control(app, "costs.eligible_yen").value == "約84,000,000円"
        assert box(app, "costs.eligible_yen").has_class("-invalid")


async def test_an_earlier_version_is_restored_from_the_palette(small_copy: Path) -> None:
    from textual.widgets import OptionList

    from gs_assistant.tui.dialogs import Confirm, VersionsDialog

    async with driven(small_copy) as (app, ui):
        before = app.doc.app.content.summary
        await app.screen.show_step("content", "content.summary")
        await ui.settle()
        app.focused.select_all()
        ui.send("x")  # a paragraph replaced by one key, then saved
        await ui.settle()
        await ui.keys("ctrl+s")
        assert load_application(small_copy).content.summary == "x"
        await ui.keys("ctrl+p")
        ui.send(*"以前の版")
        await ui.settle()
        await ui.keys("enter")
        assert isinstance(app.screen, VersionsDialog)
        options = app.screen.query_one(OptionList)
        lines = [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]
        assert "今の内容と同じ" in lines[0]  # the save just made
        opened = next(n for n, line in enumerate(lines) if "開いた時" in line)
        assert "1項目が変わります: 事業概要" in lines[opened]
        options.highlighted = opened
        await ui.keys("enter")
        assert isinstance(app.screen, Confirm)
        await ui.keys("tab", "enter")  # はい
        await ui.settle()
        assert app.doc.app.content.summary == before
        assert load_application(small_copy).content.summary == before
        assert app.screen.query_one("#" + widget_id("content.summary")).text == before


async def test_arrow_keys_move_between_the_field_ticks_without_ticking(
        small_copy: Path) -> None:
    async with driven(small_copy) as (app, ui):
        await app.screen.show_step("country_field")
        await ui.focus("field.kinds.gx")
        before = list(app.doc.app.field.kinds)
        await ui.keys("down")
        assert app.focused.id == widget_id("field.kinds.dx")
        await ui.keys("down")
        assert app.focused.id == widget_id("field.kinds.economic_security")
        await ui.keys("up", "up")
        assert app.focused.id == widget_id("field.kinds.gx")
        assert list(app.doc.app.field.kinds) == before


async def test_dropdown_footer_key_is_in_japanese(small_copy: Path) -> None:
    async with driven(small_copy) as (app, ui):
        await ui.focus("lead.industry")
        await ui.keys("enter")
        assert type(app.focused).__name__ == "SelectOverlay"
        await ui.settle()
        footer = " ".join(str(k.render()) for k in app.screen.query("FooterKey"))
        assert "Dismiss" not in footer
        assert "閉じる" in footer
