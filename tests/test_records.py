"""The checker's result classes (``rules.report.Record``): plain classes that behave as the
dataclasses they replace (fields in order, defaults, repr, equality, no hashing, slots)."""

from __future__ import annotations

import inspect
import pickle
from dataclasses import dataclass, field
from fractions import Fraction

import pytest

from gs_assistant.rules import call, context, package_check, report
from gs_assistant.rules.report import FrozenRecord, Record

RECORDS = [cls for module in (report, package_check, context, call)
           for cls in vars(module).values() if isinstance(cls, type)
           and issubclass(cls, Record) and cls not in (Record, FrozenRecord)]


def test_the_checker_results_are_records() -> None:
    assert {cls.__name__ for cls in RECORDS} == {
        "Finding", "Item", "MemberSme", "RateOption", "AffiliateFact", "MemberCost",
        "CategoryCost", "CurrencyExposure", "RowIndex", "ExpenseFacts", "Facts", "Report",
        "PackageEnv", "DocLine", "PackageReport", "Context", "Event", "CallTimeline",
        "PackageSetup"}
    assert {cls.__name__ for cls in RECORDS if issubclass(cls, FrozenRecord)} == {
        "Event", "CallTimeline", "PackageSetup"}


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__name__)
def test_a_record_takes_its_fields_in_order_and_has_nothing_else(cls: type) -> None:
    fields = list(cls.__annotations__)
    assert list(inspect.signature(cls).parameters) == fields
    assert cls.__slots__ == cls.__match_args__ == tuple(fields)
    assert (cls.__hash__ is None) is not issubclass(cls, FrozenRecord)
    required = [name for name, p in inspect.signature(cls).parameters.items()
                if p.default is inspect.Parameter.empty]
    made = cls(*[object() for _ in required])
    assert not hasattr(made, "__dict__")
    assert all(hasattr(made, name) for name in fields)  # every field is set


@dataclass(slots=True)
class Facts:  # what rules.report.Facts was: a dataclass
    sme: list = field(default_factory=list)
    rate: Fraction | None = None
    recommendation: list = field(default_factory=list)


class Now(Record):
    sme: list
    rate: Fraction | None
    recommendation: list

    def __init__(self, sme: list = report.NEW, rate: Fraction | None = None,
                 recommendation: list = report.NEW) -> None:
        self.sme = [] if sme is report.NEW else sme
        self.rate = rate
        self.recommendation = [] if recommendation is report.NEW else recommendation


Facts.__qualname__ = Now.__qualname__ = "Facts"


def test_a_record_shows_compares_and_defaults_as_a_dataclass() -> None:
    then, now = Facts(), Now()
    assert repr(then) == repr(now) == "Facts(sme=[], rate=None, recommendation=[])"
    assert Now().sme is not Now().sme  # a new list each time
    then.sme.append(then)
    now.sme.append(now)
    assert repr(then) == repr(now) == "Facts(sme=[...], rate=None, recommendation=[])"
    nan = float("nan")
    assert Now([nan], Fraction(2, 3)) == Now([nan], Fraction(2, 3))  # the same object: equal
    assert Now(rate=Fraction(1, 2)) != Now(rate=Fraction(2, 3))
    assert (Now() == Facts()) is False and Now().__eq__(Facts()) is NotImplemented
    with pytest.raises(TypeError, match="unhashable"):
        hash(Now())
    with pytest.raises(AttributeError):
        Now().other = 1  # type: ignore[attr-defined]


def test_a_report_survives_pickling(small_app, pack) -> None:
    from gs_assistant.rules import check

    result = check(small_app, pack)
    again = pickle.loads(pickle.dumps(result))
    assert again == result and repr(again) == repr(result)


@dataclass(frozen=True, slots=True)
class Span:  # a frozen dataclass, as rules.call.Event was
    start: int
    end: tuple | None = None


class FrozenSpan(FrozenRecord):
    start: int
    end: tuple | None

    def __init__(self, start: int, end: tuple | None = None) -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)


FrozenSpan.__qualname__ = "Span"


def test_a_frozen_record_refuses_changes_and_hashes_as_a_frozen_dataclass() -> None:
    from dataclasses import FrozenInstanceError

    then, now = Span(1, (2,)), FrozenSpan(1, (2,))
    assert repr(then) == repr(now) and hash(then) == hash(now)
    assert now == FrozenSpan(1, (2,)) and now != FrozenSpan(1)
    for made in (then, now):
        with pytest.raises(FrozenInstanceError, match="cannot assign to field 'start'"):
            made.start = 2  # type: ignore[misc]
        with pytest.raises(FrozenInstanceError, match="cannot delete field 'end'"):
            del made.end  # type: ignore[misc]
    event = call.Event("submit", report.Text("締切", "deadline"), True, None, None, "pack",
                       "seed:1")
    again = pickle.loads(pickle.dumps(event))
    assert again == event and hash(again) == hash(event) and repr(again) == repr(event)
    with pytest.raises(TypeError, match="unhashable"):
        hash(FrozenSpan(1, ([],)))
