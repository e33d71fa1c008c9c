"""The expense plan (経費明細) added up: per row, per 費目, per member and overall.

Pure functions. Amounts and rates are exact decimals read as integer ratios; each row's
yen value is rounded down to the yen once (単価 × 数量 × rate, or the lump sum × rate),
and everything after that is integer yen. The consortium's subsidy (eligible × rate,
rounded down, then the track's cap on the whole consortium) is shared among the members
in proportion to their eligible cost by the largest-remainder method, so that the
members' subsidies always add up to the consortium's.
"""

from __future__ import annotations

from decimal import Context, Decimal, Inexact, InvalidOperation
from fractions import Fraction

from gs_assistant.model.application import Application, ExpenseRow
from gs_assistant.rules.pack import RulePack
from gs_assistant.rules.report import (
    CategoryCost,
    CurrencyExposure,
    ExpenseFacts,
    M,
    MemberCost,
    RowIndex,
)

JPY = "JPY"


def _ratio(row: ExpenseRow) -> tuple[int, int] | None:
    """The row's amount in its own currency as (numerator, denominator), exactly:
    単価 × 数量, else the lump sum."""
    if row.unit_price is not None:
        if row.quantity is None:
            return None
        n1, d1 = row.unit_price.as_integer_ratio()
        n2, d2 = row.quantity.as_integer_ratio()
        return n1 * n2, d1 * d2
    if row.amount is not None:
        return row.amount.as_integer_ratio()
    return None


def row_value(row: ExpenseRow) -> Fraction | None:
    """The row's amount in its own currency (単価 × 数量, else the lump sum), exactly."""
    ratio = _ratio(row)
    return None if ratio is None else Fraction(*ratio)


def _yen_of(row: ExpenseRow, ratio: tuple[int, int] | None) -> int | None:
    if ratio is None:
        return None
    num, den = ratio
    if row.currency != JPY:
        if row.rate is None:
            return None
        n, d = row.rate.as_integer_ratio()
        num, den = num * n, den * d
    return num // den


def row_yen(row: ExpenseRow) -> int | None:
    """The row's value in yen, rounded down once; None while it has no amount or (in a
    foreign currency) no rate."""
    return _yen_of(row, _ratio(row))


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


# Products and sums of the rows' decimals (24 digits each at most) without rounding.
EXACT = Context(prec=120, traps=[Inexact, InvalidOperation])


def plan_facts(app: Application, pack: RulePack) -> ExpenseFacts | None:
    """The plan's totals (None when the application has no expense rows), and the rows
    each expense rule looks at, found in the same single pass over the rows."""
    rows = app.costs.expenses
    if not rows:
        return None
    params = pack.params.expenses
    outsourcing = params.of_kind("outsourcing")
    known = params.categories
    members: dict[str, MemberCost] = {}
    for key in member_keys(app):
        name, _ = member_name(app, key)
        members[key] = MemberCost(key, name)
    foreign: dict[str, list] = {}  # currency -> [amount, yen, rows]
    pairs: dict[tuple[str, str], list[int]] = {}  # (member, 費目) -> [total, eligible]
    at = RowIndex()
    by_member = at.by_member
    row_yens: list[int | None] = []
    row_eligible: list[int | None] = []
    # one pass, locals only: this runs after every keystroke on plans of hundreds of rows
    for i, row in enumerate(rows):
        price, amount = row.unit_price, row.amount
        if price is not None:
            quantity = row.quantity
            if quantity is None:
                num = den = 0
            else:
                n1, d1 = price.as_integer_ratio()
                n2, d2 = quantity.as_integer_ratio()
                num, den = n1 * n2, d1 * d2
                if amount is not None and amount.as_integer_ratio() != _reduced((num, den)):
                    at.mismatch.append(i)
        elif amount is not None:
            num, den = amount.as_integer_ratio()
        else:
            num = den = 0
        foreign_row = row.currency != JPY
        if not den:
            yen = None
            at.no_amount.append(i)
        elif foreign_row:
            rate = row.rate
            if rate is None:
                yen = None
            else:
                n3, d3 = rate.as_integer_ratio()
                yen = num * n3 // (den * d3)
        else:
            yen = num // den
        if yen is None:
            part = None
        elif not row.eligible:
            part = 0
        else:
            limit = row.eligible_yen
            part = yen if limit is None else min(limit, yen)
            if limit is not None and limit > yen:
                at.over.append(i)
        if row.tax_included and row.eligible:
            at.taxed.append(i)
        row_yens.append(yen)
        row_eligible.append(part)
        text = row.description
        if not text or text.isspace():
            at.no_text.append(i)
        category = row.category
        if category not in known:
            if not category or category.isspace():
                at.blank_category.append(i)
            else:
                at.unknown_category.append(i)
        of_member = by_member.get(row.member)
        if of_member is None:
            of_member = by_member[row.member] = []
        of_member.append(i)
        key = (row.member, category)
        pair = pairs.get(key)
        if pair is None:
            pair = pairs[key] = [0, 0]
        if foreign_row:
            at.foreign.append(i)
            exposure = foreign.get(row.currency)
            if exposure is None:
                exposure = foreign[row.currency] = [Decimal(0), 0, 0]
            exposure[2] += 1
            if den:
                value = amount if price is None else EXACT.multiply(price, row.quantity)
                exposure[0] = EXACT.add(exposure[0], value)
            exposure[1] += yen or 0
        if yen is not None:
            pair[0] += yen
            pair[1] += part  # type: ignore[operator]
    categories: dict[str, CategoryCost] = {}
    total = eligible = outsourced = 0
    for (member_key, category), (cost_yen, part_yen) in pairs.items():
        if member_key not in members:
            name, registered = member_name(app, member_key)
            members[member_key] = MemberCost(member_key, name, registered=registered)
        member = members[member_key]
        member.total_yen += cost_yen
        member.eligible_yen += part_yen
        cost = categories.setdefault(category, CategoryCost())
        cost.total_yen += cost_yen
        cost.eligible_yen += part_yen
        total += cost_yen
        eligible += part_yen
        if category in outsourcing:
            outsourced += part_yen
    return ExpenseFacts(
        rows=len(rows), row_yen=row_yens, row_eligible_yen=row_eligible,
        complete=None not in row_yens, total_yen=total, eligible_yen=eligible,
        by_category=categories,
        by_member=sorted(members.values(), key=lambda m: _member_order(m.member)),
        outsourcing_yen=outsourced,
        foreign=[CurrencyExposure(c, v[0], v[1], v[2])
                 for c, v in sorted(foreign.items())],
        at=at,
    )


def _reduced(ratio: tuple[int, int]) -> tuple[int, int]:
    value = Fraction(*ratio)
    return value.numerator, value.denominator


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
