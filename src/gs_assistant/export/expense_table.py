"""The expense plan as a table: CSV (UTF-8 with BOM) and Excel (.xlsx, openpyxl).

One row per expense row, one column per field, headers in Japanese (English and the
field names are read too, so the columns may come in any order). Export writes the
computed 円換算額 / 補助対象経費 after the fields; import ignores them. Import reads every
row before anything is kept: a bad cell is reported as ``FILE:ROW:COLUMN: message`` (the
spreadsheet's row number, the header being row 1, and its column letter), and when any
cell is bad no row is taken.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gs_assistant.model import fieldpath
from gs_assistant.model.application import Application, ExpenseRow
from gs_assistant.model.files import describe_error
from gs_assistant.rules.expenses import eligible_part, row_yen
from gs_assistant.rules.pack import RulePack
from gs_assistant.text import Text


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # the ExpenseRow field, or a computed value (yen, eligible)
    ja: str
    en: str
    kind: str  # text, number, date, bool, member, category, computed


COLUMNS = (
    Column("member", "計上者", "Member", "member"),
    Column("category", "費目", "Category", "category"),
    Column("description", "内容", "Description", "text"),
    Column("unit_price", "単価", "Unit price", "number"),
    Column("quantity", "数量", "Quantity", "number"),
    Column("unit", "単位", "Unit", "text"),
    Column("amount", "金額（一式）", "Lump sum", "number"),
    Column("currency", "通貨", "Currency", "text"),
    Column("rate", "換算レート（円）", "Rate (yen)", "number"),
    Column("rate_date", "換算日", "Rate date", "date"),
    Column("rate_source", "レートの出所", "Rate source", "text"),
    Column("eligible", "補助対象", "Eligible", "bool"),
    Column("eligible_yen", "補助対象の額（一部のみ）", "Eligible part (yen)", "number"),
    Column("tax_included", "消費税込み", "Tax included", "bool"),
    Column("note", "備考", "Note", "text"),
    Column("yen", "円換算額", "Yen", "computed"),
    Column("eligible_total", "補助対象経費", "Eligible (yen)", "computed"),
)
YES, NO = "はい", "いいえ"
_TRUE = {"はい", "yes", "y", "true", "1", "○", "〇", "対象"}
_FALSE = {"いいえ", "no", "n", "false", "0", "×", "対象外"}


class TableError(Exception):
    """Bad cells, each as ``FILE:ROW:COLUMN: message``; nothing was imported."""

    def __init__(self, lines: list[Text]) -> None:
        self.lines = lines
        super().__init__("\n".join(line.ja for line in lines))

    def in_lang(self, lang: str) -> str:
        return "\n".join(line.en if lang == "en" else line.ja for line in self.lines)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


_HEADERS = {_fold(name): col for col in COLUMNS for name in (col.key, col.ja, col.en)}


# ---------------------------------------------------------------- export


def _number_cell(value: Decimal | int | None, for_excel: bool) -> Any:
    if value is None:
        return None
    if isinstance(value, int):
        return value
    if value == value.to_integral_value():
        return int(value)
    if for_excel and Decimal(repr(float(value))) == value:
        return float(value)  # a number Excel can add up, read back exactly
    return format(value.normalize(), "f")


def table_rows(app: Application, pack: RulePack, *, for_excel: bool = False
               ) -> Iterator[list[Any]]:
    """The header, then one list of cells per expense row."""
    yield [c.ja for c in COLUMNS]
    categories = pack.params.expenses.categories
    for row in app.costs.expenses:
        yen = row_yen(row)
        cells: list[Any] = []
        for col in COLUMNS:
            if col.key == "yen":
                cells.append(yen)
            elif col.key == "eligible_total":
                cells.append(eligible_part(row, yen))
            elif col.kind == "category":
                known = categories.get(row.category)
                cells.append(known.value.ja if known else row.category)
            elif col.kind == "bool":
                cells.append(YES if getattr(row, col.key) else NO)
            elif col.kind == "number":
                cells.append(_number_cell(getattr(row, col.key), for_excel))
            elif col.kind == "date":
                day = getattr(row, col.key)
                cells.append(day if for_excel else (day.isoformat() if day else None))
            else:
                cells.append(getattr(row, col.key))
        yield cells


def csv_bytes(app: Application, pack: RulePack) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for cells in table_rows(app, pack):
        writer.writerow(["" if c is None else c for c in cells])
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(app: Application, pack: RulePack) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = "経費明細"
    for cells in table_rows(app, pack, for_excel=True):
        sheet.append(cells)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text as typed, never a formula
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for i, col in enumerate(COLUMNS):
        letter = column_letter(i)
        sheet.column_dimensions[letter].width = 30 if col.key in ("description", "note") \
            else 14
        if col.kind in ("number", "computed"):
            for cell in sheet[letter][1:]:
                cell.number_format = "#,##0.######" if col.kind == "number" else "#,##0"
        if col.kind == "date":
            for cell in sheet[letter][1:]:
                cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- import


def _read_csv(path: Path, raw: bytes) -> list[list[Any]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp932")  # Excel's own "CSV" on Japanese Windows
        except UnicodeDecodeError:
            raise TableError([Text(f"{path}:1:A: UTF-8（又はShift_JIS）のCSVとして読めません",
                                   f"{path}:1:A: not a UTF-8 (or Shift_JIS) CSV")]) from None
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""))]


def _read_xlsx(path: Path, raw: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not .xlsx
        raise TableError([Text(f"{path}:1:A: Excelファイル（.xlsx）として読めません（{exc}）",
                               f"{path}:1:A: cannot be read as an Excel file ({exc})")]) \
            from None
    try:
        sheet = book.active
        return [list(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def read_table(path: Path, raw: bytes) -> list[list[Any]]:
    """The cells of the file's rows (its bytes already read, ``path`` names it)."""
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(path, raw)
    return _read_csv(path, raw)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell(col: Column, value: Any, members: dict[str, str]) -> tuple[Any, Text | None]:
    """(the field's value, or a message naming what was expected)."""
    if _blank(value):
        return None, None
    if col.kind == "bool":
        folded = _fold(str(value)) if not isinstance(value, bool) else str(value).lower()
        if folded in _TRUE:
            return True, None
        if folded in _FALSE:
            return False, None
        return None, Text(f"「{value}」は はい／いいえ で入力してください",
                          f"'{value}': enter yes or no (はい／いいえ)")
    if col.kind == "date":
        if isinstance(value, datetime):
            return value.date(), None
        if isinstance(value, date):
            return value, None
        return str(value), None  # the model reads 2026-05-01 and 令和8年5月1日
    if col.kind == "number":
        if isinstance(value, float):
            return Decimal(repr(value)), None
        return value if isinstance(value, int) else str(value), None
    if col.kind == "member":
        text = str(value).strip()
        key = members.get(_fold(text))
        return (key if key is not None else text), None
    return str(value) if not isinstance(value, str) else value, None


