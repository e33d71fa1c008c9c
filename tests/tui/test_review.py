"""The consultant's review mode, driven by keyboard: filter by status and topic, comment,
decide (refused without a reason), withdraw, jump to the field and back; every action is
in the saved file (its review log grows), and the applicant's wizard shows the marks."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.widgets import DataTable, OptionList, Select, TextArea

from gs_assistant import cli
from gs_assistant.model import add_comment, decide, load_application, save_application
from gs_assistant.rules import Status, check, default_pack
from gs_assistant.session.document import Document
from gs_assistant.tui import config, run
from gs_assistant.tui.review import ReviewScreen, clip, visible
from gs_assistant.tui.review_dialogs import AuthorDialog, NoteDialog
from gs_assistant.tui.wizard import WizardScreen

from .pilot import SIZE, Driver, driven, make_app
from .test_screens import AMBIGUOUS, screen_text

NOW = datetime(2026, 4, 1, 10, 0, tzinfo=timezone(timedelta(hours=9)))


def reviewed(path: Path) -> Path:
    """The large sample with one comment and one decision, at a fixed time."""
    app = load_application(path)
    app = add_comment(app, "TYP-2A", "山田", "国内の運用実績を示す資料を添付してください。",
                      now=NOW)
    app = decide(app, "TYP-2C", "met", "国内工場の増員計画書で確認した。", "山田", now=NOW)
    save_application(app, path)
    return path


def rows(app) -> list[str]:
    table = app.screen.query_one("#review-table", DataTable)
    return [row.key.value for row in table.ordered_rows]


def cells(app, item_id: str) -> list[str]:
    table = app.screen.query_one("#review-table", DataTable)
    return [str(c) for c in table.get_row(item_id)]


def detail(app) -> str:
    return str(app.screen.query_one("#review-detail-text").render())


async def go_to(ui: Driver, item_id: str) -> None:
    """Move the table's cursor to ``item_id`` with the arrow keys."""
    table = ui.app.screen.query_one("#review-table", DataTable)
    steps = table.get_row_index(item_id) - table.cursor_row
    ui.send(*(["down"] * steps if steps > 0 else ["up"] * -steps))
    await ui.settle()
    assert ui.app.screen.current().id == item_id


async def write_note(ui: Driver, text: str) -> None:
    """In the open note dialog: type ``text`` (if any) and press the record button."""
    await ui.focus("#note-text")
    ui.send(*text)
    await ui.settle()
    await ui.focus("#note-ok")
    for _ in range(50):  # a button ignores a second press while it shows the first
        if not ui.app.focused.has_class("-active"):
            break
        await asyncio.sleep(0.02)
    await ui.keys("enter")


# ---------------------------------------------------------------- filters


async def test_filter_by_status_and_by_topic(large_copy: Path) -> None:
    async with driven(large_copy, review=True, reviewer="山田") as (app, ui):
        assert isinstance(app.screen, ReviewScreen)
        report = app.doc.report()
        assert rows(app) == [i.id for i in report.items]  # every item at first
        await ui.keys("f2")  # 不適合: none in the sample
        assert app.screen.status_filter is Status.not_met and rows(app) == []
        assert "条件に合う項目はありません" in detail(app)
        await ui.keys("f2", "f2")  # 未入力, then 要確認
        needs = [i.id for i in report.items if i.status is Status.needs_review]
        assert rows(app) == needs and len(needs) == 15  # AMT-005 and CNT-007 ask a person
        assert all(cells(app, i)[0].strip() == "要確認" for i in needs)
        await ui.keys("t", "t", "t")  # applicant, sme, country ... by the letter keys too
        await ui.keys("f3", "f3", "f3", "f3", "f3")  # -> types (8th topic)
        assert app.screen.topic_filter == "types"
        assert rows(app) == ["TYP-2A", "TYP-2B", "TYP-2C", "TYP-3B", "TYP-3C"]
        bar = str(app.screen.query_one("#review-filters").render())
        assert "判定: 要確認" in bar and "分類: 日本裨益の類型" in bar and "5/66件" in bar
        await ui.keys("f2", "f2")  # 適合, then all statuses again: the topic stays
        assert app.screen.status_filter is None
        assert rows(app) == [i.id for i in report.items if i.topic == "types"]
        # the command palette sets a filter by name
        await ui.keys("ctrl+p")
        ui.send(*"事業期間")
        for _ in range(100):  # the palette searches in the background
            await ui.settle()
            if "分類で絞込" in screen_text(app).replace("&#160;", " "):
                break
            await asyncio.sleep(0.02)
        await ui.keys("enter")
        assert app.screen.topic_filter == "period"
        assert rows(app) == ["PRD-001", "PRD-002", "PRD-003", "PRD-004", "PRD-005"]


