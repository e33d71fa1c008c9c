"""The hook to the Word exporter: the audit writes a .docx per application when it exists.

The exporter lives in ``gs_assistant.export.docx`` as
``export_docx(app, pack, out_path, template_dir=None, **options) -> Path``. For an audit
report the module's checklist template (``CHECKLIST``) is used with the report already
computed; a module without one gives its whole draft. Until the exporter is installed the
audit writes the Markdown reports only and says so in its summary.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from gs_assistant.rules.report import M

EXPORTER_MODULE = "gs_assistant.export.docx"
EXPORTER_FUNCTION = "export_docx"

# (application, rule pack, its report, where to write the .docx)
Exporter = Callable[[Any, Any, Any, Path], Any]

NOT_INSTALLED = M("Word出力（.docx）はこの版では使えないため省略しました",
                  "Word reports (.docx) skipped: this version has no Word export")


def audit_exporter(module: ModuleType) -> Exporter | None:
    """The module's exporter, called the way an audit report needs it."""
    export = getattr(module, EXPORTER_FUNCTION, None)
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
        if importlib.util.find_spec(EXPORTER_MODULE) is None:
            return None, NOT_INSTALLED
        module = importlib.import_module(EXPORTER_MODULE)
    except Exception as exc:  # a broken exporter must not stop the audit
        return None, M(f"Word出力（.docx）を読み込めないため省略しました: {exc}",
                       f"Word reports (.docx) skipped: the exporter failed to load: {exc}")
    exporter = audit_exporter(module)
    return (exporter, None) if exporter is not None else (None, NOT_INSTALLED)