def _member_names(app: Application) -> dict[str, str]:
    out = {"lead": "lead", "幹事法人": "lead", "partner": "partner", "現地企業": "partner"}
    if app.lead.name:
        out[_fold(app.lead.name)] = "lead"
    if app.local_partner.name:
        out[_fold(app.local_partner.name)] = "partner"
    for i, co in enumerate(app.co_applicants, start=1):
        out[f"co{i}"] = f"co{i}"
        out[_fold(f"共同申請者{i}")] = f"co{i}"
        if co.name:
            out[_fold(co.name)] = f"co{i}"
    return {_fold(k): v for k, v in out.items()}


def parse_paste(text: str, app: Application, limit: int) -> list[ExpenseRow]:
    """The expense rows of cells pasted from a spreadsheet (tab-separated lines): with the
    spreadsheet's header row when it was copied too, else in this table's column order
    (計上者, 費目, 内容, 単価 …). Errors name the pasted line (``貼り付け:2:C: …``)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    table: list[list[Any]] = [line.split("\t") for line in lines]
    while table and all(_blank(c) for c in table[-1]):
        table.pop()
    if not table:
        return []
    named = [c for c in table[0] if not _blank(c)]
    if named and all(_fold(c) in _HEADERS for c in named):
        return parse_table(Path(PASTE), table, app, limit)
    header: list[Any] = [c.ja for c in COLUMNS]
    return parse_table(Path(PASTE), [header, *table], app, limit, first_row=1)


PASTE = "貼り付け"


def parse_table(path: Path, table: list[list[Any]], app: Application,
                limit: int, first_row: int = 2) -> list[ExpenseRow]:
    """The expense rows of a table read from ``path``; TableError lists every bad cell.
    ``first_row``: the number the row under the header is reported by."""
    errors: list[Text] = []
    while table and all(_blank(c) for c in table[-1]):
        table.pop()
    if not table:
        raise TableError([Text(f"{path}:1:A: 見出しの行がありません（計上者、費目、内容…）",
                               f"{path}:1:A: no header row (計上者, 費目, 内容…)")])
    header = table[0]
    columns: list[Column | None] = []
    for i, name in enumerate(header):
        col = None if _blank(name) else _HEADERS.get(_fold(str(name)))
        if col is None and not _blank(name):
            errors.append(Text(f"{path}:1:{column_letter(i)}: 見出し「{name}」は経費明細の列では"
                               "ありません", f"{path}:1:{column_letter(i)}: '{name}' is not a "
                               "column of the expense plan"))
        columns.append(col)
    if not any(c is not None and c.kind != "computed" for c in columns):
        errors.append(Text(f"{path}:1:A: 経費明細の列がありません（計上者、費目、内容…）",
                           f"{path}:1:A: no expense plan columns (計上者, 費目, 内容…)"))
    body = [(n, r) for n, r in enumerate(table[1:], start=first_row)
            if not all(_blank(c) for c in r)]
    if len(body) > limit:
        errors.append(Text(f"{path}:{body[limit][0]}:A: {len(body):,}行あります。"
                           f"{limit:,}行までです",
                           f"{path}:{body[limit][0]}:A: {len(body):,} rows; at most {limit:,}"))
    if errors:
        raise TableError(errors)
    members = _member_names(app)
    rows: list[ExpenseRow] = []
    for number, cells in body:
        data: dict[str, Any] = {}
        where: dict[str, str] = {}
        for i, col in enumerate(columns):
            if col is None or col.kind == "computed" or i >= len(cells):
                continue
            value, problem = _cell(col, cells[i], members)
            where[col.key] = column_letter(i)
            if problem is not None:
                errors.append(Text(f"{path}:{number}:{column_letter(i)}: {problem.ja}",
                                   f"{path}:{number}:{column_letter(i)}: {problem.en}"))
            elif value is not None:
                data[col.key] = value
        try:
            rows.append(ExpenseRow.model_validate(data))
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                field, message = describe_error(err)
                letter = where.get(str(fieldpath.tokens(field)[0]) if field else "", "A")
                errors.append(Text(f"{path}:{number}:{letter}: {message.ja}",
                                   f"{path}:{number}:{letter}: {message.en}"))
    if errors:
        raise TableError(errors)
    return rows

