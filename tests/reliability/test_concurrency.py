"""Concurrent writers never lose an update (``model/store.py``).

Real processes: ``contend.py`` forks 20 command-line writers per round (``comment`` and
``decide`` at once on one file), and one round runs the installed ``gs-assistant``
executable 20 times in parallel. Afterwards every log entry, comment and decision is
counted: none may be missing. ``GS_CONTENTION_ROUNDS`` sets the number of forked rounds
(10 in CI; the full run uses 50).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from gs_assistant.model import load_application

HERE = Path(__file__).parent
WRITERS = 20
ROUNDS = int(os.environ.get("GS_CONTENTION_ROUNDS", "10"))  # full run: 50


def _tally(path: Path) -> tuple[Counter, int, int]:
    app = load_application(path)
    log = Counter(entry.action for entry in app.review.log)
    comments = sum(len(item.comments) for item in app.review.items.values())
    decisions = sum(1 for item in app.review.items.values() if item.decision is not None)
    return log, comments, decisions


def test_forked_writers_lose_nothing(sample_copy: Path) -> None:
    """20 writers at once, ROUNDS rounds: 20 x ROUNDS log entries, none lost."""
    out = subprocess.run([sys.executable, str(HERE / "contend.py"), str(sample_copy),
                          str(ROUNDS), str(WRITERS)],
                         capture_output=True, text=True, timeout=1800, check=True)
    result = json.loads(out.stdout)
    assert result["exit_codes"] == {"0": ROUNDS * WRITERS}, out.stderr[-2000:]
    log, comments, decisions = _tally(sample_copy)
    assert log == {"comment": ROUNDS * WRITERS // 2, "decide": ROUNDS * WRITERS // 2}
    assert comments == ROUNDS * WRITERS // 2
    assert decisions == 2  # the two decided items (APP-002 and CTY-001)
    texts = {entry.detail.rsplit(": ", 1)[-1] for entry in load_application(sample_copy)
             .review.log}
    assert texts == {f"r{r} w{n}" for r in range(ROUNDS) for n in range(WRITERS)}


def test_parallel_executables_lose_nothing(sample_copy: Path, tmp_path: Path) -> None:
    """The installed command, 20 processes started together."""
    exe = shutil.which("gs-assistant", path=str(Path(sys.executable).parent))
    assert exe is not None
    procs = [subprocess.Popen([exe, "comment", str(sample_copy), "APP-001", "--author", f"w{n}",
                               "--text", f"p{n}"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
             for n in range(WRITERS)]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * WRITERS, errors
    app = load_application(sample_copy)
    assert sorted(c.text for c in app.review.items["APP-001"].comments) == sorted(
        f"p{n}" for n in range(WRITERS))
    assert len(app.review.log) == WRITERS