def test_visible_items_and_clipped_cells(pack) -> None:
    from gs_assistant.model import Application

    items = check(Application(), pack).items
    missing_types = visible(items, Status.missing, "types")
    assert missing_types and all(i.topic == "types" and i.status is Status.missing
                                 for i in missing_types)
    assert visible(items, None, None) == items
    assert clip("補助対象経費は総事業費以下", 10) == "補助対象.."  # 8 cells and the dots
    assert clip("short", 10) == "short"


# ---------------------------------------------------------------- comment


async def test_comment_is_saved_and_an_empty_one_refused(large_copy: Path) -> None:
    before = load_application(large_copy)
    async with driven(large_copy, review=True, reviewer="山田") as (app, ui):
        await go_to(ui, "TYP-2A")
        await ui.keys("f4")
        assert isinstance(app.screen, NoteDialog)
        await write_note(ui, "")  # nothing typed: refused in the dialog
        assert isinstance(app.screen, NoteDialog)
        assert "コメントを入力してください" in str(app.screen.query_one("#note-message").render())
        assert load_application(large_copy).review.log == []
        await write_note(ui, "国内実績の資料を添付してください")
        assert isinstance(app.screen, ReviewScreen)
        assert cells(app, "TYP-2A")[-1] == "1"  # the comment count
        assert "国内実績の資料を添付してください" in detail(app)
        assert "山田" in detail(app)
    saved = load_application(large_copy)
    comments = saved.review.items["TYP-2A"].comments
    assert [(c.author, c.text) for c in comments] == [("山田", "国内実績の資料を添付してください")]
    assert len(saved.review.log) == len(before.review.log) + 1
    assert saved.review.log[-1].action == "comment"
    assert saved.lead == before.lead  # the applicant's answers are untouched
    assert large_copy.with_suffix(".yaml.bak").exists()  # saved atomically, with a backup


# ---------------------------------------------------------------- decide and withdraw


async def test_decide_needs_a_reason_then_is_recorded(large_copy: Path) -> None:
    async with driven(large_copy, review=True, reviewer="山田") as (app, ui):
        await go_to(ui, "TYP-2B")
        await ui.keys("f5")
        assert isinstance(app.screen, NoteDialog)
        assert not AMBIGUOUS.findall(screen_text(app))
        await ui.choose("#note-status", "met")
        await write_note(ui, "")  # a status but no reason: refused
        assert isinstance(app.screen, NoteDialog)
        assert "理由を入力してください" in str(app.screen.query_one("#note-message").render())
        assert load_application(large_copy).review.log == []
        await write_note(ui, "州電力会社の規程の資料で確認")
        assert isinstance(app.screen, ReviewScreen)
        row = cells(app, "TYP-2B")
        assert row[0].strip() == "適合" and row[1].strip() == "要確認"  # final, checker
        assert row[5] == "済"
        assert "州電力会社の規程の資料で確認" in detail(app)
    saved = load_application(large_copy)
    decision = saved.review.items["TYP-2B"].decision
    assert (decision.status.value, decision.reason, decision.author) == (
        "met", "州電力会社の規程の資料で確認", "山田")
    assert [e.action for e in saved.review.log] == ["decide"]
    item = check(saved, default_pack()).item("TYP-2B")
    assert (item.status, item.computed_status) == (Status.met, Status.needs_review)


async def test_a_decision_without_a_status_is_refused(large_copy: Path) -> None:
    async with driven(large_copy, review=True, reviewer="山田") as (app, ui):
        await go_to(ui, "CNT-002")
        await ui.keys("d")
        assert app.screen.query_one("#note-status", Select).value is Select.NULL
        await write_note(ui, "理由だけ")
        assert isinstance(app.screen, NoteDialog)
        assert "判定を選んでください" in str(app.screen.query_one("#note-message").render())
        await ui.keys("escape")
        assert isinstance(app.screen, ReviewScreen)
    assert load_application(large_copy).review.log == []


