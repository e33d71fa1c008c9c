"""Step 申請者: the lead applicant with its company profile (企業概要), the みなし大企業
questions with the SME decision shown live, the co-applicants (consortium; each row's
form has the member's profile too), the local partner company, and the single-project
question."""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import ComposeResult
from textual.widget import Widget

from gs_assistant.rules import Report
from gs_assistant.rules.report import MemberSme
from gs_assistant.tui.i18n import choice, labelled, lang, money, t
from gs_assistant.tui.steps.base import Step, country_options, section
from gs_assistant.tui.widgets.live import Live
from gs_assistant.tui.widgets.records import Column, RecordTable


def sme_words(member: MemberSme | None) -> str:
    if member is None or member.is_sme is None:
        return t("fact.undecided")
    return t("fact.sme_yes") if member.is_sme else t("fact.sme_no")


class ApplicantStep(Step):
    step_id = "applicant"

    def compose(self) -> ComposeResult:
        yield section("sec.lead")
        yield self.text("lead.name")
        yield self.choice("lead.industry", self.industry_options())
        yield self.amount("lead.capital_yen")
        yield self.integer("lead.employees")
        yield self.text("lead.role")
        yield section("sec.profile")
        yield from self.profile("lead")
        yield section("sec.deemed")
        yield from self.deemed("lead")
        yield Live("", id="lead-sme", classes="fact")
        yield section("sec.co_applicants")
        yield RecordTable("co_applicants", self.co_columns(), self.co_form, self.co_removing)
        yield section("sec.local_partner")
        yield self.text("local_partner.name")
        yield self.choice("local_partner.country", country_options(self.pack))
        yield self.text("local_partner.role")
        yield self.area("local_partner.description")
        yield section("sec.single")
        yield self.yesno("content.single_project")

    def deemed(self, member: str) -> Iterator[Widget]:
        """The five みなし大企業 questions, worded by the rule pack."""
        questions = self.pack.params.deemed_large_questions.value
        for number, q in enumerate(questions, start=1):
            text = q.en if lang() == "en" else q.ja
            yield self.yesno(f"{member}.deemed_large.{q.key}", f"({number}){text}")

    def profile(self, member: str) -> Iterator[Widget]:
        """企業概要: what the 事業計画書 says about a member, beside its SME facts."""
        yield self.text(f"{member}.profile.address")
        yield self.text(f"{member}.profile.representative")
        yield self.integer(f"{member}.profile.founded_year")
        yield self.area(f"{member}.profile.business")
        yield self.amount(f"{member}.profile.revenue_yen")
        yield self.area(f"{member}.profile.overseas_experience")

    def co_columns(self) -> list[Column]:
        industries = self.pack.params.industries

        def sme(_row: object, index: int) -> str:
            members = self.doc.report().facts.sme
            return sme_words(members[index + 1] if index + 1 < len(members) else None)

        return [
            Column("co_applicants.name", lambda r, i: r.name, width=18),
            Column("co_applicants.industry",
                   lambda r, i: industries[r.industry.value](lang()) if r.industry else "",
                   width=10),
            Column("co_applicants.capital_yen",
                   lambda r, i: money(r.capital_yen) if r.capital_yen is not None
                   else ""),
            Column("co_applicants.employees",
                   lambda r, i: f"{r.employees:,}" if r.employees is not None else ""),
            Column("co_applicants.location", lambda r, i: choice("location", r.location.value)
                   .split("（")[0]),
            Column("co_applicants.sme", sme),
        ]

    def co_removing(self, index: int) -> str:
        """A co-applicant's expense rows go with it: say how many."""
        rows = self.doc.app.costs.rows_of(f"co{index + 1}")
        return t("table.expense_rows_go", n=rows) if rows else ""

    def co_form(self, list_path: str, index: int) -> Iterator[Widget]:
        row = f"{list_path}[{index}]"
        yield self.text(f"{row}.name")
        yield self.choice(f"{row}.industry", self.industry_options())
        yield self.amount(f"{row}.capital_yen")
        yield self.integer(f"{row}.employees")
        yield self.text(f"{row}.role")
        yield self.choice(f"{row}.location", self.enum_options("location"))
        yield self.text(f"{row}.parent_name")
        yield self.percent(f"{row}.parent_stake_percent")
        yield from self.profile(row)
        yield from self.deemed(row)

    def update_facts(self, report: Report) -> None:
        lead = report.facts.sme[0] if report.facts.sme else None
        reason = lead.reason(lang()) if lead else ""
        self.query_one("#lead-sme", Live).update(
            labelled(t("fact.sme"), sme_words(lead)) + "\n" + reason)
        self.query_one(RecordTable).refresh_rows()
