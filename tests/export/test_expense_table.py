"""`gs-assistant expenses`: the expense plan to and from CSV / Excel (openpyxl)."""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from gs_assistant.cli import main
from gs_assistant.model import load_application, save_application
from gs_assistant.model.application import Application, ExpenseRow
from gs_assistant.paths import samples_dir

CATEGORIES = ["personnel", "travel", "equipment", "commission", "outsourcing", "広告宣伝費", ""]
TEXTS = ["技術者（設計）", "カンマ, と \"引用符\"", "改行\nあり", "  先頭に空白", "=SUM(A1)", "x"]


def _plan(n: int, seed: int = 7) -> list[ExpenseRow]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        foreign = rng.random() < 0.3
        lump = rng.random() < 0.4
        rows.append(ExpenseRow(
            member=rng.choice(["lead", "co1", "partner"]),
            category=rng.choice(CATEGORIES), description=rng.choice(TEXTS) + str(i),
            unit_price=None if lump else Decimal(rng.randrange(1, 10**7)) / rng.choice([1, 100]),
            quantity=None if lump else Decimal(rng.randrange(1, 5000)) / rng.choice([1, 10]),
            unit=rng.choice(["人日", "回", "式", ""]),
            amount=Decimal(rng.randrange(0, 10**9)) / rng.choice([1, 100]) if lump else None,
            currency=rng.choice(["USD", "INR", "VND"]) if foreign else "JPY",
            rate=Decimal(rng.randrange(1, 20000)) / 100 if foreign else None,
            rate_date=date(2026, 5, 1) + timedelta(days=rng.randrange(-40, 40)) if foreign
            else None,
            rate_source="三菱UFJ銀行 TTM" if foreign else "",
            eligible=rng.random() < 0.8,
            eligible_yen=rng.randrange(0, 10**6) if rng.random() < 0.1 else None,
            tax_included=rng.random() < 0.05, note=rng.choice(["", "按分", "備考, カンマ"]),
        ))
    return rows


@pytest.fixture
def app_file(tmp_path: Path) -> Path:
    app = load_application(samples_dir() / "large_demo_india.yaml")
    app.costs.expenses = _plan(200)
    path = tmp_path / "申請.yaml"
    save_application(app, path)
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_200_row_plan_goes_out_and_back_without_loss(
        capsys, tmp_path: Path, app_file: Path, suffix: str) -> None:
    before = load_application(app_file).costs.expenses
    table = tmp_path / f"plan{suffix}"
    assert run(capsys, "expenses", str(app_file), "--export", str(table))[0] == 0
    other = tmp_path / "other.yaml"
    save_application(Application(), other)
    code, out, err = run(capsys, "expenses", str(other), "--import", str(table))
    assert (code, err) == (0, ""), err
    assert "200行を取り込みました" in out
    # members are kept by key (lead, co1, partner), also into a file that has no co1 yet
    imported = load_application(other).costs.expenses
    assert imported == before
    again = tmp_path / f"again{suffix}"
    assert run(capsys, "expenses", str(other), "--export", str(again))[0] == 0
    if suffix == ".csv":
        assert again.read_bytes() == table.read_bytes()
    else:
        first = [list(r) for r in load_workbook(table).active.iter_rows(values_only=True)]
        second = [list(r) for r in load_workbook(again).active.iter_rows(values_only=True)]
        assert first == second


