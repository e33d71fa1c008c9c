"""The audit's reports: each written whole or not at all, the batch made durable once, at
its end, before the audit reports its result (``audit/output.py``)."""

from __future__ import annotations

import contextlib
import ctypes
import io
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from gs_assistant.audit import output
from gs_assistant.audit.batch import run_audit
from gs_assistant.cli import main

from .generate import generate

AT = datetime(2026, 4, 1, 10, 0, tzinfo=timezone(timedelta(hours=9)))
SUMMARIES = ["summary.csv", "summary.json", "summary.md"]


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    generate(tmp_path / "inbox", n=12, broken=0)
    return tmp_path / "inbox"


def written(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


def _record(monkeypatch: pytest.MonkeyPatch, out: Path, events: list) -> None:
    """Log every fsync and the durability step (with the files present at that moment)."""
    real_fsync, real_durable = os.fsync, output.make_durable

    def fsync(fd: int) -> None:
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def durable(folders, files) -> None:
        events.append(("durable", written(out)))
        real_durable(folders, files)
        events.append(("durable done", None))

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(output, "make_durable", durable)
    monkeypatch.setattr("gs_assistant.audit.batch.make_durable", durable)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc and syncfs")
def test_reports_are_not_fsynced_one_by_one_and_the_batch_is_durable_before_the_summary_prints(
        inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, events = tmp_path / "out", []
    _record(monkeypatch, out, events)
    stdout = io.StringIO()
    real_print = print

    def printing(*args, **kwargs) -> None:  # the summary lines, in order with the events
        if kwargs.get("file") is None:
            events.append(("print", " ".join(map(str, args))))
        real_print(*args, **kwargs)

    monkeypatch.setattr("builtins.print", printing)
    with contextlib.redirect_stdout(stdout):
        code = main(["audit", str(inbox), "-o", str(out), "--jobs", "1", "--quiet"])
    assert code in (0, 1)
    assert not [e for e in events if e[0] == "fsync"]  # syncfs: no file fsynced on its own
    kinds = [e[0] for e in events]
    assert kinds.count("durable") == 1
    # every report and summary was written before the durability step, which ended before
    # anything was printed
    at_sync = next(e[1] for e in events if e[0] == "durable")
    assert at_sync == written(out)
    assert len([f for f in at_sync if f.startswith("reports/")]) == 12
    assert set(SUMMARIES) <= set(at_sync)
    assert kinds.index("durable done") < kinds.index("print")
    assert "12件をチェックしました" in stdout.getvalue()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_without_syncfs_each_file_and_folder_is_fsynced_once_at_the_end(
        inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, events = tmp_path / "out", []
    _record(monkeypatch, out, events)
    monkeypatch.setattr(output, "_syncfs", lambda: None)
    run_audit([inbox], out, jobs=1, docx=False, now=AT)
    kinds = [e[0] for e in events]
    first_fsync = kinds.index("fsync")
    assert kinds.index("durable") < first_fsync < kinds.index("durable done")
    synced = [e[1] for e in events if e[0] == "fsync"]
    expected = [str(out / f) for f in written(out)] + [str(out), str(out / "reports")]
    assert sorted(synced) == sorted(expected)  # each once: 12 reports, 3 summaries, 2 folders


def test_a_failed_flush_fails_the_audit(inbox: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(fd: int) -> int:
        ctypes.set_errno(5)  # EIO: the disk could not write something
        return -1

    monkeypatch.setattr(output, "_syncfs", lambda: failing)
    err, stdout = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(stdout):
        code = main(["audit", str(inbox), "-o", str(tmp_path / "out"), "--jobs", "1",
                     "--quiet"])
    assert code == 2
    assert "をチェックしました" not in stdout.getvalue()
    assert os.strerror(5) in err.getvalue()


CRASH = """
import os, sys
from datetime import datetime, timezone
from pathlib import Path
from gs_assistant.audit import output
from gs_assistant.audit.batch import run_audit

real, count = output._write_all, [0]

def write_all(fd, data):
    count[0] += 1
    if count[0] == 5:  # the fifth report: half of it reaches the file, then the process dies
        os.write(fd, data[: len(data) // 2])
        os._exit(9)
    real(fd, data)

output._write_all = write_all
run_audit([Path(sys.argv[1])], Path(sys.argv[2]), jobs=1, docx=False,
          now=datetime(2026, 4, 1, 1, 0, tzinfo=timezone.utc))
"""


def test_a_crash_mid_batch_leaves_only_whole_reports(inbox: Path, tmp_path: Path) -> None:
    whole = tmp_path / "whole"
    run_audit([inbox], whole, jobs=1, docx=False,
              now=datetime(2026, 4, 1, 1, 0, tzinfo=UTC))
    crashed = tmp_path / "crashed"
    result = subprocess.run([sys.executable, "-c", CRASH, str(inbox), str(crashed)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 9, result.stderr
    reports = sorted((crashed / "reports").glob("*.md"))
    assert len(reports) == 4  # the four finished ones; the fifth has no report
    for report in reports:
        assert report.read_bytes() == (whole / "reports" / report.name).read_bytes()
    leftovers = [p.name for p in (crashed / "reports").iterdir() if p not in reports]
    assert len(leftovers) == 1 and leftovers[0].startswith(".")  # the half, under its temp name
    assert not [p for p in crashed.iterdir() if p.name.startswith("summary")]


def test_without_folder_descriptors_the_same_files_are_written(
        inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run_audit([inbox], tmp_path / "with", jobs=1, docx=False, now=AT)
    monkeypatch.setattr(output, "_DIR_FD", False)  # as on Windows: paths, not dir_fd
    run_audit([inbox], tmp_path / "without", jobs=1, docx=False, now=AT)
    names = written(tmp_path / "with")
    assert names == written(tmp_path / "without") and len(names) == 15
    for name in names:
        assert (tmp_path / "with" / name).read_bytes() == \
            (tmp_path / "without" / name).read_bytes()
        assert (tmp_path / "without" / name).stat().st_mode & 0o777 == 0o600
