"""The funding plan (資金計画, AMT-005): how the applicant's own share (総事業費 - 補助額) is
financed -- own funds, loans with the lender, other sources -- and when. It is shown on
the step 事業区分・経費・期間 right after the costs and the subsidy, where the own share
follows from; the step calls ``funding_fields`` and ``update_funding``."""

from __future__ import annotations

from collections.abc import Iterator

from textual.widget import Widget

from gs_assistant.rules import Report
from gs_assistant.rules.topics.plan_sections import own_share
from gs_assistant.tui.i18n import labelled, money, t
from gs_assistant.tui.steps.base import Step, section
from gs_assistant.tui.widgets.live import Live


def funding_fields(step: Step) -> Iterator[Widget]:
    yield section("sec.funding")
    yield Live("", id="own-share", classes="fact")
    yield from step.fields("funding.own_funds_yen", "funding.loans_yen", "funding.lender",
                           "funding.other_yen", "funding.other_source", "funding.explanation")


def own_share_text(step: Step, report: Report) -> str:
    """自己負担額 as the check computes it, and what the sources add up to so far."""
    share, assumed = own_share(report.facts, report.facts.total_yen)
    if share is None:
        return labelled(t("fact.own_share"), t("fact.undecided"))
    line = labelled(t("fact.own_share"), money(share))
    if assumed:
        line += t("fact.own_share_assumed")
    sources = step.doc.app.funding.sources()
    if any(v is not None for v in sources):
        line += "\n" + labelled(t("fact.raised"), money(sum(v or 0 for v in sources)))
    return line


def update_funding(step: Step, report: Report) -> None:
    step.query_one("#own-share", Live).update(own_share_text(step, report))
