"""Start screen, help, export, the command line entry and what is drawn on screen."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from gs_assistant.model import load_application
from gs_assistant.model.catalogue import CATALOGUE_FILE
from gs_assistant.tui import app as app_module
from gs_assistant.tui import config, run
from gs_assistant.tui.dialogs import ExportDialog, HelpScreen
from gs_assistant.tui.navigation import STEPS
from gs_assistant.tui.widgets.records import RowEditor

from .pilot import driven

# Drawn two cells wide by many Japanese terminals but measured as one: never in our UI
# (symbols, circled digits, and the block elements of Textual's tall borders and scroll
# bars). Box-drawing lines are allowed: terminals draw them one cell wide.
AMBIGUOUS = re.compile("[※○●■□→←★☆◆◇△▲▼…①-⑳\u2580-\u259f]")


def screen_text(app) -> str:
    svg = app.export_screenshot()
    return re.sub(r"<[^>]+>", "", svg)


def test_no_ambiguous_width_glyphs_in_the_step_snapshots() -> None:
    """The snapshots are every step, the start screen, the review screen and pop-up
    messages, the submission package view and the wizard's two tables as drawn now
    (test_snapshots.py, test_review.py and test_package_panel.py check that)."""
    svgs = sorted((Path(__file__).parent / "__snapshots__").rglob("*.svg"))
    # every step at three terminal sizes, start + review screens, two pop-ups, the package
    # view, and the expense plan and the package focused in the wizard at two sizes
    assert len(svgs) == len(STEPS) * 3 + 2 + 2 + 1 + 4
    for svg in svgs:
        text = re.sub(r"<[^>]+>", "", svg.read_text(encoding="utf-8"))
        assert not AMBIGUOUS.findall(text), svg.name


async def test_no_ambiguous_width_glyphs_in_dialogs_lists_and_toasts(large_copy: Path) -> None:
    async with driven(large_copy) as (app, ui):
        await ui.focus("co_applicants")
        await ui.keys("enter")
        assert isinstance(app.screen, RowEditor)
        assert not AMBIGUOUS.findall(screen_text(app))
        await ui.keys("escape", "f1")
        assert isinstance(app.screen, HelpScreen)
        assert not AMBIGUOUS.findall(screen_text(app))
        await ui.keys("escape")
        await ui.focus("lead.industry")
        await ui.keys("enter")  # the select's list is open
        assert not AMBIGUOUS.findall(screen_text(app))
        await ui.keys("escape", "ctrl+p")  # the command palette
        ui.send(*"次")
        await ui.settle()
        assert not AMBIGUOUS.findall(screen_text(app))
        app.notify("保存しました")
        await ui.settle()
        assert not AMBIGUOUS.findall(screen_text(app))


def test_no_ambiguous_width_glyphs_in_the_wizard_sources() -> None:
    folder = Path(app_module.__file__).parent
    for path in folder.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not AMBIGUOUS.findall(text), path
    assert "碑益" not in "".join(p.read_text(encoding="utf-8") for p in folder.rglob("*.py"))
    # the fields' labels and the wizard's own choices live in the field catalogue
    labels = CATALOGUE_FILE.read_text(encoding="utf-8")
    assert not AMBIGUOUS.findall(labels) and "碑益" not in labels


async def test_start_screen_new_recent_and_sample(tmp_path: Path, home: Path) -> None:
    existing = tmp_path / "old.yaml"
    existing.write_text(Path(config.__file__).parents[1].joinpath(
        "samples", "sme_fs_vietnam.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    config.add_recent(existing)
    async with driven() as (app, ui):
        await ui.pilot.press("ctrl+u")
        ui.send(*str(existing), "enter")  # a name that exists: refused
        await ui.settle()
        assert type(app.screen).__name__ == "StartScreen"
        await ui.focus("#recent")
        await ui.keys("enter")
        assert app.doc.path == existing.resolve()
        assert app.screen.step == "applicant"

    async with driven() as (app, ui):
        await ui.focus("#samples")
        await ui.keys("enter")
        assert app.doc.path.parent == home / "samples"
        assert app.doc.app.lead.name
    assert config.recent_files()[0].parent == home / "samples"


async def test_export_says_when_the_exporter_is_not_available(large_copy: Path,
                                                              monkeypatch) -> None:
    def missing():
        raise ImportError("No module named 'gs_assistant.export.docx'")

    monkeypatch.setattr(app_module, "find_exporter", missing)
    async with driven(large_copy) as (app, ui):
        await ui.keys("f9")  # only on the last step
        assert not isinstance(app.screen, ExportDialog)
        await app.screen.show_step("review_export")
        await ui.keys("f9")
        assert isinstance(app.screen, ExportDialog)
        await ui.keys("enter")
        await app.workers.wait_for_complete()
        await ui.settle()
        shown = [n.message for n in app._notifications]
        assert any("まだ利用できません" in m for m in shown), shown


async def test_export_calls_the_exporter_with_the_application(large_copy: Path,
                                                              monkeypatch) -> None:
    calls = []

    def fake_export(application, pack, out_path):
        calls.append((application, pack.id, Path(out_path)))
        Path(out_path).write_bytes(b"docx")

    monkeypatch.setattr(app_module, "find_exporter", lambda: fake_export)
    async with driven(large_copy) as (app, ui):
        await app.screen.show_step("review_export")
        await ui.settle()
        await ui.keys("f9", "enter")
        await app.workers.wait_for_complete()
        await ui.settle()
    out = large_copy.with_suffix(".docx")
    assert calls and calls[0][0] is app.doc.app and calls[0][2] == out
    assert out.read_bytes() == b"docx"


async def test_export_writes_a_word_file_with_the_real_exporter(large_copy: Path) -> None:
    """The exporter is imported only when asked for, then writes a real .docx."""
    async with driven(large_copy) as (app, ui):
        await app.screen.show_step("review_export")
        await ui.settle()
        await ui.keys("f9", "enter")
        await app.workers.wait_for_complete()
        await ui.settle()
        shown = [n.message for n in app._notifications]
    out = large_copy.with_suffix(".docx")
    assert any("書き出しました" in m for m in shown), shown
    assert out.read_bytes()[:2] == b"PK"  # a zip package, as .docx files are


def test_run_refuses_bad_files_with_one_line(tmp_path: Path, large_copy: Path,
                                             capsys) -> None:
    assert run("open", str(tmp_path / "none.yaml"), "ja") == 2
    assert run("new", str(large_copy), "ja") == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text("meta: {schema_version: 1}\nlead: {employees: many}\n", encoding="utf-8")
    assert run("open", str(broken), "ja") == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 3
    assert "none.yaml" in lines[0] and "見つかりません" in lines[0]
    assert "large.yaml" in lines[1] and "既にあります" in lines[1]
    assert "broken.yaml" in lines[2] and "lead.employees" in lines[2]
    assert "Traceback" not in "".join(lines)
    assert load_application(large_copy).lead.name  # untouched


START_PROBE = """
import sys, os
os.environ['GS_ASSISTANT_HOME'] = sys.argv[1]
import gs_assistant.tui
from textual import constants
from gs_assistant.tui.app import WizardApp

