"""Template output (a Markdown-like text) into python-docx paragraphs and tables.

The text is parsed with markdown-it-py (CommonMark with tables, no HTML, no indented
code) and each block maps to the reference document's styles:

==================  ===================================================
``# ``..``###### `` Heading 1..6
paragraph           Normal (inside a table: Table Text; in a quote: Quote)
``- `` list         List Bullet / List Bullet 2 / List Bullet 3
``1. `` list        List Paragraph, with the number written out
``| a | b |`` table  Table Grid, header row bold, shaded and repeated; no row split
                    across pages; a right-aligned (``---:``) column is an amount
                    column: it keeps the width its longest value needs and never wraps
``> ``              Quote
``---``             a page break
``::: Style``       paragraphs and headings inside use that style
``**b**`` ``*i*``   bold, italic; a line break stays a line break
==================  ===================================================

Data tokens in the text are replaced by their data (see ``values.py``); empty data
becomes 【要記入】 in the Placeholder character style.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy
from functools import cache
from typing import Any, ClassVar

from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from docx.styles.style import BaseStyle
from lxml.etree import SubElement
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from gs_assistant.export import phrases
from gs_assistant.export.errors import ExportError
from gs_assistant.export.values import Vault
from gs_assistant.text import Text

PLACEHOLDER_STYLE = "Placeholder"
TITLE_STYLE = "Title"
TABLE_STYLE = "Table Grid"
HEADER_FILL = "E7E9EE"
_ALIGN = ("left", "center", "right")  # w:jc values of a table column's alignment
_W_TR, _W_TRPR, _W_TBLHEADER, _W_TC, _W_TCW, _W_CANTSPLIT = (
    qn("w:tr"), qn("w:trPr"), qn("w:tblHeader"), qn("w:tc"), qn("w:tcW"), qn("w:cantSplit"))
_W_P, _W_PPR, _W_PSTYLE, _W_JC, _W_VAL = (
    qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:jc"), qn("w:val"))
_W_R, _W_RPR, _W_RSTYLE, _W_B, _W_I = (
    qn("w:r"), qn("w:rPr"), qn("w:rStyle"), qn("w:b"), qn("w:i"))
_W_T, _W_BR, _W_TAB, _XML_SPACE = qn("w:t"), qn("w:br"), qn("w:tab"), qn("xml:space")


@cache
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable("table").disable(["code", "fence", "html_block", "html_inline", "image"])
    container_plugin(md, "style", validate=lambda params, *_: bool(params.strip()))
    return md


class Styles:
    """The reference document's styles by name, looked up once; some have fallbacks."""

    FALLBACK: ClassVar[dict[str, str]] = {
        "Table Text": "Normal", "Quote": "Normal", "List Paragraph": "Normal",
        "Header": "Normal", "Footer": "Normal", "Title": "Heading 1", "Subtitle": "Heading 2",
        "List Bullet 2": "List Bullet", "List Bullet 3": "List Bullet 2",
    }

    def __init__(self, doc: Any) -> None:
        self._doc = doc
        self._by_name: dict[str, BaseStyle | None] = {}

    def get(self, name: str) -> BaseStyle | None:
        if name not in self._by_name:
            try:
                self._by_name[name] = self._doc.styles[name]
            except KeyError:
                fallback = self.FALLBACK.get(name)
                self._by_name[name] = self.get(fallback) if fallback else None
        return self._by_name[name]

    def paragraph(self, name: str) -> BaseStyle | None:
        style = self.get(name)
        if style is None and not name.startswith(("Heading", "List Bullet")):
            raise ExportError(Text(f"参照文書 reference.docx にスタイル「{name}」がありません",
                                   f"reference.docx has no style {name!r}"))
        return style


