"""事業内容: title and summary, structure, schedule (the free-text items CNT-002, CNT-003 and
CNT-006 are declared in rules.yaml)."""

from __future__ import annotations

from collections.abc import Iterator

from gs_assistant.rules.context import FREE_TEXT, Context, met, missing, not_met, written
from gs_assistant.rules.registry import rule
from gs_assistant.rules.report import Finding, Status


@rule("CNT-001")
def title_summary(ctx: Context) -> Iterator[Finding]:
    c = ctx.app.content
    if not written(c.title):
        yield missing("事業名称を入力してください", "Enter the project title")
    elif not written(c.summary):
        yield missing("事業概要を入力してください", "Enter the summary", field="content.summary")
    else:
        yield met(f"事業名称：{c.title}", f"Title: {c.title}")


@rule("CNT-004")
def structure(ctx: Context) -> Iterator[Finding]:
    c = ctx.app.content
    if not written(c.structure_japan):
        yield missing("日本側の役割を入力してください", "Describe the Japanese side's role")
    elif not written(c.structure_local):
        yield missing("現地側（現地企業）の役割を入力してください", "Describe the local side's role",
                      field="content.structure_local")
    else:
        yield Finding(Status.needs_review, FREE_TEXT)


@rule("CNT-005")
def schedule(ctx: Context) -> Iterator[Finding]:
    milestones, p = ctx.app.content.milestones, ctx.app.period
    if not milestones:
        yield missing("スケジュール（主なマイルストーン）を追加してください", "Add milestones")
        return
    for i, m in enumerate(milestones):
        if m.date is None or not written(m.title):
            yield missing(f"マイルストーン{i + 1}の日付と内容を入力してください",
                          f"Enter milestone {i + 1}'s date and title",
                          field=f"content.milestones[{i}]")
            return
    if p.start is None or p.end is None:
        yield missing("事業期間を入力すると日程を確認できます", "Enter the period to check the dates",
                      field="period.start")
        return
    outside = [(i, m) for i, m in enumerate(milestones)
               if m.date is not None and not p.start <= m.date <= p.end]
    if outside:
        i, m = outside[0]
        yield not_met(f"マイルストーン「{m.title}」（{m.date}）が事業期間外です",
                      f"Milestone '{m.title}' ({m.date}) is outside the period",
                      field=f"content.milestones[{i}].date")
    else:
        yield met(f"マイルストーン{len(milestones)}件、すべて事業期間内",
                  f"{len(milestones)} milestones, all within the period")
