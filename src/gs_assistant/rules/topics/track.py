"""事業区分: the track, its country group, and the advisor's recommendation."""

from __future__ import annotations

from collections.abc import Iterator

from gs_assistant.model.application import Track
from gs_assistant.rules.context import Context, met, missing, not_met, review
from gs_assistant.rules.registry import rule
from gs_assistant.rules.report import Finding


def _name(ctx: Context, track: Track) -> tuple[str, str]:
    name = ctx.pack.track(track).name
    return name.ja, name.en


@rule("TRK-001")
def track_chosen(ctx: Context) -> Iterator[Finding]:
    if ctx.app.track is None:
        yield missing("事業区分（大型実証・小規模実証・FS）を選んでください", "Choose a track")
    else:
        ja, en = _name(ctx, ctx.app.track)
        yield met(f"事業区分：{ja}", f"Track: {en}")


@rule("TRK-002")
def large_country_group(ctx: Context) -> Iterator[Finding]:
    track, code = ctx.app.track, ctx.app.country
    if code is None or code not in ctx.pack.countries:
        yield missing("実施国を選ぶと区分との整合を確認できます", "Choose the country")
        return
    country = ctx.pack.countries[code]
    if code in ctx.pack.params.countries.not_global_south.value:
        yield not_met(f"{country.name_ja}は実施国になりません（グローバルサウス諸国が対象）。"
                      "区分ではなく実施国を見直してください",
                      f"{country.name_en} cannot be the partner country: change the country, "
                      "not the track")
        return
    recent = code in ctx.pack.params.countries.asean_recent_member.value
    asean = country.asean_since is not None
    if recent and track is Track.large_non_asean:
        yield review(
            f"{country.name_ja}は{country.asean_since}にASEANに加盟しました。"
            "「ASEAN加盟国以外」と「対ASEAN加盟国」のどちらで申請するか確認してください",
            f"{country.name_en} joined ASEAN on {country.asean_since}: confirm which large "
            "track applies")
    elif asean == (ctx.pack.track(track).country_group.value == "asean"):
        yield met(f"{country.name_ja}は{'ASEAN加盟国' if asean else 'ASEAN加盟国以外'}で、区分と一致",
                  f"{country.name_en} matches the track")
    else:
        right = Track.large_asean if asean else Track.large_non_asean
        ja, en = _name(ctx, right)
        yield not_met(f"{country.name_ja}は{'ASEAN加盟国' if asean else 'ASEAN加盟国以外'}です。"
                      f"区分は「{ja}」になります",
                      f"{country.name_en} belongs to the track '{en}'")


@rule("TRK-003")
def timor_leste(ctx: Context) -> Iterator[Finding]:
    code = ctx.app.country
    if code is None:
        yield missing("実施国を選んでください", "Choose the partner country")
    elif code in ctx.pack.params.countries.asean_recent_member.value:
        country = ctx.pack.countries[code]
        yield review(
            f"{country.name_ja}は{country.asean_since}にASEANに加盟しました。これまでの公募は"
            "それ以前の加盟国を前提としていたため、対ASEAN加盟国の区分で申請できるか確認してください",
            f"{country.name_en} joined ASEAN on {country.asean_since}; earlier calls assumed the "
            "earlier members: confirm it is eligible for the ASEAN track",
        )
    else:
        yield met("ASEAN加盟の時期による確認事項はありません", "No membership-date question")


@rule("TRK-004")
def recommended(ctx: Context) -> Iterator[Finding]:
    rec, chosen = ctx.facts.recommended_track, ctx.app.track
    why_ja = "。".join(r.ja for r in ctx.facts.recommendation)
    why_en = ". ".join(r.en for r in ctx.facts.recommendation)
    if rec is None:
        yield missing(why_ja, why_en)
    elif chosen is None:
        ja, en = _name(ctx, rec)
        yield missing(f"推奨：{ja}（{why_ja}）", f"Recommended: {en} ({why_en})")
    elif chosen == rec or (chosen.is_large and rec.is_large):
        yield met(f"選択した区分は推奨と一致します（{why_ja}）",
                  f"The chosen track matches the recommendation ({why_en})")
    elif chosen.is_large:
        ja, en = _name(ctx, rec)
        yield not_met(f"推奨は「{ja}」です（{why_ja}）", f"Recommended: {en} ({why_en})")
    else:
        ja, en = _name(ctx, rec)
        yield review(f"推奨は「{ja}」です（{why_ja}）。選択した区分では補助額が上限で頭打ちになる"
                     "可能性があります",
                     f"Recommended: {en} ({why_en}); the chosen track may cap the subsidy")
