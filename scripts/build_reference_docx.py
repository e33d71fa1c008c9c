"""Build doc_templates/reference.docx: the styles, page setup and footer of the Word draft.

    .venv/bin/python scripts/build_reference_docx.py [OUT.docx]

Starts from python-docx's default template (US Letter, theme fonts) and makes it a
Japanese A4 document: margins, East Asian fonts on every style the draft uses with the
theme attributes removed, ``ja-JP`` as the East Asian language, a footer with ``n / N``
page numbers (PAGE / NUMPAGES fields) and a Placeholder character style for 【要記入】.
The body shows one sample of each style so that a consultant who opens the file in Word
sees what each style looks like; the export replaces the body with the draft.
Like pandoc's reference documents, a consultant may restyle a copy of this file.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from gs_assistant.export import styles

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "doc_templates" / "reference.docx"

NAVY = RGBColor(0x1F, 0x38, 0x64)
GREY = RGBColor(0x40, 0x40, 0x40)


def paragraph_style(doc, name, *, size, font, bold=False, color=None, before=0, after=0,
                    align=None, keep_next=False, base=None, italic=False, indent=None):
    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base is not None:
        style.base_style = doc.styles[base]
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = color or RGBColor(0, 0, 0)
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = 1.15 if size <= 11 else 1.0
    if align is not None:
        fmt.alignment = align
    if keep_next:
        fmt.keep_with_next = True
    if indent is not None:
        fmt.left_indent = indent
    p_pr = style.element.get_or_add_pPr()
    for border in p_pr.findall(qn("w:pBdr")):  # Title has a rule under it by default
        p_pr.remove(border)
    styles.fix_style_fonts(style, font, force=True)
    return style


def build(out: Path = OUT) -> Path:
    doc = docx.Document()
    styles.set_a4(doc)
    styles.set_document_defaults(doc, styles.BODY_FONT, force=True)
    mincho, gothic = styles.BODY_FONT, styles.HEADING_FONT

    paragraph_style(doc, "Normal", size=10.5, font=mincho, after=4)
    paragraph_style(doc, "Title", size=22, font=gothic, bold=True, before=150, after=12,
                    align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph_style(doc, "Subtitle", size=13, font=gothic, color=GREY, after=48,
                    align=WD_ALIGN_PARAGRAPH.CENTER)
    for level, size, before in ((1, 14, 18), (2, 12, 12), (3, 10.5, 8), (4, 10.5, 6)):
        paragraph_style(doc, f"Heading {level}", size=size, font=gothic, bold=level < 4,
                        color=NAVY if level < 3 else RGBColor(0, 0, 0), before=before,
                        after=4, keep_next=True)
    paragraph_style(doc, "Table Text", size=9, font=mincho, base="Normal", before=1.5, after=1.5)
    paragraph_style(doc, "Quote", size=9, font=mincho, color=GREY, before=4, after=8,
                    indent=Mm(4))
    for name in ("List Bullet", "List Bullet 2", "List Bullet 3", "List Paragraph"):
        paragraph_style(doc, name, size=10.5, font=mincho, after=2)
    paragraph_style(doc, "Header", size=8, font=gothic, color=GREY,
                    align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph_style(doc, "Footer", size=9, font=gothic, align=WD_ALIGN_PARAGRAPH.CENTER)

    placeholder = doc.styles.add_style("Placeholder", WD_STYLE_TYPE.CHARACTER)
    placeholder.font.bold = True
    placeholder.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    placeholder.font.highlight_color = WD_COLOR_INDEX.YELLOW
    styles.fix_style_fonts(placeholder, gothic, force=True)
    styles.fix_style_fonts(doc.styles["Table Grid"], mincho, force=True)

    _settings(doc)
    _header_footer(doc)
    _samples(doc)
    props = doc.core_properties
    props.title = "gs-assistant 参照文書（Word下書きのスタイル）"
    props.author = props.last_modified_by = "gs-assistant"
    props.language = styles.LANGUAGE
    props.created = props.modified = datetime(2026, 3, 31)
    props.revision = 1
    props.comments = ""
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    return out


def _settings(doc) -> None:
    """The theme's East Asian language is Japanese (for styles that still use a theme)."""
    settings = doc.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is None:
        lang = OxmlElement("w:themeFontLang")
        settings.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), styles.LANGUAGE)


def _header_footer(doc) -> None:
    section = doc.sections[0]
    section.header.is_linked_to_previous = False
    header_text = "【下書き】作成日・ルールパック（header.md.j2 で作られます）"
    section.header.paragraphs[0].text = header_text
    section.header.paragraphs[0].style = doc.styles["Header"]
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = doc.styles["Footer"]
    styles.add_page_numbers(paragraph)


def _samples(doc) -> None:
    doc.add_paragraph("事業計画書（ドラフト）", style="Title")
    doc.add_paragraph("スタイル見本：この本文は出力時に置き換えられます", style="Subtitle")
    doc.add_paragraph("1. 見出し1（Heading 1）", style="Heading 1")
    doc.add_paragraph("1.1 見出し2（Heading 2）", style="Heading 2")
    doc.add_paragraph("見出し3（Heading 3）", style="Heading 3")
    p = doc.add_paragraph("本文（Normal）：申請者が入力した文章がこのスタイルで出力されます。"
                          "未入力の箇所は ")
    p.add_run("【要記入】", style="Placeholder")
    p.add_run(" と表示されます。")
    doc.add_paragraph("箇条書き（List Bullet）", style="List Bullet")
    doc.add_paragraph("注記（Quote）：ルールパックの注意書きなど。", style="Quote")
    table = doc.add_table(rows=2, cols=2, style="Table Grid")
    texts = ("項目", "内容（Table Text）", "補助額", "1,500,000,000円")
    for cell, text in zip(table._cells, texts, strict=True):
        cell.paragraphs[0].text = text
        cell.paragraphs[0].style = doc.styles["Table Text"]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    print(build(target))
