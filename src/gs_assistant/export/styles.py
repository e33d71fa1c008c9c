"""Word typography that python-docx has no API for: East Asian fonts, language, fields.

Used when the reference document is built (``scripts/build_reference_docx.py``) and again
on every export, so that a consultant's own reference document still gets Japanese fonts:
``font.name`` sets only the Latin font, and the theme attributes (``w:asciiTheme`` …) win
over explicit names, so they are removed.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph

# The fonts a Japanese Word has; LibreOffice and Word substitute them where missing.
BODY_FONT = "ＭＳ 明朝"
HEADING_FONT = "ＭＳ ゴシック"
LANGUAGE = "ja-JP"
THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_GOTHIC_STYLES = ("heading", "title", "subtitle", "header", "footer", "placeholder")



def set_fonts(r_pr, east_asia: str, *, latin: str | None = None, force: bool = False) -> None:
    """Name the fonts on a ``w:rPr`` and drop the theme attributes that would override them.

    Without ``force`` an explicit East Asian font already there is kept.
    """
    r_fonts = r_pr.get_or_add_rFonts()
    for attr in THEME_ATTRS:
        r_fonts.attrib.pop(qn(attr), None)
    if force or not r_fonts.get(qn("w:eastAsia")):
        r_fonts.set(qn("w:eastAsia"), east_asia)
    latin = latin or r_fonts.get(qn("w:eastAsia"))
    for attr in ("w:ascii", "w:hAnsi"):
        if force or not r_fonts.get(qn(attr)):
            r_fonts.set(qn(attr), latin)


def default_font_for(style: BaseStyle) -> str:
    name = (style.name or "").lower()
    return HEADING_FONT if name.startswith(_GOTHIC_STYLES) else BODY_FONT


def fix_style_fonts(style: BaseStyle, east_asia: str | None = None, *,
                    force: bool = False) -> None:
    set_fonts(style.element.get_or_add_rPr(), east_asia or default_font_for(style), force=force)


def set_document_defaults(doc: Document, east_asia: str = BODY_FONT, *,
                          force: bool = False) -> None:
    """Fonts and the ``ja-JP`` East Asian language in the document defaults."""
    styles = doc.styles.element
    doc_defaults = styles.find(qn("w:docDefaults"))
    if doc_defaults is None:
        doc_defaults = OxmlElement("w:docDefaults")
        styles.insert(0, doc_defaults)
    r_pr_default = doc_defaults.find(qn("w:rPrDefault"))
    if r_pr_default is None:
        r_pr_default = OxmlElement("w:rPrDefault")
        doc_defaults.insert(0, r_pr_default)
    r_pr = r_pr_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r_pr_default.append(r_pr)
    set_fonts(r_pr, east_asia, force=force)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    if not lang.get(qn("w:val")):
        lang.set(qn("w:val"), "en-US")


def used_style_ids(doc: Document) -> set[str]:
    """Style ids referenced in the body, headers and footers (paragraph, run, table)."""
    parts = [doc.element.body]
    for section in doc.sections:
        for hf in (section.header, section.footer):
            if not hf.is_linked_to_previous:
                parts.append(hf._element)
    # one pass over the elements: an XPath union (a | b | c) merges node sets, which takes
    # quadratic time on a long table
    tags, val = (qn("w:pStyle"), qn("w:rStyle"), qn("w:tblStyle")), qn("w:val")
    return {el.get(val) for part in parts for el in part.iter(*tags) if el.get(val)}


def fix_used_styles(doc: Document) -> None:
    """East Asian fonts, without theme attributes, on every style the document uses, and
    Japanese line breaking (kinsoku) on its paragraph styles.

    Paragraphs without a style use Normal, so Normal is always included.
    """
    set_document_defaults(doc)
    ids = used_style_ids(doc) | {"Normal"}
    for style in doc.styles:
        if style.style_id in ids or style.name == "Normal":
            fix_style_fonts(style)
            if style.type == WD_STYLE_TYPE.PARAGRAPH:
                set_kinsoku(style)


# w:pPr children in schema order, up to the three that set Japanese line breaking
_PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
              "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd",
              "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
              "w:overflowPunct")
LINE_BREAKING = ("w:kinsoku", "w:wordWrap", "w:overflowPunct")


def set_kinsoku(style: BaseStyle) -> None:
    """Japanese line breaking on a paragraph style, stated rather than left to the
    client's default: kinsoku on (no 。、）」 at a line's start, no （「 at its end),
    Latin words kept whole (wordWrap), punctuation may hang into the margin
    (overflowPunct). A style that already says otherwise is left as it is."""
    p_pr = style.element.get_or_add_pPr()
    for tag in LINE_BREAKING:
        if p_pr.find(qn(tag)) is not None:
            continue
        element = OxmlElement(tag)
        later = _PPR_ORDER[_PPR_ORDER.index(tag) + 1:]
        successor = next((c for c in p_pr if c.tag not in {qn(t) for t in _PPR_ORDER}
                          or c.tag in {qn(t) for t in later}), None)
        if successor is not None:
            successor.addprevious(element)
        else:
            p_pr.append(element)


# ---------------------------------------------------------------- fields


def _field_runs(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (``PAGE``, ``NUMPAGES``): begin, instruction, separate, result, end."""
    def char(kind: str) -> None:
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(fld)

    char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    char("separate")
    paragraph.add_run("1")
    char("end")


def add_page_numbers(paragraph: Paragraph) -> None:
    """``n / N`` as PAGE and NUMPAGES fields."""
    _field_runs(paragraph, "PAGE")
    paragraph.add_run(" / ")
    _field_runs(paragraph, "NUMPAGES")


def has_field(element, instruction: str) -> bool:
    texts = element.xpath(".//w:instrText/text()") + element.xpath(".//w:fldSimple/@w:instr")
    return any(t.split() and t.split()[0] == instruction for t in texts)
