"""What the templates see of the submission package: ``package`` (see
``doc_templates/README.md``): the documents with their states and the call's dates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gs_assistant.rules.package_check import PackageReport
from gs_assistant.rules.package_render import ORIGIN_LABELS, days_left_text, event_when


def package_context(report: PackageReport | None, v: Callable[[Any], Any]) -> dict[str, Any]:
    """``available`` is false when the rule pack has no package (then the lists are
    empty); every text is a template value (printed literally)."""
    if report is None:
        return {"available": False, "documents": [], "events": [], "deadline": v(None),
                "unprepared": v(None)}
    documents = []
    for line in report.documents:
        if line.needed is False:
            continue
        entry = line.entry
        documents.append({
            "key": v(line.key), "name": v(line.name.ja), "provider": v(line.provider.ja),
            "state": v(line.state.label("ja")), "state_key": line.state.value,
            "status": v(line.status.label("ja") if line.status else None),
            "needed": line.needed,
            "path": v(entry.path if entry and entry.path else None),
            "note": v(entry.note if entry and entry.note else None),
        })
    events = [{"name": v(e.name.ja), "when": v(event_when(e, "ja")),
               "origin": v(ORIGIN_LABELS[e.origin][0]), "deadline": e.deadline}
              for e in report.events]
    return {"available": True, "documents": documents, "events": events,
            "deadline": v(days_left_text(report, "ja")),
            "unprepared": v(str(len(report.unprepared())))}
