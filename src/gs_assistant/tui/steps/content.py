"""Step 事業内容: title, summary, the partner country's issue, activities, the structure
on both sides, the schedule's milestones, the plan after the project, and the main risks
with their impact and mitigation (a table, CNT-007)."""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import ComposeResult
from textual.widget import Widget

from gs_assistant.parsing import format_date
from gs_assistant.rules import Report
from gs_assistant.tui.steps.base import Step, section
from gs_assistant.tui.widgets.records import Column, RecordTable


def first_line(text: str) -> str:
    """A written text in a table cell: its first line (a cell is one line high)."""
    return text.strip().split("\n", 1)[0]


class ContentStep(Step):
    step_id = "content"

    def compose(self) -> ComposeResult:
        yield section("sec.content")
        yield from self.fields("content.title", "content.summary", "content.partner_issue",
                               "content.activities", "content.structure_japan",
                               "content.structure_local")
        yield section("sec.milestones")
        yield RecordTable("content.milestones", [
            Column("content.milestones.date",
                   lambda r, i: format_date(r.date) if r.date else ""),
            Column("content.milestones.title", lambda r, i: r.title),
        ], self.milestone_form)
        yield self.field("content.commercialisation")
        yield section("sec.risks")
        yield RecordTable("risks", [
            Column("risks.risk", lambda r, i: first_line(r.risk), width=24),
            Column("risks.impact", lambda r, i: first_line(r.impact), width=16),
            Column("risks.mitigation", lambda r, i: first_line(r.mitigation), width=24),
        ], self.risk_form)

    def milestone_form(self, list_path: str, index: int) -> Iterator[Widget]:
        yield from self.fields("date", "title", row=f"{list_path}[{index}]")

    def risk_form(self, list_path: str, index: int) -> Iterator[Widget]:
        yield from self.fields("risk", "impact", "mitigation", row=f"{list_path}[{index}]")

    def update_facts(self, report: Report) -> None:
        for table in self.query(RecordTable):
            table.refresh_rows()
