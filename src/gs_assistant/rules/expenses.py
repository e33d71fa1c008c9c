"""The expense plan (経費明細) added up: per row, per 費目, per member and overall.

Pure functions. Amounts and rates are exact decimals read as integer ratios; each row's
yen value is rounded down to the yen once (単価 × 数量 × rate, or the lump sum × rate),
and everything after that is integer yen. The consortium's subsidy (eligible × rate,
rounded down, then the track's cap on the whole consortium) is shared among the members
in proportion to their eligible cost by the largest-remainder method, so that the
members' subsidies always add up to the consortium's.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from gs_assistant.model.application import Application, ExpenseRow
from gs_assistant.rules.pack import RulePack
from gs_assistant.rules.report import (
    CategoryCost,
    CurrencyExposure,
    ExpenseFacts,
    M,
    MemberCost,
)

JPY = "JPY"


def row_value(row: ExpenseRow) -> Fraction | None:
    """The row's amount in its own currency (単価 × 数量, else the lump sum), exactly."""
    if row.unit_price is not None:
        if row.quantity is None:
            return None
        n1, d1 = row.unit_price.as_integer_ratio()
        n2, d2 = row.quantity.as_integer_ratio()
        return Fraction(n1 * n2, d1 * d2)
    if row.amount is not None:
        return Fraction(*row.amount.as_integer_ratio())
    return None


def row_yen(row: ExpenseRow) -> int | None:
    """The row's value in yen, rounded down once; None while it has no amount or (in a
    foreign currency) no rate."""
    value = row_value(row)
    if value is None:
        return None
    if row.currency != JPY:
        if row.rate is None:
            return None
        value *= Fraction(*row.rate.as_integer_ratio())
    return value.numerator // value.denominator


def eligible_part(row: ExpenseRow, yen: int | None) -> int | None:
    """The eligible yen of a row: all of it, none (補助対象外), or the stated part (never
    more than the row)."""
    if yen is None:
        return None
    if not row.eligible:
        return 0
    return yen if row.eligible_yen is None else min(row.eligible_yen, yen)


def member_label(app: Application, member: str) -> tuple[M, bool]:
    """(how a member is named, in Japanese and English, whether the file has it): its name,
    else its place in the consortium."""
    if member == "lead":
        name, ja, en, known = app.lead.name, "幹事法人", "the lead applicant", True
    elif member == "partner":
        name, ja, en, known = app.local_partner.name, "現地企業", "the local partner", True
    else:
        index = int(member.removeprefix("co"))
        known = index <= len(app.co_applicants)
        name = app.co_applicants[index - 1].name if known else ""
        ja, en = ((f"共同申請者{index}", f"co-applicant {index}") if known
                  else (f"共同申請者{index}（未登録）", f"co-applicant {index} (not in the file)"))
    return (M(name, name) if name.strip() else M(ja, en)), known


def member_name(app: Application, member: str) -> tuple[str, bool]:
    """(how a member is named in Japanese, whether the file has it)."""
    label, known = member_label(app, member)
    return label.ja, known


def member_keys(app: Application) -> list[str]:
    """The applicants in order: the lead, then co-applicants co1, co2 …"""
    return ["lead", *(f"co{i}" for i in range(1, len(app.co_applicants) + 1))]


def _member_order(key: str) -> tuple[int, int]:
    if key == "lead":
        return 0, 0
    if key == "partner":
        return 2, 0
    return 1, int(key.removeprefix("co"))


def plan_facts(app: Application, pack: RulePack) -> ExpenseFacts | None:
    """The plan's totals (None when the application has no expense rows)."""
    rows = app.costs.expenses
    if not rows:
        return None
    outsourcing = pack.params.expenses.of_kind("outsourcing")
    members: dict[str, MemberCost] = {}
    for key in member_keys(app):
        name, _ = member_name(app, key)
        members[key] = MemberCost(key, name)
    categories: dict[str, CategoryCost] = {}
    foreign: dict[str, CurrencyExposure] = {}
    row_yens: list[int | None] = []
    row_eligible: list[int | None] = []
    total = eligible = outsourced = 0
    for row in rows:
        yen = row_yen(row)
        part = eligible_part(row, yen)
        row_yens.append(yen)
        row_eligible.append(part)
        if row.member not in members:
            name, registered = member_name(app, row.member)
            members[row.member] = MemberCost(row.member, name, registered=registered)
        if row.currency != JPY:
            value = row_value(row)
            exposure = foreign.setdefault(row.currency,
                                          CurrencyExposure(row.currency, Decimal(0), 0, 0))
            exposure.rows += 1
            if value is not None:
                exposure.amount += Decimal(value.numerator) / Decimal(value.denominator)
            exposure.yen += yen or 0
        if yen is None or part is None:
            continue
        total += yen
        eligible += part
        member = members[row.member]
        member.total_yen += yen
        member.eligible_yen += part
        category = categories.setdefault(row.category, CategoryCost())
        category.total_yen += yen
        category.eligible_yen += part
        if row.category in outsourcing:
            outsourced += part
    return ExpenseFacts(
        rows=len(rows), row_yen=row_yens, row_eligible_yen=row_eligible,
        complete=None not in row_yens, total_yen=total, eligible_yen=eligible,
        by_category=categories,
        by_member=sorted(members.values(), key=lambda m: _member_order(m.member)),
        outsourcing_yen=outsourced, foreign=sorted(foreign.values(), key=lambda c: c.currency),
    )


def share_out(subsidy: int, weights: list[int]) -> list[int]:
    """``subsidy`` split in proportion to ``weights`` in whole yen, adding up to it exactly:
    each gets the floor of its share, and the yen left over go one each to the largest
    remainders (the earlier member first on a tie)."""
    whole = sum(weights)
    if whole == 0:
        return [0] * len(weights)
    shares = [divmod(subsidy * w, whole) for w in weights]
    out = [q for q, _ in shares]
    left = subsidy - sum(out)
    by_remainder = sorted(range(len(weights)), key=lambda i: -shares[i][1])
    for i in by_remainder[:left]:
        out[i] += 1
    return out


def apply_subsidy(plan: ExpenseFacts, subsidy: int | None) -> None:
    """Fill in the consortium's subsidy, its members' shares, 自己負担 and the share of
    委託・外注 in the subsidy."""
    plan.subsidy_yen = subsidy
    if subsidy is None:
        return
    plan.self_burden_yen = plan.total_yen - subsidy
    for member, share in zip(plan.by_member,
                             share_out(subsidy, [m.eligible_yen for m in plan.by_member]),
                             strict=True):
        member.subsidy_yen = share
    plan.outsourcing_share = Fraction(plan.outsourcing_yen, subsidy) if subsidy else None
