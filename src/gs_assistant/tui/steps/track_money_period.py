"""Step 事業区分・経費・期間: the track with an advisor that recommends one from the
amounts and the country, the costs with the subsidy computed live (rate, cap), the
expense plan (経費明細: a table of rows by member and 費目, with its totals), and the
start and end dates with the period and the latest allowed end."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget

from gs_assistant.model.application import ExpenseRow, Track
from gs_assistant.parsing import format_date, format_yen
from gs_assistant.rules import Report
from gs_assistant.rules.expenses import EXACT, member_keys, member_label, row_value, row_yen
from gs_assistant.tui.bindings import key_for
from gs_assistant.tui.i18n import field_label, labelled, lang, money, t
from gs_assistant.tui.steps.base import Step, section
from gs_assistant.tui.steps.funding import funding_fields, update_funding
from gs_assistant.tui.widgets.fields import ChoiceBox, decimal_text
from gs_assistant.tui.widgets.live import Live, Wrapped
from gs_assistant.tui.widgets.records import Column, RecordTable, RowFact

EXPENSES = "costs.expenses"
# A row's form after its member and 費目: what it costs, then what of it is eligible.
EXPENSE_AMOUNT = ("description", "unit_price", "quantity", "unit", "amount", "currency", "rate",
                  "rate_date", "rate_source")
EXPENSE_ELIGIBLE = ("eligible", "eligible_yen", "tax_included", "note")
PASTE_ERRORS_SHOWN = 4  # bad cells of a paste named in its message; the rest are counted


INDENT = "  "


def yen_text(value: int) -> str:
    """500,000,000円 / 500,000,000 yen."""
    return format_yen(value, lang())


def breakdown(label: str, items: list[str], per_line: int = 1) -> list[str]:
    """A label, then its items indented, ``per_line`` to a line (an amount is never cut
    at a line's end, as wrapping one long line would)."""
    gap = "   " if lang() == "en" else "　"
    return [label, *(INDENT + gap.join(items[i:i + per_line])
                     for i in range(0, len(items), per_line))]


class TrackMoneyPeriodStep(Step):
    step_id = "track_money_period"

    def compose(self) -> ComposeResult:
        yield section("sec.track")
        yield self.field("track")
        yield Live("", id="track-terms", classes="fact")
        yield section("sec.advisor")
        yield Live("", id="advisor", classes="fact advisor")
        yield section("sec.costs")
        yield from self.fields("costs.total_yen", "costs.eligible_yen")
        yield Live("", id="subsidy", classes="fact")
        yield RecordTable(EXPENSES, self.expense_columns(), self.expense_form,
                          pasted=self.paste_rows)
        yield Wrapped("", id="plan-facts", classes="fact")
        yield self.field("costs.plan_date")
        yield from funding_fields(self)
        yield section("sec.period")
        yield from self.fields("period.start", "period.end")
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

    # ------------------------------------------------------------ the expense plan

    def member_name(self, member: str) -> str:
        return member_label(self.doc.app, member)[0](lang())

    def expense_columns(self) -> list[Column]:
        categories = self.pack.params.expenses.categories

        def category(row: ExpenseRow, _index: int) -> str:
            known = categories.get(row.category)
            return known.value(lang()) if known else row.category

        def yen(_row: ExpenseRow, index: int) -> Text:
            plan = self.doc.report().facts.expenses
            value = plan.row_yen[index] if plan and index < len(plan.row_yen) else None
            shown = f"{value:,}" if value is not None else t("fact.undecided")
            return Text(shown, justify="right")

        def eligible(_row: ExpenseRow, index: int) -> str:
            plan = self.doc.report().facts.expenses
            if plan is None or index >= len(plan.row_yen) or plan.row_yen[index] is None:
                return ""
            part, whole = plan.row_eligible_yen[index], plan.row_yen[index]
            key = "all" if part == whole and whole else "none" if not part else "part"
            return t(f"cell.eligible_{key}")

        return [
            Column(f"{EXPENSES}.member", lambda r, i: self.member_name(r.member), width=10),
            Column(f"{EXPENSES}.category", category, width=10),
            Column(f"{EXPENSES}.description", lambda r, i: r.description, width=22),
            Column(f"{EXPENSES}.yen", yen, width=13),
            Column(f"{EXPENSES}.target", eligible, width=6),
        ]

    def member_options(self, current: str) -> list[tuple[str, str]]:
        """The consortium's members (the lead, then the co-applicants), and the row's own
        member when the file names one that is not among them (so it is not lost)."""
        keys = member_keys(self.doc.app)
        if current not in keys:
            keys.append(current)
        options = []
        for key in keys:
            name = self.member_name(key)
            number = key.removeprefix("co")
            role = t("expense.member_" + ("co" if number.isdigit() else key), n=number)
            options.append((name if name.startswith(role) else f"{role}：{name}", key))
        return options

    def category_options(self, current: str) -> list[tuple[str, str]]:
        """The pack's 費目 in its order (with its note), and a category from the file that
        the pack does not list (EXP-003 flags it)."""
        options = []
        for key, category in self.pack.params.expenses.categories.items():
            name = category.value(lang())
            hint = category.value.hint(lang()) if category.value.hint else ""
            options.append((f"{name}（{hint}）" if hint else name, key))
        if current and current not in self.pack.params.expenses.categories:
            options.append((current, current))
        return options

    def paste_rows(self, text: str) -> None:
        """Rows copied from a spreadsheet (tab-separated, with or without its header) are
        added after the plan's rows; with any bad cell none is, and the cells are named."""
        from gs_assistant.export.expense_table import TableError, parse_paste

        doc = self.doc
        first = len(doc.app.costs.expenses)
        try:
            rows = parse_paste(text, doc.app, doc.pack.max_rows - first)
        except TableError as exc:
            lines = exc.in_lang(lang()).splitlines()
            more = t("expense.paste_more", n=len(lines) - PASTE_ERRORS_SHOWN) \
                if len(lines) > PASTE_ERRORS_SHOWN else ""
            self.app.notify("\n".join([t("expense.paste_refused"),
                                       *lines[:PASTE_ERRORS_SHOWN], more]).strip(),
                            severity="error", timeout=12)
            return
        if not rows:
            return
        for row in rows:
            doc.add_row(EXPENSES, **dict(row))
        self.query_one(RecordTable).rows_added(first)
        self.app.notify(t("expense.pasted", n=len(rows)))

    def expense_form(self, list_path: str, index: int) -> Iterator[Widget]:
        row = f"{list_path}[{index}]"
        current: ExpenseRow = self.doc.get(row)
        yield Wrapped(self.pack.params.expenses.caveat.value(lang()), classes="caveat")
        yield self.field(f"{row}.member", options=self.member_options(current.member),
                         blank=False)
        yield self.field(f"{row}.category", options=self.category_options(current.category),
                         empty="")
        yield from self.fields(*EXPENSE_AMOUNT, row=row)
        yield RowFact(lambda: self.row_value(index), classes="fact")
        yield from self.fields(*EXPENSE_ELIGIBLE, row=row)

    def row_value(self, index: int) -> str:
        """The row's yen value as the rules core computes it (shown in its form as the
        user types: a foreign-currency row's yen follows its amount and rate)."""
        rows = self.doc.app.costs.expenses
        if not 0 <= index < len(rows):
            return ""
        row = rows[index]
        yen = row_yen(row)
        label = field_label(f"{EXPENSES}.yen")
        if yen is None:
            missing = "expense.no_rate" if row.currency != "JPY" and (
                row.unit_price is not None or row.amount is not None) else "expense.no_amount"
            return labelled(label, t(missing))
        shown = yen_text(yen) if lang() == "en" else f"{yen_text(yen)}（{money(yen)}）"
        if row.currency != "JPY" and row.rate is not None:
            value = row_value(row)
            assert value is not None  # it has a yen value
            amount = EXACT.divide(Decimal(value.numerator), Decimal(value.denominator))
            shown += "\n" + t("expense.converted", currency=row.currency,
                              amount=f"{amount.normalize():,f}", rate=decimal_text(row.rate))
        return labelled(label, shown)

    def plan(self, report: Report) -> str:
        """The plan's totals, and which totals the checklist uses (the plan's, when it
        has rows: a typed total that differs is named with both numbers)."""
        costs = self.doc.app.costs
        plan = report.facts.expenses
        if plan is None:
            return t("expense.no_plan")
        lines = [t("expense.totals", n=f"{plan.rows:,}"),
                 INDENT + t("expense.total_eligible", total=yen_text(plan.total_yen),
                            eligible=yen_text(plan.eligible_yen))]
        categories = self.pack.params.expenses.categories
        order = [*categories, *(k for k in plan.by_category if k not in categories)]
        lines += breakdown(t("expense.by_category"), [
            f"{categories[k].value(lang()) if k in categories else k or '-'} "
            f"{yen_text(plan.by_category[k].total_yen)}"
            for k in order if k in plan.by_category], per_line=2)
        members = [m for m in plan.by_member if m.total_yen or m.member != "lead"]
        if len(members) > 1:
            lines += breakdown(t("expense.by_member"), [
                f"{self.member_name(m.member)} {yen_text(m.total_yen)}" for m in members])
        undecided = sum(1 for y in plan.row_yen if y is None)
        if undecided:
            lines.append(t("expense.incomplete", n=undecided))
        lines.append(t("expense.from_plan"))
        differs = False
        for typed, derived, name in ((costs.total_yen, plan.total_yen, "costs.total_yen"),
                                     (costs.eligible_yen, plan.eligible_yen,
                                      "costs.eligible_yen")):
            if typed is not None and typed != derived:
                differs = True
                lines.append(t("expense.differs", name=field_label(name),
                               typed=yen_text(typed), plan=yen_text(derived)))
        if differs:
            lines.append(INDENT + t("expense.fix_typed"))
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
        self.query_one("#plan-facts", Wrapped).update(self.plan(report))
        self.query_one(RecordTable).refresh_rows()
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
