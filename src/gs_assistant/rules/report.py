"""What the checker returns: checklist items and computed facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

from gs_assistant.model.application import ItemReview, Track
from gs_assistant.text import Text


class Status(StrEnum):
    met = "met"  # 適合
    not_met = "not_met"  # 不適合
    needs_review = "needs_review"  # 要確認
    missing = "missing"  # 未入力

    def label(self, lang: str = "ja") -> str:
        return STATUS_LABELS[self][0 if lang == "ja" else 1]


STATUS_LABELS = {
    Status.met: ("適合", "met"),
    Status.not_met: ("不適合", "not met"),
    Status.needs_review: ("要確認", "needs review"),
    Status.missing: ("未入力", "missing"),
}
STATUS_ORDER = (Status.not_met, Status.missing, Status.needs_review, Status.met)


M = Text  # a message in Japanese and English (gs_assistant.text)


@dataclass(slots=True)
class Finding:
    """What one rule function says about one thing."""

    status: Status
    reason: M
    key: str = ""  # distinguishes several items of one rule (members, indicators)
    field: str | None = None  # overrides the rule's field


@dataclass(slots=True)
class Item:
    id: str
    rule_id: str
    topic: str
    status: Status  # the final status: a reviewer's decision where there is one
    computed_status: Status
    title: M
    reason: M
    citation: str
    field: str
    basis: str
    review: ItemReview | None = None


@dataclass(slots=True)
class MemberSme:
    role: str  # "lead" or "co_applicant"
    index: int  # 0 for the lead, 1.. for co-applicants
    name: str
    is_sme: bool | None
    reason: M
    field: str
    size_decided: bool = True
    overseas: bool = False  # a co-applicant located overseas: SME status is 要確認


@dataclass(slots=True)
class RateOption:
    """One of the two possible rates while an overseas member's SME status is open."""

    rate: Fraction
    if_sme: bool
    subsidy_uncapped_yen: int
    subsidy_yen: int


@dataclass(slots=True)
class AffiliateFact:
    name: str
    counts: bool | None
    reason: M


@dataclass(slots=True)
class MemberCost:
    """One consortium member's part of the expense plan."""

    member: str  # lead, co1, co2 …, partner
    name: str
    total_yen: int = 0
    eligible_yen: int = 0
    subsidy_yen: int | None = None  # its share of the consortium's subsidy
    registered: bool = True  # False: a row names a co-applicant the file does not have


@dataclass(slots=True)
class CategoryCost:
    total_yen: int = 0
    eligible_yen: int = 0


@dataclass(slots=True)
class CurrencyExposure:
    """The rows of one foreign currency: their amount in it and its yen value."""

    currency: str
    amount: Decimal
    yen: int
    rows: int


@dataclass(slots=True)
class RowIndex:
    """The rows (numbers from 0) that the expense rules speak of, found while adding up."""

    no_amount: list[int] = field(default_factory=list)
    no_text: list[int] = field(default_factory=list)
    mismatch: list[int] = field(default_factory=list)  # 単価 × 数量 ≠ 金額
    over: list[int] = field(default_factory=list)  # eligible part over the row
    taxed: list[int] = field(default_factory=list)  # eligible and tax-inclusive
    blank_category: list[int] = field(default_factory=list)
    unknown_category: list[int] = field(default_factory=list)
    foreign: list[int] = field(default_factory=list)
    by_member: dict[str, list[int]] = field(default_factory=dict)


@dataclass(slots=True)
class ExpenseFacts:
    """What the expense plan adds up to (``rules/expenses.py``). Rows that cannot be
    valued yet (no amount, no rate) count as zero and ``complete`` is False."""

    rows: int
    row_yen: list[int | None]
    row_eligible_yen: list[int | None]
    complete: bool
    total_yen: int
    eligible_yen: int
    by_category: dict[str, CategoryCost]
    by_member: list[MemberCost]
    outsourcing_yen: int  # eligible yen of the 委託・外注 categories
    foreign: list[CurrencyExposure]
    subsidy_yen: int | None = None
    self_burden_yen: int | None = None  # 自己負担額: total − subsidy
    outsourcing_share: Fraction | None = None  # outsourcing_yen / subsidy_yen
    at: RowIndex = field(default_factory=RowIndex)

    def to_json(self) -> dict[str, Any]:
        share = self.outsourcing_share
        return {
            "rows": self.rows,
            "complete": self.complete,
            "total_yen": self.total_yen,
            "eligible_yen": self.eligible_yen,
            "subsidy_yen": self.subsidy_yen,
            "self_burden_yen": self.self_burden_yen,
            "outsourcing_yen": self.outsourcing_yen,
            "outsourcing_share_percent": None if share is None else percent_text(share),
            "by_category": {k: {"total_yen": c.total_yen, "eligible_yen": c.eligible_yen}
                            for k, c in self.by_category.items()},
            "by_member": [{"member": m.member, "name": m.name, "total_yen": m.total_yen,
                           "eligible_yen": m.eligible_yen, "subsidy_yen": m.subsidy_yen}
                          for m in self.by_member],
            "foreign_currency": [{"currency": c.currency, "amount": str(c.amount),
                                  "yen": c.yen, "rows": c.rows} for c in self.foreign],
        }