async def test_withdraw_a_decision(large_copy: Path) -> None:
    reviewed(large_copy)
    async with driven(large_copy, review=True, reviewer="佐藤") as (app, ui):
        await go_to(ui, "TYP-2B")  # no decision: nothing to withdraw
        await ui.keys("f6")
        assert isinstance(app.screen, ReviewScreen)
        assert any("取り消す判断がありません" in n.message for n in app._notifications)
        await go_to(ui, "TYP-2C")
        assert cells(app, "TYP-2C")[0].strip() == "適合"
        await ui.keys("f6")
        assert isinstance(app.screen, NoteDialog)
        await write_note(ui, "計画書が未確定のため")
        assert cells(app, "TYP-2C")[0].strip() == "要確認"  # the checker's status again
        assert cells(app, "TYP-2C")[5] == ""
    saved = load_application(large_copy)
    assert saved.review.items["TYP-2C"].decision is None
    assert [e.action for e in saved.review.log] == ["comment", "decide", "withdraw"]
    assert saved.review.log[-1].author == "佐藤"
    assert "計画書が未確定のため" in saved.review.log[-1].detail


# ---------------------------------------------------------------- jump


async def test_jump_to_the_field_and_back(large_copy: Path) -> None:
    async with driven(large_copy, review=True, reviewer="山田") as (app, ui):
        await go_to(ui, "AMT-002")
        await ui.keys("f8")
        assert isinstance(app.screen, WizardScreen)
        assert "ctrl+r" in app.screen.active_bindings
        assert app.screen.step == "track_money_period"
        assert app.focused.id == "f-costs-eligible_yen"  # the item's field
        title = str(app.screen.query_one("#titlebar").render())
        assert "レビュー中" in title
        # the consultant changes the answer: more than the total cost
        await ui.type("costs.eligible_yen", "40億円", replace=True)
        await ui.keys("ctrl+r")
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.current().id == "AMT-002"
        # the table has refreshed: the sample's expense plan decides the totals, so the
        # typed eligible cost now disagrees with it
        assert cells(app, "EXP-010")[0].strip() == "不適合"
        assert cells(app, "AMT-002")[0].strip() == "適合"
        await go_to(ui, "CNT-003")
        await ui.keys("enter")  # Enter on a row jumps too
        assert isinstance(app.screen, WizardScreen)
        assert app.focused.id == "f-content-activities"
        assert isinstance(app.focused, TextArea)


async def test_back_to_review_only_in_review_mode(large_copy: Path) -> None:
    async with driven(large_copy) as (app, ui):
        assert "ctrl+r" not in app.screen.active_bindings  # nor in the footer
        await ui.keys("ctrl+r")
        assert isinstance(app.screen, WizardScreen) and len(app.screen_stack) == 1


async def test_language_switch_and_help_keep_the_review_screen(large_copy: Path) -> None:
    async with driven(reviewed(large_copy), review=True, reviewer="山田") as (app, ui):
        await ui.keys("f2", "f2", "f2")  # needs review
        await go_to(ui, "TYP-2B")
        await ui.keys("f7")
        assert isinstance(app.screen, ReviewScreen)
        table = app.screen.query_one("#review-table", DataTable)
        assert [str(c.label) for c in table.columns.values()][:3] == ["Status", "Checker", "ID"]
        assert app.screen.status_filter is Status.needs_review  # the filter stays
        assert app.screen.current().id == "TYP-2B"  # and so does the row
        assert "The answers it rests on" in detail(app)
        await ui.keys("f1")
        help_text = screen_text(app).replace("&#160;", " ")
        assert "Add a comment to the highlighted item" in help_text
        assert not AMBIGUOUS.findall(help_text)
        await ui.keys("escape", "ctrl+p")
        ui.send(*"topic")
        for _ in range(100):  # the palette searches in the background
            await ui.settle()
            shown = screen_text(app).replace("&#160;", " ")
            if "Filter by topic: Period" in shown:
                break
            await asyncio.sleep(0.02)
        assert "Filter by topic: Period" in shown
        assert not AMBIGUOUS.findall(shown)


# ---------------------------------------------------------------- the reviewer's name


