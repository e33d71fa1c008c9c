"""The call's deadlines as checklist items: the submission deadline (TML-001) and the
questions deadline (TML-002), with the days left, at a given time.

Only a deadline the consultant set in call.yaml that has passed is 不適合; a date from the
brochure's months, or estimated from the previous call's pattern, is 要確認.
"""

from __future__ import annotations

from datetime import datetime

from gs_assistant.rules.call import Event
from gs_assistant.rules.report import Finding, M, Status
from gs_assistant.rules.submission import PackageDef

_WEEKDAYS = "月火水木金土日"


def days_until(now: datetime, at: datetime) -> int:
    """Calendar days from today to the day of ``at``, both in ``at``'s time zone."""
    return (at.date() - now.astimezone(at.tzinfo).date()).days


def when_text(at: datetime, lang: str = "ja") -> str:
    if lang == "en":
        return at.strftime("%a %d %b %Y %H:%M")
    return f"{at:%Y年%-m月%-d日}（{_WEEKDAYS[at.weekday()]}）{at:%H:%M}"


def _source_text(event: Event) -> M:
    if event.origin == "call":
        return M(f"出典：{event.source}", f"source: {event.source}")
    if event.origin == "pattern":
        return M("前回公募の例による推定", "estimated from the previous call's pattern")
    return M(f"出典：{event.source}", f"source: {event.source}")


def deadline_finding(event: Event | None, now: datetime, package: PackageDef) -> Finding:
    if event is None:
        return Finding(Status.missing, M("事業区分を選ぶと受付締切が分かります",
                                         "choose the track to know the deadline"))
    if event.at is None:
        hour = package.timeline.deadline_hour
        approx = event.approx
        said = M(f"パンフレットでは{approx.text.ja}", f"the brochure says {approx.text.en}") \
            if approx else M("日時の情報がありません", "no date is known")
        return Finding(Status.needs_review, M(
            f"受付締切の日時は未確定です（{said.ja}。今後変更の可能性あり）。前回公募は"
            f"{hour.value}必着でした。募集要領の日時を call.yaml に書いてください",
            f"the submission deadline is not fixed ({said.en}; it may change). The previous "
            f"call's deadline was {hour.value}. Write the guidelines' date in call.yaml"))
    src = _source_text(event)
    if now > event.at:
        return Finding(Status.not_met, M(
            f"受付締切（{when_text(event.at)}）を過ぎています（{src.ja}）",
            f"the submission deadline ({when_text(event.at, 'en')}) has passed ({src.en})"))
    days = days_until(now, event.at)
    return Finding(Status.met, M(f"締切まで{days}日：{when_text(event.at)}（{src.ja}）",
                                 f"{days} days to the deadline: {when_text(event.at, 'en')} "
                                 f"({src.en})"))


def questions_finding(event: Event | None, now: datetime) -> Finding | None:
    if event is None:
        return None
    if event.at is None:
        return Finding(Status.needs_review, M(
            "問合せ締切は未確定です（前回公募は受付締切の約1週間前）。募集要領で確認してください",
            "the questions deadline is not fixed (about a week before the submission "
            "deadline in the previous call); confirm it in the call guidelines"))
    src = _source_text(event)
    days = days_until(now, event.at)
    if now > event.at:
        return Finding(Status.needs_review, M(
            f"問合せ締切（{when_text(event.at)}）を過ぎています。質問は受け付けられない"
            f"おそれがあります（{src.ja}）",
            f"the questions deadline ({when_text(event.at, 'en')}) has passed; questions may "
            f"no longer be answered ({src.en})"))
    if event.origin == "pattern":
        return Finding(Status.needs_review, M(
            f"問合せ締切は{when_text(event.at)}頃（締切まで{days}日、{src.ja}）。"
            "募集要領で確認してください",
            f"questions close around {when_text(event.at, 'en')} ({days} days, {src.en}); "
            "confirm it in the call guidelines"))
    return Finding(Status.met, M(f"問合せ締切まで{days}日：{when_text(event.at)}（{src.ja}）",
                                 f"{days} days until questions close: "
                                 f"{when_text(event.at, 'en')} ({src.en})"))
