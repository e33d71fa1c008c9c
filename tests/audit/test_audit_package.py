"""The audit's submission-package columns: days to the deadline, documents not ready and
the GビズID account, in summary.csv / .md / .json and in each report."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from gs_assistant.audit.batch import run_audit
from gs_assistant.model import load_application, save_application
from gs_assistant.paths import samples_dir

from .test_audit_outputs import run_cli

AT = datetime(2026, 5, 10, 10, 0, tzinfo=timezone(timedelta(hours=9)))  # Tokyo


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    shutil.copytree(samples_dir(), folder, ignore=shutil.ignore_patterns("[!a-z]*"))
    # the FS applicant has its GビズID and two documents ready
    path = folder / "sme_fs_vietnam.yaml"
    app = load_application(path)
    app.package.mark("gbizid_prime", "準備済")
    app.package.mark("business_plan", "準備済")
    app.package.mark("expense_statement", "準備済")
    save_application(app, path)
    return folder


@pytest.fixture
def call_file(tmp_path: Path) -> Path:
    path = tmp_path / "call.yaml"
    path.write_text("small_fs:\n  submission_deadline: 2026-05-15 12:00\n", encoding="utf-8")
    return path


def test_the_summaries_carry_the_package_columns(inbox: Path, call_file: Path, tmp_path: Path
                                                 ) -> None:
    out = tmp_path / "out"
    audit = run_audit([inbox], out, jobs=1, docx=False, call=str(call_file), now=AT)
    assert audit.exit_status == 0
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    files = {Path(f["file"]).name: f for f in data["files"]}
    fs, large = files["sme_fs_vietnam.yaml"], files["large_demo_india.yaml"]
    assert fs["days_left"] == 5 and fs["deadline"] == "2026-05-15T12:00:00+09:00"
    assert fs["gbizid_ready"] is True and large["gbizid_ready"] is False
    assert large["days_left"] is None  # the large group's deadline is not in this call.yaml
    assert fs["unprepared_documents"] == large["unprepared_documents"] - 6 - 3
    assert data["audit"]["closing_within_7_days"] == 1
    assert data["audit"]["without_gbizid"] == 1
    assert sum(fs["package_summary"].values()) > 0

    rows = list(csv.DictReader(io.StringIO(
        (out / "summary.csv").read_text(encoding="utf-8-sig"))))
    by_name = {Path(r["ファイル"]).name: r for r in rows}
    assert by_name["sme_fs_vietnam.yaml"]["締切まで（日）"] == "5"
    assert by_name["large_demo_india.yaml"]["締切まで（日）"] == ""
    assert by_name["sme_fs_vietnam.yaml"]["GビズID"] == "準備済"
    assert by_name["large_demo_india.yaml"]["GビズID"] == "未準備"
    assert int(by_name["large_demo_india.yaml"]["未準備の書類"]) == \
        large["unprepared_documents"]

    md = (out / "summary.md").read_text(encoding="utf-8")
    assert "締切まで7日以内: 1件、GビズIDプライム未準備: 1件" in md
    assert "| 5日 |" in md and "| 未確定 |" in md
    report = (out / fs["report"]).read_text(encoding="utf-8")
    assert "## 提出書類・スケジュール" in report and "締切まで5日" in report


def test_english_columns(inbox: Path, call_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_audit([inbox], out, jobs=1, docx=False, call=str(call_file), now=AT, lang="en")
    header = (out / "summary.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.endswith("days_left,unprepared_documents,gbizid_ready")
    assert "Deadline within 7 days: 1; without a gBizID Prime account: 1" in \
        (out / "summary.md").read_text(encoding="utf-8")


def test_a_passed_deadline_is_shown_as_passed(inbox: Path, call_file: Path, tmp_path: Path
                                              ) -> None:
    out = tmp_path / "out"
    run_audit([inbox], out, jobs=1, docx=False, call=str(call_file),
              now=datetime(2026, 5, 15, 12, 1, tzinfo=AT.tzinfo))
    md = (out / "summary.md").read_text(encoding="utf-8")
    assert "| 締切済 |" in md and "締切まで7日以内: 0件" in md


def test_a_malformed_call_yaml_stops_the_audit_before_it_starts(inbox: Path, tmp_path: Path
                                                                ) -> None:
    bad = tmp_path / "call.yaml"
    bad.write_text("small_fs:\n  submission_deadline: 2026-05-15\n", encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, err = run_cli(["audit", str(inbox), "-o", str(out), "--call", str(bad)])
    assert code == 2 and stdout == ""
    line = err.strip()
    assert len(line.splitlines()) == 1
    assert str(bad) in line and "small_fs.submission_deadline" in line
    assert not out.exists()


def test_a_reviewer_decides_and_comments_on_a_package_item(tmp_path: Path) -> None:
    path = tmp_path / "app.yaml"
    shutil.copy(samples_dir() / "sme_fs_vietnam.yaml", path)
    item = "DOC-001:anti_gang_pledge@lead"
    code, _, err = run_cli(["decide", str(path), item, "--status", "met",
                            "--reason", "原本を確認済み", "--author", "山田"])
    assert code == 0, err
    code, _, err = run_cli(["comment", str(path), "TML-001", "--author", "山田",
                            "--text", "募集要領の公表待ち"])
    assert code == 0, err
    code, out, _ = run_cli(["check", str(path), "--format", "json"])
    items = {i["id"]: i for i in json.loads(out)["package"]["items"]}
    assert items[item]["status"] == "met" and items[item]["computed_status"] == "needs_review"
    assert items["TML-001"]["review"]["comments"][0]["text"] == "募集要領の公表待ち"
    code, out, _ = run_cli(["check", str(path)])
    assert f"適合 <- 要確認  {item}" in out
    code, _, err = run_cli(["decide", str(path), "DOC-001:no_such_document", "--status",
                            "met", "--reason", "x", "--author", "山田"])
    assert code == 2 and "チェックリストにない項目ID" in err
