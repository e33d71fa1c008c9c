"""定量的に示す: every claimed type needs an indicator with number, unit and target year."""

from __future__ import annotations

from collections.abc import Iterator

from gs_assistant.model.application import Indicator
from gs_assistant.rules.context import Context, met, missing, not_met, review, written
from gs_assistant.rules.registry import rule
from gs_assistant.rules.report import Finding
from gs_assistant.rules.topics.benefit_types import TYPE_NAMES


def gaps(ind: Indicator) -> list[tuple[str, str]]:
    """What an indicator lacks to be quantitative, in (ja, en)."""
    out = []
    if not written(ind.name):
        out.append(("指標名", "name"))
    if not written(ind.unit):
        out.append(("単位", "unit"))
    if ind.baseline is None:
        out.append(("現状値", "baseline"))
    if ind.target is None:
        out.append(("目標値", "target"))
    if ind.target_year is None:
        out.append(("目標年", "target year"))
    return out


CORE = ("単位", "目標値", "目標年")  # without these an indicator shows no quantity


@rule("QNT-001")
def quantitative(ctx: Context) -> Iterator[Finding]:
    indicators = ctx.app.indicators
    for kind in ctx.app.japan_benefit.claimed():
        ja, en = TYPE_NAMES[kind]
        mine = [(i, ind) for i, ind in enumerate(indicators) if ind.benefit_type is kind]
        complete = [i for i, ind in mine if not gaps(ind)]
        if complete:
            ind = indicators[complete[0]]
            yield met(f"{ja}：{ind.name} {ind.baseline}→{ind.target}{ind.unit}（{ind.target_year}年）",
                      f"{en}: {ind.name} {ind.baseline} → {ind.target} {ind.unit} "
                      f"({ind.target_year})", kind.value)
        elif mine:  # the indicator closest to complete speaks for the type
            i, ind = min(mine, key=lambda x: (sum(g[0] in CORE for g in gaps(x[1])),
                                               len(gaps(x[1]))))
            lack = gaps(ind)
            core = [g for g in lack if g[0] in CORE]
            named = "・".join(g[0] for g in lack)
            if core:  # no number, unit or target year: the effect is not shown in numbers
                yield not_met(
                    f"{ja}の指標に{named}がありません。{'・'.join(g[0] for g in core)}がなければ"
                    "効果を定量的に示せません",
                    f"{en}: the indicator lacks {', '.join(g[1] for g in lack)}; without "
                    f"{', '.join(g[1] for g in core)} the effect is not shown in numbers",
                    kind.value, f"indicators[{i}]")
            else:  # target, unit and year are there: ask for what is left (seed:305)
                yield review(
                    f"{ja}の指標に{named}がありません。目標値・単位・目標年はあるため定量的ですが、"
                    f"効果の大きさを示すため{named}を入力してください",
                    f"{en}: the indicator lacks {', '.join(g[1] for g in lack)}; it is "
                    "quantitative, but add it to show the size of the effect",
                    kind.value, f"indicators[{i}]")
        else:
            yield missing(f"{ja}の効果を示す定量指標（指標・単位・現状値・目標値・目標年）を追加してください",
                          f"{en}: add a quantitative indicator (name, unit, baseline, target, "
                          "target year)", kind.value)


@rule("QNT-002")
def target_sensible(ctx: Context) -> Iterator[Finding]:
    start = ctx.app.period.start
    for i, ind in enumerate(ctx.app.indicators):
        if gaps(ind):
            continue
        key, field = f"i{i + 1}", f"indicators[{i}]"
        assert ind.target_year is not None
        if ind.target == ind.baseline:
            yield not_met(f"{ind.name}：目標値が現状値と同じで、効果を示していません",
                          f"{ind.name}: the target equals the baseline", key, field)
        elif start is not None and ind.target_year < start.year:
            yield not_met(f"{ind.name}：目標年{ind.target_year}年が事業開始より前です",
                          f"{ind.name}: the target year is before the project starts", key, field)
        else:
            yield met(f"{ind.name}：目標年{ind.target_year}年、現状値から変化あり",
                      f"{ind.name}: target year {ind.target_year}, a change from the baseline",
                      key, field)
