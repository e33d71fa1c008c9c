"""The call's deadlines as an iCalendar file (``gs-assistant calendar``), for Outlook,
Google and Apple calendars.

Each exact date of the application's track group becomes one event in the pack's time
zone (Asia/Tokyo, with its VTIMEZONE), with reminders a week and a day before each
deadline. A date the brochure gives only as a month is left out (the command says so);
a date estimated from the previous call's pattern is marked 推定 in its title. While the
GビズIDプライム account is not ready, the last day to apply for it (the deadline less the
longest lead time) is an event too.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from icalendar import Alarm, Calendar
from icalendar import Event as IcsEvent

from gs_assistant import __version__
from gs_assistant.model.application import Application
from gs_assistant.model.package import DocState
from gs_assistant.rules.call import Event
from gs_assistant.rules.citations import readable_citation
from gs_assistant.rules.pack import RulePack
from gs_assistant.rules.package_check import PackageSetup
from gs_assistant.text import Text

REMINDERS = (timedelta(days=7), timedelta(days=1))


class NoDatesError(Exception):
    """No event of the application's track has an exact date."""


def _uid(identity: str, key: str) -> str:
    digest = hashlib.sha256(f"{identity}\0{key}".encode()).hexdigest()[:24]
    return f"{digest}@gs-assistant"


def _summary(event: Event, title: str) -> str:
    mark = "（推定・要確認）" if event.origin == "pattern" else ""
    return f"{event.name.ja}{mark}：{title}" if title else f"{event.name.ja}{mark}"


def _description(event: Event, pack: RulePack) -> str:
    source = event.source if event.origin == "call" else readable_citation(event.source, pack)
    if event.origin == "pattern":
        return (f"前回公募の例による推定（{source}）。募集要領で確認してください。"
                " / Estimated from the previous call's pattern; confirm it.")
    return f"出典 / source: {source}"


def dated_events(app: Application, setup: PackageSetup) -> list[Event]:
    return [e for e in setup.timeline.for_track(app.track) if e.at is not None]


def build_calendar(app: Application, pack: RulePack, setup: PackageSetup, identity: str,
                   now: datetime | None = None) -> bytes:
    """The .ics of ``app``'s timeline; ``identity`` (the file's path) keeps each event's
    UID stable, so that importing again updates the events instead of doubling them."""
    events = dated_events(app, setup)
    if not events:
        raise NoDatesError
    zone = setup.timeline.definition.zone
    stamp = (now or datetime.now(zone)).astimezone(zone)
    title = app.content.title.strip() or app.lead.name.strip()
    cal = Calendar()
    cal.add("prodid", f"-//gs-assistant//{__version__}//JA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"gs-assistant：{title}" if title else "gs-assistant")
    cal.add("x-wr-timezone", setup.timeline.definition.time_zone)
    for event in events:
        cal.add_component(_ics_event(event, title, identity, stamp, pack))
    gbizid = _gbizid_event(app, pack, setup, events, title, identity, stamp)
    if gbizid is not None:
        cal.add_component(gbizid)
    cal.add_missing_timezones()
    return cal.to_ical()


def _ics_event(event: Event, title: str, identity: str, stamp: datetime,
               pack: RulePack) -> IcsEvent:
    ics = IcsEvent()
    ics.add("uid", _uid(identity, event.key))
    ics.add("dtstamp", stamp)
    ics.add("summary", _summary(event, title))
    ics.add("description", _description(event, pack))
    if event.deadline or event.at.time() != datetime.min.time():
        ics.add("dtstart", event.at)
        ics.add("dtend", event.at + (timedelta(minutes=30) if not event.deadline
                                     else timedelta(0)))
    else:  # a day without an hour (公募開始, 採択予定)
        ics.add("dtstart", event.at.date())
        ics.add("dtend", event.at.date() + timedelta(days=1))
    if event.deadline:
        for before in REMINDERS:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{event.name.ja}まで{before.days}日")
            alarm.add("trigger", -before)
            ics.add_component(alarm)
    return ics


def _gbizid_event(app: Application, pack: RulePack, setup: PackageSetup, events: list[Event],
                  title: str, identity: str, stamp: datetime) -> IcsEvent | None:
    deadline = next((e for e in events if e.key == "submission_deadline"), None)
    documents = setup.package.documents
    entry = app.package.documents.get("gbizid_prime")
    if deadline is None or "gbizid_prime" not in documents or (
            entry is not None and entry.state in (DocState.ready, DocState.not_needed)):
        return None
    lead = setup.timeline.definition.lead_times[documents["gbizid_prime"].lead_time]
    at = deadline.at - timedelta(days=lead.max_days)
    name = Text("GビズIDプライム申請の目安", "apply for gBizID Prime by")
    ics = IcsEvent()
    ics.add("uid", _uid(identity, "gbizid_prime"))
    ics.add("dtstamp", stamp)
    ics.add("summary", f"{name.ja}（取得に{lead.min_days}～{lead.max_days}日）：{title}"
            if title else f"{name.ja}（取得に{lead.min_days}～{lead.max_days}日）")
    ics.add("description", f"出典 / source: {readable_citation(lead.source, pack)}")
    ics.add("dtstart", at.date())
    ics.add("dtend", at.date() + timedelta(days=1))
    return ics
