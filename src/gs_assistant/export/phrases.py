"""Breaking a short Japanese line (the cover title) at phrase boundaries.

Word and LibreOffice break Japanese text between any two characters, so a long title
wraps mid-word (「…実証事」/「業」). The cover title is therefore split into phrases
(文節) by BudouX's bundled Japanese model and set as lines that break only between
phrases, balanced so that no line is a lone character or two. A phrase longer than a
whole line is cut where it must be.
"""

from __future__ import annotations

import re
import unicodedata
from copy import deepcopy
from functools import cache
from typing import Any

from docx.oxml.ns import qn
from lxml.etree import SubElement

_W_R, _W_T, _W_BR, _W_RPR, _W_RSTYLE = qn("w:r"), qn("w:t"), qn("w:br"), qn("w:rPr"), qn(
    "w:rStyle")
EMU_PER_PT = 12700
_WORDS = re.compile(r"\S+\s*|\s+")
SAFETY = 0.92  # fonts differ between Word, LibreOffice and substitutes: leave some room


def width(text: str) -> int:
    """Half-width columns: wide (Japanese) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


@cache
def _parser() -> Any:
    import budoux

    return budoux.load_default_japanese_parser()


def phrases(text: str) -> list[str]:
    """The text's phrases, in order; they join back to the text."""
    return _parser().parse(text) if text else []


def _cut(phrase: str, limit: int) -> list[str]:
    """A phrase wider than a line, cut into pieces of at most ``limit`` columns."""
    pieces, current = [], ""
    for ch in phrase:
        if current and width(current + ch) > limit:
            pieces.append(current)
            current = ""
        current += ch
    return [*pieces, current] if current else pieces


def lines(text: str, limit: int) -> list[str]:
    """The text as lines of at most ``limit`` columns that break only between phrases
    or at spaces (unless a word is wider than a line), in as few lines as greedy filling needs,
    balanced so that the widest line is as narrow as it can be."""
    if limit <= 0 or width(text) <= limit:
        return [text] if text else []
    # a space is a break opportunity too (Latin words inside or instead of Japanese)
    units = [piece for p in phrases(text) for word in _WORDS.findall(p)
             for piece in _cut(word, limit)]
    count = _greedy_count(units, limit)
    return _balanced(units, count, limit)


def _greedy_count(units: list[str], limit: int) -> int:
    count, used = 1, 0
    for unit in units:
        w = width(unit)
        if used and used + w > limit:
            count, used = count + 1, 0
        used += w
    return count


def _balanced(units: list[str], count: int, limit: int) -> list[str]:
    """Split ``units`` into ``count`` consecutive lines minimising the widest (dynamic
    programming over the split points; titles have a few dozen phrases at most)."""
    n = len(units)
    prefix = [0]
    for unit in units:
        prefix.append(prefix[-1] + width(unit))
    inf = float("inf")
    # best[k][i]: the narrowest possible widest line, the first i units in k lines
    best = [[inf] * (n + 1) for _ in range(count + 1)]
    cut = [[0] * (n + 1) for _ in range(count + 1)]
    best[0][0] = 0
    for k in range(1, count + 1):
        for i in range(1, n + 1):
            for j in range(k - 1, i):
                line = prefix[i] - prefix[j]
                if line > limit:
                    continue
                candidate = max(best[k - 1][j], line)
                if candidate < best[k][i]:
                    best[k][i], cut[k][i] = candidate, j
    if best[count][n] == inf:  # cannot happen after _cut, but never lose text
        return ["".join(units)]
    out, i = [], n
    for k in range(count, 0, -1):
        j = cut[k][i]
        out.append("".join(units[j:i]))
        i = j
    return out[::-1]


def columns_for(style: Any, text_width_emu: int) -> int:
    """Half-width columns of a line in ``style``'s font size across the text width."""
    size = None
    current = style
    while current is not None and size is None:
        size = current.font.size
        current = current.base_style
    points = size.pt if size is not None else 10.5
    return int(text_width_emu / EMU_PER_PT / points * 2 * SAFETY)


def break_paragraph(p: Any, limit: int) -> None:
    """Set a paragraph of plain runs as phrase-broken lines (``w:br`` between lines).

    A paragraph holding anything else (a placeholder run, a field) is left as it is;
    line breaks already in the text are kept, and each line is broken on its own.
    """
    runs = p.findall(_W_R)
    if not runs:
        return
    text_lines, current = [], []
    for run in runs:
        if run.find(f"{_W_RPR}/{_W_RSTYLE}") is not None:
            return
        for child in run:
            if child.tag == _W_T:
                current.append(child.text or "")
            elif child.tag == _W_BR:
                text_lines.append("".join(current))
                current = []
            elif child.tag != _W_RPR:
                return
    text_lines.append("".join(current))
    broken = [line for text in text_lines for line in (lines(text, limit) or [""])]
    if broken == text_lines:
        return
    r_pr = runs[0].find(_W_RPR)
    for run in runs:
        p.remove(run)
    run = SubElement(p, _W_R)
    if r_pr is not None:
        run.append(deepcopy(r_pr))
    for i, line in enumerate(broken):
        if i:
            SubElement(run, _W_BR)
        if line:
            SubElement(run, _W_T).text = line
