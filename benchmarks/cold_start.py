"""Cold start of the wizard to its complete first screen, against a minimal Textual app.

Each run is a fresh Python process, timed from just before it is spawned to the last frame
of its complete first screen: every widget mounted and painted, nothing left to lay out or
repaint, and no frame for 150 ms after it (headless, 120x40; a frame is a call of
``App._display``, which Textual renders before, headless or not; the wait starts at
Textual's auto-pilot hook; the cursor does not blink, as a blink is a frame). The minimal
app (one Static) is measured the same way, and the runs of the three commands are
interleaved so that they share the machine's state.

    .venv/bin/python benchmarks/cold_start.py [--runs 15] [--from-source] [--against DIR]

gs-assistant runs from compiled bytecode, as installed (``installed.py``).

Prints the medians and the ratios. Goals: start screen <= 1.3x the minimal app, opening
the large sample (``gs-assistant open sample:large_demo_india``) <= 2x. Also reports
whether python-docx or the exporter was imported before the first screen. The minimal app
that first imports pydantic's ``BaseModel`` and PyYAML (what reading an application is
written with) is measured too: the part of the 2x budget of opening a file that these
libraries' imports take before gs-assistant does anything. With
``--against DIR`` (another checkout, e.g. ``git archive`` of the code before a change
unpacked, compiled as this one is) its start screen and opening run interleaved too, and
the paired ratios of this code to it are printed.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from installed import compile_package

CHILD = r"""
import asyncio, sys, time, json
t0 = float(sys.argv[1])
which = sys.argv[2]
from textual.app import App

frames = []
_display = App._display

def display(self, screen, renderable):
    if renderable is not None:
        frames.append(time.time())
    return _display(self, screen, renderable)

App._display = display
_run = App.run

def busy(app):
    screen = app.screen
    return bool(screen._layout_required or screen._repaint_required or screen._dirty_widgets
                or screen._recompose_required or screen._scroll_required
                or getattr(screen, "_refresh_pending", False))

def run(self, *args, **kwargs):
    async def complete_screen(pilot):
        while True:
            await asyncio.sleep(0.01)
            last = frames[-1] if frames else t0
            if not busy(pilot.app) and time.time() - last >= 0.15:
                break
        heavy = sorted(m for m in sys.modules
                       if m in ("docx", "gs_assistant.export.docx", "pydantic",
                                "gs_assistant.rules", "gs_assistant.model"))
        print(json.dumps({"seconds": last - t0, "heavy": heavy, "frames": len(frames),
                          "screen": type(pilot.app.screen).__name__}))
        pilot.app.exit()
    return _run(self, headless=True, size=(120, 40), auto_pilot=complete_screen)

App.run = run

if which in ("minimal", "libraries"):
    from textual.widgets import Static

    if which == "libraries":  # what reading an application is written with
        import yaml
        from pydantic import BaseModel

    class Minimal(App):
        def compose(self):
            yield Static("hello")

    Minimal().run()
else:
    from gs_assistant.tui.app import WizardApp
    WizardApp.cursor_blink = False  # a blinking cursor draws a frame twice a second
    from gs_assistant.cli import main
    main([] if which == "start" else ["open", "sample:large_demo_india"])
"""

COMMANDS = {
    "minimal": "a minimal Textual app (one Static)",
    "libraries": "the minimal app importing pydantic and PyYAML first",
    "start": "gs-assistant (start screen)",
    "open": "gs-assistant open sample:large_demo_india (wizard)",
}


def once(which: str, home: str, source: Path | None = None) -> dict:
    """One process of ``which`` (a key of COMMANDS), gs-assistant imported from ``source``
    (a checkout's ``src``) when given."""
    env = {**os.environ, "GS_ASSISTANT_HOME": home,
           "GS_ASSISTANT_CACHE": os.path.join(home, "pack-cache")}  # warmed by the first run
    if source is not None:
        env["PYTHONPATH"] = str(source)
        env["GS_ASSISTANT_CACHE"] += "-against"
    start = time.time()
    result = subprocess.run([sys.executable, "-c", CHILD, repr(start), which],
                            capture_output=True, text=True, env=env, timeout=120)
    if result.returncode != 0:
        raise SystemExit(f"{which} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--from-source", action="store_true",
                        help="do not compile gs-assistant's modules first (see installed.py)")
    parser.add_argument("--against", type=Path, metavar="DIR",
                        help="another checkout whose start screen and opening run interleaved")
    args = parser.parse_args()
    how = compile_package(args.from_source)
    runs = [(which, which, None) for which in COMMANDS]
    if args.against:
        theirs = args.against.resolve() / "src"
        if not args.from_source and not compileall.compile_dir(theirs / "gs_assistant",
                                                               quiet=1):
            raise SystemExit(f"could not compile {theirs}")
        runs += [(f"{which} (against)", which, theirs) for which in ("start", "open")]
    times: dict[str, list[float]] = {name: [] for name, _, _ in runs}
    last: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as home:
        for _, which, source in runs:  # warm the file cache once, not measured
            once(which, home, source)
        for _ in range(args.runs):
            for name, which, source in runs:
                last[name] = once(which, home, source)
                times[name].append(last[name]["seconds"])
    base = statistics.median(times["minimal"])
    print(f"cold start to the complete first screen, median of {args.runs} runs "
          f"(python {sys.version.split()[0]}, {os.cpu_count()} cpus, {how})")
    for which, label in COMMANDS.items():
        median = statistics.median(times[which])
        print(f"  {label:55} {median * 1000:7.0f} ms  {median / base:5.2f}x  "
              f"(min {min(times[which]) * 1000:.0f} ms; first screen {last[which]['screen']}; "
              f"heavy modules: {', '.join(last[which]['heavy']) or 'none'})")
    for which in ("start", "open"):
        if f"{which} (against)" in times:
            paired = statistics.median(
                a / b for a, b in zip(times[which], times[f"{which} (against)"], strict=True))
            against = statistics.median(times[f"{which} (against)"])
            print(f"  {which} against {args.against}: {against * 1000:.0f} ms, "
                  f"{against / base:.2f}x minimal; this / against, paired: {paired:.2f}x")
    missed = []
    for which, goal in (("start", 1.3), ("open", 2.0)):
        ratio = statistics.median(times[which]) / base
        print(f"goal: {which} <= {goal:.2f}x minimal -> {ratio:.2f}x "
              f"{'OK' if ratio <= goal else 'MISSED'}")
        if ratio > goal:
            missed.append(which)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
