"""Crash safety of saves: a process saving in a loop is killed with SIGKILL, many times.

``save_loop.py`` forks savers that save the large application (about 60 KB) again and
again, each version with its own counter, and log each save's start and end. This test
kills each saver after a random delay (seeded) and then checks the file: it loads and
equals, byte for byte, the last version that completed or the one that was in flight —
never a mixture or half a file. The backup (``.bak``), when present, is a whole earlier
version too. Temporary files left by a kill are counted and must be invisible to the
loader and the audit.

    GS_KILL_RUNS=2000 .venv/bin/python -m pytest -q -p no:cacheprovider -s \
        tests/reliability/test_kill_save.py
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from save_loop import large_application, version, version_of

from gs_assistant.audit.collect import collect
from gs_assistant.cli import main
from gs_assistant.model import Application, load_application, save_application
from gs_assistant.model.files import application_to_yaml

SAVE_LOOP = Path(__file__).with_name("save_loop.py")
RUNS = int(os.environ.get("GS_KILL_RUNS", "200"))
SEED = int(os.environ.get("GS_KILL_SEED", "20260401"))
DELAY_SECONDS = (0.002, 0.040)  # several saves fit in the longest delay


@dataclass
class Tally:
    kills: int = 0
    survived: int = 0  # the file loaded and was a version that had been saved
    in_flight: int = 0  # killed between the start and the end of a save
    new_version: int = 0  # ...and the file already held the version in flight
    before_first_save: int = 0  # killed before the saver began its first save
    main_missing: int = 0  # the file itself was gone (the backup was read)
    no_backup: int = 0  # no .bak at that moment (killed between its unlink and link)

    def line(self) -> str:
        return (f"kill test: {self.survived}/{self.kills} kills survived; "
                f"{self.in_flight} inside a save ({self.new_version} already renamed), "
                f"{self.before_first_save} before the first save; file missing "
                f"{self.main_missing} times, backup missing {self.no_backup} times")


class Server:
    """The fork server, spoken to one line at a time."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(SAVE_LOOP)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, encoding="utf-8",
        )

    def ask(self, line: str) -> str:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline()
        assert answer, "the fork server stopped"
        return answer.split()[1]

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def server():
    server = Server()
    yield server
    server.close()


def read_log(log: Path) -> tuple[int | None, int | None]:
    """(last version started, last version completed) by the killed saver."""
    started = done = None
    for line in log.read_text(encoding="ascii").splitlines():
        kind, n = line.split()
        if kind == "S":
            started = int(n)
        elif kind == "D":
            done = int(n)
    return started, done


def check_whole(path: Path, base: Application, allowed: set[int]) -> int:
    """Load ``path``; it must be exactly one of the ``allowed`` versions. Returns which."""
    app = load_application(path)
    n = version_of(app, base)
    assert n in allowed, f"{path.name} holds version {n}, expected one of {sorted(allowed)}"
    expected = version(base, n)
    assert app == expected
    assert path.read_text(encoding="utf-8") == application_to_yaml(expected)
    return n


def test_saves_survive_sigkill_at_random_moments(server: Server, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    base = large_application()
    path, bak, log = tmp_path / "large.yaml", tmp_path / "large.yaml.bak", tmp_path / "log"
    save_application(version(base, 0), path)
    rng = random.Random(SEED)
    tally = Tally()
    current, first = 0, 1  # the version the file holds; the next saver's first version
    landed = {0}  # every version the file has held
    for _ in range(RUNS):
        log.write_bytes(b"")  # a saver killed before its first line leaves it empty
        pid = int(server.ask(f"RUN {path} {log} {first}"))
        time.sleep(rng.uniform(*DELAY_SECONDS))
        os.kill(pid, signal.SIGKILL)
        status = int(server.ask(f"WAIT {pid}"))
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
            f"the saver ended by itself (status {status}); see its traceback above")
        tally.kills += 1

        started, done = read_log(log)
        if started is None:
            tally.before_first_save += 1
            allowed = {current}
        else:
            allowed = {started} | ({done} if done is not None else {current})
            tally.in_flight += started != done
        if path.exists():
            now = check_whole(path, base, allowed)
        else:  # os.replace never leaves the name missing; if it did, the backup must do
            tally.main_missing += 1
            now = check_whole(bak, base, allowed | {current})
        if done is not None:
            landed.update(range(first, done + 1))
        landed.add(now)
        if bak.exists():  # a version the file held before (or holds, if killed mid-save)
            check_whole(bak, base, {n for n in landed if n <= now})
        else:
            tally.no_backup += 1
        tally.new_version += started is not None and started != done and now == started
        tally.survived += 1
        current, first = now, (started if started is not None else first) + 1

    leftovers = sorted(p.name for p in tmp_path.glob(".large.yaml.*.tmp"))
    with capsys.disabled():
        print(f"\n{tally.line()}; {len(leftovers)} temporary files left behind")
    assert tally.survived == tally.kills == RUNS
    assert tally.main_missing == 0
    # The kills really landed inside saves (otherwise this test would prove nothing).
    assert tally.in_flight >= RUNS // 4, tally.line()

    # Leftover temporary files are hidden (.NAME.*.tmp): the audit does not pick them up,
    # and the application and its backup are still what the commands read.
    assert [s.path for s in collect([tmp_path])] == [path]
    assert main(["check", str(path)]) in (0, 1)
    assert str(path) in capsys.readouterr().out
    for name in leftovers:
        assert name.startswith(".large.yaml.") and name.endswith(".tmp")
