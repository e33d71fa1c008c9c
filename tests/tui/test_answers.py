"""answers_at: the answers a checklist item rests on, labelled, as the review screen
shows them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gs_assistant.model import Application, load_application
from gs_assistant.model.application import Indicator, MouStatus, Track
from gs_assistant.rules import check, default_pack
from gs_assistant.tui.answers import SHORT, answers_at, value_text
from gs_assistant.tui.i18n import set_lang

from .pilot import LARGE


def test_a_single_answer_is_shown_as_people_read_it() -> None:
    pack = default_pack()
    app = Application(track=Track.large_asean, country="VNM")
    app.costs.eligible_yen = 1_200_000_000
    app.period.start = date(2026, 4, 1)
    app.large.mou.status = MouStatus.planned
    assert answers_at(app, "costs.eligible_yen") == [
        ("補助対象経費", "1,200,000,000円（12億円）")]
    assert answers_at(app, "period.start") == [
        ("事業開始日（交付決定予定日）", "2026-04-01（令和8年4月1日）")]
    assert answers_at(app, "track", pack) == [("事業区分", "大型実証（対ASEAN加盟国）")]
    assert answers_at(app, "track") == [("事業区分", "large_asean")]  # no pack: the key
    assert answers_at(app, "country", pack) == [("実施国", "ベトナム（VNM）")]
    assert answers_at(app, "large.mou.status", pack) == [
        ("状況", pack.params.mou.statuses.value[MouStatus.planned].ja)]


def test_unanswered_fields_say_so_and_unknown_paths_give_nothing() -> None:
    app = Application()
    assert answers_at(app, "costs.total_yen") == [("総事業費", "（未入力）")]
    assert answers_at(app, "content.summary") == [("事業概要", "（未入力）")]
    assert answers_at(app, "indicators") == [("指標", "（行がありません）")]
    assert answers_at(app, "lead") == [("幹事法人", "（未入力）")]  # a group, all empty
    assert answers_at(app, "no.such.field") == []
    assert answers_at(app, "indicators[3]") == []  # a row that is not there


def test_a_group_lists_its_answered_fields_with_the_packs_wording() -> None:
    app = load_application(LARGE)
    lines = dict(answers_at(app, "lead", default_pack()))
    assert lines["会社名"] == app.lead.name
    assert lines["業種"] == "製造業"
    assert lines["常時使用する従業員数（人）"] == "5,400"
    deemed = [label for label in lines if label.startswith("(1)")]
    assert deemed and "大企業" in deemed[0]  # the question as the pack words it
    assert lines[deemed[0]] == "いいえ"
    # the whole benefit section: only the claimed types' answers, texts cut short
    app.japan_benefit.type2.a.explanation = "長" * (SHORT + 20)
    benefit = dict(answers_at(app, "japan_benefit", default_pack()))
    assert benefit["類型1"] == "いいえ" and benefit["類型2"] == "はい"
    assert "類型1 a. の説明" not in benefit  # unanswered: left out of a group
    assert benefit["類型2 a. の説明"] == "長" * SHORT + "..."
    assert benefit["類型2 b. の根拠"] == "スケール化を含む事業化の課題が明確"
    # ... but one field on its own is shown whole
    assert answers_at(app, "japan_benefit.type2.a.explanation")[0][1] == "長" * (SHORT + 20)


def test_rows_are_one_line_each() -> None:
    app = Application(indicators=[
        Indicator(name="国内雇用の増加数", unit="人", baseline=Decimal(0), target=Decimal(150),
                  target_year=2032),
        Indicator(name="輸入依存度", unit="%", target=Decimal("55.5")),
    ])
    lines = answers_at(app, "indicators")
    assert [label for label, _ in lines] == ["指標 1", "指標 2"]
    assert lines[0][1] == ("指標名: 国内雇用の増加数 / 単位: 人 / 基準値: 0 / 目標値: 150 / "
                           "目標年: 2032")
    assert lines[1][1] == "指標名: 輸入依存度 / 単位: % / 目標値: 55.5"
    assert answers_at(app, "indicators[1]")[-1] == ("目標値", "55.5")


def test_every_item_of_the_samples_has_its_answers(large_app, small_app) -> None:
    pack = default_pack()
    for app in (large_app, small_app, Application()):
        for item in check(app, pack).items:
            lines = answers_at(app, item.field, pack)
            assert lines, item.field
            assert all(label and text for label, text in lines), item.field


def test_english_labels_and_values() -> None:
    set_lang("en")
    app = Application()
    app.large.press_release.committed = True
    assert answers_at(app, "large.press_release.committed") == [
        ("We will issue a press release after adoption", "Yes")]
    assert answers_at(app, "costs.total_yen") == [("Total project cost", "(not answered)")]
    assert value_text("large.affiliates[0].stake_percent", Decimal("10.0")) == "10%"
