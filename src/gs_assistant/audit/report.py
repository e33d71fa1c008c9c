"""One application's audit report in Markdown: the checklist plus the review record.

The checklist is ``rules.render.report_markdown``'s lines (they state the rule pack, its version
and as-of date); this adds the audit date and the tool version, so that the audit can be
reproduced, and a section with the reviewers' decisions and comments.
"""

from __future__ import annotations

from datetime import datetime

from gs_assistant import __version__
from gs_assistant.model.application import Application
from gs_assistant.parsing import format_yen
from gs_assistant.rules.pack import RulePack
from gs_assistant.rules.package_check import PackageReport
from gs_assistant.rules.package_render import package_markdown
from gs_assistant.rules.render import report_markdown_lines
from gs_assistant.rules.report import Report, Status, percent_text
from gs_assistant.textsafe import md_cell


def cell(text: str) -> str:
    """Text made safe for one Markdown table cell (no markup, no HTML, one line)."""
    return md_cell(text)


def stamp(at: datetime) -> str:
    return at.isoformat(timespec="minutes")


def audit_lines(audited_at: datetime, lang: str) -> list[str]:
    """When the audit ran and with which tool (the rule pack line comes with the report)."""
    en = lang == "en"
    return [
        f"- {'Audited' if en else '監査日時'}: {stamp(audited_at)}",
        f"- {'Tool' if en else 'ツール'}: gs-assistant {__version__}",
    ]


def pack_line(pack: RulePack, lang: str) -> str:
    en = lang == "en"
    return (f"- {'Rule pack' if en else 'ルールパック'}: {pack.id} {pack.version} "
            f"({'as of' if en else '基準日'} {pack.header.as_of.isoformat()})")


def review_section(report: Report, app: Application, lang: str) -> list[str]:
    """Decisions (computed status → reviewed status, with the reason) and comments."""
    en = lang == "en"
    reviews = app.review.items
    if not reviews:
        return []
    out = ["## " + ("Review" if en else "レビュー記録"), ""]
    decided = [i for i in report.items if i.review is not None and i.review.decision]
    if decided:
        header = (["ID", "Checker", "Decision", "Reason", "By", "At"] if en
                  else ["ID", "チェッカーの判定", "レビュー判定", "理由", "判定者", "日時"])
        out += ["| " + " | ".join(header) + " |", "|---|---|---|---|---|---|"]
        for item in decided:
            d = item.review.decision
            out.append("| " + " | ".join(cell(x) for x in (
                item.id, item.computed_status.label(lang), Status(d.status.value).label(lang),
                d.reason, d.author, stamp(d.at))) + " |")
        out.append("")
    comments = [(item_id, c) for item_id, r in reviews.items() for c in r.comments]
    if comments:
        out += ["### " + ("Comments" if en else "コメント"), ""]
        out += [f"- {cell(item_id)} {cell(c.author)} ({stamp(c.at)}): {cell(c.text)}"
                for item_id, c in comments]
        out.append("")
    current = {i.id for i in report.items}
    stale = sorted(i for i, r in reviews.items() if r.decision and i not in current)
    if stale:
        out.append(("Decisions on items no longer in the checklist: " if en
                    else "現在のチェックリストにない項目への判定: ") + ", ".join(stale))
        out.append("")
    return out


def audit_report_markdown(
    report: Report, app: Application, file: str, pack: RulePack, lang: str,
    audited_at: datetime, package: PackageReport | None = None,
) -> str:
    lines = report_markdown_lines(report, file, pack, lang)
    extra = [package_markdown(package, pack, lang)] if package is not None else []
    return "\n".join([*lines[:2], *audit_lines(audited_at, lang), *lines[2:], *extra,
                      *expense_section(report, lang),
                      *review_section(report, app, lang)]).rstrip("\n") + "\n"


def expense_section(report: Report, lang: str) -> list[str]:
    """The expense plan's figures (its findings are in the checklist, topic 経費明細):
    totals, subsidy, 自己負担, the share of 委託・外注, each member and each currency."""
    plan = report.facts.expenses
    if plan is None:
        return []
    en = lang == "en"

    def yen(x: int | None) -> str:
        return "-" if x is None else format_yen(x, lang)

    share = "-" if plan.outsourcing_share is None else f"{percent_text(plan.outsourcing_share)}%"
    out = ["## " + ("Expense plan figures" if en else "経費明細の集計"), "",
           (f"- Rows: {plan.rows:,}" if en else f"- 行数: {plan.rows:,}")
           + ("" if plan.complete else (" (some rows have no yen value yet)" if en
                                        else "（円の額がまだない行があります）")),
           f"- {'Total' if en else '総事業費'}: {yen(plan.total_yen)}",
           f"- {'Eligible' if en else '補助対象経費'}: {yen(plan.eligible_yen)}",
           f"- {'Subsidy' if en else '補助額'}: {yen(plan.subsidy_yen)}",
           f"- {'Own share' if en else '自己負担額'}: {yen(plan.self_burden_yen)}",
           f"- {'Commissioned and outsourced' if en else '委託・外注費'}: "
           f"{yen(plan.outsourcing_yen)} ({share}{' of the subsidy' if en else '（補助額比）'})",
           "",
           "| " + " | ".join(["Member", "Total", "Eligible", "Subsidy"] if en
                            else ["計上者", "経費", "補助対象経費", "補助額"]) + " |",
           "|---|---:|---:|---:|"]
    out += [f"| {cell(m.name)} | {yen(m.total_yen)} | {yen(m.eligible_yen)} | "
            f"{yen(m.subsidy_yen)} |" for m in plan.by_member]
    if plan.foreign:
        out += ["", "| " + " | ".join(["Currency", "Amount", "Yen", "Rows"] if en
                                      else ["通貨", "外貨額", "円換算額", "行数"]) + " |",
                "|---|---:|---:|---:|"]
        out += [f"| {c.currency} | {c.amount:,} | {yen(c.yen)} | {c.rows} |"
                for c in plan.foreign]
    return [*out, ""]
