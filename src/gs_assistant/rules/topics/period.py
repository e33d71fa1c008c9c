"""事業期間: dates entered, in order, within the track's length and end date, and not
before the call can open."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from gs_assistant.parsing import format_date
from gs_assistant.rules.context import Context, lacking, met, missing, not_met, review
from gs_assistant.rules.facts import latest_end
from gs_assistant.rules.registry import rule
from gs_assistant.rules.report import Finding, M


@rule("PRD-001")
def dates_entered(ctx: Context) -> Iterator[Finding]:
    p = ctx.app.period
    if p.start is None or p.end is None:
        gone = lacking(("事業開始日（交付決定の見込み日）", "start (expected grant decision)",
                        p.start), ("終了日", "end", p.end))
        yield missing(f"{gone.ja}を入力してください（例：令和8年7月1日）", f"Enter the {gone.en}",
                      field="period.start" if p.start is None else "period.end")
    else:
        yield met(f"{format_date(p.start)}～{format_date(p.end)}",
                  f"{p.start.isoformat()} to {p.end.isoformat()}")


@rule("PRD-002")
def in_order(ctx: Context) -> Iterator[Finding]:
    p = ctx.app.period
    if p.start is None or p.end is None:
        gone = lacking(("開始日", "start", p.start), ("終了日", "end", p.end))
        yield missing(f"{gone.ja}を入力してください", f"Enter the {gone.en}")
    elif p.end >= p.start:
        yield met("終了日は開始日以降です", "The end is on or after the start")
    else:
        yield not_met("終了日が開始日より前です", "The end is before the start")


def effective_limit(ctx: Context, start: date) -> tuple[date, M]:
    """The last allowed day: the track's length from ``start`` or its hard end date,
    whichever is earlier, and how that day comes about."""
    track = ctx.app.track
    assert track is not None
    params = ctx.pack.track(track)
    months = params.period_months.value
    limit = latest_end(start, months)
    end_by = params.end_by.value
    if end_by is not None and end_by < limit:
        return end_by, M(f"上限{months}か月と終了期限{format_date(end_by)}の早い方",
                         f"the earlier of {months} months and the end date {end_by.isoformat()}")
    if end_by is not None:
        return limit, M(f"上限{months}か月（終了期限{format_date(end_by)}より前）",
                        f"at most {months} months (before the end date {end_by.isoformat()})")
    return limit, M(f"上限{months}か月", f"at most {months} months")


@rule("PRD-003")
def max_length(ctx: Context) -> Iterator[Finding]:
    p, track = ctx.app.period, ctx.app.track
    if p.start is None or p.end is None or track is None:
        gone = lacking(("事業区分", "track", track), ("開始日", "start", p.start),
                       ("終了日", "end", p.end), join="・")
        yield missing(f"{gone.ja}を入力すると期間の上限を確認できます",
                      f"Enter the {gone.en} to check the length")
        return
    if p.end < p.start:
        yield missing("終了日を開始日以降にすると期間の上限を確認できます",
                      "Put the end on or after the start to check the length")
        return
    params = ctx.pack.track(track)
    months = params.period_months.value
    limit, how = effective_limit(ctx, p.start)
    n = ctx.facts.period_months
    tolerance = ctx.pack.params.schedule.approximate_tolerance_months.value
    if p.end <= limit:
        yield met(f"事業期間{n}か月：終了日は{format_date(limit)}まで（{how.ja}）",
                  f"{n} months: end by {limit.isoformat()} ({how.en})")
    elif params.period_approximate.value and p.end <= latest_end(p.start, months + tolerance):
        yield review(f"事業期間{n}か月は{months}か月（{format_date(limit)}まで）を超えますが、"
                     f"パンフレットは「{_approx(months)}程度」としています。{tolerance}か月以内の"
                     "超過が認められるか募集要領で確認し、できれば終了日を"
                     f"{format_date(limit)}までにしてください",
                     f"{n} months runs past {months} months ({limit.isoformat()}), but the "
                     f"brochure says 'about {months} months': confirm whether an excess of up "
                     f"to {tolerance} month(s) is allowed, or end by {limit.isoformat()}")
    else:
        yield not_met(f"事業期間{n}か月は上限を超えます。終了日は{format_date(limit)}まで"
                      f"にしてください（{how.ja}）",
                      f"{n} months is too long: end by {limit.isoformat()} ({how.en})")


def _approx(months: int) -> str:
    years, rest = divmod(months, 12)
    if rest == 0:
        return f"{years}年"
    if rest == 6:
        return f"{years}年半"
    return f"{months}か月"


@rule("PRD-004")
def large_end_by(ctx: Context) -> Iterator[Finding]:
    p, track = ctx.app.period, ctx.app.track
    assert track is not None  # the rule applies to large tracks only
    end_by = ctx.pack.track(track).end_by.value
    if p.end is None:
        yield missing("終了日を入力してください", "Enter the end date")
        return
    limit, how = (effective_limit(ctx, p.start) if p.start is not None
                  else (end_by, M("終了期限", "the end date")))
    if limit is None or p.end <= limit:
        yield met(f"終了日は{format_date(limit) if limit else '期限'}以前です（{how.ja}）",
                  f"The end is on or before {limit} ({how.en})")
    elif end_by is not None and p.end > end_by:
        yield not_met(f"大型実証は最長でも{format_date(end_by)}までに終了する必要があります。"
                      f"終了日は{format_date(limit)}までにしてください（{how.ja}）",
                      f"Large projects must end by {end_by.isoformat()}: end by "
                      f"{limit.isoformat()} ({how.en})")
    else:
        yield met(f"終了日は終了期限{format_date(end_by) if end_by else ''}以前です。期間の上限は"
                  f"{format_date(limit)}です（{how.ja}、事業期間の上限の項目を参照）",
                  f"The end is before the end date; the period limit is {limit.isoformat()} "
                  f"({how.en}, see the period item)")


@rule("PRD-005")
def not_before_the_call(ctx: Context) -> Iterator[Finding]:
    start = ctx.app.period.start
    earliest = ctx.pack.params.schedule.earliest_start.value
    if start is None:
        yield missing("事業開始日（交付決定の見込み日）を入力してください",
                      "Enter the start (expected grant decision)")
    elif start < earliest:
        yield review(f"開始日{format_date(start)}は公募開始（{format_date(earliest)}頃）より前です。"
                     "事業開始日は採択後の交付決定日のため、それより前にはなりません。"
                     "交付決定の見込み日を入力してください（MOUの期限・終了日の上限もこの日から計算します）",
                     f"The start {start.isoformat()} is before the call opens (about "
                     f"{earliest.isoformat()}); the start is the grant decision, which comes "
                     "after adoption: enter the expected date")
    else:
        yield met(f"開始日は公募開始（{format_date(earliest)}頃）以降です",
                  f"The start is after the call opens (about {earliest.isoformat()})")
