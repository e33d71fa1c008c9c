"""At 80 columns the footer cannot show every key: with a table focused, the table's own
keys (追加, 削除 …; a document's next state) are the ones on screen, not cut off."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from gs_assistant.tui.widgets.footer import NOT_DUE, KeyFooter

from .pilot import driven


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
        assert rebuilt  # built as the wizard opened
        rebuilt.clear()
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
