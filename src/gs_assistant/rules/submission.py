"""The rule pack's submission package (``package.yaml``): the documents each track and
member needs, and the call's timeline as the brochure gives it.

Loaded beside the pack (``load_package(pack)``), validated like the rest of the pack: a
missing source, an unknown track or a malformed date is refused with ``RulePackError``
naming the file and the key. A pack without ``package.yaml`` has no package checklist.
"""

# Annotations here are objects, not text (no ``from __future__ import annotations``): pydantic
# would otherwise compile each field's annotation from its text when the classes are made.

import re
from datetime import date, time
from functools import cache
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from gs_assistant.model.application import Track
from gs_assistant.rules.pack import Localized, RulePack, RulePackError, _read, _validate

PACKAGE_FILE = "package.yaml"
Basis = Literal["brochure", "previous_call", "secondary"]


class _Strict(BaseModel):
    # built when a package file is first validated, not at every command's start (the
    # cached package is put back without them: ``load_package``)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class When(_Strict):
    """Conditions that must all hold for a document to be needed."""

    joint: bool | None = None
    tracks: list[Track] | None = None
    mou_with_application: bool | None = None
    foreign_documents: bool | None = None


class DocumentDef(_Strict):
    name: Localized
    provider: Literal["lead", "each_member", "partner"]
    when: When = Field(default_factory=When)
    source: str = Field(min_length=3)
    basis: Basis
    account: bool = False  # an account (GビズID), not a file: no path
    lead_time: str | None = None  # a key of timeline.lead_times


class EventDef(_Strict):
    name: Localized
    deadline: bool = False


class ApproxDate(_Strict):
    """A date the brochure gives as a month or a range (``6月頃``)."""

    from_: date = Field(alias="from")
    to: date
    text: Localized
    source: str = Field(min_length=3)
    as_of: date

    @model_validator(mode="after")
    def _ordered(self) -> "ApproxDate":
        if self.to < self.from_:
            raise ValueError("'to' comes before 'from'")
        return self


class CitedInt(_Strict):
    value: Annotated[int, Field(ge=0, le=365)]
    source: str = Field(min_length=3)
    as_of: date


class CitedHour(_Strict):
    value: str
    source: str = Field(min_length=3)
    as_of: date

    @field_validator("value")
    @classmethod
    def _hour(cls, value: str) -> str:
        time.fromisoformat(value)
        return value

    @property
    def time(self) -> time:
        return time.fromisoformat(self.value)


class LeadTime(_Strict):
    name: Localized
    min_days: Annotated[int, Field(ge=0, le=365)]
    max_days: Annotated[int, Field(ge=0, le=365)]
    source: str = Field(min_length=3)
    as_of: date


class TimelineDef(_Strict):
    time_zone: str
    groups: dict[str, list[Track]]
    events: dict[str, EventDef]
    dates: dict[str, dict[str, ApproxDate]]
    questions_before_deadline_days: CitedInt
    deadline_hour: CitedHour
    lead_times: dict[str, LeadTime] = Field(default_factory=dict)

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not a time zone (e.g. Asia/Tokyo)") from None
        return value

    @model_validator(mode="after")
    def _known(self) -> "TimelineDef":
        for group, events in self.dates.items():
            if group not in self.groups:
                raise ValueError(f"dates.{group}: not a group of 'groups'")
            for key in events:
                if key not in self.events:
                    raise ValueError(f"dates.{group}.{key}: not an event of 'events'")
        for needed in ("questions_deadline", "submission_deadline"):
            if needed not in self.events:
                raise ValueError(f"events: {needed} is missing")
        return self

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def group_of(self, track: Track | None) -> str | None:
        for group, tracks in self.groups.items():
            if track in tracks:
                return group
        return None


class PackageDef(_Strict):
    documents: dict[str, DocumentDef]
    timeline: TimelineDef

    @model_validator(mode="after")
    def _lead_times(self) -> "PackageDef":
        for key, doc in self.documents.items():
            if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
                raise ValueError(f"documents.{key}: a key of lowercase letters and _")
            if doc.lead_time is not None and doc.lead_time not in self.timeline.lead_times:
                raise ValueError(f"documents.{key}.lead_time: not a key of timeline.lead_times")
        return self


def _citations(package: PackageDef) -> list[tuple[str, str]]:
    out = [(f"documents.{k}.source", d.source) for k, d in package.documents.items()]
    t = package.timeline
    out += [(f"timeline.dates.{g}.{k}.source", d.source)
            for g, events in t.dates.items() for k, d in events.items()]
    out += [("timeline.questions_before_deadline_days.source", t.questions_before_deadline_days
             .source), ("timeline.deadline_hour.source", t.deadline_hour.source)]
    out += [(f"timeline.lead_times.{k}.source", v.source) for k, v in t.lead_times.items()]
    return out


def _known_source(citation: str, known: set[str]) -> bool:
    text = re.sub(r"\(.*?\)|（.*?）", "", citation)
    if re.search(r"\bseed\b(?!:\d)", text):
        return False
    keys = re.findall(r"[a-z_][a-z0-9_]+", text)
    return bool(keys) and all(k in known for k in keys)


def load_package_file(folder: Path, known_sources: set[str]) -> PackageDef | None:
    """``package.yaml`` of the pack in ``folder``, validated; None when there is none."""
    path = folder / PACKAGE_FILE
    if not path.exists():
        return None
    package = _validate(PackageDef, _read(folder, PACKAGE_FILE), path)
    for key, citation in _citations(package):
        if not _known_source(citation, known_sources):
            raise RulePackError(path, key, f"unknown source in {citation!r}")
    return package


@cache
def _load(folder: str, sources: frozenset[str]) -> PackageDef | None:
    from gs_assistant.cache import digest
    from gs_assistant.rules.pack_cache import folder_prefix, kept, pack_key

    path = Path(folder)
    try:
        key = digest([pack_key(path).encode(), Path(__file__).read_bytes(),
                      *sorted(s.encode() for s in sources)])
    except OSError:
        return load_package_file(path, set(sources))  # it names the file that cannot be read
    return kept(f"package-{folder_prefix(path)}", key, PackageDef,
                lambda: load_package_file(path, set(sources)))


def load_package(pack: RulePack) -> PackageDef | None:
    """The package definition of ``pack`` (read once per pack folder, and kept in the user
    cache folder like the pack: ``rules/pack_cache.py``)."""
    return _load(pack.path, frozenset(pack.header.sources))
