"""大型実証事業のみに適用される要件 (seed:297-302): affiliates and similar projects, the
MOU or letter for large enterprises, and the press release."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from gs_assistant.model.application import MouCounterpart, MouStatus
from gs_assistant.parsing import format_date
from gs_assistant.rules.context import FREE_TEXT, Context, met, missing, not_met, review, written
from gs_assistant.rules.facts import latest_end
from gs_assistant.rules.registry import rule
from gs_assistant.rules.report import Finding, Status

# ---------------------------------------------------------------- 関連会社との重複


@rule("AFF-001")
def affiliates_reviewed(ctx: Context) -> Iterator[Finding]:
    large = ctx.app.large
    unknown = [a for a in ctx.facts.affiliates if a.counts is None]
    p = ctx.pack.params.affiliates
    if not large.affiliates_reviewed:
        yield missing(f"海外子会社（出資{p.subsidiary_min_percent.value}%以上）・海外孫会社"
                      f"（{p.sub_subsidiary_parent_over_percent.value}%超の子会社が"
                      f"{p.sub_subsidiary_over_percent.value}%超出資）を確認し、"
                      "一覧に入力してください（なければ「なし」と回答）",
                      "Review the overseas subsidiaries and sub-subsidiaries and list them")
    elif unknown:
        yield missing(f"{unknown[0].name}：{unknown[0].reason.ja}",
                      f"{unknown[0].name}: {unknown[0].reason.en}")
    else:
        counting = [a.name for a in ctx.facts.affiliates if a.counts]
        if counting:
            yield met("関連会社：" + "、".join(counting), "Affiliates: " + ", ".join(counting))
        else:
            yield met("関連会社に当たる会社はありません", "No company counts as an affiliate")


@rule("AFF-002")
def similar_projects_exist(ctx: Context) -> Iterator[Finding]:
    large = ctx.app.large
    if large.similar_projects_exist is None:
        yield missing("申請者・関連会社が実施する、同じ分野・目的の他の海外プロジェクトの有無を回答してください",
                      "Answer whether the applicant or an affiliate runs a similar overseas project")
    elif not large.similar_projects_exist:
        yield met("同じ分野・目的の他の海外プロジェクトはありません", "No similar overseas project")
    elif not large.similar_projects:
        yield missing("「あり」の場合は、そのプロジェクトを一覧に入力してください",
                      "List the similar projects", field="large.similar_projects")
    else:
        yield met(f"他の海外プロジェクト{len(large.similar_projects)}件（違いの精査対象）",
                  f"{len(large.similar_projects)} similar project(s), to be compared")


@rule("AFF-003")
def differences(ctx: Context) -> Iterator[Finding]:
    large = ctx.app.large
    if not large.similar_projects_exist:
        return
    for i, project in enumerate(large.similar_projects):
        key, field = f"p{i + 1}", f"large.similar_projects[{i}]"
        name = project.name or f"プロジェクト{i + 1}"
        lacking = []
        if not written(project.environment_difference):
            lacking.append(("(1)事業環境の違い", "(1) business-environment difference"))
        if not written(project.technology_difference):
            lacking.append(("(2)主たる技術の差異", "(2) main-technology difference"))
        if lacking:
            yield missing(f"{name}：{'と'.join(x[0] for x in lacking)}を説明してください",
                          f"{name}: explain the {' and '.join(x[1] for x in lacking)}", key, field)
        else:
            yield Finding(Status.needs_review, FREE_TEXT._replace(
                ja=f"{name}：2つの違いは記入済み。精査に耐える説明か人の判断が必要です",
                en=f"{name}: both differences written; a person judges them"), key, field)


# ---------------------------------------------------------------- MOU / letter


def _mou_duty(ctx: Context) -> tuple[bool | None, Finding | None]:
    """(duty applies, a finding that settles the question without looking at the MOU)."""
    lead = ctx.facts.sme[0].is_sme
    if lead is None:
        return None, missing("幹事法人の中小企業判定が済むとMOUの要否が決まります",
                             "The lead applicant's SME status decides whether an MOU is needed")
    if lead is False:
        return True, None
    large_co = [m.name for m in ctx.facts.sme[1:] if m.is_sme is False]
    if large_co:
        return None, review(
            f"幹事法人は中小企業ですが、共同申請者に大企業等（{'、'.join(large_co)}）がいます。"
            "MOU・レターの提出が必要か確認してください",
            f"The lead is an SME but a co-applicant is large ({', '.join(large_co)}): "
            "confirm whether an MOU is required")
    undecided = [m.name for m in ctx.facts.sme[1:] if m.is_sme is None]
    if undecided and all(m.overseas and m.size_decided for m in ctx.facts.sme[1:]
                         if m.is_sme is None):
        return None, review(
            f"海外の共同申請者（{'、'.join(undecided)}）が中小企業者に当たるかは要確認です。"
            "当たらない場合にMOU・レターの提出が必要か確認してください",
            f"Whether the overseas co-applicant ({', '.join(undecided)}) is an SME needs "
            "confirmation; if not, confirm whether an MOU is required")
    if undecided:
        return None, missing(
            f"共同申請者（{'、'.join(undecided)}）の中小企業判定が済むとMOU・レターの要否が確定します",
            f"The SME status of {', '.join(undecided)} decides whether an MOU is needed")
    return False, met("申請者は中小企業のため、MOU・レターの提出は求められていません",
                      "The applicant is an SME: no MOU or letter is required")


def _mou_date(ctx: Context) -> Finding | None:
    """What the MOU's date says, checked whenever a date is given; None without one."""
    m, start, deadline = ctx.app.large.mou, ctx.app.period.start, ctx.facts.mou_deadline
    if m.date is None or start is None or deadline is None or m.status is None:
        return None
    months = ctx.pack.params.mou.deadline_months_after_start.value
    field = "large.mou.date"
    if m.status is not MouStatus.planned:
        label = ctx.pack.params.mou.statuses.value[m.status]
        if m.date > start:
            return review(f"「{label.ja}」と回答していますが、日付{format_date(m.date)}は事業開始日"
                          f"{format_date(start)}より後です。状況か日付を見直してください",
                          f"The answer is '{label.en}' but the date {m.date.isoformat()} is "
                          f"after the start {start.isoformat()}: check the status or the date",
                          field=field)
        return None
    # 民法140条: whether the first day counts decides whether the anniversary is in.
    later = latest_end(start + timedelta(days=1), months)
    if m.date <= deadline:
        return review(f"提出予定日{format_date(m.date)}は期限{format_date(deadline)}以内。"
                      "相手国政府等の署名が得られるかは外部の確認が必要です",
                      f"Planned for {m.date.isoformat()}, within the deadline "
                      f"{deadline.isoformat()}; the counterpart's signature needs confirmation",
                      field=field)
    if m.date <= later:
        return review(f"提出予定日{format_date(m.date)}は「事業開始後1年以内」の最終日の読み方で"
                      f"分かれる日です。開始日を1日目と数えれば期限は{format_date(deadline)}、"
                      f"初日を算入しない民法140条の原則によれば{format_date(later)}までです。"
                      "募集要領・事務局で確認するか、前日までの提出にしてください",
                      f"The planned date {m.date.isoformat()} depends on how the year is "
                      f"counted: {deadline.isoformat()} if the start day counts, "
                      f"{later.isoformat()} if it does not (Civil Code art. 140): confirm, "
                      "or plan a day earlier", field=field)
    return not_met(f"提出予定日{format_date(m.date)}が期限（事業開始後{months}か月以内："
                   f"{format_date(deadline)}、初日を算入しない読み方でも{format_date(later)}）を"
                   "過ぎています",
                   f"The planned date {m.date.isoformat()} is after the deadline "
                   f"{deadline.isoformat()} (or {later.isoformat()} if the start day does "
                   "not count)", field=field)


