"""Step 事業区分・経費・期間: the track with an advisor that recommends one from the
amounts and the country, the costs with the subsidy computed live (rate, cap), and the
start and end dates with the period and the latest allowed end."""

from __future__ import annotations

from textual.app import ComposeResult

from gs_assistant.model.application import Track
from gs_assistant.parsing import format_date, format_yen
from gs_assistant.rules import Report
from gs_assistant.tui.bindings import key_for
from gs_assistant.tui.i18n import labelled, lang, money, t
from gs_assistant.tui.steps.base import Step, section
from gs_assistant.tui.steps.funding import funding_fields, update_funding
from gs_assistant.tui.widgets.fields import ChoiceBox
from gs_assistant.tui.widgets.live import Live


class TrackMoneyPeriodStep(Step):
    step_id = "track_money_period"

    def compose(self) -> ComposeResult:
        tracks = [(p.name(lang()), key.value) for key, p in self.pack.params.tracks.items()]
        yield section("sec.track")
        yield self.choice("track", tracks)
        yield Live("", id="track-terms", classes="fact")
        yield section("sec.advisor")
        yield Live("", id="advisor", classes="fact advisor")
        yield section("sec.costs")
        yield self.amount("costs.total_yen")
        yield self.amount("costs.eligible_yen")
        yield Live("", id="subsidy", classes="fact")
        yield from funding_fields(self)
        yield section("sec.period")
        yield self.date("period.start")
        yield self.date("period.end")
        yield Live("", id="period-facts", classes="fact")

    def track_terms(self, track: Track | None) -> str:
        if track is None:
            return ""
        p = self.pack.track(track)
        end_by = t("fact.end_by", date=p.end_by.value.isoformat()) if p.end_by.value else ""
        return t("fact.track_terms", cap=money(p.subsidy_max_yen.value),
                 rate=str(p.rate_non_sme.value), rate_sme=str(p.rate_sme.value),
                 months=p.period_months.value, end_by=end_by)

    def advice(self, report: Report) -> str:
        facts = report.facts
        lines = []
        if facts.recommended_track is not None:
            name = self.pack.track(facts.recommended_track).name(lang())
            lines.append(labelled(t("fact.recommended"), name))
        lines += [m(lang()) for m in facts.recommendation]
        track = self.doc.app.track
        if facts.recommended_track is not None and track is not None \
                and track is not facts.recommended_track:
            lines.append(t("fact.differs", key=key_for("wizard.apply_track")))
        return "\n".join(lines)

    def subsidy(self, report: Report) -> str:
        f = report.facts
        na = t("fact.undecided")
        either = f.open_rate(lang())
        rate = str(f.rate) if f.rate is not None else either[0] if either else na
        lines = [labelled(t("fact.rate"), rate)]
        if either is not None:
            lines.append(labelled(t("fact.subsidy"), either[1]))
        elif f.subsidy_yen is not None:
            amount = f"{format_yen(f.subsidy_yen)}（{money(f.subsidy_yen)}）"
            line = labelled(t("fact.subsidy"), amount)
            if f.capped:
                line += f"  {t('fact.capped')}"
            lines.append(line)
        else:
            lines.append(labelled(t("fact.subsidy"), na))
        if f.cap_yen is not None:
            lines.append(labelled(t("fact.cap"), money(f.cap_yen)))
        return "\n".join(lines)

    def period(self, report: Report) -> str:
        f = report.facts
        lines = []
        if f.period_months is not None:
            lines.append(t("fact.months", n=f.period_months))
        if f.latest_end is not None:
            lines.append(t("fact.latest_end", date=format_date(f.latest_end)))
        return "\n".join(lines)

    def update_facts(self, report: Report) -> None:
        self.query_one("#track-terms", Live).update(self.track_terms(self.doc.app.track))
        self.query_one("#advisor", Live).update(self.advice(report))
        self.query_one("#subsidy", Live).update(self.subsidy(report))
        update_funding(self, report)
        period = self.period(report)
        facts = self.query_one("#period-facts", Live)
        facts.update(period)
        facts.display = bool(period)

    def apply_recommendation(self) -> bool:
        """Choose the advisor's track; False when there is no recommendation."""
        track = self.doc.report().facts.recommended_track
        if track is None:
            return False
        self.query_one("#f-track--box", ChoiceBox).choose(track.value)
        return True
