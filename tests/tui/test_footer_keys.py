"""At 80 columns the footer cannot show every key: with a table focused, the table's own
keys (追加, 削除 …; a document's next state) are the ones on screen, not cut off."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.widgets._footer import FooterKey

from gs_assistant.tui.widgets.footer import NOT_DUE, KeyFooter

from .pilot import driven, make_app


def _keys_on_screen(app, width: int) -> list[str]:
    footer = app.screen.query_one(KeyFooter)
    return [k.description for k in footer.query(FooterKey)
            if k.display and k.region.width and k.region.right <= width]


@pytest.mark.parametrize(("size", "step", "field", "wanted"), [
    ((80, 24), "track_money_period", "costs.expenses", ["追加", "削除"]),
    ((80, 24), "review_export", "package.documents", ["次の状態"]),
    ((140, 45), "track_money_period", "costs.expenses", ["追加", "削除", "ヘルプ"]),
])
async def test_a_focused_tables_keys_are_on_screen(large_copy: Path, size, step, field,
                                                  wanted) -> None:
    async with driven(large_copy, size=size) as (app, ui):
        await app.screen.show_step(step, field)
        await ui.settle()
        shown = _keys_on_screen(app, size[0])
        for word in wanted:
            assert any(word in d for d in shown), (word, shown)


async def test_in_a_form_field_the_wizard_keys_come_first(large_copy: Path) -> None:
    async with driven(large_copy, size=(80, 24)) as (app, ui):
        await app.screen.show_step("applicant", "lead.name")
        await ui.settle()
        shown = _keys_on_screen(app, 80)
        assert shown[:3] == ["ヒント", "前へ", "次へ"], shown


def due_keys(footer: KeyFooter) -> list[tuple]:
    """The keys the footer has for the focus now (a key not due is kept, hidden)."""
    return [(k.key, k.description, k.action, k._disabled, sorted(k.classes))
            for k in footer.query(FooterKey) if not k.has_class(NOT_DUE)]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_other_keys_are_shown_on_the_keys_there_and_read_as_a_rebuilt_footer(
        large_copy: Path, size, monkeypatch: pytest.MonkeyPatch) -> None:
    """Moving to a field with other keys (a table's 追加 / 削除, a step's ctrl+t) updates
    the keys on screen, adding the keys due and hiding those no longer due, instead of
    building the footer again after the next frame (which laid the screen out once more);
    the footer then reads as one built afresh for that focus, at 80 columns too, where
    the stylesheet leaves some keys out."""
    rebuilt: list[int] = []
    recompose = KeyFooter.recompose

    async def counting(self):
        rebuilt.append(1)
        await recompose(self)

    monkeypatch.setattr(KeyFooter, "recompose", counting)
    async with driven(large_copy, size=size) as (app, ui):
        assert not rebuilt  # its first keys placed with the screen, not built after it
        seen = set()
        for step, field in [("track_money_period", "costs.expenses"),
                            ("track_money_period", "funding.lender"),
                            ("benefits", ""), ("review_export", "package.documents"),
                            ("applicant", "lead.name"), ("large_extras", "large.affiliates")]:
            await app.screen.show_step(step, field or None)
            await ui.settle()
            footer = app.screen.query_one(KeyFooter)
            shown = due_keys(footer)
            seen.add(tuple(k[0] for k in shown))
            assert not rebuilt, (step, field)  # not rebuilt by the focus change
            lines = [strip.text for strip in app.screen._compositor.render_strips()]
            footer.refresh(recompose=True)  # Textual's own rebuild, for comparison
            await ui.settle()
            assert rebuilt
            rebuilt.clear()
            assert due_keys(footer) == shown, (step, field)
            assert [strip.text for strip in app.screen._compositor.render_strips()] == lines
        assert len(seen) >= 3  # the keys did change along the way
        await ui.keys("f7")  # in English, keys hidden meanwhile included
        await app.screen.show_step("track_money_period", "costs.expenses")
        await ui.settle()
        shown = due_keys(footer)
        assert any(k[1] == "Add" for k in shown), shown
        footer.refresh(recompose=True)
        await ui.settle()
        assert due_keys(footer) == shown


@pytest.mark.parametrize("opened", [False, True], ids=["start screen", "wizard"])
async def test_the_first_frame_has_the_footers_keys(large_copy: Path, opened: bool,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The footer's first keys are placed by the screen's first layout: Textual's footer
    waits for the focus's keys and builds itself after the first frame, which laid the
    whole screen out and drew it once more (about 20 ms of the start screen's start)."""
    frames: list[tuple[str, int]] = []
    display = App._display

    def recording(self, screen, renderable):
        if renderable is not None and screen.query(KeyFooter):
            frames.append((type(screen).__name__,
                           len(screen.query_one(KeyFooter).query(FooterKey))))
        return display(self, screen, renderable)

    monkeypatch.setattr(App, "_display", recording)
    app = make_app(large_copy if opened else None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = type(app.screen).__name__
        assert screen == ("WizardScreen" if opened else "StartScreen")
        first = next(keys for name, keys in frames if name == screen)
        assert first > 0, frames
        assert _keys_on_screen(app, 80)
