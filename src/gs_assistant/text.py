"""One bilingual text: Japanese first, English beside it, the language always chosen by the caller.

``Text(ja, en)`` is what messages, reasons, labels and errors carry; ``text(lang)`` renders it.
``str(text)`` is the Japanese, so code that predates the English keeps reading Japanese.
"""

from __future__ import annotations

from typing import NamedTuple


class Text(NamedTuple):
    """A text in Japanese and English."""

    ja: str
    en: str

    def __call__(self, lang: str = "ja") -> str:
        return self.en if lang == "en" else self.ja

    def __str__(self) -> str:
        return self.ja

    def format(self, **values: object) -> Text:
        """Both languages with ``{name}`` placeholders filled in."""
        return Text(self.ja.format(**values), self.en.format(**values))


def message_of(exc: BaseException, lang: str) -> str:
    """An error's one-line message in ``lang``: its ``in_lang`` when it has one."""
    in_lang = getattr(exc, "in_lang", None)
    return in_lang(lang) if callable(in_lang) else str(exc)


class TextError(Exception):
    """An error whose one-line message is a ``Text`` (or a plain string in one language).

    ``str()`` is the Japanese; ``in_lang(lang)`` the line a command prints.
    """

    def __init__(self, message: str | Text) -> None:
        super().__init__(str(message))
        self.text = message if isinstance(message, Text) else Text(message, message)

    def in_lang(self, lang: str) -> str:
        return self.text(lang)
