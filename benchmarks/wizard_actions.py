"""Single actions on the large sample (a step's first visit, a row's form, the palette, the
language switch): CPU and wall time to settled, optionally against another copy of the code.

    .venv/bin/python benchmarks/wizard_actions.py [--runs 3] [--against DIR]

Method (``tui_harness``): each run is a fresh process that opens the large sample at 120x40
in the wizard (headless, the cursor still, autosave far away), then visits every step once
with F4 straight away (nothing built ahead), goes back and forth (F3 / F4: revisits), opens a
co-applicant's row form and closes it, opens the command palette and closes it, and switches
the language twice; then, in a second wizard, it visits every step with F4 after a pause on
the step before (the product's default: a pause builds the next step out of sight), noting
the event loop's longest stall during those pauses (what a key typed then would wait). Each action
is timed from its key until the app has settled: CPU is ``time.process_time`` (steadier on
a shared machine), wall is to the last frame drawn before settling. With ``--against DIR``
(a checkout of the project, e.g. a worktree of the code before a change), the runs of the
two copies are interleaved and both are printed with their ratio: the figures of a change
are paired in one run. Medians of ``--runs``.

Goal (issue 13, item 15): no single action over 0.2 s (wall). Exit status 1 when missed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOAL = 0.2


async def _actions() -> dict[str, tuple[float, float]]:
    from tui_harness import FRAMES, settle, timed_action

    from gs_assistant.tui.navigation import STEPS
    from tui.pilot import LARGE, make_app

    out: dict[str, tuple[float, float]] = {}

    async def act(name: str, pilot, key: str) -> None:
        cpu = time.process_time()
        wall = await timed_action(pilot, key)
        out[name] = (time.process_time() - cpu, wall)

    with tempfile.TemporaryDirectory(prefix="gs_actions_") as tmp:
        path = Path(shutil.copy(LARGE, tmp))
        app = make_app(path)
        app.refresh_seconds = type(app).refresh_seconds  # the product's (the tests shorten it)
        app.ahead_seconds = None  # first visits straight away: nothing built ahead
        cpu, wall = time.process_time(), time.perf_counter()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            last = max(FRAMES.times, default=time.perf_counter())
            out["open the sample (in process)"] = (time.process_time() - cpu, last - wall)
            for step in STEPS[1:]:
                app.set_focus(None)
                await settle(pilot)
                await act(f"first visit: {step}", pilot, "f4")
            revisits = []
            for key in ("f3", "f3", "f4", "f4"):
                await act("revisit", pilot, key)
                revisits.append(out.pop("revisit"))
            out["revisit (median of 4)"] = tuple(  # type: ignore[assignment]
                statistics.median(r[i] for r in revisits) for i in (0, 1))
            await app.screen.show_step("applicant")
            await settle(pilot)
            app.screen.focus_field("co_applicants")
            await settle(pilot)
            await act("open a row dialog (co-applicant)", pilot, "enter")
            await timed_action(pilot, "escape")
            await act("command palette", pilot, "ctrl+p")
            await timed_action(pilot, "escape")
            await act("language switch", pilot, "f7")
            await act("language switch back", pilot, "f7")
        # first visits after a pause on the step before (the product's default: the next
        # step is built, out of sight, once the user pauses)
        path = Path(shutil.copy(LARGE, Path(tmp) / "again.yaml"))
        app = make_app(path)
        app.refresh_seconds = type(app).refresh_seconds
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            stall = 0.0  # the event loop's longest stall meanwhile: a key typed waits so long
            for step in STEPS[1:]:
                app.set_focus(None)
                end = time.perf_counter() + getattr(type(app), "ahead_seconds", 1.0) + 0.5
                last = time.perf_counter()
                while last < end:
                    await asyncio.sleep(0.002)
                    now = time.perf_counter()
                    stall, last = max(stall, now - last), now
                await settle(pilot)
                await act(f"first visit after a pause: {step}", pilot, "f4")
            out["longest stall while a step is built ahead"] = (stall, stall)
    return out


def _child(root: str) -> None:
    sys.path[:0] = [f"{root}/src", f"{root}/tests", f"{root}/benchmarks"]
    print(json.dumps(asyncio.run(_actions())))


def _run(root: Path) -> dict[str, list[float]]:
    result = subprocess.run([sys.executable, __file__, "--child", str(root)], cwd=root,
                            capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise SystemExit(f"{root}: the run failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another checkout, run interleaved")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return 0
    roots = {"this": REPO} | ({"against": args.against.resolve()} if args.against else {})
    runs: dict[str, list[dict]] = {name: [] for name in roots}
    for _ in range(args.runs):
        for name, root in roots.items():
            runs[name].append(_run(root))
    print(f"single actions on the large sample, to settled: median of {args.runs} runs "
          f"(load average {os.getloadavg()[0]:.1f})")
    print(f"  {'':48} {'CPU':>9} {'wall':>9}" + (f"   {'against: CPU':>12} {'wall':>9}"
                                                  f" {'CPU ratio':>9}" if args.against else ""))
    worst = ("", 0.0)
    for action in runs["this"][0]:
        cpu, wall = (statistics.median(r[action][i] for r in runs["this"]) for i in (0, 1))
        line = f"  {action:48} {'':>9} {wall * 1000:6.0f} ms" if action.startswith(
            "longest stall") else f"  {action:48} {cpu * 1000:6.0f} ms {wall * 1000:6.0f} ms"
        if args.against:
            b_cpu, b_wall = (statistics.median(r[action][i] for r in runs["against"])
                             for i in (0, 1))
            line += f"   {b_cpu * 1000:9.0f} ms {b_wall * 1000:6.0f} ms {cpu / b_cpu:8.2f}x"
        print(line)
        if not action.startswith(("open the sample", "longest stall")) and wall > worst[1]:
            worst = (action, wall)
    print(f"slowest: {worst[0]} {worst[1] * 1000:.0f} ms (goal <= {GOAL * 1000:.0f} ms): "
          + ("OK" if worst[1] <= GOAL else "MISSED"))
    return 0 if worst[1] <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
