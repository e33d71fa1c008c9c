"""Materials, DX areas and stakes written by hand are read the way a person means them."""

from __future__ import annotations

from pathlib import Path

import pytest

from gs_assistant import cli
from gs_assistant.model import load_application
from gs_assistant.model.application import ProjectField
from gs_assistant.model.files import save_application
from gs_assistant.paths import samples_dir


@pytest.mark.parametrize(("typed", "key"), [
    ("蓄電池", "batteries"), ("Storage batteries", "batteries"),
    ("ＢＡＴＴＥＲＩＥＳ", "batteries"),
    ("重要鉱物", "critical_minerals"), ("無人航空機", "drones"), ("other", "other"),
    ("レアアース", "レアアース"),  # an alias stays as typed: the checker asks to confirm it
    ("高機能セラミックス", "高機能セラミックス"), ("", ""),
])
def test_material_names_become_the_pack_key(typed: str, key: str) -> None:
    assert ProjectField(material=typed).material == key


@pytest.mark.parametrize(("typed", "key"), [
    ("農林水産×DX", "agriculture"), ("農林水産 × ＤＸ", "agriculture"), ("農林水産", "agriculture"),
    ("Energy × DX", "energy"), ("urban_development", "urban_development"),
    ("観光×DX", "観光×DX"),
])
def test_dx_area_names_become_the_pack_key(typed: str, key: str) -> None:
    assert ProjectField(dx_area=typed).dx_area == key


def test_a_file_with_names_and_percent_signs_is_saved_with_keys(tmp_path: Path) -> None:
    text = (samples_dir() / "large_demo_india.yaml").read_text(encoding="utf-8")
    text = text.replace("material: batteries", "material: 蓄電池")
    text = text.replace("kind: subsidiary, stake_percent: 100}",
                        'kind: subsidiary, stake_percent: "100%"}')
    assert "蓄電池\n" in text and '"100%"' in text
    path = tmp_path / "typed.yaml"
    path.write_text(text, encoding="utf-8")
    assert cli.main(["check", str(path), "--format", "json"]) == 0  # was exit 2 for "100%"
    app = load_application(path)
    assert app.field.material == "batteries"
    assert app.large.affiliates[0].stake_percent == 100
    save_application(app, path, backup=False)
    saved = path.read_text(encoding="utf-8")
    assert "material: batteries" in saved and "蓄電池\n" not in saved.split("material:")[1][:20]


@pytest.mark.parametrize("typed", ["10%", "１０％", " 10 % ", "10"])
def test_a_stake_accepts_a_percent_sign(typed: str) -> None:
    from gs_assistant.model.application import Affiliate

    assert Affiliate(stake_percent=typed).stake_percent == 10


@pytest.mark.parametrize("typed", ["ten%", "%", "10%%", "110%"])
def test_a_stake_that_is_not_a_percentage_is_refused(typed: str) -> None:
    from pydantic import ValidationError

    from gs_assistant.model.application import Affiliate

    with pytest.raises(ValidationError):
        Affiliate(stake_percent=typed)
