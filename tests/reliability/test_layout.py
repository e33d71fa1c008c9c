"""A file edited by hand keeps its key order when the tool saves it (``model/layout.py``
through ``model/store.py``); a file the tool wrote keeps the fast writer. Comments between
keys are not kept (see ``model/layout.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gs_assistant.model import add_comment, load_application
from gs_assistant.model.files import application_data, data_bytes, save_application
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


def _order(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    top = _keys(text)
    assert top.index("costs") < top.index("lead") < top.index("indicators") < top.index("period")
    lead = text[text.index("\nlead:"):text.index("\nindicators:")]
    assert lead.index("capital_yen") < lead.index("name:") < lead.index("employees")
    assert text.startswith("# 申請ファイル（手で編集）")  # the leading comment, as before


def test_key_order_survives_an_edit(hand: Path) -> None:
    app, loaded = load_for_edit(hand)
    assert not loaded.plain
    app.lead.name = "株式会社テスト（改）"
    app.indicators[1].target = 4000
    assert save_checked(app, hand, loaded).kind == "saved"
    _order(hand)
    saved = load_application(hand)
    assert saved.lead.name == "株式会社テスト（改）"
    assert saved.indicators[1].target == 4000
    assert application_data(saved) == application_data(app)


def test_later_saves_of_the_session_keep_it_too(hand: Path) -> None:
    app, loaded = load_for_edit(hand)
    for n in range(3):
        app.lead.employees = 50 + n
        loaded = save_checked(app, hand, loaded).loaded
    _order(hand)
    assert load_application(hand).lead.employees == 52


def test_a_command_line_comment_and_a_merge_keep_it(hand: Path) -> None:
    mine, loaded = load_for_edit(hand)
    update_application(hand, lambda a: add_comment(a, "APP-001", "支援者", "外から"))
    _order(hand)
    mine.lead.employees = 46
    assert save_checked(mine, hand, loaded).kind == "merged"
    _order(hand)
    saved = load_application(hand)
    assert saved.review.items["APP-001"].comments[0].text == "外から"
    assert saved.lead.employees == 46


def test_a_file_the_tool_wrote_takes_the_fast_writer(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "tool.yaml"
    app = load_application(SMALL_SAMPLE)
    save_application(app, path)
    monkeypatch.setattr("gs_assistant.model.store.layout_bytes",
                        lambda *a, **k: pytest.fail("the fast writer keeps this order"))
    app, loaded = load_for_edit(path)
    assert loaded.plain
    app.lead.employees = 99
    save_checked(app, path, loaded)
    assert path.read_bytes() == data_bytes(application_data(app), path,
                                           "# gs-assistant application file (UTF-8 YAML)\n")