def percent_text(share: Fraction) -> str:
    """A share as a percentage rounded down to 0.01 (never shown as reaching a line it
    does not reach): 1/2 → "50", 2/3 → "66.66"."""
    hundredths = share.numerator * 10_000 // share.denominator
    whole, part = divmod(hundredths, 100)
    return f"{whole}" if part == 0 else f"{whole}.{part:02d}".rstrip("0")


@dataclass(slots=True)
class Facts:
    sme: list[MemberSme] = field(default_factory=list)
    consortium_sme: bool | None = None
    rate: Fraction | None = None
    rate_options: list[RateOption] = field(default_factory=list)
    subsidy_uncapped_yen: int | None = None
    subsidy_yen: int | None = None
    cap_yen: int | None = None
    capped: bool = False
    over_large_minimum: bool | None = None
    recommended_track: Track | None = None
    recommendation: list[M] = field(default_factory=list)
    affiliates: list[AffiliateFact] = field(default_factory=list)
    period_months: int | None = None
    latest_end: date | None = None
    mou_required: bool | None = None
    mou_deadline: date | None = None
    country_name: M | None = None
    country_asean: bool | None = None
    country_dac: bool | None = None
    # the totals the subsidy is computed from: the expense plan's when it has rows,
    # else the typed costs.total_yen / costs.eligible_yen
    total_yen: int | None = None
    eligible_yen: int | None = None
    expenses: ExpenseFacts | None = None

    def open_rate(self, lang: str = "ja") -> tuple[str, str] | None:
        """(rate, subsidy) as "2/3 if …, otherwise 1/2" with both amounts, while the rate
        hangs on an overseas member's SME status; None otherwise."""
        if self.rate is not None or not self.rate_options:
            return None
        names = ("、" if lang != "en" else ", ").join(
            m.name for m in self.sme if m.is_sme is None and m.overseas)
        sme, other = self.rate_options
        if lang == "en":
            return (f"{sme.rate} if {names} is an SME, otherwise {other.rate}",
                    f"{sme.subsidy_yen:,} yen at {sme.rate}, {other.subsidy_yen:,} yen at "
                    f"{other.rate}")
        return (f"{sme.rate}（{names}が中小企業者の場合）、それ以外は{other.rate}",
                f"{sme.rate}なら{sme.subsidy_yen:,}円、{other.rate}なら{other.subsidy_yen:,}円")

    def to_json(self, lang: str = "ja") -> dict[str, Any]:
        return {
            "sme": [
                {"role": m.role, "index": m.index, "name": m.name, "is_sme": m.is_sme,
                 "reason": m.reason(lang)}
                for m in self.sme
            ],
            "consortium_sme": self.consortium_sme,
            "rate": str(self.rate) if self.rate is not None else None,
            "rate_options": [
                {"rate": str(o.rate), "if_sme": o.if_sme,
                 "subsidy_uncapped_yen": o.subsidy_uncapped_yen, "subsidy_yen": o.subsidy_yen}
                for o in self.rate_options
            ],
            "subsidy_uncapped_yen": self.subsidy_uncapped_yen,
            "subsidy_yen": self.subsidy_yen,
            "cap_yen": self.cap_yen,
            "capped": self.capped,
            "over_large_minimum": self.over_large_minimum,
            "recommended_track": self.recommended_track.value if self.recommended_track else None,
            "recommendation": [r(lang) for r in self.recommendation],
            "affiliates": [
                {"name": a.name, "counts": a.counts, "reason": a.reason(lang)}
                for a in self.affiliates
            ],
            "period_months": self.period_months,
            "latest_end": self.latest_end.isoformat() if self.latest_end else None,
            "mou_required": self.mou_required,
            "mou_deadline": self.mou_deadline.isoformat() if self.mou_deadline else None,
            "country": {
                "name": self.country_name(lang) if self.country_name else None,
                "asean": self.country_asean,
                "dac": self.country_dac,
            },
            "total_yen": self.total_yen,
            "eligible_yen": self.eligible_yen,
            "expenses": None if self.expenses is None else self.expenses.to_json(),
        }


@dataclass(slots=True)
class Report:
    pack_id: str
    pack_version: str
    pack_as_of: date
    facts: Facts
    items: list[Item]

    def summary(self) -> dict[str, int]:
        counts = {s.value: 0 for s in (Status.met, Status.not_met, Status.needs_review,
                                       Status.missing)}
        for item in self.items:
            counts[item.status.value] += 1
        return counts

    def by_topic(self) -> dict[str, list[Item]]:
        out: dict[str, list[Item]] = {}
        for item in self.items:
            out.setdefault(item.topic, []).append(item)
        return out

    def item(self, item_id: str) -> Item:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    @property
    def has_not_met(self) -> bool:
        return any(i.status is Status.not_met for i in self.items)
