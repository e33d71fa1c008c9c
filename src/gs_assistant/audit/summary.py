"""The audit's summary table as CSV, Markdown and JSON.

``summary.csv`` is UTF-8 with a byte-order mark and CRLF line ends, so that Excel shows the
Japanese text correctly when the file is double-clicked; numbers are plain integers (yen)
so that they sum. Text that a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-``, ``@``) is prefixed with ``'``. ``summary.json`` has stable English keys for
scripts: keys may be added, never renamed or removed.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from gs_assistant import __version__
from gs_assistant.audit.outcome import Audit
from gs_assistant.audit.output import Folder
from gs_assistant.audit.report import audit_lines, cell, pack_line
from gs_assistant.audit.worker import FileResult
from gs_assistant.model.application import Track
from gs_assistant.parsing import format_yen
from gs_assistant.rules.render import topic_label
from gs_assistant.rules.report import Status

STATUSES = (Status.met, Status.not_met, Status.needs_review, Status.missing)
CSV_COLUMNS = {
    "ja": ["ファイル", "結果", "申請者", "事業区分", "実施国", "補助額（円）", "総事業費（円）",
           "補助対象経費（円）", "自己負担額（円）", "委託・外注費の割合（補助額比％）", "適合",
           "不適合",
           "要確認", "未入力", "不適合の論点", "レビュー判定数", "レポート", "エラー",
           "ルールパック", "監査日時", "締切まで（日）", "未準備の書類", "GビズID"],
    "en": ["file", "result", "applicant", "track", "country", "subsidy_yen", "total_yen",
           "eligible_yen", "self_burden_yen", "outsourcing_share_percent", "met", "not_met",
           "needs_review", "missing", "open_not_met_topics", "decisions", "report", "error",
           "rule_pack", "audited_at", "days_left", "unprepared_documents", "gbizid_ready"],
}
RESULTS = {  # ja, en
    "error": ("読めません", "unreadable"),
    "not_met": ("不適合あり", "not met"),
    "missing": ("未入力あり", "incomplete"),  # no 不適合, but unanswered items
    "ok": ("不適合なし", "no not-met items"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def result_key(r: FileResult) -> str:
    """error, not_met, missing (nothing 不適合 but something unanswered) or ok."""
    if not r.ok:
        return "error"
    if r.has_not_met:
        return "not_met"
    return "missing" if r.summary.get(Status.missing.value, 0) > 0 else "ok"


def track_name(audit: Audit, track: str | None) -> str:
    return audit.pack.params.tracks[Track(track)].name(audit.settings.lang) if track else ""


def country_name(audit: Audit, code: str | None) -> str:
    if not code:
        return ""
    country = audit.pack.countries.get(code)
    return f"{country.name(audit.settings.lang)} ({code})" if country else code


GBIZID = {True: ("準備済", "ready"), False: ("未準備", "not ready"), None: ("", "")}
SOON_DAYS = 7  # the summary counts the files whose deadline is this close


def days_text(r: FileResult, lang: str) -> str:
    """締切まで5日 / 締切済 / 未確定 (for Markdown)."""
    if r.days_left is None:
        return "-" if lang == "en" else "未確定"
    if r.days_left < 0 or (r.package_summary.get(Status.not_met.value, 0) > 0):
        return "passed" if lang == "en" else "締切済"
    return f"{r.days_left} days" if lang == "en" else f"{r.days_left}日"


def package_counts(audit: Audit) -> tuple[int, int]:
    """(files whose deadline is within SOON_DAYS and not passed, files without GビズID)."""
    read = [r for r in audit.results if r.ok]
    soon = sum(1 for r in read if r.days_left is not None and 0 <= r.days_left <= SOON_DAYS
               and r.package_summary.get(Status.not_met.value, 0) == 0)
    return soon, sum(1 for r in read if r.gbizid_ready is False)


def topics_text(r: FileResult, lang: str) -> str:
    return "、".join(topic_label(t, lang) for t in r.not_met_topics) if lang != "en" \
        else ", ".join(topic_label(t, lang) for t in r.not_met_topics)


# ---------------------------------------------------------------- JSON


def summary_json(audit: Audit) -> dict[str, Any]:
    s, pack = audit.settings, audit.pack
    return {
        "audit": {
            "audited_at": s.audited_at.isoformat(timespec="seconds"),
            "tool": {"name": "gs-assistant", "version": __version__},
            "rule_pack": {"id": pack.id, "version": pack.version,
                          "as_of": pack.header.as_of.isoformat()},
            "files": len(audit.results),
            "read": len(audit.results) - len(audit.unreadable),
            "unreadable": len(audit.unreadable),
            "with_not_met": len(audit.with_not_met),
            "exit_status": audit.exit_status,
            "interrupted": audit.interrupted,
            "found": audit.total,
            "docx_note": audit.docx_note(s.lang) if audit.docx_note else None,
            "closing_within_7_days": package_counts(audit)[0],
            "without_gbizid": package_counts(audit)[1],
        },
        "files": [
            {
                "file": r.file,
                "result": result_key(r),
                "applicant": r.applicant if r.ok else None,
                "track": r.track,
                "country": r.country,
                "subsidy_yen": r.subsidy_yen,
                "total_yen": r.total_yen,
                "eligible_yen": r.eligible_yen,
                "self_burden_yen": r.self_burden_yen,
                "outsourcing_share_percent": r.outsourcing_share_percent,
                "summary": r.summary if r.ok else None,
                "open_not_met_topics": r.not_met_topics,
                "decisions": r.decisions,
                "report": r.report or None,
                "docx": r.docx or None,
                "docx_error": r.docx_error or None,
                "error": r.error or None,
                "days_left": r.days_left,
                "deadline": r.deadline,
                "unprepared_documents": r.unprepared,
                "gbizid_ready": r.gbizid_ready,
                "package_summary": r.package_summary or None,
            }
            for r in audit.results
        ],
    }


# ---------------------------------------------------------------- CSV


def _safe(text: str) -> str:
    """Keep a spreadsheet from running user text as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def summary_csv(audit: Audit) -> str:
    lang = audit.settings.lang
    pack = f"{audit.pack.id} {audit.pack.version}"
    at = audit.settings.audited_at.isoformat(timespec="seconds")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS["en" if lang == "en" else "ja"])
    for r in audit.results:
        counts = [r.summary.get(s.value, "") for s in STATUSES] if r.ok else [""] * 4
        writer.writerow([
            _safe(r.file), _pick(RESULTS[result_key(r)], lang), _safe(r.applicant),
            track_name(audit, r.track), country_name(audit, r.country),
            *("" if x is None else x for x in (r.subsidy_yen, r.total_yen, r.eligible_yen,
                                               r.self_burden_yen, r.outsourcing_share_percent)),
            *counts,
            topics_text(r, lang), r.decisions if r.ok else "", r.report, _safe(r.error),
            pack, at, "" if r.days_left is None else r.days_left,
            "" if r.unprepared is None else r.unprepared, _pick(GBIZID[r.gbizid_ready], lang),
        ])
    return "\ufeff" + buffer.getvalue()


