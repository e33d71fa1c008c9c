"""Snapshots (pytest-textual-snapshot) of every step with the large sample loaded.
Regenerate with ``pytest tests/tui/test_snapshots.py --snapshot-update`` after a
deliberate change, and look at the SVGs before committing them."""

from __future__ import annotations

from pathlib import Path

import pytest

from gs_assistant.tui.navigation import STEPS

from .pilot import SIZE, make_app

SIZES = {"80x24": (80, 24), "100x30": (100, 30), "140x45": (140, 45)}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("step", STEPS)
def test_step_snapshot(step: str, size: str, large_copy: Path, snap_compare) -> None:
    """Every step at the smallest supported terminal, a cramped one and a roomy one."""
    app = make_app(large_copy)

    async def go(pilot) -> None:
        await pilot.pause()
        await pilot.app.screen.show_step(step)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES[size], run_before=go)


def test_start_screen_snapshot(snap_compare, home: Path, monkeypatch) -> None:
    monkeypatch.chdir(home.parent)
    assert snap_compare(make_app(), terminal_size=SIZE)


@pytest.mark.parametrize("size", ["80x24", "100x30"])
def test_pop_up_messages_snapshot(size: str, large_copy: Path, snap_compare) -> None:
    """Pop-up messages over the form keep every Japanese character (issue 13, item 8)."""
    from gs_assistant.tui.i18n import t

    app = make_app(large_copy)

    async def go(pilot) -> None:
        await pilot.pause()
        pilot.app.notify(t("wizard.no_hint"), timeout=60)
        pilot.app.notify(t("session.recovered", time="2026-04-01 12:00"), timeout=60)
        await pilot.pause(0.3)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=go)


@pytest.mark.parametrize("size", ["80x24", "140x45"])
@pytest.mark.parametrize(("step", "field"), [("track_money_period", "costs.expenses"),
                                             ("review_export", "package.documents")])
def test_table_snapshot(step: str, field: str, size: str, large_copy: Path,
                        snap_compare) -> None:
    """The expense plan (経費明細) and the submission package, each focused and in view."""
    app = make_app(large_copy)

    async def go(pilot) -> None:
        await pilot.pause()
        await pilot.app.screen.show_step(step, field)
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=SIZES[size], run_before=go)