async def test_the_name_is_asked_once_and_kept(large_copy: Path, home: Path) -> None:
    async with driven(large_copy, review=True) as (app, ui):
        assert isinstance(app.screen, AuthorDialog)
        await ui.keys("enter")  # empty: refused
        assert isinstance(app.screen, AuthorDialog)
        ui.send(*"佐藤")
        await ui.keys("enter")
        assert isinstance(app.screen, ReviewScreen)
        assert "担当: 佐藤" in str(app.screen.query_one("#titlebar").render())
    assert json.loads((home / config.SETTINGS_FILE).read_text(encoding="utf-8"))[
        "reviewer"] == "佐藤"
    saved = config.load_settings().reviewer
    async with driven(large_copy, review=True, reviewer=saved) as (app, ui):
        assert isinstance(app.screen, ReviewScreen)  # not asked again
        await go_to(ui, "PBN-001")
        await ui.keys("c")
        await write_note(ui, "裨益の説明に数値を")
    assert load_application(large_copy).review.items["PBN-001"].comments[0].author == "佐藤"


async def test_author_option_is_for_this_session_only(large_copy: Path, home: Path) -> None:
    async with driven(large_copy, review=True, reviewer="山田", author="鈴木") as (_, ui):
        await go_to(ui, "PBN-001")
        await ui.keys("f4")
        await write_note(ui, "確認しました")
    assert load_application(large_copy).review.items["PBN-001"].comments[0].author == "鈴木"
    assert not (home / config.SETTINGS_FILE).exists()


# ---------------------------------------------------------------- the applicant's view


async def test_the_applicant_sees_marks_comments_and_decisions(large_copy: Path) -> None:
    reviewed(large_copy)
    async with driven(large_copy) as (app, ui):
        steps = app.screen.query_one("#steps", OptionList)
        benefits = str(steps.get_option("benefits").prompt)
        assert "レビュー2" in benefits
        assert "レビュー" not in str(steps.get_option("applicant").prompt)
        await app.screen.show_step("benefits")
        await ui.keys("f5")
        options = app.screen.query_one("#checklist OptionList", OptionList)
        assert "[コメント1]" in str(options.get_option("TYP-2A").prompt)
        assert "[判断]" in str(options.get_option("TYP-2C").prompt)
        assert "[" not in str(options.get_option("TYP-2B").prompt)
        options.highlighted = options.get_option_index("TYP-2A")
        await ui.settle()
        text = str(app.screen.query_one("#checklist .detail").render()).replace("\n", "")
        assert "支援者のコメント（山田、2026-04-01 10:00）" in text
        assert "国内の運用実績を示す資料を添付してください。" in text
        options.highlighted = options.get_option_index("TYP-2C")
        await ui.settle()
        text = str(app.screen.query_one("#checklist .detail").render()).replace("\n", "")
        decided = "支援者の判断（山田、2026-04-01 10:00）：適合 国内工場の増員計画書で確認した。"
        assert decided in text


# ---------------------------------------------------------------- state and command line


def test_document_record_saves_and_refuses_cleanly(large_copy: Path) -> None:
    from gs_assistant.model import ReviewError

    doc = Document.open(large_copy, default_pack())
    doc.record(lambda a: add_comment(a, "TYP-2A", "山田", "確認", now=NOW))
    assert not doc.dirty and doc.report().item("TYP-2A").review.comments[0].text == "確認"
    assert len(load_application(large_copy).review.log) == 1
    with pytest.raises(ReviewError):
        doc.record(lambda a: decide(a, "TYP-2A", "met", "  ", "山田"))
    assert len(doc.app.review.log) == 1 and len(load_application(large_copy).review.log) == 1


def test_review_command_passes_the_file_and_the_author(monkeypatch) -> None:
    import gs_assistant.tui as tui

    calls = []
    monkeypatch.setattr(tui, "run", lambda **kw: calls.append(kw) or 0)
    assert cli.main(["review", "a.yaml", "--author", "山田"]) == 0
    assert cli.main(["--lang", "en", "review", "b.yaml"]) == 0
    assert calls == [{"command": "review", "file": "a.yaml", "lang": "", "author": "山田"},
                     {"command": "review", "file": "b.yaml", "lang": "en", "author": ""}]


def test_review_of_a_file_that_cannot_be_used_is_one_line(tmp_path: Path, capsys) -> None:
    assert run("review", str(tmp_path / "none.yaml"), "ja", author="山田") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "none.yaml" in err[0] and "Traceback" not in err[0]


# ---------------------------------------------------------------- snapshot


def test_review_screen_snapshot(large_copy: Path, snap_compare) -> None:
    """The large sample with one comment and one decision, TYP-2C highlighted."""
    app = make_app(reviewed(large_copy), review=True, reviewer="山田")

    async def go(pilot) -> None:
        ui = Driver(pilot)
        await ui.settle()
        await go_to(ui, "TYP-2C")

    assert snap_compare(app, terminal_size=SIZE, run_before=go)
