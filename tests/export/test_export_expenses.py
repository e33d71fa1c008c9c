"""The draft's 経費明細: by 費目 × member with totals, the subsidy computation, the
foreign-currency rows with their rate and date, and the detailed rows; amounts right-aligned
and unwrapped, rows never split (the writer's rules, checked here on these tables)."""

from __future__ import annotations

from docx.oxml.ns import qn
from export_helpers import find_table, headings, table_rows

from gs_assistant.export.docx import build_document
from gs_assistant.model import load_application
from gs_assistant.paths import samples_dir
from gs_assistant.rules import default_pack
from gs_assistant.rules.expenses import row_yen


def test_the_plan_by_category_and_member_adds_up(large_doc) -> None:
    app = load_application(samples_dir() / "large_demo_india.yaml")
    assert "経費明細（費目別・計上者別、消費税抜き）" in headings(large_doc, 2)
    rows = table_rows(find_table(large_doc, "費目", app.lead.name))
    assert rows[0] == ["費目", app.lead.name, app.co_applicants[0].name, "合計", "うち補助対象"]
    assert rows[-1] == ["合計", "3,140,000,000円", "460,000,000円", "3,600,000,000円",
                        "3,000,000,000円"]
    body = rows[1:-1]
    yen = [[int(c.removesuffix("円").replace(",", "")) for c in r[1:]] for r in body]
    assert all(r[0] + r[1] == r[2] for r in yen)  # members add up to the category's total
    assert sum(r[2] for r in yen) == 3_600_000_000
    assert sum(r[3] for r in yen) == 3_000_000_000
    assert [r[0] for r in body][:2] == ["人件費", "旅費"]  # in the pack's order


def test_the_subsidy_computation_and_the_members_shares(large_doc) -> None:
    calc = dict(table_rows(find_table(large_doc, "項目", "金額"))[1:])
    assert calc["補助率"] == "1/2"
    assert calc["補助額"] == "1,500,000,000円（15億円）"
    assert calc["自己負担額（総事業費－補助額）"] == "2,100,000,000円（21億円）"
    assert calc["補助上限額（コンソーシアム全体）"] == "4,000,000,000円（40億円）"
    shares = table_rows(find_table(large_doc, "計上者", "経費"))
    assert [r[3] for r in shares[1:]] == ["1,270,000,000円", "230,000,000円"]


def test_foreign_currency_rows_show_rate_date_and_yen(large_doc) -> None:
    rows = table_rows(find_table(large_doc, "内容", "通貨", "外貨額"))
    assert rows[1] == ["設置工事用資材（現地調達）", "INR", "50,000,000", "1.78",
                       "2026-05-15 三菱UFJ銀行 TTM", "89,000,000円"]
    assert [r[1] for r in rows[1:]] == ["INR", "INR", "USD", "INR"]


def test_detailed_rows_amounts_right_aligned_and_unwrapped(large_doc) -> None:
    app = load_application(samples_dir() / "large_demo_india.yaml")
    table = find_table(large_doc, "No.", "費目（計上者）")
    rows = table_rows(table)
    assert len(rows) == 1 + len(app.costs.expenses)
    assert [int(r[3].replace(",", "")) for r in rows[1:]] == [
        row_yen(r) for r in app.costs.expenses]
    assert rows[1][1] == "設備費（幹事法人）" and rows[11][1] == "人件費（共同申請者1）"
    assert rows[14][4] == "0"  # 補助対象外
    for row in table.rows:
        for c in (3, 4):
            assert row.cells[c]._tc.tcPr.find(qn("w:noWrap")) is not None
            assert row.cells[c].paragraphs[0].alignment == 2  # right
        assert row._tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None


def test_no_plan_no_section() -> None:
    app = load_application(samples_dir() / "sme_fs_vietnam.yaml")
    app.costs.expenses = []
    pack = default_pack()
    doc = build_document(app, pack)
    assert "経費明細（費目別・計上者別、消費税抜き）" not in headings(doc, 2)
    assert all(t.rows[0].cells[0].text != "No." for t in doc.tables)
