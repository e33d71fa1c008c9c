"""Checked saves (``model/store.py``): merge what is safe, never overwrite blindly."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from gs_assistant.model import ApplicationFileError, add_comment, decide, load_application
from gs_assistant.model.store import (
    Conflict,
    ReadOnlyFileError,
    load_for_edit,
    merge3,
    save_checked,
    update_application,
)


def test_unchanged_file_is_saved(sample_copy: Path) -> None:
    app, loaded = load_for_edit(sample_copy)
    app.lead.name = "変更後株式会社"
    result = save_checked(app, sample_copy, loaded)
    assert result.kind == "saved" and result.path == sample_copy
    assert load_application(sample_copy).lead.name == "変更後株式会社"


def test_review_entries_from_both_sides_are_kept(sample_copy: Path) -> None:
    mine, loaded = load_for_edit(sample_copy)
    update_application(sample_copy, lambda a: add_comment(a, "APP-001", "外部", "CLIから"))
    mine = decide(mine, "APP-002", "met", "画面から", "画面")
    mine.content.summary = "画面で書き直した概要"
    result = save_checked(mine, sample_copy, loaded)
    assert result.kind == "merged"
    saved = load_application(sample_copy)
    assert [e.action for e in saved.review.log] == ["comment", "decide"]
    assert saved.review.items["APP-001"].comments[0].text == "CLIから"
    assert saved.review.items["APP-002"].decision.reason == "画面から"
    assert saved.content.summary == "画面で書き直した概要"
    assert result.app == saved  # the session goes on with the merged version
    assert result.data == saved.model_dump(mode="json")


def test_answers_edited_on_different_sides_merge(sample_copy: Path) -> None:
    first, loaded1 = load_for_edit(sample_copy)
    second, loaded2 = load_for_edit(sample_copy)
    first.lead.name = "一人目株式会社"
    second.content.summary = "二人目の概要"
    assert save_checked(first, sample_copy, loaded1).kind == "saved"
    assert save_checked(second, sample_copy, loaded2).kind == "merged"
    saved = load_application(sample_copy)
    assert (saved.lead.name, saved.content.summary) == ("一人目株式会社", "二人目の概要")


def test_same_answer_edited_on_both_sides_is_kept_beside(sample_copy: Path) -> None:
    first, loaded1 = load_for_edit(sample_copy)
    second, loaded2 = load_for_edit(sample_copy)
    first.lead.name = "一人目株式会社"
    second.lead.name = "二人目株式会社"
    save_checked(first, sample_copy, loaded1)
    result = save_checked(second, sample_copy, loaded2)
    assert result.kind == "conflict" and result.where == "lead.name"
    assert result.path != sample_copy and result.path.parent == sample_copy.parent
    assert ".conflict-" in result.path.name
    assert load_application(sample_copy).lead.name == "一人目株式会社"
    assert load_application(result.path).lead.name == "二人目株式会社"


def test_rewritten_log_is_a_conflict() -> None:
    base = {"review": {"log": [1, 2]}}
    with pytest.raises(Conflict):
        merge3(base, {"review": {"log": [1, 2, 3]}}, {"review": {"log": [1, 9]}})
    assert merge3(base, {"review": {"log": [1, 2, 3]}}, {"review": {"log": [1, 2, 4]}}) == {
        "review": {"log": [1, 2, 4, 3]}}


def test_symlink_saves_to_its_target(sample_copy: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to(sample_copy)
    app, loaded = load_for_edit(link)
    app.lead.name = "リンク経由株式会社"
    save_checked(app, link, loaded)
    assert link.is_symlink()
    assert load_application(sample_copy).lead.name == "リンク経由株式会社"
    bak = sample_copy.with_name(sample_copy.name + ".bak")
    assert bak.is_file() and not bak.is_symlink()
    update_application(link, lambda a: add_comment(a, "APP-001", "外部", "リンク経由"))
    assert link.is_symlink() and len(load_application(sample_copy).review.log) == 1


def test_read_only_file_is_refused(sample_copy: Path) -> None:
    before = sample_copy.read_bytes()
    os.chmod(sample_copy, 0o444)
    app, loaded = load_for_edit(sample_copy)
    app.lead.name = "書けない株式会社"
    with pytest.raises(ReadOnlyFileError, match=str(sample_copy)):
        save_checked(app, sample_copy, loaded)
    with pytest.raises(ReadOnlyFileError):
        update_application(sample_copy, lambda a: add_comment(a, "APP-001", "x", "y"))
    assert sample_copy.read_bytes() == before
    assert os.stat(sample_copy).st_mode & 0o777 == 0o444


def test_unreadable_file_on_disk_is_never_overwritten(sample_copy: Path) -> None:
    app, loaded = load_for_edit(sample_copy)
    sample_copy.write_text("meta: [broken\n", encoding="utf-8")
    result = save_checked(app, sample_copy, loaded)
    assert result.kind == "conflict"
    assert sample_copy.read_text(encoding="utf-8") == "meta: [broken\n"
    with pytest.raises(ApplicationFileError):
        load_application(sample_copy)


def test_lock_file_is_not_followed(sample_copy: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    (tmp_path / f".{sample_copy.name}.lock").symlink_to(victim)
    with pytest.raises(OSError):
        update_application(sample_copy, lambda a: add_comment(a, "APP-001", "x", "y"))
    assert victim.read_text(encoding="utf-8") == "keep"


def test_copy_is_independent(sample_copy: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    shutil.copy(sample_copy, copy)
    update_application(copy, lambda a: add_comment(a, "APP-001", "x", "y"))
    assert load_application(sample_copy).review.log == []


def test_first_save_time_is_not_a_conflict() -> None:
    base = {"meta": {"created": None}}
    assert merge3(base, {"meta": {"created": "b"}}, {"meta": {"created": "a"}}) == {
        "meta": {"created": "a"}}


def test_leading_comments_survive_saves(sample_copy: Path) -> None:
    text = sample_copy.read_text(encoding="utf-8")
    sample_copy.write_text("# 担当: 山田\n# 提出前に見直す\n\n" + text, encoding="utf-8")
    update_application(sample_copy, lambda a: add_comment(a, "APP-001", "x", "y"))
    app, loaded = load_for_edit(sample_copy)
    app.lead.name = "コメント保持株式会社"
    save_checked(app, sample_copy, loaded)
    saved = sample_copy.read_text(encoding="utf-8")
    assert saved.startswith("# 担当: 山田\n# 提出前に見直す\n\n# サンプル（架空）")
    assert load_application(sample_copy).lead.name == "コメント保持株式会社"
