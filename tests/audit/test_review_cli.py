"""`gs-assistant comment` and `gs-assistant decide` on a copy of the large sample."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from gs_assistant.cli import main
from gs_assistant.model import load_application


def _items(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict]:
    main(["check", str(path), "--format", "json"])
    return {i["id"]: i for i in json.loads(capsys.readouterr().out)["items"]}


def test_decide_records_the_decision_and_keeps_a_backup(
    sample_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sample_copy.read_text(encoding="utf-8")
    code = main(["decide", str(sample_copy), "TYP-3B", "--status", "not_met",
                 "--reason", "現地で同方式の事業化例を確認", "--author", "山田 太郎"])
    out = capsys.readouterr().out
    assert code == 0
    assert "TYP-3B" in out and "不適合" in out and "要確認" in out
    assert (sample_copy.parent / "large.yaml.bak").read_text(encoding="utf-8") == before

    item = _items(sample_copy, capsys)["TYP-3B"]
    assert (item["status"], item["computed_status"]) == ("not_met", "needs_review")
    assert item["review"]["decision"]["author"] == "山田 太郎"
    # a reviewer's 不適合 makes `check` exit 1
    assert main(["check", str(sample_copy)]) == 1


def test_comment_from_stdin_and_withdraw(
    sample_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("一行目\n二行目\n"))
    assert main(["comment", str(sample_copy), "QNT-002:i1", "--author", "鈴木",
                 "--text", "-"]) == 0
    assert main(["decide", str(sample_copy), "TYP-2A", "--status", "met", "--reason", "確認済み",
                 "--author", "鈴木"]) == 0
    assert main(["decide", str(sample_copy), "TYP-2A", "--withdraw", "--reason", "再確認する",
                 "--author", "鈴木"]) == 0
    app = load_application(sample_copy)
    assert app.review.items["QNT-002:i1"].comments[0].text == "一行目\n二行目"
    assert app.review.items["TYP-2A"].decision is None
    assert [(e.action, e.item) for e in app.review.log] == [
        ("comment", "QNT-002:i1"), ("decide", "TYP-2A"), ("withdraw", "TYP-2A")]
    capsys.readouterr()
    assert _items(sample_copy, capsys)["TYP-2A"]["status"] == "needs_review"


@pytest.mark.parametrize(("argv", "message"), [
    (["decide", "{f}", "TYP-2A", "--status", "met", "--reason", "", "--author", "x"],
     "判定の理由を入力してください"),
    (["decide", "{f}", "TYP-2A", "--status", "met", "--author", "x"], "判定の理由"),
    (["decide", "{f}", "TYP-1A", "--status", "met", "--reason", "r", "--author", "x"],
     "チェックリストにない項目ID"),
    (["comment", "{f}", "typ-2a", "--author", "x", "--text", "t"], "項目IDの形ではありません"),
    (["comment", "{f}", "TYP-2A", "--author", "", "--text", "t"], "記入者"),
    (["decide", "{f}", "TYP-2A", "--withdraw", "--reason", "r", "--author", "x"],
     "取り消す判定がありません"),
    (["decide", "sample:large_demo_india", "TYP-2A", "--status", "met", "--reason", "r",
      "--author", "x"], "サンプルは変更できません"),
    (["comment", "{dir}/missing.yaml", "TYP-2A", "--author", "x", "--text", "t"],
     "ファイルが見つかりません"),
])
def test_refusals_are_one_line_exit_2_and_leave_the_file_alone(
    sample_copy: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    before = sample_copy.read_bytes()
    argv = [a.format(f=sample_copy, dir=sample_copy.parent) for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert sample_copy.read_bytes() == before
    assert not (sample_copy.parent / "large.yaml.bak").exists()


def test_a_status_outside_the_reviewed_ones_is_refused_by_the_parser(
    sample_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["decide", str(sample_copy), "TYP-2A", "--status", "missing", "--reason", "r",
              "--author", "x"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
