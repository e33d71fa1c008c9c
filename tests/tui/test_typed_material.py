"""A material the file names by a related word (an alias) survives a visit to its step."""

from __future__ import annotations

from pathlib import Path

from gs_assistant.model import load_application
from gs_assistant.paths import samples_dir

from .pilot import driven


async def test_an_alias_material_is_kept_when_its_step_is_shown(tmp_path: Path) -> None:
    text = (samples_dir() / "large_demo_india.yaml").read_text(encoding="utf-8")
    path = tmp_path / "alias.yaml"
    path.write_text(text.replace("material: batteries", "material: レアアース"),
                    encoding="utf-8")
    async with driven(path) as (app, ui):
        await ui.keys("f4")  # to the country and field step, where the material is chosen
        await ui.settle()
        assert app.screen.step == "country_field"
        assert app.doc.app.field.material == "レアアース"
        await ui.keys("ctrl+s")
        await ui.settle()
    assert load_application(path).field.material == "レアアース"
