"""Word export time as the lists grow, against a plain python-docx script, in one run.

    .venv/bin/python benchmarks/export_rows.py [--rows 10 100 1000] [--runs 5]

The large sample's affiliate list is replaced by N rows (N = 10, 100, 1,000 by default:
1,000 is the pack's list limit). "ours" is the whole export (checklist, templates,
Markdown parsing, python-docx, saving to bytes); "plain" is a hand-written python-docx
script writing the same content (the same paragraphs, tables and cell text, the same
header, from the same reference document; see ``export_docx.py``), compared before timing.
The two alternate, so that both see the same machine; the figure is CPU time (the machine
may be shared), the median of the runs. The plain script is linear (it walks each row's
cells once); the export is linear with a small constant when ours/plain stays at or below
``GOAL`` at every N and one more row costs ours no more than it costs the plain script
(the slope between the two largest N). Exit status 1 when either is missed.
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

GOAL = 1.0  # ours/plain at every N, and per extra row between the two largest N


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10, 100, 1000])
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
    if len(args.rows) > 1:
        (n0, n1), (o0, o1), (b0, b1) = args.rows[-2:], ours_ms[-2:], plain_ms[-2:]
        slope_ours, slope_plain = (o1 - o0) / (n1 - n0), (b1 - b0) / (n1 - n0)
        print(f"one more row ({n0:,} -> {n1:,}): ours {slope_ours:.3f} ms, "
              f"plain {slope_plain:.3f} ms ({slope_ours / slope_plain:.2f})")
        ok = ok and slope_ours <= GOAL * slope_plain
    print(f"largest ours/plain: {worst:.2f} (goal <= {GOAL})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
