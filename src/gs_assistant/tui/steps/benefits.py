"""Step 日本裨益・相手国裨益: the three types with their three conditions each, the
quantitative indicators (a table, with the pack's suggestions per type) and the benefit
to the partner country with its own indicators (a table like Japan's)."""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Select

from gs_assistant.model.application import BenefitType, ConditionBBranch
from gs_assistant.rules import Report
from gs_assistant.tui.i18n import choice, lang, t
from gs_assistant.tui.navigation import widget_id
from gs_assistant.tui.steps.base import Step, section
from gs_assistant.tui.widgets.fields import ChoiceBox, FieldSelect, decimal_text
from gs_assistant.tui.widgets.records import Column, RecordTable


class Suggestions(Vertical):
    """The pack's indicator suggestions; picking one fills the name and the unit."""

    def __init__(self, row: str, options: list[tuple[str, tuple[str, str, str]]]) -> None:
        super().__init__(classes="field suggestions")
        self.row = row
        self.options = options
        self.border_title = t("key.suggest")

    def compose(self) -> ComposeResult:
        yield FieldSelect([(label, i) for i, (label, _) in enumerate(self.options)],
                          prompt=t("table.suggestions", type=t("sec.indicators")),
                          compact=True, id=widget_id(self.row) + "-suggest")

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.value is Select.NULL:
            return
        kind, name, unit = self.options[int(event.value)][1]
        screen = self.screen
        screen.query_one("#" + widget_id(self.row + ".name"), Input).value = name
        screen.query_one("#" + widget_id(self.row + ".unit"), Input).value = unit
        type_box = screen.query_one("#" + widget_id(self.row + ".benefit_type") + "--box",
                                    ChoiceBox)
        if type_box.value is None:
            type_box.choose(kind)


# What both indicator tables ask in a row's form, after the type or kind.
MEASURES = ("name", "unit", "baseline", "target", "target_year")


class BenefitsStep(Step):
    step_id = "benefits"

    def compose(self) -> ComposeResult:
        yield section("sec.types")
        for n, kind in enumerate(BenefitType, start=1):
            with Vertical(id=f"claim-{kind.value}", classes="claim"):
                yield self.field(f"japan_benefit.{kind.value}.claimed",
                                 self.benefit_type_name(kind.value))
                with Vertical(id=f"conditions-{kind.value}", classes="conditions") as shown:
                    # as update_facts shows them (a step estimates its height from this)
                    shown.display = self.doc.app.japan_benefit.claim(kind).claimed
                    yield from self.conditions(n, kind)
        yield section("sec.indicators")
        yield RecordTable("indicators", self.indicator_columns(), self.indicator_form)
        yield section("sec.partner_benefit")
        yield from self.fields("partner_benefit.categories", "partner_benefit.explanation")
        yield section("sec.partner_indicators")
        yield RecordTable("partner_benefit.indicators", self.partner_columns(),
                          self.partner_form)

    def conditions(self, n: int, kind: BenefitType) -> Iterator[Widget]:
        """The three conditions, worded by the rule pack as in the brochure."""
        base = f"japan_benefit.{kind.value}"
        texts = self.pack.params.benefit_types[kind].conditions
        short = choice("benefit_type_short", kind.value)
        branches = self.pack.params.condition_b_branches.value

        def condition(x: str) -> Widget:
            return self.area(f"{base}.{x}.explanation", f"{short} {x}.",
                             question=texts[x].value(lang()))

        yield condition("a")
        if kind is BenefitType.type3:  # type 3 b has no "clear challenges" alternative
            held = self.doc.app.japan_benefit.type3.b.branch  # shown if a file holds it
            branches = {k: v for k, v in branches.items()
                        if k in (ConditionBBranch.not_applied, held)}
        yield self.field(f"{base}.b.branch", options=self.pack_options(branches))
        yield condition("b")
        yield condition("c")

    @staticmethod
    def measure_columns(list_path: str) -> list[Column]:
        """Name, unit, baseline, target and year: the columns both indicator tables share."""
        return [
            Column(f"{list_path}.name", lambda r, i: r.name, width=16),
            Column(f"{list_path}.unit", lambda r, i: r.unit),
            Column(f"{list_path}.baseline", lambda r, i: decimal_text(r.baseline)),
            Column(f"{list_path}.target", lambda r, i: decimal_text(r.target)),
            Column(f"{list_path}.target_year",
                   lambda r, i: str(r.target_year) if r.target_year else ""),
        ]

    def indicator_columns(self) -> list[Column]:
        return [
            Column("indicators.benefit_type",
                   lambda r, i: choice("benefit_type_short", r.benefit_type.value)
                   if r.benefit_type else ""),
            *self.measure_columns("indicators"),
        ]

    def indicator_form(self, list_path: str, index: int) -> Iterator[Widget]:
        row = f"{list_path}[{index}]"
        claimed = self.doc.app.japan_benefit.claimed() or list(BenefitType)
        suggestions = [
            (f"{choice('benefit_type_short', kind.value)}: {s.name(lang())}（{s.unit}）",
             (kind.value, s.name(lang()), s.unit))
            for kind in claimed for s in self.pack.hints.indicators.get(kind.value, [])
        ]
        yield self.field(f"{row}.benefit_type", options=[
            (self.benefit_type_name(k.value), k.value) for k in BenefitType])
        if suggestions:
            yield Suggestions(row, suggestions)
        yield from self.fields(*MEASURES, row=row)

    # -- the partner country's indicators (PBN-002): like Japan's, by kind of benefit

    def partner_columns(self) -> list[Column]:
        kinds = self.pack.params.partner_benefit_categories.value
        path = "partner_benefit.indicators"
        return [
            Column(f"{path}.category",
                   lambda r, i: kinds[r.category](lang()) if r.category else "", width=10),
            *self.measure_columns(path),
        ]

    def partner_form(self, list_path: str, index: int) -> Iterator[Widget]:
        yield from self.fields("category", *MEASURES, row=f"{list_path}[{index}]")

    def update_facts(self, report: Report) -> None:
        for kind in BenefitType:
            claimed = self.doc.app.japan_benefit.claim(kind).claimed
            self.query_one(f"#conditions-{kind.value}").display = claimed
        for table in self.query(RecordTable):
            table.refresh_rows()
