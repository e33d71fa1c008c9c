"""Build doc_templates/forms/example_form.docx: the tool's own outline as a tagged Word form.

    .venv/bin/python scripts/build_example_form.py [OUT.docx]

It shows a consultant what a form filled by ``gs-assistant export FILE --form FORM.docx``
looks like before the secretariat's own 様式 is out: the outline's sections as plain
Word paragraphs and tables (made from reference.docx, so the same styles), with
``{{ … }}`` where an answer goes and ``{%tr for … %}`` rows that repeat per list item.
A consultant does the same in the official form: type the tags where the answers go.
"""

from __future__ import annotations

import io
import sys
from datetime import datetime
from pathlib import Path

import docx
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "doc_templates" / "forms" / "example_form.docx"

# (heading, [paragraphs], [tables]); a table is (header, [rows]) where a row is either a
# list of cells or a "for …" string (its rows repeat: a {%tr for %} / {%tr endfor %} pair)
KEY_VALUE = ("項目", "内容")
SECTIONS: list[tuple[str, list[str], list[tuple[tuple[str, ...], list]]]] = [
    ("1. 事業概要", ["事業名称：{{ content.title }}", "{{ content.summary }}"], [
        (("区分", "名称", "業種", "本事業での役割"), [
            "for m in members",
            ["{{ m.position }}", "{{ m.name }}", "{{ m.industry }}", "{{ m.role }}"]]),
        (("名称", "所在地", "代表者", "設立年", "直近期の売上高"), [
            "for m in members",
            ["{{ m.name }}", "{{ m.profile.address }}", "{{ m.profile.representative }}",
             "{{ m.profile.founded }}", "{{ m.profile.revenue }}"]]),
        (KEY_VALUE, [
            ["現地企業", "{{ local_partner.name }}（{{ local_partner.country }}）"],
            ["実施国", "{{ country.name }}"],
            ["事業区分", "{{ track.name }}"],
            ["対象分野", "{{ field.names }}"]]),
    ]),
    ("2. 相手国の課題と相手国裨益", [
        "{{ content.partner_issue }}",
        "該当する観点：{{ partner_benefit.names }}",
        "{{ partner_benefit.explanation }}"], [
        (("観点", "指標", "単位", "現状値", "目標値", "目標年"), [
            "for i in partner_benefit.indicators",
            ["{{ i.category }}", "{{ i.name }}", "{{ i.unit }}", "{{ i.baseline }}",
             "{{ i.target }}", "{{ i.target_year }}"]]),
    ]),
    ("3. 事業内容・実施体制", [
        "{{ content.activities }}",
        "日本側：{{ content.structure_japan }}",
        "現地側：{{ content.structure_local }}",
        "事業化計画：{{ content.commercialisation }}"], [
        (("リスク", "影響", "対応策"), [
            "for r in risks",
            ["{{ r.risk }}", "{{ r.impact }}", "{{ r.mitigation }}"]]),
    ]),
    ("4. 日本裨益", ["該当する類型：{{ japan_benefit.names }}"], [
        (("類型", "指標", "単位", "現状値", "目標値", "目標年"), [
            "for i in indicators",
            ["{{ i.type }}", "{{ i.name }}", "{{ i.unit }}", "{{ i.baseline }}",
             "{{ i.target }}", "{{ i.target_year }}"]]),
    ]),
    ("5. 経費・資金計画", ["{{ funding.explanation }}"], [
        (KEY_VALUE, [
            ["総事業費", "{{ costs.total }}"],
            ["補助対象経費", "{{ costs.eligible }}"],
            ["補助率", "{{ costs.rate }}"],
            ["補助額", "{{ costs.subsidy }}"],
            ["自己負担額", "{{ funding.own_share }}"],
            ["自己資金", "{{ funding.own_funds }}"],
            ["借入金", "{{ funding.loans }}（{{ funding.lender }}）"]]),
    ]),
    ("6. スケジュール", [
        "事業期間：{{ period.start }} ～ {{ period.end }}（{{ period.months }}）"], [
        (("時期", "内容"), [
            "for m in content.milestones",
            ["{{ m.date }}", "{{ m.title }}"]]),
    ]),
]


def build(out: Path = OUT) -> Path:
    reference = ROOT / "doc_templates" / "reference.docx"
    doc = docx.Document(str(reference))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    doc.add_paragraph("{{ content.title }}", style="Title")
    doc.add_paragraph("事業計画書（様式の例）　申請者：{{ applicant.name }}", style="Subtitle")
    for heading, paragraphs, tables in SECTIONS:
        doc.add_paragraph(heading, style="Heading 1")
        for text in paragraphs:
            doc.add_paragraph(text)
        for header, rows in tables:
            _table(doc, header, rows)
            doc.add_paragraph()
    props = doc.core_properties
    props.title = "事業計画書（様式の例）"
    props.author = "gs-assistant"
    props.created = props.modified = datetime(2026, 12, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    doc.save(buffer)
    out.write_bytes(buffer.getvalue())
    return out


def _table(doc, header: tuple[str, ...], rows: list) -> None:
    table = doc.add_table(rows=0, cols=len(header))
    table.style = doc.styles["Table Grid"]
    cells = table.add_row().cells
    for cell, text in zip(cells, header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        if isinstance(row, str):  # the repeated rows: {%tr for %} row, the row, {%tr endfor %}
            table.add_row().cells[0].text = f"{{%tr {row} %}}"
            continue
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
        if any(isinstance(r, str) for r in rows):
            table.add_row().cells[0].text = "{%tr endfor %}"


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
