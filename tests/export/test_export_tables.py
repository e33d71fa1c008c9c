"""Tables as the writer builds them row by row: what Word needs to show them right.

The writer builds each row's cells once, element by element (python-docx's indexed cell
access is quadratic on long tables; the speed is in benchmarks/export_rows.py). This
checks the result through python-docx's own reading API after a save and reload.
"""

from __future__ import annotations

import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from gs_assistant.export.templates import open_templates
from gs_assistant.export.values import Vault
from gs_assistant.export.writer import HEADER_FILL, Writer

TEXT = """| 名称 | 金額 | 備考 |
|---|---:|:---:|
| A社 | 1,000 | *注* |
| B社 | 2,000 | {lines} |
| {empty} | 3 |
"""


def _table():
    doc = docx.Document(io.BytesIO(open_templates().reference))
    body = doc.element.body
    for child in list(body)[:-1]:
        body.remove(child)
    vault = Vault()
    empty = vault.protect(vault.value(""))
    lines = vault.protect(vault.value("一行目\n二行目"))
    Writer(doc, vault, 6_000_000).write(TEXT.format(empty=empty, lines=lines))
    buffer = io.BytesIO()
    doc.save(buffer)
    return docx.Document(io.BytesIO(buffer.getvalue())).tables[0]


def test_cells_hold_their_text_in_order() -> None:
    table = _table()
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["名称", "金額", "備考"], ["A社", "1,000", "注"], ["B社", "2,000", "一行目\n二行目"],
        ["【要記入】", "3", ""]]


def test_the_header_row_repeats_is_bold_and_shaded() -> None:
    header, first = list(_table().rows)[:2]
    assert header._tr.trPr is not None and header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert first._tr.trPr is None or first._tr.trPr.find(qn("w:tblHeader")) is None
    for cell in header.cells:
        assert all(run.bold for run in cell.paragraphs[0].runs)
        shd = cell._tc.tcPr.find(qn("w:shd"))
        assert shd is not None and shd.get(qn("w:fill")) == HEADER_FILL
    assert first.cells[0]._tc.tcPr.find(qn("w:shd")) is None
    assert not any(run.bold for run in first.cells[0].paragraphs[0].runs)
    assert first.cells[2].paragraphs[0].runs[0].italic


def test_cells_have_style_alignment_and_width() -> None:
    table = _table()
    widths = [col.width for col in table.columns]
    assert all(w and w > 0 for w in widths) and abs(sum(widths) - 6_000_000) < 2_000
    for row in table.rows:
        for c, cell in enumerate(row.cells):
            paragraph = cell.paragraphs[0]
            assert paragraph.style.name == "Table Text"
            assert abs(cell.width - widths[c]) < 1_000  # twips rounding
        assert row.cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert row.cells[0].paragraphs[0].alignment is None
    assert table.rows[1].cells[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    placeholder = table.rows[3].cells[0].paragraphs[0].runs[0]
    assert placeholder._r.style == "Placeholder"  # the reference document's character style
