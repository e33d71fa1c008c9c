"""The hook to the Word exporter: the audit writes a .docx per application with it.

The exporter is ``gs_assistant.export.docx``: ``export_docx(app, pack, out_path,
template_dir=None, **options) -> Path``. For an audit report its checklist template
(``CHECKLIST``) is used with the report already computed. The module is imported on first
use (it pulls in python-docx); if that import fails the audit writes the Markdown reports
only and says why in its summary.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from gs_assistant.rules.report import M

# (application, rule pack, its report, where to write the .docx)
Exporter = Callable[[Any, Any, Any, Path], Any]


def audit_exporter(module: ModuleType) -> Exporter | None:
    """The module's exporter, called the way an audit report needs it."""
    export = getattr(module, "export_docx", None)
    if not callable(export):
        return None
    checklist = getattr(module, "CHECKLIST", None)

    def write(app: Any, pack: Any, report: Any, out_path: Path) -> Any:
        if checklist:
            return export(app, pack, out_path, template=checklist, report=report)
        return export(app, pack, out_path)

    return write


def find_exporter() -> tuple[Exporter | None, M | None]:
    """(the exporter, None), or (None, a one-line note saying why there is none)."""
    try:
        import gs_assistant.export.docx as module
    except Exception as exc:  # a broken install must not stop the audit
        return None, M(f"Word出力（.docx）を読み込めないため省略しました: {exc}",
                       f"Word reports (.docx) skipped: the exporter failed to load: {exc}")
    return audit_exporter(module), None
