"""A checker report as JSON, plain text or Markdown (used by `check` and `audit`).

The JSON keys are a stable interface that consultants script against: add keys, never
rename or remove them.
"""

from __future__ import annotations

from typing import Any

from gs_assistant.model.application import Track
from gs_assistant.parsing import format_yen
from gs_assistant.rules.citations import readable_citation
from gs_assistant.rules.pack import TOPICS, RulePack
from gs_assistant.rules.report import STATUS_LABELS, Item, Report
from gs_assistant.textsafe import md_cell, remember, table_row, visible

TOPIC_LABELS = {
    "applicant": ("申請者", "Applicant"),
    "sme": ("中小企業判定・補助率", "SME status and rate"),
    "country": ("実施国", "Country"),
    "track": ("事業区分", "Track"),
    "amount": ("経費・補助額", "Costs and subsidy"),
    "period": ("事業期間", "Period"),
    "field": ("対象分野", "Field"),
    "types": ("日本裨益の類型", "Benefit to Japan: types"),
    "quantitative": ("定量的な効果", "Quantitative effect"),
    "partner_benefit": ("相手国裨益", "Benefit to the partner country"),
    "affiliates": ("関連会社との重複", "Affiliate overlap"),
    "mou": ("MOU・レター", "MOU / letter"),
    "press_release": ("プレスリリース", "Press release"),
    "content": ("事業内容", "Project content"),
    "expenses": ("経費明細", "Expense plan"),
}
assert set(TOPIC_LABELS) == set(TOPICS)


def topic_label(topic: str, lang: str = "ja") -> str:
    ja, en = TOPIC_LABELS[topic]
    return en if lang == "en" else ja


def item_json(item: Item, lang: str, pack: RulePack | None = None) -> dict[str, Any]:
    review = item.review
    return {
        "id": item.id,
        "rule_id": item.rule_id,
        "topic": item.topic,
        "status": item.status.value,
        "computed_status": item.computed_status.value,
        "title": item.title(lang),
        "reason": item.reason(lang),
        "citation": item.citation,
        "citation_text": readable_citation(item.citation, pack, lang) if pack else None,
        "basis": item.basis,
        "field": item.field,
        "review": None if review is None else {
            "decision": None if review.decision is None else {
                "status": review.decision.status.value,
                "reason": review.decision.reason,
                "author": review.decision.author,
                "at": review.decision.at.isoformat(),
            },
            "comments": [
                {"author": c.author, "at": c.at.isoformat(), "text": c.text}
                for c in review.comments
            ],
        },
    }


def report_json(report: Report, file: str, lang: str = "ja",
                pack: RulePack | None = None) -> dict[str, Any]:
    return {
        "file": file,
        "rule_pack": {"id": report.pack_id, "version": report.pack_version,
                      "as_of": report.pack_as_of.isoformat()},
        "facts": report.facts.to_json(lang),
        "summary": report.summary(),
        "items": [item_json(i, lang, pack) for i in report.items],
    }


def summary_line(report: Report, lang: str = "ja") -> str:
    column = 0 if lang == "ja" else 1  # as Status.label; a count's key is a Status value
    return "  ".join(f"{STATUS_LABELS[k][column]} {v}" for k, v in report.summary().items())


def facts_lines(report: Report, lang: str = "ja", pack: RulePack | None = None) -> list[str]:
    """The facts in short; tracks by the pack's name for them (the key without a pack)."""
    f = report.facts
    en = lang == "en"
    na = "-" if en else "（未確定）"
    lines = []
    for m in f.sme:
        sme = na if m.is_sme is None else (
            ("SME" if en else "中小企業") if m.is_sme else ("large" if en else "大企業等"))
        lines.append(f"{m.name}: {sme} ({m.reason(lang)})")
    either = f.open_rate(lang)  # never one amount as certain while the rate is open
    lines.append(("Rate: " if en else "補助率: ")
                 + (str(f.rate) if f.rate else either[0] if either else na))
    lines.append(("Subsidy: " if en else "補助額: ")
                 + (format_yen(f.subsidy_yen, lang) if f.subsidy_yen is not None
                    else either[1] if either else na)
                 + ((" (cap " if en else "（上限 ") + format_yen(f.cap_yen, lang)
                    + (")" if en else "）") if f.cap_yen is not None else ""))
    lines.append(("Recommended track: " if en else "推奨区分: ")
                 + (_track_name(f.recommended_track, pack, lang) if f.recommended_track else na))
    if f.period_months is not None:
        lines.append(("Period: " if en else "事業期間: ")
                     + (f"{f.period_months} months" if en else f"{f.period_months}か月"))
    return lines


