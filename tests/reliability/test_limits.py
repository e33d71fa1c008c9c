"""Hostile paths and sizes: non-regular files, what is written vs what can be read,
huge numbers, a settings folder that is a file, a terminal that cannot show a character,
and more audit workers than CPUs. Real command lines where the user would meet them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gs_assistant.audit.batch import available_cores, run_audit
from gs_assistant.model import ApplicationFileError, load_application
from gs_assistant.model.files import (
    MAX_FILE_BYTES,
    MAX_NUMBER_DIGITS,
    check_write_size,
    read_bytes,
)
from gs_assistant.model.files import MAX_ROWS as MAX_ROWS_MODEL
from gs_assistant.paths import samples_dir

SMALL = samples_dir() / "sme_fs_vietnam.yaml"


def gs(*args: str, stdin: str | None = None, env: dict[str, str] | None = None,
       cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gs_assistant", *args], input=stdin,
                          capture_output=True, text=True, timeout=120, cwd=cwd,
                          env={**os.environ, **(env or {})})


def one_line(result: subprocess.CompletedProcess[str], *parts: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for part in parts:
        assert part in lines[0]


# ---------------------------------------------------------------- item 8: write = read limit


def test_write_limit_is_the_read_limit(tmp_path: Path) -> None:
    check_write_size(tmp_path / "a.yaml", b"x" * MAX_FILE_BYTES)  # at the limit: written
    with pytest.raises(ApplicationFileError, match="読み込みの上限"):
        check_write_size(tmp_path / "a.yaml", b"x" * (MAX_FILE_BYTES + 1))
    at = tmp_path / "at.yaml"
    at.write_bytes(b"#" * MAX_FILE_BYTES)
    assert len(read_bytes(at)) == MAX_FILE_BYTES
    at.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    with pytest.raises(ApplicationFileError, match="大きすぎます"):
        read_bytes(at)


def test_a_huge_comment_is_refused_before_writing(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    shutil.copy(SMALL, target)
    before = target.read_bytes()
    result = gs("comment", str(target), "APP-001", "--author", "x", "--text", "-",
                stdin="あ" * 2_000_000)
    one_line(result, str(target), "読み込みの上限")
    assert target.read_bytes() == before
    assert gs("check", str(target)).returncode in (0, 1)  # still readable


# ---------------------------------------------------------------- item 11: regular files only


@pytest.mark.parametrize("kind", ["fifo", "devzero", "folder"])
def test_only_regular_files_are_read(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "x.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "devzero":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    one_line(gs("check", str(path)), str(path))


def test_audit_folder_with_a_fifo_and_dev_zero_ends_with_a_summary(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SMALL, folder / "ok.yaml")
    os.mkfifo(folder / "fifo.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    result = gs("audit", str(folder), "-o", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "読めない 2" in result.stdout
    assert (tmp_path / "out" / "summary.md").is_file()


# ---------------------------------------------------------------- item 15: one-line messages


def test_a_huge_integer_is_one_japanese_line(tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8")
    for digits, refused in ((MAX_NUMBER_DIGITS, False), (MAX_NUMBER_DIGITS + 1, True),
                            (100_000, True)):
        path = tmp_path / f"n{digits}.yaml"
        path.write_text(text.replace("employees: 45", "employees: " + "9" * digits, 1),
                        encoding="utf-8")
        assert "9" * digits in path.read_text(encoding="utf-8")
        result = gs("check", str(path))
        if refused:
            one_line(result, str(path), "数値の桁が多すぎます")
        else:  # at the limit: read, and refused by the model's own bound
            assert "数値の桁" not in result.stderr and "Traceback" not in result.stderr


def test_settings_folder_that_is_a_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.write_text("", encoding="utf-8")
    one_line(gs("open", "sample:sme_fs_vietnam", env={"GS_ASSISTANT_HOME": str(home)}),
             "GS_ASSISTANT_HOME", "フォルダではありません")


def test_a_terminal_that_cannot_show_a_character(tmp_path: Path) -> None:
    path = tmp_path / "emoji.yaml"
    app = load_application(SMALL)
    app.lead.name = "絵文字😀商事"
    from gs_assistant.model import save_application

    save_application(app, path)
    result = subprocess.run([sys.executable, "-m", "gs_assistant", "check", str(path)],
                            capture_output=True, timeout=120,
                            env={**os.environ, "PYTHONIOENCODING": "cp932"})
    assert result.returncode in (0, 1), result.stderr.decode("cp932", "replace")
    assert b"Traceback" not in result.stderr
    assert "絵文字\\U0001f600商事" in result.stdout.decode("cp932")


# ---------------------------------------------------------------- item 14: workers <= CPUs


def test_audit_jobs_are_capped_at_the_cpu_count(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SMALL, folder / "a.yaml")
    audit = run_audit([folder], tmp_path / "out", jobs=100, docx=False)
    assert audit.jobs == available_cores()
    audit = run_audit([folder], tmp_path / "out2", jobs=1, docx=False)
    assert audit.jobs == 1


# ---------------------------------------------------------------- item 9: no-follow outputs


def test_audit_never_writes_through_a_planted_link(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    shutil.copy(SMALL, folder / "ok.yaml")
    (out / "reports").mkdir(parents=True)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    (out / "reports" / "ok.md").symlink_to(victim)
    result = gs("audit", str(folder), "-o", str(out), "--force", "--quiet")
    assert result.returncode in (0, 1), result.stderr
    assert victim.read_text(encoding="utf-8") == "keep"
    report = out / "reports" / "ok.md"
    assert report.is_file() and not report.is_symlink()

    linked = tmp_path / "out2"
    linked.mkdir()
    (linked / "reports").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    one_line(gs("audit", str(folder), "-o", str(linked), "--force", "--quiet"),
             "reports", "フォルダではありません")
    assert not (tmp_path / "elsewhere").exists()


def test_editing_marker_never_follows_a_link(tmp_path: Path) -> None:
    from gs_assistant.rules import default_pack
    from gs_assistant.session.document import Document

    target = tmp_path / "a.yaml"
    shutil.copy(SMALL, target)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    (tmp_path / ".a.yaml.editing").symlink_to(victim)
    doc = Document.open(target, default_pack())
    doc.begin_session()
    doc.end_session()
    assert victim.read_text(encoding="utf-8") == "keep"


# ---------------------------------------------------------------- item 14: interruptions


@pytest.mark.parametrize("sig", ["INT", "TERM"])
def test_an_interrupted_audit_says_what_was_done(tmp_path: Path, sig: str) -> None:
    """The audit is stopped while it runs (SIGINT as Ctrl+C sends it, or SIGTERM): it
    exits 130, its workers are gone, and summary.md says how many files were audited."""
    import signal
    import time

    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for i in range(400):
        shutil.copy(SMALL, folder / f"a{i:03}.yaml")
    proc = subprocess.Popen([sys.executable, "-m", "gs_assistant", "audit", str(folder),
                             "-o", str(out), "--quiet", "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while not (out / "reports").is_dir() or len(list((out / "reports").iterdir())) < 5:
        assert time.monotonic() < deadline and proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    os.kill(proc.pid, getattr(signal, f"SIG{sig}"))
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "中断されました" in stderr
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "中断されました：400件中" in summary
    done = int(summary.split("400件中 ")[1].split("件")[0])
    assert 0 < done < 400
    assert len(list((out / "reports").glob("*.md"))) >= done
    left = subprocess.run(["pgrep", "-s", str(proc.pid)], capture_output=True, text=True)
    assert left.stdout.strip() == "", "worker processes outlived the audit"


# ---------------------------------------------------------------- item 16: messages that mislead


def test_an_unreadable_subfolder_is_reported(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Root reads any folder, so the refusal is simulated in-process."""
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    shutil.copy(SMALL, folder / "ok.yaml")
    shutil.copy(SMALL, folder / "locked" / "hidden.yaml")
    real = os.scandir

    def scandir(path=".", *args):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args)

    monkeypatch.setattr(os, "scandir", scandir)
    audit = run_audit([folder], tmp_path / "out", jobs=1, docx=False)
    assert audit.exit_status == 2
    (bad,) = audit.unreadable
    assert bad.file.rstrip(os.sep).endswith("locked") and "権限がありません" in bad.error


