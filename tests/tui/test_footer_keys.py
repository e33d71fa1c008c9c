"""At 80 columns the footer cannot show every key: with a table focused, the table's own
keys (追加, 削除 …; a document's next state) are the ones on screen, not cut off."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from gs_assistant.tui.widgets.footer import KeyFooter

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