@rule("MOU-001")
def mou(ctx: Context) -> Iterator[Finding]:
    duty, settled = _mou_duty(ctx)
    dated = _mou_date(ctx)
    if duty is not True:
        assert settled is not None
        if (duty is None and settled.status is Status.needs_review and dated is not None
                and dated.status is not Status.met):
            # the duty itself is open: the date's problem is told, never as 不適合
            yield review(f"{settled.reason.ja}。また、{dated.reason.ja}",
                         f"{settled.reason.en}. Also: {dated.reason.en}", field=dated.field)
        else:
            yield settled
        return
    m, deadline = ctx.app.large.mou, ctx.facts.mou_deadline
    months = ctx.pack.params.mou.deadline_months_after_start.value
    if m.status is None:
        yield missing(f"大企業等は相手国政府等とのMOU・レターを応募時又は事業開始後{months}か月以内に"
                      "提出します。状況（取得済み・応募時提出・予定）を選んでください",
                      "Large enterprises submit an MOU or letter at application or within "
                      f"{months} months of the start: choose its status")
    elif dated is not None:
        yield dated
    elif m.status is MouStatus.obtained:
        yield met("MOU・レター：取得済み", "MOU or letter obtained")
    elif m.status is MouStatus.with_application:
        yield met("MOU・レター：応募時に提出", "MOU or letter submitted with the application")
    else:
        lacking = [x for x, v in (("提出予定日", m.date), ("事業開始日", deadline)) if v is None]
        yield missing(f"{'と'.join(lacking)}を入力してください（期限は事業開始後{months}か月以内）",
                      f"Enter the {' and the '.join('planned date' if x == '提出予定日' else 'start date' for x in lacking)} "
                      f"(deadline: {months} months after the start)",
                      field="large.mou.date" if m.date is None else "period.start")


@rule("MOU-002")
def counterpart(ctx: Context) -> Iterator[Finding]:
    duty, _ = _mou_duty(ctx)
    if duty is False:
        return
    kind = ctx.app.large.mou.counterpart_kind
    labels = ctx.pack.params.mou.counterparts.value
    if kind is None:
        yield missing("MOU・レターの相手方（中央政府・地方政府・国営企業等）を選んでください",
                      "Choose the counterpart (central or local government, state-owned company)")
    elif kind is MouCounterpart.other:
        yield review("相手方が「その他」です。政府等（中央政府・地方政府・国営企業等）に当たるか確認してください",
                     "The counterpart is 'other': confirm it is a government body")
    else:
        yield met(f"相手方：{labels[kind.value].ja} {ctx.app.large.mou.counterpart_name}".rstrip(),
                  f"Counterpart: {labels[kind.value].en}")


# ---------------------------------------------------------------- press release


@rule("PRS-001")
def press_release(ctx: Context) -> Iterator[Finding]:
    committed = ctx.app.large.press_release.committed
    if committed is None:
        yield missing("採択後にプレスリリース（政府支援の必要性等を含む）を行うか回答してください",
                      "Answer whether you will issue a press release after adoption")
    elif committed:
        yield met("採択後にプレスリリースを行います", "A press release will follow adoption")
    else:
        yield not_met("大型実証では採択後のプレスリリースが要件です",
                      "Large projects must issue a press release after adoption")


@rule("PRS-002")
def press_outline(ctx: Context) -> Iterator[Finding]:
    pr = ctx.app.large.press_release
    if not written(pr.government_support_reason):
        yield missing("プレスリリースに記載する「政府支援の必要性」を入力してください",
                      "Write why government support is needed, for the press release")
    else:
        yield Finding(Status.needs_review, FREE_TEXT)
