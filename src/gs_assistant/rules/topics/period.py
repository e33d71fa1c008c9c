"""事業期間: dates entered, in order, within the track's length and end date."""

from __future__ import annotations

from collections.abc import Iterator

from gs_assistant.parsing import format_date
from gs_assistant.rules.context import Context, met, missing, not_met
from gs_assistant.rules.registry import rule
from gs_assistant.rules.report import Finding


@rule("PRD-001")
def dates_entered(ctx: Context) -> Iterator[Finding]:
    p = ctx.app.period
    if p.start is None or p.end is None:
        yield missing("事業開始日（交付決定の見込み日）と終了日を入力してください（例：令和8年7月1日）",
                      "Enter the start (expected grant decision) and end dates",
                      field="period.start" if p.start is None else "period.end")
    else:
        yield met(f"{format_date(p.start)}～{format_date(p.end)}",
                  f"{p.start.isoformat()} to {p.end.isoformat()}")


@rule("PRD-002")
def in_order(ctx: Context) -> Iterator[Finding]:
    p = ctx.app.period
    if p.start is None or p.end is None:
        yield missing("開始日と終了日を入力してください", "Enter both dates")
    elif p.end >= p.start:
        yield met("終了日は開始日以降です", "The end is on or after the start")
    else:
        yield not_met("終了日が開始日より前です", "The end is before the start")


@rule("PRD-003")
def max_length(ctx: Context) -> Iterator[Finding]:
    p, track = ctx.app.period, ctx.app.track
    if p.start is None or p.end is None or track is None:
        yield missing("事業区分と期間を入力すると上限を確認できます",
                      "Enter the track and dates to check the length")
        return
    if p.end < p.start:
        yield missing("終了日を開始日以降にすると期間の上限を確認できます",
                      "Put the end on or after the start to check the length")
        return
    months = ctx.pack.track(track).period_months.value
    from gs_assistant.rules.facts import latest_end

    limit = latest_end(p.start, months)
    n = ctx.facts.period_months
    if p.end <= limit:
        yield met(f"事業期間{n}か月（上限{months}か月、{format_date(limit)}まで）",
                  f"{n} months (at most {months}, until {limit.isoformat()})")
    else:
        yield not_met(f"事業期間{n}か月は上限{months}か月を超えます。終了日は"
                      f"{format_date(limit)}までにしてください",
                      f"{n} months exceeds the limit of {months}: end by {limit.isoformat()}")


@rule("PRD-004")
def large_end_by(ctx: Context) -> Iterator[Finding]:
    p, track = ctx.app.period, ctx.app.track
    assert track is not None  # the rule applies to large tracks only
    end_by = ctx.pack.track(track).end_by.value
    if p.end is None:
        yield missing("終了日を入力してください", "Enter the end date")
    elif end_by is None or p.end <= end_by:
        yield met(f"終了日は{format_date(end_by) if end_by else '期限'}以前です",
                  f"The end is on or before {end_by}")
    else:
        yield not_met(f"大型実証は最長でも{format_date(end_by)}までに終了する必要があります",
                      f"Large projects must end by {end_by.isoformat()}")
