"""A whole application typed by keyboard, in Japanese, from the start screen to the
last step; the saved file and the checklist counts are checked against the same
answers built directly with the model."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from gs_assistant.model import Application, load_application
from gs_assistant.rules import check, default_pack

from .pilot import counts_on_screen, driven


def expected_application() -> Application:
    """What the keystrokes below must produce."""
    return Application.model_validate({
        "lead": {
            "name": "みちのく試験", "industry": "manufacturing",
            "capital_yen": 30_000_000, "employees": 45, "role": "統括",
            "deemed_large": dict.fromkeys(
                ("one_large_holds_half", "large_hold_two_thirds", "large_officers_half",
                 "wholly_owned_by_deemed", "officers_all_from_deemed",
                 "taxable_income_over_line"), False),
            "profile": {"address": "宮城県仙台市", "representative": "代表取締役 山田太郎",
                        "founded_year": 1998, "business": "センサー製造",
                        "revenue_yen": 1_200_000_000, "overseas_experience": "タイへ輸出"},
        },
        "local_partner": {"name": "メコン農場"},
        "country": "VNM",
        "field": {"kinds": ["dx"], "dx_area": "agriculture"},
        "track": "fs",
        "costs": {"total_yen": 90_000_000, "eligible_yen": 84_000_000, "expenses": [
            {"category": "personnel", "description": "灌漑の技術者", "unit_price": 300_000,
             "quantity": 280, "unit": "人日"},
            {"category": "miscellaneous", "description": "懇親会", "amount": 6_000_000,
             "eligible": False}]},
        "period": {"start": date(2026, 7, 1), "end": date(2027, 6, 30)},
        "japan_benefit": {"type2": {
            "claimed": True, "a": {"explanation": "実績あり"},
            "b": {"branch": "not_applied", "explanation": "未適用"},
            "c": {"explanation": "雇用増"}}},
        "indicators": [{"benefit_type": "type2", "name": "雇用数", "unit": "人",
                        "baseline": Decimal(0), "target": Decimal(20), "target_year": 2031}],
        "partner_benefit": {
            "categories": ["social_issues"], "explanation": "収量増",
            "indicators": [{"category": "social_issues", "name": "収量", "unit": "%",
                            "baseline": Decimal(0), "target": Decimal(15),
                            "target_year": 2030}]},
        "funding": {"own_funds_yen": 40_000_000, "explanation": "手元資金から充当"},
        "risks": [{"risk": "塩害の拡大", "impact": "実証の遅れ", "mitigation": "代替圃場を確保"}],
        "content": {
            "title": "灌漑調査", "summary": "概要",
            "partner_issue": "塩害", "activities": "計測",
            "structure_japan": "統括", "structure_local": "圃場",
            "milestones": [{"date": date(2026, 8, 1), "title": "開始"}],
            "commercialisation": "販売", "single_project": True,
        },
    })


def answers(app: Application) -> dict:
    return app.model_dump(mode="json", exclude={"meta"})


async def fill(app, ui) -> None:
    """Steps 1 to 6 of ``expected_application``, by keyboard, from the first field."""
    # 1 申請者
    await ui.type("lead.name", "みちのく試験")
    await ui.choose("lead.industry", "manufacturing")
    await ui.type("lead.capital_yen", "3千万円")
    await ui.type("lead.employees", "45")
    await ui.type("lead.role", "統括")
    await ui.type("lead.profile.address", "宮城県仙台市")
    await ui.type("lead.profile.representative", "代表取締役 山田太郎")
    await ui.type("lead.profile.founded_year", "1998")
    await ui.type("lead.profile.business", "センサー製造")
    await ui.type("lead.profile.revenue_yen", "12億円")
    await ui.type("lead.profile.overseas_experience", "タイへ輸出")
    for key in ("one_large_holds_half", "large_hold_two_thirds", "large_officers_half",
                "wholly_owned_by_deemed", "officers_all_from_deemed",
                "taxable_income_over_line"):
        await ui.choose(f"lead.deemed_large.{key}", False)
    await ui.type("local_partner.name", "メコン農場")
    await ui.choose("content.single_project", True)
    await ui.keys("f4")

    # 2 実施国・分野
    assert app.screen.step == "country_field"
    await ui.type("country", "ベトナム")
    await ui.keys("enter")
    await ui.tick("field.kinds.dx")
    await ui.settle()
    await ui.choose("field.dx_area", "agriculture")
    await ui.keys("f4")

    # 3 事業区分・経費・期間
    await ui.choose("track", "fs")
    await ui.type("costs.total_yen", "9千万円")
    await ui.type("costs.eligible_yen", "８４００万円")
    await ui.focus("costs.expenses")
    await ui.keys("a")  # the plan's rows, each in its form; amounts typed as people write them
    await ui.choose("costs.expenses[0].category", "personnel")
    await ui.type("costs.expenses[0].description", "灌漑の技術者")
    await ui.type("costs.expenses[0].unit_price", "30万円")
    await ui.type("costs.expenses[0].quantity", "280")
    await ui.type("costs.expenses[0].unit", "人日")
    await ui.keys("escape")
    await ui.keys("a")
    await ui.choose("costs.expenses[1].category", "miscellaneous")
    await ui.type("costs.expenses[1].description", "懇親会")
    await ui.type("costs.expenses[1].amount", "600万円")
    await ui.tick("costs.expenses[1].eligible")
    await ui.keys("escape")
    await ui.type("funding.own_funds_yen", "4千万円")
    await ui.type("funding.explanation", "手元資金から充当")
    await ui.type("period.start", "令和8年7月1日")
    await ui.type("period.end", "R9.6.30")
    await ui.keys("f4")

    # 4 日本裨益・相手国裨益
    await ui.tick("japan_benefit.type2.claimed")
    await ui.settle()
    await ui.type("japan_benefit.type2.a.explanation", "実績あり")
    await ui.choose("japan_benefit.type2.b.branch", "not_applied")
    await ui.type("japan_benefit.type2.b.explanation", "未適用")
    await ui.type("japan_benefit.type2.c.explanation", "雇用増")
    await ui.focus("indicators")
    await ui.keys("a")  # a new row opens in its form
    await ui.choose("indicators[0].benefit_type", "type2")
    await ui.type("indicators[0].name", "雇用数")
    await ui.type("indicators[0].unit", "人")
    await ui.type("indicators[0].baseline", "0")
    await ui.type("indicators[0].target", "20")
    await ui.type("indicators[0].target_year", "2031")
    await ui.keys("escape")
    await ui.tick("partner_benefit.categories.social_issues")
    await ui.type("partner_benefit.explanation", "収量増")
    await ui.focus("partner_benefit.indicators")
    await ui.keys("a")
    await ui.choose("partner_benefit.indicators[0].category", "social_issues")
    await ui.type("partner_benefit.indicators[0].name", "収量")
    await ui.type("partner_benefit.indicators[0].unit", "%")
    await ui.type("partner_benefit.indicators[0].baseline", "0")
    await ui.type("partner_benefit.indicators[0].target", "15")
    await ui.type("partner_benefit.indicators[0].target_year", "2030")
    await ui.keys("escape")
    await ui.keys("f4")

    # 5 is skipped on the FS track; 6 事業内容
    assert app.screen.step == "content"
    await ui.type("content.title", "灌漑調査")
    await ui.type("content.summary", "概要")
    await ui.type("content.partner_issue", "塩害")
    await ui.type("content.activities", "計測")
    await ui.type("content.structure_japan", "統括")
    await ui.type("content.structure_local", "圃場")
    await ui.focus("content.milestones")
    await ui.keys("a")
    await ui.type("content.milestones[0].date", "R8.8.1")
    await ui.type("content.milestones[0].title", "開始")
    await ui.keys("escape")
    await ui.type("content.commercialisation", "販売")
    await ui.focus("risks")
    await ui.keys("a")
    await ui.type("risks[0].risk", "塩害の拡大")
    await ui.type("risks[0].impact", "実証の遅れ")
    await ui.type("risks[0].mitigation", "代替圃場を確保")
    await ui.keys("escape")
    await ui.keys("f4")


async def test_whole_application_by_keyboard(tmp_path: Path) -> None:
    target = tmp_path / "新しい申請.yaml"
    async with driven() as (app, ui):
        # start screen: the file name, then Enter
        assert app.focused.id == "new-path"
        await ui.pilot.press("ctrl+u")
        ui.send(*str(target), "enter")
        await ui.settle()
        assert type(app.screen).__name__ == "WizardScreen"
        assert app.screen.step == "applicant"
        assert target.exists()

        await fill(app, ui)

        # 7 確認・出力: save and compare
        assert app.screen.step == "review_export"
        await ui.keys("ctrl+s")
        on_screen = counts_on_screen(app, "#review-checklist")

    saved = load_application(target)
    assert answers(saved) == answers(expected_application())
    expected = check(expected_application(), default_pack()).summary()
    assert on_screen == expected
    assert expected["missing"] == 0 and expected["not_met"] == 0  # every item answered
    assert saved.meta.ui.step == "review_export"


TMUX_KEYS = {"tab": "Tab", "shift+tab": "BTab", "enter": "Enter", "escape": "Escape",
             "up": "Up", "down": "Down", "end": "End", "home": "Home", "space": "Space",
             "backspace": "BSpace", "ctrl+u": "C-u", "ctrl+s": "C-s", "f3": "F3", "f4": "F4"}


def tmux_args(keys: list[str]) -> list[str]:
    """Textual key names as tmux send-keys arguments (characters joined into text)."""
    out: list[str] = []
    text = ""
    for key in keys:
        if len(key) == 1:
            text += key
            continue
        if text:
            out.append(text)
            text = ""
        out.append(TMUX_KEYS[key])
    if text:
        out.append(text)
    return out


async def recorded_walk(path: Path, size: tuple[int, int]) -> list[list[str]]:
    """The keys of a whole walk through a new file at ``size``, as the Pilot sends them."""
    from .pilot import Driver, make_app

    app = make_app(path, new=True)
    async with app.run_test(size=size) as pilot:
        ui = Driver(pilot)
        await ui.settle()
        await fill(app, ui)
        await ui.keys("ctrl+s")
    assert answers(load_application(path)) == answers(expected_application())
    return ui.log


async def settled(tmux, longest: float = 5.0) -> None:
    """Wait until the screen stops changing (a refresh, a form opening)."""
    await asyncio.sleep(0.2)
    shown, same = tmux.screen(), 0
    for _ in range(int(longest / 0.2)):
        await asyncio.sleep(0.2)
        now = tmux.screen()
        same = same + 1 if now == shown else 0
        if same == 2:
            return
        shown = now


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (CI has it)")
async def test_whole_application_typed_in_a_real_terminal_at_80x24_and_140x45(
        tmp_path: Path, home: Path) -> None:
    """The same answers typed into a new file at 80x24 and at 140x45 in tmux save the same
    file (the key sequence is the one the Pilot walk above sends at that size)."""
    from .test_tmux import Tmux

    saved = {}
    for width, height in ((80, 24), (140, 45)):
        keys = await recorded_walk(tmp_path / f"pilot-{width}.yaml", (width, height))
        target = tmp_path / f"新しい申請-{width}.yaml"
        tmux = Tmux(f"gs-assistant-walk-{os.getpid()}-{width}")
        command = (f"env GS_ASSISTANT_HOME={home} LANG=C.UTF-8 TERM=xterm-256color "
                   f"{sys.executable} -m gs_assistant new {target}; sleep 30")
        tmux("new-session", "-d", "-s", "wizard", "-x", str(width), "-y", str(height),
             command)
        try:
            tmux.wait_for("1/7")
            for group in keys:
                tmux("send-keys", "-t", "wizard", *tmux_args(group))
                await settled(tmux)  # what the Pilot's settle() waits for
            tmux.wait_for("保存しました")
            assert "7/7" in tmux.screen()
        finally:
            tmux("kill-server")
        saved[width] = answers(load_application(target))
        assert saved[width] == answers(expected_application()), width
    assert saved[80] == saved[140]
