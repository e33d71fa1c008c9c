"""The editing session's document (gs_assistant.session.document), without any UI."""

from __future__ import annotations

import os
import subprocess
import sys
import time
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


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states (Linux)")
def test_a_killed_wizard_not_yet_reaped_is_a_recovery(tmp_path, pack) -> None:
    """A wizard killed a moment ago can linger as a zombie until its parent (a terminal,
    tmux) collects it; it has ended, so reopening the file is a recovery, not a second
    wizard holding the file."""
    doc = Document.create(tmp_path / "z.yaml", pack)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        other.kill()
        deadline = time.monotonic() + 10
        while _state(other.pid) != "Z":  # dead, its exit status not collected
            assert time.monotonic() < deadline, "the child never became a zombie"
            time.sleep(0.01)
        doc.marker.write_text(f"{other.pid}\n", encoding="utf-8")
        found = doc.begin_session()
        assert found is not None and found.other_pid is None
        doc.marker.write_text(f"{other.pid}\n", encoding="utf-8")
        assert not doc.opened_elsewhere()
    finally:
        other.wait()


def _state(pid: int) -> str:
    """A process's state letter from /proc (Linux)."""
    stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    return stat.rsplit(")", 1)[1].split()[0]


def test_a_file_open_in_a_live_wizard_is_reported(tmp_path, pack) -> None:
    doc = Document.create(tmp_path / "b.yaml", pack)
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"]) as other:
        try:
            doc.marker.write_text(f"{other.pid}\n", encoding="utf-8")
            found = doc.begin_session()
            assert found is not None and found.other_pid == other.pid
        finally:
            other.kill()


def _cli_comment(path: Path, text: str) -> None:
    from gs_assistant.model import add_comment
    from gs_assistant.model.store import update_application

    update_application(path, lambda a: add_comment(a, "APP-001", "cli", text))


def _comments(path: Path) -> list[str]:
    item = load_application(path).review.items.get("APP-001")
    return [c.text for c in item.comments] if item else []


@pytest.mark.parametrize("writes_between", [0, 1])
def test_a_snapshot_taken_while_a_save_merges_keeps_what_the_merge_brought(
        doc: Document, sample_copy: Path, writes_between: int) -> None:
    """The wizard's autosave: snapshot 1 is written on a worker and merged with a
    command-line comment; snapshot 2 is taken (more typing) before the editing thread has
    taken that merge in. Saving snapshot 2 keeps the comment, whether or not the command
    line wrote again in between, and is never a conflict; the wizard is left with nothing
    unsaved (else it would ask on quitting, with no autosave coming)."""
    name = doc.app.lead.name
    doc.set("lead.name", name + "あ")
    first = doc.snapshot()
    _cli_comment(sample_copy, "c0")
    assert doc.write(first)
    doc.set("lead.name", name + "あい")
    second = doc.snapshot()  # before doc.saved(first)
    for n in range(writes_between):
        _cli_comment(sample_copy, f"c{n + 1}")
    assert doc.write(second)
    assert _comments(sample_copy) == [f"c{n}" for n in range(writes_between + 1)]
    kinds = [doc.saved(first).kind, doc.saved(second).kind]
    assert kinds == ["merged", "merged" if writes_between else "saved"]
    assert not doc.needs_save  # taking the merge in is no edit: nothing left unsaved
    assert load_application(sample_copy).lead.name == name + "あい"
    assert not list(sample_copy.parent.glob("*.conflict-*"))
    doc.set("lead.name", name + "あいう")  # a later save, from answers that took it in
    assert doc.save().kind == "saved"
    assert _comments(sample_copy) == [f"c{n}" for n in range(writes_between + 1)]
    assert [c.text for c in doc.app.review.items["APP-001"].comments] == _comments(sample_copy)


def test_snapshots_on_both_sides_of_a_take_in_never_conflict(doc: Document,
                                                              sample_copy: Path) -> None:
    """A snapshot taken before the answers took in a merge, written after one taken
    later (the criss-cross that once ended in a conflict on the company name)."""
    name = doc.app.lead.name
    doc.set("lead.name", name + "1")
    s1 = doc.snapshot()
    _cli_comment(sample_copy, "c0")
    doc.write(s1)  # merged
    doc.set("lead.name", name + "12")
    s2 = doc.snapshot()  # before the merge is taken in
    assert doc.saved(s1).kind == "merged"
    doc.set("lead.name", name + "123")
    s3 = doc.snapshot()  # after it
    _cli_comment(sample_copy, "c1")
    doc.write(s2)  # merged again, with c1
    _cli_comment(sample_copy, "c2")
    doc.write(s3)
    for snap in (s2, s3):
        assert doc.saved(snap).kind == "merged"
    assert load_application(sample_copy).lead.name == name + "123"
    assert _comments(sample_copy) == ["c0", "c1", "c2"]
    assert not list(sample_copy.parent.glob("*.conflict-*"))
