"""Earlier versions of an application file: kept after saves and at session starts,
thinned, listed newest first, compared field by field, restored."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

from gs_assistant.model import load_application, save_application, versions
from gs_assistant.paths import samples_dir
from gs_assistant.rules import default_pack
from gs_assistant.session.document import Document

SMALL = samples_dir() / "sme_fs_vietnam.yaml"


def copy(tmp_path: Path) -> Path:
    target = tmp_path / "申請.yaml"
    shutil.copy(SMALL, target)
    return target


def test_saves_and_session_starts_are_kept_in_a_hidden_folder(tmp_path: Path) -> None:
    path = copy(tmp_path)
    doc = Document.open(path, default_pack())
    doc.begin_session()
    doc.set("lead.name", "一回目")
    doc.save()
    doc.set("lead.name", "二回目")
    doc.save()
    doc.save()  # nothing changed in the answers: only the time stamp
    doc.end_session()
    kept = versions.versions(path)
    assert versions.folder_for(path).name == ".申請.yaml.versions"
    assert [v.kind for v in kept].count("session") == 1
    names = [v.load().lead.name for v in kept if v.kind == "save"]
    assert names[0] == "二回目" and names[-1] == "一回目"
    session = next(v for v in kept if v.kind == "session").load()
    assert session.lead.name == load_application(SMALL).lead.name


def test_an_identical_copy_is_not_kept_twice(tmp_path: Path) -> None:
    path = copy(tmp_path)
    assert versions.keep(path, "session") is not None
    assert versions.keep(path, "session") is None
    assert len(versions.versions(path)) == 1


def test_old_saves_are_thinned_and_recent_ones_kept(tmp_path: Path) -> None:
    path = copy(tmp_path)
    app = load_application(path)
    start = datetime(2026, 5, 1, 9, 0)
    for n in range(60):  # one save a minute for an hour
        app.lead.name = f"版{n}"
        save_application(app, path)
        versions.keep(path, "save", now=start + timedelta(minutes=n))
    kept = [v.load().lead.name for v in versions.versions(path)]
    assert kept[:versions.KEEP_SAVES] == [f"版{n}" for n in range(59, 39, -1)]
    older = kept[versions.KEEP_SAVES:]
    assert 0 < len(older) <= 60 // versions.THIN_MINUTES
    assert len(kept) < 60


def test_changes_name_the_fields_that_differ(tmp_path: Path) -> None:
    old = load_application(SMALL)
    new = old.model_copy(deep=True)
    assert versions.changes(old, new) == []
    new.lead.name = "別名"
    new.indicators[1].target = 5
    new.meta.ui.step = "content"  # bookkeeping is not an answer
    assert versions.changes(old, new) == ["lead.name", "indicators[1].target"]
    new.content.milestones.pop()
    assert "content.milestones" in versions.changes(old, new)


def test_restore_brings_back_the_answers_and_keeps_the_current_ones(tmp_path: Path) -> None:
    path = copy(tmp_path)
    doc = Document.open(path, default_pack())
    doc.begin_session()
    before = doc.app.content.summary
    doc.set("content.summary", "x")  # a paragraph replaced by one key
    doc.save()
    session = next(v for v in versions.versions(path) if v.kind == "session")
    doc.restore(session)
    assert load_application(path).content.summary == before
    assert any(v.load().content.summary == "x" for v in versions.versions(path))


def test_an_unwritable_folder_never_stops_a_save(tmp_path: Path) -> None:
    path = copy(tmp_path)
    versions.folder_for(path).write_text("not a folder", encoding="utf-8")
    assert versions.keep(path, "save") is None
    doc = Document.open(path, default_pack())
    doc.set("lead.name", "保存できる")
    doc.save()
    assert load_application(path).lead.name == "保存できる"
