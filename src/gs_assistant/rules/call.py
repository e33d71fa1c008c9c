"""The call's timeline: the pack's dates, overridden by a consultant's ``call.yaml``.

The brochure gives months, not days (公募3月末～、受付は6月頃), and says they may change
(seed:261). Once the call guidelines are out, a consultant writes the real dates in a
small ``call.yaml``::

    source: 募集要領（2026年4月1日公表）     # optional: where the dates were taken from
    large:                                  # the pack's track groups: large, small_fs
      briefing: 2026-04-10 14:00
      questions_deadline: 2026-06-05 12:00
      submission_deadline: 2026-06-12 12:00
    small_fs:
      submission_deadline: 2026-05-15 12:00

It is looked for, first found wins: ``--call FILE``; ``call.yaml`` in the settings folder
(``$GS_ASSISTANT_HOME`` or the user data folder); ``call.yaml`` in the pack's folder.
Times are in the pack's time zone (Asia/Tokyo). A deadline needs its hour. A malformed
file is refused (``CallFileError``: one line naming the file and the key), never skipped
in favour of the pack's dates. Each resolved date says where it came from.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from gs_assistant.model.application import Track
from gs_assistant.rules.report import FrozenRecord
from gs_assistant.rules.submission import ApproxDate, PackageDef, TimelineDef
from gs_assistant.text import Text, TextError

CALL_FILE = "call.yaml"
MAX_CALL_BYTES = 100_000  # a few dates; anything larger is not a call file
_TOP_KEYS = {"source", "pack"}
_set = object.__setattr__  # what a frozen record's __init__ sets its fields with
_WHEN = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}:\d{2}))?$")


class CallFileError(TextError):
    def __init__(self, file: Path | str, key: str, ja: str, en: str) -> None:
        where = f"{file}: {key}: " if key else f"{file}: "
        super().__init__(Text(where + ja, where + en))
        self.file, self.key = str(file), key


class Event(FrozenRecord):
    """One event of the timeline for one track group."""

    key: str
    name: Text
    deadline: bool
    at: datetime | None  # exact, aware, in the pack's time zone
    approx: ApproxDate | None  # the brochure's month or range when there is no exact date
    origin: str  # "call" (call.yaml), "pack" (the brochure), "pattern" (the previous call)
    source: str  # the citation (pack, pattern) or the call file's path and its source line

    def __init__(self, key: str, name: Text, deadline: bool, at: datetime | None,
                 approx: ApproxDate | None, origin: str, source: str) -> None:
        for field, value in (("key", key), ("name", name), ("deadline", deadline), ("at", at),
                             ("approx", approx), ("origin", origin), ("source", source)):
            _set(self, field, value)

    @property
    def exact(self) -> bool:
        return self.at is not None


class CallTimeline(FrozenRecord):
    """The events of every track group, resolved."""

    groups: dict[str, list[Event]]
    definition: TimelineDef
    call_file: Path | None

    def __init__(self, groups: dict[str, list[Event]], definition: TimelineDef,
                 call_file: Path | None = None) -> None:
        _set(self, "groups", groups)
        _set(self, "definition", definition)
        _set(self, "call_file", call_file)

    def for_track(self, track: Track | None) -> list[Event]:
        group = self.definition.group_of(track)
        return self.groups.get(group, []) if group else []

    def event(self, track: Track | None, key: str) -> Event | None:
        return next((e for e in self.for_track(track) if e.key == key), None)


# ---------------------------------------------------------------- call.yaml


def find_call_file(pack_folder: Path | str, explicit: Path | str | None = None) -> Path | None:
    if explicit is not None:
        return Path(explicit)
    home = os.environ.get("GS_ASSISTANT_HOME")
    if home:
        settings = Path(home)
    else:
        from gs_assistant.paths import user_data_dir

        settings = user_data_dir()
    for folder in (settings, Path(pack_folder)):
        candidate = folder / CALL_FILE
        if candidate.exists():
            return candidate
    return None


def _when(value: Any, deadline: bool, zone, file: Path, key: str) -> datetime:
    if isinstance(value, datetime):
        at = value if value.tzinfo is None else value.astimezone(zone).replace(tzinfo=None)
        return at.replace(tzinfo=zone)
    if isinstance(value, date):
        if deadline:
            raise CallFileError(file, key, "締切には時刻が必要です（例：2026-06-12 12:00）",
                                "a deadline needs its hour (e.g. 2026-06-12 12:00)")
        return datetime(value.year, value.month, value.day, tzinfo=zone)
    match = _WHEN.match(str(value).strip()) if isinstance(value, str) else None
    if match is None:
        raise CallFileError(file, key, f"{value!r} は日時として読めません（例：2026-06-12 12:00）",
                            f"{value!r} cannot be read as a date and time "
                            "(e.g. 2026-06-12 12:00)")
    day, hour = match.groups()
    if hour is None and deadline:
        raise CallFileError(file, key, "締切には時刻が必要です（例：2026-06-12 12:00）",
                            "a deadline needs its hour (e.g. 2026-06-12 12:00)")
    try:
        return datetime.fromisoformat(f"{day}T{hour or '00:00'}").replace(tzinfo=zone)
    except ValueError:
        raise CallFileError(file, key, f"{value!r} はありえない日時です",
                            f"{value!r} is not a possible date and time") from None


def read_call_file(path: Path, timeline: TimelineDef, pack_id: str
                   ) -> tuple[dict[str, dict[str, datetime]], str]:
    """({group: {event: when}}, the file's own ``source`` line)."""
    if path.exists() and not path.is_file():  # a FIFO or a device would block or never end
        raise CallFileError(path, "", "通常のファイルではありません", "not a regular file")
    try:
        if path.stat().st_size > MAX_CALL_BYTES:
            raise CallFileError(path, "", f"大きすぎます（{MAX_CALL_BYTES:,}バイトまで）",
                                f"too large ({MAX_CALL_BYTES:,} bytes at most)")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CallFileError(path, "", "UTF-8 のテキストではありません",
                            "not UTF-8 text") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise CallFileError(path, "", f"読めません（{reason}）", f"cannot be read ({reason})"
                            ) from None
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        at = f"{line + 1}行目" if line is not None else ""
        raise CallFileError(path, "", f"YAMLとして読めません{at}",
                            "not valid YAML" + (f" (line {line + 1})" if at else "")) from None
    except ValueError:  # an impossible date written as a YAML date (2026-06-31)
        data = _with_dates_as_text(text, path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise CallFileError(path, "", "キーと値の対応（large: …）が必要です",
                            "a mapping (large: …) is expected")
    zone = timeline.zone
    out: dict[str, dict[str, datetime]] = {}
    for group, events in data.items():
        if group in _TOP_KEYS:
            continue
        if group not in timeline.groups:
            allowed = ", ".join([*timeline.groups, *sorted(_TOP_KEYS)])
            raise CallFileError(path, str(group), f"不明なキーです（使えるキー：{allowed}）",
                                f"unknown key (allowed: {allowed})")
        if not isinstance(events, dict):
            raise CallFileError(path, str(group), "行事と日時の対応が必要です",
                                "a mapping of events to dates is expected")
        for key, value in events.items():
            where = f"{group}.{key}"
            if key not in timeline.events:
                allowed = ", ".join(timeline.events)
                raise CallFileError(path, where, f"不明なキーです（使えるキー：{allowed}）",
                                    f"unknown key (allowed: {allowed})")
            deadline = timeline.events[key].deadline
            out.setdefault(group, {})[key] = _when(value, deadline, zone, path, where)
    source = data.get("source")
    if source is not None and not isinstance(source, str):
        raise CallFileError(path, "source", "文字列が必要です", "a text is expected")
    pack = data.get("pack")
    if pack is not None and pack != pack_id:
        raise CallFileError(path, "pack", f"ルールパック {pack_id} のものではありません（{pack}）",
                            f"not for the rule pack {pack_id} ({pack})")
    return out, source or ""


def _with_dates_as_text(text: str, path: Path) -> Any:
    """The file read again with dates kept as text, so that the impossible one is named
    by its key."""

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)
    try:
        return yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
    except yaml.YAMLError:
        raise CallFileError(path, "", "YAMLとして読めません", "not valid YAML") from None


# ---------------------------------------------------------------- resolving


def resolve_timeline(package: PackageDef, pack_id: str, call_file: Path | None = None
                     ) -> CallTimeline:
    """Every group's events: call.yaml's date, else the pack's, else the previous call's
    pattern (問合せ締切 a week before the deadline), each with where it came from."""
    timeline = package.timeline
    given, note = read_call_file(call_file, timeline, pack_id) if call_file else ({}, "")
    call_source = f"{call_file}" + (f"（{note}）" if note else "") if call_file else ""
    groups: dict[str, list[Event]] = {}
    for group in timeline.groups:
        events: list[Event] = []
        for key, definition in timeline.events.items():
            name = Text(definition.name.ja, definition.name.en)
            at = given.get(group, {}).get(key)
            approx = timeline.dates.get(group, {}).get(key)
            if at is not None:
                events.append(Event(key, name, definition.deadline, at, None, "call",
                                    call_source))
            elif approx is not None:
                events.append(Event(key, name, definition.deadline, None, approx, "pack",
                                    approx.source))
            else:
                events.append(Event(key, name, definition.deadline, None, None, "", ""))
        groups[group] = _with_pattern(events, timeline)
    return CallTimeline(groups, timeline, call_file)


def _with_pattern(events: list[Event], timeline: TimelineDef) -> list[Event]:
    """問合せ締切 without a date: the previous call's week before an exact deadline."""
    by_key = {e.key: e for e in events}
    deadline, questions = by_key["submission_deadline"], by_key["questions_deadline"]
    if questions.at is not None or deadline.at is None:
        return events
    rule = timeline.questions_before_deadline_days
    at = deadline.at - timedelta(days=rule.value)
    derived = Event(questions.key, questions.name, True, at, None, "pattern", rule.source)
    return [derived if e.key == questions.key else e for e in events]
