"""Helpers for the wizard's pilot tests: an app factory with the cursor blink and
animations off, the checklist counts as shown, and a keyboard-only driver."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Select, Static

from gs_assistant.paths import samples_dir
from gs_assistant.rules import default_pack
from gs_assistant.session.document import Document
from gs_assistant.tui.app import WizardApp
from gs_assistant.tui.config import Settings
from gs_assistant.tui.navigation import widget_id

SIZE = (120, 40)
# How long a driver waits for the app to catch up: by the clock, not by a count of polls,
# so that a machine busy with other work slows the tests down instead of failing them.
PATIENCE = 30.0
TODAY = date(2026, 4, 1)  # before the samples start, within 6 months of the pack's as-of
NOW = datetime(2026, 4, 1, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
LARGE = samples_dir() / "large_demo_india.yaml"
SMALL = samples_dir() / "sme_fs_vietnam.yaml"


def make_app(path: Path | None = None, *, lang: str = "ja", autosave: float = 600.0,
             new: bool = False, review: bool = False, author: str = "",
             reviewer: str = "") -> WizardApp:
    """The wizard on ``path`` (or the start screen), ready for a pilot; ``review`` opens
    the consultant's review screen (``author``: --author, ``reviewer``: the setting)."""
    doc = None
    if path is not None:
        doc = (Document.create if new else Document.open)(path, default_pack())
    settings = Settings(lang=lang, autosave_seconds=autosave, reviewer=reviewer)
    app = WizardApp(doc=doc, lang=lang, settings=settings, review=review, author=author)
    app.cursor_blink = False
    app.animation_level = "none"
    app.today = lambda: TODAY  # screens (and snapshots) do not depend on the real date
    app.now = lambda: NOW  # nor the deadlines' days left on the real time
    app.refresh_seconds = 0.03  # keys typed together share one checklist refresh
    return app


@asynccontextmanager
async def driven(path: Path | None = None, size: tuple[int, int] = SIZE,
                 **options) -> AsyncIterator[tuple[WizardApp, Driver]]:
    """The wizard on ``path`` (``make_app`` options) running at ``size``, settled, with a
    keyboard driver: ``async with driven(path) as (app, ui):``."""
    app = make_app(path, **options)
    async with app.run_test(size=size) as pilot:
        ui = Driver(pilot)
        await ui.settle()
        yield app, ui


def counts_on_screen(app: WizardApp, selector: str = "#checklist") -> dict[str, int]:
    """The status counts the checklist panel shows, read back from its text."""
    text = str(app.screen.query_one(f"{selector} .counts", Static).render())
    labels = {"不適合": "not_met", "未入力": "missing", "要確認": "needs_review", "適合": "met",
              "not met": "not_met", "missing": "missing", "needs review": "needs_review",
              "met": "met"}
    found = dict(re.findall(r"(不適合|未入力|要確認|適合|not met|missing|needs review|met)"
                            r"\s?(\d+)", text))
    return {labels[k]: int(v) for k, v in found.items()}


class Driver:
    """Drives the wizard by keyboard only: Tab to a field, then type or pick."""

    def __init__(self, pilot: Pilot) -> None:
        self.pilot = pilot
        self.app: WizardApp = pilot.app
        self.log: list[list[str]] = []  # every key sent, in groups (see test_walkthrough)

    async def press(self, *keys: str) -> None:
        self.log.append(list(keys))
        await self.pilot.press(*keys)

    async def settle(self) -> None:
        """Wait until the keys sent are handled, the app is idle, the checklist
        refresh (if one is due) is done and a file being opened or saved (in a worker
        thread) is done: a test reading the file after ctrl+s reads what was saved."""
        await self.keys_handled()
        deadline = time.monotonic() + PATIENCE
        while getattr(self.app.screen, "_refresh_pending", False) or self._files_busy():
            if time.monotonic() > deadline:
                break
            await asyncio.sleep(0.01)
        await self.pilot.pause()

    def _files_busy(self) -> bool:
        return any(worker.group in ("open", "save") and not worker.is_finished
                   for worker in self.app.workers)

    async def keys_handled(self) -> None:
        """Wait until the app has dealt with every key sent (it handles one at a time)."""
        deadline = time.monotonic() + PATIENCE
        while True:
            await self.pilot.pause()
            if not self.app._keys.busy() or time.monotonic() > deadline:
                return
            await asyncio.sleep(0.01)

    def send(self, *keys: str) -> None:
        """Queue key events as a terminal delivers fast typing (no wait between keys)."""
        self.log.append(list(keys))
        for key in keys:
            char = key if len(key) == 1 else None
            name = _character_to_key(key) if char and not key.isalnum() else key
            event = events.Key(name, char)
            event.set_sender(self.app)
            self.app._driver.send_message(event)

    async def focus(self, path: str, limit: int = 90) -> None:
        """Press Tab until the widget editing ``path`` has the focus."""
        target = widget_id(path) if not path.startswith("#") else path[1:]
        chain = self.app.screen.focus_chain
        ids = [w.id for w in chain]
        if target in ids and self.app.focused in chain:
            distance = (ids.index(target) - chain.index(self.app.focused)) % len(chain)
            self.send(*["tab"] * distance)
            await self.keys_handled()
        for _ in range(limit):
            if self.app.focused is not None and self.app.focused.id == target:
                return
            await self.press("tab")
        raise AssertionError(f"Tab never reached {target}; focused: {self.app.focused}")

    async def type(self, path: str, text: str, *, replace: bool = False) -> None:
        """Tab to the field and type ``text`` key by key, after what is there (Tab
        selects a field's text) or instead of it."""
        await self.focus(path)
        await self.press("end", *(["ctrl+u"] if replace else []))
        self.send(*text)
        await self.settle()

    async def choose(self, path: str, value: object) -> None:
        """Open the select with Enter, move to ``value`` with the arrows, Enter."""
        await self.focus(path)
        select = self.app.focused
        assert isinstance(select, Select), select
        values = [v for _, v in select._options]
        await self.press("enter")
        current = values.index(select.value)
        step = values.index(value) - current
        self.send(*(["down"] * step if step > 0 else ["up"] * -step), "enter")
        await self.keys_handled()
        assert select.value == value, (path, select.value, value)

    async def tick(self, path: str) -> None:
        await self.focus(path)
        await self.press("space")

    async def keys(self, *keys: str) -> None:
        await self.press(*keys)
        await self.settle()


def with_rows(path: Path, total: int = 10_000) -> int:
    """Make ``path`` (the large sample) hold ``total`` rows: each answer list is capped by
    the rule pack (1,000 affiliates here), the rest is the consultants' review log, which
    only grows. Returns the number of affiliates."""
    from datetime import datetime

    from gs_assistant.model import load_application, save_application
    from gs_assistant.model.application import LogEntry

    app = load_application(path)
    affiliates = min(total, default_pack().params.max_rows_per_list.value)
    first = app.large.affiliates[0]
    app.large.affiliates = [first.model_copy(update={"name": f"関連会社 {i}"})
                            for i in range(affiliates)]
    at = datetime(2026, 4, 1, 10, 0).astimezone()
    app.review.log = [LogEntry(at=at, author="山田", action="comment", item="AMT-001",
                               detail=f"確認 {i}") for i in range(total - affiliates)]
    save_application(app, path)
    return affiliates
