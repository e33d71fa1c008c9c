"""What the checker returns: checklist items and computed facts."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from reprlib import recursive_repr
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
_COUNTED = tuple(s.value for s in (Status.met, Status.not_met, Status.needs_review,
                                   Status.missing))


def status_counts(items: list[Item]) -> dict[str, int]:
    """How many of ``items`` have each status, keyed by the status's value (met, not_met,
    needs_review, missing, in that order). A ``Status`` is a str equal to its value, so it
    finds its count without reading ``.value``."""
    counts = dict.fromkeys(_COUNTED, 0)
    for item in items:
        counts[item.status] += 1
    return counts


M = Text  # a message in Japanese and English (gs_assistant.text)


# ---------------------------------------------------------------- records
#
# The checker's results are plain classes, not dataclasses: ``@dataclass`` writes and
# compiles an __init__, __repr__ and __eq__ for each class when the module is imported,
# about 0.4 ms a class, and every command that checks imports some twenty of them. Here the
# annotations name the fields (in order), the metaclass makes them the ``__slots__``, each
# class writes its own ``__init__`` (the dataclass's, by hand: same parameters, defaults and
# order), and ``Record`` compares and shows them as a dataclass does.


class _Fields(type):
    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]):
        fields = tuple(namespace.get("__annotations__", ()))
        namespace.setdefault("__slots__", fields)
        namespace.setdefault("__match_args__", fields)
        return super().__new__(mcs, name, bases, namespace)


class Record(metaclass=_Fields):
    """A dataclass's ``__repr__`` and ``__eq__`` (unhashable, as a dataclass with ``eq``),
    over the fields the subclass annotates."""

    __slots__ = ()

    @recursive_repr()
    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__qualname__}({values})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return tuple(getattr(self, name) for name in self.__slots__) \
            == tuple(getattr(other, name) for name in self.__slots__)

    __hash__ = None  # type: ignore[assignment]


class FrozenRecord(Record):
    """A frozen dataclass's behaviour: fields set once by ``__init__`` (through
    ``object.__setattr__``), never assigned or deleted after, and hashed by their values."""

    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, name) for name in self.__slots__))

    def __getstate__(self) -> list[Any]:
        return [getattr(self, name) for name in self.__slots__]

    def __setstate__(self, state: list[Any]) -> None:
        for name, value in zip(self.__slots__, state, strict=True):
            object.__setattr__(self, name, value)


NEW: Any = object()  # the default of a list or dict field: a new one for each record


class Finding(Record):
    """What one rule function says about one thing."""

    status: Status
    reason: M
    key: str  # distinguishes several items of one rule (members, indicators)
    field: str | None  # overrides the rule's field

    def __init__(self, status: Status, reason: M, key: str = "",
                 field: str | None = None) -> None:
        self.status, self.reason, self.key, self.field = status, reason, key, field


class Item(Record):
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
    review: ItemReview | None

    def __init__(self, id: str, rule_id: str, topic: str, status: Status,
                 computed_status: Status, title: M, reason: M, citation: str, field: str,
                 basis: str, review: ItemReview | None = None) -> None:
        self.id, self.rule_id, self.topic, self.status = id, rule_id, topic, status
        self.computed_status, self.title, self.reason = computed_status, title, reason
        self.citation, self.field, self.basis, self.review = citation, field, basis, review


class MemberSme(Record):
    role: str  # "lead" or "co_applicant"
    index: int  # 0 for the lead, 1.. for co-applicants
    name: str
    is_sme: bool | None
    reason: M
    field: str
    size_decided: bool
    overseas: bool  # a co-applicant located overseas: SME status is 要確認

    def __init__(self, role: str, index: int, name: str, is_sme: bool | None, reason: M,
                 field: str, size_decided: bool = True, overseas: bool = False) -> None:
        self.role, self.index, self.name, self.is_sme = role, index, name, is_sme
        self.reason, self.field, self.size_decided = reason, field, size_decided
        self.overseas = overseas


class RateOption(Record):
    """One of the two possible rates while an overseas member's SME status is open."""

    rate: Fraction
    if_sme: bool
    subsidy_uncapped_yen: int
    subsidy_yen: int

    def __init__(self, rate: Fraction, if_sme: bool, subsidy_uncapped_yen: int,
                 subsidy_yen: int) -> None:
        self.rate, self.if_sme = rate, if_sme
        self.subsidy_uncapped_yen, self.subsidy_yen = subsidy_uncapped_yen, subsidy_yen


class AffiliateFact(Record):
    name: str
    counts: bool | None
    reason: M

    def __init__(self, name: str, counts: bool | None, reason: M) -> None:
        self.name, self.counts, self.reason = name, counts, reason


class MemberCost(Record):
    """One consortium member's part of the expense plan."""

    member: str  # lead, co1, co2 …, partner
    name: str
    total_yen: int
    eligible_yen: int
    subsidy_yen: int | None  # its share of the consortium's subsidy
    registered: bool  # False: a row names a co-applicant the file does not have

    def __init__(self, member: str, name: str, total_yen: int = 0, eligible_yen: int = 0,
                 subsidy_yen: int | None = None, registered: bool = True) -> None:
        self.member, self.name, self.total_yen = member, name, total_yen
        self.eligible_yen, self.subsidy_yen, self.registered = eligible_yen, subsidy_yen, \
            registered


class CategoryCost(Record):
    total_yen: int
    eligible_yen: int

    def __init__(self, total_yen: int = 0, eligible_yen: int = 0) -> None:
        self.total_yen, self.eligible_yen = total_yen, eligible_yen


class CurrencyExposure(Record):
    """The rows of one foreign currency: their amount in it and its yen value."""

    currency: str
    amount: Decimal
    yen: int
    rows: int

    def __init__(self, currency: str, amount: Decimal, yen: int, rows: int) -> None:
        self.currency, self.amount, self.yen, self.rows = currency, amount, yen, rows


