"""The Word draft's appendix 「提出書類チェックリスト」: each needed document with its
provider and state, and the call's dates with where they came from."""

from __future__ import annotations

from pathlib import Path

import docx
from export_helpers import find_table, headings, section_paragraphs, table_rows

from gs_assistant.cli import main
from gs_assistant.model import load_application, save_application
from gs_assistant.paths import samples_dir


def test_the_appendix_lists_documents_and_dates(small_doc) -> None:
    assert "付録\u3000提出書類チェックリスト" in headings(small_doc, 1)
    rows = table_rows(find_table(small_doc, "書類", "提出者", "状態", "判定"))[1:]
    names = [r[0] for r in rows]
    assert "事業計画書" in names and not any("協定書" in n for n in names)  # single applicant
    assert all(r[2] == "未着手" for r in rows)
    dates = table_rows(find_table(small_doc, "日程", "日時", "出典"))[1:]
    assert ["受付締切", "4～5月頃を想定（受付）", "パンフレット"] in dates
    appendix = section_paragraphs(small_doc, "付録\u3000提出書類チェックリスト")
    assert any("締切未確定" in p for p in appendix)


def test_a_joint_application_lists_each_members_documents(large_doc) -> None:
    rows = table_rows(find_table(large_doc, "書類", "提出者", "状態", "判定"))[1:]
    assert any(r[0] == "コンソーシアム協定書" for r in rows)
    providers = {r[1] for r in rows if r[0].startswith("決算書")}
    assert len(providers) == 2 and any(p.startswith("共同申請者1") for p in providers)


def test_states_paths_notes_and_the_call_dates_reach_the_draft(tmp_path: Path) -> None:
    app = load_application(samples_dir() / "sme_fs_vietnam.yaml")
    app.package.mark("business_plan", "準備済", path="書類/計画.docx", note="第2版")
    app.package.mark("gbizid_prime", "準備中")
    path = tmp_path / "app.yaml"
    save_application(app, path)
    (tmp_path / "書類").mkdir()
    (tmp_path / "書類" / "計画.docx").write_bytes(b"x")
    call = tmp_path / "call.yaml"
    call.write_text("small_fs:\n  submission_deadline: 2099-05-15 12:00\n", encoding="utf-8")
    out = tmp_path / "draft.docx"
    assert main(["export", str(path), "-o", str(out), "--call", str(call)]) == 0
    doc = docx.Document(str(out))
    rows = {r[0]: r for r in table_rows(find_table(doc, "書類", "提出者", "状態", "判定"))[1:]}
    assert rows["事業計画書"][2:] == ["準備済", "適合", "書類/計画.docx\u3000第2版"]
    assert rows["GビズIDプライム（電子申請のアカウント。書類ではありません）"][2] == "準備中"
    dates = {r[0]: r for r in table_rows(find_table(doc, "日程", "日時", "出典"))[1:]}
    assert dates["受付締切"][1:] == ["2099年5月15日（金）12:00", "call.yaml"]
    assert dates["問合せ締切"][2] == "前回公募の例"
    text = "\n".join(section_paragraphs(doc, "付録\u3000提出書類チェックリスト"))
    assert "締切まで" in text


def test_a_malformed_call_yaml_stops_the_export(tmp_path: Path, capsys) -> None:
    call = tmp_path / "call.yaml"
    call.write_text("small_fs:\n  submission_deadline: 2099-05-15\n", encoding="utf-8")
    out = tmp_path / "draft.docx"
    assert main(["export", "sample:sme_fs_vietnam", "-o", str(out), "--call", str(call)]) == 2
    err = capsys.readouterr().err.strip()
    assert str(call) in err and "small_fs.submission_deadline" in err and not out.exists()
