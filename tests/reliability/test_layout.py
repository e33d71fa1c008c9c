"""A file edited by hand keeps its comments and key order when the tool saves it
(``model/layout.py`` through ``model/store.py``); a file the tool wrote keeps the fast
writer; nothing typed is ever traded for a comment."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gs_assistant.model import add_comment, load_application
from gs_assistant.model import layout as layout_module
from gs_assistant.model.files import application_data, data_bytes, save_application
from gs_assistant.model.layout import has_inner_comments
from gs_assistant.model.store import load_for_edit, save_checked, update_application
from gs_assistant.paths import samples_dir

SMALL_SAMPLE = samples_dir() / "sme_fs_vietnam.yaml"

# A hand-edited file: comments between keys, at the end of lines, inside rows, at the end;
# keys in an order of the person's choosing (costs before lead, name after capital_yen);
# an unquoted date.
HAND = """\
# 申請ファイル（手で編集）
meta:
  schema_version: 1
costs:  # 見積書 2026-03 版
  total_yen: 90000000
  eligible_yen: 84000000
lead:
  capital_yen: 30000000  # 登記簿どおり
  name: 株式会社テスト
  # 従業員数は 4 月 1 日時点
  employees: 45
indicators:
  - name: 雇用増加数  # 第一の指標
    benefit_type: type2
    target: 20
  - name: 輸出台数
    # 年間の台数
    target: 3000
period:
  start: 2026-07-01
  end: 2027-06-30
