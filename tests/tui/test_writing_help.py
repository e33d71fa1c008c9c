"""Writing help (F2) for every free-text field, in the steps and in the rows' forms: what
reviewers look for, a good example (chosen by the application's field kinds and track)
and a weak one."""

from __future__ import annotations

from pathlib import Path

from gs_assistant.tui.navigation import STEPS, generic, widget_id
from gs_assistant.tui.widgets.fields import AreaBox, FieldBox, TextBox
from gs_assistant.tui.widgets.records import RecordTable, RowEditor

from .pilot import driven

# one-line fields that hold a name, a unit or an address, not a text to write
NAMES = ("name", "parent_name", "company", "intermediate_name", "counterpart_name", "unit",
         "material_other_name", "address", "representative", "lender", "other_source",
         "currency", "rate_source")  # a code (USD) and a source's name (三菱UFJ銀行 TTM)


def free_text(boxes) -> dict[str, FieldBox]:
    return {generic(b.path): b for b in boxes
            if isinstance(b, AreaBox | TextBox) and b.path.rsplit(".", 1)[-1] not in NAMES}


async def test_every_free_text_field_has_help_with_a_good_and_a_weak_example(
        large_copy: Path) -> None:
    async with driven(large_copy) as (app, ui):
        found: dict[str, FieldBox] = {}
        for step in STEPS:
            await app.screen.show_step(step)
            await ui.settle()
            found |= free_text(app.screen.pane.query(FieldBox))
            for table in app.screen.pane.query(RecordTable):
                if table.rows:
                    found |= free_text(table.form(table.list_path, 0))
        assert {"content.summary", "content.activities", "content.structure_japan",
                "co_applicants.role", "content.milestones.title",
                "large.similar_projects.technology_difference",
                "lead.profile.business", "lead.profile.overseas_experience",
                "co_applicants.profile.overseas_experience", "risks.risk", "risks.impact",
                "risks.mitigation", "funding.explanation"} <= set(found)
        for path, box in found.items():
            assert box.hint, path
            assert "審査で見られる点" in box.hint and "良い例" in box.hint, path
            assert "弱い例" in box.hint, path


async def test_examples_follow_the_field_of_the_application(large_copy: Path) -> None:
    from gs_assistant.model.application import FieldKind

    async with driven(large_copy) as (app, ui):  # the large sample is a GX project
        await app.screen.show_step("content", "content.summary")
        await ui.keys("f2")
        gx = app.screen.query_one("#" + widget_id("content.summary") + "--box", FieldBox)
        assert gx.has_class("-show-hint") and "系統用蓄電池" in gx.hint
        app.doc.app.field.kinds = [FieldKind.dx]
        await app.screen.relabel()
        dx = app.screen.query_one("#" + widget_id("content.summary") + "--box", FieldBox)
        assert "スマートメーター" in dx.hint and "系統用蓄電池" not in dx.hint


async def test_f2_in_a_row_form_shows_the_fields_help(large_copy: Path) -> None:
    async with driven(large_copy) as (app, ui):
        await app.screen.show_step("content")
        await ui.focus("content.milestones")
        await ui.keys("enter")
        assert isinstance(app.screen, RowEditor)
        await ui.focus("content.milestones[0].title")
        await ui.keys("f2")
        box = app.screen.query_one("#" + widget_id("content.milestones[0].title") + "--box",
                                   FieldBox)
        assert box.has_class("-show-hint")
        assert "良い例" in str(box.query_one(".hint").render())
