"""対象分野: GX, DX (with its area) or economic security (with a 特定重要物資)."""

from __future__ import annotations

from collections.abc import Iterator

from gs_assistant.model.application import FieldKind
from gs_assistant.rules.context import Context, met, missing, not_met, review, written
from gs_assistant.rules.registry import rule
from gs_assistant.rules.report import Finding


@rule("FLD-001")
def field_chosen(ctx: Context) -> Iterator[Finding]:
    kinds = ctx.app.field.kinds
    if not kinds:
        yield missing("対象分野（GX・DX・経済安全保障）を少なくとも1つ選んでください",
                      "Choose at least one field (GX, DX, economic security)")
    else:
        names = ctx.pack.params.fields
        yield met("対象分野：" + "・".join(names[k.value].value.ja for k in kinds),
                  "Field: " + ", ".join(names[k.value].value.en for k in kinds))


@rule("FLD-002")
def dx_area(ctx: Context) -> Iterator[Finding]:
    if FieldKind.dx not in ctx.app.field.kinds:
        return
    area = ctx.app.field.dx_area
    areas = ctx.pack.params.dx_areas.value
    key = ctx.pack.dx_area_key(area)
    if not written(area):
        yield missing("DX分野の領域（例：農林水産×DX）を選ぶか入力してください",
                      "Choose or describe the DX area")
    elif key is not None:
        yield met(f"DX分野：{areas[key].ja}", f"DX area: {areas[key].en}")
    else:
        yield review(f"例示以外の領域「{area}」：デジタル技術によるビジネスモデル変革であることを"
                     "説明してください", f"An area outside the examples ('{area}'): explain the "
                     "business-model transformation")


@rule("FLD-003")
def critical_material(ctx: Context) -> Iterator[Finding]:
    f = ctx.app.field
    if FieldKind.economic_security not in f.kinds:
        return
    materials = ctx.pack.params.critical_materials.value
    key, alias = ctx.pack.material_key(f.material)
    if key is not None and not alias:
        yield met(f"特定重要物資：{materials[key].ja}",
                  f"Specified critical material: {materials[key].en}")
    elif key is not None:
        yield review(f"「{f.material}」は特定重要物資「{materials[key].ja}」の一部と読めます。"
                     f"{materials[key].ja}に該当するか確認してください（内閣府の指定の範囲）",
                     f"'{f.material}' reads as part of '{materials[key].en}': confirm that "
                     "it falls under it")
    elif not written(f.material):
        yield missing("経済安全保障分野は特定重要物資に係る案件です。物資を選んでください",
                      "Choose the specified critical material")
    elif f.material != "other":
        yield review(f"「{f.material}」は特定重要物資の一覧の名称ではありません。指定物資"
                     "（経済安全保障推進法施行令）のどれに当たるか確認し、一覧から選んでください",
                     f"'{f.material}' is not a name on the list of critical materials: "
                     "confirm which designated material it is and choose it")
    else:
        yield not_met(
            "経済安全保障分野は特定重要物資（経済安全保障推進法施行令で指定）に係る案件が対象です。"
            "指定外の物資はGX・DX分野での申請や、類型3での重要性の説明を検討してください",
            "The economic-security field covers designated critical materials only; for "
            "other goods consider GX/DX and explain their importance under type 3",
        )
