"""The editing session's document (gs_assistant.session.document), without any UI."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from gs_assistant.model import load_application
from gs_assistant.model.application import Industry
from gs_assistant.model.files import ApplicationFileError
from gs_assistant.rules import check, default_pack
from gs_assistant.session.document import Document


@pytest.fixture
def doc(sample_copy: Path) -> Document:
    return Document.open(sample_copy, default_pack())


def test_get_and_set_by_path(doc: Document) -> None:
    assert doc.get("co_applicants[0].employees") == 120
    assert doc.set("co_applicants[0].employees", 90) is None
    assert doc.app.co_applicants[0].employees == 90
    assert doc.set("lead.industry", "wholesale") is None
    assert doc.app.lead.industry is Industry.wholesale
    assert doc.dirty and doc.revision == 2


def test_setting_the_same_value_changes_nothing(doc: Document) -> None:
    assert doc.set("lead.employees", 5400) is None
    assert not doc.dirty and doc.revision == 0


def test_a_refused_value_is_not_stored_and_the_message_names_the_problem(
        doc: Document) -> None:
    message = doc.set("large.affiliates[0].stake_percent", Decimal(150))
    assert message and "100" in message
    assert doc.app.large.affiliates[0].stake_percent == Decimal(100)
    assert "制御文字" in doc.set("lead.name", "abc\x07")
    assert doc.app.lead.name.startswith("東北重電")
    assert not doc.dirty


def test_unreadable_text_keeps_the_last_value_and_is_remembered(doc: Document) -> None:
    before = doc.app.costs.eligible_yen
    assert before is not None
    doc.mark_invalid("costs.eligible_yen", "約30億円", "読めません")
    assert doc.app.costs.eligible_yen == before
    assert doc.invalid == {"costs.eligible_yen": ("約30億円", "読めません")}
    assert doc.set("costs.eligible_yen", 2_000_000_000) is None
    assert doc.invalid == {}


def test_a_row_is_blank_until_something_is_answered(doc: Document) -> None:
    index = doc.add_row("indicators")
    assert doc.row_is_blank("indicators", index)
    doc.mark_invalid(f"indicators[{index}].target", "たくさん", "数値で入力してください")
    assert not doc.row_is_blank("indicators", index)
    doc.set(f"indicators[{index}].target", None)
    assert doc.row_is_blank("indicators", index)
    doc.set(f"indicators[{index}].name", "輸出額")
    assert not doc.row_is_blank("indicators", index)
    assert not doc.row_is_blank("indicators", 0)


def test_rows_are_added_and_removed(doc: Document) -> None:
    index = doc.add_row("indicators", name="国内雇用の増加数")
    assert index == 2 and doc.app.indicators[2].name == "国内雇用の増加数"
    doc.mark_invalid("indicators[2].target", "たくさん", "数値で入力してください")
    doc.remove_row("indicators", 2)
    assert len(doc.app.indicators) == 2 and doc.invalid == {}
    assert doc.row_type("large.similar_projects").__name__ == "SimilarProject"


def test_report_is_cached_until_a_change(doc: Document) -> None:
    first = doc.report()
    assert doc.report() is first
    doc.set("costs.eligible_yen", 100)
    assert doc.report() is not first


def test_save_is_atomic_keeps_a_backup_and_records_pack_and_time(doc: Document) -> None:
    before = doc.path.read_text(encoding="utf-8")
    doc.set("content.title", "新しい事業名")
    doc.save()
    assert not doc.dirty
    assert doc.path.with_name("large.yaml.bak").read_text(encoding="utf-8") == before
    again = load_application(doc.path)
    assert again.content.title == "新しい事業名"
    assert again.meta.rule_pack.id == default_pack().id
    assert again.meta.updated is not None
    assert check(again, default_pack()).summary() == doc.report().summary()
    assert [p.name for p in doc.path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_position_is_remembered_without_counting_as_an_answer(doc: Document) -> None:
    doc.set_position(step="benefits", field="indicators[1].target")
    assert doc.ui_dirty and not doc.dirty and doc.needs_save
    doc.save()
    meta = load_application(doc.path).meta.ui
    assert (meta.step, meta.field) == ("benefits", "indicators[1].target")


def test_create_refuses_an_existing_file_and_writes_a_new_one(tmp_path: Path,
                                                              sample_copy: Path) -> None:
    with pytest.raises(ApplicationFileError, match="既にあります"):
        Document.create(sample_copy, default_pack())
    with pytest.raises(ApplicationFileError, match="フォルダ"):
        Document.create(tmp_path / "no" / "such.yaml", default_pack())
    new = Document.create(tmp_path / "新規.yaml", default_pack())
    assert load_application(new.path).meta.created is not None
    assert not new.dirty


def test_an_editing_session_left_by_a_dead_process_is_a_recovery(tmp_path, pack) -> None:
    doc = Document.create(tmp_path / "a.yaml", pack)
    assert doc.begin_session() is None  # nobody had it open
    assert doc.marker.read_text(encoding="utf-8").strip() == str(os.getpid())
    doc.end_session()
    assert not doc.marker.exists()  # a clean exit leaves nothing behind

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    doc.marker.write_text(f"{dead}\n", encoding="utf-8")  # a wizard that was killed
    again = Document.open(doc.path, pack)
    found = again.begin_session()
    assert found is not None and found.other_pid is None
    assert found.saved_at.timestamp() == pytest.approx(doc.path.stat().st_mtime, abs=1)
    assert again.begin_session() is None  # now it is ours


def test_a_file_open_in_a_live_wizard_is_reported(tmp_path, pack) -> None:
    doc = Document.create(tmp_path / "b.yaml", pack)
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) as other:
        try:
            doc.marker.write_text(f"{other.pid}\n", encoding="utf-8")
            found = doc.begin_session()
            assert found is not None and found.other_pid == other.pid
        finally:
            other.kill()
