"""The parsers' own error: a Japanese message, with the English one beside it."""

from __future__ import annotations

from gs_assistant.text import Text


class InputError(ValueError):
    """Typed text that cannot be read. ``str()`` is Japanese; ``.en`` is English."""

    def __init__(self, message: str, en: str = "") -> None:
        super().__init__(message)
        self.en = en or message

    @property
    def text(self) -> Text:
        return Text(str(self), self.en)

    def in_lang(self, lang: str) -> str:
        return self.text(lang)

    def __reduce__(self):  # keep .en when pickled (e.g. across processes)
        return type(self), (str(self), self.en)