def test_the_csv_is_utf8_with_a_bom_and_carries_the_yen_values(
        capsys, tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    assert run(capsys, "expenses", "sample:large_demo_india", "--export", str(out))[0] == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["計上者", "費目", "内容"]
    assert rows[3][1] == "原材料費" and rows[3][7] == "INR" and rows[3][-2] == "89000000"
    assert sum(int(r[-1]) for r in rows[1:]) == 3_000_000_000


def _table(path: Path, rows: list[list[object]]) -> None:
    if path.suffix == ".xlsx":
        book = Workbook()
        for row in rows:
            book.active.append(row)
        book.save(path)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(rows)


HEADER = ["計上者", "費目", "内容", "単価", "数量", "単位", "金額（一式）", "通貨",
          "換算レート（円）", "換算日", "レートの出所", "補助対象"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_bad_cells_are_named_by_row_and_column_and_nothing_is_imported(
        capsys, tmp_path: Path, app_file: Path, suffix: str) -> None:
    before = app_file.read_bytes()
    table = tmp_path / f"bad{suffix}"
    _table(table, [
        HEADER,
        ["lead", "人件費", "技術者", 50000, 10, "人日", None, "JPY", None, None, None, "はい"],
        ["lead", "旅費", "渡航", "五万", 2, "回", None, "JPY", None, None, None, "はい"],
        ["co1", "旅費", "渡航", 1000, 1, "回", None, "US$", None, None, None, "たぶん"],
        ["lead", "謝金", "謝金", None, None, None, -5, "JPY", None, "2026-02-30", None, "はい"],
    ])
    code, out, err = run(capsys, "expenses", str(app_file), "--import", str(table))
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    where = [line.split(": ", 1)[0] for line in lines]
    assert where == [f"{table}:3:D", f"{table}:4:L", f"{table}:4:H", f"{table}:5:G",
                     f"{table}:5:J"], err
    assert "はい／いいえ" in lines[1] and "0以上" in lines[3] and "2026-02-30" in lines[4]
    assert app_file.read_bytes() == before


def test_an_unknown_header_and_too_many_rows_are_refused(
        capsys, tmp_path: Path, app_file: Path) -> None:
    before = app_file.read_bytes()
    table = tmp_path / "bad.csv"
    _table(table, [["計上者", "金額", "内容"], ["lead", 1, "x"]])
    code, _, err = run(capsys, "expenses", str(app_file), "--import", str(table))
    assert code == 2 and err.startswith(f"{table}:1:B: 見出し「金額」")
    _table(table, [HEADER[:3]] + [["lead", "人件費", f"行{i}"] for i in range(1001)])
    code, _, err = run(capsys, "expenses", str(app_file), "--import", str(table))
    assert code == 2 and "1,001行あります。1,000行までです" in err
    assert err.startswith(f"{table}:1002:A:")
    assert app_file.read_bytes() == before


def test_members_are_read_by_name_and_categories_by_japanese_name(
        capsys, tmp_path: Path, app_file: Path) -> None:
    table = tmp_path / "plan.csv"
    _table(table, [["計上者", "費目", "内容", "金額（一式）", "補助対象"],
                   ["株式会社グリッドソフト仙台（架空）", "委託費", "委託", "1,200,000", "対象外"],
                   ["幹事法人", "Personnel", "技術者", "3000000", ""]])
    assert run(capsys, "expenses", str(app_file), "--import", str(table))[0] == 0
    rows = load_application(app_file).costs.expenses
    assert [(r.member, r.category, r.amount, r.eligible) for r in rows] == [
        ("co1", "commission", Decimal(1200000), False), ("lead", "personnel", 3000000, True)]


def test_a_shift_jis_csv_from_excel_is_read(capsys, tmp_path: Path, app_file: Path) -> None:
    table = tmp_path / "sjis.csv"
    table.write_bytes("計上者,費目,内容,金額（一式）\r\nlead,旅費,出張,100000\r\n".encode("cp932"))
    assert run(capsys, "expenses", str(app_file), "--import", str(table))[0] == 0
    assert load_application(app_file).costs.expenses[0].description == "出張"


def test_export_refuses_to_overwrite_and_odd_names(capsys, tmp_path: Path, app_file: Path
                                                    ) -> None:
    out = tmp_path / "plan.csv"
    out.write_text("keep", encoding="utf-8")
    code, _, err = run(capsys, "expenses", str(app_file), "--export", str(out))
    assert code == 2 and "--force" in err and out.read_text(encoding="utf-8") == "keep"
    assert run(capsys, "expenses", str(app_file), "--export", str(out), "--force")[0] == 0
    code, _, err = run(capsys, "expenses", str(app_file), "--export", str(tmp_path / "x.txt"))
    assert code == 2 and ".xlsx" in err
    code, _, err = run(capsys, "expenses", str(app_file), "--export", str(app_file))
    assert code == 2
    code, _, err = run(capsys, "expenses", "sample:large_demo_india", "--import", str(out))
    assert code == 2 and "サンプル" in err


def test_a_file_that_is_not_excel_is_one_line(capsys, tmp_path: Path, app_file: Path) -> None:
    table = tmp_path / "fake.xlsx"
    table.write_bytes(b"not a zip")
    before = app_file.read_bytes()
    code, _, err = run(capsys, "expenses", str(app_file), "--import", str(table))
    assert code == 2 and err.startswith(f"{table}:1:A: Excelファイル")
    assert len(err.strip().splitlines()) == 1 and app_file.read_bytes() == before


def test_the_summary_and_english(capsys) -> None:
    code, out, _ = run(capsys, "--lang", "en", "expenses", "sample:large_demo_india")
    assert code == 0 and out.startswith("15 rows: total 3,600,000,000 yen")
    assert "subsidy 1,500,000,000 yen, own share 2,100,000,000 yen" in out
    code, out, _ = run(capsys, "expenses", "sample:sme_fs_vietnam")
    assert "補助額56,000,000円・自己負担34,000,000円" in out


def test_pasted_lines_are_read_in_the_tables_order_and_named_by_line() -> None:
    """Cells copied from a spreadsheet without its header are in this table's column
    order; a bad cell is named by the pasted line (1 = the first), and none is taken."""
    from gs_assistant.export.expense_table import TableError, parse_paste

    app = load_application(samples_dir() / "large_demo_india.yaml")
    rows = parse_paste("幹事法人\t旅費\t渡航\t400,000\t3\t回\r\n\n"
                       "共同申請者1\t委託費\t調査\t\t\t式\t1000000\tUSD\t150.5\n", app, 10)
    assert [(r.member, r.category, r.unit_price, r.quantity) for r in rows] == [
        ("lead", "travel", Decimal(400_000), Decimal(3)), ("co1", "commission", None, None)]
    assert (rows[1].amount, rows[1].currency, rows[1].rate) == (
        Decimal(1_000_000), "USD", Decimal("150.5"))
    with pytest.raises(TableError) as caught:
        parse_paste("lead\ttravel\tx\t1\t1\n\nlead\ttravel\ty\tabc\n", app, 10)
    assert str(caught.value).startswith("貼り付け:3:D:")
    with pytest.raises(TableError) as caught:
        parse_paste("lead\ttravel\tx\t1\t1\nlead\ttravel\ty\t1\t1\n", app, 1)
    assert "2行あります。1行までです" in str(caught.value)
    assert parse_paste("\n\n", app, 10) == []
