"""The rule pack: it loads, every rule has logic and a citation, every number has a source
and an as-of date, and a broken pack is refused naming the file and the key."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from gs_assistant import cli
from gs_assistant.paths import rules_dir
from gs_assistant.rules import RulePack, RulePackError, load_pack
from gs_assistant.rules.registry import RULES

PACK_DIR = rules_dir() / "gs_r7_supplementary"


def _raw(name: str) -> Any:
    return yaml.safe_load((PACK_DIR / name).read_text(encoding="utf-8"))


def test_pack_loads(pack: RulePack) -> None:
    assert pack.id == "gs_r7_supplementary"
    assert pack.rules and pack.countries
    assert "募集要領" in pack.header.caveat.ja and "スケジュール" in pack.header.caveat.ja
    assert "seed" not in pack.header.caveat.ja + pack.header.caveat.en  # shown to users


def test_every_rule_has_logic_and_every_logic_has_a_rule(pack: RulePack) -> None:
    """Each rule is decided once: by its `check:` block or by the Python under its id."""
    ids = [r.id for r in pack.rules]
    assert len(ids) == len(set(ids))
    assert {r.id for r in pack.rules if r.check is None} == set(RULES)
    assert not {r.id for r in pack.rules if r.check is not None} & set(RULES)


def test_every_rule_has_a_citation_of_a_declared_source(pack: RulePack) -> None:
    for rule in pack.rules:
        assert rule.citation.strip(), rule.id
        assert rule.title.ja.strip() and rule.title.en.strip(), rule.id
    assert "seed" in pack.header.sources


def test_every_parameter_value_has_a_source_and_an_as_of(pack: RulePack) -> None:
    """Every value node carries source and as_of; no number or date sits outside one."""
    checked = []

    def walk(node: Any, key: str, cited: bool) -> None:
        if isinstance(node, dict):
            if "value" in node:
                assert "source" in node and "as_of" in node, key
                assert isinstance(node["as_of"], date), key
                assert node["as_of"] <= pack.header.as_of, f"{key}: as_of after the pack's date"
                checked.append(key)
                cited = True
            for k, v in node.items():
                walk(v, f"{key}.{k}" if key else str(k), cited)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{key}[{i}]", cited)
        elif isinstance(node, int | float | date) and not isinstance(node, bool):
            assert cited, f"{key}: a number or date without a source"

    walk(_raw("parameters.yaml"), "", cited=False)
    assert len(checked) >= 40


def test_pack_and_hints_spell_the_benefit_word_right() -> None:
    for path in PACK_DIR.glob("*.yaml"):
        assert "碑益" not in path.read_text(encoding="utf-8"), path.name


# ---------------------------------------------------------------- broken packs


def broken(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of the pack with one text replacement in one file."""
    folder = tmp_path / "pack"
    shutil.copytree(PACK_DIR, folder)
    text = (folder / file).read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {file}"
    (folder / file).write_text(text.replace(old, new), encoding="utf-8")
    return folder


SMALL_RATES = ('rate_sme: {value: "2/3", source: "seed:246", as_of: 2026-03-01}\n'
               '    rate_non_sme: {value: "1/2", source: "seed:246", as_of: 2026-03-01}\n'
               '    period_months: {value: 18')
FIRST_CITATION = '  citation: "seed:123-125"\n  field: lead.name\n'
BUDGET = 'budget_yen: {value: 50500000000, source: "seed:207", as_of: 2026-03-01}'

