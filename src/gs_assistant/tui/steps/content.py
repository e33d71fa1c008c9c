"""Step 事業内容: title, summary, the partner country's issue, activities, the structure
on both sides, the schedule's milestones and the plan after the project."""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import ComposeResult
from textual.widget import Widget

from gs_assistant.parsing import format_date
from gs_assistant.rules import Report
from gs_assistant.tui.steps.base import Step, section
from gs_assistant.tui.widgets.records import Column, RecordTable


class ContentStep(Step):
    step_id = "content"

    def compose(self) -> ComposeResult:
        yield section("sec.content")
        yield self.text("content.title")
        yield self.area("content.summary")
        yield self.area("content.partner_issue")
        yield self.area("content.activities")
        yield self.area("content.structure_japan")
        yield self.area("content.structure_local")
        yield section("sec.milestones")
        yield RecordTable("content.milestones", [
            Column("content.milestones.date",
                   lambda r, i: format_date(r.date) if r.date else ""),
            Column("content.milestones.title", lambda r, i: r.title),
        ], self.milestone_form)
        yield self.area("content.commercialisation")

    def milestone_form(self, list_path: str, index: int) -> Iterator[Widget]:
        row = f"{list_path}[{index}]"
        yield self.date(f"{row}.date")
        yield self.text(f"{row}.title")

    def update_facts(self, report: Report) -> None:
        self.query_one(RecordTable).refresh_rows()
