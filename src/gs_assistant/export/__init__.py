"""The Word (.docx) draft of an application (see ``docx.py``; the CLI is ``command.py``).

``from gs_assistant.export import export_docx`` works and stays cheap: python-docx and
the template machinery are imported on first use, not when this package is imported.
"""

from __future__ import annotations

from typing import Any

_PUBLIC = {"export_docx", "docx_bytes", "build_document", "ExportError"}


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        from gs_assistant.export import docx

        return getattr(docx, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
