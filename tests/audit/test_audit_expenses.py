"""The audit's money columns (total, eligible, subsidy, 自己負担, 委託・外注 share) and the
expense plan section of each report."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from gs_assistant.audit.batch import run_audit
from gs_assistant.model import load_application, save_application
from gs_assistant.paths import samples_dir


def test_money_columns_and_the_expense_section(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(samples_dir() / "large_demo_india.yaml", inbox / "large.yaml")
    typed = load_application(samples_dir() / "sme_fs_vietnam.yaml")
    typed.costs.expenses = []  # the typed totals only: no share, 自己負担 from them
    save_application(typed, inbox / "typed.yaml")
    out = tmp_path / "out"
    run_audit([inbox], out, jobs=1, docx=False)
    files = {Path(f["file"]).name: f for f in
             json.loads((out / "summary.json").read_text(encoding="utf-8"))["files"]}
    large = files["large.yaml"]
    assert (large["total_yen"], large["eligible_yen"], large["subsidy_yen"],
            large["self_burden_yen"], large["outsourcing_share_percent"]) == (
        3_600_000_000, 3_000_000_000, 1_500_000_000, 2_100_000_000, "37.73")
    small = files["typed.yaml"]
    assert (small["total_yen"], small["self_burden_yen"], small["outsourcing_share_percent"]) \
        == (90_000_000, 34_000_000, None)
    rows = {Path(r["ファイル"]).name: r for r in csv.DictReader(io.StringIO(
        (out / "summary.csv").read_text(encoding="utf-8-sig")))}
    assert rows["large.yaml"]["自己負担額（円）"] == "2100000000"
    assert rows["large.yaml"]["委託・外注費の割合（補助額比％）"] == "37.73"
    assert rows["typed.yaml"]["委託・外注費の割合（補助額比％）"] == ""
    md = (out / "summary.md").read_text(encoding="utf-8")
    assert "| 自己負担 | 委託・外注 |" in md and "37.73%" in md
    report = (out / large["report"]).read_text(encoding="utf-8")
    assert "## 経費明細の集計" in report and "EXP-010" in report
    co = "株式会社グリッドソフト仙台（架空）"
    assert f"| {co} | 460,000,000円 | 460,000,000円 | 230,000,000円 |" in report
    assert "| INR | 260,000,000 |" in report
    assert "## 経費明細の集計" not in (out / small["report"]).read_text(encoding="utf-8")
