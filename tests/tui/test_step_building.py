"""A checklist refresh that falls while a step is being built (its first visit, or F7
building every step again in the other language) waits for the step instead of asking it
for facts it has not composed yet (it used to end the wizard with NoMatches '#lead-sme')."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import ContentSwitcher

from gs_assistant.tui.steps import STEP_CLASSES

from .pilot import driven


async def test_a_refresh_while_the_step_is_being_built_waits_for_it(small_copy: Path) -> None:
    async with driven(small_copy) as (app, ui):
        screen = app.screen
        switcher = screen.query_one(ContentSwitcher)
        await switcher.query_one("#step-applicant").remove()
        step = STEP_CLASSES["applicant"]()
        building = switcher.mount(step)  # not awaited: in the DOM, not composed yet
        assert not step.is_mounted and not step.query("#lead-sme")
        screen.refresh_report()  # what the refresh timer does at that moment
        await building
        await screen.show_step("applicant")
        await ui.settle()
        assert "中小企業" in str(step.query_one("#lead-sme").render())


async def test_f7_twice_with_a_refresh_due_keeps_the_wizard_running(small_copy: Path) -> None:
    async with driven(small_copy) as (app, ui):
        await ui.type("lead.role", "と販売")
        await ui.keys("f7", "f7")  # the refresh the typing asked for falls in between
        await ui.settle()
        assert app.is_running and app.return_code is None
        assert app.doc.app.lead.role.endswith("と販売")
