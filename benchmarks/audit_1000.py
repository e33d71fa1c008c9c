"""Time `gs-assistant audit` over 1,000 generated applications and 10 broken files.

    .venv/bin/python benchmarks/audit_1000.py [--repeat 5]

Runs the real command line end to end (interpreter start, imports, rule pack, workers,
reports and summaries), once with one process as the baseline and once with every core,
and prints the median and best wall times. Goal: under 5 s on 2 cores. When the Word
exporter is installed it also times the .docx reports on 50 files, since those are far
slower per file than the Markdown ones.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from audit.generate import generate  # noqa: E402  (the tests' generator)
from gs_assistant.audit.batch import available_cores  # noqa: E402
from gs_assistant.audit.docx import find_exporter  # noqa: E402

GOAL_S = 5.0


def timed_audit(inbox: Path, out: Path, jobs: int, *extra: str) -> float:
    shutil.rmtree(out, ignore_errors=True)
    argv = [sys.executable, "-m", "gs_assistant", "audit", str(inbox), "-o", str(out),
            "--jobs", str(jobs), "--quiet", *extra]
    start = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 2:  # 2: the 10 broken files are reported as unreadable
        raise SystemExit(f"unexpected exit status {result.returncode}: {result.stderr}")
    return elapsed


def report(label: str, times: list[float]) -> float:
    median = statistics.median(times)
    print(f"{label:<34} median {median:6.2f} s   best {min(times):6.2f} s   "
          f"({', '.join(f'{t:.2f}' for t in times)})")
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    cores = available_cores()
    with tempfile.TemporaryDirectory(prefix="gs_audit_bench_") as tmp:
        root = Path(tmp)
        made = generate(root / "inbox", n=args.files, broken=10)
        print(f"{len(made.good)} applications + {len(made.broken)} broken files, "
              f"{cores} cores, Python {sys.version.split()[0]}")
        timed_audit(root / "inbox", root / "out", cores)  # warm the disk cache
        serial = report("1 process (baseline)",
                        [timed_audit(root / "inbox", root / "out", 1)
                         for _ in range(args.repeat)])
        parallel = report(f"{cores} processes",
                          [timed_audit(root / "inbox", root / "out", cores)
                           for _ in range(args.repeat)])
        print(f"speed-up {serial / parallel:.2f}x; goal < {GOAL_S:.0f} s: "
              f"{'met' if parallel < GOAL_S else 'NOT met'}")
        exporter, note = find_exporter()
        if exporter is None:
            print(f"Word reports not timed: {note('en')}")
            return 0
        small = root / "inbox_docx"
        generate(small, n=50, broken=10)
        plain = report(f"50 files, Markdown only, {cores} proc.",
                       [timed_audit(small, root / "out_md", cores)
                        for _ in range(3)])
        word = report(f"50 files with .docx, {cores} proc.",
                      [timed_audit(small, root / "out_docx", cores, "--docx") for _ in range(3)])
        per_file = (word - plain) / 50
        print(f"Word reports add about {per_file * 1000:.0f} ms per file "
              f"(about {per_file * args.files:.0f} s for {args.files} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
