"""Review data through the API: comments and decisions, their log, save and load."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gs_assistant.cli import main
from gs_assistant.model import (
    Application,
    ReviewError,
    add_comment,
    decide,
    load_application,
    save_application,
    withdraw_decision,
)
from gs_assistant.model.review import log_extends
from gs_assistant.paths import samples_dir
from gs_assistant.rules import Status, check

JST = timezone(timedelta(hours=9))
AT = datetime(2026, 4, 1, 10, 0, tzinfo=JST)


def test_comment_and_decision_survive_save_and_load_and_show_in_check_json(
    sample_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = load_application(sample_copy)
    app = add_comment(app, "TYP-2C", "鈴木 花子", "雇用増の根拠を添付してください", now=AT)
    app = decide(app, "TYP-2A", "met", "2018年からの国内導入実績を資料で確認", "山田 太郎",
                 now=AT + timedelta(minutes=5))
    save_application(app, sample_copy)

    again = load_application(sample_copy)
    assert again.review == app.review
    assert again.review.items["TYP-2A"].decision.at == AT + timedelta(minutes=5)
    assert again.review.items["TYP-2A"].decision.at.utcoffset() == timedelta(hours=9)

    assert main(["check", str(sample_copy), "--format", "json"]) == 0
    items = {i["id"]: i for i in json.loads(capsys.readouterr().out)["items"]}
    decided = items["TYP-2A"]
    assert decided["status"] == "met"
    assert decided["computed_status"] == "needs_review"
    assert decided["review"]["decision"] == {
        "status": "met", "reason": "2018年からの国内導入実績を資料で確認", "author": "山田 太郎",
        "at": "2026-04-01T10:05:00+09:00",
    }
    commented = items["TYP-2C"]
    assert commented["status"] == commented["computed_status"] == "needs_review"
    assert commented["review"]["comments"] == [
        {"author": "鈴木 花子", "at": "2026-04-01T10:00:00+09:00",
         "text": "雇用増の根拠を添付してください"}]
    assert items["TYP-2B"]["review"] is None


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_a_decision_without_a_reason_is_refused(large_app: Application, reason: str) -> None:
    with pytest.raises(ReviewError, match="理由"):
        decide(large_app, "TYP-2A", "met", reason, "山田", now=AT)
    assert large_app.review.log == []
    assert large_app.review.items == {}


def test_the_model_itself_refuses_an_empty_reason(large_app: Application) -> None:
    """A file edited by hand cannot smuggle in a decision without a reason either."""
    from gs_assistant.model import ApplicationFileError, application_from_data

    data = large_app.model_dump(mode="json")
    data["review"] = {"items": {"TYP-2A": {"decision": {
        "status": "met", "reason": "", "author": "x", "at": "2026-04-01T10:00:00+09:00"}}}}
    with pytest.raises(ApplicationFileError, match=r"review\.items\.TYP-2A\.decision\.reason"):
        application_from_data(data, "hand_edited.yaml")


def test_the_functions_leave_the_application_passed_in_untouched(
    large_app: Application,
) -> None:
    before = large_app.model_dump()
    decided = decide(large_app, "TYP-2A", "not_met", "実績の資料がない", "山田", now=AT)
    add_comment(decided, "TYP-2A", "山田", "資料を依頼済み", now=AT)
    assert large_app.model_dump() == before
    # the applicant's answers stay as they were; only review data changed
    assert decided.model_dump(exclude={"review"}) == large_app.model_dump(exclude={"review"})


def test_a_decision_overrides_the_computed_status_and_withdrawing_restores_it(
    large_app: Application, pack
) -> None:
    app = decide(large_app, "TYP-2B", "not_met", "事業化例が既にある", "山田", now=AT)
    item = check(app, pack).item("TYP-2B")
    assert (item.status, item.computed_status) == (Status.not_met, Status.needs_review)
    assert check(app, pack).has_not_met

    app = withdraw_decision(app, "TYP-2B", "確認の結果、事業化例は別方式", "山田", now=AT)
    item = check(app, pack).item("TYP-2B")
    assert item.status is item.computed_status is Status.needs_review
    assert [e.action for e in app.review.log] == ["decide", "withdraw"]
    assert "not_met -> -" in app.review.log[-1].detail


@pytest.mark.parametrize("item_id", ["typ-2a", "TYP2A", "TYP-2A:", "TYP-2A:Lead", "",
                                     "TYP-2A; rm -rf", "ＴＹＰ-２Ａ", "TYP-2A:lead:x"])
def test_item_ids_must_look_like_checklist_ids(large_app: Application, item_id: str) -> None:
    with pytest.raises(ReviewError, match="項目ID"):
        add_comment(large_app, item_id, "山田", "x", now=AT)


@pytest.mark.parametrize("item_id", ["TYP-2A", "SME-001:lead", "QNT-002:i2", "AFF-003:p1"])
def test_checklist_ids_are_accepted(large_app: Application, item_id: str) -> None:
    app = add_comment(large_app, item_id, "山田", "確認します", now=AT)
    assert app.review.items[item_id].comments[0].text == "確認します"


def test_other_bad_input_is_refused_with_a_clear_message(large_app: Application) -> None:
    with pytest.raises(ReviewError, match="タイムゾーン"):
        add_comment(large_app, "TYP-2A", "山田", "x", now=datetime(2026, 4, 1, 10, 0))
    with pytest.raises(ReviewError, match="使える値: met, not_met, needs_review"):
        decide(large_app, "TYP-2A", "missing", "理由", "山田", now=AT)
    with pytest.raises(ReviewError, match="記入者"):
        decide(large_app, "TYP-2A", "met", "理由", " ", now=AT)
    with pytest.raises(ReviewError, match="コメント"):
        add_comment(large_app, "TYP-2A", "山田", "", now=AT)
    with pytest.raises(ReviewError, match="U\\+0007"):
        add_comment(large_app, "TYP-2A", "山田", "ベル\x07", now=AT)
    with pytest.raises(ReviewError, match="取り消す判定がありません"):
        withdraw_decision(large_app, "TYP-2A", "理由", "山田", now=AT)


def test_the_default_time_is_now_with_a_time_zone(large_app: Application) -> None:
    app = add_comment(large_app, "TYP-2A", "山田", "x")
    at = app.review.log[0].at
    assert at.utcoffset() is not None
    assert abs(at - datetime.now(UTC)) < timedelta(minutes=1)


# ---------------------------------------------------------------- the log only grows

ITEMS = st.sampled_from(["TYP-2A", "TYP-2B", "SME-001:lead", "QNT-002:i1"])
TEXT = st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), min_size=0,
               max_size=12)
OPS = st.lists(st.tuples(st.sampled_from(["comment", "decide", "withdraw"]), ITEMS,
                         st.sampled_from(["met", "not_met", "needs_review"]), TEXT),
               min_size=1, max_size=12)


@settings(max_examples=40, deadline=None)
@given(ops=OPS)
def test_the_log_only_grows(ops: list[tuple[str, str, str, str]]) -> None:
    app = load_application(samples_dir() / "large_demo_india.yaml")  # not a fixture: hypothesis
    for n, (op, item, status, text) in enumerate(ops):
        at = AT + timedelta(minutes=n)
        try:
            if op == "comment":
                new = add_comment(app, item, "山田", text, now=at)
            elif op == "decide":
                new = decide(app, item, status, text, "山田", now=at)
            else:
                new = withdraw_decision(app, item, text, "山田", now=at)
        except ReviewError:  # refused (empty text, nothing to withdraw): nothing changes
            continue
        assert log_extends(app, new)
        assert len(new.review.log) == len(app.review.log) + 1
        assert new.review.log[-1].item == item and new.review.log[-1].action == op
        app = new
    saved = app.model_dump(mode="json")
    assert [e["item"] for e in saved["review"]["log"]] == [e.item for e in app.review.log]


def test_log_extends_notices_a_shortened_or_rewritten_log(large_app: Application) -> None:
    one = add_comment(large_app, "TYP-2A", "山田", "一", now=AT)
    two = add_comment(one, "TYP-2A", "山田", "二", now=AT)
    assert log_extends(one, two)
    assert not log_extends(two, one)
    rewritten = two.model_copy(deep=True)
    rewritten.review.log[0].detail = "書き換え"
    assert not log_extends(two, rewritten)
