"""The wizard as ``gs-assistant serve`` runs it: whatever a browser user types, no file
outside the served folder is opened, created or exported to, and samples are copied
into the folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from gs_assistant.serve.session import _app_class
from gs_assistant.tui.config import Settings

from .pilot import LARGE, SIZE


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    inside = (tmp_path / "files")
    inside.mkdir()
    (tmp_path / "outside").mkdir()
    monkeypatch.chdir(inside)  # as the served session does
    return inside.resolve()


def served(folder: Path, reviewing: bool = False):
    app = _app_class()(folder, reviewing=reviewing, lang="ja",
                       settings=Settings(lang="ja", autosave_seconds=600, reviewer="山田"))
    app.cursor_blink = False
    app.animation_level = "none"
    return app


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def settled(app, pilot) -> None:
    """Wait for a file being opened (in a worker thread) to reach the screen: one pause
    is not enough on a busy machine."""
    await app.workers.wait_for_complete()
    await pilot.pause()


async def type_new_name(app, pilot, name: str) -> None:
    box = app.screen.query_one("#new-path", Input)
    box.value = name
    box.focus()
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize("name", ["../escape.yaml", "sub/../../escape.yaml", "~/escape.yaml"])
async def test_new_files_outside_the_folder_are_refused(folder: Path, name: str) -> None:
    app = served(folder)
    async with app.run_test(size=SIZE) as pilot:
        await type_new_name(app, pilot, name)
        assert app.doc is None
        assert any("使えません" in m for m in messages(app))
    assert not (folder.parent / "escape.yaml").exists()
    assert not list(Path.home().glob("escape.yaml"))


async def test_an_absolute_path_and_a_link_are_refused(folder: Path) -> None:
    outside = folder.parent / "outside"
    (outside / "theirs.yaml").write_text(LARGE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "link.yaml").symlink_to(outside / "theirs.yaml")
    (folder / "linkdir").symlink_to(outside)
    app = served(folder)
    async with app.run_test(size=SIZE) as pilot:
        await type_new_name(app, pilot, str(outside / "new.yaml"))
        await type_new_name(app, pilot, "linkdir/new.yaml")
        app.open_document(outside / "theirs.yaml")  # e.g. a recent file, now outside
        app.open_document(folder / "link.yaml")
        await settled(app, pilot)
        assert app.doc is None
        shown = messages(app)
        assert sum("フォルダ files の外" in m for m in shown) == 2
        assert sum("シンボリックリンク" in m for m in shown) == 2
    assert sorted(p.name for p in outside.iterdir()) == ["theirs.yaml"]


async def test_a_new_file_and_a_sample_copy_land_in_the_folder(folder: Path) -> None:
    app = served(folder)
    async with app.run_test(size=SIZE) as pilot:
        app.open_sample("large_demo_india")
        await settled(app, pilot)
        assert app.doc.path == folder / "large_demo_india.yaml"
        app.open_sample("large_demo_india")  # a second copy never overwrites the first
        await settled(app, pilot)
        assert app.doc.path == folder / "large_demo_india-2.yaml"
        app.create_document(Path("新規.yaml"))
        await settled(app, pilot)
        assert app.doc.path == folder / "新規.yaml"
    assert (folder / "large_demo_india.yaml").read_text(encoding="utf-8") == LARGE.read_text(
        encoding="utf-8")


async def test_export_outside_the_folder_is_refused(folder: Path) -> None:
    app = served(folder)
    delivered: list[Path] = []
    app.exported = delivered.append  # the browser delivery itself is tested in Chromium
    async with app.run_test(size=SIZE) as pilot:
        app.open_sample("sme_fs_vietnam")
        await settled(app, pilot)
        for name in ("../draft.docx", str(folder.parent / "outside" / "draft.docx")):
            worker = app.run_worker(lambda n=name: app._export(Path(n)), thread=True)
            await worker.wait()
            await pilot.pause()
        assert not delivered
        assert sum("使えません" in m for m in messages(app)) == 2
        worker = app.run_worker(lambda: app._export(Path("draft.docx")), thread=True)
        await worker.wait()
        await pilot.pause()
        assert delivered == [folder / "draft.docx"]
    assert not list((folder.parent / "outside").iterdir())
    assert not (folder.parent / "draft.docx").exists()
    assert (folder / "draft.docx").read_bytes()[:2] == b"PK"


async def test_serve_review_opens_files_on_the_review_screen(folder: Path) -> None:
    app = served(folder, reviewing=True)
    async with app.run_test(size=SIZE) as pilot:
        app.open_sample("large_demo_india")
        await settled(app, pilot)
        assert type(app.screen).__name__ == "ReviewScreen" and app.review_mode
        assert app.doc.path == folder / "large_demo_india.yaml"
        await pilot.press("enter")  # the item's field in the wizard, and back
        await pilot.pause()
        assert type(app.screen).__name__ == "WizardScreen"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewScreen"
    plain = served(folder)
    async with plain.run_test(size=SIZE) as pilot:
        plain.open_sample("large_demo_india")
        await settled(plain, pilot)
        assert type(plain.screen).__name__ == "WizardScreen"


async def test_names_are_checked_before_anything_is_said_about_the_file(folder: Path) -> None:
    """Whether a file outside the folder exists is never told (the name is refused
    first), in the start screen and in the export dialog."""
    outside = folder.parent / "outside"
    (outside / "theirs.yaml").write_text("x", encoding="utf-8")
    (outside / "theirs.docx").write_text("x", encoding="utf-8")
    app = served(folder)
    async with app.run_test(size=SIZE) as pilot:
        await type_new_name(app, pilot, "../outside/theirs.yaml")
        assert not any("既にあります" in m or "すでに" in m for m in messages(app))
        assert any("「..」を含む名前は使えません" in m for m in messages(app))
        app.open_sample("sme_fs_vietnam")
        await settled(app, pilot)
        app.export_docx()
        await pilot.pause()
        box = app.screen.query_one("#export-path", Input)
        for name in ("../outside/theirs.docx", str(outside / "theirs.docx")):
            box.value = name
            box.focus()
            await pilot.press("enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "ExportDialog"  # still asking
            assert "上書き" not in str(app.screen.query_one("#export-note").render())
    assert (outside / "theirs.docx").read_text(encoding="utf-8") == "x"
