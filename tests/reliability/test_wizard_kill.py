"""The wizard's autosave survives SIGKILL: the real ``gs-assistant new FILE`` in tmux.

Japanese is typed into the first field and autosaved (the default delay, 2 s after the
last change); more is typed and the process is killed with SIGKILL before the next
autosave. The file then holds exactly what was autosaved, so only the last seconds of
typing are missing, and reopening the file shows the recovered text and says that the
last session did not end normally. CI installs tmux.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gs_assistant.model import ApplicationFileError, load_application

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None,
                                reason="tmux is not installed (CI installs it)")

SAVED = "東北テスト工業株式会社"  # typed, then autosaved
LOST = "（未保存の追記）"  # typed just before the kill


class Tmux:
    """A private tmux server (its own socket) with one window per started command."""

    def __init__(self, socket: str) -> None:
        self.base = ["tmux", "-u", "-L", socket]
        self("new-session", "-d", "-s", "keeper", "sleep 600")  # the server outlives a kill

    def __call__(self, *args: str) -> str:
        return subprocess.run([*self.base, *args], capture_output=True, text=True, timeout=30,
                              env={**os.environ, "LANG": "C.UTF-8"}).stdout

    def start(self, name: str, command: str) -> int:
        """Run ``command`` in a new 120x40 session; returns its process id."""
        self("new-session", "-d", "-s", name, "-x", "120", "-y", "40", f"exec {command}")
        return int(self("display-message", "-p", "-t", name, "#{pane_pid}").strip())

    def screen(self, name: str) -> str:
        return self("capture-pane", "-p", "-t", name)

    def wait_for_focus(self, name: str, label: str, seconds: float = 30.0) -> None:
        """Wait until the terminal cursor is in the box titled ``label`` (the wizard puts
        it on the focused field): keys typed before that would go nowhere."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            lines = self.screen(name).splitlines()
            where = self("display-message", "-p", "-t", name, "#{cursor_y}").strip()
            titles = [i for i, line in enumerate(lines) if f" {label} " in line]
            if titles and where.isdigit() and int(where) == titles[0] + 1:
                return
            time.sleep(0.1)
        raise AssertionError(f"{label} never got the focus:\n{self.screen(name)}")

    def wait_for(self, name: str, text: str, seconds: float = 30.0) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            shown = self.screen(name)
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen(name)}")


def lead_name(path: Path) -> str | None:
    """The company name in the file, or None while it cannot be read."""
    try:
        return load_application(path).lead.name
    except ApplicationFileError:
        return None


def wait_until_saved(path: Path, expected: str, seconds: float = 20.0) -> float:
    """Poll the file until it holds ``expected``; returns when that was seen."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if lead_name(path) == expected:
            return time.monotonic()
        time.sleep(0.05)
    raise AssertionError(f"never autosaved: the file holds {lead_name(path)!r}")


def test_autosave_survives_sigkill_and_reopens(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    target = tmp_path / "申請.yaml"
    wizard = (f"env GS_ASSISTANT_HOME={home} LANG=C.UTF-8 TERM=xterm-256color "
              f"{sys.executable} -m gs_assistant")
    tmux = Tmux(f"gs-reliability-{os.getpid()}")
    try:
        pid = tmux.start("first", f"{wizard} new {target}")
        tmux.wait_for_focus("first", "会社名")
        tmux("send-keys", "-t", "first", "-l", SAVED)
        typed = time.monotonic()
        tmux.wait_for("first", SAVED)
        saved = wait_until_saved(target, SAVED)
        unsaved_since = time.monotonic()
        tmux("send-keys", "-t", "first", "-l", LOST)
        tmux.wait_for("first", LOST)  # on screen, not yet autosaved
        os.kill(pid, signal.SIGKILL)
        killed = time.monotonic()

        assert lead_name(target) == SAVED  # everything up to the last autosave is there
        backup = target.with_name(target.name + ".bak")
        assert lead_name(backup) in ("", SAVED)  # an earlier whole version
        assert not list(tmp_path.glob(f".{target.name}.*.tmp"))

        tmux.start("second", f"{wizard} open {target}")
        shown = tmux.wait_for("second", SAVED)
        assert LOST not in shown
        tmux.wait_for("second", "前回は正常に終了")  # the user is told what was recovered
        tmux("send-keys", "-t", "second", "C-q")
        deadline = time.monotonic() + 20
        while target.with_name(f".{target.name}.editing").exists():  # a clean exit
            assert time.monotonic() < deadline, "the editing marker outlived a clean exit"
            time.sleep(0.1)
    finally:
        tmux("kill-server")
    with capsys.disabled():
        print(f"\nwizard kill test: the autosave came {saved - typed:.1f} s after the typing; "
              f"SIGKILL {killed - unsaved_since:.1f} s after the next typing, which alone "
              f"({LOST}) was lost")


FEW_SECONDS = 5.0  # "at most the last few seconds of typing are missing"


def test_steady_typing_is_autosaved_within_a_few_seconds(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A key every 0.4 s for 9 s (never a pause long enough for the autosave delay), then
    SIGKILL: what was typed more than a few seconds before the kill is in the file."""
    home, target = tmp_path / "home", tmp_path / "steady.yaml"
    tmux = Tmux(f"gs-reliability-steady-{os.getpid()}")
    typed: list[float] = []
    try:
        pid = tmux.start("steady", f"env GS_ASSISTANT_HOME={home} LANG=C.UTF-8 "
                         f"TERM=xterm-256color {sys.executable} -m gs_assistant new {target}")
        tmux.wait_for_focus("steady", "会社名")
        for _ in range(23):
            tmux("send-keys", "-t", "steady", "-l", "あ")
            typed.append(time.monotonic())
            time.sleep(0.4)
        os.kill(pid, signal.SIGKILL)
        killed = time.monotonic()
    finally:
        tmux("kill-server")
    saved = len(lead_name(target) or "")
    assert saved >= sum(1 for t in typed if killed - t > FEW_SECONDS)
    lost = killed - typed[saved] if saved < len(typed) else 0.0
    with capsys.disabled():
        print(f"\nsteady typing: {saved} of {len(typed)} keys saved; "
              f"the last {lost:.1f} s of typing were lost")
