"""Load and check 1,000 application files: one process, then two.

    .venv/bin/python benchmarks/load_check_1000.py [--files 1000] [--repeat 5]

Writes varied applications (made from the two samples: every track, many countries,
SME and large applicants, amounts around the caps, unanswered parts) to a temporary
folder, then times loading + checking all of them, and prints the medians. Goal (product
spec): 1,000 files in under 5 s on a 2-core machine. A breakdown (read, YAML, model,
checklist) and the bare file-read time are printed as references.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from gs_assistant.model import Application, application_to_yaml, load_application
from gs_assistant.model.application import Track
from gs_assistant.model.files import application_from_data, parse_yaml, read_text
from gs_assistant.paths import samples_dir
from gs_assistant.rules import check, default_pack

COUNTRIES = ["VNM", "IND", "THA", "IDN", "PHL", "KEN", "BRA", "MEX", "TLS", "UKR", "CHN",
             "KOR", "EGY", "NGA", "BGD", "LAO", "MYS", "PER", "TUR", "ZAF"]
AMOUNTS = [50_000_000, 150_000_000, 750_000_000, 1_000_000_000, 1_000_000_002,
           3_000_000_000, 8_000_000_000, 9_000_000_000]


def vary(base: Application, rng: random.Random) -> Application:
    """A plausible variation of a sample application."""
    app = base.model_copy(deep=True)
    app.track = rng.choice(list(Track))
    app.country = rng.choice(COUNTRIES)
    app.local_partner.country = app.country
    eligible = rng.choice(AMOUNTS) + rng.randrange(0, 1_000_000)
    app.costs.eligible_yen = eligible
    app.costs.total_yen = eligible + rng.choice([0, 10_000_000, 200_000_000])
    app.lead.capital_yen = rng.choice([10_000_000, 300_000_000, 300_000_001, 12_000_000_000])
    app.lead.employees = rng.choice([20, 300, 301, 5400])
    if rng.random() < 0.2:
        app.content.summary = ""
    if rng.random() < 0.2:
        app.indicators = []
    if rng.random() < 0.1:
        app.period.end = None
    return app


def write_files(folder: Path, count: int, seed: int = 2026) -> list[Path]:
    rng = random.Random(seed)
    bases = [load_application(p) for p in sorted(samples_dir().glob("*.yaml"))]
    paths = []
    for i in range(count):
        path = folder / f"application_{i:04d}.yaml"
        path.write_text(application_to_yaml(vary(rng.choice(bases), rng)), encoding="utf-8")
        paths.append(path)
    return paths


def load_and_check(path: Path) -> tuple[str, dict[str, int]]:
    report = check(load_application(path), default_pack())
    return path.name, report.summary()


def one_process(paths: list[Path]) -> list[tuple[str, dict[str, int]]]:
    return [load_and_check(p) for p in paths]


def two_processes(paths: list[Path]) -> list[tuple[str, dict[str, int]]]:
    """Pool start-up included: it is part of what a user waits for."""
    with multiprocessing.get_context("fork").Pool(2, initializer=default_pack) as pool:
        return pool.map(load_and_check, paths, chunksize=50)


def timed(fn, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def breakdown(paths: list[Path]) -> dict[str, float]:
    """Where the single-process time goes, stage by stage."""
    out = {}
    t, texts = timed(lambda: [read_text(p) for p in paths])
    out["read files"] = t
    t, datas = timed(lambda: [parse_yaml(x, p) for x, p in zip(texts, paths, strict=True)])
    out["parse YAML"] = t
    t, apps = timed(lambda: [application_from_data(d, p)
                             for d, p in zip(datas, paths, strict=True)])
    out["validate model"] = t
    pack = default_pack()
    t, _ = timed(lambda: [check(a, pack) for a in apps])
    out["run checklist"] = t
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="gs-bench-") as tmp:
        paths = write_files(Path(tmp), args.files)
        pack_time, _ = timed(default_pack)  # once per process, like the command does
        one_process(paths[:20])  # warm the file cache and the imports

        singles, doubles = [], []
        for _ in range(args.repeat):
            t, single = timed(one_process, paths)
            singles.append(t)
            t, double = timed(two_processes, paths)
            doubles.append(t)
        if single != double:
            raise SystemExit("one and two processes disagree: a bug")
        parts = breakdown(paths)
        bare, _ = timed(lambda: [p.read_bytes() for p in paths])

    statuses = {k: sum(s[k] for _, s in single) for k in single[0][1]}
    n = args.files
    print(f"{n} files, median of {args.repeat} runs ({multiprocessing.cpu_count()} CPUs,"
          f" load average {os.getloadavg()[0]:.2f}: other work on the machine slows both modes)")
    print(f"  rule pack load (once)      {pack_time * 1000:8.1f} ms")
    print(f"  load + check, 1 process    {statistics.median(singles):8.3f} s"
          f"   ({statistics.median(singles) / n * 1000:.2f} ms per file)")
    print(f"  load + check, 2 processes  {statistics.median(doubles):8.3f} s"
          f"   (speed-up {statistics.median(singles) / statistics.median(doubles):.2f}x)")
    print("  breakdown (1 process):")
    for name, t in parts.items():
        print(f"    {name:22} {t:8.3f} s")
    print(f"  reference: bare reads     {bare:8.3f} s")
    print(f"  items: {statuses}  (same result in both modes)")


if __name__ == "__main__":
    main()
