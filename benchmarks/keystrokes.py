"""Keystrokes, row dialogs and step switches in the wizard, against bare Textual widgets.

    .venv/bin/python benchmarks/keystrokes.py [--keys 40]

Method (``tui_harness``): each app runs headless at 120x40 in this process, one after the
other in the same run. A key is queued as a terminal delivers it; its CPU time runs until
the app has settled (nothing left to lay out or paint, the checklist refresh that follows
typing included) and its wall time until the first frame drawn after it. Autosave is set
far away: it is measured by ``benchmarks/autosave_stall.py``. Medians.

1. typing in a main-form field of the large sample (申請者の役割) vs a bare ``Input``:
   goals CPU <= 2x, wall <= 1.5x;
2. typing in a row dialog (affiliate 500 of 1,000) vs the bare ``Input``: goal <= 1.5x
   (wall);
3. a step switch (F4, first visit and revisit) on the large sample vs a bare
   ``ContentSwitcher`` that mounts a pane of as many bordered ``Input``s on its first
   visit: goal <= 3x;
4. the slowest single action on the large sample (each step's first visit, opening a row
   dialog, the command palette, switching the language): goal <= 0.2 s.

Exit status 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Input
from tui_harness import CADENCE, SIZE, median, ms, send_key, settle, timed_action, typed

WORD = "ベトナム現地法人との共同実証abcdefghij"


def still(widget: Input) -> Input:
    """No blinking cursor (it draws a frame twice a second), like the wizard under test."""
    widget.cursor_blink = False
    return widget


class BareInput(App):
    def on_load(self) -> None:
        self.animation_level = "none"  # as in the wizard under test

    def compose(self) -> ComposeResult:
        yield still(Input(compact=True))


class BareSwitcher(App):
    """Panes of ``fields`` bordered Inputs, each mounted on its first visit."""

    CSS = "Vertical { border: round $primary; height: auto; }"

    def __init__(self, fields: int) -> None:
        super().__init__()
        self.fields = fields
        self.pane_no = 0

    def on_load(self) -> None:
        self.animation_level = "none"  # as in the wizard under test

    def compose(self) -> ComposeResult:
        yield ContentSwitcher(id="content")

    async def on_mount(self) -> None:
        await self.show(0)

    async def show(self, number: int) -> None:
        switcher = self.query_one(ContentSwitcher)
        if not switcher.query(f"#p{number}"):
            pane = VerticalScroll(*[Vertical(still(Input(compact=True)))
                                    for _ in range(self.fields)],
                                  id=f"p{number}")
            await switcher.mount(pane)
        switcher.current = f"p{number}"
        self.pane_no = number
        self.query_one(f"#p{number} Input").focus()

    async def key_f4(self) -> None:
        await self.show(self.pane_no + 1)

    async def key_f3(self) -> None:
        await self.show(self.pane_no - 1)


async def type_into(app: App, prepare, keys: int) -> tuple[float, list[float]]:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await prepare(pilot)
        await settle(pilot)
        await typed(pilot, WORD[:5])  # warm-up, not counted
        text = (WORD * (keys // len(WORD) + 1))[:keys]
        return await typed(pilot, text)


_COPIES = iter(range(1_000_000))


def wizard(path: Path):
    """The wizard on a fresh copy of ``path`` (a wizard that closes may save the step it
    was on, and the next one would start there)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from tui.pilot import make_app

    copy = path.with_name(f"{path.stem}-{next(_COPIES)}{path.suffix}")
    shutil.copy(path, copy)
    app = make_app(copy, autosave=600.0)
    app.refresh_seconds = type(app).refresh_seconds  # the product's (the tests shorten it)
    return app


async def focus(pilot, path: str) -> None:
    assert pilot.app.screen.focus_field(path), path
    await settle(pilot)
    send_key(pilot.app, "end")


def with_affiliates(source: Path, target: Path, count: int) -> Path:
    from gs_assistant.model import load_application, save_application

    app = load_application(source)
    first = app.large.affiliates[0]
    app.large.affiliates = [first.model_copy(update={"name": f"関連会社 {i}"})
                            for i in range(count)]
    save_application(app, target)
    return target


async def open_row(pilot, index: int) -> None:
    screen = pilot.app.screen
    await screen.show_step("large_extras")
    await settle(pilot)
    assert screen.focus_field(f"large.affiliates[{index}].name", open_form=True)
    await settle(pilot)
    assert type(pilot.app.screen).__name__ == "RowEditor", pilot.app.screen
    send_key(pilot.app, "end")


async def step_switches(app: App, steps: int) -> tuple[list[float], list[float]]:
    first, again = [], []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.set_focus(None)
        start = getattr(pilot.app.screen, "step", None)
        assert start in (None, "applicant"), start  # the wizard starts at its first step
        for _ in range(steps):
            first.append(await timed_action(pilot, "f4"))
        for _ in range(steps):
            again.append(await timed_action(pilot, "f3"))
        for _ in range(steps):
            again.append(await timed_action(pilot, "f4"))
    return first, again


