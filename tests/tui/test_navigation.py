"""Field paths map to steps and widget ids (the table behind jump-to-fix)."""

from __future__ import annotations

from gs_assistant.model import Application
from gs_assistant.rules import check, default_pack
from gs_assistant.tui.navigation import (
    STEPS,
    candidates,
    generic,
    split_row,
    step_for,
    tokens,
    widget_id,
)


def test_paths_map_to_steps_by_longest_prefix() -> None:
    assert step_for("costs.eligible_yen") == "track_money_period"
    assert step_for("co_applicants[0].capital_yen") == "applicant"
    assert step_for("content.single_project") == "applicant"
    assert step_for("content.milestones[2].date") == "content"
    assert step_for("large.similar_projects[1]") == "large_extras"
    assert step_for("lead") == "applicant"
    assert step_for("something.else") == "review_export"


def test_every_rule_and_every_item_of_the_samples_has_a_step(large_app, small_app) -> None:
    pack = default_pack()
    fields = {r.field for r in pack.rules}
    for app in (large_app, small_app, Application()):
        fields |= {item.field for item in check(app, pack).items}
    for field in fields:
        assert step_for(field) in STEPS[:-1], field


def test_widget_ids_and_rows() -> None:
    assert widget_id("costs.eligible_yen") == "f-costs-eligible_yen"
    assert widget_id("co_applicants[0].capital_yen") == "f-co_applicants-0-capital_yen"
    assert split_row("large.similar_projects[1].name") == ("large.similar_projects", 1, "name")
    assert split_row("lead.name") is None
    assert generic("indicators[3].target") == "indicators.target"
    assert tokens("a.b[2].c") == ["a", "b", 2, "c"]
    assert candidates("lead") == ["lead.industry", "lead"]
    assert candidates("indicators[1].target")[:2] == ["indicators[1].target", "indicators[1]"]