# case: (file, text, replacement, the key the error must name)
BROKEN = {
    "rule citation removed": ("rules.yaml", FIRST_CITATION, "  field: lead.name\n",
                              "[0].citation"),
    "parameter source removed": (
        "parameters.yaml", BUDGET, "budget_yen: {value: 50500000000, as_of: 2026-03-01}",
        "tracks.large_asean.budget_yen.source"),
    "parameter as_of removed": (
        "parameters.yaml", BUDGET, 'budget_yen: {value: 50500000000, source: "seed:207"}',
        "tracks.large_asean.budget_yen.as_of"),
    "unknown source in a rule": (
        "rules.yaml", FIRST_CITATION, '  citation: "meti_faq_2099"\n  field: lead.name\n',
        "[0].citation"),
    "unknown source in a parameter": (
        "parameters.yaml", 'country_group: {value: asean, source: "seed:205"',
        'country_group: {value: asean, source: "seed:205; rumour"',
        "tracks.large_asean.country_group.source"),
    "malformed rate": (
        "parameters.yaml", SMALL_RATES, SMALL_RATES.replace('"2/3"', '"two thirds"'),
        "tracks.small.rate_sme.value"),
    "rate over one": (
        "parameters.yaml", SMALL_RATES, SMALL_RATES.replace('"1/2"', '"3/2"'),
        "tracks.small.rate_non_sme.value"),
    "duplicate rule id": ("rules.yaml", "- id: APP-002\n", "- id: APP-001\n", "APP-001"),
    "rule id with no logic": ("rules.yaml", "- id: APP-002\n", "- id: XYZ-999\n", "XYZ-999"),
    "alias of no listed material": ("parameters.yaml", "    レアアース: critical_minerals\n",
                                    "    レアアース: rare_earths\n",
                                    "critical_material_aliases.value.レアアース"),
}


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_broken_pack_is_refused_naming_file_and_key(tmp_path: Path, case: str) -> None:
    file, old, new, key = BROKEN[case]
    folder = broken(tmp_path, file, old, new)
    with pytest.raises(RulePackError) as info:
        load_pack(folder)
    assert Path(info.value.file) == folder / file
    assert info.value.key == key
    assert str(folder / file) in str(info.value) and key in str(info.value)
    assert "\n" not in str(info.value)


def test_a_cited_value_that_is_not_a_mapping_is_refused_naming_its_type(tmp_path: Path) -> None:
    """``Cited[int]`` is a plain subclass made once (not a pydantic generic model), named
    as pydantic names a parametrisation, so the message is the one users always got."""
    from gs_assistant.rules.pack import Cited, TrackParams

    cited_int = TrackParams.model_fields["budget_yen"].annotation
    assert cited_int is Cited[int] and cited_int.__bases__ == (Cited,)
    assert cited_int.__name__ == cited_int.__qualname__ == "Cited[int]"
    assert cited_int.model_fields["value"].annotation is int
    assert cited_int.__pydantic_generic_metadata__ == {"origin": None, "args": (),
                                                       "parameters": ()}
    assert list(cited_int.model_fields) == ["value", "source", "as_of", "inclusive",
                                            "description"]
    folder = broken(tmp_path, "parameters.yaml", BUDGET, "budget_yen: 5")
    with pytest.raises(RulePackError) as info:
        load_pack(folder)
    assert (info.value.key, info.value.message) == (
        "tracks.large_asean.budget_yen",
        "Input should be a valid dictionary or instance of Cited[int]")


def test_a_folder_without_pack_yaml_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RulePackError, match=r"pack\.yaml"):
        load_pack(tmp_path)


def test_check_with_a_broken_pack_exits_2(tmp_path: Path, capsys) -> None:
    file, old, new, key = BROKEN["malformed rate"]
    folder = broken(tmp_path, file, old, new)
    assert cli.main(["check", "sample:sme_fs_vietnam", "--pack", str(folder)]) == 2
    err = capsys.readouterr().err
    assert key in err and "parameters.yaml" in err and "Traceback" not in err


# ---------------------------------------------------------------- gs-assistant rules


def test_rules_command_lists_every_rule_with_its_citation(pack: RulePack, capsys) -> None:
    assert cli.main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    for rule in pack.rules:
        assert any(rule.id in line and f"({rule.citation})" in line for line in lines), rule.id


def test_rules_command_json(pack: RulePack, capsys) -> None:
    assert cli.main(["rules", "--format", "json", "--lang", "en"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["rule_pack"]["id"] == pack.id
    assert {r["id"]: r["citation"] for r in doc["rules"]} == {r.id: r.citation
                                                              for r in pack.rules}
    assert all(r["title"] for r in doc["rules"])


def test_a_rule_resting_only_on_public_facts_says_so(pack: RulePack) -> None:
    """A rule whose citation does not name the brochure is marked basis: public_fact, or
    inference when it rests on the tool's own reasoning (and its citation says so)."""
    for rule in pack.rules:
        if "seed:" not in rule.citation:
            assert rule.basis in ("public_fact", "inference"), rule.id
        if rule.basis == "inference":
            assert rule.citation.startswith("inference"), rule.id
