"""The plan's sections in the wizard at 80x24, typed at full speed: the company profiles
(APP-005), the partner country's indicators (PBN-002), risks (CNT-007), the funding of the
own share (AMT-005), and the submission package on 確認・出力 (DOC-…, TML-…)."""

from __future__ import annotations

from pathlib import Path

from gs_assistant.model import load_application, save_application
from gs_assistant.model.application import Funding
from gs_assistant.tui.widgets.checklist import Checklist
from gs_assistant.tui.widgets.package import DocumentTable
from gs_assistant.tui.widgets.records import RowEditor

from .pilot import driven

SMALL_TERMINAL = (80, 24)


def shown(app, item_id: str, panel: str = "#checklist") -> str:
    """The status of an item as the wizard's checklist holds it."""
    return app.screen.query_one(panel, Checklist).items[item_id].status.value


async def test_the_lead_and_a_co_applicants_profiles(tmp_path: Path) -> None:
    target = tmp_path / "新しい申請.yaml"
    async with driven(target, size=SMALL_TERMINAL, new=True) as (app, ui):
        assert shown(app, "APP-005") == "missing"
        await ui.type("lead.name", "みちのく試験")
        await ui.type("lead.profile.address", "宮城県仙台市青葉区")
        await ui.type("lead.profile.representative", "代表取締役 山田太郎")
        await ui.type("lead.profile.founded_year", "1998")
        await ui.type("lead.profile.business", "農業用センサーの製造・販売")
        await ui.type("lead.profile.revenue_yen", "12億円")
        await ui.focus("lead.profile.overseas_experience")
        await ui.pilot.press(*"タイの施設園芸向けにセンサーを輸出")  # one burst of keys
        await ui.settle()
        assert shown(app, "APP-005") == "met"
        await ui.focus("co_applicants")
        await ui.keys("a")  # a new co-applicant opens in its form, with its profile
        assert isinstance(app.screen, RowEditor)
        await ui.type("co_applicants[0].name", "東北精機")
        await ui.type("co_applicants[0].profile.address", "岩手県盛岡市")
        await ui.keys("escape")
        assert shown(app, "APP-005") == "missing"  # the co-applicant's profile is short
        await ui.keys("ctrl+s")
    saved = load_application(target)
    assert saved.lead.profile.address == "宮城県仙台市青葉区"
    assert saved.lead.profile.revenue_yen == 1_200_000_000
    assert saved.lead.profile.founded_year == 1998
    assert saved.lead.profile.overseas_experience == "タイの施設園芸向けにセンサーを輸出"
    assert saved.co_applicants[0].profile.address == "岩手県盛岡市"


async def test_partner_indicators_and_risks_are_rows_of_tables(tmp_path: Path) -> None:
    target = tmp_path / "新しい申請.yaml"
    async with driven(target, size=SMALL_TERMINAL, new=True) as (app, ui):
        await app.screen.show_step("benefits")
        await ui.settle()
        assert shown(app, "PBN-002") == "missing"
        await ui.focus("partner_benefit.indicators")
        await ui.keys("a")
        await ui.choose("partner_benefit.indicators[0].category", "social_issues")
        await ui.type("partner_benefit.indicators[0].name", "塩害による収量減")
        await ui.type("partner_benefit.indicators[0].unit", "%")
        await ui.type("partner_benefit.indicators[0].baseline", "15")
        await ui.type("partner_benefit.indicators[0].target", "5")
        await ui.type("partner_benefit.indicators[0].target_year", "2030")
        await ui.keys("escape")
        assert shown(app, "PBN-002") == "met"
        table = app.screen.query_one("#f-partner_benefit-indicators")
        assert table.row_count == 1 and "塩害による収量減" in str(table.get_row_at(0))

        await app.screen.show_step("content")
        await ui.settle()
        assert shown(app, "CNT-007") == "missing"
        await ui.focus("risks")
        await ui.keys("a")
        await ui.type("risks[0].risk", "州電力会社との系統連系協議が長引く")
        await ui.type("risks[0].impact", "実証開始が3か月遅れる")
        await ui.type("risks[0].mitigation", "事業開始前に州エネルギー局とMOUを結ぶ")
        await ui.keys("escape")
        assert shown(app, "CNT-007") == "needs_review"  # written: a person judges it
        await ui.keys("ctrl+s")
    saved = load_application(target)
    assert saved.partner_benefit.indicators[0].category.value == "social_issues"
    assert str(saved.partner_benefit.indicators[0].target) == "5"
    assert saved.risks[0].mitigation == "事業開始前に州エネルギー局とMOUを結ぶ"


async def test_the_funding_of_the_own_share(small_copy: Path) -> None:
    app_file = load_application(small_copy)
    app_file.funding = Funding()
    save_application(app_file, small_copy)
    async with driven(small_copy, size=SMALL_TERMINAL) as (app, ui):
        await app.screen.show_step("track_money_period")
        await ui.settle()
        assert shown(app, "AMT-005") == "missing"
        share = str(app.screen.query_one("#own-share").render())
        assert "自己負担額" in share and "円" in share
        await ui.type("funding.own_funds_yen", "2千万円")
        await ui.type("funding.loans_yen", "1億円")
        assert shown(app, "AMT-005") == "missing"  # a loan without its lender
        await ui.type("funding.lender", "七十七銀行")
        await ui.type("funding.explanation", "自己資金は前期末の現預金から充当する")
        assert shown(app, "AMT-005") == "needs_review"
        assert "調達の合計" in str(app.screen.query_one("#own-share").render())
        await ui.keys("ctrl+s")
    saved = load_application(small_copy).funding
    assert (saved.own_funds_yen, saved.loans_yen, saved.lender) == (20_000_000, 100_000_000,
                                                                    "七十七銀行")


async def test_the_package_on_the_last_step(small_copy: Path) -> None:
    async with driven(small_copy, size=SMALL_TERMINAL) as (app, ui):
        await app.screen.show_step("review_export")
        await ui.settle()
        item = "DOC-001:business_plan"
        assert shown(app, item, "#review-checklist") != "met"  # 未着手
        assert shown(app, "TML-001", "#review-checklist")  # the deadlines are there too
        await ui.keys("f5")  # into the checklist, then Enter on the package's item
        options = app.screen.query_one("#review-checklist OptionList")
        options.highlighted = options.get_option_index(item)
        await ui.keys("enter")
        table = app.screen.query_one(DocumentTable)
        assert app.focused is table
        assert table.lines[table.cursor_row].key == "business_plan"
        assert table.region.bottom <= 24 - 1  # on screen, above the footer
        await ui.keys("3")  # 準備済
        assert shown(app, item, "#review-checklist") == "met"
        await ui.keys("down", "space")  # the next document: 未着手 -> 準備中
        second = table.lines[1].key
        assert app.doc.app.package.documents[second].state.value == "in_progress"
        await ui.keys("4")  # 不要
        await ui.keys("ctrl+s")
    saved = load_application(small_copy).package.documents
    assert saved["business_plan"].state.value == "ready"
    assert saved[second].state.value == "not_needed"
