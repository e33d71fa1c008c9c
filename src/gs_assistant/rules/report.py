"""What the checker returns: checklist items and computed facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
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
