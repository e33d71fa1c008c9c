"""A fork server whose children save an application in a loop until they are killed.

    python tests/reliability/save_loop.py        (started by test_kill_save.py)

It reads one command per line on standard input and answers one line on standard output:

    RUN FILE LOG N   fork a saver and answer ``PID pid``. The saver saves versions N, N+1,
                     N+2… of the large application to FILE with ``save_application``,
                     appending ``S n`` to LOG just before each save and ``D n`` just after
                     it returns, and never stops on its own.
    WAIT PID         wait for that saver to end and answer ``EXIT status`` (as waitpid).

The server imports everything once, so a saver starts in about a millisecond and hundreds
of kills take seconds, not minutes. Each saver is a real process: SIGKILL stops it
wherever it is, inside a write, an fsync or a rename.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from gs_assistant.model import Application, load_application, save_application
from gs_assistant.paths import samples_dir

PAD_LINES = 400  # about 60 KB of YAML: a save takes several milliseconds


def large_application() -> Application:
    """The large bundled sample, padded with a long 実施内容 (the same in every process)."""
    app = load_application(samples_dir() / "large_demo_india.yaml")
    line = app.content.activities
    app.content.activities = "\n".join(f"{i + 1}. {line}" for i in range(PAD_LINES))
    return app


def version(base: Application, n: int) -> Application:
    """Version ``n``: the base with the counter at the end of 事業概要."""
    app = base.model_copy(deep=True)
    app.content.summary = f"{base.content.summary}（版{n}）"
    return app


def version_of(app: Application, base: Application) -> int | None:
    """The counter of a version, or ``None`` when the text is not one of ours."""
    summary = app.content.summary
    head, _, tail = summary.rpartition("（版")
    if head != base.content.summary or not tail.endswith("）"):
        return None
    try:
        return int(tail[:-1])
    except ValueError:
        return None


def _saver(base: Application, path: Path, log: Path, first: int) -> None:
    """Save versions first, first+1, … forever, logging each start and end."""
    app = base.model_copy(deep=True)
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_TRUNC, 0o600)
    n = first
    while True:
        app.content.summary = f"{base.content.summary}（版{n}）"
        os.write(fd, f"S {n}\n".encode())
        save_application(app, path)
        os.write(fd, f"D {n}\n".encode())
        n += 1


def _serve() -> None:
    base = large_application()  # loaded once; every saver inherits it
    for line in sys.stdin:
        command, *args = line.split()
        if command == "RUN":
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                try:
                    _saver(base, Path(args[0]), Path(args[1]), int(args[2]))
                except BaseException:
                    traceback.print_exc()
                finally:
                    os._exit(3)  # a saver that stops on its own has failed
            print(f"PID {pid}", flush=True)
        elif command == "WAIT":
            _, status = os.waitpid(int(args[0]), 0)
            print(f"EXIT {status}", flush=True)


if __name__ == "__main__":
    _serve()
