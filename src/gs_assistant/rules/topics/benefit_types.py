"""日本裨益の3類型: at least one type, and each claimed type's three conditions.

The conditions are free-text justifications: a written explanation is 要確認 (needs a
person's judgement), never 適合, except type 3 a. when the good is a designated
特定重要物資, which is a checkable fact.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from gs_assistant.model.application import BenefitType, ConditionBBranch
from gs_assistant.rules.context import FREE_TEXT, Context, met, missing, not_met, review, written
from gs_assistant.rules.registry import rule
from gs_assistant.rules.report import Finding, Status

TYPE_NAMES = {
    BenefitType.type1: ("類型1（イノベーション創出につながる共創型）", "Type 1 (co-creation)"),
    BenefitType.type2: ("類型2（高度技術海外展開型）", "Type 2 (advanced technology)"),
    BenefitType.type3: ("類型3（サプライチェーン強靱化型）", "Type 3 (supply chain)"),
}


@rule("TYP-001")
def at_least_one(ctx: Context) -> Iterator[Finding]:
    claimed = ctx.app.japan_benefit.claimed()
    if not claimed:
        yield missing("日本裨益の3類型のうち、該当するものを少なくとも1つ選んでください",
                      "Choose at least one of the three benefit-to-Japan types")
    else:
        yield met("該当する類型：" + "、".join(TYPE_NAMES[t][0] for t in claimed),
                  "Types claimed: " + ", ".join(TYPE_NAMES[t][1] for t in claimed))


def _explained(ctx: Context, kind: BenefitType, letter: str) -> Iterator[Finding]:
    claim = ctx.app.japan_benefit.claim(kind)
    if not claim.claimed:
        return
    text = getattr(claim, letter).explanation
    if written(text):
        yield Finding(Status.needs_review, FREE_TEXT)
    else:
        ja, en = TYPE_NAMES[kind]
        yield missing(f"{ja}を選んだ場合、この要件の説明が必要です",
                      f"{en} is claimed: explain this condition")


def _condition_b(ctx: Context, kind: BenefitType) -> Iterator[Finding]:
    claim = ctx.app.japan_benefit.claim(kind)
    if not claim.claimed:
        return
    if kind is BenefitType.type3 and claim.b.branch is ConditionBBranch.challenges_clear:
        yield not_met("類型3の要件は「該当国において事業に未適用」のみで、"
                      "「事業化の課題が明確」による代替はありません",
                      "Type 3 requires 'not yet applied'; 'clear challenges' is no alternative")
        return
    yield from _explained(ctx, kind, "b")


def _condition(ctx: Context, kind: BenefitType, letter: str) -> Iterator[Finding]:
    if letter == "b":
        yield from _condition_b(ctx, kind)
    else:
        yield from _explained(ctx, kind, letter)


# rule id → (type, condition): seed:309-312 (type 1), 316-319 (type 2), 325-326 (type 3).
CONDITIONS = {
    "TYP-1A": (BenefitType.type1, "a"),
    "TYP-1B": (BenefitType.type1, "b"),
    "TYP-1C": (BenefitType.type1, "c"),
    "TYP-2A": (BenefitType.type2, "a"),
    "TYP-2B": (BenefitType.type2, "b"),
    "TYP-2C": (BenefitType.type2, "c"),
    "TYP-3B": (BenefitType.type3, "b"),
    "TYP-3C": (BenefitType.type3, "c"),
}
for _id, (_kind, _letter) in CONDITIONS.items():
    rule(_id)(partial(_condition, kind=_kind, letter=_letter))


@rule("TYP-3A")
def type3_a(ctx: Context) -> Iterator[Finding]:
    claim = ctx.app.japan_benefit.type3
    if not claim.claimed:
        return
    materials = ctx.pack.params.critical_materials.value
    material = ctx.app.field.material
    key, alias = ctx.pack.material_key(material)
    if key is not None and not alias:
        yield met(f"特定重要物資「{materials[key].ja}」を対象としています",
                  f"The good is the specified critical material '{materials[key].en}'",
                  field="field.material")
    elif key is not None:
        yield review(f"「{material}」が特定重要物資「{materials[key].ja}」に該当するか確認してください",
                     f"Confirm that '{material}' falls under '{materials[key].en}'",
                     field="field.material")
    elif written(claim.a.explanation) or written(ctx.app.field.material_other_reason):
        yield Finding(Status.needs_review, FREE_TEXT._replace(
            ja="特定重要物資以外の物資：サプライチェーン上の重要性が合理的に説明されているか、人の判断が必要です",
            en="Not a designated material: whether its supply-chain importance is reasonably "
               "explained needs a person's judgement"))
    else:
        yield missing("対象物資（特定重要物資、又はサプライチェーン上の重要性の説明）を入力してください",
                      "Name the good (a critical material, or explain its importance)")
