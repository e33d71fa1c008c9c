"""経費と補助額: costs entered, eligible within total, cap, and large-track minimum."""

from __future__ import annotations

from collections.abc import Iterator

from gs_assistant.model.application import Track
from gs_assistant.parsing import format_yen, format_yen_kanji
from gs_assistant.rules.context import Context, met, missing, not_met
from gs_assistant.rules.registry import rule
from gs_assistant.rules.report import Finding


@rule("AMT-001")
def costs_entered(ctx: Context) -> Iterator[Finding]:
    costs = ctx.app.costs
    if costs.total_yen is None or costs.eligible_yen is None:
        field = "costs.total_yen" if costs.total_yen is None else "costs.eligible_yen"
        yield missing("総事業費と補助対象経費を入力してください（例：5億円、1億2,000万円）",
                      "Enter the total and the eligible cost", field=field)
    elif costs.eligible_yen == 0:
        yield not_met("補助対象経費が0円です", "The eligible cost is zero",
                      field="costs.eligible_yen")
    else:
        yield met(f"総事業費{format_yen(costs.total_yen)}・補助対象経費{format_yen(costs.eligible_yen)}",
                  f"Total {costs.total_yen:,} yen, eligible {costs.eligible_yen:,} yen")


@rule("AMT-002")
def eligible_within_total(ctx: Context) -> Iterator[Finding]:
    costs = ctx.app.costs
    if costs.total_yen is None or costs.eligible_yen is None:
        yield missing("総事業費と補助対象経費を入力してください", "Enter both costs")
    elif costs.eligible_yen <= costs.total_yen:
        yield met("補助対象経費は総事業費以内です", "The eligible cost is within the total")
    else:
        yield not_met(f"補助対象経費{format_yen(costs.eligible_yen)}が総事業費"
                      f"{format_yen(costs.total_yen)}を超えています",
                      f"The eligible cost {costs.eligible_yen:,} yen exceeds the total "
                      f"{costs.total_yen:,} yen")


@rule("AMT-003")
def cap(ctx: Context) -> Iterator[Finding]:
    f = ctx.facts
    if f.subsidy_uncapped_yen is None or f.cap_yen is None or f.rate is None:
        yield missing("事業区分・補助対象経費・中小企業判定が揃うと補助額を計算できます",
                      "The subsidy follows from the track, eligible cost and SME answers")
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
    if f.subsidy_yen is None:
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
