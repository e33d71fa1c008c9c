"""Every field of the catalogue (model/fields.yaml) that has a step has a box on that step,
in the step itself or in a row's form; the fields not yet asked by the wizard are listed
here, exactly. Adding a field is its catalogue entry plus its place in a step's layout:
this test says which of the two is missing."""

from __future__ import annotations

from pathlib import Path

from gs_assistant.model import fieldpath
from gs_assistant.model.catalogue import catalogue
from gs_assistant.tui.navigation import STEPS, step_for
from gs_assistant.tui.widgets.fields import FieldBox
from gs_assistant.tui.widgets.package import PackagePanel
from gs_assistant.tui.widgets.records import RecordTable

from .pilot import SIZE, make_app

# Answers of the file that no step asks for yet.
NOT_YET_IN_THE_WIZARD: set[str] = set()


def _boxes(widgets) -> set[str]:
    return {fieldpath.generic(w.path) for w in widgets if isinstance(w, FieldBox)}


async def test_every_catalogue_field_has_a_box_on_its_step(large_copy: Path) -> None:
    cat = catalogue()
    app = make_app(large_copy)
    found: dict[str, set[str]] = {}
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        for step in STEPS:
            await screen.show_step(step)
            await pilot.pause()
            pane = screen.pane
            paths = _boxes(pane.query(FieldBox))
            for table in pane.query(RecordTable):
                paths.add(table.list_path)
                if not screen.doc.rows(table.list_path):
                    screen.doc.add_row(table.list_path)
                paths |= _boxes(table.form(table.list_path, 0))
            if pane.query(PackagePanel):
                paths.add("package.documents")
            found[step] = paths
    for step, paths in found.items():
        misplaced = sorted(p for p in paths if step_for(p) != step)
        assert not misplaced, f"boxes on {step} whose catalogue step differs: {misplaced}"
    shown = set().union(*found.values())
    asked = {p for p, s in cat.fields.items() if s.kind not in ("group", "computed")}
    missing = asked - shown
    assert not missing - NOT_YET_IN_THE_WIZARD, (
        f"catalogue fields with a step but no box on it: {sorted(missing)}; add each to its "
        "step's layout (tui/steps/) or to NOT_YET_IN_THE_WIZARD")
    assert not NOT_YET_IN_THE_WIZARD - missing, (
        f"now in the wizard, take them off NOT_YET_IN_THE_WIZARD: "
        f"{sorted(NOT_YET_IN_THE_WIZARD - missing)}")
    assert shown <= set(cat.fields)
