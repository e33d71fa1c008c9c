"""The wizard at 80x24 and 100x30: the step list folds into a "3/7 ..." header (F6 opens
it), below 100 columns the checklist is a strip of counts (F5 opens it), and the form gets
the width."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from gs_assistant.tui.navigation import widget_id
from gs_assistant.tui.widgets.progress import StepList

from .pilot import Driver, make_app


def form_width(app) -> int:
    return app.screen.query_one("#" + widget_id("lead.name") + "--box").region.width


async def test_at_80x24_the_form_gets_the_whole_width(small_copy: Path) -> None:
    app = make_app(small_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        ui = Driver(pilot)
        await ui.settle()
        screen = app.screen
        assert form_width(app) >= 70
        title = str(screen.query_one("#titlebar").render())
        assert title.startswith("1/7 申請者（F6: 一覧）")
        assert not screen.query_one(StepList).display or \
            screen.query_one(StepList).region.width == 0
        counts = str(screen.query_one("#checklist .counts").render())
        assert "未入力" in counts and "適合" in counts
        assert screen.query_one("#checklist").region.height == 3
        # F6: the step list opens; choosing a step closes it again
        await ui.keys("f6")
        steps = screen.query_one(StepList)
        assert app.focused is steps and steps.region.width > 0
        await ui.keys("down", "down", "enter")
        assert screen.step == "track_money_period"
        await pilot.pause()
        assert not screen.query_one("#body").has_class("-show-steps")
        assert steps.region.width == 0
        assert str(screen.query_one("#titlebar").render()).startswith("3/7 事業区分")
        # F5: the checklist opens over half the screen; F5 again goes back to the field
        field = app.focused
        await ui.keys("f5")
        options = screen.query_one("#checklist OptionList", OptionList)
        assert app.focused is options and options.region.height >= 5
        await ui.keys("f5")
        assert app.focused is field
        assert screen.query_one("#checklist").region.height == 3


async def test_at_100x30_the_checklist_stays_beside_the_form(small_copy: Path) -> None:
    app = make_app(small_copy)
    async with app.run_test(size=(100, 30)) as pilot:
        ui = Driver(pilot)
        await ui.settle()
        assert form_width(app) >= 55
        assert app.screen.query_one("#checklist").region.width == 36
        assert str(app.screen.query_one("#titlebar").render()).startswith("1/7 申請者")


async def test_at_140x45_everything_is_beside_the_form(small_copy: Path) -> None:
    app = make_app(small_copy)
    async with app.run_test(size=(140, 45)) as pilot:
        ui = Driver(pilot)
        await ui.settle()
        assert app.screen.query_one(StepList).region.width == 26
        assert app.screen.query_one("#checklist").region.width == 40
        assert form_width(app) >= 65


async def test_review_decision_dialog_fits_a_small_terminal(large_copy: Path) -> None:
    from textual.widgets import Select, TextArea

    app = make_app(large_copy, review=True, author="山田")
    async with app.run_test(size=(80, 24)) as pilot:
        ui = Driver(pilot)
        await ui.settle()
        await ui.keys("f5")
        dialog = app.screen.query_one(".dialog")
        inside = dialog.region
        for widget in (app.screen.query_one(Select), app.screen.query_one(TextArea)):
            region = widget.region
            assert inside.x <= region.x and region.right <= inside.right, widget
        assert inside.right <= 80


async def test_header_warns_of_a_past_start_date_and_an_old_rule_pack(small_copy: Path) -> None:
    from datetime import date

    from gs_assistant.rules import default_pack

    as_of = default_pack().header.as_of
    app = make_app(small_copy)  # starts 2026-07-01
    app.today = lambda: date(2026, 6, 1) if as_of < date(2026, 6, 1) else as_of
    async with app.run_test(size=(140, 45)) as pilot:
        ui = Driver(pilot)
        await ui.settle()
        title = str(app.screen.query_one("#titlebar").render())
        assert "過去" not in title and "ルールパック" not in title
        app.today = lambda: date(2026, 7, 2)
        app.screen.update_title()
        title = str(app.screen.query_one("#titlebar").render())
        assert "開始日2026-07-01は過去です" in title
        app.today = lambda: date(as_of.year + 1, as_of.month, 1)
        app.screen.update_title()
        title = str(app.screen.query_one("#titlebar").render())
        assert f"ルールパックは{as_of.isoformat()}時点" in title


async def test_footer_keys_keep_their_places_when_a_table_has_the_focus(
        large_copy: Path) -> None:
    app = make_app(large_copy)
    async with app.run_test(size=(140, 45)) as pilot:
        ui = Driver(pilot)
        await ui.settle()

        def shown() -> list[str]:
            return [k.action.rsplit(".", 1)[-1] for k in app.screen.query("FooterKey")
                    if k.display]

        on_field = shown()
        await ui.focus("co_applicants")
        await ui.settle()
        on_table = shown()
        assert on_table[:len(on_field)] == on_field  # the same keys, in the same places
        assert {"add_row", "edit_row", "remove_row"} <= set(on_table[len(on_field):])
