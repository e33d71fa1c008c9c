"""Word export time as the lists grow, against a plain python-docx script, in one run.

    .venv/bin/python benchmarks/export_rows.py [--rows 10 100 1000 3000] [--runs 5]

The large sample's affiliate list is replaced by N rows (1,000 is the pack's list limit;
3,000 shows the trend beyond it). "ours" is the whole export (checklist, templates,
Markdown parsing, python-docx, saving to bytes); "plain" is a hand-written python-docx
script writing the same content (the same paragraphs, tables and cell text, the same
header, from the same reference document; see ``export_docx.py``), compared before timing.
The two alternate, so that both see the same machine; the figure is CPU time (the machine
may be shared), the median of the runs.

What "linear with a small constant" means here, checked (exit status 1 when missed):

* ours/plain is at most ``GOAL`` at every N;
* one more row costs ours at most ``GOAL`` times what it costs the plain script, on every
  interval of at least ``WIDE`` rows (the per-row cost ratio), and that ratio is flat:
  the largest is at most ``FLAT`` times the smallest (a quadratic step would double it
  from one interval to the next; 100 -> 1,000 -> 3,000 rows).

The ratio of the totals is not flat and cannot be while the fixed costs differ: with a
fixed cost F and a cost r per row, (F_ours + N r_ours) / (F_plain + N r_plain) moves from
F_ours/F_plain at few rows to r_ours/r_plain at many. The benchmark prints both parts.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time

from export_docx import plain, same_content  # the same plain script

from gs_assistant.export.docx import docx_bytes
from gs_assistant.model import Affiliate, AffiliateKind, load_application
from gs_assistant.paths import samples_dir
from gs_assistant.rules import default_pack

GOAL = 1.0  # ours/plain at every N, and per extra row on every wide interval
WIDE = 500  # rows: a narrower interval's per-row figure is mostly noise
FLAT = 1.25  # the largest per-row cost ratio over the smallest, on the wide intervals


def with_rows(n: int):
    app = load_application(samples_dir() / "large_demo_india.yaml")
    app.large.affiliates = [
        Affiliate(name=f"関連会社 {i:05d} Pvt. Ltd.（架空）", country="IND",
                  kind=AffiliateKind.subsidiary, stake_percent=(i % 100) + 1)
        for i in range(n)
    ]
    return app


def _cpu(fn) -> float:
    gc.collect()
    start = time.process_time()
    fn()
    return time.process_time() - start


def measure(n: int, runs: int) -> tuple[float, float]:
    app, pack = with_rows(n), default_pack()
    reference, blocks, header = same_content(app, pack)
    rows = sum(len(b[1]) for b in blocks if b[0] == "t")
    assert rows >= n, f"the export should hold the {n} rows"
    ours, base = [], []
    for _ in range(runs):
        ours.append(_cpu(lambda: docx_bytes(app, pack)))
        base.append(_cpu(lambda: plain(reference, blocks, header)))
    return statistics.median(ours), statistics.median(base)


def per_row(rows: list[int], ours_ms: list[float], plain_ms: list[float]) -> list[tuple]:
    """(from N, to N, ours ms per row, plain ms per row) for each interval."""
    return [(n0, n1, (o1 - o0) / (n1 - n0), (b1 - b0) / (n1 - n0))
            for n0, n1, o0, o1, b0, b1 in zip(rows, rows[1:], ours_ms, ours_ms[1:],
                                              plain_ms, plain_ms[1:], strict=False)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10, 100, 1000, 3000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    docx_bytes(with_rows(1), default_pack())  # compile the templates first
    ours_ms, plain_ms = [], []
    print(f"{'rows':>7} {'ours ms':>9} {'plain ms':>9} {'ours/plain':>10}")
    for n in args.rows:
        ours, base = measure(n, args.runs)
        ours_ms.append(ours * 1000)
        plain_ms.append(base * 1000)
        print(f"{n:>7,} {ours * 1000:>9.1f} {base * 1000:>9.1f} {ours / base:>10.2f}")
    worst = max(o / b for o, b in zip(ours_ms, plain_ms, strict=True))
    ok = worst <= GOAL
    ratios = []
    for n0, n1, slope_ours, slope_plain in per_row(args.rows, ours_ms, plain_ms):
        ratio = slope_ours / slope_plain
        wide = n1 - n0 >= WIDE
        print(f"one more row ({n0:,} -> {n1:,}): ours {slope_ours:.3f} ms, "
              f"plain {slope_plain:.3f} ms, ratio {ratio:.2f}{'' if wide else ' (narrow)'}")
        if wide:
            ratios.append(ratio)
    if ratios:
        spread = max(ratios) / min(ratios)
        print(f"per-row cost ratio on the wide intervals: {min(ratios):.2f}-{max(ratios):.2f} "
              f"(largest/smallest {spread:.2f}, goal <= {FLAT}; each <= {GOAL})")
        ok = ok and max(ratios) <= GOAL and spread <= FLAT
        (n0, n1, slope_ours, slope_plain) = per_row(args.rows, ours_ms, plain_ms)[-1]
        fixed_ours = ours_ms[0] - args.rows[0] * slope_ours
        fixed_plain = plain_ms[0] - args.rows[0] * slope_plain
        print(f"fixed cost (at {args.rows[0]:,} rows less its rows): ours {fixed_ours:.0f} ms, "
              f"plain {fixed_plain:.0f} ms ({fixed_ours / fixed_plain:.2f}); the totals' ratio "
              f"moves from that toward the per-row ratio {slope_ours / slope_plain:.2f}")
    print(f"largest ours/plain: {worst:.2f} (goal <= {GOAL})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
