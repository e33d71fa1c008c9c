"""The wizard's process ends after the app has exited, even when Textual's terminal
threads are still running (a terminal closed while the wizard was exiting)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import threading, time
    from gs_assistant.tui import end_process

    def read_forever():  # what Textual's input thread does on a dead terminal
        while True:
            time.sleep(0.05)

    threading.Thread(target=read_forever, name="textual-input").start()
    end_process(7, patience=0.2)
    print("returned")  # only when no terminal thread was left running
""")


def test_a_terminal_thread_left_running_does_not_keep_the_process_alive() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 7
    assert "returned" not in done.stdout


def test_with_no_terminal_thread_left_the_status_is_returned() -> None:
    script = "from gs_assistant.tui import end_process\nprint(end_process(3))\n"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert (done.returncode, done.stdout.strip()) == (0, "3")
