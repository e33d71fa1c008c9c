"""``gs-assistant export`` and the functions the wizard and the audit call."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import docx
import pytest
from export_helpers import headings, table_rows

from gs_assistant.cli import main
from gs_assistant.model import load_application, save_application
from gs_assistant.model.application import Decision, ItemReview, ReviewStatus
from gs_assistant.paths import samples_dir
from gs_assistant.rules import default_pack

SAMPLE = samples_dir() / "sme_fs_vietnam.yaml"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_export_writes_a_word_file(tmp_path: Path, capsys) -> None:
    out = tmp_path / "draft.docx"
    code, stdout, err = _run(["export", "sample:sme_fs_vietnam", "-o", str(out)], capsys)
    assert (code, err) == (0, "")
    assert stdout.strip() == str(out)
    doc = docx.Document(str(out))
    assert headings(doc, 1)[0] == "1. 事業概要"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.docx"]  # no temp file


def test_refuses_to_overwrite_without_force(tmp_path: Path, capsys) -> None:
    out = tmp_path / "draft.docx"
    out.write_bytes(b"PK\x03\x04 an earlier draft")  # a Word document (a ZIP) is replaced
    code, _, err = _run(["export", str(SAMPLE), "-o", str(out)], capsys)
    assert code == 2 and "--force" in err and str(out) in err
    assert out.read_bytes() == b"PK\x03\x04 an earlier draft"
    code, _, err = _run(["export", str(SAMPLE), "-o", str(out), "--force"], capsys)
    assert (code, err) == (0, "")
    assert out.read_bytes()[:2] == b"PK"


def test_refuses_to_write_over_the_application_file(tmp_path: Path, capsys) -> None:
    app_file = tmp_path / "application.yaml"
    shutil.copy(SAMPLE, app_file)
    before = _digest(app_file)
    code, _, err = _run(["export", str(app_file), "-o", str(app_file), "--force"], capsys)
    assert code == 2 and "申請ファイル自身" in err
    # the same file under another name (a hard link) is refused too
    link = tmp_path / "same.docx"
    os.link(app_file, link)
    code, _, err = _run(["export", str(app_file), "-o", str(link), "--force"], capsys)
    assert code == 2 and "申請ファイル自身" in err
    assert _digest(app_file) == before


@pytest.mark.parametrize(("output", "words"), [
    ("draft.pdf", ".docx"),
    ("missing_folder/draft.docx", "フォルダがありません"),
    (".", "フォルダです"),
])
def test_bad_output_paths(tmp_path: Path, capsys, output: str, words: str) -> None:
    code, _, err = _run(["export", str(SAMPLE), "-o", str(tmp_path / output)], capsys)
    assert code == 2 and words in err


def test_unreadable_application_is_exit_2_naming_the_file(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("meta: {schema_version: 1}\ncosts: {total_yen: 約5億円}\n", encoding="utf-8")
    code, _, err = _run(["export", str(bad), "-o", str(tmp_path / "x.docx")], capsys)
    assert code == 2
    assert str(bad) in err and "costs.total_yen" in err and "Traceback" not in err
    assert not (tmp_path / "x.docx").exists()


def test_lang_changes_messages_not_the_document(tmp_path: Path, capsys) -> None:
    out = tmp_path / "draft.docx"
    code, _, _ = _run(["export", str(SAMPLE), "-o", str(out), "--lang", "en"], capsys)
    assert code == 0
    assert headings(docx.Document(str(out)), 1)[0] == "1. 事業概要"
    code, _, err = _run(["export", str(SAMPLE), "-o", str(out), "--lang", "en"], capsys)
    assert code == 2 and "already exists" in err


def test_command_module_is_cheap_to_import() -> None:
    code = ("import sys, gs_assistant.cli, gs_assistant.export.command, gs_assistant.export\n"
            "print(sorted(m for m in ('docx', 'jinja2', 'markdown_it', 'lxml') "
            "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.strip() == "[]"


# ---------------------------------------------------------------- the Python API


def test_public_functions(tmp_path: Path) -> None:
    from gs_assistant.export import build_document, docx_bytes, export_docx

    app, pack = load_application(SAMPLE), default_pack()
    path = export_docx(app, pack, tmp_path / "a.docx")
    assert path == tmp_path / "a.docx" and path.read_bytes()[:2] == b"PK"
    data = docx_bytes(app, pack)
    assert data[:2] == b"PK" and len(data) > 10_000
    assert headings(build_document(app, pack), 1)[-2:] == ["付録　要件チェックリスト",
                                                          "付録　提出書類チェックリスト"]


def test_checklist_document_shows_a_consultants_decision(tmp_path: Path) -> None:
    from gs_assistant.export import build_document

    app, pack = load_application(SAMPLE), default_pack()
    app.review.items["PBN-001"] = ItemReview(decision=Decision(
        status=ReviewStatus.met, reason="裨益の説明は具体的で十分", author="山田",
        at=datetime(2026, 4, 2, 10, 30)))
    saved = tmp_path / "reviewed.yaml"
    save_application(app, saved)  # the decision survives a save and a load
    doc = build_document(load_application(saved), pack, template="checklist.md.j2")
    assert [p.text for p in doc.paragraphs if p.style.name == "Title"] == ["要件チェックリスト"]
    row = next(r for t in doc.tables for r in table_rows(t) if r[1] == "PBN-001")
    assert row[0] == "適合（支援者の判断）"
    notes = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert notes == ["PBN-001 判断「適合」（自動判定「要確認」）：裨益の説明は具体的で十分"
                     "（山田、2026-04-02 10:30）"]
