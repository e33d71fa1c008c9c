"""The submission package as JSON, plain text and Markdown (``check``, ``audit``)."""

from __future__ import annotations

from typing import Any

from gs_assistant.rules.call import Event
from gs_assistant.rules.citations import readable_citation
from gs_assistant.rules.pack import RulePack
from gs_assistant.rules.package_check import DocLine, PackageReport
from gs_assistant.rules.package_timeline import days_until, when_text
from gs_assistant.rules.render import item_json, item_rows
from gs_assistant.rules.report import Status, status_counts
from gs_assistant.textsafe import md_row, visible

ORIGIN_LABELS = {
    "call": ("call.yaml", "call.yaml"),
    "pack": ("パンフレット", "brochure"),
    "pattern": ("前回公募の例", "previous call's pattern"),
    "": ("未定", "unknown"),
}


def event_when(event: Event, lang: str = "ja") -> str:
    if event.at is not None:
        return when_text(event.at, lang)
    if event.approx is not None:
        return event.approx.text(lang)
    return "-" if lang == "en" else "未定"


def _event_json(event: Event, report: PackageReport, lang: str) -> dict[str, Any]:
    return {
        "key": event.key, "name": event.name(lang), "deadline": event.deadline,
        "at": event.at.isoformat() if event.at else None,
        "days_left": days_until(report.now, event.at) if event.at else None,
        "approx": None if event.approx is None else {
            "from": event.approx.from_.isoformat(), "to": event.approx.to.isoformat(),
            "text": event.approx.text(lang)},
        "origin": event.origin, "source": event.source,
    }


def _doc_json(line: DocLine, lang: str) -> dict[str, Any]:
    entry = line.entry
    return {
        "key": line.key, "document": line.doc_id, "name": line.name(lang),
        "provider": line.provider(lang), "account": line.account, "needed": line.needed,
        "state": line.state.value, "state_label": line.state.label(lang),
        "path": entry.path if entry else "", "note": entry.note if entry else "",
        "status": line.status.value if line.status else None,
    }


def package_json(report: PackageReport, lang: str = "ja",
                 pack: RulePack | None = None) -> dict[str, Any]:
    nxt = report.next_deadline
    return {
        "now": report.now.isoformat(),
        "days_left": report.days_left,
        "next_deadline": None if nxt is None else {
            "key": nxt.key, "name": nxt.name(lang), "at": nxt.at.isoformat(),
            "days_left": days_until(report.now, nxt.at)},
        "unprepared": len(report.unprepared()),
        "gbizid_ready": report.account_ready(),
        "summary": status_counts(report.items),
        "events": [_event_json(e, report, lang) for e in report.events],
        "documents": [_doc_json(d, lang) for d in report.documents if d.needed is not False],
        "items": [item_json(i, lang, pack) for i in report.items],
    }


def days_left_text(report: PackageReport, lang: str = "ja") -> str:
    """「締切まで N日」, 「締切を過ぎています」 or 「締切未確定」."""
    if report.days_left is None:
        return "deadline not fixed" if lang == "en" else "締切未確定"
    deadline = next(e for e in report.events if e.key == "submission_deadline")
    if report.now > deadline.at:
        return "deadline passed" if lang == "en" else "締切を過ぎています"
    return f"{report.days_left} days to the deadline" if lang == "en" \
        else f"締切まで{report.days_left}日"


def package_text(report: PackageReport, pack: RulePack, lang: str = "ja") -> str:
    en = lang == "en"
    out = ["[Submission package and timeline]" if en else "[提出書類・スケジュール]",
           "  " + days_left_text(report, lang)]
    for event in report.events:
        origin = ORIGIN_LABELS[event.origin][1 if en else 0]
        out.append(f"  {event.name(lang)}: {event_when(event, lang)}  ({origin})")
    for item in report.items:
        mark = item.status.label(lang)
        if item.status is not item.computed_status:
            mark += f" <- {item.computed_status.label(lang)}"
        out.append(f"  {mark}  {item.id}  {item.title(lang)}")
        out.append(f"      {item.reason(lang)}  ({readable_citation(item.citation, pack, lang)})")
    counts = status_counts(report.items)
    out.append("  ".join(f"{Status(k).label(lang)} {v}" for k, v in counts.items()))
    return "\n".join(visible(line) for line in out)


def package_markdown(report: PackageReport, pack: RulePack, lang: str = "ja") -> str:
    en = lang == "en"
    out = ["## " + ("Submission package and timeline" if en else "提出書類・スケジュール"), "",
           f"- {days_left_text(report, lang)}", ""]
    out += ["| " + (" | ".join(["Event", "When", "From"]) if en
                   else " | ".join(["日程", "日時", "出典"])) + " |", "|---|---|---|"]
    for event in report.events:
        out.append(md_row((event.name(lang), event_when(event, lang),
                           ORIGIN_LABELS[event.origin][1 if en else 0])))
    out += ["", "| " + (" | ".join(["Status", "ID", "Document", "Reason", "Source"]) if en
                        else " | ".join(["判定", "ID", "書類", "理由", "出典"])) + " |",
            "|---|---|---|---|---|"]
    out += item_rows(report.items, pack, lang)
    out.append("")
    return "\n".join(out)
