"""What ``audit`` costs per file, against loading and checking the same files in process.

    .venv/bin/python benchmarks/audit_per_file.py [--small 200] [--large 1000] [--repeat 3]
        [--against OTHER_CHECKOUT]

Method: the tests' generator writes two folders of varied applications (``--small`` and
``--large`` files, no broken ones). ``gs-assistant audit FOLDER -o OUT --quiet`` runs on each
as a whole process, with one process (``--jobs 1``) and with every core; the cost per file
is the difference of the two medians divided by the difference in files, so start-up
(interpreter, imports, rule pack, pool) cancels out. The baseline, in the same run, is this
process doing the bare work for the same large folder: ``load_application`` then ``check``
for every file, one after the other (imports and pack already loaded), per file.

Every run writes into a folder of its own, and none is deleted before the benchmark ends.
Deleting the previous run's output (1,000 reports) just before a timed run made that run
pay for the deletion: on a file system that keeps no journal, like this project's
machines' ext4, the kernel passes over every inode deleted in the last one to six minutes
each time it creates a file, and that took 0.2-0.7 ms CPU per report (most of what was
put down to "creating the report file"). A user writing into a new folder does not pay
it, and on a journaled file system nobody does.

Wall and CPU time (the processes' own accounting, ``os.times``; less disturbed by other
work on a shared machine) are both shown. Goal: audit's CPU per file (one process) <= 1.2x
in-process load + check. With every core the wall figure is shared by the cores.
gs-assistant runs from compiled bytecode, as installed (``installed.py``).

With ``--against DIR`` (another checkout, e.g. ``git archive main`` unpacked) its audit runs
too, interleaved with this one's in every repeat (through ``PYTHONPATH``, with its own
cache folder: two versions sharing one would throw each other's cached tables away), and
the per-file CPU of the two is compared run by run. Exit status 1 when the goal is missed.
"""

from __future__ import annotations

import argparse
import compileall
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from installed import compile_package  # noqa: E402

from audit.generate import generate  # noqa: E402  (the tests' generator)
from gs_assistant.audit.batch import available_cores  # noqa: E402
from gs_assistant.model import load_application  # noqa: E402
from gs_assistant.rules import check, default_pack  # noqa: E402

GOAL = 1.2


_runs = itertools.count()


def audit(inbox: Path, outs: Path, jobs: int,
          env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of the whole audit process and its workers, into a new folder
    under ``outs`` (see the docstring: none is deleted before the end)."""
    out = outs / f"out{next(_runs)}"
    argv = [sys.executable, "-m", "gs_assistant", "audit", str(inbox), "-o", str(out),
            "--jobs", str(jobs), "--quiet"]
    before = os.times()
    start = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True, check=False, env=env)
    elapsed = time.perf_counter() - start
    after = os.times()
    if result.returncode not in (0, 1):
        raise SystemExit(f"audit failed ({result.returncode}): {result.stderr}")
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system)
    return elapsed, cpu


def in_process(paths: list[Path]) -> tuple[float, float]:
    pack = default_pack()
    start, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        check(load_application(path), pack)
    return time.perf_counter() - start, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=200)
    parser.add_argument("--large", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--from-source", action="store_true",
                        help="do not compile gs-assistant's modules first (see installed.py)")
    parser.add_argument("--against", type=Path,
                        help="another checkout whose audit runs interleaved with this one")
    args = parser.parse_args()
    how = compile_package(args.from_source)
    load_before = os.getloadavg()[0]
    cores = available_cores()
    with tempfile.TemporaryDirectory(prefix="gs_audit_per_file_") as tmp_name:
        tmp = Path(tmp_name)
        envs: dict[str, dict[str, str] | None] = {"": None}
        if args.against:
            other = args.against.resolve() / "src"
            if not args.from_source and not compileall.compile_dir(other, quiet=1):
                raise SystemExit(f"could not compile {other}")
            envs["against: "] = {**os.environ, "PYTHONPATH": str(other),
                                 "GS_ASSISTANT_CACHE": str(tmp / "against_cache")}
        small = generate(tmp / "small", n=args.small, broken=0).good
        large = generate(tmp / "large", n=args.large, broken=0).good
        extra = len(large) - len(small)
        for env in envs.values():  # warm the disk cache and the pack caches
            audit(tmp / "large", tmp / "out", cores, env)
        in_process(large)
        figures: dict[str, list[tuple[float, float]]] = {"in process": []}
        for _ in range(args.repeat):
            for prefix, env in envs.items():
                for jobs, label in ((1, "1 process"), (cores, f"{cores} processes")):
                    small_wall, small_cpu = audit(tmp / "small", tmp / "out", jobs, env)
                    large_wall, large_cpu = audit(tmp / "large", tmp / "out", jobs, env)
                    figures.setdefault(prefix + label, []).append(
                        ((large_wall - small_wall) / extra, (large_cpu - small_cpu) / extra))
            wall, cpu = in_process(large)
            figures["in process"].append((wall / len(large), cpu / len(large)))

    def med(label: str, i: int) -> float:
        return statistics.median(f[i] for f in figures[label])

    print(how)
    print(f"per file, median of {args.repeat} ({len(small)} and {len(large)} files, "
          f"{cores} cores, load {load_before:.1f} at the start, "
          f"{os.getloadavg()[0]:.1f} at the end)")
    for label in figures:
        print(f"  {label:22} wall {med(label, 0) * 1000:6.2f} ms "
              f"({med(label, 0) / med('in process', 0):.2f}x)   "
              f"CPU {med(label, 1) * 1000:6.2f} ms ({med(label, 1) / med('in process', 1):.2f}x)")
    if args.against:
        pairs = [a[1] / b[1] for a, b in zip(figures["1 process"],
                                             figures["against: 1 process"], strict=True)]
        print("  this / against, CPU per file (1 process), run by run: "
              + ", ".join(f"{x:.2f}x" for x in pairs))
    ratio = med("1 process", 1) / med("in process", 1)
    print(f"goal: audit CPU per file (1 process) <= {GOAL}x load + check in process -> "
          f"{ratio:.2f}x {'met' if ratio <= GOAL else 'NOT met'}")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
