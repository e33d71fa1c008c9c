"""A language switch (F7) relabels the widgets on screen instead of building them again:
the screen after F7 is the screen of a wizard opened in that language on the same file
and step, at both sizes and for every step, and the switch mounts nothing; what the user
typed, the focus, the scroll position and the fields' undo history stay."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import ContentSwitcher, Input, OptionList

from gs_assistant.tui.i18n import set_lang
from gs_assistant.tui.navigation import STEPS, widget_id
from gs_assistant.tui.widgets.relabel import composed, relabel_children

from .pilot import LARGE, SMALL, driven

SIZES = [(120, 40), (80, 24)]
# Boxes whose label is long (a question inside the box) in English only: their question
# is mounted by the first switch to English, and stays (hidden in Japanese) after it.
QUESTIONS_ADDED = {"track_money_period": [
    ("f-costs-plan_date--box", frozenset({"question"})),
    ("f-funding-other_yen--box", frozenset({"question"}))]}


def remeasure(app) -> None:
    """Option lists measured again at their width (see ``screen_text``)."""
    for options in app.screen.query(OptionList):
        options._clear_caches()


def screen_text(app) -> str:
    """What the terminal shows, cell by cell with its style (the notifications off).

    Option lists are measured again first, in both wizards: Textual's ``OptionList``
    keeps the line count it measured before a scroll bar narrowed it, so a wizard just
    opened may cut a checklist heading (``needs revie``) that a relabelled list, measured
    at its current width, wraps."""
    return app.export_screenshot()


async def shown(path: Path, step: str, size: tuple[int, int], lang: str,
                switch: int = 0, visit: bool = False) -> tuple[str, list[tuple]]:
    """The screen of the wizard opened in ``lang`` on ``step`` after ``switch`` presses
    of F7, and the widgets mounted by those presses. ``visit``: the other steps are
    visited first (relabelled later, on their next visit)."""
    mounted: list[tuple] = []
    register = App._register

    def counting(self, parent, *widgets, **kwargs):
        mounted.extend((parent.id, frozenset(w.classes)) for w in widgets)
        return register(self, parent, *widgets, **kwargs)

    async with driven(path, size=size, lang=lang) as (app, ui):
        if visit:
            for other in STEPS:
                await app.screen.show_step(other)
                await ui.settle()
        await app.screen.show_step(step)
        await ui.settle()
        App._register = counting
        try:
            for _ in range(switch):
                await ui.keys("f7")
                await ui.settle()
            if visit:  # back to the step after visiting the others again
                for other in STEPS:
                    await app.screen.show_step(other)
                    await ui.settle()
                await app.screen.show_step(step)
                await ui.settle()
        finally:
            App._register = register
        app.clear_notifications()
        remeasure(app)
        await ui.settle()
        return screen_text(app), ([] if visit else mounted)


@pytest.fixture
def two_copies(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a" / "large.yaml", tmp_path / "b" / "large.yaml"
    for target in (a, b):
        target.parent.mkdir()
        shutil.copy(LARGE, target)
    return a, b


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
@pytest.mark.parametrize("step", STEPS)
async def test_f7_shows_what_a_wizard_opened_in_english_shows(
        step: str, size: tuple[int, int], two_copies: tuple[Path, Path]) -> None:
    switched, mounted = await shown(two_copies[0], step, size, "ja", switch=1)
    set_lang("ja")
    opened, _ = await shown(two_copies[1], step, size, "en")
    assert switched == opened
    # nothing, but the question inside a box whose label is long in English only (a box
    # not built yet, below the view, gets it when it is built)
    assert set(mounted) <= set(QUESTIONS_ADDED.get(step, []))
    assert len(mounted) == len(set(mounted))


@pytest.mark.parametrize("step", STEPS)
async def test_f7_twice_shows_the_japanese_screen_again(
        step: str, two_copies: tuple[Path, Path]) -> None:
    switched, mounted = await shown(two_copies[0], step, (120, 40), "ja", switch=2)
    opened, _ = await shown(two_copies[1], step, (120, 40), "ja")
    assert switched == opened
    assert set(mounted) <= set(QUESTIONS_ADDED.get(step, []))
    assert len(mounted) == len(set(mounted))


async def test_steps_visited_before_are_relabelled_on_their_next_visit(
        two_copies: tuple[Path, Path]) -> None:
    for step in ("applicant", "track_money_period", "review_export"):
        switched, _ = await shown(two_copies[0], step, (120, 40), "en", switch=1,
                                  visit=True)
        set_lang("ja")
        opened, _ = await shown(two_copies[1], step, (120, 40), "ja")
        assert switched == opened, step


async def test_typed_text_focus_scroll_and_undo_survive_f7(tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    shutil.copy(SMALL, path)
    async with driven(path) as (app, ui):
        await ui.type("lead.role", "と販売")
        await ui.type("lead.employees", "12x", replace=True)  # unreadable: kept as typed, not saved
        await ui.settle()
        screen = app.screen
        pane = screen.pane
        pane.scroll_to(y=6, animate=False)
        await ui.settle()
        focused, scrolled = app.focused, pane.scroll_y
        role = screen.query_one("#" + widget_id("lead.role"), Input)
        widgets = set(screen.query("*"))
        await ui.keys("f7")
        await ui.settle()
        assert app.focused is focused
        assert pane.scroll_y == scrolled
        assert set(screen.query("*")) >= widgets  # the very same widgets
        assert screen.query_one("#" + widget_id("lead.employees"), Input).value == "12x"
        assert role.value.endswith("と販売")
        role.focus()
        await ui.settle()
        await ui.keys("ctrl+z")
        await ui.settle()
        assert not role.value.endswith("と販売")  # the typing before F7 is undone
        assert not app.doc.app.lead.role.endswith("と販売")


async def test_a_step_not_as_built_now_is_built_again(small_copy: Path) -> None:
    """The fallback: widgets that are not those the step builds now (here a heading
    removed) make F7 build the step again rather than leave it half relabelled."""
    async with driven(small_copy) as (app, ui):
        pane = app.screen.pane
        await pane.query(".section").first().remove()
        await ui.keys("f7")
        await ui.settle()
        new = app.screen.pane
        assert new is not pane
        assert new.query(".section").first().render().plain == "Lead applicant"
        relabel_children(new, composed(new))  # now it is as built: nothing to do
        assert app.screen.query_one(ContentSwitcher).current == "step-applicant"