class Writer:
    """Writes parsed template output into a container (the body or a header)."""

    def __init__(self, doc: Any, vault: Vault, width: int) -> None:
        self.doc = doc
        self.vault = vault
        self.width = width  # text width in EMU, for table columns
        self.styles = Styles(doc)
        self._placeholder = self.styles.get(PLACEHOLDER_STYLE)

    # ------------------------------------------------------------ blocks

    def write(self, text: str, container: Any = None, base_style: str = "Normal") -> None:
        container = container if container is not None else self.doc
        tokens = parser().parse(text)
        custom: list[str] = []  # ::: Style
        lists: list[str] = []  # "bullet" / "ordered"
        quote = 0
        marker = ""
        after_table = False  # Word joins two tables that touch: keep a paragraph between
        new_page = False  # after ---: the next paragraph starts a page
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind in ("paragraph_open", "heading_open"):
                inline = tokens[i + 1]
                if custom:
                    style = custom[-1]
                elif kind == "heading_open":
                    style = f"Heading {tok.tag[1]}"
                elif lists:
                    style = self._list_style(lists)
                else:
                    style = "Quote" if quote else base_style
                paragraph = self.paragraph(container, style)
                if after_table and kind == "paragraph_open":  # headings have their own space
                    paragraph.paragraph_format.space_before = Pt(6)
                if new_page:
                    paragraph.paragraph_format.page_break_before = True
                    new_page = False
                if marker:
                    paragraph.add_run(marker)
                    marker = ""
                self.inline(paragraph, inline.children or [])
                if style == TITLE_STYLE:  # the cover title breaks between phrases
                    phrases.break_paragraph(paragraph._p, self._title_columns())
                after_table = False
                i += 3
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                lists.append(kind.split("_")[0])
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif kind == "list_item_open" and lists[-1] == "ordered":
                marker = f"{tok.info}{tok.markup} "
            elif kind == "blockquote_open":
                quote += 1
            elif kind == "blockquote_close":
                quote -= 1
            elif kind == "container_style_open":
                custom.append(tok.info.strip())
            elif kind == "container_style_close":
                custom.pop()
            elif kind == "hr":
                new_page = True
            elif kind == "table_open":
                if new_page:
                    self.paragraph(container, base_style).add_run().add_break(WD_BREAK.PAGE)
                    new_page = after_table = False
                if after_table:
                    self.paragraph(container, "Table Text")
                end = _closing(tokens, i, "table_close")
                self.table(container, tokens[i:end])
                after_table = True
                i = end
            i += 1

    def paragraph(self, container: Any, style: str) -> Any:
        """A new paragraph in a style of the reference document.

        The style id is written directly: python-docx's style setter scans every style
        of the document on each call, which would make long tables slow.
        """
        paragraph = container.add_paragraph()
        _set_style(paragraph, self.styles.paragraph(style))
        return paragraph

    def _title_columns(self) -> int:
        style = self.styles.get(TITLE_STYLE)
        return phrases.columns_for(style, self.width) if style is not None else 0

    def _list_style(self, lists: list[str]) -> str:
        if lists[-1] == "ordered":
            return "List Paragraph"
        depth = min(lists.count("bullet"), 3)
        return "List Bullet" if depth == 1 else f"List Bullet {depth}"

    # ------------------------------------------------------------ tables

    def table(self, container: Any, tokens: Sequence[Token]) -> None:
        rows: list[list[tuple[list[Token], str]]] = []
        header_rows = 0
        for tok in tokens:
            if tok.type == "tr_open":
                rows.append([])
            elif tok.type in ("th_open", "td_open"):
                if tok.type == "th_open" and not rows[-1]:
                    header_rows += 1
                align = str(tok.attrs.get("style", "")).removeprefix("text-align:")
                rows[-1].append(([], align))
            elif tok.type == "inline":
                rows[-1][-1][0].extend(tok.children or [])
        cols = max(len(r) for r in rows)
        table = container.add_table(rows=0, cols=cols) if container is self.doc \
            else container.add_table(0, cols, Emu(self.width))
        table_style = self.styles.get(TABLE_STYLE)
        if table_style is not None:
            table._tbl.tblStyle_val = table_style.style_id
        table.autofit = False  # fixed layout: Word keeps the widths below
        cell_style = self.styles.paragraph("Table Text")
        style_id = cell_style.style_id if cell_style is not None else None
        texts = [[self._plain(c[0]) for c in row] for row in rows]
        amounts = {c for c in range(cols) if _column_align(rows, c) == "right"}
        widths = column_widths(texts, cols, self.width, keep=amounts)
        grid = table._tbl.tblGrid
        for col, width in zip(grid.gridCol_lst, widths, strict=False):
            col.w = Emu(width)
        # Each row is built once, element by element, as it is written: python-docx's cell
        # access (table.cell(r, c), a row's index) searches the table each time, which
        # makes long tables quadratic.
        props = [_cell_props(w, shaded=False, no_wrap=c in amounts)
                 for c, w in enumerate(widths)]
        header_props = [_cell_props(w, shaded=True, no_wrap=c in amounts)
                        for c, w in enumerate(widths)]
        tbl = table._tbl
        for r, row in enumerate(rows):
            header = r < header_rows
            tr = SubElement(tbl, _W_TR)
            tr_pr = SubElement(tr, _W_TRPR)
            SubElement(tr_pr, _W_CANTSPLIT)  # a row is never split across a page break
            if header:  # repeated at the top of each page the table runs onto
                SubElement(tr_pr, _W_TBLHEADER)
            for c in range(cols):
                tc = SubElement(tr, _W_TC)
                tc.append(deepcopy((header_props if header else props)[c]))
                p = SubElement(tc, _W_P)
                children, align = row[c] if c < len(row) else ([], "")
                if style_id is not None or align in _ALIGN:
                    ppr = SubElement(p, _W_PPR)
                    if style_id is not None:
                        SubElement(ppr, _W_PSTYLE).set(_W_VAL, style_id)
                    if align in _ALIGN:
                        SubElement(ppr, _W_JC).set(_W_VAL, align)
                self.inline(p, children, bold=header)

    def _plain(self, children: list[Token]) -> str:
        return "".join(
            piece for child in children if child.type in ("text", "code_inline")
            for piece, _ in self.vault.pieces(child.content)
        )

    # ------------------------------------------------------------ inline

    def inline(self, paragraph: Any, children: list[Token], *, bold: bool = False) -> None:
        """Runs for the inline tokens, appended to a paragraph (python-docx's or its
        ``w:p`` element)."""
        p = getattr(paragraph, "_p", paragraph)
        placeholder = self._placeholder.style_id if self._placeholder is not None else None
        strong = em = 0
        for child in children:
            kind = child.type
            if kind in ("text", "code_inline"):
                for piece, is_placeholder in self.vault.pieces(child.content):
                    run = SubElement(p, _W_R)
                    style = placeholder if is_placeholder else None
                    if style or bold or strong or em:
                        rpr = SubElement(run, _W_RPR)
                        if style:
                            SubElement(rpr, _W_RSTYLE).set(_W_VAL, style)
                        if bold or strong:
                            SubElement(rpr, _W_B)
                        if em:
                            SubElement(rpr, _W_I)
                    _append_text(run, piece)
            elif kind in ("softbreak", "hardbreak"):
                SubElement(SubElement(p, _W_R), _W_BR)
            elif kind == "strong_open":
                strong += 1
            elif kind == "strong_close":
                strong -= 1
            elif kind == "em_open":
                em += 1
            elif kind == "em_close":
                em -= 1


