"""Labels that are rule content live in the rule pack with their citations: the benefit
types and their conditions, the condition-b branches, the MOU statuses and the kinds of
partner benefit. The wizard reads them from there, and text reports name tracks by the
pack's name for them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Select, Static

from gs_assistant.model import load_application
from gs_assistant.model.application import (
    BenefitType,
    ConditionBBranch,
    MouStatus,
    PartnerBenefitCategory,
)
from gs_assistant.model.catalogue import catalogue
from gs_assistant.rules import RulePackError, check, default_pack
from gs_assistant.rules.pack import load_pack
from gs_assistant.rules.render import facts_lines, report_markdown, report_text
from gs_assistant.tui.navigation import widget_id
from gs_assistant.tui.widgets.fields import MultiTickBox, Tick

from .pilot import LARGE, SIZE, make_app


def test_the_pack_labels_every_choice_and_cites_the_brochure() -> None:
    p = default_pack().params
    assert set(p.benefit_types) == set(BenefitType)
    assert set(p.condition_b_branches.value) == set(ConditionBBranch)
    assert set(p.mou.statuses.value) == set(MouStatus)
    assert set(p.partner_benefit_categories.value) == set(PartnerBenefitCategory)
    for kind in BenefitType:
        params = p.benefit_types[kind]
        assert params.name.source.startswith("seed:")
        assert sorted(params.conditions) == ["a", "b", "c"]
        assert all(c.source.startswith("seed:") for c in params.conditions.values())
    for cited in (p.condition_b_branches, p.mou.statuses, p.partner_benefit_categories):
        assert cited.source.startswith("seed:")
    # rule content is no longer in the wizard's own table
    assert not {"benefit_type", "branch", "partner_category", "mou_status"} & set(
        catalogue().choices)


def test_condition_texts_cite_the_lines_their_rules_cite() -> None:
    """Each condition's text and the checklist rule for it point at the same lines."""
    pack = default_pack()
    for n, kind in enumerate(BenefitType, start=1):
        for x, condition in pack.params.benefit_types[kind].conditions.items():
            rule = pack.rule(f"TYP-{n}{x.upper()}")
            assert condition.source in rule.citation, (rule.id, condition.source)
    texts = pack.params.benefit_types[BenefitType.type2].conditions
    assert texts["c"].value.ja == "事業化に至った際に、日本の雇用増加等に繋がること"


def test_a_pack_without_a_label_is_refused_naming_the_key(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(Path(default_pack().path), folder)
    params = folder / "parameters.yaml"
    text = params.read_text(encoding="utf-8")
    text = text.replace("      planned: {ja: 事業開始後1年以内に提出予定, "
                        "en: Planned within a year of the start}\n", "")
    params.write_text(text, encoding="utf-8")
    with pytest.raises(RulePackError) as caught:
        load_pack(folder)
    assert "mou.statuses.value" in str(caught.value) and "planned" in str(caught.value)


async def test_the_wizard_shows_the_packs_wording(large_copy: Path) -> None:
    pack = default_pack()
    app = make_app(large_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await screen.show_step("benefits")
        await pilot.pause()
        condition = pack.params.benefit_types[BenefitType.type3].conditions["c"].value.ja
        box = screen.query_one("#" + widget_id("japan_benefit.type3.c.explanation") + "--box")
        box.build()  # far below the view: built when reached
        await pilot.pause()
        shown = box.query_one(".question", Static).render().plain  # broken into lines
        assert shown.replace("\n", "") == condition
        assert box.border_title == "類型3 c."
        tick = screen.query_one("#" + widget_id("japan_benefit.type1.claimed"), Tick)
        assert pack.params.benefit_types[BenefitType.type1].name.value.ja in str(tick.label)
        branch = screen.query_one("#" + widget_id("japan_benefit.type2.b.branch"), Select)
        assert [label for label, _ in branch._options[1:]] == [
            v.ja for v in pack.params.condition_b_branches.value.values()]
        kinds = screen.query_one(MultiTickBox)
        assert [text for text, _ in kinds.options] == [
            v.ja for v in pack.params.partner_benefit_categories.value.values()]
        await screen.show_step("large_extras")
        await pilot.pause()
        status = screen.query_one("#" + widget_id("large.mou.status"), Select)
        assert [label for label, _ in status._options[1:]] == [
            v.ja for v in pack.params.mou.statuses.value.values()]


def test_reports_name_the_track_not_its_key() -> None:
    pack = default_pack()
    report = check(load_application(LARGE), pack)
    name = pack.track(report.facts.recommended_track).name("ja")
    for text in (report_text(report, "large.yaml", pack),
                 report_markdown(report, "large.yaml", pack)):
        assert f"推奨区分: {name}" in text
        assert "large_non_asean" not in text
    english = facts_lines(report, "en", pack)
    assert "Recommended track: Large-scale demonstration (other countries)" in english
    assert "推奨区分: large_non_asean" in facts_lines(report)  # without a pack: the key
