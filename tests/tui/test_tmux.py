"""The real ``gs-assistant`` in a real terminal (tmux): Japanese typed into the first
field shows on screen, ctrl+s saves it, ctrl+q quits. CI installs tmux."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gs_assistant.model import load_application

from .test_screens import AMBIGUOUS

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None,
                                reason="tmux is not installed (CI installs it)")


class Tmux:
    """One private tmux server (its own socket), killed at the end."""

    def __init__(self, socket: str) -> None:
        self.base = ["tmux", "-u", "-L", socket]

    def __call__(self, *args: str) -> str:
        result = subprocess.run([*self.base, *args], capture_output=True, text=True,
                                timeout=30, env={**os.environ, "LANG": "C.UTF-8"})
        return result.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "wizard")

    def wait_for(self, text: str, seconds: float = 20.0) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")


def test_japanese_typed_in_a_real_terminal(tmp_path: Path, home: Path) -> None:
    target = tmp_path / "申請.yaml"
    tmux = Tmux(f"gs-assistant-test-{os.getpid()}")
    command = (f"env GS_ASSISTANT_HOME={home} LANG=C.UTF-8 TERM=xterm-256color "
               f"{sys.executable} -m gs_assistant new {target}; sleep 30")
    tmux("new-session", "-d", "-s", "wizard", "-x", "120", "-y", "40", command)
    try:
        tmux.wait_for("1 申請者")
        tmux("send-keys", "-t", "wizard", "-l", "東北テスト工業株式会社")
        shown = tmux.wait_for("東北テスト工業株式会社")
        assert "会社名" in shown  # typed into the first field, under its label
        assert "チェックリスト" in shown and "未入力" in shown
        assert not AMBIGUOUS.findall(shown)  # nothing that Japanese terminals draw wider
        tmux("send-keys", "-t", "wizard", "C-s")
        tmux.wait_for("保存しました")
        tmux("send-keys", "-t", "wizard", "C-q")
        deadline = time.monotonic() + 20
        while "1 申請者" in tmux.screen() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "1 申請者" not in tmux.screen()  # the wizard has quit
    finally:
        tmux("kill-server")
    assert load_application(target).lead.name == "東北テスト工業株式会社"