async def slowest_actions(path: Path) -> list[tuple[str, float]]:
    from gs_assistant.tui.navigation import STEPS

    out = []
    app = wizard(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        await screen.show_step(STEPS[0])
        await settle(pilot)
        for step in STEPS[1:]:
            pilot.app.set_focus(None)
            out.append((f"first visit: {step}", await timed_action(pilot, "f4")))
        await screen.show_step("applicant")
        await settle(pilot)
        screen.focus_field("co_applicants")
        await settle(pilot)
        out.append(("open a row dialog (co-applicant)", await timed_action(pilot, "enter")))
        out.append(("close it", await timed_action(pilot, "escape")))
        out.append(("command palette", await timed_action(pilot, "ctrl+p")))
        out.append(("close it", await timed_action(pilot, "escape")))
        out.append(("language switch", await timed_action(pilot, "f7")))
        out.append(("language switch back", await timed_action(pilot, "f7")))
    return out


def step_field_boxes(path: Path) -> int:
    """How many field boxes the wizard's steps have, on average (the baseline's panes)."""
    async def count() -> int:
        from gs_assistant.tui.navigation import STEPS

        app = wizard(path)
        boxes = 0
        async with app.run_test(size=SIZE) as pilot:
            for step in STEPS:
                await pilot.app.screen.show_step(step)
            await settle(pilot)
            boxes = len(pilot.app.screen.query(".field"))
        return round(boxes / len(STEPS))

    return asyncio.run(count())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=40)
    args = parser.parse_args()
    from gs_assistant.paths import samples_dir

    missed = []
    with tempfile.TemporaryDirectory(prefix="gs_keys_") as tmp:
        large = Path(tmp) / "large.yaml"
        shutil.copy(samples_dir() / "large_demo_india.yaml", large)
        rows = with_affiliates(large, Path(tmp) / "rows_1000.yaml", 1000)

        bare_cpu, bare_wall = asyncio.run(type_into(BareInput(), lambda p: p.pause(),
                                                    args.keys))
        main_cpu, main_wall = asyncio.run(type_into(
            wizard(large), lambda p: focus(p, "lead.role"), args.keys))
        row_cpu, row_wall = asyncio.run(type_into(
            wizard(rows), lambda p: open_row(p, 500), args.keys))
        bare2_cpu, bare2_wall = asyncio.run(type_into(BareInput(), lambda p: p.pause(),
                                                      args.keys))
        base_cpu = (bare_cpu + bare2_cpu) / 2
        base_wall = median(bare_wall + bare2_wall)
        print(f"per key ({args.keys} keys, one every {CADENCE * 1000:.0f} ms): CPU less the "
              "same app idle; wall to the first frame (median)")
        print(f"  bare Input                        CPU {ms(base_cpu)}  wall {ms(base_wall)}")
        for label, cpu, wall, cpu_goal, wall_goal in (
                ("main form, large sample", main_cpu, main_wall, 2.0, 1.5),
                ("row dialog, 1,000 affiliates", row_cpu, row_wall, None, 1.5)):
            c, w = cpu / base_cpu, median(wall) / base_wall
            print(f"  {label:33} CPU {ms(cpu)} ({c:4.2f}x)  wall {ms(median(wall))} "
                  f"({w:4.2f}x)")
            if cpu_goal and c > cpu_goal:
                missed.append(f"{label}: CPU {c:.2f}x > {cpu_goal}x")
            if w > wall_goal:
                missed.append(f"{label}: wall {w:.2f}x > {wall_goal}x")

        fields = step_field_boxes(large)
        steps = 5
        w_first, w_again = asyncio.run(step_switches(wizard(large), steps))
        b_first, b_again = asyncio.run(step_switches(BareSwitcher(fields), steps))
        print(f"step switch (F4/F3) to settled; baseline: ContentSwitcher, panes of {fields} "
              "bordered Inputs")
        for label, ours, base in (("first visit", w_first, b_first),
                                  ("revisit", w_again, b_again)):
            ratio = median(ours) / median(base)
            print(f"  {label:12} wizard {ms(median(ours))}  bare {ms(median(base))}  "
                  f"{ratio:4.2f}x (goal <= 3x)")
            if ratio > 3:
                missed.append(f"step switch, {label}: {ratio:.2f}x > 3x")

        actions = asyncio.run(slowest_actions(large))
        name, worst = max(actions, key=lambda a: a[1])
        print("single actions on the large sample (to settled):")
        for label, seconds in actions:
            print(f"  {label:34} {ms(seconds)}")
        print(f"  slowest: {name} {ms(worst)} (goal <= 200 ms)")
        if worst > 0.2:
            missed.append(f"slowest action {name}: {worst * 1000:.0f} ms > 200 ms")
    print("goals: " + ("all met" if not missed else "MISSED: " + "; ".join(missed)))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
