"""The one exception the export raises: a one-line message naming the file (and line)."""

from __future__ import annotations

from gs_assistant.text import TextError


class ExportError(TextError):
    """The draft could not be made: a template, the reference document or the output file.

    ``str()`` is one line that starts with the file (and line, for templates).
    """