# ---------------------------------------------------------------- Markdown


def summary_markdown(audit: Audit) -> str:
    lang = audit.settings.lang
    en = lang == "en"
    n, bad = len(audit.results), len(audit.unreadable)
    out = ["# " + ("Batch audit" if en else "一括チェック（監査）結果"), "",
           *audit_lines(audit.settings.audited_at, lang), pack_line(audit.pack, lang),
           ("- Files: " if en else "- ファイル数: ") + f"{n}"
           + (f" (read {n - bad}, unreadable {bad}, with not-met items "
              f"{len(audit.with_not_met)})" if en else
              f"（読めた {n - bad}、読めない {bad}、不適合あり {len(audit.with_not_met)}）")]
    if audit.interrupted:
        out.append(f"- **Interrupted: only {n} of {audit.total} files were audited**" if en
                   else f"- **中断されました：{audit.total}件中 {n}件だけをチェックしました**")
    if audit.docx_note:
        out.append(f"- {audit.docx_note(lang)}")
    soon, no_gbizid = package_counts(audit)
    out.append(f"- Deadline within {SOON_DAYS} days: {soon}; without a gBizID Prime account: "
               f"{no_gbizid}" if en else
               f"- 締切まで{SOON_DAYS}日以内: {soon}件、GビズIDプライム未準備: {no_gbizid}件")
    out += ["", f"> {audit.pack.header.caveat(lang)}", ""]
    header = (["File", "Applicant", "Track", "Country", "Subsidy", "Total", "Eligible",
               "Own share", "Outsourced", *[s.label(lang) for s in STATUSES], "Not met",
               "Deadline", "Documents not ready", "gBizID", "Report"]
              if en else
              ["ファイル", "申請者", "事業区分", "実施国", "補助額", "総事業費", "補助対象経費",
               "自己負担", "委託・外注",
               *[s.label(lang) for s in STATUSES], "不適合の論点", "締切まで", "未準備の書類",
               "GビズID", "レポート"])
    out += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in audit.results:
        if not r.ok:
            continue
        subsidy = format_yen(r.subsidy_yen, lang) if r.subsidy_yen is not None else "-"
        out.append("| " + " | ".join([
            cell(r.file), cell(r.applicant), cell(track_name(audit, r.track)),
            cell(country_name(audit, r.country)), subsidy,
            *(format_yen(x, lang) if x is not None else "-"
              for x in (r.total_yen, r.eligible_yen, r.self_burden_yen)),
            f"{r.outsourcing_share_percent}%" if r.outsourcing_share_percent else "-",
            *[str(r.summary.get(s.value, 0)) for s in STATUSES],
            cell(topics_text(r, lang)), days_text(r, lang),
            "-" if r.unprepared is None else str(r.unprepared),
            _pick(GBIZID[r.gbizid_ready], lang) or "-",
            f"[{r.report.rsplit('/', 1)[-1]}](<{r.report}>)",
        ]) + " |")
    if bad:
        out += ["", "## " + ("Unreadable files" if en else "読めなかったファイル"), "",
                "| " + ("File | Error" if en else "ファイル | エラー") + " |", "|---|---|"]
        out += [f"| {cell(r.file)} | {cell(r.error)} |" for r in audit.unreadable]
    docx_errors = [r for r in audit.results if r.docx_error]
    if docx_errors:
        out += ["", "## " + ("Word reports that failed" if en else "Word出力に失敗したファイル"),
                ""]
        out += [f"- {cell(r.file)}: {cell(r.docx_error)}" for r in docx_errors]
    return "\n".join(out) + "\n"


SUMMARIES = ("summary.csv", "summary.md", "summary.json")


def write_summaries(audit: Audit, folder: Folder) -> None:
    """Write the three summaries into ``folder`` (the output folder), each atomically; the
    audit makes them durable with its reports (``batch.run_audit``)."""
    text = json.dumps(summary_json(audit), ensure_ascii=False, indent=2) + "\n"
    for name, content in zip(SUMMARIES, (summary_csv(audit), summary_markdown(audit), text),
                             strict=True):
        folder.write(name, content.encode("utf-8"))