class RowIndex(Record):
    """The rows (numbers from 0) that the expense rules speak of, found while adding up."""

    no_amount: list[int]
    no_text: list[int]
    mismatch: list[int]  # 単価 × 数量 ≠ 金額
    over: list[int]  # eligible part over the row
    taxed: list[int]  # eligible and tax-inclusive
    blank_category: list[int]
    unknown_category: list[int]
    foreign: list[int]
    by_member: dict[str, list[int]]

    def __init__(self, no_amount: list[int] = NEW, no_text: list[int] = NEW,
                 mismatch: list[int] = NEW, over: list[int] = NEW, taxed: list[int] = NEW,
                 blank_category: list[int] = NEW, unknown_category: list[int] = NEW,
                 foreign: list[int] = NEW, by_member: dict[str, list[int]] = NEW) -> None:
        self.no_amount = [] if no_amount is NEW else no_amount
        self.no_text = [] if no_text is NEW else no_text
        self.mismatch = [] if mismatch is NEW else mismatch
        self.over = [] if over is NEW else over
        self.taxed = [] if taxed is NEW else taxed
        self.blank_category = [] if blank_category is NEW else blank_category
        self.unknown_category = [] if unknown_category is NEW else unknown_category
        self.foreign = [] if foreign is NEW else foreign
        self.by_member = {} if by_member is NEW else by_member


class ExpenseFacts(Record):
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
    subsidy_yen: int | None
    self_burden_yen: int | None  # 自己負担額: total − subsidy
    outsourcing_share: Fraction | None  # outsourcing_yen / subsidy_yen
    at: RowIndex

    def __init__(self, rows: int, row_yen: list[int | None],
                 row_eligible_yen: list[int | None], complete: bool, total_yen: int,
                 eligible_yen: int, by_category: dict[str, CategoryCost],
                 by_member: list[MemberCost], outsourcing_yen: int,
                 foreign: list[CurrencyExposure], subsidy_yen: int | None = None,
                 self_burden_yen: int | None = None,
                 outsourcing_share: Fraction | None = None, at: RowIndex = NEW) -> None:
        self.rows, self.row_yen, self.row_eligible_yen = rows, row_yen, row_eligible_yen
        self.complete, self.total_yen, self.eligible_yen = complete, total_yen, eligible_yen
        self.by_category, self.by_member = by_category, by_member
        self.outsourcing_yen, self.foreign = outsourcing_yen, foreign
        self.subsidy_yen, self.self_burden_yen = subsidy_yen, self_burden_yen
        self.outsourcing_share = outsourcing_share
        self.at = RowIndex() if at is NEW else at

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


class Facts(Record):
    sme: list[MemberSme]
    consortium_sme: bool | None
    rate: Fraction | None
    rate_options: list[RateOption]
    subsidy_uncapped_yen: int | None
    subsidy_yen: int | None
    cap_yen: int | None
    capped: bool
    over_large_minimum: bool | None
    recommended_track: Track | None
    recommendation: list[M]
    affiliates: list[AffiliateFact]
    period_months: int | None
    latest_end: date | None
    mou_required: bool | None
    mou_deadline: date | None
    country_name: M | None
    country_asean: bool | None
    country_dac: bool | None
    # the totals the subsidy is computed from: the expense plan's when it has rows,
    # else the typed costs.total_yen / costs.eligible_yen
    total_yen: int | None
    eligible_yen: int | None
    expenses: ExpenseFacts | None

    def __init__(self, sme: list[MemberSme] = NEW, consortium_sme: bool | None = None,
                 rate: Fraction | None = None, rate_options: list[RateOption] = NEW,
                 subsidy_uncapped_yen: int | None = None, subsidy_yen: int | None = None,
                 cap_yen: int | None = None, capped: bool = False,
                 over_large_minimum: bool | None = None, recommended_track: Track | None = None,
                 recommendation: list[M] = NEW, affiliates: list[AffiliateFact] = NEW,
                 period_months: int | None = None, latest_end: date | None = None,
                 mou_required: bool | None = None, mou_deadline: date | None = None,
                 country_name: M | None = None, country_asean: bool | None = None,
                 country_dac: bool | None = None, total_yen: int | None = None,
                 eligible_yen: int | None = None, expenses: ExpenseFacts | None = None) -> None:
        self.sme = [] if sme is NEW else sme
        self.consortium_sme, self.rate = consortium_sme, rate
        self.rate_options = [] if rate_options is NEW else rate_options
        self.subsidy_uncapped_yen, self.subsidy_yen = subsidy_uncapped_yen, subsidy_yen
        self.cap_yen, self.capped, self.over_large_minimum = cap_yen, capped, over_large_minimum
        self.recommended_track = recommended_track
        self.recommendation = [] if recommendation is NEW else recommendation
        self.affiliates = [] if affiliates is NEW else affiliates
        self.period_months, self.latest_end = period_months, latest_end
        self.mou_required, self.mou_deadline = mou_required, mou_deadline
        self.country_name, self.country_asean = country_name, country_asean
        self.country_dac, self.total_yen, self.eligible_yen = country_dac, total_yen, eligible_yen
        self.expenses = expenses

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


class Report(Record):
    pack_id: str
    pack_version: str
    pack_as_of: date
    facts: Facts
    items: list[Item]

    def __init__(self, pack_id: str, pack_version: str, pack_as_of: date, facts: Facts,
                 items: list[Item]) -> None:
        self.pack_id, self.pack_version, self.pack_as_of = pack_id, pack_version, pack_as_of
        self.facts, self.items = facts, items

    def summary(self) -> dict[str, int]:
        return status_counts(self.items)

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
