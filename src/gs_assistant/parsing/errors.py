"""The parsers' own error: a Japanese message, with the English one beside it."""

from __future__ import annotations


class InputError(ValueError):
    """Typed text that cannot be read. ``str()`` is Japanese; ``.en`` is English."""

    def __init__(self, message: str, en: str = "") -> None:
        super().__init__(message)
        self.en = en or message

    def __reduce__(self):  # keep .en when pickled (e.g. across processes)
        return type(self), (str(self), self.en)
