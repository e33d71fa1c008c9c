"""Shared parts of the wizard's in-process benchmarks (not a benchmark itself).

Every figure is taken the same way for the wizard and for its baseline, in the same run:

- a frame is a call of ``App._display`` (Textual renders the update before it, headless
  or not); ``Frames`` records when each happened;
- "settled" means nothing is left to do: no layout, repaint or recompose pending on any
  screen, no checklist refresh waiting on its timer, and the event loop idle;
- typing: keys are queued one every ``CADENCE`` seconds (a brisk typist). CPU per key is
  ``time.process_time`` (every thread) from the first key until the app has settled after
  the last one (the wizard's checklist refresh, which waits for a pause in the typing,
  included), less the same app's CPU when idle for as long, divided by the number of
  keys; wall per key is from a key being queued to the first frame drawn after it.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

from textual import events
from textual.app import App
from textual.keys import _character_to_key

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

SIZE = (120, 40)
CADENCE = 0.15


class Frames:
    """Records the time of every frame the app draws."""

    def __init__(self) -> None:
        self.times: list[float] = []
        original = App._display

        def display(app, screen, renderable):
            if renderable is not None:
                self.times.append(time.perf_counter())
            return original(app, screen, renderable)

        App._display = display

    def first_after(self, moment: float) -> float | None:
        return next((t for t in self.times if t >= moment), None)


FRAMES = Frames()


def busy(app: App) -> bool:
    for screen in app.screen_stack:
        if getattr(screen, "_refresh_pending", False):
            return True
    screen = app.screen
    return bool(screen._layout_required or screen._repaint_required or screen._dirty_widgets
                or screen._recompose_required or screen._scroll_required)


async def settle(pilot, limit: float = 5.0) -> None:
    """Wait until ``busy`` is false and the process is idle (see the module's docstring).
    Polls with short sleeps only: the pilot's own ``pause`` visits every widget, which
    would add CPU time in proportion to the number of widgets."""
    app = pilot.app
    end = time.perf_counter() + limit
    quiet = 0
    while time.perf_counter() < end and quiet < 2:
        cpu = time.process_time()
        await asyncio.sleep(0.01)
        idle = time.process_time() - cpu < 0.001
        quiet = quiet + 1 if idle and not busy(app) else 0


def send_key(app: App, key: str) -> None:
    """Queue a key as a terminal delivers it."""
    char = key if len(key) == 1 else None
    name = _character_to_key(key) if char and not key.isalnum() else key
    event = events.Key(name, char)
    event.set_sender(app)
    app._driver.send_message(event)


async def typed(pilot, keys: str) -> tuple[float, list[float]]:
    """(CPU seconds per key, wall seconds to the first frame of each key)."""
    await settle(pilot)
    cpu0, start = time.process_time(), time.perf_counter()
    await asyncio.sleep(CADENCE * len(keys))
    idle_rate = (time.process_time() - cpu0) / (time.perf_counter() - start)
    walls = []
    cpu0, start = time.process_time(), time.perf_counter()
    for key in keys:
        wall0 = time.perf_counter()
        send_key(pilot.app, key)
        await asyncio.sleep(CADENCE)
        first = FRAMES.first_after(wall0)
        walls.append((first if first is not None else time.perf_counter()) - wall0)
    await settle(pilot)  # what the keys left to do (a refresh after the typing)
    busy_cpu = time.process_time() - cpu0
    idle = idle_rate * (time.perf_counter() - start)
    return max(0.0, busy_cpu - idle) / len(keys), walls


async def timed_action(pilot, key: str) -> float:
    """Wall seconds from a key to the last frame drawn before the app settled (a whole
    action: a step switch, a dialog)."""
    wall0 = time.perf_counter()
    send_key(pilot.app, key)
    await settle(pilot)
    last = max((t for t in FRAMES.times if t >= wall0), default=time.perf_counter())
    return last - wall0


def median(values: list[float]) -> float:
    return statistics.median(values)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"
