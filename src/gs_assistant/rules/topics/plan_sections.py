"""The 事業計画書's own sections, each checked under its checklist topic: the members'
company profiles (applicant), the partner country's indicators (partner_benefit), risks
and mitigation (content) and the funding of the applicant's own share (amount).

The brochure asks none of them in so many words: every rule here cites ``inference``
and says 要確認 where a person must judge, never 不適合.
"""

from __future__ import annotations

from collections.abc import Iterator

from gs_assistant.model.application import Company, Funding
from gs_assistant.rules.context import Context, met, missing, review, written
from gs_assistant.rules.registry import rule
from gs_assistant.rules.report import Facts, Finding
from gs_assistant.rules.topics.quantitative import CORE, gaps

PROFILE_FIELDS = (  # (attribute, ja, en)
    ("address", "所在地", "address"),
    ("representative", "代表者", "representative"),
    ("founded_year", "設立年", "year founded"),
    ("business", "主な事業", "main business"),
    ("revenue_yen", "直近期の売上高", "latest revenue"),
    ("overseas_experience", "海外展開の実績", "overseas experience"),
)


def profile_gaps(company: Company) -> list[tuple[str, str, str]]:
    """The profile fields a member has not answered: (attribute, ja, en)."""
    out = []
    for attr, ja, en in PROFILE_FIELDS:
        value = getattr(company.profile, attr)
        if value is None or (isinstance(value, str) and not written(value)):
            out.append((attr, ja, en))
    return out


@rule("APP-005")
def company_profiles(ctx: Context) -> Iterator[Finding]:
    members = ctx.app.members()
    for index, company in enumerate(members):
        lack = profile_gaps(company)
        if not lack:
            continue
        where = "lead" if index == 0 else f"co_applicants[{index - 1}]"
        name = company.name or ("幹事法人" if index == 0 else f"共同申請者{index}")
        yield missing(f"{name}の企業概要に{'・'.join(g[1] for g in lack)}を入力してください",
                      f"{company.name or ('lead applicant' if index == 0 else f'co-applicant {index}')}"
                      f": enter the profile's {', '.join(g[2] for g in lack)}",
                      field=f"{where}.profile.{lack[0][0]}")
        return
    yield met(f"全構成員（{len(members)}社）の企業概要が記入済み",
              f"The profiles of all {len(members)} members are filled in")


@rule("PBN-002")
def partner_indicators(ctx: Context) -> Iterator[Finding]:
    """Like QNT-001 for Japan, but the brochure asks numbers for Japan only (seed:305):
    an indicator that is not quantitative is 要確認, never 不適合."""
    indicators = ctx.app.partner_benefit.indicators
    if not indicators:
        yield missing("相手国裨益を示す指標（指標・単位・現状値・目標値・目標年）を追加してください",
                      "Add an indicator of the partner country's benefit (name, unit, baseline, "
                      "target, target year)", field="partner_benefit.indicators")
        return
    complete = [i for i, ind in enumerate(indicators) if not gaps(ind)]
    changed = [i for i in complete if indicators[i].target != indicators[i].baseline]
    if changed:
        ind = indicators[changed[0]]
        yield met(f"{ind.name} {ind.baseline}→{ind.target}{ind.unit}（{ind.target_year}年）",
                  f"{ind.name} {ind.baseline} → {ind.target} {ind.unit} ({ind.target_year})")
    elif complete:
        i = complete[0]
        yield review(f"{indicators[i].name}：目標値が現状値と同じで、効果を示していません",
                     f"{indicators[i].name}: the target equals the baseline",
                     field=f"partner_benefit.indicators[{i}]")
    else:
        i, ind = min(enumerate(indicators),
                     key=lambda x: (sum(g[0] in CORE for g in gaps(x[1])), len(gaps(x[1]))))
        lack = gaps(ind)
        yield review(f"相手国裨益の指標に{'・'.join(g[0] for g in lack)}がなく、定量的ではありません",
                     f"The partner-benefit indicator lacks {', '.join(g[1] for g in lack)}: "
                     "it is not quantitative", field=f"partner_benefit.indicators[{i}]")