def _set_style(paragraph: Any, style: BaseStyle | None) -> None:
    if style is not None:
        paragraph._p.style = style.style_id


def _append_text(run: Any, text: str) -> None:
    """Text with line breaks and tabs as Word's own elements, into a ``w:r`` element."""
    for i, line in enumerate(text.split("\n")):
        if i:
            SubElement(run, _W_BR)
        for j, part in enumerate(line.split("\t")):
            if j:
                SubElement(run, _W_TAB)
            if part:
                t = SubElement(run, _W_T)
                t.text = part
                if len(part.strip()) < len(part):
                    t.set(_XML_SPACE, "preserve")


def _column_align(rows: list[list[tuple[list[Token], str]]], col: int) -> str:
    """A column's alignment as the table's delimiter row gives it (the same in every row)."""
    for row in rows:
        if col < len(row):
            return row[col][1]
    return ""


def _cell_props(width: int, *, shaded: bool, no_wrap: bool = False) -> Any:
    """A cell's ``w:tcPr``: its width, for a header cell the shading, for an amount
    column ``noWrap`` (schema order: tcW, shd, noWrap)."""
    tc_pr = OxmlElement("w:tcPr")
    tc_w = SubElement(tc_pr, _W_TCW)
    tc_w.set(qn("w:w"), str(Emu(width).twips))
    tc_w.set(qn("w:type"), "dxa")
    if shaded:
        shd = SubElement(tc_pr, qn("w:shd"))
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), HEADER_FILL)
    if no_wrap:
        SubElement(tc_pr, qn("w:noWrap"))
    return tc_pr


