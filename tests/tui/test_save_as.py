"""A read-only file is never written by the wizard; the message names it, and "save as"
(the command palette's 別名で保存) keeps the edit under a new name."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Input

from gs_assistant.model import load_application
from gs_assistant.tui.dialogs import SaveAsDialog

from .pilot import driven


async def test_read_only_file_is_refused_and_saved_as(small_copy: Path) -> None:
    before = small_copy.read_bytes()
    os.chmod(small_copy, 0o444)
    messages: list[str] = []
    async with driven(small_copy) as (app, ui):
        real = app.notify
        app.notify = lambda message, **kw: (messages.append(str(message)), real(message, **kw))
        await ui.type("lead.name", "（改）")
        await ui.keys("ctrl+s")
        await ui.settle()
        assert small_copy.read_bytes() == before  # never written
        failed = [m for m in messages if "保存できませんでした" in m]
        assert failed and str(small_copy) in failed[0] and "読み取り専用" in failed[0]
        assert "別名で保存" in failed[0]

        app.action_save_as()
        await ui.settle()
        assert isinstance(app.screen, SaveAsDialog)
        box = app.screen.query_one("#export-path", Input)
        assert box.value.endswith("-copy.yaml")
        box.value = str(small_copy)  # an existing file: refused
        await box.action_submit()
        await ui.settle()
        assert isinstance(app.screen, SaveAsDialog)
        target = small_copy.with_name("新しい名前.yaml")
        box.value = str(target)
        await box.action_submit()
        await ui.settle()
        assert app.doc.path == target
    assert small_copy.read_bytes() == before
    assert load_application(target).lead.name.endswith("（改）")
    assert os.stat(small_copy).st_mode & 0o777 == 0o444