@rule("CNT-007")
def risks(ctx: Context) -> Iterator[Finding]:
    rows = ctx.app.risks
    if not rows:
        yield missing("事業の主なリスク（影響と対応策）を1件以上入力してください",
                      "Enter at least one main risk with its impact and mitigation",
                      field="risks")
        return
    for i, row in enumerate(rows):
        lack = [(ja, en) for ja, en, text in (("リスク", "risk", row.risk),
                                             ("影響", "impact", row.impact),
                                             ("対応策", "mitigation", row.mitigation))
                if not written(text)]
        if lack:
            yield missing(f"リスク{i + 1}件目の{'・'.join(j for j, _ in lack)}を入力してください",
                          f"Risk {i + 1}: enter the {', '.join(e for _, e in lack)}",
                          field=f"risks[{i}]")
            return
    yield review(f"{len(rows)}件のリスクと対応策が記入済み。対応策の妥当性は支援者が確認してください",
                 f"{len(rows)} risks with mitigation written; a reviewer judges the mitigation")


def own_share(facts: Facts, total: int | None) -> tuple[int | None, bool]:
    """自己負担額 = 総事業費 − 補助額, and whether it is the larger of two (the rate still
    hangs on an overseas member's SME status: the smaller subsidy is assumed)."""
    if total is None:
        return None, False
    if facts.subsidy_yen is not None:
        return total - facts.subsidy_yen, False
    if facts.rate_options:
        return total - min(o.subsidy_yen for o in facts.rate_options), True
    return None, False


@rule("AMT-005")
def funding(ctx: Context) -> Iterator[Finding]:
    # the total the subsidy is computed from: the expense plan's when there is one
    share, assumed = own_share(ctx.facts, ctx.facts.total_yen)
    plan: Funding = ctx.app.funding
    if share is None and ctx.facts.total_yen is None:
        yield missing("総事業費を入力すると自己負担額（総事業費−補助額）が出ます",
                      "Enter the total cost: the own share is the total cost less the subsidy",
                      field="costs.total_yen")
        return
    if share is None:
        yield missing("補助額が決まると自己負担額（総事業費−補助額）が出ます",
                      "The own share (total cost less the subsidy) follows once the subsidy "
                      "is known", field="costs.eligible_yen")
        return
    if all(v is None for v in plan.sources()):
        yield missing(f"自己負担額{share:,}円の調達（自己資金・借入金・その他）を入力してください",
                      f"Enter how the own share of {share:,} yen is financed (own funds, loans, "
                      "other)", field="funding.own_funds_yen")
        return
    for amount, name, ja, en, field in (
            (plan.loans_yen, plan.lender, "借入先", "the lender", "funding.lender"),
            (plan.other_yen, plan.other_source, "その他の調達の内容", "what the other source is",
             "funding.other_source")):
        if amount and not written(name):
            yield missing(f"{ja}を入力してください", f"Enter {en}", field=field)
            return
    raised = sum(v or 0 for v in plan.sources())
    note = ("（補助率が未確定のため、低い方の補助額で計算）" if assumed else "",
            " (the rate is still open: the smaller subsidy is assumed)" if assumed else "")
    if raised < share:
        yield review(f"調達額の合計{raised:,}円が自己負担額{share:,}円に{share - raised:,}円足りません"
                     f"{note[0]}", f"The sources add up to {raised:,} yen, {share - raised:,} yen "
                     f"short of the own share of {share:,} yen{note[1]}",
                     field="funding.own_funds_yen")
    elif not written(plan.explanation):
        yield missing("調達の時期と確実性（自己資金の裏付け、借入の見込み）を説明してください",
                      "Explain when and how surely the funds are raised (own funds on hand, "
                      "loan prospects)", field="funding.explanation")
    else:
        yield review(f"自己負担額{share:,}円に対し調達{raised:,}円{note[0]}。"
                     "調達の確実性は支援者が確認してください",
                     f"{raised:,} yen raised for an own share of {share:,} yen{note[1]}; a "
                     "reviewer judges how sure the funding is")
