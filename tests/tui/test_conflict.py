"""After a save conflict the wizard offers compare and reload as well as save as
(``tui/conflict.py``, ``Document.reload``): the differing answers are listed with their
labels and both values; reloading takes the file's version and keeps this screen's in
the conflict copy, and later saves go to the file again."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input, Static

from gs_assistant.model import load_application
from gs_assistant.model.store import update_application
from gs_assistant.tui.commands import WizardCommands
from gs_assistant.tui.conflict import CompareDialog
from gs_assistant.tui.dialogs import SaveAsDialog
from gs_assistant.tui.navigation import widget_id

from .pilot import driven


def _elsewhere(path: Path, name: str, employees: int) -> None:
    """Another writer (a script, another window) changes two answers in the file."""
    def change(app):
        app.lead.name = name
        app.lead.employees = employees
        return app
    update_application(path, change)


async def _conflict(app, ui, path: Path) -> Path:
    await ui.type("lead.name", "（画面）")
    _elsewhere(path, "ファイル側株式会社", 77)
    await ui.keys("ctrl+s")
    await ui.settle()
    assert app.doc.conflict_with == path
    assert ".conflict-" in app.doc.path.name
    return app.doc.path


def _palette_names(app) -> list[str]:
    provider = WizardCommands(app.screen)
    return [name for name, _run, _help in provider.commands()]


async def test_compare_lists_the_differing_answers_and_reload_takes_the_file(
        small_copy: Path) -> None:
    before = load_application(small_copy).lead.name
    async with driven(small_copy) as (app, ui):
        assert "ファイルとの違いを見る" not in _palette_names(app)  # no conflict yet
        copy = await _conflict(app, ui, small_copy)
        assert {"ファイルとの違いを見る", "ファイルの版を読み込む"} <= set(_palette_names(app))

        app.action_compare_file()
        await ui.settle()
        dialog = app.screen
        assert isinstance(dialog, CompareDialog)
        title = str(dialog.query_one(".dialog-title", Static).render())
        assert "small.yaml" in title and "2件" in title
        body = str(dialog.query_one("#compare-body", Static).render())
        assert "会社名" in body and "従業員数" in body
        assert f"この画面: {before}（画面）" in body
        assert "ファイル: ファイル側株式会社" in body
        assert "ファイル: 77" in body
        assert copy.name in str(dialog.query_one(".warning", Static).render())

        dialog.query_one("#compare-reload", Button).press()
        await ui.settle()
        assert app.doc.path == small_copy and app.doc.conflict_with is None
        assert app.doc.app.lead.name == "ファイル側株式会社"
        box = app.screen.query_one(f"#{widget_id('lead.name')}", Input)
        assert box.value == "ファイル側株式会社"  # the screen shows the file's version
        assert "ファイルとの違いを見る" not in _palette_names(app)

        await ui.type("lead.name", "（続き）")
        await ui.keys("ctrl+s")
        await ui.settle()
        assert app.doc.path == small_copy
    saved = load_application(small_copy)
    assert (saved.lead.name, saved.lead.employees) == ("ファイル側株式会社（続き）", 77)
    kept = load_application(copy)  # this screen's version, never lost
    assert kept.lead.name == f"{before}（画面）"
    assert len(list(small_copy.parent.glob("*.conflict-*.yaml"))) == 1


async def test_keep_and_save_as_from_the_comparison(small_copy: Path) -> None:
    async with driven(small_copy, lang="en") as (app, ui):
        copy = await _conflict(app, ui, small_copy)
        app.action_compare_file()
        await ui.settle()
        body = str(app.screen.query_one("#compare-body", Static).render())
        assert "this screen:" in body and "the file: ファイル側株式会社" in body
        app.screen.query_one("#compare-keep", Button).press()
        await ui.settle()
        assert app.doc.path == copy and app.doc.conflict_with == small_copy

        app.action_compare_file()
        await ui.settle()
        app.screen.query_one("#compare-save_as", Button).press()
        await ui.settle()
        assert isinstance(app.screen, SaveAsDialog)
        box = app.screen.query_one("#export-path", Input)
        box.value = str(small_copy.with_name("mine.yaml"))
        await box.action_submit()
        await ui.settle()
        assert app.doc.path == small_copy.with_name("mine.yaml")
        assert app.doc.conflict_with is None
    assert load_application(small_copy).lead.name == "ファイル側株式会社"
    assert load_application(small_copy.with_name("mine.yaml")).lead.name.endswith("（画面）")


async def test_reload_saves_the_last_keys_to_the_copy_first(small_copy: Path) -> None:
    async with driven(small_copy) as (app, ui):
        copy = await _conflict(app, ui, small_copy)
        await ui.type("lead.role", "（未保存の追記）")
        assert app.doc.dirty
        await app.action_reload_file()
        await ui.settle()
        assert app.doc.path == small_copy and not app.doc.dirty
    assert load_application(copy).lead.role.endswith("（未保存の追記）")
    assert not load_application(small_copy).lead.role.endswith("（未保存の追記）")
