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
from gs_assistant.tui.steps.base import Step, section
from gs_assistant.tui.widgets.live import Live
from gs_assistant.tui.widgets.records import Column, RecordTable


def sme_words(member: MemberSme | None) -> str:
    if member is None or member.is_sme is None:
        return t("fact.undecided")
    return t("fact.sme_yes") if member.is_sme else t("fact.sme_no")


# The step's layouts: field paths, each box made as the field catalogue says.
LEAD = ("lead.name", "lead.industry", "lead.capital_yen", "lead.employees", "lead.role")
PROFILE = ("address", "representative", "founded_year", "business", "revenue_yen",
           "overseas_experience")  # a member's profile.*
CO_APPLICANT = ("name", "industry", "capital_yen", "employees", "role", "location",
                "parent_name", "parent_stake_percent")  # a co-applicant row's form
LOCAL_PARTNER = ("local_partner.name", "local_partner.country", "local_partner.role",
                 "local_partner.description")


class ApplicantStep(Step):
    step_id = "applicant"

    def compose(self) -> ComposeResult:
        yield section("sec.lead")
        yield from self.fields(*LEAD)
        yield section("sec.profile")
        yield from self.profile("lead")
        yield section("sec.deemed")
        yield from self.deemed("lead")
        yield Live("", id="lead-sme", classes="fact")
        yield section("sec.co_applicants")
        yield RecordTable("co_applicants", self.co_columns(), self.co_form, self.co_removing)
        yield section("sec.local_partner")
        yield from self.fields(*LOCAL_PARTNER)
        yield section("sec.single")
        yield self.field("content.single_project")

    def deemed(self, member: str) -> Iterator[Widget]:
        """The five みなし大企業 questions, worded by the rule pack."""
        questions = self.pack.params.deemed_large_questions.value
        for number, q in enumerate(questions, start=1):
            text = q.en if lang() == "en" else q.ja
            yield self.field(f"{member}.deemed_large.{q.key}", f"({number}){text}")

    def profile(self, member: str) -> Iterator[Widget]:
        """企業概要: what the 事業計画書 says about a member, beside its SME facts."""
        yield from self.fields(*PROFILE, row=f"{member}.profile")

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
        yield from self.fields(*CO_APPLICANT, row=row)
        yield from self.profile(row)
        yield from self.deemed(row)

    def update_facts(self, report: Report) -> None:
        lead = report.facts.sme[0] if report.facts.sme else None
        reason = lead.reason(lang()) if lead else ""
        self.query_one("#lead-sme", Live).update(
            labelled(t("fact.sme"), sme_words(lead)) + "\n" + reason)
        self.query_one(RecordTable).refresh_rows()
