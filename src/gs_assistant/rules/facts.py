"""Facts computed from an application: SME status, rate, subsidy, period, affiliates.

Pure functions of (application, pack). Money is integer yen and rates are Fractions:
the subsidy is eligible × rate rounded down to the yen with integer arithmetic.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal
from fractions import Fraction

from gs_assistant.model.application import (
    Affiliate,
    AffiliateKind,
    Application,
    CoApplicant,
    Company,
    Location,
    Track,
)
from gs_assistant.parsing import format_yen_kanji
from gs_assistant.rules.expenses import apply_subsidy, plan_facts
from gs_assistant.rules.pack import RulePack
from gs_assistant.rules.report import AffiliateFact, Facts, M, MemberSme, RateOption

# ---------------------------------------------------------------- period (民法143条)


def latest_end(start: date, months: int) -> date:
    """The last day of a period of ``months`` months that starts on ``start``, both days
    counted: the day before the same day ``months`` later, or, where that month has no
    such day, the last day of that month (民法第143条第2項)."""
    total = start.year * 12 + (start.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    if year > date.max.year:  # past the end of the calendar (no real project): saturate
        return date.max
    last_day = calendar.monthrange(year, month)[1]
    if start.day > last_day:
        return date(year, month, last_day)
    return date.fromordinal(date(year, month, start.day).toordinal() - 1)


def period_months(start: date, end: date) -> int:
    """The smallest whole number of months N such that ``end`` falls within N months of
    ``start`` (both counted). 2026-07-01..2027-12-31 is 18 months."""
    if end < start:
        return 0
    n = max(1, (end.year - start.year) * 12 + end.month - start.month)
    while n > 1 and latest_end(start, n - 1) >= end:
        n -= 1
    while latest_end(start, n) < end:
        n += 1
    return n


# ---------------------------------------------------------------- SME


def _deemed_anyway(gap: M) -> M:
    """A company with a deemed-large "yes" is large whatever the size answers say."""
    return M(f"{gap.ja}。みなし大企業の質問に「はい」があるため、"
             "規模にかかわらず大企業等として扱われます",
             f"{gap.en}; a deemed-large question is answered yes, so it counts as large "
             "whatever its size")


def _deemed(company: Company, pack: RulePack) -> tuple[list[str], bool]:
    """(the deemed-large questions answered yes, whether a confirmed one is unanswered).

    A question the call has not confirmed (``confirmed: false`` in the pack) makes the
    company large when answered yes, but leaving it unanswered does not hold the SME
    decision back: SME-002 asks for it."""
    yes, open_question = [], False
    for q in pack.params.deemed_large_questions.value:
        answer = getattr(company.deemed_large, q.key, None)
        if answer is True:
            yes.append(q.key)
        elif answer is None and q.confirmed:
            open_question = True
    return yes, open_question


def _unconfirmed_only(yes: list[str], pack: RulePack) -> bool:
    confirmed = {q.key for q in pack.params.deemed_large_questions.value if q.confirmed}
    return bool(yes) and not set(yes) & confirmed


def _deemed_why(yes: list[str], pack: RulePack) -> M:
    if _unconfirmed_only(yes, pack):
        line = pack.params.deemed_large_taxable_income_line_yen.value
        return M(f"直近過去3年分の課税所得の年平均額が{format_yen_kanji(line)}を超えるため"
                 "大企業等として扱われます（通例の公募要領の条件で、本公募での扱いは要確認）",
                 f"the average taxable income of the last three years is over {line:,} yen, "
                 "so it counts as large (the usual condition of METI calls; confirm it for "
                 "this call)")
    return M("大企業の出資・役員に関する質問に「はい」があるため大企業等として扱われます",
             "a question on large-enterprise ownership or officers is answered yes")


def sme_decision(company: Company, pack: RulePack) -> tuple[bool | None, M, bool]:
    """(is SME, reason, size test decided). ``None`` when the answers do not decide it."""
    yes, open_question = _deemed(company, pack)
    deemed = bool(yes)
    if company.industry is None:
        gap = M("業種が未入力です", "Industry not entered")
        return (False, _deemed_anyway(gap), False) if deemed else (None, gap, False)
    line = pack.params.sme_thresholds[company.industry.value].value
    label = pack.params.industries[company.industry.value]
    cap, emp = company.capital_yen, company.employees
    by_capital = cap is not None and cap <= line.capital_yen
    by_employees = emp is not None and emp <= line.employees
    line_text = M(
        f"{label.ja}の基準は資本金{format_yen_kanji(line.capital_yen)}以下"
        f"又は常時使用する従業員{line.employees:,}人以下",
        f"the line for {label.en} is capital up to {line.capital_yen:,} yen "
        f"or up to {line.employees:,} regular employees",
    )
    if not (by_capital or by_employees):
        if cap is None or emp is None:
            lacking = M("・".join(x for x, v in (("資本金", cap), ("従業員数", emp)) if v is None),
                        " and ".join(x for x, v in (("capital", cap), ("employees", emp))
                                     if v is None))
            gap = M(f"{lacking.ja}が未入力です（{line_text.ja}）",
                    f"{lacking.en.capitalize()} not entered ({line_text.en})")
            return (False, _deemed_anyway(gap), False) if deemed else (None, gap, False)
        return False, M(
            f"大企業等（補助率{_rate_non_sme(pack)}）：資本金{format_yen_kanji(cap)}・"
            f"従業員{emp:,}人がいずれも基準を超えます（{line_text.ja}）",
            f"Large enterprise (rate {_rate_non_sme(pack)}): capital {cap:,} yen and "
            f"{emp:,} employees both exceed the line ({line_text.en})",
        ), True
    why = (
        M(f"資本金{format_yen_kanji(cap)}", f"capital {cap:,} yen") if by_capital
        else M(f"従業員{emp:,}人", f"{emp:,} employees")
    )
    if deemed:
        because = _deemed_why(yes, pack)
        return False, M(
            f"みなし大企業（補助率{_rate_non_sme(pack)}）：{why.ja}は基準内ですが、{because.ja}",
            f"Deemed large enterprise (rate {_rate_non_sme(pack)}): {why.en} is within the "
            f"line, but {because.en}",
        ), True
    if open_question:
        return None, M(
            f"{why.ja}は基準内です。みなし大企業の質問に未回答があります",
            f"{why.en} is within the line; the deemed-large questions are not all answered",
        ), True
    return True, M(f"中小企業者：{why.ja}が基準内（{line_text.ja}）",
                   f"SME: {why.en} within the line ({line_text.en})"), True


def _rate_non_sme(pack: RulePack) -> Fraction:
    return pack.track(Track.small).rate_non_sme.value


def _overseas(company: Company) -> bool:
    return isinstance(company, CoApplicant) and company.location is Location.overseas


def member_decisions(app: Application, pack: RulePack) -> list[MemberSme]:
    out = []
    for i, company in enumerate(app.members()):
        is_sme, reason, size_decided = sme_decision(company, pack)
        overseas = _overseas(company)
        if overseas and is_sme is True:
            # 中小企業者 is defined by a Japanese law: whether a company located overseas
            # can be one is for the call guidelines to say (earlier calls wanted applicants
            # registered in Japan).
            is_sme = None
            size = M(reason.ja.removeprefix("中小企業者："), reason.en.removeprefix("SME: "))
            reason = M(f"海外の会社：{size.ja}。ただし中小企業者の定義は日本の"
                       "中小企業基本法によるため、海外の会社が当たるかは募集要領で確認してください",
                       f"Overseas company: {size.en}; but the SME definition is a Japanese "
                       "law's: confirm whether an overseas company can be one")
        out.append(MemberSme(
            role="lead" if i == 0 else "co_applicant", index=i,
            name=company.name or ("幹事法人" if i == 0 else f"共同申請者{i}"),
            is_sme=is_sme, reason=reason, size_decided=size_decided,
            field="lead" if i == 0 else f"co_applicants[{i - 1}]",
            overseas=overseas,
        ))
    return out


def rate_options(
    members: list[MemberSme], eligible: int | None, track: Track | None, pack: RulePack
) -> list[RateOption]:
    """Both rates and amounts when the rate hangs only on whether an overseas member is
    an SME (every other member an SME): 2/3 if it is one, 1/2 otherwise."""
    open_ = [m for m in members if m.is_sme is None]
    if (eligible is None or not open_ or any(m.is_sme is False for m in members)
            or not all(m.overseas and m.size_decided for m in open_)):
        return []
    params = pack.track(track or Track.small)
    out = []
    for rate, if_sme in ((params.rate_sme.value, True), (params.rate_non_sme.value, False)):
        uncapped = subsidy(eligible, rate)
        cap = params.subsidy_max_yen.value if track is not None else None
        out.append(RateOption(rate, if_sme, uncapped,
                              uncapped if cap is None else min(uncapped, cap)))
    return out


def consortium_rate(
    members: list[MemberSme], track: Track | None, pack: RulePack
) -> tuple[bool | None, Fraction | None]:
    """The whole consortium gets the SME rate only if every member is an SME."""
    statuses = [m.is_sme for m in members]
    if False in statuses:
        consortium_sme: bool | None = False
    elif None in statuses:
        consortium_sme = None
    else:
        consortium_sme = True
    if consortium_sme is None:
        return None, None
    params = pack.track(track or Track.small)  # every track has the same rates
    rate = params.rate_sme.value if consortium_sme else params.rate_non_sme.value
    return consortium_sme, rate


def subsidy(eligible_yen: int, rate: Fraction) -> int:
    """eligible × rate, rounded down to the yen (integer arithmetic)."""
    return eligible_yen * rate.numerator // rate.denominator


# ---------------------------------------------------------------- affiliates (seed:300)


def affiliate_counts(aff: Affiliate, pack: RulePack) -> tuple[bool | None, M]:
    p = pack.params.affiliates
    if not aff.overseas:
        return False, M("国内の会社は関連会社（海外子会社・孫会社）に当たりません",
                        "A domestic company is not an overseas affiliate")
    if aff.kind is AffiliateKind.subsidiary:
        if aff.stake_percent is None:
            return None, M("出資比率が未入力です", "Stake not entered")
        line = Decimal(p.subsidiary_min_percent.value)
        if p.subsidiary_min_percent.reached_by(aff.stake_percent):
            return True, M(f"海外子会社：出資比率{aff.stake_percent}%（{line}%以上）",
                           f"Overseas subsidiary: {aff.stake_percent}% ({line}% or more)")
        return False, M(f"出資比率{aff.stake_percent}%は{line}%未満",
                        f"Stake {aff.stake_percent}% is under {line}%")
    if aff.intermediate_overseas is False:
        return False, M("国内の会社を通じて保有する会社は海外孫会社に当たりません"
                        "（海外孫会社は海外子会社が出資する会社）",
                        "Held through a domestic company: not an overseas sub-subsidiary "
                        "(those are held through an overseas subsidiary)")
    stakes = (("中間の子会社への出資比率", "the stake in the intermediate",
               aff.intermediate_stake_percent), ("孫会社への出資比率", "the stake in it",
                                                 aff.stake_percent))
    lacking = [(ja, en) for ja, en, v in stakes if v is None]
    if lacking:
        return None, M(f"孫会社：{'と'.join(x[0] for x in lacking)}を入力してください",
                       f"Sub-subsidiary: enter {' and '.join(x[1] for x in lacking)}")
    assert aff.intermediate_stake_percent is not None and aff.stake_percent is not None
    line = Decimal(p.sub_subsidiary_over_percent.value)
    if p.sub_subsidiary_parent_over_percent.reached_by(aff.intermediate_stake_percent) \
            and p.sub_subsidiary_over_percent.reached_by(aff.stake_percent):
        if aff.intermediate_overseas is None:
            via = f"「{aff.intermediate_name}」" if aff.intermediate_name else ""
            return None, M(f"中間の子会社{via}の所在（海外か国内か）を回答してください"
                           "（海外子会社を通じた保有だけが海外孫会社です）",
                           "Sub-subsidiary: answer where the intermediate company is (only "
                           "holdings through an overseas subsidiary count)")
        return True, M(
            f"海外孫会社：子会社{aff.intermediate_name or ''}への出資"
            f"{aff.intermediate_stake_percent}%"
            f"・その子会社の出資{aff.stake_percent}%（いずれも{line}%超）",
            f"Overseas sub-subsidiary: {aff.intermediate_stake_percent}% of the subsidiary, "
            f"which holds {aff.stake_percent}% (both over {line}%)",
        )
    return False, M(
        f"孫会社の基準（{line}%超の子会社が{line}%超を出資）を満たしません"
        f"（{aff.intermediate_stake_percent}% / {aff.stake_percent}%）",
        f"Not a sub-subsidiary under the rule (over {line}% of an over-{line}% subsidiary): "
        f"{aff.intermediate_stake_percent}% / {aff.stake_percent}%",
    )


# ---------------------------------------------------------------- track advisor


def recommend_track(
    app: Application, pack: RulePack, uncapped: int | None, asean: bool | None,
    rate: Fraction | None = None,
) -> tuple[Track | None, list[M]]:
    if app.country in pack.params.countries.not_global_south.value:
        return None, [M("実施国が対象国（グローバルサウス諸国）ではないため、推奨区分はありません",
                        "The country is not an eligible Global South country: no track")]
    if uncapped is None:
        eligible = app.costs.eligible_yen if not app.costs.expenses else 0
        gone = [x for x, v in ((("補助対象経費", "the eligible cost"), eligible),
                               (("補助率", "the rate (SME answers)"), rate)) if v is None]
        return None, [M("と".join(g[0] for g in gone) + "が決まると推奨区分を示せます",
                        "Enter " + " and ".join(g[1] for g in gone)
                        + " to get a recommendation")]
    large_min = pack.track(Track.large_asean).subsidy_min_exclusive_yen.value
    fs_max = pack.track(Track.fs).subsidy_max_yen.value
    amount = M(format_yen_kanji(uncapped), f"{uncapped:,} yen")
    if uncapped > large_min:
        reasons = [M(f"補助額（上限適用前）{amount.ja}が{format_yen_kanji(large_min)}を超えるため"
                     "大型実証の規模です",
                     f"The subsidy before caps, {amount.en}, is over {large_min:,} yen: "
                     "large-scale demonstration")]
        if asean is None:
            reasons.append(M("実施国を選ぶとASEAN向け・ASEAN以外のどちらかを示せます",
                             "Choose the country to tell ASEAN from non-ASEAN"))
            return None, reasons
        reasons.append(M("実施国がASEAN加盟国のため「対ASEAN加盟国」" if asean
                         else "実施国がASEAN加盟国以外のため「ASEAN加盟国以外」",
                         "The country is an ASEAN member" if asean
                         else "The country is not an ASEAN member"))
        return (Track.large_asean if asean else Track.large_non_asean), reasons
    if app.track is Track.fs and uncapped <= fs_max:
        return Track.fs, [M(f"補助額{amount.ja}はFSの上限{format_yen_kanji(fs_max)}以内です",
                            f"The subsidy {amount.en} is within the FS cap of {fs_max:,} yen")]
    small_max = pack.track(Track.small).subsidy_max_yen.value
    reasons = [M(f"補助額{amount.ja}は小規模実証の上限{format_yen_kanji(small_max)}以内です",
                 f"The subsidy {amount.en} is within the small-demo cap of {small_max:,} yen")]
    if uncapped <= fs_max:
        fs_months = pack.track(Track.fs).period_months.value
        reasons.append(M(f"実現可能性調査（FS）であればFS区分（上限{format_yen_kanji(fs_max)}・"
                         f"{fs_months}か月）も選べます",
                         f"A feasibility study may also use the FS track (cap {fs_max:,} yen, "
                         f"{fs_months} months)"))
    return Track.small, reasons


def _recommend_either(
    app: Application, pack: RulePack, options: list[RateOption], asean: bool | None
) -> tuple[Track | None, list[M]]:
    """The recommendation when the rate is open: the same under both rates, or none."""
    results = [recommend_track(app, pack, o.subsidy_uncapped_yen, asean, o.rate)
               for o in options]
    tracks = {track for track, _ in results}
    if len(tracks) == 1:
        return results[-1][0], [*results[-1][1], M(
            "補助率が2/3・1/2のどちらでも同じ区分です", "The same track under either rate")]
    return None, [M("補助率（2/3か1/2か）によって推奨区分が変わります。海外の共同申請者が"
                    "中小企業者に当たるか確認してください",
                    "The recommended track depends on the rate: confirm whether the overseas "
                    "co-applicant is an SME")]


# ---------------------------------------------------------------- all facts


def compute_facts(app: Application, pack: RulePack) -> Facts:
    facts = Facts()
    facts.sme = member_decisions(app, pack)
    facts.consortium_sme, facts.rate = consortium_rate(facts.sme, app.track, pack)

    country = pack.countries.get(app.country) if app.country else None
    if country is not None:
        facts.country_name = M(country.name_ja, country.name_en)
        facts.country_asean = country.asean_since is not None
        facts.country_dac = country.dac is not None

    facts.expenses = plan_facts(app, pack)
    if facts.expenses is not None:  # the plan decides the totals
        facts.total_yen, facts.eligible_yen = facts.expenses.total_yen, facts.expenses.eligible_yen
    else:
        facts.total_yen, facts.eligible_yen = app.costs.total_yen, app.costs.eligible_yen
    eligible = facts.eligible_yen
    facts.rate_options = rate_options(facts.sme, eligible, app.track, pack)
    large_line = pack.track(Track.large_asean).subsidy_min_exclusive_yen.value
    if eligible is not None and facts.rate is not None:
        facts.subsidy_uncapped_yen = subsidy(eligible, facts.rate)
        facts.subsidy_yen = facts.subsidy_uncapped_yen
        if app.track is not None:
            cap = pack.track(app.track).subsidy_max_yen.value
            facts.cap_yen = cap
            if facts.subsidy_uncapped_yen > cap:
                facts.subsidy_yen, facts.capped = cap, True
        # before the chosen track's cap: the size that decides the recommended track
        facts.over_large_minimum = facts.subsidy_uncapped_yen > large_line
    elif app.track is not None:
        facts.cap_yen = pack.track(app.track).subsidy_max_yen.value
    if facts.expenses is not None:
        apply_subsidy(facts.expenses, facts.subsidy_yen)

    if facts.rate_options:
        facts.recommended_track, facts.recommendation = _recommend_either(
            app, pack, facts.rate_options, facts.country_asean)
    else:
        facts.recommended_track, facts.recommendation = recommend_track(
            app, pack, facts.subsidy_uncapped_yen, facts.country_asean, facts.rate
        )

    start, end = app.period.start, app.period.end
    if start is not None and end is not None:
        facts.period_months = period_months(start, end)
    if start is not None and app.track is not None:
        facts.latest_end = latest_end(start, pack.track(app.track).period_months.value)
        end_by = pack.track(app.track).end_by.value
        if end_by is not None and end_by < facts.latest_end:
            facts.latest_end = end_by

    facts.affiliates = [
        AffiliateFact(a.name or f"関連会社候補{i + 1}", *affiliate_counts(a, pack))
        for i, a in enumerate(app.large.affiliates)
    ]

    lead = facts.sme[0].is_sme
    if app.track is None:  # the MOU belongs to the large tracks only (seed:297-301)
        facts.mou_required = None
    elif not app.track.is_large:
        facts.mou_required = False
    elif lead is False:
        facts.mou_required = True
    elif lead is True and all(m.is_sme is True for m in facts.sme[1:]):
        facts.mou_required = False
    else:  # the lead is undecided, or a co-applicant is large or undecided: MOU-001 says
        facts.mou_required = None
    if start is not None and app.track is not None and app.track.is_large:
        months = pack.params.mou.deadline_months_after_start.value
        facts.mou_deadline = latest_end(start, months)
    return facts
