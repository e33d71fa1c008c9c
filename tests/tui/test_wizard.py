"""Pilot tests of the wizard: navigation keeps answers, jump-to-fix, repeating groups,
unreadable amounts and dates, autosave, quitting, reopening, the live checklist."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, OptionList, TextArea

from gs_assistant.model import load_application
from gs_assistant.model.application import Application, Track
from gs_assistant.rules import check, default_pack
from gs_assistant.tui.dialogs import Confirm, QuitConfirm
from gs_assistant.tui.navigation import STEPS, step_for, widget_id
from gs_assistant.tui.widgets.fields import FieldBox
from gs_assistant.tui.widgets.records import RowEditor

from .pilot import SIZE, Driver, counts_on_screen, driven, make_app


def box(app, path: str) -> FieldBox:
    return app.screen.query_one("#" + widget_id(path) + "--box", FieldBox)


def control(app, path: str):
    return app.screen.query_one("#" + widget_id(path))


async def test_back_and_next_keep_answers(small_copy: Path) -> None:
    async with driven(small_copy) as (app, ui):
        await ui.type("lead.name", "・改")
        await ui.keys("f4", "f4")
        await ui.type("costs.eligible_yen", "円円")  # unreadable: stays typed
        await ui.keys("f3", "f3")
        assert app.screen.step == "applicant"
        assert control(app, "lead.name").value == "株式会社みちのくアグリテック（架空）・改"
        await ui.keys("f6")  # the step list: jump two steps ahead
        await ui.keys("down", "down", "enter")
        assert app.screen.step == "track_money_period"
        assert control(app, "costs.eligible_yen").value == "84,000,000円円円"
        assert box(app, "costs.eligible_yen").has_class("-invalid")
        assert app.doc.app.lead.name.endswith("・改")


async def test_fs_track_skips_the_large_step_and_large_tracks_show_it(small_copy: Path,
                                                                      large_copy: Path) -> None:
    for path, expected in ((small_copy, "content"), (large_copy, "large_extras")):
        app = make_app(path)
        async with app.run_test(size=SIZE) as pilot:
            ui = Driver(pilot)
            await app.screen.show_step("benefits")
            await ui.keys("f4")
            assert app.screen.step == expected
            await ui.keys("f3")
            assert app.screen.step == "benefits"


async def test_checklist_item_jumps_to_its_field(small_copy: Path) -> None:
    async with driven(small_copy) as (app, ui):
        await ui.keys("f8", "f5")  # all items, then into the checklist
        options = app.screen.query_one("#checklist OptionList", OptionList)
        assert app.focused is options
        index = options.get_option_index("PRD-001")
        options.highlighted = index
        await ui.settle()
        detail = str(app.screen.query_one("#checklist .detail").render())
        # reason, the source by its name (the internal key stays in JSON), where to fix
        assert "海外展開支援施策" in detail and "seed:" not in detail and "事業開始日" in detail
        await ui.keys("enter")
        assert app.screen.step == "track_money_period"
        assert app.focused.id == widget_id("period.start")


async def test_every_checklist_field_can_be_focused(large_copy: Path) -> None:
    """Each item of an empty and of a full large-track application leads to a widget
    (the full sample's window has the rows that row items point to)."""
    empty = check(Application(track=Track.large_asean), default_pack())
    app = make_app(large_copy)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        by_step: dict[str, set[str]] = {}
        for item in [*empty.items, *app.doc.report().items]:
            by_step.setdefault(step_for(item.field), set()).add(item.field)
        assert len(by_step) == 6  # every step but the last has items
        screen = app.screen
        for step, fields in by_step.items():
            await screen.show_step(step)
            await pilot.pause()
            for field in sorted(fields):
                assert screen.focus_field(field), field
                assert app.focused in screen.pane.query("*"), (field, app.focused)


async def test_item_of_a_row_opens_its_form(large_copy: Path) -> None:
    app = make_app(large_copy)
    app.doc.app.large.similar_projects[0].technology_difference = ""
    async with app.run_test(size=SIZE) as pilot:
        ui = Driver(pilot)
        await ui.settle()
        await ui.keys("f8", "f5")
        options = app.screen.query_one("#checklist OptionList", OptionList)
        options.highlighted = options.get_option_index("AFF-003:p1")
        await ui.keys("enter")
        assert isinstance(app.screen, RowEditor)
        await ui.type("large.similar_projects[0].technology_difference", "制御方式が異なる")
        await ui.keys("escape")
        assert app.doc.app.large.similar_projects[0].technology_difference == "制御方式が異なる"


async def test_repeating_group_add_edit_remove(large_copy: Path) -> None:
    async with driven(large_copy) as (app, ui):
        await ui.keys("f4", "f4", "f4")
        await ui.focus("indicators")
        await ui.keys("a")
        assert isinstance(app.screen, RowEditor)
        await ui.choose("indicators[2].benefit_type", "type2")
        await ui.focus("#" + widget_id("indicators[2]") + "-suggest")
        await ui.keys("enter", "down", "down", "enter")  # the pack's 2nd type-2 suggestion
        assert control(app, "indicators[2].name").value == "日本からの輸出額"
        assert control(app, "indicators[2].unit").value == "百万円"
        await ui.type("indicators[2].target", "１２０")
        await ui.keys("escape")
        table = app.screen.query_one("#f-indicators", DataTable)
        assert table.row_count == 3
        assert app.doc.app.indicators[2].target == 120
        # edit the first row
        await ui.keys("up", "up", "enter")
        assert isinstance(app.screen, RowEditor)
        await ui.type("indicators[0].target", "0")  # 150 -> 1500
        await ui.keys("escape")
        assert app.doc.app.indicators[0].target == 1500
        # remove the second row, after confirming
        await ui.keys("down", "delete")
        assert isinstance(app.screen, Confirm)
        await ui.keys("tab", "enter")  # focus starts on いいえ; the other button is はい
        assert not isinstance(app.screen, Confirm)
        names = [i.name for i in app.doc.app.indicators]
        assert names == ["国内工場の雇用増加数", "日本からの輸出額"]
        assert table.row_count == 2


async def test_unreadable_amount_and_date_are_marked_and_kept(typed_copy: Path) -> None:
    async with driven(typed_copy) as (app, ui):
        await ui.keys("f4", "f4")
        await ui.type("costs.eligible_yen", "約5億円", replace=True)
        await ui.settle()
        amount = box(app, "costs.eligible_yen")
        assert amount.has_class("-invalid")
        assert "約" in amount.note_text()
        assert control(app, "costs.eligible_yen").value == "約5億円"
        assert app.doc.app.costs.eligible_yen is None
        assert "costs.eligible_yen" in app.doc.invalid
        assert check(app.doc.app, default_pack()).item("AMT-001").status.value == "missing"
        await ui.keys("home", "delete")  # remove 約
        assert app.doc.app.costs.eligible_yen == 500_000_000
        assert not amount.has_class("-invalid")
        assert amount.border_subtitle == "500,000,000円（5億円）"

        await ui.type("period.start", "令和8年2月30日", replace=True)
        date_box = box(app, "period.start")
        assert date_box.has_class("-invalid")
        assert control(app, "period.start").value == "令和8年2月30日"
        assert app.doc.app.period.start is None
        await ui.type("period.start", "R8.4.1", replace=True)
        assert str(app.doc.app.period.start) == "2026-04-01"
        assert date_box.border_subtitle == "2026-04-01（令和8年4月1日）"


async def test_live_checklist_counts_follow_the_answers(typed_copy: Path) -> None:
    async with driven(typed_copy) as (app, ui):
        before = counts_on_screen(app)
        assert before == app.doc.report().summary()
        await ui.keys("f4", "f4")
        await ui.type("costs.eligible_yen", "2億円", replace=True)  # more than the 9,000万円 total
        await ui.settle()
        after = counts_on_screen(app)
        assert after == check(app.doc.app, default_pack()).summary()
        assert after["not_met"] > before["not_met"]
        items = app.screen.query_one("#checklist").items
        assert items["AMT-002"].status.value == "not_met"


async def test_autosave_writes_atomically_after_a_pause(small_copy: Path) -> None:
    async with driven(small_copy, autosave=0.2) as (app, ui):
        await ui.type("lead.role", "・検証")
        assert app.doc.dirty
        await ui.pilot.pause(0.5)
        assert not app.doc.dirty
        assert "自動保存" in str(app.screen.query_one("#titlebar").render())
    assert load_application(small_copy).lead.role.endswith("・検証")
    assert small_copy.with_name(small_copy.name + ".bak").exists()


async def test_steady_typing_is_autosaved_without_a_pause(small_copy: Path) -> None:
    """The autosave waits for a pause, but not longer than 1.5 x its delay."""
    async with driven(small_copy, autosave=0.4) as (app, ui):
        await ui.focus("lead.role")
        await ui.pilot.press("end")
        for _ in range(8):  # a key every 0.15 s: never a 0.4 s pause
            ui.send("あ")
            await ui.pilot.pause(0.15)
        saved = load_application(small_copy).lead.role
        assert app.doc.app.lead.role.endswith("あ" * 8)
        assert saved.count("あ") >= 3  # saved while typing went on


async def test_a_save_finishing_while_the_app_closes_leaves_the_screen_alone(
        small_copy: Path) -> None:
    """An autosave written in its thread can finish after the app began to close, while
    Textual takes the screen's widgets away: the file is saved, and the wizard's title is
    not updated (it would look for widgets that are gone)."""
    async with driven(small_copy) as (app, ui):
        await ui.type("lead.name", "X")
        wizard = app.screen
        titles: list[str] = []
        wizard.update_title = lambda note="": titles.append(note)
        doc, snapshot = app.doc, app._snapshot()
        doc.write(snapshot)
        app.exit()
        app._saved(doc, snapshot, "", True)
        assert titles == []
    assert load_application(small_copy).lead.name.endswith("X")


async def test_quit_asks_when_unsaved_and_can_discard_or_save(small_copy: Path) -> None:
    original = small_copy.read_text(encoding="utf-8")
    async with driven(small_copy) as (app, ui):
        await ui.type("lead.name", "X")
        await ui.keys("ctrl+q")
        assert isinstance(app.screen, QuitConfirm)
        await ui.keys("escape")  # go back
        assert not isinstance(app.screen, QuitConfirm) and app.is_running
        await ui.keys("ctrl+q")
        await ui.keys("tab", "enter")  # 保存せずに終了
    assert app.return_code == 0
    assert small_copy.read_text(encoding="utf-8") == original

    async with driven(small_copy) as (app, ui):
        await ui.type("lead.name", "Y")
        await ui.keys("f4", "f4")
        await ui.type("costs.total_yen", "億")  # unreadable text is mentioned
        await ui.keys("ctrl+q")
        warning = str(app.screen.query_one(".warning").render())
        assert "読めない入力が1件" in warning and "総事業費" in warning
        await ui.keys("enter")  # 保存して終了
    assert load_application(small_copy).lead.name.endswith("Y")


async def test_reopening_returns_to_the_step_and_field(small_copy: Path) -> None:
    async with driven(small_copy) as (app, ui):
        await ui.keys("f4", "f4", "f4")
        await ui.focus("partner_benefit.explanation")
        before = small_copy.read_bytes()
        await ui.keys("ctrl+q")  # nothing typed: quits at once, keeping the position
    assert not app.is_running
    assert small_copy.read_bytes() == before  # a file only looked at is never rewritten

    again = make_app(small_copy)
    async with again.run_test(size=SIZE) as pilot:
        await Driver(pilot).settle()
        assert again.screen.step == "benefits"
        assert again.focused.id == widget_id("partner_benefit.explanation")
        assert isinstance(again.focused, TextArea)


async def test_track_advisor_is_live_and_its_advice_can_be_applied(typed_copy: Path) -> None:
    async with driven(typed_copy) as (app, ui):
        await ui.keys("f4", "f4")
        advisor = app.screen.query_one("#advisor")
        assert "FS" in str(advisor.render())
        for path, text in (("costs.total_yen", "20億円"), ("costs.eligible_yen", "12億円")):
            await ui.type(path, text, replace=True)
        await ui.settle()
        shown = str(advisor.render())
        assert "大型実証（対ASEAN加盟国）" in shown and "CTRL+T" in shown
        subsidy = str(app.screen.query_one("#subsidy").render())
        assert "100,000,000円" in subsidy and "上限を適用" in subsidy  # FS cap 1億円
        await ui.keys("ctrl+t")
        assert app.doc.app.track is Track.large_asean
        steps = app.screen.query_one("#steps", OptionList)
        assert "対象外" not in str(steps.get_option("large_extras").prompt)


async def test_ime_cursor_follows_the_field_when_the_layout_moves(typed_copy: Path) -> None:
    async with driven(typed_copy) as (app, ui):
        await ui.keys("f4", "f4")
        await ui.focus("costs.eligible_yen")
        field = app.focused
        before = field.cursor_screen_offset
        await ui.type("costs.eligible_yen", "12億円", replace=True)  # the advisor above grows
        await ui.settle()
        after = field.cursor_screen_offset
        assert after.y > before.y  # the field moved down
        assert app.cursor_position == after


async def test_writing_help_and_character_count(small_copy: Path) -> None:
    async with driven(small_copy) as (app, ui):
        await ui.keys("f6")
        await ui.keys("down", "down", "down", "down", "down", "enter")  # 事業内容
        await ui.focus("content.partner_issue")
        area = box(app, "content.partner_issue")
        assert not area.query(".hint") or not area.has_class("-show-hint")
        await ui.keys("f2")
        hint = area.query_one(".hint")
        assert area.has_class("-show-hint") and hint.region.height > 0
        text = str(hint.render())
        assert "相手国が抱える課題" in text and "良い例" in text and "弱い例" in text
        n = len(app.doc.app.content.partner_issue.replace("\n", ""))
        assert area.border_subtitle == f"{n}字"
        await ui.type("content.partner_issue", "追記")
        assert area.border_subtitle == f"{n + 2}字"


async def test_english_interface_and_switching_back(small_copy: Path, home: Path) -> None:
    async with driven(small_copy, lang="en") as (app, ui):
        steps = str(app.screen.query_one("#steps", OptionList).get_option("applicant").prompt)
        assert "Applicant" in steps
        assert "needs review" in str(app.screen.query_one("#checklist .counts").render())
        await ui.keys("f7")
        await ui.settle()
        steps = str(app.screen.query_one("#steps", OptionList).get_option("applicant").prompt)
        assert "申請者" in steps
    assert '"lang": "ja"' in (home / "settings.json").read_text(encoding="utf-8")


async def test_command_palette_offers_the_steps_and_runs_them(small_copy: Path) -> None:
    async with driven(small_copy) as (app, ui):
        await ui.keys("ctrl+p")
        ui.send(*"事業内容")
        await ui.settle()
        await ui.keys("enter")
        await ui.settle()
        assert app.screen.step == "content"


async def test_step_list_marks_complete_steps(small_copy: Path) -> None:
    async with driven(small_copy) as (app, ui):
        steps = app.screen.query_one("#steps")
        assert all(steps.is_complete(s) for s in STEPS)
        await ui.type("lead.name", "", replace=True)
        await ui.settle()
        assert not steps.is_complete("applicant")
        assert "未入力1" in str(steps.get_option("applicant").prompt)
        assert steps.is_complete("content")


async def test_first_field_and_input_widgets(small_copy: Path) -> None:
    app = make_app(small_copy)
    async with app.run_test(size=SIZE) as pilot:
        await Driver(pilot).settle()
        assert isinstance(app.focused, Input) and app.focused.id == "f-lead-name"
