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
        tmux("kill-server")  # the window closes at once, maybe while the wizard exits
    assert load_application(target).lead.name == "東北テスト工業株式会社"
    deadline = time.monotonic() + 20
    while wizards_on(target) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not wizards_on(target), "the wizard's process outlived its terminal"


def wizards_on(target: Path) -> list[str]:
    """The wizard processes still running on ``target``."""
    found = subprocess.run(["pgrep", "-f", f"gs_assistant new {target}"],
                           capture_output=True, text=True)
    return found.stdout.split()


def test_review_command_records_a_comment_in_a_real_terminal(tmp_path: Path,
                                                             home: Path) -> None:
    target = tmp_path / "review.yaml"
    target.write_text(Path(__file__).parents[2].joinpath(
        "src", "gs_assistant", "samples", "large_demo_india.yaml").read_text(encoding="utf-8"),
        encoding="utf-8")
    tmux = Tmux(f"gs-assistant-review-{os.getpid()}")
    command = (f"env GS_ASSISTANT_HOME={home} LANG=C.UTF-8 TERM=xterm-256color "
               f"{sys.executable} -m gs_assistant review {target} --author 山田; sleep 30")
    tmux("new-session", "-d", "-s", "wizard", "-x", "120", "-y", "40", command)
    try:
        shown = tmux.wait_for("担当: 山田")
        assert "APP-001" in shown and "この項目の回答" in shown
        assert not AMBIGUOUS.findall(shown)
        tmux("send-keys", "-t", "wizard", "F4")
        tmux.wait_for("コメントを追加: APP-001")
        tmux("send-keys", "-t", "wizard", "-l", "名称の表記を登記簿と揃えてください")
        tmux.wait_for("名称の表記を登記簿と揃えてください")
        tmux("send-keys", "-t", "wizard", "Tab")
        time.sleep(0.5)  # let the focus reach the button before pressing it (slow CI)
        tmux("send-keys", "-t", "wizard", "Enter")
        tmux.wait_for("記録して保存しました")
        tmux("send-keys", "-t", "wizard", "C-q")
        deadline = time.monotonic() + 20
        while "担当: 山田" in tmux.screen() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "担当: 山田" not in tmux.screen()
    finally:
        tmux("kill-server")
    comment = load_application(target).review.items["APP-001"].comments[0]
    assert (comment.author, comment.text) == ("山田", "名称の表記を登記簿と揃えてください")
