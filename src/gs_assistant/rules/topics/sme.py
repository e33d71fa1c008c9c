"""中小企業判定と補助率: every member's SME status, and the consortium's rate."""

from __future__ import annotations

from collections.abc import Iterator

from gs_assistant.model.application import Track
from gs_assistant.parsing import format_yen
from gs_assistant.rules.context import Context, met, missing, review
from gs_assistant.rules.registry import rule
from gs_assistant.rules.report import Finding, M, Status


def rate_either(ctx: Context, lang: str = "ja") -> str:
    """"2/3 if … is an SME (amount), otherwise 1/2 (amount)": never one amount as certain."""
    names = [m.name for m in ctx.facts.sme if m.is_sme is None and m.overseas]
    sme, other = ctx.facts.rate_options
    if lang == "en":
        return (f"The rate is {sme.rate} (subsidy {sme.subsidy_yen:,} yen) if "
                f"{', '.join(names)} counts as an SME, otherwise {other.rate} (subsidy "
                f"{other.subsidy_yen:,} yen)")
    return (f"補助率は、{'、'.join(names)}が中小企業者に当たれば{sme.rate}（補助額"
            f"{format_yen(sme.subsidy_yen)}）、当たらなければ{other.rate}（補助額"
            f"{format_yen(other.subsidy_yen)}）です")


def _key(index: int) -> str:
    return "lead" if index == 0 else f"co{index}"


@rule("SME-001")
def sme_test(ctx: Context) -> Iterator[Finding]:
    for member in ctx.facts.sme:
        prefix = f"{member.name}："
        if not member.size_decided:
            yield Finding(Status.missing, member.reason._replace(ja=prefix + member.reason.ja),
                          _key(member.index), member.field + ".capital_yen")
        elif member.overseas and member.is_sme is None:
            yield Finding(Status.needs_review,
                          member.reason._replace(ja=prefix + member.reason.ja),
                          _key(member.index), member.field + ".location")
        else:
            yield Finding(Status.met, member.reason._replace(ja=prefix + member.reason.ja),
                          _key(member.index), member.field)


@rule("SME-002")
def deemed_large(ctx: Context) -> Iterator[Finding]:
    members = ctx.app.members()
    questions = ctx.pack.params.deemed_large_questions.value
    for member in ctx.facts.sme:
        deemed = members[member.index].deemed_large
        answers = deemed.answers()
        field = member.field + ".deemed_large"
        unconfirmed_yes = [q for q in questions
                           if not q.confirmed and getattr(deemed, q.key, None) is True]
        confirmed_yes = [q for q in questions
                         if q.confirmed and getattr(deemed, q.key, None) is True]
        if unconfirmed_yes and not confirmed_yes:
            q = unconfirmed_yes[0]
            yield review(f"{member.name}：「{q.ja}」に該当するため大企業等（補助率"
                         f"{ctx.pack.track(Track.small).rate_non_sme.value}）として扱います。"
                         "この条件は通例の公募要領の文言で、本公募の募集要領で確認してください",
                         f"{member.name}: '{q.en}' applies, so it counts as large; this is "
                         "the usual condition of METI calls: confirm it for this call",
                         _key(member.index), field)
        elif confirmed_yes:
            yield met(f"{member.name}：みなし大企業に該当（大企業等として扱います）",
                      f"{member.name}: a deemed large enterprise", _key(member.index), field)
        elif member.is_sme is False:  # large by capital and employees: nothing to ask
            yield met(f"{member.name}：資本金・従業員数で大企業等のため、みなし大企業の確認は不要です",
                      f"{member.name}: large by capital and employees; the questions do not "
                      "apply", _key(member.index), field)
        elif None in answers:
            open_ = [f"({i + 1})" for i, q in enumerate(questions)
                     if getattr(deemed, q.key, None) is None]
            which = M("・".join(open_), ", ".join(open_))
            only_unconfirmed = all(q.confirmed is False for q in questions
                                   if getattr(deemed, q.key, None) is None)
            yield missing(f"{member.name}：みなし大企業の質問{which.ja}に回答してください"
                          + ("（直近3年の課税所得の質問）" if only_unconfirmed else ""),
                          f"{member.name}: answer the deemed-large questions {which.en}",
                          _key(member.index), field)
        else:
            yield met(f"{member.name}：みなし大企業に該当しません",
                      f"{member.name}: not a deemed large enterprise", _key(member.index), field)


@rule("SME-003")
def consortium_rate(ctx: Context) -> Iterator[Finding]:
    facts = ctx.facts
    if facts.rate is None and facts.rate_options:
        yield review(rate_either(ctx), rate_either(ctx, "en"))
        return
    if facts.rate is None:
        open_ = [m.name for m in facts.sme if m.is_sme is None]
        yield missing(f"中小企業判定が済んでいないメンバー（{'、'.join(open_)}）があるため補助率が"
                      "決まりません",
                      f"The rate follows once every member's SME status is decided "
                      f"({', '.join(open_)})")
        return
    if facts.consortium_sme:
        yield met(f"補助率{facts.rate}：幹事法人・共同申請者の全員が中小企業",
                  f"Rate {facts.rate}: every member is an SME")
    else:
        large = [m.name for m in facts.sme if m.is_sme is False]
        yield met(f"補助率{facts.rate}：大企業等（{'、'.join(large)}）を含むため",
                  f"Rate {facts.rate}: the consortium includes a large enterprise "
                  f"({', '.join(large)})")
