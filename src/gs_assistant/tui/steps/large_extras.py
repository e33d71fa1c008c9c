"""Step 大型実証の追加要件 (large tracks only): the affiliates with the computed 関連会社
marked, similar overseas projects with their two differences, the MOU / letter status and
the press-release commitment."""

from __future__ import annotations

from collections.abc import Iterator

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget

from gs_assistant.parsing import format_date
from gs_assistant.rules import Report
from gs_assistant.tui.i18n import choice, lang, t
from gs_assistant.tui.steps.base import Step, section
from gs_assistant.tui.widgets.live import Live
from gs_assistant.tui.widgets.records import Column, RecordTable


def written(text: str) -> str:
    return t("progress.done") if text.strip() else ""


# The step's layouts (field paths; a row's form lists the row's own paths).
AFFILIATE = ("name", "country", "overseas", "kind", "stake_percent", "intermediate_name",
             "intermediate_overseas", "intermediate_stake_percent")
SIMILAR_PROJECT = ("company", "name", "country", "environment_difference",
                   "technology_difference")
MOU = ("large.mou.counterpart_kind", "large.mou.counterpart_name", "large.mou.status",
       "large.mou.date")
PRESS_RELEASE = ("large.press_release.committed", "large.press_release.outline",
                 "large.press_release.government_support_reason")


class LargeExtrasStep(Step):
    step_id = "large_extras"

    def compose(self) -> ComposeResult:
        yield Live("", id="not-large", classes="notice")
        with Vertical(id="large-body"):
            yield section("sec.affiliates")
            yield self.field("large.affiliates_reviewed")
            yield RecordTable("large.affiliates", self.affiliate_columns(), self.affiliate_form)
            yield section("sec.similar")
            yield self.field("large.similar_projects_exist")
            yield RecordTable("large.similar_projects", self.similar_columns(),
                              self.similar_form)
            yield section("sec.mou")
            yield Live("", id="mou-facts", classes="fact")
            yield from self.fields(*MOU)
            yield section("sec.press")
            yield from self.fields(*PRESS_RELEASE)

    # -- affiliates

    def affiliate_columns(self) -> list[Column]:
        def counts(_row: object, index: int) -> Text:
            facts = self.doc.report().facts.affiliates
            fact = facts[index] if index < len(facts) else None
            if fact is None or fact.counts is None:
                return Text(t("fact.undecided"), style="yellow")
            if fact.counts:
                return Text(t("fact.affiliate_yes"), style="bold green")
            return Text(t("fact.affiliate_no"), style="dim")

        def stake(row, _i: int) -> str:
            if row.stake_percent is None:
                return ""
            if row.intermediate_stake_percent is not None:
                return f"{row.intermediate_stake_percent}%/{row.stake_percent}%"
            return f"{row.stake_percent}%"

        return [
            Column("large.affiliates.counts", counts),
            Column("large.affiliates.kind", lambda r, i: choice("affiliate_kind", r.kind.value)),
            Column("large.affiliates.stake_percent", stake),
            Column("large.affiliates.country", lambda r, i: r.country or ""),
            Column("large.affiliates.name", lambda r, i: r.name),
        ]

    def affiliate_form(self, list_path: str, index: int) -> Iterator[Widget]:
        yield from self.fields(*AFFILIATE, row=f"{list_path}[{index}]")

    # -- similar projects

    def similar_columns(self) -> list[Column]:
        return [
            Column("large.similar_projects.name", lambda r, i: r.name, width=16),
            Column("large.similar_projects.environment_difference",
                   lambda r, i: written(r.environment_difference)),
            Column("large.similar_projects.technology_difference",
                   lambda r, i: written(r.technology_difference)),
            Column("large.similar_projects.country", lambda r, i: r.country or ""),
            Column("large.similar_projects.company", lambda r, i: r.company),
        ]

    def similar_form(self, list_path: str, index: int) -> Iterator[Widget]:
        yield from self.fields(*SIMILAR_PROJECT, row=f"{list_path}[{index}]")

    # -- live parts

    def update_facts(self, report: Report) -> None:
        track = self.doc.app.track
        large = track is not None and track.is_large
        notice = self.query_one("#not-large", Live)
        name = self.pack.track(track).name(lang()) if track else t("wizard.no_track")
        notice.update(t("wizard.not_large", track=name))
        notice.display = not large
        self.query_one("#large-body").display = large
        facts = report.facts
        if facts.mou_required is None:
            mou = t("fact.mou_unknown")
        elif facts.mou_required:
            deadline = format_date(facts.mou_deadline) if facts.mou_deadline else \
                t("fact.undecided")
            mou = t("fact.mou_required", date=deadline)
        else:
            mou = t("fact.mou_not_required")
        self.query_one("#mou-facts", Live).update(mou)
        for table in self.query(RecordTable):
            table.refresh_rows()
