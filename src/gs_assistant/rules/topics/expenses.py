"""経費明細: the rows of the expense plan, their 費目, currencies, tax and members.

One item per rule (per member for EXP-008 / EXP-009), naming the rows it is about by
number (from 1, as in the wizard's table and the CSV), so that a 500-row plan gives a
short checklist. With no rows only EXP-001 speaks.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from gs_assistant.model.application import Application, Track
from gs_assistant.parsing import format_yen
from gs_assistant.rules.context import Context, met, missing, not_met, review, written
from gs_assistant.rules.expenses import member_keys, member_label
from gs_assistant.rules.registry import rule
from gs_assistant.rules.report import ExpenseFacts, Finding, M, percent_text

SHOWN_ROWS = 8  # rows named in a reason before "ほかN行"


def _rows(numbers: list[int]) -> M:
    """行2・行5・行9ほか3行 / rows 2, 5, 9 and 3 more (numbers from 0, shown from 1)."""
    shown = [n + 1 for n in numbers[:SHOWN_ROWS]]
    rest = len(numbers) - len(shown)
    ja = "・".join(f"行{n}" for n in shown) + (f"ほか{rest}行" if rest else "")
    en = "rows " + ", ".join(str(n) for n in shown) + (f" and {rest} more" if rest else "")
    return M(ja, en if len(numbers) > 1 else en.replace("rows", "row"))


def _field(numbers: list[int], name: str = "") -> str:
    return f"costs.expenses[{numbers[0]}]" + (f".{name}" if name else "")


def _plan(ctx: Context) -> ExpenseFacts | None:
    return ctx.facts.expenses


@rule("EXP-001")
def plan_entered(ctx: Context) -> Iterator[Finding]:
    plan = _plan(ctx)
    if plan is None:
        yield missing("経費明細（費目・計上者ごとの行）を入力してください。今は手入力の総事業費・"
                      "補助対象経費から補助額を計算しています",
                      "Enter the expense plan (rows by cost category and member); meanwhile "
                      "the subsidy is computed from the typed totals")
    else:
        yield met(f"経費明細{plan.rows:,}行：総事業費{format_yen(plan.total_yen)}・"
                  f"補助対象経費{format_yen(plan.eligible_yen)}",
                  f"Expense plan of {plan.rows:,} rows: total {plan.total_yen:,} yen, "
                  f"eligible {plan.eligible_yen:,} yen")


@rule("EXP-002")
def rows_complete(ctx: Context) -> Iterator[Finding]:
    plan = _plan(ctx)
    if plan is None:
        return
    rows = ctx.app.costs.expenses
    at = plan.at
    no_text, no_amount, mismatch, over = at.no_text, at.no_amount, at.mismatch, at.over
    if mismatch or over:
        parts = []
        if mismatch:
            w = _rows(mismatch)
            parts.append(M(f"{w.ja}は単価×数量と金額が一致しません",
                           f"{w.en}: unit price × quantity differs from the amount"))
        if over:
            w = _rows(over)
            parts.append(M(f"{w.ja}は補助対象の額が行の金額を超えています",
                           f"{w.en}: the eligible part exceeds the row's amount"))
        yield not_met("。".join(p.ja for p in parts), "; ".join(p.en for p in parts),
                      field=_field(mismatch or over, "amount" if mismatch else "eligible_yen"))
    elif no_text or no_amount:
        parts = []
        if no_amount:
            w = _rows(no_amount)
            parts.append(M(f"{w.ja}の金額（単価×数量、又は一式の金額）",
                           f"the amount of {w.en} (unit price × quantity, or a lump sum)"))
        if no_text:
            w = _rows(no_text)
            parts.append(M(f"{w.ja}の内容", f"what {w.en} {'is' if len(no_text) == 1 else 'are'}"))
        yield missing("・".join(p.ja for p in parts) + "を入力してください",
                      "Enter " + " and ".join(p.en for p in parts),
                      field=_field(no_amount, "unit_price") if no_amount
                      else _field(no_text, "description"))
    else:
        yield met(f"全{len(rows):,}行に内容と金額があります",
                  f"All {len(rows):,} rows have a description and an amount")


@rule("EXP-003")
def categories_of_track(ctx: Context) -> Iterator[Finding]:
    plan = _plan(ctx)
    if plan is None:
        return
    params = ctx.pack.params.expenses
    track = ctx.app.track
    rows = ctx.app.costs.expenses
    blank, unknown = plan.at.blank_category, plan.at.unknown_category
    # the 費目 outside the track's list, by the plan's totals (EXP-004 speaks of FS equipment)
    allowed = {k for k, c in params.categories.items() if track in c.tracks
               or (track is Track.fs and c.kind == "equipment")}
    off = {k for k in plan.by_category if k in params.categories and k not in allowed}
    outside = [] if track is None or not off else [
        i for i, r in enumerate(rows) if r.category in off]
    if unknown or outside:
        parts = []
        if unknown:
            w = _rows(unknown)
            names = list(dict.fromkeys(rows[i].category for i in unknown))
            parts.append(M(f"{w.ja}の費目「{'、'.join(names)}」は一覧にありません",
                           f"{w.en}: the category '{', '.join(names)}' is not in the list"))
        if outside:
            w = _rows(outside)
            labels = [params.categories[k].value for k in
                      dict.fromkeys(rows[i].category for i in outside)]
            track_name = ctx.pack.track(track).name
            parts.append(M(f"{w.ja}の{'、'.join(x.ja for x in labels)}は{track_name.ja}の"
                           "費目の一覧にありません",
                           f"{w.en}: {', '.join(x.en for x in labels)} not in the "
                           f"{track_name.en} list"))
        yield review("。".join(p.ja for p in parts) + "。費目の一覧は二次情報によるもので、"
                     "本公募の募集要領で確認してください",
                     "; ".join(p.en for p in parts) + ". The list comes from secondary "
                     "sources: confirm it in this call's guidelines",
                     field=_field(unknown or outside, "category"))
    elif blank:
        w = _rows(blank)
        yield missing(f"{w.ja}の費目を選んでください", f"Choose the category of {w.en}",
                      field=_field(blank, "category"))
    elif track is None:
        yield missing("事業区分を選ぶと費目を確認できます",
                      "Choose the track to check the categories")
    else:
        yield met("全ての行の費目が区分の一覧にあります（一覧は二次情報。募集要領で確認）",
                  "Every row's category is in the track's list (a secondary source's list)")


@rule("EXP-004")
def fs_equipment(ctx: Context) -> Iterator[Finding]:
    plan = _plan(ctx)
    if plan is None:
        return
    equipment = ctx.pack.params.expenses.of_kind("equipment")
    rows = [] if not equipment & plan.by_category.keys() else [
        i for i, r in enumerate(ctx.app.costs.expenses) if r.category in equipment]
    if rows:
        w = _rows(rows)
        yield review(f"{w.ja}に設備費があります。FSは設備の設置を伴わない調査とされています"
                     "（二次情報）。計上できるか募集要領で確認してください",
                     f"{w.en} hold equipment; an FS is described as a study without installing "
                     "equipment (secondary source): confirm whether it can be claimed",
                     field=_field(rows, "category"))
    else:
        yield met("設備費の行はありません", "No equipment rows")


@rule("EXP-005")
def outsourcing_share(ctx: Context) -> Iterator[Finding]:
    plan = _plan(ctx)
    if plan is None:
        return
    line = ctx.pack.params.expenses.outsourcing_share_percent
    out = plan.outsourcing_yen
    if plan.subsidy_yen is None:
        yield missing("補助額が決まると委託・外注費の割合を計算できます（補助率・事業区分）",
                      "The share follows once the subsidy is known (rate and track)")
        return
    if plan.subsidy_yen == 0:
        yield missing("補助額が0円のため割合を計算できません", "The subsidy is zero: no share")
        return
    share = plan.outsourcing_share
    assert share is not None
    shown = M(f"委託・外注費{format_yen(out)}は補助金額{format_yen(plan.subsidy_yen)}の"
              f"{percent_text(share)}%",
              f"Commissioned and outsourced work, {out:,} yen, is {percent_text(share)}% of "
              f"the subsidy of {plan.subsidy_yen:,} yen")
    if line.reached_by(share * 100):
        yield review(f"{shown.ja}で、{line.value}%以上です。事業の主要部分を委託・外注して"
                     "いないか、理由を含め募集要領で確認してください（二次情報・未確認）",
                     f"{shown.en}, {line.value}% or more: confirm that the core of the "
                     "project is not contracted out (secondary source, unconfirmed)")
    else:
        yield met(f"{shown.ja}で、{line.value}%未満です",
                  f"{shown.en}, under {line.value}%")


def _plan_date(app: Application) -> date | None:
    if app.costs.plan_date is not None:
        return app.costs.plan_date
    return app.meta.updated.date() if app.meta.updated is not None else None


@rule("EXP-006")
def exchange_rates(ctx: Context) -> Iterator[Finding]:
    plan = _plan(ctx)
    if plan is None:
        return
    rows = ctx.app.costs.expenses
    foreign = plan.at.foreign
    if not foreign:
        yield met("外貨建ての行はありません（全て円）", "No foreign-currency rows (all yen)")
        return
    params = ctx.pack.params.expenses
    basis = params.rate_basis.value
    lacking: dict[str, list[int]] = {"rate": [], "rate_date": [], "rate_source": []}
    dates: dict[date, list[int]] = {}  # rate date -> its rows (a plan has few dates)
    for i in foreign:
        row = rows[i]
        if row.rate is None:
            lacking["rate"].append(i)
        if row.rate_date is None:
            lacking["rate_date"].append(i)
        else:
            dates.setdefault(row.rate_date, []).append(i)
        if not written(row.rate_source):
            lacking["rate_source"].append(i)
    gaps = [(lacking[name], name, M(f"{_rows(lacking[name]).ja}の{ja}",
                                    f"the {en} of {_rows(lacking[name]).en}"))
            for name, ja, en in (("rate", "換算レート", "rate"),
                                 ("rate_date", "換算日", "rate date"),
                                 ("rate_source", "レートの出所（金融機関名）", "rate source (bank)"))
            if lacking[name]]
    if gaps:
        yield missing("・".join(g[2].ja for g in gaps) + f"を入力してください（{basis}、"
                      "換算日と金融機関名を明記）",
                      "Enter " + "; ".join(g[2].en for g in gaps) + f" ({basis} with its date "
                      "and bank)", field=_field(gaps[0][0], gaps[0][1]))
        return
    ref = _plan_date(ctx.app)
    if ref is None:
        yield missing("経費明細の作成日を入力してください（換算日がそれに近いか確認します）",
                      "Enter the plan's date (the rate dates are checked against it)",
                      field="costs.plan_date")
        return
    limit = params.rate_date_max_days
    # the limit is the largest distance allowed (inclusive) or the first refused
    distance = {d: abs((d - ref).days) for d in dates}
    far_dates = [d for d, days in distance.items()
                 if days > limit.value or (days == limit.value and not limit.inclusive)]
    far = sorted(i for d in far_dates for i in dates[d])
    if far:
        w = _rows(far)
        days = max(distance[d] for d in far_dates)
        yield review(f"{w.ja}の換算日が経費明細の作成日（{ref.isoformat()}）から最大{days}日"
                     f"離れています（{limit.value}日以内を目安。募集要領で確認）",
                     f"The rate date of {w.en} is up to {days} days from the plan's date "
                     f"({ref.isoformat()}); {limit.value} days is this tool's guide",
                     field=_field(far, "rate_date"))
        return
    currencies = [c.currency for c in plan.foreign]
    yield met(f"外貨建て{len(foreign):,}行（{'・'.join(currencies)}）に換算レート・換算日・"
              "出所があります",
              f"{len(foreign):,} foreign-currency rows ({', '.join(currencies)}) have a rate, "
              "its date and source")


@rule("EXP-007")
def tax_excluded(ctx: Context) -> Iterator[Finding]:
    plan = _plan(ctx)
    if plan is None:
        return
    taxed = plan.at.taxed
    if taxed:
        w = _rows(taxed)
        yield review(f"{w.ja}は消費税込みとされています。消費税は補助対象外が通例です。"
                     "税抜きの金額にするか、税額を補助対象外にしてください",
                     f"{w.en} include consumption tax, which is not eligible as a rule: enter "
                     "the amount without it or mark the tax as not eligible",
                     field=_field(taxed, "tax_included"))
    else:
        yield met("消費税込みとされた補助対象の行はありません（税抜きで入力）",
                  "No eligible row is marked as including consumption tax")


@rule("EXP-008")
def members_and_roles(ctx: Context) -> Iterator[Finding]:
    plan = _plan(ctx)
    if plan is None:
        return
    app = ctx.app
    for member in plan.by_member:
        rows = plan.at.by_member.get(member.member, [])
        if not rows:
            continue
        w = _rows(rows)
        name, _ = member_label(app, member.member)
        key = member.member if member.member != "partner" else "partner"
        if not member.registered:
            yield not_met(f"{w.ja}の計上者「{member.member}」はこのファイルの共同申請者に"
                          "いません", f"{w.en} name '{member.member}', not a co-applicant "
                          "of this file", key=key, field=_field(rows, "member"))
            continue
        if member.member == "partner":
            yield review(f"{w.ja}は現地企業「{name.ja}」の経費です。現地企業は申請者では"
                         "ないため、通常は申請者の委託費・外注費として計上します。募集要領で"
                         "確認してください",
                         f"{w.en} are the local partner's costs; it is not an applicant, so "
                         "such costs are usually the applicants' commissioned work",
                         key=key, field=_field(rows, "member"))
            continue
        index = 0 if member.member == "lead" else int(member.member.removeprefix("co"))
        company = app.members()[index]
        role_field = "lead.role" if index == 0 else f"co_applicants[{index - 1}].role"
        if written(company.role):
            yield met(f"{name.ja}：{format_yen(member.total_yen)}（役割：{company.role}）",
                      f"{name.en}: {member.total_yen:,} yen (role given)", key=key,
                      field=role_field)
        else:
            yield missing(f"{name.ja}に経費（{format_yen(member.total_yen)}）がありますが、"
                          "本事業での役割が未入力です",
                          f"{name.en} bears costs ({member.total_yen:,} yen) but has no "
                          "role entered", key=key, field=role_field)


@rule("EXP-009")
def co_applicants_bear_costs(ctx: Context) -> Iterator[Finding]:
    plan = _plan(ctx)
    if plan is None:
        return
    bearing = plan.at.by_member.keys()
    for key in member_keys(ctx.app)[1:]:
        name, _ = member_label(ctx.app, key)
        index = int(key.removeprefix("co")) - 1
        if key in bearing:
            yield met(f"{name.ja}の経費が明細にあります", f"{name.en} has costs in the plan",
                      key=key, field="costs.expenses")
        else:
            yield review(f"{name.ja}の経費が明細にありません。共同申請者は通常、経費を分担します。"
                         "経費のない共同申請者でよいか確認してください",
                         f"{name.en} has no costs in the plan; co-applicants usually share the "
                         "costs: confirm", key=key, field=f"co_applicants[{index}]")


@rule("EXP-010")
def totals_agree(ctx: Context) -> Iterator[Finding]:
    plan = _plan(ctx)
    if plan is None:
        return
    costs = ctx.app.costs
    wrong = []
    for typed, derived, name, ja, en in (
            (costs.total_yen, plan.total_yen, "total_yen", "総事業費", "total"),
            (costs.eligible_yen, plan.eligible_yen, "eligible_yen", "補助対象経費", "eligible")):
        if typed is not None and typed != derived:
            wrong.append((name, M(f"入力された{ja}{format_yen(typed)}が経費明細の合計"
                                  f"{format_yen(derived)}と一致しません",
                                  f"the typed {en} {typed:,} yen differs from the plan's "
                                  f"{derived:,} yen")))
    if wrong:
        yield not_met("。".join(x[1].ja for x in wrong) + "。明細を直すか、手入力の値を消してください（明細の合計が使われます）",
                      "; ".join(x[1].en for x in wrong).capitalize()
                      + ": correct the plan or clear the typed value (the plan's sums are used)",
                      field=f"costs.{wrong[0][0]}")
    else:
        yield met(f"総事業費{format_yen(plan.total_yen)}・補助対象経費"
                  f"{format_yen(plan.eligible_yen)}は経費明細の合計です",
                  f"Total {plan.total_yen:,} yen and eligible {plan.eligible_yen:,} yen are "
                  "the plan's sums")
