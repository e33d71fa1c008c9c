"""Japanese line breaking (禁則処理) for the text the wizard wraps itself.

A line never starts with closing brackets, 、。 and small kana (行頭禁則), and never ends
with an opening bracket (行末禁則): the character before is carried to the next line
(追い出し). Runs of ASCII letters and digits stay whole when they fit on a line. Widths
are terminal cells (a kanji is two).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

NO_START = set("、。，．,.）)］]｝}〕〉》」』】〙〗〟’”・：；:;？！?!ー々〻‐゠–〜～\u2026"
               "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")
NO_END = set("（(［[｛{〔〈《「『【〘〖〝‘“")
CARRY = 2  # at most this many characters are carried to the next line


def _tokens(text: str) -> list[str]:
    """Words of ASCII letters/digits as one token, every other character alone."""
    out: list[str] = []
    word = ""
    for char in text:
        if char.isascii() and char.isalnum():
            word += char
            continue
        if word:
            out.append(word)
            word = ""
        out.append(char)
    if word:
        out.append(word)
    return out


def break_points(text: str, width: int) -> list[int]:
    """Offsets in ``text`` (one paragraph, no newline) where lines start, after the first."""
    width = max(width, 4)
    points: list[int] = []
    line: list[str] = []  # tokens of the current line
    used = 0
    offset = 0
    for token in _tokens(text):
        size = cell_len(token)
        if line and used + size > width:
            carried: list[str] = []
            while len(line) > 1 and len(carried) < CARRY:
                first = carried[0] if carried else token
                if first[0] not in NO_START and line[-1][-1] not in NO_END:
                    break
                carried.insert(0, line.pop())
            points.append(offset - sum(len(t) for t in carried))
            line = carried
            used = sum(cell_len(t) for t in carried)
        line.append(token)
        used += size
        offset += len(token)
    return points


def wrap(text: Text | str, width: int) -> list[Text]:
    """``text`` as lines of at most ``width`` cells (styles kept), with 禁則."""
    text = Text(text) if isinstance(text, str) else text
    out: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True):
        plain = paragraph.plain
        if cell_len(plain) <= width:
            out.append(paragraph)
            continue
        points = break_points(plain, width)
        lines = paragraph.divide(points) if points else [paragraph]
        for line in lines:  # a single token wider than the line: cut it by cells
            if cell_len(line.plain) > width:
                out.extend(line.wrap(_console(), width, overflow="fold"))
            else:
                out.append(line)
    return out


def wrap_message(message: str, width: int, *, markup: bool = True) -> str:
    """A pop-up message (Textual content markup, or plain) with its lines broken by the
    wizard, with 禁則, at ``width`` cells. Text with no double-width character is left to
    Textual's word wrapping (English)."""
    from textual.content import Content

    content = Content.from_markup(message) if markup else Content(message)
    plain = content.plain
    if all(cell_len(char) < 2 for char in plain):
        return message
    points: list[int] = []
    start = 0
    for paragraph in plain.split("\n"):
        points += [start + point for point in break_points(paragraph, width)]
        start += len(paragraph) + 1
    if not points:
        return message
    lines = Content("\n").join(content.divide(points))
    return lines.markup if markup else lines.plain


def wrapped(text: Text | str, width: int) -> Text:
    return Text("\n").join(wrap(text, width))


def _console():
    from rich.console import Console

    return Console(width=10_000, legacy_windows=False)
