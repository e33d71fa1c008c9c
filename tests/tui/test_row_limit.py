"""A list at the rule pack's row limit: the wizard says so when a row is added, and
adds none (a longer list could not be opened again)."""

from __future__ import annotations

from pathlib import Path

from gs_assistant.model import Milestone, load_application, save_application
from gs_assistant.rules import default_pack
from gs_assistant.tui.widgets.records import RowEditor

from .pilot import driven


def _full(small_copy: Path) -> int:
    limit = default_pack().max_rows
    app = load_application(small_copy)
    app.content.milestones = [Milestone(title=f"工程 {i}") for i in range(limit)]
    save_application(app, small_copy)
    return limit


async def test_adding_a_row_past_the_limit_says_so(small_copy: Path) -> None:
    limit = _full(small_copy)
    async with driven(small_copy) as (app, ui):
        await app.screen.show_step("content")
        await ui.focus("content.milestones")
        await ui.keys("a")
        assert not isinstance(app.screen, RowEditor)
        assert len(app.doc.app.content.milestones) == limit
        said = [n.message for n in app._notifications]
        assert any(f"{limit:,}行まで" in m for m in said), said
        await ui.keys("ctrl+s")
    assert len(load_application(small_copy).content.milestones) == limit


def test_one_row_below_the_limit_can_still_be_added(small_copy: Path) -> None:
    from gs_assistant.session.document import Document

    limit = _full(small_copy)
    doc = Document.open(small_copy, default_pack())
    doc.remove_row("content.milestones", 0)
    assert doc.room_for_a_row("content.milestones")
    assert doc.add_row("content.milestones") == limit - 1
    assert not doc.room_for_a_row("content.milestones")