def _closing(tokens: Sequence[Token], start: int, kind: str) -> int:
    for j in range(start, len(tokens)):
        if tokens[j].type == kind:
            return j
    return len(tokens) - 1


CHAR_EMU = 63500  # one half-width character of 9 pt text (5 pt: Latin fallbacks are wider)
PADDING_CHARS = 4  # the cell's left and right margins, and a little air
LONGEST_CHARS = 60  # a long text column wraps anyway: do not let it take everything
MIN_CHARS = 12  # a column's floor while room is shared: 4 Japanese characters a line


def column_widths(texts: list[list[str]], cols: int, total: int,
                  keep: set[int] | frozenset[int] = frozenset()) -> list[int]:
    """Column widths in EMU: short columns get what they need, long ones share the rest.

    Each column wants its longest line (in half-width characters, plus padding). The
    columns in ``keep`` (amounts, which must not wrap) get what they want first, as long
    as together they take at most half the width. Then, while some columns want less
    than an equal share of the width left, they get what they want; the other columns
    get a floor of ``MIN_CHARS`` each and share the rest in proportion to what they want
    beyond it.
    """
    want = []
    for c in range(cols):
        longest = max((phrases.width(line) for row in texts if c < len(row)
                       for line in row[c].split("\n")), default=0)
        want.append((min(longest, LONGEST_CHARS) + PADDING_CHARS) * CHAR_EMU)
    widths = [0] * cols
    flexible = set(range(cols))
    remaining = total
    if keep and sum(want[c] for c in keep) <= total // 2 and len(keep) < cols:
        for c in keep:
            widths[c] = want[c]
            remaining -= want[c]
            flexible.discard(c)
    while flexible:
        share = remaining / len(flexible)
        small = [c for c in flexible if want[c] <= share]
        if not small:
            break
        for c in small:
            widths[c] = want[c]
            remaining -= want[c]
            flexible.discard(c)
    # each column left gets a floor (a few characters a line, at most half an equal
    # share) before the rest is shared in proportion to what it wants beyond it, so that
    # a short label column is not squeezed to one character a line beside a long one
    floor = {c: min(want[c], MIN_CHARS * CHAR_EMU, remaining // (2 * len(flexible)))
             for c in flexible} if flexible else {}
    if sum(floor.values()) > remaining:
        floor = dict.fromkeys(flexible, 0)
    extra = remaining - sum(floor.values())
    wanted = sum(want[c] - floor[c] for c in flexible)
    for c in flexible:
        widths[c] = floor[c] + (int(extra * (want[c] - floor[c]) / wanted) if wanted else 0)
    if flexible:  # the rounding leftover goes to the widest flexible column
        widths[max(flexible, key=lambda c: want[c])] += total - sum(widths)
    elif sum(widths) < total:  # everything fits: spread the room in proportion
        extra = total - sum(widths)
        widths = [w + extra * w // sum(widths) for w in widths]
    return widths
