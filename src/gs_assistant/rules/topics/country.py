"""実施国: a Global South country, not the separate Ukraine call, and China flagged."""

from __future__ import annotations

from collections.abc import Iterator

from gs_assistant.rules.context import Context, met, missing, not_met, review
from gs_assistant.rules.registry import rule
from gs_assistant.rules.report import Finding


def _name(ctx: Context) -> tuple[str, str]:
    country = ctx.pack.countries.get(ctx.app.country or "")
    if country is None:
        return ctx.app.country or "", ctx.app.country or ""
    return country.name_ja, country.name_en


@rule("CTY-001")
def country_chosen(ctx: Context) -> Iterator[Finding]:
    code = ctx.app.country
    if code is None:
        yield missing("実施国を選んでください", "Choose the partner country")
    elif code not in ctx.pack.countries:
        yield not_met(f"国コード {code} はISO 3166の国ではありません",
                      f"{code} is not an ISO 3166 country code")
    else:
        ja, en = _name(ctx)
        asean = ctx.facts.country_asean
        yield met(f"実施国：{ja}（{'ASEAN加盟国' if asean else 'ASEAN加盟国以外'}）",
                  f"Country: {en} ({'ASEAN member' if asean else 'not an ASEAN member'})")


@rule("CTY-002")
def global_south(ctx: Context) -> Iterator[Finding]:
    code = ctx.app.country
    if code is None or code not in ctx.pack.countries:
        yield missing("実施国を選んでください", "Choose the partner country")
        return
    ja, en = _name(ctx)
    lists = ctx.pack.params.countries
    if code in lists.not_global_south.value:
        yield not_met(f"{ja}はグローバルサウス諸国ではありません（海外の実施国が対象）",
                      f"{en} is not a Global South country")
    elif ctx.facts.country_dac and code in lists.dac_leaving.value:
        yield review(
            f"{ja}は2024・2025年のOECD DACリストに掲載されていますが、2026年からリストを外れる"
            "（見込みを含む）ため、グローバルサウスの対象国か募集要領・事務局で確認してください",
            f"{en} is on the 2024-2025 DAC list but leaves it (or is expected to) from 2026: "
            "confirm eligibility with the call guidelines",
        )
    elif ctx.facts.country_dac:
        yield met(f"{ja}はOECD DACリスト（ODA対象国）に掲載されています",
                  f"{en} is on the OECD DAC list of ODA recipients")
    else:
        yield review(
            f"{ja}はOECD DACリストにありません。グローバルサウスの対象国か募集要領・事務局で確認してください",
            f"{en} is not on the OECD DAC list: confirm eligibility with the call guidelines",
        )


@rule("CTY-003")
def separate_call(ctx: Context) -> Iterator[Finding]:
    code = ctx.app.country
    if code is None:
        yield missing("実施国を選んでください", "Choose the partner country")
    elif code in ctx.pack.params.countries.separate_call.value:
        ja, en = _name(ctx)
        yield not_met(
            f"{ja}の事業は別の補助金（ウクライナ復興支援・中東欧諸国等連携強化）で公募されます。"
            "担当課が異なるため、そちらの募集要領を確認してください",
            f"Projects in {en} belong to the separate Ukraine / Central & Eastern Europe "
            "call, with its own office",
        )
    elif code in ctx.pack.params.countries.central_eastern_europe.value:
        ja, en = _name(ctx)
        yield review(
            f"{ja}は中東欧諸国です。ウクライナ復興に資する中東欧諸国等からの事業は別の補助金"
            "（ウクライナ復興支援・中東欧諸国等連携強化）の対象となりうるため、どちらに申請するか"
            "担当課・募集要領で確認してください",
            f"{en} is a Central or Eastern European country: projects from there that support "
            "Ukraine's reconstruction may belong to the separate call; confirm which applies",
        )
    else:
        yield met("実施国はウクライナ・中東欧諸国ではありません",
                  "The country is neither Ukraine nor in Central and Eastern Europe")


@rule("CTY-004")
def dependence(ctx: Context) -> Iterator[Finding]:
    code = ctx.app.country
    if code is None:
        yield missing("実施国を選んでください", "Choose the partner country")
    elif code in ctx.pack.params.countries.dependence_concern.value:
        ja, en = _name(ctx)
        yield review(
            f"{ja}はDACリストに掲載されていますが、本事業は特定国への依存低減を目的の一つとしています。"
            "対象となるか募集要領・事務局で確認してください",
            f"{en} is on the DAC list, but the programme aims to reduce dependence on "
            "specific countries: confirm eligibility",
        )
    else:
        yield met("特定国への依存低減の観点で特段の懸念はありません",
                  "No concern about dependence on specific countries")
