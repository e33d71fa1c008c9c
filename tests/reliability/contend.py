"""Many ``comment`` / ``decide`` commands on one file at once, round after round.

    python tests/reliability/contend.py FILE ROUNDS WRITERS   (run by test_concurrency.py)

The script imports everything once, then for each round forks WRITERS children. Each child
is a real process that waits on a shared pipe, so that all of them start together, and
then runs the command line's ``main`` exactly as ``gs-assistant`` would: even children
``comment`` and odd ones ``decide`` (alternating 適合 / 要確認 on one item). It prints one
JSON line: how many commands succeeded and their exit statuses.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys

import gs_assistant.audit.review_commands  # noqa: F401 - imported once, before forking
from gs_assistant.cli import main
from gs_assistant.rules import default_pack

ITEMS = ("APP-001", "APP-002", "SME-003", "CTY-001")


def child(path: str, round_no: int, n: int, gate: int) -> None:
    os.read(gate, 1)  # every writer is released at the same moment
    item = ITEMS[n % len(ITEMS)]
    if n % 2 == 0:
        argv = ["comment", path, item, "--author", f"w{n}", "--text", f"r{round_no} w{n}"]
    else:
        status = "met" if n % 4 == 1 else "needs_review"
        argv = ["decide", path, item, "--status", status, "--author", f"w{n}",
                "--reason", f"r{round_no} w{n}"]
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(argv)
    os._exit(code)


def run(path: str, rounds: int, writers: int) -> dict[str, object]:
    default_pack()  # loaded once: the children start with it
    codes: dict[int, int] = {}
    for round_no in range(rounds):
        gate_r, gate_w = os.pipe()
        pids = []
        for n in range(writers):
            pid = os.fork()
            if pid == 0:
                os.close(gate_w)
                try:
                    child(path, round_no, n, gate_r)
                finally:
                    os._exit(99)
            pids.append(pid)
        os.close(gate_r)
        os.write(gate_w, b"x" * writers)
        os.close(gate_w)
        for pid in pids:
            _, status = os.waitpid(pid, 0)
            code = os.waitstatus_to_exitcode(status)
            codes[code] = codes.get(code, 0) + 1
    return {"commands": rounds * writers, "exit_codes": codes}


if __name__ == "__main__":
    file, rounds, writers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    print(json.dumps(run(file, rounds, writers)))
