"""中小企業判定と補助率: every member's SME status, and the consortium's rate."""

from __future__ import annotations

from collections.abc import Iterator

from gs_assistant.rules.context import Context, met, missing
from gs_assistant.rules.registry import rule
from gs_assistant.rules.report import Finding, Status


def _key(index: int) -> str:
    return "lead" if index == 0 else f"co{index}"


@rule("SME-001")
def sme_test(ctx: Context) -> Iterator[Finding]:
    for member in ctx.facts.sme:
        prefix = f"{member.name}："
        if not member.size_decided:
            yield Finding(Status.missing, member.reason._replace(ja=prefix + member.reason.ja),
                          _key(member.index), member.field + ".capital_yen")
        else:
            yield Finding(Status.met, member.reason._replace(ja=prefix + member.reason.ja),
                          _key(member.index), member.field)


@rule("SME-002")
def deemed_large(ctx: Context) -> Iterator[Finding]:
    members = ctx.app.members()
    for member in ctx.facts.sme:
        answers = members[member.index].deemed_large.answers()
        field = member.field + ".deemed_large"
        if True in answers:
            yield met(f"{member.name}：みなし大企業に該当（大企業等として扱います）",
                      f"{member.name}: a deemed large enterprise", _key(member.index), field)
        elif member.is_sme is False:  # large by capital and employees: nothing to ask
            yield met(f"{member.name}：資本金・従業員数で大企業等のため、みなし大企業の確認は不要です",
                      f"{member.name}: large by capital and employees; the questions do not "
                      "apply", _key(member.index), field)
        elif None in answers:
            yield missing(f"{member.name}：みなし大企業の質問（5問）に回答してください",
                          f"{member.name}: answer the five deemed-large questions",
                          _key(member.index), field)
        else:
            yield met(f"{member.name}：みなし大企業に該当しません",
                      f"{member.name}: not a deemed large enterprise", _key(member.index), field)


@rule("SME-003")
def consortium_rate(ctx: Context) -> Iterator[Finding]:
    facts = ctx.facts
    if facts.rate is None:
        yield missing("全メンバーの中小企業判定が済むと補助率が決まります",
                      "The rate follows once every member's SME status is decided")
        return
    if facts.consortium_sme:
        yield met(f"補助率{facts.rate}：幹事法人・共同申請者の全員が中小企業",
                  f"Rate {facts.rate}: every member is an SME")
    else:
        large = [m.name for m in facts.sme if m.is_sme is False]
        yield met(f"補助率{facts.rate}：大企業等（{'、'.join(large)}）を含むため",
                  f"Rate {facts.rate}: the consortium includes a large enterprise "
                  f"({', '.join(large)})")
