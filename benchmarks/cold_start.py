"""Cold start of the wizard to its first screen, against a minimal Textual app.

Each run is a fresh Python process, timed from just before it is spawned to the moment
Textual reports the first screen ready (the auto-pilot hook of a headless run, 120x40).
The runs of the three commands are interleaved so that they share the machine's state.

    .venv/bin/python benchmarks/cold_start.py [--runs 15]

Prints the median of each and the ratios; the goal is wizard start <= 1.3 x minimal.
Also reports whether python-docx or the exporter was imported before the first screen.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

CHILD = r"""
import sys, time, json
t0 = float(sys.argv[1])
which = sys.argv[2]
from textual.app import App

_run = App.run

def run(self, *args, **kwargs):
    async def first_screen(pilot):
        elapsed = time.time() - t0
        heavy = sorted(m for m in sys.modules
                       if m in ("docx", "gs_assistant.export.docx", "pydantic",
                                "gs_assistant.rules", "gs_assistant.model"))
        print(json.dumps({"seconds": elapsed, "heavy": heavy,
                          "screen": type(pilot.app.screen).__name__}))
        pilot.app.exit()
    return _run(self, headless=True, size=(120, 40), auto_pilot=first_screen)

App.run = run

if which == "minimal":
    from textual.widgets import Static

    class Minimal(App):
        def compose(self):
            yield Static("hello")

    Minimal().run()
else:
    from gs_assistant.cli import main
    main([] if which == "start" else ["open", "sample:large_demo_india"])
"""

COMMANDS = {
    "minimal": "a minimal Textual app (one Static)",
    "start": "gs-assistant (start screen)",
    "open": "gs-assistant open sample:large_demo_india (wizard)",
}


def once(which: str, home: str) -> dict:
    env = {**os.environ, "GS_ASSISTANT_HOME": home}
    start = time.time()
    result = subprocess.run([sys.executable, "-c", CHILD, repr(start), which],
                            capture_output=True, text=True, env=env, timeout=120)
    if result.returncode != 0:
        raise SystemExit(f"{which} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    times: dict[str, list[float]] = {k: [] for k in COMMANDS}
    last: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as home:
        for which in COMMANDS:  # warm the file cache once, not measured
            once(which, home)
        for _ in range(args.runs):
            for which in COMMANDS:
                last[which] = once(which, home)
                times[which].append(last[which]["seconds"])
    base = statistics.median(times["minimal"])
    print(f"cold start to the first screen, median of {args.runs} runs "
          f"(python {sys.version.split()[0]}, {os.cpu_count()} cpus)")
    for which, label in COMMANDS.items():
        median = statistics.median(times[which])
        print(f"  {label:55} {median * 1000:7.0f} ms  {median / base:5.2f}x  "
              f"(min {min(times[which]) * 1000:.0f} ms; first screen {last[which]['screen']}; "
              f"heavy modules: {', '.join(last[which]['heavy']) or 'none'})")
    ratio = statistics.median(times["start"]) / base
    print(f"goal: start <= 1.30x minimal -> {ratio:.2f}x {'OK' if ratio <= 1.3 else 'MISSED'}")


if __name__ == "__main__":
    main()
