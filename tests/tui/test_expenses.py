"""The expense plan (経費明細) in the wizard: a table of rows on step 事業区分・経費・期間, a
row's form, the plan's totals under the table, at the smallest terminal and with fast,
Japanese typing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from textual import events
from textual.widgets import DataTable

from gs_assistant.model import load_application, save_application
from gs_assistant.model.application import ExpenseRow
from gs_assistant.model.files import parse_yaml
from gs_assistant.parsing import format_yen
from gs_assistant.rules import check, default_pack
from gs_assistant.tui.app import WizardApp
from gs_assistant.tui.dialogs import Confirm
from gs_assistant.tui.widgets.records import RowEditor, RowFact

from .pilot import Driver, make_app

SMALL_TERMINAL = (80, 24)


def plan_text(app) -> str:
    return str(app.screen.query_one("#plan-facts").render())


@asynccontextmanager
async def on_costs_step(path: Path) -> AsyncIterator[tuple[WizardApp, Driver]]:
    """The wizard at 80x24 on step 事業区分・経費・期間 (two F4s from the first step)."""
    app = make_app(path)
    async with app.run_test(size=SMALL_TERMINAL) as pilot:
        ui = Driver(pilot)
        await ui.settle()
        await ui.keys("f4", "f4")
        yield app, ui


def cells(app, row: int) -> list[str]:
    table = app.screen.query_one("#f-costs-expenses", DataTable)
    return [str(c) for c in table.get_row_at(row)]


async def test_a_row_added_by_keyboard_updates_amount_totals_and_file(small_copy: Path) -> None:
    async with on_costs_step(small_copy) as (app, ui):
        before = app.doc.report().facts.expenses
        rows = before.rows
        assert f"{rows}行" in plan_text(app)
        await ui.focus("costs.expenses")
        await ui.keys("a")
        assert isinstance(app.screen, RowEditor)
        row = f"costs.expenses[{rows}]"
        # the member is one of the consortium's (the lead only, in this sample)
        await ui.choose(f"{row}.category", "travel")
        await ui.type(f"{row}.description", "ハノイでの現地調査（通訳同行）")
        await ui.focus(f"{row}.unit_price")
        await ui.pilot.press("3", "5", ",", "0", "0", "0")  # one burst, no wait between keys
        await ui.focus(f"{row}.quantity")
        await ui.pilot.press("1", "2")
        await ui.type(f"{row}.unit", "人日")
        await ui.settle()
        fact = app.screen.query_one(RowFact)
        assert "420,000円" in str(fact.render())  # 35,000 × 12, shown in the form
        await ui.type(f"{row}.note", "通訳は現地手配")  # the last field: scrolled into view
        dialog = app.screen.query_one(".dialog")
        assert dialog.region.contains_region(app.focused.region), app.focused.region
        await ui.keys("escape")
        assert not isinstance(app.screen, RowEditor)
        await ui.settle()
        added = app.doc.app.costs.expenses[rows]
        assert (added.member, added.category, added.unit) == ("lead", "travel", "人日")
        assert cells(app, rows)[2] == "ハノイでの現地調査（通訳同行）"
        assert cells(app, rows)[3] == "420,000" and cells(app, rows)[4] == "対象"
        total = before.total_yen + 420_000
        assert format_yen(total) in plan_text(app)
        items = app.screen.query_one("#checklist").items
        assert f"経費明細{rows + 1}行" in items["EXP-001"].reason("ja")
        await ui.keys("ctrl+s")
    saved = parse_yaml(small_copy.read_text(encoding="utf-8"))["costs"]["expenses"][rows]
    assert saved["unit_price"] == 35_000 and type(saved["unit_price"]) is int
    assert saved["quantity"] == 12 and type(saved["quantity"]) is int
    assert check(load_application(small_copy), default_pack()).facts.total_yen == total


async def test_a_foreign_currency_row_shows_its_yen_as_the_rate_is_typed(
        small_copy: Path) -> None:
    async with on_costs_step(small_copy) as (app, ui):
        index = len(app.doc.app.costs.expenses) - 1
        assert app.screen.focus_field(f"costs.expenses[{index}].currency", open_form=True)
        await ui.settle()
        row = f"costs.expenses[{index}]"
        await ui.type(f"{row}.currency", "usd", replace=True)
        fact = app.screen.query_one(RowFact)
        assert "未確定" in str(fact.render())  # no rate yet
        await ui.type(f"{row}.amount", "12,500.5", replace=True)
        await ui.type(f"{row}.rate", "150.3")
        shown = str(fact.render())
        assert "1,878,825円" in shown and "USD 12,500.5 × 150.3" in shown  # rounded down
        await ui.keys("escape")
        await ui.settle()
        assert cells(app, index)[3] == "1,878,825"
        items = app.screen.query_one("#checklist").items
        assert items["EXP-006"].status.value == "missing"  # no rate date nor source


async def test_a_row_is_removed_after_confirming(small_copy: Path) -> None:
    async with on_costs_step(small_copy) as (app, ui):
        plan = app.doc.report().facts.expenses
        first, second = app.doc.app.costs.expenses[:2]
        await ui.focus("costs.expenses")
        await ui.keys("delete")
        assert isinstance(app.screen, Confirm)
        await ui.keys("tab", "enter")  # はい
        await ui.settle()
        assert app.doc.app.costs.expenses[0] == second
        assert len(app.doc.app.costs.expenses) == plan.rows - 1
        assert cells(app, 0)[2] == second.description
        assert format_yen(plan.total_yen - plan.row_yen[0]) in plan_text(app)
        assert first.description not in [r.description for r in app.doc.app.costs.expenses]


async def test_typed_totals_that_differ_from_the_plan_are_named(small_copy: Path) -> None:
    async with on_costs_step(small_copy) as (app, ui):
        plan = app.doc.report().facts.expenses
        assert "異なります" not in plan_text(app)
        await ui.type("costs.total_yen", "1億円", replace=True)
        text = plan_text(app).replace("\n", "")
        assert "100,000,000円" in text and format_yen(plan.total_yen) in text
        assert "異なります" in text and "経費明細の合計を使います" in text
        assert app.doc.report().item("EXP-010").status.value == "not_met"


async def test_a_500_row_plan_opens_and_its_step_renders(small_copy: Path) -> None:
    doc = load_application(small_copy)
    doc.costs.expenses = [
        ExpenseRow(member="lead", category="personnel", description=f"技術者{i}",
                   unit_price=50_000 + i, quantity=2, unit="人日")
        for i in range(500)]
    doc.costs.total_yen = doc.costs.eligible_yen = None
    save_application(doc, small_copy)
    total = sum((50_000 + i) * 2 for i in range(500))
    async with on_costs_step(small_copy) as (app, ui):
        table = app.screen.query_one("#f-costs-expenses", DataTable)
        assert table.row_count == 500
        assert cells(app, 499)[3] == f"{(50_000 + 499) * 2:,}"
        assert "経費明細500行" in plan_text(app) and format_yen(total) in plan_text(app)
        assert app.screen.focus_field("costs.expenses[499].description", open_form=True)
        await ui.settle()
        assert isinstance(app.screen, RowEditor)
        assert app.focused.id == "f-costs-expenses-499-description"


async def test_a_row_is_borne_by_a_member_chosen_from_the_consortium(large_copy: Path) -> None:
    async with on_costs_step(large_copy) as (app, ui):
        co1 = app.doc.app.co_applicants[0].name
        before = {m.member: m.total_yen for m in app.doc.report().facts.expenses.by_member}
        moved = app.doc.report().facts.expenses.row_yen[0]
        assert app.screen.focus_field("costs.expenses[0].member", open_form=True)
        await ui.settle()
        select = app.focused
        assert [v for _, v in select._options] == ["lead", "co1"]  # no blank: always someone
        await ui.choose("costs.expenses[0].member", "co1")
        await ui.keys("escape")
        await ui.settle()
        assert app.doc.app.costs.expenses[0].member == "co1"
        assert co1.startswith(cells(app, 0)[0])
        assert f"{co1} {format_yen(before['co1'] + moved)}" in plan_text(app).replace("\n", "")


async def test_removing_a_co_applicant_takes_its_rows_and_renumbers_the_rest(
        large_copy: Path) -> None:
    data = load_application(large_copy)
    data.co_applicants.append(data.co_applicants[0].model_copy(update={"name": "南星工業"}))
    data.costs.expenses.append(ExpenseRow(member="co2", category="travel",
                                          description="南星工業の渡航", amount=1_000_000))
    save_application(data, large_copy)
    rows = len(data.costs.expenses)
    co1_rows = data.costs.rows_of("co1")
    assert co1_rows == 3
    app = make_app(large_copy)
    async with app.run_test(size=SMALL_TERMINAL) as pilot:
        ui = Driver(pilot)
        await ui.settle()
        await ui.focus("co_applicants")
        await ui.keys("delete")  # the first co-applicant
        assert isinstance(app.screen, Confirm)
        assert "経費明細のこの共同申請者の行（3行）も削除されます" in app.screen.question
        await ui.keys("tab", "enter")
        await ui.settle()
        costs = app.doc.app.costs
        assert [c.name for c in app.doc.app.co_applicants] == ["南星工業"]
        assert len(costs.expenses) == rows - co1_rows
        assert [r.description for r in costs.expenses if r.member == "co1"] == ["南星工業の渡航"]
        assert app.doc.report().item("EXP-009:co1").status.value == "met"


def paste(app, text: str) -> None:
    """Text pasted in the terminal (bracketed paste), as the driver delivers it."""
    event = events.Paste(text)
    event.set_sender(app)
    app._driver.send_message(event)


async def test_rows_pasted_from_a_spreadsheet_are_added_or_refused_whole(
        large_copy: Path) -> None:
    async with on_costs_step(large_copy) as (app, ui):
        plan = app.doc.report().facts.expenses
        await ui.focus("costs.expenses")
        paste(app, "計上者\t費目\t内容\t単価\t数量\t単位\n"  # the header row, copied too
                   "幹事法人\t旅費\tデリー出張\t400000\t2\t回\n"
                   "グリッドソフト\t人件費\t画面の試験\t\t\t\n")  # no such member name
        await ui.settle()
        assert len(app.doc.app.costs.expenses) == plan.rows  # nothing added
        said = [n.message for n in app._notifications]
        assert any("貼り付け:3:A" in m for m in said), said
        co1 = app.doc.app.co_applicants[0].name
        paste(app, f"幹事法人\t旅費\tデリー出張\t400000\t2\t回\n"  # no header: this order
                   f"{co1}\t人件費\t画面の試験\t70,000\t10\t人日\n")
        await ui.settle()
        added = app.doc.app.costs.expenses[plan.rows:]
        assert [(r.member, r.category, r.description) for r in added] == [
            ("lead", "travel", "デリー出張"), ("co1", "personnel", "画面の試験")]
        table = app.screen.query_one("#f-costs-expenses", DataTable)
        assert table.row_count == plan.rows + 2 and table.cursor_row == plan.rows
        assert cells(app, plan.rows + 1)[3] == "700,000"
        assert format_yen(plan.total_yen + 800_000 + 700_000) in plan_text(app)
        # the subsidy and the checklist follow the pasted rows
        before = plan.subsidy_yen
        report = app.doc.report()
        assert report.facts.subsidy_yen == before + (800_000 + 700_000) // 2  # rate 1/2
        subsidy = str(app.screen.query_one("#subsidy").render())
        assert format_yen(report.facts.subsidy_yen) in subsidy
        items = app.screen.query_one("#checklist").items
        assert f"（{plan.rows + 2:,}行）" in items["AMT-001"].reason("ja")


async def test_a_copied_row_is_added_with_its_form_open(large_copy: Path) -> None:
    async with on_costs_step(large_copy) as (app, ui):
        plan = app.doc.report().facts.expenses
        second = app.doc.app.costs.expenses[1].model_copy()
        await ui.focus("costs.expenses")
        await ui.keys("down", "c")
        assert isinstance(app.screen, RowEditor)
        assert app.focused.id == f"f-costs-expenses-{plan.rows}-member"
        await ui.type(f"costs.expenses[{plan.rows}].description", "（予備機）")
        await ui.keys("escape")
        await ui.settle()
        rows = app.doc.app.costs.expenses
        assert rows[1] == second  # the original is untouched
        assert rows[-1].description == second.description + "（予備機）"
        assert rows[-1].model_dump(exclude={"description"}) == \
            second.model_dump(exclude={"description"})
        assert format_yen(plan.total_yen + plan.row_yen[1]) in plan_text(app)
        # a copied co-applicant has its own answers, not the original's
        await app.screen.show_step("applicant")
        await ui.focus("co_applicants")
        await ui.keys("c")
        assert isinstance(app.screen, RowEditor)
        await ui.keys("escape")
        first, copy = app.doc.app.co_applicants
        assert copy == first and copy.deemed_large is not first.deemed_large
