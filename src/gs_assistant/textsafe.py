"""Applicant text made safe for a consultant's screen and Markdown files.

Text from an application file reaches ``check``'s output, the audit reports and
``summary.md``. ``visible`` shows control and format characters as escapes (a newline in
a company name can no longer fake a 「適合 AMT-001」 line, a right-to-left override can no
longer reverse what follows), and ``md_cell`` also neutralises Markdown and HTML (no
heading, image, link or tag can come from an applicant).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_KEEP = {"\u200d"}  # the zero-width joiner inside emoji sequences
# each Markdown and HTML character and its escape; replaced one after the other, the
# backslash first and then the ampersand, so that no escape is escaped again (one pass of
# str.translate does the same at some 70 ns a character, several times slower)
_ESCAPES = (("\\", "\\\\"), ("&", "&amp;"), ("`", "\\`"), ("[", "\\["), ("]", "\\]"),
            ("<", "&lt;"), (">", "&gt;"), ("|", "\\|"))
_MARKUP = re.compile(r"[\\`\[\]&<>|]")
_SHORT = 256  # cells up to this length are remembered (a report repeats rule titles)


def visible(text: str) -> str:
    """``text`` with every control and format character (bidi overrides included)
    written as an escape (``\\n``, ``\\u202e``)."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char in _NAMED:
            out.append(_NAMED[char])
        elif char not in _KEEP and unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out)


def md_cell(text: str) -> str:
    """Text made safe for one Markdown line or table cell: visible, no markup, no HTML."""
    return _short_md_cell(text) if len(text) <= _SHORT else _md_cell(text)


def _md_cell(text: str) -> str:
    text = visible(text)
    if _MARKUP.search(text) is None:
        return text
    for char, escape in _ESCAPES:
        text = text.replace(char, escape)
    return text


# an audit writes the same titles, statuses and citations for every file
_short_md_cell = lru_cache(maxsize=4096)(_md_cell)


def md_row(cells: tuple[str, ...]) -> str:
    """One Markdown table row, ``| a | b |``, of cells made safe with ``md_cell``."""
    row = _ROWS.get(cells)
    if row is None:
        row = remember(_ROWS, cells, table_row(cells))
    return row


def remember(rows: dict, key: object, row: str) -> str:
    """``row``, kept in ``rows`` under ``key`` when it is at most ROW_SHORT characters;
    ``rows`` is emptied first when it holds ROWS_KEPT already (a bound on the memory)."""
    if len(row) <= ROW_SHORT:
        if len(rows) >= ROWS_KEPT:
            rows.clear()
        rows[key] = row
    return row


def table_row(cells: tuple[str, ...]) -> str:
    """``md_row`` without remembering the row (for callers that keep rows of their own).
    Most rows need no escape: printability and markup are per character, so the cells
    are checked at once, joined, and each cell is made safe only when the check fails."""
    text = "".join(cells)
    if text.isprintable() and _MARKUP.search(text) is None:
        return "| " + " | ".join(cells) + " |"
    return "| " + " | ".join(map(md_cell, cells)) + " |"


# a report's checklist rows repeat from file to file (status, ID, rule, reason, source):
# rows up to ROW_SHORT characters are remembered, at most ROWS_KEPT of them
_ROWS: dict[tuple[str, ...], str] = {}
ROW_SHORT, ROWS_KEPT = 1024, 4096
