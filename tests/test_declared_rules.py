"""Rules declared in the pack: a `check:` block in rules.yaml, no Python.

A pack author copies the pack, adds a rule of a common kind and sees it in `check`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from gs_assistant import cli
from gs_assistant.model import Application
from gs_assistant.paths import rules_dir
from gs_assistant.rules import RulePackError, check, load_pack

SAMPLE = "sample:large_demo_india"

NEW_RULES = [
    {"id": "CNT-901", "topic": "content", "citation": "seed:119", "field": "content.title",
     "title": {"ja": "事業名称（宣言）", "en": "Title (declared)"},
     "check": {"kind": "required", "missing": {"ja": "事業名称を入力", "en": "Enter the title"},
               "met": {"ja": "名称：{value}", "en": "Title: {value}"}}},
    {"id": "CNT-902", "topic": "content", "citation": "seed:119", "field": "content.summary",
     "title": {"ja": "概要（宣言）", "en": "Summary (declared)"},
     "check": {"kind": "free_text", "missing": {"ja": "概要を入力", "en": "Enter it"}}},
    {"id": "SME-901", "topic": "sme", "citation": "deemed_large", "field": "lead.deemed_large",
     "title": {"ja": "大企業1社が1/2以上を所有しない", "en": "No large company holds half"},
     "check": {"kind": "yes_no", "path": "lead.deemed_large.one_large_holds_half",
               "expect": False, "missing": {"ja": "回答してください", "en": "Answer it"},
               "met": {"ja": "該当しません", "en": "Does not apply"},
               "not_met": {"ja": "みなし大企業です", "en": "Deemed large"}}},
    {"id": "APP-901", "topic": "applicant", "citation": "sme_act", "field": "lead.industry",
     "title": {"ja": "業種が一覧にある", "en": "Industry is listed"},
     "check": {"kind": "in_list", "param": "industries",
               "missing": {"ja": "業種を選んでください", "en": "Choose the industry"}}},
    {"id": "AMT-901", "topic": "amount", "citation": "seed:215", "field": "costs.eligible_yen",
     "title": {"ja": "補助対象経費が上限以下", "en": "Eligible cost within the cap"},
     "check": {"kind": "compare", "op": "<=",
               "than": {"param": "tracks.large_non_asean.subsidy_max_yen"},
               "missing": {"ja": "経費を入力", "en": "Enter the cost"},
               "met": {"ja": "{value}円 ≦ {limit}円", "en": "{value} yen <= {limit} yen"},
               "not_met": {"ja": "{value}円 > {limit}円", "en": "{value} yen > {limit} yen"}}},
    {"id": "TRK-901", "topic": "track", "citation": "seed:205", "field": "track",
     "title": {"ja": "区分（宣言）", "en": "Track (declared)"},
     "check": {"kind": "choice_flag", "flags": {"large_non_asean": "met", "fs": "not_met"},
               "missing": {"ja": "区分を選択", "en": "Choose the track"}}},
]


def pack_copy(tmp_path: Path, extra: list[dict]) -> Path:
    folder = tmp_path / "pack"
    shutil.copytree(rules_dir() / "gs_r7_supplementary", folder)
    rules_file = folder / "rules.yaml"
    rules = yaml.safe_load(rules_file.read_text(encoding="utf-8"))
    rules_file.write_text(yaml.safe_dump(rules + extra, allow_unicode=True), encoding="utf-8")
    return folder


def test_a_rule_added_in_yaml_shows_in_check(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    folder = pack_copy(tmp_path, NEW_RULES)
    cli.main(["check", SAMPLE, "--pack", str(folder), "--format", "json"])
    items = {i["id"]: i for i in json.loads(capsys.readouterr().out)["items"]}
    assert items["CNT-901"]["status"] == "met"
    assert items["CNT-901"]["reason"].startswith("名称：インド")
    assert items["CNT-902"]["status"] == "needs_review"
    assert items["SME-901"]["status"] == "met"
    assert items["APP-901"]["status"] == "met"
    assert items["AMT-901"]["status"] == "met"
    assert items["AMT-901"]["reason"] == "3,000,000,000円 ≦ 4,000,000,000円"
    assert items["TRK-901"]["status"] == "met"
    cli.main(["check", SAMPLE, "--pack", str(folder), "--lang", "en"])
    assert "3,000,000,000 yen <= 4,000,000,000 yen" in capsys.readouterr().out


def test_declared_rules_say_missing_and_not_met(tmp_path: Path) -> None:
    pack = load_pack(pack_copy(tmp_path, NEW_RULES))
    empty = {i.id: i for i in check(Application(), pack).items}
    assert [empty[r["id"]].status for r in NEW_RULES] == ["missing"] * len(NEW_RULES)
    assert empty["CNT-901"].reason("en") == "Enter the title"
    app = Application.model_validate({"track": "fs", "costs": {"eligible_yen": 5_000_000_000}})
    app.lead.deemed_large.one_large_holds_half = True
    found = {i.id: i for i in check(app, pack).items}
    assert found["TRK-901"].status == "not_met"
    assert found["AMT-901"].status == "not_met"
    assert found["AMT-901"].reason("en") == "5,000,000,000 yen > 4,000,000,000 yen"
    assert found["SME-901"].reason("en") == "Deemed large"


def test_an_incomplete_check_is_refused_naming_the_file_and_rule(tmp_path: Path) -> None:
    bad = dict(NEW_RULES[4], check={"kind": "compare", "missing": {"ja": "x", "en": "x"}})
    with pytest.raises(RulePackError) as exc:
        load_pack(pack_copy(tmp_path, [bad]))
    assert "rules.yaml" in str(exc.value) and "needs 'op'" in str(exc.value)


def test_a_rule_without_a_check_still_needs_its_python(tmp_path: Path) -> None:
    plain = {k: v for k, v in NEW_RULES[0].items() if k != "check"}
    with pytest.raises(RulePackError) as exc:
        load_pack(pack_copy(tmp_path, [plain]))
    assert "CNT-901" in str(exc.value)


def test_a_rule_declared_in_yaml_and_in_python_is_refused(tmp_path: Path) -> None:
    both = dict(NEW_RULES[0], id="CNT-001")
    folder = pack_copy(tmp_path, [])
    rules_file = folder / "rules.yaml"
    rules = [r for r in yaml.safe_load(rules_file.read_text(encoding="utf-8"))
             if r["id"] != "CNT-001"]
    rules_file.write_text(yaml.safe_dump([*rules, both], allow_unicode=True), encoding="utf-8")
    with pytest.raises(RulePackError) as exc:
        load_pack(folder)
    assert "CNT-001" in str(exc.value) and "keep one" in str(exc.value)


# ------------------------------------------------- the pack's parameters are read, not restated


def _with_parameters(tmp_path: Path, edit) -> Path:
    folder = pack_copy(tmp_path, [])
    params_file = folder / "parameters.yaml"
    params = yaml.safe_load(params_file.read_text(encoding="utf-8"))
    edit(params)
    params_file.write_text(yaml.safe_dump(params, allow_unicode=True), encoding="utf-8")
    return folder


def test_a_lines_inclusive_flag_decides_the_boundary(tmp_path: Path) -> None:
    from gs_assistant.model import load_application

    app = load_application(samples_dir_file("large_demo_india"))
    app = Application.model_validate({**app.model_dump(), "large": {
        **app.large.model_dump(),
        "affiliates": [{"name": "ten", "country": "IND", "kind": "subsidiary",
                        "stake_percent": 10}]}})
    default = check(app, load_pack(_with_parameters(tmp_path / "a", lambda p: None)))
    assert default.facts.affiliates[0].counts is True

    def exclusive(params: dict) -> None:
        params["affiliates"]["subsidiary_min_percent"]["inclusive"] = False

    changed = check(app, load_pack(_with_parameters(tmp_path / "b", exclusive)))
    assert changed.facts.affiliates[0].counts is False


def test_a_tracks_country_group_decides_the_track_check(tmp_path: Path) -> None:
    from gs_assistant.model import load_application

    app = load_application(samples_dir_file("large_demo_india"))  # India, other countries
    assert {i.id: i for i in check(app, load_pack(_with_parameters(
        tmp_path / "a", lambda p: None))).items}["TRK-002"].status == "met"

    def swapped(params: dict) -> None:
        tracks = params["tracks"]
        tracks["large_asean"]["country_group"]["value"] = "non_asean"
        tracks["large_non_asean"]["country_group"]["value"] = "asean"

    items = {i.id: i for i in check(app, load_pack(_with_parameters(tmp_path / "b",
                                                                    swapped))).items}
    assert items["TRK-002"].status == "not_met"


def samples_dir_file(name: str) -> Path:
    from gs_assistant.paths import samples_dir

    return samples_dir() / f"{name}.yaml"
