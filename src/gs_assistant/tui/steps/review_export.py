"""Step 確認・出力: the facts in short, the rule pack's caveat, the whole checklist (an item
jumps to its field; the submission package's items follow the plan's), the submission
package (documents with their states, marked by keyboard, and the days left) and the Word
export."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Button

from gs_assistant.parsing import format_yen
from gs_assistant.rules import Report
from gs_assistant.tui.bindings import key_for
from gs_assistant.tui.i18n import labelled, lang, money, t
from gs_assistant.tui.steps.applicant import sme_words
from gs_assistant.tui.steps.base import Step, section
from gs_assistant.tui.widgets.checklist import Checklist
from gs_assistant.tui.widgets.live import Wrapped
from gs_assistant.tui.widgets.package import PackagePanel


class ReviewExportStep(Step):
    step_id = "review_export"

    def compose(self) -> ComposeResult:
        yield section("sec.summary")
        yield Wrapped("", id="review-facts", classes="fact")
        yield Wrapped(self.pack.header.caveat(lang()), classes="caveat")
        yield Checklist(self.pack, id="review-checklist")
        yield section("sec.package")
        yield PackagePanel(self.doc, clock=lambda: self.app.now(), id="package")
        yield Button(f"{t('key.export')} ({key_for('wizard.export')})", id="export-button",
                     compact=True)

    def summary(self, report: Report) -> str:
        """The decisions in a few lines: members, rate, subsidy, track, period."""
        f = report.facts
        na = t("fact.undecided")
        members = ", " if lang() == "en" else "、"
        members = members.join(f"{m.name}（{sme_words(m)}）" for m in f.sme)
        either = f.open_rate(lang())
        subsidy = (f"{format_yen(f.subsidy_yen)}（{money(f.subsidy_yen)}）"
                   if f.subsidy_yen is not None else either[1] if either else na)
        track = self.doc.app.track
        lines = [
            labelled(t("fact.sme"), members),
            labelled(t("fact.rate"), f.rate if f.rate is not None
                     else either[0] if either else na),
            labelled(t("fact.subsidy"), subsidy),
            labelled(t("sec.track"), self.pack.track(track).name(lang()) if track else na),
        ]
        if f.recommended_track is not None and f.recommended_track is not track:
            lines.append(labelled(t("fact.recommended"),
                                  self.pack.track(f.recommended_track).name(lang())))
        if f.period_months is not None:
            lines.append(t("fact.months", n=f.period_months))
        return "\n".join(lines)

    def update_facts(self, report: Report) -> None:
        self.query_one("#review-facts", Wrapped).update(self.summary(report))
        panel = self.query_one(PackagePanel)
        panel.refresh_package()
        package = panel.report.items if panel.report is not None else []
        self.query_one("#review-checklist", Checklist).show(report, extra=package)

    def focus_own(self, path: str) -> bool:
        """A package item's field (``package.documents.KEY`` or its ``.path``): the
        document's row in the package table."""
        if not path.startswith("package"):
            return False
        parts = path.split(".")
        panel = self.query_one(PackagePanel)
        panel.focus_document(parts[2] if len(parts) > 2 else "")
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export-button":
            event.stop()
            self.screen.action_export()
