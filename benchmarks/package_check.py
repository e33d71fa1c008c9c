"""What the submission package adds to checking a file, against the checklist itself.

    .venv/bin/python benchmarks/package_check.py [--repeat 2000]

Method: the large and the FS samples, loaded once. The baseline, in the same run, is
``check(app, pack)`` (the whole checklist); the package is ``check_package`` with the
call's dates from a call.yaml (so the deadline, the questions deadline and the GビズID lead
time are all computed) and the facts already known, as ``check``, ``audit`` and the wizard
call it. CPU time per call (``time.process_time``), median of 9 rounds of ``--repeat``
calls each. Goal: the package costs at most half the checklist (it runs beside it on
every keystroke's refresh and for every audited file). Exit status 1 when it is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from gs_assistant.model import load_application
from gs_assistant.paths import samples_dir
from gs_assistant.rules import check, default_pack
from gs_assistant.rules.package_check import package_setup

GOAL = 0.5
CALL = "large:\n  submission_deadline: 2026-06-12 12:00\nsmall_fs:\n" \
       "  submission_deadline: 2026-05-15 12:00\n"


def per_call(fn, repeat: int) -> float:
    rounds = []
    for _ in range(9):
        start = time.process_time()
        for _ in range(repeat):
            fn()
        rounds.append((time.process_time() - start) / repeat)
    return statistics.median(rounds)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=2000)
    args = parser.parse_args()
    pack = default_pack()
    now = datetime(2026, 5, 1, 9, tzinfo=ZoneInfo("Asia/Tokyo"))
    with tempfile.TemporaryDirectory() as tmp:
        call = Path(tmp) / "call.yaml"
        call.write_text(CALL, encoding="utf-8")
        setup = package_setup(pack, call)
    worst = 0.0
    for name in ("large_demo_india", "sme_fs_vietnam"):
        app = load_application(samples_dir() / f"{name}.yaml")
        facts = check(app, pack).facts
        base = per_call(lambda app=app: check(app, pack), args.repeat)
        package = per_call(lambda app=app, facts=facts: setup.check(app, pack, now=now,
                                                                    facts=facts), args.repeat)
        ratio = package / base
        worst = max(worst, ratio)
        print(f"{name}: checklist {base * 1000:.3f} ms, package {package * 1000:.3f} ms "
              f"per call (CPU): {ratio:.2f}x")
    print(f"goal: package <= {GOAL}x the checklist: {'met' if worst <= GOAL else 'MISSED'}")
    return 0 if worst <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
