"""User data in templates: cleaned text that can never become markup.

Templates produce a Markdown-like text that is parsed into headings, lists and tables.
Data never goes through that parser: every value a template prints with ``{{ }}`` is
stored in a :class:`Vault` and only an opaque token (two Unicode noncharacters around a
number) enters the template output. The Word writer swaps each token back for the data
as plain runs. A ``# 見出し``, ``| a | b |``, ``**`` or ``{{ 7*7 }}`` typed by an applicant
therefore comes out literally, and an empty value comes out as the 【要記入】 placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from markupsafe import Markup

PLACEHOLDER = "【要記入】"

# Noncharacters are reserved for a program's internal use and never appear in real text;
# clean_text removes them from data, so data cannot forge a token.
_OPEN, _CLOSE = "\ufdd0", "\ufdd1"
TOKEN = re.compile(f"{_OPEN}(\\d+){_CLOSE}")

# Characters Word cannot hold (XML 1.0) or that are invisible controls: C0 controls other
# than TAB and LF, DEL, C1 controls, noncharacters, lone surrogates.
_UNWANTED = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]"
)
_NEWLINES = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def scrub(text: str) -> str:
    """Normalise newlines to ``\\n`` and drop characters Word cannot hold."""
    return _UNWANTED.sub("", _NEWLINES.sub("\n", text))


def clean_text(text: str) -> str:
    """:func:`scrub`, and blanks at both ends removed."""
    return scrub(text).strip()


class Value:
    """One piece of data as a template sees it.

    It prints as its token, is false when empty (so ``{% if v %}`` and ``{{ v or "…" }}``
    work) and has the length of its text.
    """

    __slots__ = ("text", "token")

    def __init__(self, text: str, token: str) -> None:
        self.text = text
        self.token = token

    def __str__(self) -> str:
        return self.token

    def __html__(self) -> str:  # keeps the token intact under Jinja's autoescape
        return self.token

    def __bool__(self) -> bool:
        return bool(self.text)

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return f"Value({self.text!r})"


class Vault:
    """The data of one document: values by number, and the tokens that stand for them."""

    def __init__(self) -> None:
        self._texts: list[str] = []
        self.chars = 0  # the length of all data held, which the templates' limits count

    def value(self, data: Any) -> Value:
        """Wrap data (``None`` and blanks are empty: they print as 【要記入】)."""
        text = "" if data is None else clean_text(str(data))
        token = f"{_OPEN}{len(self._texts)}{_CLOSE}"
        self._texts.append(text)
        self.chars += len(text)
        return Value(text, token)

    def protect(self, data: Any) -> Any:
        """Jinja's ``finalize``: whatever a template prints becomes data.

        ``Markup`` (the output of a template's own macros and blocks) stays markup.
        A string made by joining tokens with other text keeps its tokens: they are
        expanded as data when the document is written.
        """
        if isinstance(data, Value):
            return data.token
        if isinstance(data, Markup):
            return data
        if isinstance(data, str):
            # keep embedded tokens; only the text around them is cleaned
            parts = TOKEN.split(data)
            data = "".join(
                scrub(p) if i % 2 == 0 else f"{_OPEN}{p}{_CLOSE}" for i, p in enumerate(parts)
            )
            if not TOKEN.search(data):
                data = data.strip()
            token = f"{_OPEN}{len(self._texts)}{_CLOSE}"
            self._texts.append(data)
            self.chars += len(data)
            return token
        return self.value(data).token

    def pieces(self, text: str) -> Iterator[tuple[str, bool]]:
        """Split template output into (text, is_placeholder) pieces, data expanded.

        Literal template text is yielded as is; a token yields its data (recursively
        for data that holds tokens), or the placeholder when the data is empty.
        """
        pos = 0
        for match in TOKEN.finditer(text):
            if match.start() > pos:
                yield scrub(text[pos:match.start()]), False
            yield from self._expand(int(match.group(1)), 0)
            pos = match.end()
        if pos < len(text):
            yield scrub(text[pos:]), False

    def _expand(self, index: int, depth: int) -> Iterator[tuple[str, bool]]:
        if index >= len(self._texts) or depth > 20:
            return
        data = self._texts[index]
        if not data:
            yield PLACEHOLDER, True
            return
        pos = 0
        for match in TOKEN.finditer(data):
            if match.start() > pos:
                yield data[pos:match.start()], False
            yield from self._expand(int(match.group(1)), depth + 1)
            pos = match.end()
        if pos < len(data):
            yield data[pos:], False