def _track_name(track: Track, pack: RulePack | None, lang: str) -> str:
    return pack.track(track).name(lang) if pack is not None else track.value


def report_text(report: Report, file: str, pack: RulePack, lang: str = "ja") -> str:
    out = [f"== {file}", f"{pack.header.title(lang)} [{report.pack_id} {report.pack_version}]"]
    out += ["  " + line for line in facts_lines(report, lang, pack)]
    for topic, items in report.by_topic().items():
        out.append(f"[{topic_label(topic, lang)}]")
        for item in items:
            mark = item.status.label(lang)
            decided = ""
            if item.status is not item.computed_status:
                decided = f" <- {item.computed_status.label(lang)}"
            out.append(f"  {mark}{decided}  {item.id}  {item.title(lang)}")
            out.append(f"      {item.reason(lang)}  ({readable_citation(item.citation, pack, lang)}"
                       f"; {item.field})")
    out.append(summary_line(report, lang))
    return "\n".join(visible(line) for line in out)  # applicant text: one line, no overrides


def report_markdown(report: Report, file: str, pack: RulePack, lang: str = "ja") -> str:
    return "\n".join(report_markdown_lines(report, file, pack, lang))


# the head of each topic's table, by language
_TABLE_HEAD = {en: ["| " + " | ".join(["Status", "ID", "Requirement", "Reason", "Source"] if en
                                      else ["判定", "ID", "要件", "理由", "出典"]) + " |",
                    "|---|---|---|---|---|"] for en in (False, True)}


def report_markdown_lines(report: Report, file: str, pack: RulePack,
                          lang: str = "ja") -> list[str]:
    """The lines of ``report_markdown``: the title and a blank line first (an audit report
    puts its own lines after these two), then the rule pack, the summary, the facts and a
    table per topic."""
    en = lang == "en"
    head = _TABLE_HEAD[en]
    out = [f"# {'Checklist' if en else 'チェックリスト'}: {md_cell(file)}", "",
           f"- {'Rule pack' if en else 'ルールパック'}: {report.pack_id} {report.pack_version} "
           f"({'as of' if en else '基準日'} {report.pack_as_of.isoformat()})",
           f"- {summary_line(report, lang)}", ""]
    out += [f"- {md_cell(line)}" for line in facts_lines(report, lang, pack)]
    out += ["", f"> {pack.header.caveat(lang)}", ""]
    for topic, items in report.by_topic().items():
        out += [f"## {topic_label(topic, lang)}", "", *head]
        out += item_rows(items, pack, lang)
        out.append("")
    return out


# (id of the pack, lang) -> (the pack, rows): an audit's reports repeat most checklist rows
# from file to file, so a row is found by the fields it shows (status, ID, title, reason,
# citation) without rendering them again; at most ROWS_KEPT rows of up to ROW_SHORT
# characters per pack and language (the pack is kept so that its id is not reused)
_ITEM_ROWS: dict[tuple[int, str], tuple[RulePack, dict[tuple[Any, ...], str]]] = {}


def item_rows(items: list[Item], pack: RulePack, lang: str) -> list[str]:
    """Markdown table rows of checklist items: status, ID, title, reason, source."""
    known = _ITEM_ROWS.get((id(pack), lang))
    if known is None or known[0] is not pack:
        known = _ITEM_ROWS[(id(pack), lang)] = (pack, {})
    rows, out = known[1], []
    for item in items:
        fields = (item.status, item.id, item.title, item.reason, item.citation)
        row = rows.get(fields)
        if row is None:
            row = remember(rows, fields, table_row((
                item.status.label(lang), item.id, item.title(lang), item.reason(lang),
                readable_citation(item.citation, pack, lang))))
        out.append(row)
    return out