async def leave(pilot):
    await pilot.pause()
    pilot.app.exit()

app = WizardApp()
app.run(headless=True, size=(120, 40), auto_pilot=leave)
print(type(app.screen_stack[-1]).__name__ if app.screen_stack else "-", constants.DISABLE_KITTY_KEY)
print(",".join(sorted(m for m in sys.modules
                      if m in ("docx", "gs_assistant.export.docx", "gs_assistant.rules",
                               "gs_assistant.model", "pydantic"))))
"""


def test_start_screen_is_light_and_kitty_keys_are_off(home: Path) -> None:
    """The first screen imports neither python-docx, the exporter, nor the model."""
    env = {k: v for k, v in __import__("os").environ.items()
           if k != "TEXTUAL_DISABLE_KITTY_KEY"}
    result = subprocess.run([sys.executable, "-c", START_PROBE, str(home)],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    first, heavy = [*result.stdout.strip().splitlines(), ""][:2]
    assert first.endswith("True")  # Kitty keyboard protocol disabled
    assert heavy == ""


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_help_lists_every_binding(large_copy: Path, lang: str) -> None:
    from gs_assistant.tui.bindings import ALL_KEYS

    async with driven(large_copy, lang=lang) as (app, ui):
        await ui.keys("f1")
        text = screen_text(app)
        for key in ("f2", "f4", "ctrl+s", "ctrl+q"):
            assert key in text
        assert len({k.id for k in ALL_KEYS}) == len(ALL_KEYS)  # ids are unique
        await ui.keys("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_type3_condition_b_offers_no_clear_challenges_branch(large_copy: Path) -> None:
    """seed:325: type 3 b is 'not yet applied' only; types 1 and 2 have the alternative."""
    from gs_assistant.tui.widgets.fields import ChoiceBox

    async with driven(large_copy) as (app, ui):
        await app.screen.show_step("benefits")
        await ui.settle()

        def offered(path: str) -> set[str]:
            box = next(b for b in app.screen.query(ChoiceBox) if b.path == path)
            return {value for _, value in box.options}

        assert offered("japan_benefit.type3.b.branch") == {"not_applied"}
        assert offered("japan_benefit.type1.b.branch") == {"not_applied", "challenges_clear"}


async def test_help_shows_the_keys_of_the_screen_in_front_grouped(large_copy: Path) -> None:
    from gs_assistant.tui.dialogs import help_text

    wizard = str(help_text({}, "wizard"))
    review = str(help_text({}, "review"))
    assert "この画面（ウィザード）" in wizard and "判定絞込" not in wizard
    assert "この画面（レビュー）" in review and "a,insert" not in review and "f9" not in review
    for text in (wizard, review):
        assert "ctrl+z" in text and "どの画面でも" in text
        lines = [line.split()[0] for line in text.splitlines() if line.startswith("  ")
                 and line.split()]
        keys_shown = [k for k in lines if not k[0].isdigit() and not k.startswith("キー")]
        assert len(keys_shown) == len(set(keys_shown)), keys_shown  # each key once
    async with driven(large_copy, review=True, author="山田") as (app, ui):
        await ui.keys("f1")
        assert "判定絞込" in screen_text(app) and "この画面（レビュー）" in screen_text(app)
