"""The batch audit in detail: exit statuses, names, CSV safety, review, Word hook, progress."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest

from gs_assistant.audit import batch as batch_module
from gs_assistant.audit import docx as docx_hook
from gs_assistant.audit import worker
from gs_assistant.audit.batch import run_audit
from gs_assistant.audit.collect import Source, collect, report_names
from gs_assistant.audit.progress import Progress
from gs_assistant.cli import main
from gs_assistant.model import decide, load_application, save_application
from gs_assistant.paths import samples_dir

from .generate import generate

AT = datetime(2026, 4, 1, 10, 0, tzinfo=timezone(timedelta(hours=9)))


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for sample in samples_dir().glob("*.yaml"):
        shutil.copy(sample, folder / sample.name)
    return folder


def test_exit_0_when_everything_is_read_and_nothing_is_not_met(inbox: Path) -> None:
    code, out, _ = run_cli(["audit", str(inbox), "-o", str(inbox.parent / "out")])
    assert code == 0
    assert "2件をチェックしました" in out


def test_exit_1_when_a_reviewer_decided_not_met_and_the_report_shows_both(inbox: Path) -> None:
    path = inbox / "large_demo_india.yaml"
    app = decide(load_application(path), "TYP-2A", "not_met", "国内実績は試験導入のみ|要再確認",
                 "山田", now=AT)
    save_application(app, path)
    out = inbox.parent / "out"
    code, _, _ = run_cli(["audit", str(inbox), "-o", str(out)])
    assert code == 1
    entry = next(f for f in json.loads((out / "summary.json").read_text(encoding="utf-8"))
                 ["files"] if f["file"] == str(path))
    assert entry["result"] == "not_met" and entry["decisions"] == 1
    assert entry["open_not_met_topics"] == ["types"]
    report = (out / entry["report"]).read_text(encoding="utf-8")
    assert "## レビュー記録" in report
    assert "| TYP-2A | 要確認 | 不適合 | 国内実績は試験導入のみ\\|要再確認 | 山田 |" in report


def test_a_missing_path_is_listed_as_unreadable_and_the_rest_is_audited(inbox: Path) -> None:
    out = inbox.parent / "out"
    code, _, err = run_cli(["audit", str(inbox), str(inbox / "nope.yaml"), "-o", str(out),
                           ])
    assert code == 2
    files = json.loads((out / "summary.json").read_text(encoding="utf-8"))["files"]
    assert [f["result"] for f in files] == ["ok", "ok", "error"]
    assert files[2]["error"] == "ファイルが見つかりません"
    assert f"{inbox / 'nope.yaml'}: ファイルが見つかりません" in err


def test_usage_errors_exit_2_with_one_line(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("x", encoding="utf-8")
    code, _, err = run_cli(["audit", str(inbox), "-o", str(out)])
    assert code == 2 and "フォルダが空ではありません" in err and err.count("\n") == 1
    assert run_cli(["audit", str(inbox), "-o", str(out), "--force"])[0] == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run_cli(["audit", str(empty), "-o", str(tmp_path / "o2")])
    assert code == 2 and "申請ファイル（*.yaml, *.yml）が見つかりません" in err
    assert not (tmp_path / "o2").exists()
    code, _, err = run_cli(["audit", str(inbox), "-o", str(inbox / "large_demo_india.yaml")])
    assert code == 2 and "ファイルです" in err
    assert run_cli(["audit", str(inbox), "-o", str(tmp_path / "o3"), "--jobs", "0"])[0] == 2


def test_serial_and_parallel_audits_write_the_same_files(tmp_path: Path) -> None:
    generate(tmp_path / "in", n=40, broken=3)
    outs = []
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        audit = run_audit([tmp_path / "in"], out, jobs=jobs, docx=False, now=AT)
        assert audit.jobs == jobs
        outs.append(out)
    one, two = ({p.relative_to(o): p.read_bytes() for p in o.rglob("*") if p.is_file()}
                for o in outs)
    assert one == two
    assert len(one) == 3 + 40


def test_csv_cells_cannot_become_formulas_and_english_headers(inbox: Path) -> None:
    path = inbox / "sme_fs_vietnam.yaml"
    app = load_application(path)
    app.lead.name = '=HYPERLINK("http://example.invalid","x")'
    save_application(app, path)
    out = inbox.parent / "out"
    run_cli(["audit", str(inbox), "-o", str(out), "--lang", "en"])
    text = (out / "summary.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("file,result,applicant,track,country,subsidy_yen")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    assert "Feasibility study (FS)" in text


def test_a_folder_inside_the_input_used_as_output_is_not_read(inbox: Path) -> None:
    out = inbox / "audit_out"
    out.mkdir()
    (out / "stray.yaml").write_text("meta: {schema_version: 1}\n", encoding="utf-8")
    (inbox / "b.yaml.bak").write_text("x", encoding="utf-8")
    names = [s.path.name for s in collect([inbox], skip=out)]
    assert names == ["large_demo_india.yaml", "sme_fs_vietnam.yaml"]
    assert len(collect([inbox, inbox / "sme_fs_vietnam.yaml"], skip=out)) == 2  # each once


def test_a_file_reached_through_links_or_twice_is_read_once(inbox: Path, tmp_path: Path) -> None:
    """The files found in a folder are told apart by their real paths (the folder is
    resolved once, a link on its own): a link to a file, a linked folder given as an
    argument, and the same folder given twice all lead to one entry per file."""
    (inbox / "again.yaml").symlink_to(inbox / "sme_fs_vietnam.yaml")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.symlink_to(inbox)
    found = collect([elsewhere, inbox, inbox])
    assert [s.path.name for s in found] == ["again.yaml", "large_demo_india.yaml"]
    assert [s.display for s in found] == [str(elsewhere / "again.yaml"),
                                          str(elsewhere / "large_demo_india.yaml")]


def test_report_names_are_distinct_even_ignoring_case() -> None:
    def src(p: str) -> Source:
        return Source(Path(p), p, Path(p))

    names = report_names([src("a/app.yaml"), src("b/app.yaml"), src("c/App.yml"),
                          src("one.yaml"), src("a__app.yaml"), src("x/we:ird?.yaml")])
    assert names == ["a__app", "b__app", "c__App", "one", "a__app-2", "we_ird_"]


class FakeExporter:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, app, pack, report, out_path: Path) -> Path:
        if "vietnam" in str(out_path):
            raise ValueError("テンプレートの3行目:\n未定義の変数")
        assert report.pack_id == pack.id
        self.calls.append(app.lead.name)
        out_path.write_bytes(b"PK fake docx")
        return out_path


def test_word_reports_come_from_the_exporter_and_its_failures_are_listed(
    inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeExporter()
    monkeypatch.setattr(worker, "find_exporter", lambda: (fake, None))
    monkeypatch.setattr(batch_module, "find_exporter", lambda: (fake, None))
    out = inbox.parent / "out"
    audit = run_audit([inbox], out, jobs=1, now=AT)
    assert audit.exit_status == 0  # a failed Word report does not make a file unreadable
    assert fake.calls == ["東北重電工業株式会社（架空）"]
    assert (out / "reports" / "large_demo_india.docx").read_bytes() == b"PK fake docx"
    files = json.loads((out / "summary.json").read_text(encoding="utf-8"))["files"]
    assert files[0]["docx"] == "reports/large_demo_india.docx"
    assert files[1]["docx"] is None
    assert files[1]["docx_error"] == "ValueError: テンプレートの3行目: 未定義の変数"
    assert "Word出力に失敗したファイル" in (out / "summary.md").read_text(encoding="utf-8")


def test_the_hook_asks_the_exporter_for_the_checklist_with_the_report_already_made() -> None:
    calls = []

    def export_docx(app, pack, out_path, template_dir=None, **options):
        calls.append((app, pack, out_path, template_dir, options))
        return out_path

    with_checklist = SimpleNamespace(export_docx=export_docx, CHECKLIST="checklist.md.j2")
    docx_hook.audit_exporter(with_checklist)("app", "pack", "report", Path("r.docx"))
    assert calls[-1] == ("app", "pack", Path("r.docx"), None,
                         {"template": "checklist.md.j2", "report": "report"})
    docx_hook.audit_exporter(SimpleNamespace(export_docx=export_docx))("a", "p", "r", Path("x"))
    assert calls[-1] == ("a", "p", Path("x"), None, {})
    assert docx_hook.audit_exporter(SimpleNamespace()) is None


def test_without_an_exporter_the_audit_says_why_there_is_no_word_report(
    inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "gs_assistant.export.docx", None)  # import fails
    exporter, note = docx_hook.find_exporter()
    assert exporter is None and note is not None
    assert note.ja.startswith("Word出力（.docx）を読み込めないため省略しました")
    out = inbox.parent / "out"
    code, stdout, _ = run_cli(["audit", str(inbox), "-o", str(out), "--jobs", "1", "--docx"])
    assert code == 0
    assert note.ja in stdout
    assert not list((out / "reports").glob("*.docx"))
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["audit"]["docx_note"] == note.ja


def test_the_progress_bar_draws_only_on_a_terminal() -> None:
    stream = io.StringIO()
    bar = Progress(10, "チェック中", stream=stream, enabled=True)
    bar.update(4)
    bar.update(6)
    bar.close()
    assert stream.getvalue().startswith("\rチェック中 [")
    assert stream.getvalue().endswith("] 10/10 100%\n")
    assert "#" * 30 in stream.getvalue()
    quiet = io.StringIO()  # StringIO is not a terminal
    Progress(10, "x", stream=quiet).update(10)
    assert quiet.getvalue() == ""


def test_word_reports_are_opt_in_and_real_when_asked_for(inbox: Path) -> None:
    from docx import Document

    plain = inbox.parent / "plain"
    assert run_cli(["audit", str(inbox), "-o", str(plain), "--jobs", "1"])[0] == 0
    assert not list((plain / "reports").glob("*.docx"))
    assert len(list((plain / "reports").glob("*.md"))) == 2

    word = inbox.parent / "word"
    assert run_cli(["audit", str(inbox), "-o", str(word), "--jobs", "1", "--docx"])[0] == 0
    reports = sorted((word / "reports").glob("*.docx"))
    assert [p.stem for p in reports] == ["large_demo_india", "sme_fs_vietnam"]
    text = "\n".join(p.text for p in Document(str(reports[0])).paragraphs)
    assert "インド" in text or "グジャラート" in text
