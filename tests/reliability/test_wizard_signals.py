"""SIGTERM / SIGHUP to the wizard right after typing: the text is saved before it exits.

The autosave delay is set to a minute so that only the signal can save the text."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest
from test_wizard_kill import Tmux, lead_name

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None,
                                reason="tmux is not installed (CI installs it)")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_signal_saves_what_was_typed(tmp_path: Path, sig: signal.Signals) -> None:
    home, target = tmp_path / "home", tmp_path / "申請.yaml"
    home.mkdir()
    (home / "settings.json").write_text(json.dumps({"autosave_seconds": 60}), encoding="utf-8")
    tmux = Tmux(f"gs-signal-{sig.name}-{os.getpid()}")
    try:
        pid = tmux.start("w", f"env GS_ASSISTANT_HOME={home} LANG=C.UTF-8 "
                         f"TERM=xterm-256color {sys.executable} -m gs_assistant new {target}")
        tmux.wait_for_focus("w", "会社名")
        tmux("send-keys", "-t", "w", "-l", "シグナル工業")
        tmux.wait_for("w", "シグナル工業")
        assert lead_name(target) == ""  # not autosaved yet
        os.kill(pid, sig)
        deadline = time.monotonic() + 20
        while target.with_name(f".{target.name}.editing").exists():
            assert time.monotonic() < deadline, "the wizard did not exit"
            time.sleep(0.1)
    finally:
        tmux("kill-server")
    assert lead_name(target) == "シグナル工業"
    assert not list(tmp_path.glob(f".{target.name}.*.tmp"))


def test_a_closed_terminal_saves_and_ends_the_wizard(tmp_path: Path) -> None:
    """The terminal goes away (its tmux server is killed): the kernel sends SIGHUP; the
    text is saved and the process ends instead of lingering without a terminal."""
    home, target = tmp_path / "home", tmp_path / "申請.yaml"
    home.mkdir()
    (home / "settings.json").write_text(json.dumps({"autosave_seconds": 60}), encoding="utf-8")
    tmux = Tmux(f"gs-signal-closed-{os.getpid()}")
    try:
        pid = tmux.start("w", f"env GS_ASSISTANT_HOME={home} LANG=C.UTF-8 "
                         f"TERM=xterm-256color {sys.executable} -m gs_assistant new {target}")
        tmux.wait_for_focus("w", "会社名")
        tmux("send-keys", "-t", "w", "-l", "端末終了")
        tmux.wait_for("w", "端末終了")
    finally:
        tmux("kill-server")
    deadline = time.monotonic() + 20
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            raise AssertionError("the wizard outlived its terminal")
        time.sleep(0.2)
    assert lead_name(target) == "端末終了"
    assert not target.with_name(f".{target.name}.editing").exists()
