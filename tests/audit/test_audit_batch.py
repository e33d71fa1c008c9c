"""`gs-assistant audit` over a generated folder of 1,000 applications and 10 broken files."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from gs_assistant import __version__
from gs_assistant.cli import main
from gs_assistant.model import load_application
from gs_assistant.rules import check, default_pack

from .generate import Generated, generate


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("batch")
    made = generate(root / "inbox", n=1000, broken=10)
    out = root / "out"
    code, stdout, stderr = run_cli(["audit", str(root / "inbox"), "-o", str(out), "--jobs", "2",
                                    "--format", "json", "--quiet"])
    return {"made": made, "out": out, "code": code, "stdout": stdout, "stderr": stderr,
            "summary": json.loads((out / "summary.json").read_text(encoding="utf-8"))}


def test_every_good_file_is_reported_and_the_broken_ones_are_listed(batch: dict) -> None:
    made: Generated = batch["made"]
    files = {f["file"]: f for f in batch["summary"]["files"]}
    assert len(files) == 1010 == len(batch["summary"]["files"])
    assert {f for f, r in files.items() if r["result"] != "error"} == {str(p) for p in made.good}
    broken = {f: r for f, r in files.items() if r["result"] == "error"}
    assert set(broken) == {str(p) for p in made.broken}
    for path, expected in made.broken.items():
        error = broken[str(path)]["error"]
        assert expected in error and "\n" not in error and "Traceback" not in error
        assert f"{path}: {error}" in batch["stderr"]
    assert not {str(p) for p in made.skipped} & set(files)
    audit = batch["summary"]["audit"]
    assert (audit["files"], audit["read"], audit["unreadable"]) == (1010, 1000, 10)


def test_the_exit_status_says_that_some_files_failed(batch: dict) -> None:
    assert batch["code"] == 2
    assert batch["summary"]["audit"]["exit_status"] == 2
    assert json.loads(batch["stdout"]) == batch["summary"]


def test_the_generated_applications_are_varied(batch: dict) -> None:
    ok = [f for f in batch["summary"]["files"] if f["result"] != "error"]
    assert {f["track"] for f in ok} >= {"large_asean", "large_non_asean", "small", "fs"}
    assert len({f["country"] for f in ok}) >= 12
    assert Counter(f["result"] for f in ok).keys() == {"ok", "missing", "not_met"}
    assert any(f["summary"]["missing"] > 0 for f in ok)
    assert any(f["decisions"] > 0 for f in ok)
    assert len({f["subsidy_yen"] for f in ok}) > 100


def test_the_summary_agrees_with_the_checker(batch: dict) -> None:
    pack = default_pack()
    ok = [f for f in batch["summary"]["files"] if f["result"] != "error"]
    for entry in random.Random(3).sample(ok, 15):
        report = check(load_application(entry["file"]), pack)
        assert entry["summary"] == report.summary()
        assert entry["subsidy_yen"] == report.facts.subsidy_yen
        assert entry["open_not_met_topics"] == list(dict.fromkeys(
            i.topic for i in report.items if i.status.value == "not_met"))
        assert (entry["result"] == "not_met") == report.has_not_met


def test_one_report_per_application_and_same_names_do_not_overwrite(batch: dict) -> None:
    out: Path = batch["out"]
    ok = [f for f in batch["summary"]["files"] if f["result"] != "error"]
    reports = [f["report"] for f in ok]
    assert len(set(reports)) == len(reports) == 1000
    assert len(list((out / "reports").glob("*.md"))) == 1000
    shared = [f for f in ok if "/shared_000." in f["file"]]
    assert len(shared) == 2
    for entry in shared:  # each report is about its own file
        first = (out / entry["report"]).read_text(encoding="utf-8").splitlines()[0]
        assert first.endswith(entry["file"])


def test_reports_state_the_rule_pack_version_and_the_audit_date(batch: dict) -> None:
    pack = default_pack()
    audit = batch["summary"]["audit"]
    assert audit["rule_pack"] == {"id": pack.id, "version": pack.version,
                                  "as_of": pack.header.as_of.isoformat()}
    day = audit["audited_at"][:10]
    entry = next(f for f in batch["summary"]["files"] if f["result"] != "error")
    text = (batch["out"] / entry["report"]).read_text(encoding="utf-8")
    assert f"{pack.id} {pack.version}" in text and f"監査日時: {day}" in text
    assert f"gs-assistant {__version__}" in text
    summary_md = (batch["out"] / "summary.md").read_text(encoding="utf-8")
    assert f"{pack.id} {pack.version}" in summary_md and day in summary_md


def test_the_csv_opens_in_a_spreadsheet_with_japanese_intact(batch: dict) -> None:
    raw = (batch["out"] / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel then reads it as UTF-8
    assert raw.count(b"\r\n") == 1011 and b"\n" not in raw.replace(b"\r\n", b"")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    assert header[:6] == ["ファイル", "結果", "申請者", "事業区分", "実施国", "補助額（円）"]
    by_file = {r[0]: dict(zip(header, r, strict=True)) for r in body}
    for entry in batch["summary"]["files"]:
        row = by_file[entry["file"]]
        if entry["result"] == "error":
            assert row["結果"] == "読めません" and row["エラー"] == entry["error"]
            continue
        assert row["申請者"] == entry["applicant"]
        subsidy = entry["subsidy_yen"]
        assert row["補助額（円）"] == ("" if subsidy is None else str(subsidy))
        assert int(row["不適合"]) == entry["summary"]["not_met"]
    assert {r[1] for r in body} == {"読めません", "不適合あり", "未入力あり", "不適合なし"}


def test_the_markdown_summary_lists_the_unreadable_files(batch: dict) -> None:
    text = (batch["out"] / "summary.md").read_text(encoding="utf-8")
    assert "読めなかったファイル" in text
    for path in batch["made"].broken:
        assert str(path) in text
    assert text.count("](<reports/") == 1000
