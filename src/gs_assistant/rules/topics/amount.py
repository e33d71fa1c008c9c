"""経費と補助額: costs entered, eligible within total, cap, and large-track minimum."""

from __future__ import annotations

from collections.abc import Iterator

from gs_assistant.model.application import Track
from gs_assistant.parsing import format_yen, format_yen_kanji
from gs_assistant.rules.context import Context, lacking, met, missing, not_met, review
from gs_assistant.rules.registry import rule
from gs_assistant.rules.report import Finding
from gs_assistant.rules.topics.sme import rate_either


def _totals(ctx: Context) -> tuple[int | None, int | None]:
    """(total, eligible): the expense plan's when it has rows, else the typed ones."""
    return ctx.facts.total_yen, ctx.facts.eligible_yen


@rule("AMT-001")
def costs_entered(ctx: Context) -> Iterator[Finding]:
    if ctx.facts.expenses is not None:
        plan = ctx.facts.expenses
        if plan.eligible_yen == 0:
            yield not_met("経費明細の補助対象経費が0円です", "The plan's eligible cost is zero",
                          field="costs.expenses")
        else:
            yield met(f"経費明細から：総事業費{format_yen(plan.total_yen)}・補助対象経費"
                      f"{format_yen(plan.eligible_yen)}（{plan.rows:,}行）",
                      f"From the expense plan: total {plan.total_yen:,} yen, eligible "
                      f"{plan.eligible_yen:,} yen ({plan.rows:,} rows)", field="costs.expenses")
        return
    costs = ctx.app.costs
    if costs.total_yen is None or costs.eligible_yen is None:
        field = "costs.total_yen" if costs.total_yen is None else "costs.eligible_yen"
        gone = lacking(("総事業費", "total", costs.total_yen),
                       ("補助対象経費", "eligible cost", costs.eligible_yen))
        yield missing(f"{gone.ja}を入力してください（例：5億円、1億2,000万円）",
                      f"Enter the {gone.en}", field=field)
    elif costs.eligible_yen == 0:
        yield not_met("補助対象経費が0円です", "The eligible cost is zero",
                      field="costs.eligible_yen")
    else:
        yield met(f"総事業費{format_yen(costs.total_yen)}・補助対象経費{format_yen(costs.eligible_yen)}",
                  f"Total {costs.total_yen:,} yen, eligible {costs.eligible_yen:,} yen")


@rule("AMT-002")
def eligible_within_total(ctx: Context) -> Iterator[Finding]:
    total, eligible = _totals(ctx)
    if total is None or eligible is None:
        gone = lacking(("総事業費", "total", total), ("補助対象経費", "eligible cost", eligible))
        yield missing(f"{gone.ja}を入力してください", f"Enter the {gone.en}")
    elif eligible <= total:
        yield met("補助対象経費は総事業費以内です", "The eligible cost is within the total")
    else:
        yield not_met(f"補助対象経費{format_yen(eligible)}が総事業費"
                      f"{format_yen(total)}を超えています",
                      f"The eligible cost {eligible:,} yen exceeds the total {total:,} yen")


@rule("AMT-003")
def cap(ctx: Context) -> Iterator[Finding]:
    f = ctx.facts
    if f.rate is None and f.rate_options and f.cap_yen is not None:
        yield review(rate_either(ctx) + f"（上限{format_yen_kanji(f.cap_yen)}）",
                     rate_either(ctx, "en") + f" (cap {f.cap_yen:,} yen)")
    elif f.subsidy_uncapped_yen is None or f.cap_yen is None or f.rate is None:
        gone = lacking(("事業区分", "track", ctx.app.track),
                       ("補助対象経費", "eligible cost", f.eligible_yen),
                       ("補助率（中小企業判定）", "rate", f.rate), join="・")
        yield missing(f"{gone.ja}が決まると補助額を計算できます",
                      f"The subsidy follows once the {gone.en} is known")
    elif f.capped:
        yield met(f"補助対象経費×{f.rate}＝{format_yen(f.subsidy_uncapped_yen)}は上限を超えるため、"
                  f"補助額は上限の{format_yen_kanji(f.cap_yen)}です",
                  f"Eligible × {f.rate} = {f.subsidy_uncapped_yen:,} yen exceeds the cap: the "
                  f"subsidy is the cap, {f.cap_yen:,} yen")
    else:
        yield met(f"補助額{format_yen(f.subsidy_uncapped_yen)}（補助対象経費×{f.rate}、"
                  f"上限{format_yen_kanji(f.cap_yen)}以内）",
                  f"Subsidy {f.subsidy_uncapped_yen:,} yen (eligible × {f.rate}, within the "
                  f"cap of {f.cap_yen:,} yen)")


@rule("AMT-004")
def large_minimum(ctx: Context) -> Iterator[Finding]:
    f = ctx.facts
    line = ctx.pack.track(Track.large_asean).subsidy_min_exclusive_yen.value
    small_cap = ctx.pack.track(Track.small).subsidy_max_yen.value
    over = {o.subsidy_yen > line for o in f.rate_options}
    if f.subsidy_yen is None and over == {True}:
        yield met(f"補助率が2/3・1/2のどちらでも補助額は{format_yen_kanji(line)}を超えます",
                  f"The subsidy is over {line:,} yen under either rate")
    elif f.subsidy_yen is None and over == {True, False}:
        yield review(rate_either(ctx) + f"。1/2の場合は{format_yen_kanji(line)}以下となり、"
                     "大型実証の対象外です", rate_either(ctx, "en")
                     + f"; at 1/2 it is {line:,} yen or less, below the large-track minimum")
    elif f.subsidy_yen is None and over == {False}:
        yield not_met(f"補助率が2/3・1/2のどちらでも補助額は{format_yen_kanji(line)}以下です。"
                      f"小規模実証（上限{format_yen_kanji(small_cap)}）で申請してください",
                      f"The subsidy is {line:,} yen or less under either rate: apply for the "
                      "small-scale track")
    elif f.subsidy_yen is None:
        yield missing(f"補助額が計算できると{format_yen_kanji(line)}超かを確認できます",
                      f"The subsidy is needed to check the {line:,} yen minimum")
    elif f.subsidy_yen > line:
        yield met(f"補助額{format_yen(f.subsidy_yen)}は{format_yen_kanji(line)}を超えています",
                  f"The subsidy {f.subsidy_yen:,} yen is over {line:,} yen")
    else:
        yield not_met(f"補助額{format_yen(f.subsidy_yen)}は{format_yen_kanji(line)}以下です。"
                      f"大型実証は{format_yen_kanji(line)}超が対象のため、小規模実証"
                      f"（上限{format_yen_kanji(small_cap)}）で申請してください",
                      f"The subsidy {f.subsidy_yen:,} yen is {line:,} yen or less: large "
                      "demonstrations need more; apply for the small-scale track")
