"""A 500-row expense plan: what it adds to a check, and its Word export against plain
python-docx, in one run.

    .venv/bin/python benchmarks/expense_plan.py [--rows 500] [--runs 200] [--export-runs 5]

Check: the large sample with ``--rows`` plan rows (yen and three foreign currencies, every
member, every 費目 of its track) against the same application without a plan (its typed
totals), alternating, median wall time of each. Goal (issue 11): the plan adds less than
2 ms.

Export: the same application exported in process ("ours": checklist, templates, Markdown,
python-docx, saving) against the plain python-docx script of ``export_docx.py`` writing
the same content (compared before timing), CPU time, median. Goal: ours ≤ 1.5 × plain.
Exit status 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from datetime import date
from decimal import Decimal

from export_docx import plain, same_content  # the same plain script

from gs_assistant.export.docx import docx_bytes
from gs_assistant.model import load_application
from gs_assistant.model.application import ExpenseRow
from gs_assistant.paths import samples_dir
from gs_assistant.rules import check, default_pack

CHECK_GOAL_MS = 2.0
EXPORT_GOAL = 1.5
CATEGORIES = ["equipment", "materials", "personnel", "travel", "commission", "outsourcing",
              "honoraria", "miscellaneous"]
CURRENCIES = [("JPY", None), ("JPY", None), ("INR", "1.78"), ("USD", "150.25"),
              ("EUR", "162.4")]


def plan(n: int) -> list[ExpenseRow]:
    rows = []
    for i in range(n):
        currency, rate = CURRENCIES[i % len(CURRENCIES)]
        foreign = currency != "JPY"
        rows.append(ExpenseRow(
            member="lead" if i % 3 else "co1", category=CATEGORIES[i % len(CATEGORIES)],
            description=f"実証用の経費 {i:04d}（架空）",
            unit_price=Decimal(10_000 + i * 37) if i % 2 else None,
            quantity=Decimal(1 + i % 40) if i % 2 else None,
            unit="人日" if i % 2 else "式",
            amount=None if i % 2 else Decimal(50_000 + i * 1_013) / (100 if foreign else 1),
            currency=currency, rate=Decimal(rate) if rate else None,
            rate_date=date(2026, 5, 15) if foreign else None,
            rate_source="三菱UFJ銀行 TTM" if foreign else "", eligible=i % 17 != 0,
        ))
    return rows


def apps(n: int):
    with_plan = load_application(samples_dir() / "large_demo_india.yaml")
    with_plan.costs.expenses = plan(n)
    with_plan.costs.total_yen = with_plan.costs.eligible_yen = None
    without = load_application(samples_dir() / "large_demo_india.yaml")
    without.costs.expenses = []
    return with_plan, without


def _wall(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _cpu(fn) -> float:
    gc.collect()
    start = time.process_time()
    fn()
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--export-runs", type=int, default=5)
    args = parser.parse_args()
    pack = default_pack()
    with_plan, without = apps(args.rows)
    report = check(with_plan, pack)
    assert report.facts.expenses is not None and report.facts.expenses.rows == args.rows
    assert report.facts.expenses.complete
    ours_check, base_check = [], []
    for _ in range(20):  # warm up
        check(with_plan, pack)
        check(without, pack)
    gc.disable()
    try:
        for _ in range(args.runs):
            ours_check.append(_wall(lambda: check(with_plan, pack)))
            base_check.append(_wall(lambda: check(without, pack)))
    finally:
        gc.enable()
    plan_ms = statistics.median(ours_check) * 1000
    none_ms = statistics.median(base_check) * 1000
    added = plan_ms - none_ms
    print(f"check, median of {args.runs}: with a {args.rows}-row plan {plan_ms:.3f} ms, "
          f"without {none_ms:.3f} ms: the plan adds {added:.3f} ms (goal < {CHECK_GOAL_MS})")

    docx_bytes(with_plan, pack)  # compile the templates first
    reference, blocks, header = same_content(with_plan, pack)
    ours, base = [], []
    for _ in range(args.export_runs):
        ours.append(_cpu(lambda: docx_bytes(with_plan, pack)))
        base.append(_cpu(lambda: plain(reference, blocks, header)))
    ours_ms, base_ms = statistics.median(ours) * 1000, statistics.median(base) * 1000
    ratio = ours_ms / base_ms
    print(f"export (CPU, median of {args.export_runs}): ours {ours_ms:.0f} ms, plain "
          f"python-docx {base_ms:.0f} ms: {ratio:.2f}x (goal <= {EXPORT_GOAL})")
    return 0 if added < CHECK_GOAL_MS and ratio <= EXPORT_GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
