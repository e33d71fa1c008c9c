"""The expense plan (経費明細) as the document templates see it: ``costs.plan``.

``None`` when the application has no rows. Otherwise: the table by 費目 × member with
totals, the detailed rows, the subsidy computation (eligible × rate, the cap, 自己負担) and
the foreign-currency rows with their rate, date and source. Amounts are formatted once
here (``1,200,000,000円``), so the templates only place them.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from gs_assistant.export.values import Value
from gs_assistant.model.application import Application
from gs_assistant.parsing import format_yen
from gs_assistant.rules.expenses import JPY
from gs_assistant.rules.pack import RulePack
from gs_assistant.rules.report import Facts, percent_text


def _position(member: str) -> str:
    """幹事法人 / 共同申請者1 / 現地企業: short enough for a table's narrow column."""
    if member == "lead":
        return "幹事法人"
    if member == "partner":
        return "現地企業"
    return f"共同申請者{member.removeprefix('co')}"


def expense_plan(app: Application, pack: RulePack, facts: Facts, v: Callable[[Any], Value],
                 yen: Callable[[int | None], Value], number: Callable[[Any], Value],
                 day: Callable[[Any], Value]) -> dict[str, Any] | None:
    plan = facts.expenses
    if plan is None:
        return None
    categories = pack.params.expenses.categories

    def plain(amount: int | None) -> Value:  # table cells: no 億 form, they must not wrap
        return v(None if amount is None else format_yen(amount))

    def category_name(key: str) -> str:
        known = categories.get(key)
        return known.value.ja if known else (key or "（費目なし）")

    members = plan.by_member
    cells: dict[tuple[str, str], int] = {}
    for row, row_yen in zip(app.costs.expenses, plan.row_yen, strict=True):
        if row_yen is not None:
            cells[(row.category, row.member)] = cells.get((row.category, row.member), 0) \
                + row_yen
    order = [k for k in categories if k in plan.by_category] + \
        [k for k in plan.by_category if k not in categories]
    table = [{"name": v(category_name(k)),
              "cells": [plain(cells.get((k, m.member), 0)) for m in members],
              "total": plain(plan.by_category[k].total_yen),
              "eligible": plain(plan.by_category[k].eligible_yen)} for k in order]
    rows = []
    for i, (row, row_yen, part) in enumerate(zip(app.costs.expenses, plan.row_yen,
                                                  plan.row_eligible_yen, strict=True)):
        money = "" if row.currency == JPY else f"{row.currency} "
        if row.unit_price is not None:
            qty = number(row.quantity).text if row.quantity is not None else "？"
            basis = f"{money}{number(row.unit_price).text}×{qty}{row.unit}"
        else:
            basis = f"{money}{number(row.amount).text}" if money else ""
        notes = [x for x in (basis, "消費税込み" if row.tax_included else "", row.note) if x]
        text = row.description + (f"（{'、'.join(notes)}）" if notes else "")
        rows.append({
            "no": v(str(i + 1)), "member": v(_position(row.member)),
            "category": v(category_name(row.category)), "description": v(text),
            "yen": number(row_yen), "eligible": number(part),
        })
    foreign = []
    for row, row_yen in zip(app.costs.expenses, plan.row_yen, strict=True):
        if row.currency == JPY:
            continue
        value = row.amount if row.unit_price is None or row.quantity is None \
            else row.unit_price * row.quantity
        when = row.rate_date.isoformat() if row.rate_date else "？"
        foreign.append({"description": v(row.description), "currency": v(row.currency),
                        "amount": number(value), "rate": number(row.rate),
                        "basis": v(f"{when} {row.rate_source}".strip()),
                        "yen": plain(row_yen)})
    rate = facts.rate
    share = plan.outsourcing_share
    return {
        "caveat": v(pack.params.expenses.caveat.value.ja),
        "members": [{"name": v(m.name), "total": plain(m.total_yen),
                     "eligible": plain(m.eligible_yen), "subsidy": plain(m.subsidy_yen)}
                    for m in members],
        "by_category": table,
        "total": plain(plan.total_yen),
        "eligible": plain(plan.eligible_yen),
        "rows": rows,
        "complete": plan.complete,
        "rate": v(f"{rate.numerator}/{rate.denominator}" if rate else None),
        "subsidy_uncapped": yen(facts.subsidy_uncapped_yen),
        "cap": yen(facts.cap_yen),
        "capped": facts.capped,
        "subsidy": yen(plan.subsidy_yen),
        "self_burden": yen(plan.self_burden_yen),
        "outsourcing": plain(plan.outsourcing_yen),
        "outsourcing_share": v(None if share is None else f"{percent_text(share)}%"),
        "foreign": foreign,
        "foreign_total": [{"currency": v(c.currency),
                           "amount": number(Decimal(c.amount)), "yen": plain(c.yen)}
                          for c in plan.foreign],
    }
