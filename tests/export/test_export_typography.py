"""Page setup, East Asian fonts, language, header and page numbers of the Word draft."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from export_helpers import TODAY

from gs_assistant.export.docx import build_document
from gs_assistant.model import load_application
from gs_assistant.parsing import format_date
from gs_assistant.paths import samples_dir
from gs_assistant.rules import default_pack

THEME_ATTRS = [qn(a) for a in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")]


def _parts(doc):
    """The body, headers and footers as XML elements."""
    out = [doc.element.body]
    for section in doc.sections:
        out += [section.header._element, section.footer._element]
    return out


def _used_style_ids(doc) -> set[str]:
    ids = {"Normal"}
    for part in _parts(doc):
        ids.update(part.xpath(".//w:pStyle/@w:val | .//w:rStyle/@w:val | .//w:tblStyle/@w:val"))
    return ids


def _assert_east_asian_fonts(doc) -> set[str]:
    by_id = {s.style_id: s for s in doc.styles}
    used = _used_style_ids(doc)
    for style_id in used:
        r_fonts = by_id[style_id].element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
        assert r_fonts is not None, style_id
        assert r_fonts.get(qn("w:eastAsia")), style_id
        assert not [a for a in THEME_ATTRS if a in r_fonts.attrib], style_id
    defaults = doc.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/"
                                       + qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia"))
    assert not [a for a in THEME_ATTRS if a in defaults.find(qn("w:rFonts")).attrib]
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "ja-JP"
    return used


def _field_sequence(element) -> list[str]:
    """The footer's fields and text in order: 'begin', ' PAGE ', 'separate', '1', ..."""
    out = []
    for node in element.iter(qn("w:fldChar"), qn("w:instrText"), qn("w:t")):
        out.append(node.get(qn("w:fldCharType")) if node.tag == qn("w:fldChar") else node.text)
    return out


def test_a4_and_margins(large_doc) -> None:
    section = large_doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    for margin in (section.top_margin, section.bottom_margin, section.left_margin,
                   section.right_margin):
        assert Mm(20) <= margin <= Mm(30)


def test_east_asian_fonts_on_every_style_in_use(large_doc, small_doc) -> None:
    used = _assert_east_asian_fonts(large_doc)
    names = {s.name for s in large_doc.styles if s.style_id in used}
    assert {"Normal", "Title", "Heading 1", "Heading 2", "Table Text", "Table Grid",
            "Header", "Footer", "List Bullet", "Quote"} <= names
    _assert_east_asian_fonts(small_doc)
    heading = large_doc.styles["Heading 1"].element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    body = large_doc.styles["Normal"].element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    assert heading.get(qn("w:eastAsia")) == "ＭＳ ゴシック"
    assert body.get(qn("w:eastAsia")) == "ＭＳ 明朝"


def test_page_numbers_are_page_and_numpages_fields(large_doc) -> None:
    sequence = _field_sequence(large_doc.sections[0].footer._element)
    assert sequence == ["begin", " PAGE ", "separate", "1", "end", " / ",
                        "begin", " NUMPAGES ", "separate", "1", "end"]


def test_header_marks_the_draft_with_date_and_pack(large_doc) -> None:
    pack = default_pack()
    header = "\n".join(p.text for p in large_doc.sections[0].header.paragraphs)
    assert "下書き" in header
    assert format_date(TODAY) in header
    assert pack.id in header and pack.version in header
    assert {p.style.name for p in large_doc.sections[0].header.paragraphs} == {"Header"}


def test_core_properties(large_doc) -> None:
    app = load_application(samples_dir() / "large_demo_india.yaml")
    assert large_doc.core_properties.title == app.content.title
    assert large_doc.core_properties.language == "ja-JP"


@pytest.fixture
def plain_reference(template_copy: Path) -> Path:
    """A consultant's reference document: python-docx's own template (US Letter, theme
    fonts, no page numbers) in place of ours."""
    default = Path(docx.__file__).parent / "templates" / "default.docx"
    shutil.copy(default, template_copy / "reference.docx")
    return template_copy


def test_a_consultants_reference_still_gets_japanese_fonts_and_page_numbers(
        plain_reference: Path) -> None:
    raw = docx.Document(str(plain_reference / "reference.docx"))
    heading = raw.styles["Heading 1"].element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    assert qn("w:eastAsiaTheme") in heading.attrib  # the theme would win over a name
    app = load_application(samples_dir() / "large_demo_india.yaml")
    doc = build_document(app, default_pack(), plain_reference)
    _assert_east_asian_fonts(doc)
    assert "PAGE" in "".join(_field_sequence(doc.sections[0].footer._element))
    # the consultant's page setup is kept (US Letter here)
    assert abs(doc.sections[0].page_width - Mm(215.9)) < Mm(0.5)