def test_reasons_are_never_empty() -> None:
    import errno

    from gs_assistant.audit.worker import _why

    assert "メモリが足りません" in _why(MemoryError())
    assert "ディスクの空きがありません" in _why(OSError(errno.ENOSPC, "No space", "r.md"))
    assert _why(ValueError()) == "ValueError"


def test_a_backup_that_is_a_folder_is_named(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    shutil.copy(SMALL, target)
    (tmp_path / "a.yaml.bak").mkdir()
    before = target.read_bytes()
    one_line(gs("comment", str(target), "APP-001", "--author", "x", "--text", "y"),
             "a.yaml.bak", "フォルダ")
    assert target.read_bytes() == before


# ---------------------------------------------------------------- item 12: list sizes


def test_lists_of_answers_are_bounded(tmp_path: Path) -> None:
    from gs_assistant.model import save_application
    from gs_assistant.model.files import MAX_ROWS

    app = load_application(samples_dir() / "large_demo_india.yaml")
    first = app.large.affiliates[0]
    app.large.affiliates = [first.model_copy(update={"name": f"関連会社 {i}"})
                            for i in range(MAX_ROWS)]
    at = tmp_path / "at.yaml"
    save_application(app, at)  # at the limit: written and read back
    assert len(load_application(at).large.affiliates) == MAX_ROWS
    app.large.affiliates.append(first)
    with pytest.raises(ApplicationFileError, match=r"large\.affiliates"):
        save_application(app, tmp_path / "past.yaml")  # never written
    assert not (tmp_path / "past.yaml").exists()
    past = tmp_path / "past.yaml"
    text = at.read_text(encoding="utf-8")
    head, _, rest = text.partition("  affiliates:\n")
    past.write_text(head + "  affiliates:\n" + rest.replace(
        "  - name: 関連会社 0\n", "  - name: 関連会社 0\n" + rest.split("  - name: 関連会社 1\n")[0]
        .split("  - name: 関連会社 0\n")[1] + "  - name: 関連会社 0\n", 1), encoding="utf-8")
    # the rule pack's limit (max_rows_per_list) is lower still
    one_line(gs("check", str(past)), str(past), "large.affiliates", "行まで")


def _affiliates(tmp_path: Path, name: str, n: int) -> Path:
    from gs_assistant.model import save_application

    app = load_application(samples_dir() / "large_demo_india.yaml")
    first = app.large.affiliates[0]
    app.large.affiliates = [first.model_copy(update={"name": f"関連会社 {i}"})
                            for i in range(n)]
    path = tmp_path / name
    save_application(app, path)
    return path


def test_the_rule_packs_row_limit_on_loading(tmp_path: Path) -> None:
    """max_rows_per_list (parameters.yaml) is enforced by check, export, audit, the wizard."""
    from gs_assistant.rules import default_pack
    from gs_assistant.session.document import Document

    pack = default_pack()
    limit = pack.max_rows
    assert 1 <= limit <= MAX_ROWS_MODEL
    at = _affiliates(tmp_path, "at.yaml", limit)
    past = _affiliates(tmp_path, "past.yaml", limit + 1)
    assert gs("check", str(at)).returncode in (0, 1)
    one_line(gs("check", str(past)), str(past), "large.affiliates",
             f"{limit + 1:,}行あります。{limit:,}行までです")
    one_line(gs("export", str(past), "-o", str(tmp_path / "past.docx")), str(past),
             "large.affiliates", f"{limit:,}行まで")
    assert not (tmp_path / "past.docx").exists()
    assert len(load_application(at, max_rows=limit).large.affiliates) == limit
    audit = run_audit([at, past], tmp_path / "out", jobs=1, docx=False)
    (bad,) = audit.unreadable
    assert bad.file == str(past) and f"{limit:,}行まで" in bad.error
    with pytest.raises(ApplicationFileError, match=r"large\.affiliates"):
        Document.open(past, pack)
    assert len(Document.open(at, pack).app.large.affiliates) == limit


@pytest.mark.parametrize("value", [0, MAX_ROWS_MODEL + 1])
def test_the_row_limit_of_a_pack_is_checked(tmp_path: Path, value: int) -> None:
    from gs_assistant.paths import rules_dir
    from gs_assistant.rules import RulePackError, load_pack
    from gs_assistant.rules.pack import DEFAULT_PACK

    folder = tmp_path / "pack"
    shutil.copytree(rules_dir() / DEFAULT_PACK, folder)
    params = folder / "parameters.yaml"
    text = params.read_text(encoding="utf-8")
    assert "max_rows_per_list: {value: 1000," in text
    params.write_text(text.replace("max_rows_per_list: {value: 1000,",
                                   f"max_rows_per_list: {{value: {value},"), encoding="utf-8")
    with pytest.raises(RulePackError, match="max_rows_per_list"):
        load_pack(folder)


def test_new_file_in_a_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Root writes anywhere, so the refusal is simulated in-process."""
    from gs_assistant import cli

    folder = tmp_path / "ro"
    folder.mkdir()
    real = os.open

    def refuse(name, flags, *args, **kwargs):
        if Path(name).parent == folder and flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", str(name))
        return real(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    monkeypatch.setenv("GS_ASSISTANT_HOME", str(tmp_path / "home"))
    assert cli.main(["new", str(folder / "a.yaml")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and str(folder / "a.yaml") in err[0] and "書き込めません" in err[0]


def test_export_never_replaces_a_file_that_is_not_a_word_document(tmp_path: Path) -> None:
    from gs_assistant.export.docx import export_docx
    from gs_assistant.export.errors import ExportError
    from gs_assistant.rules import default_pack

    application = tmp_path / "申請.docx"  # an application file with an unlucky name
    shutil.copy(SMALL, application)
    before = application.read_bytes()
    app = load_application(application)
    with pytest.raises(ExportError, match="Word文書ではない"):
        export_docx(app, default_pack(), application)
    assert application.read_bytes() == before
    draft = tmp_path / "draft.docx"
    export_docx(app, default_pack(), draft)
    export_docx(app, default_pack(), draft)  # a Word document is replaced as before
    assert draft.read_bytes()[:4] == b"PK\x03\x04"


def test_two_long_names_that_collide_are_both_audited(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    stem = ("申請書" * 30)[:83]  # 249 bytes: with "aa__" and ".md" past the 255 limit
    for sub in ("aa", "bb"):
        (folder / sub).mkdir(parents=True)
        shutil.copy(SMALL, folder / sub / f"{stem}.yaml")
    audit = run_audit([folder], tmp_path / "out", jobs=1, docx=False)
    assert audit.unreadable == [], [r.error for r in audit.unreadable]
    reports = sorted((tmp_path / "out" / "reports").iterdir())
    assert len(reports) == 2 and reports[0].name != reports[1].name


@pytest.mark.parametrize("command", ["audit", "comment", "export", "sample", "new"])
def test_a_full_disk_is_said_in_plain_words_naming_the_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        command: str) -> None:
    """A full disk is simulated in-process: every fsync of a written file fails (and the
    audit's one flush of its batch)."""
    import errno

    from gs_assistant import cli

    target = tmp_path / "a.yaml"
    shutil.copy(SMALL, target)
    before = target.read_bytes()
    argv = {
        "audit": ["audit", str(target), "-o", str(tmp_path / "out"), "--jobs", "1"],
        "comment": ["comment", str(target), "APP-001", "--author", "x", "--text", "y"],
        "export": ["export", str(target), "-o", str(tmp_path / "a.docx")],
        "sample": ["sample", "sme_fs_vietnam", "-o", str(tmp_path / "s.yaml")],
        "new": ["new", str(tmp_path / "n.yaml")],
    }[command]
    monkeypatch.setenv("GS_ASSISTANT_HOME", str(tmp_path / "home"))

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    if command == "audit":  # its files are flushed in one step at the end (audit/output.py)
        import ctypes

        from gs_assistant.audit import output

        def full_flush(fd: int) -> int:
            ctypes.set_errno(errno.ENOSPC)
            return -1

        monkeypatch.setattr(output, "_syncfs", lambda: full_flush)
    assert cli.main(argv) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1, err
    assert "ディスクの空きがありません" in err[0] and str(tmp_path) in err[0], err[0]
    assert "No space left" not in err[0]
    assert target.read_bytes() == before


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_out_of_memory_in_a_command_gives_a_reason(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str],
                                                   lang: str) -> None:
    """``MemoryError()`` has no text: the line says what happened, never a traceback."""
    from gs_assistant import cli, model

    def no_memory(*args, **kwargs):
        raise MemoryError()

    monkeypatch.setattr(model, "load_application", no_memory)
    assert cli.main(["check", str(SMALL), "--lang", lang]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1, err
    assert ("メモリが足りません" if lang == "ja" else "out of memory") in err[0]
