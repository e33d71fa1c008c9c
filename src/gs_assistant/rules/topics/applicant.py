"""申請者: the lead applicant, the local partner, the consortium's make-up."""

from __future__ import annotations

from collections.abc import Iterator

from gs_assistant.model.application import Location
from gs_assistant.rules.context import Context, met, missing, review, written
from gs_assistant.rules.registry import rule
from gs_assistant.rules.report import Finding


@rule("APP-001")
def lead_name(ctx: Context) -> Iterator[Finding]:
    if written(ctx.app.lead.name):
        yield met(f"幹事法人：{ctx.app.lead.name}", f"Lead applicant: {ctx.app.lead.name}")
    else:
        yield missing("幹事法人（申請者）の名称を入力してください", "Enter the lead applicant's name")


@rule("APP-002")
def local_partner(ctx: Context) -> Iterator[Finding]:
    partner = ctx.app.local_partner
    if not written(partner.name):
        yield missing("日本企業が現地企業と共創する事業です。現地企業の名称を入力してください",
                      "The project is co-created with a local company: enter its name")
    elif partner.country and ctx.app.country and partner.country != ctx.app.country:
        yield review(f"現地企業の所在国（{partner.country}）が実施国（{ctx.app.country}）と異なります",
                     f"The local company's country ({partner.country}) differs from the "
                     f"project country ({ctx.app.country})", field="local_partner.country")
    else:
        yield met(f"現地企業：{partner.name}", f"Local company: {partner.name}")


@rule("APP-003")
def local_co_applicants(ctx: Context) -> Iterator[Finding]:
    overseas = [(i, c) for i, c in enumerate(ctx.app.co_applicants)
                if c.location is Location.overseas]
    if not overseas:
        yield met("共同申請者に海外の会社はないため、確認することはありません",
                  "No overseas company among co-applicants: nothing to check")
        return
    line = ctx.pack.params.affiliates.subsidiary_min_percent.value
    for i, company in overseas:
        key, field = f"co{i + 1}", f"co_applicants[{i}].parent_stake_percent"
        name = company.name or f"共同申請者{i + 1}"
        if company.parent_stake_percent is None:
            yield missing(f"{name}：日本側メンバーの出資比率を入力してください",
                          f"{name}: enter the Japanese member's stake", key, field)
        elif company.parent_stake_percent >= line:
            yield review(
                f"{name}：日本側の出資{company.parent_stake_percent}%（{line}%以上の海外子会社）。"
                "現地企業を共同申請者にできる条件はウクライナ枠FAQの記載のため、募集要領で確認してください",
                f"{name}: {company.parent_stake_percent}% Japanese stake (a subsidiary). The "
                "condition is stated in the Ukraine track's FAQ: confirm in the call guidelines",
                key, field)
        else:
            yield review(
                f"{name}：日本側の出資{company.parent_stake_percent}%は{line}%未満。"
                "海外子会社・孫会社以外の現地企業は共同申請者になれない可能性があります（要確認）",
                f"{name}: a {company.parent_stake_percent}% stake is under {line}%; a local "
                "company that is not a subsidiary may not be a co-applicant (confirm)",
                key, field)


@rule("APP-004")
def single_project(ctx: Context) -> Iterator[Finding]:
    answer = ctx.app.content.single_project
    if answer is None:
        yield missing("1つの事業を分割した申請や、同じ事業を複数社で申請していないか回答してください",
                      "Answer whether the project is split or filed by several firms")
    elif answer:
        yield met("分割申請・重複申請ではないと回答済み", "Not split and not filed twice")
    else:  # a previous call's FAQ, not the brochure: 要確認 (rules-digest section 6)
        yield review("前回公募のFAQでは、1つの事業の分割申請や複数社による同一事業の申請は"
                     "認められていません。本公募の募集要領で確認し、申請の組み方を見直してください",
                     "A previous call's FAQ did not allow a split project or one project filed "
                     "by several firms: confirm in this call's guidelines")