# おわり
"""


@pytest.fixture
def hand(tmp_path: Path) -> Path:
    path = tmp_path / "hand.yaml"
    path.write_text(HAND, encoding="utf-8")
    return path


def _keys(text: str, indent: str = "") -> list[str]:
    return [line.strip().split(":")[0] for line in text.splitlines()
            if line.startswith(indent) and not line[len(indent):].startswith((" ", "#", "-"))
            and ":" in line]


def test_comments_and_key_order_survive_an_edit(hand: Path) -> None:
    app, loaded = load_for_edit(hand)
    assert not loaded.plain
    app.lead.name = "株式会社テスト（改）"
    app.indicators[1].target = 4000
    assert save_checked(app, hand, loaded).kind == "saved"
    text = hand.read_text(encoding="utf-8")
    for comment in ("# 申請ファイル（手で編集）", "# 見積書 2026-03 版", "# 登記簿どおり",
                    "# 従業員数は 4 月 1 日時点", "# 第一の指標", "# 年間の台数", "# おわり"):
        assert comment in text, comment
    top = _keys(text)
    assert top.index("costs") < top.index("lead") < top.index("indicators") < top.index("period")
    lead = text[text.index("\nlead:"):text.index("\nindicators:")]
    assert lead.index("capital_yen") < lead.index("name:") < lead.index("employees")
    assert "start: 2026-07-01\n" in text  # as written, not quoted
    saved = load_application(hand)
    assert saved.lead.name == "株式会社テスト（改）"
    assert saved.indicators[1].target == 4000
    assert application_data(saved) == application_data(app)


def test_later_saves_of_the_session_keep_them_too(hand: Path) -> None:
    app, loaded = load_for_edit(hand)
    for n in range(3):
        app.lead.employees = 50 + n
        loaded = save_checked(app, hand, loaded).loaded
    text = hand.read_text(encoding="utf-8")
    assert "# 登記簿どおり" in text and "employees: 52" in text


def test_rows_removed_and_added_keep_the_other_rows_comments(hand: Path) -> None:
    app, loaded = load_for_edit(hand)
    app.indicators.append(app.indicators[1].model_copy(update={"name": "三つ目"}))
    save_checked(app, hand, loaded)
    text = hand.read_text(encoding="utf-8")
    assert "# 第一の指標" in text and "三つ目" in text
    app, loaded = load_for_edit(hand)
    del app.indicators[1:]
    save_checked(app, hand, loaded)
    assert "# 第一の指標" in hand.read_text(encoding="utf-8")
    assert [i.name for i in load_application(hand).indicators] == ["雇用増加数"]


def test_a_command_line_comment_keeps_them(hand: Path) -> None:
    update_application(hand, lambda a: add_comment(a, "APP-001", "支援者", "確認します"))
    text = hand.read_text(encoding="utf-8")
    assert "# 登記簿どおり" in text and "# おわり" in text
    assert load_application(hand).review.items["APP-001"].comments[0].text == "確認します"


def test_a_merge_keeps_the_other_writers_comments(hand: Path) -> None:
    mine, loaded = load_for_edit(hand)
    update_application(hand, lambda a: add_comment(a, "APP-001", "支援者", "外から"))
    mine.lead.employees = 46
    assert save_checked(mine, hand, loaded).kind == "merged"
    text = hand.read_text(encoding="utf-8")
    assert "# 従業員数は 4 月 1 日時点" in text and "employees: 46" in text
    assert load_application(hand).review.items["APP-001"].comments[0].text == "外から"


def test_key_order_alone_is_kept_by_the_fast_writer(hand: Path, monkeypatch) -> None:
    hand.write_text("\n".join(line.split("  #")[0] for line in HAND.splitlines()
                              if not line.strip().startswith("#")) + "\n", encoding="utf-8")

    def refuse(*args):
        raise AssertionError("no comments: the round trip is not needed")

    monkeypatch.setattr(layout_module, "round_trip", refuse)
    app, loaded = load_for_edit(hand)
    assert not loaded.plain
    app.lead.name = "並び順株式会社"
    save_checked(app, hand, loaded)
    top = _keys(hand.read_text(encoding="utf-8"))
    assert top.index("costs") < top.index("lead")
    assert load_application(hand).lead.name == "並び順株式会社"


def test_a_file_the_tool_wrote_takes_the_fast_writer(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "tool.yaml"
    app = load_application(SMALL_SAMPLE)
    app.lead.name = "第 #1 株式会社"  # a "#" in an answer is not a comment
    app.content.summary = "要約 # 見出しではない\n二行目 #タグ"
    save_application(app, path)
    assert not has_inner_comments(path.read_bytes())
    monkeypatch.setattr(layout_module, "layout_bytes",
                        lambda *a, **k: pytest.fail("the fast writer keeps this layout"))
    app, loaded = load_for_edit(path)
    assert loaded.plain
    app.lead.employees = 99
    save_checked(app, path, loaded)
    assert path.read_bytes() == data_bytes(application_data(app), path,
                                           "# gs-assistant application file (UTF-8 YAML)\n")


def test_when_the_round_trip_would_change_an_answer_the_answers_win(hand: Path,
                                                                    monkeypatch) -> None:
    monkeypatch.setattr(layout_module, "round_trip",
                        lambda text, data: text.replace("株式会社テスト", "別の会社"))
    app, loaded = load_for_edit(hand)
    app.lead.employees = 47
    save_checked(app, hand, loaded)
    saved = load_application(hand)
    assert (saved.lead.name, saved.lead.employees) == ("株式会社テスト", 47)
    assert "# 登記簿どおり" not in hand.read_text(encoding="utf-8")  # dropped, never an answer


def test_the_samples_keep_their_comments(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    shutil.copy(SMALL_SAMPLE, path)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  employees: 45\n", "  employees: 45  # 正社員のみ\n"), encoding="utf-8")
    app, loaded = load_for_edit(path)
    app.lead.employees = 46
    save_checked(app, path, loaded)
    text = path.read_text(encoding="utf-8")
    assert "employees: 46  # 正社員のみ" in text
    assert text.startswith("# サンプル（架空）")
    assert "\nindicators:\n  - benefit_type: type2\n    name:" in text  # its indentation


HAND_COMMENTS = ("# 申請ファイル（手で編集）", "# 見積書 2026-03 版", "# 登記簿どおり",
                 "# 従業員数は 4 月 1 日時点", "# 第一の指標", "# 年間の台数", "# おわり")


def test_the_wizards_saves_and_comment_and_decide_keep_them(hand: Path) -> None:
    """Comments between keys, at the end of lines and inside list rows survive the
    wizard's save path (``Document``, merging with the command line's writes) and the
    command line's ``comment`` and ``decide``."""
    from gs_assistant.cli import main
    from gs_assistant.rules import default_pack
    from gs_assistant.session.document import Document

    doc = Document.open(hand, default_pack())
    doc.set("lead.name", "株式会社テスト（改）")
    assert doc.save().kind == "saved"
    assert main(["comment", str(hand), "APP-001", "--author", "支援者",
                 "--text", "確認します"]) == 0
    assert main(["decide", str(hand), "APP-002", "--status", "met",
                 "--reason", "登記簿で確認", "--author", "支援者"]) == 0
    doc.set("lead.employees", 46)
    assert doc.save().kind == "merged"
    text = hand.read_text(encoding="utf-8")
    for comment in HAND_COMMENTS:
        assert comment in text, comment
    assert "capital_yen: 30000000  # 登記簿どおり" in text
    assert "- name: 雇用増加数  # 第一の指標" in text
    saved = load_application(hand)
    assert (saved.lead.name, saved.lead.employees) == ("株式会社テスト（改）", 46)
    assert saved.review.items["APP-001"].comments[0].text == "確認します"
    assert saved.review.items["APP-002"].decision.reason == "登記簿で確認"
    assert application_data(saved) == application_data(doc.app)
