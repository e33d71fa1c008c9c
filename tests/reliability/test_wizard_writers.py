"""The wizard against other writers, in tmux: nothing typed or recorded is lost.

* A wizard is open on a file while a command-line writer (a separate process running
  ``comment`` 50 times through the command line's ``main``) records review comments, and
  the wizard autosaves every 0.3 s while text is typed: afterwards the file holds all 50
  comments and everything typed.
* Two wizards on one file: both are warned; edits to different answers are merged; the
  same answer edited in both is never overwritten: one version is kept beside the file
  (``NAME.conflict-…``) and the wizard that kept it says so.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_wizard_kill import Tmux

from gs_assistant.model import load_application

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None,
                                reason="tmux is not installed (CI installs it)")

WRITES = 50
WRITER = """
import sys, time
from gs_assistant.cli import main
for i in range(int(sys.argv[2])):
    assert main(["comment", sys.argv[1], "APP-001", "--author", "cli", "--text", f"c{i}"]) == 0
    time.sleep(0.05)
"""


def _wizard(home: Path) -> str:
    home.mkdir(exist_ok=True)
    (home / "settings.json").write_text(json.dumps({"autosave_seconds": 0.3}), encoding="utf-8")
    return (f"env GS_ASSISTANT_HOME={home} LANG=C.UTF-8 TERM=xterm-256color "
            f"{sys.executable} -m gs_assistant")


def _screen_text(tmux: Tmux, name: str) -> str:
    """The screen with line breaks and box edges removed (notices wrap)."""
    return "".join(line.strip(" │▎▊▌") for line in tmux.screen(name).splitlines()).replace(
        " ", "")


def _wait_text(tmux: Tmux, name: str, text: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text.replace(" ", "") in _screen_text(tmux, name):
            return
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared:\n{tmux.screen(name)}")


def _quit(tmux: Tmux, name: str, marker: Path) -> None:
    tmux("send-keys", "-t", name, "C-q")
    deadline = time.monotonic() + 20
    while marker.exists():
        if time.monotonic() > deadline:
            raise AssertionError(f"the wizard did not quit:\n{tmux.screen(name)}")
        time.sleep(0.1)


def test_wizard_and_cli_writer_lose_nothing(sample_copy: Path, tmp_path: Path) -> None:
    name_before = load_application(sample_copy).lead.name
    marker = sample_copy.with_name(f".{sample_copy.name}.editing")
    tmux = Tmux(f"gs-writers-{os.getpid()}")
    typed = ""
    try:
        tmux.start("wiz", f"{_wizard(tmp_path / 'home')} open {sample_copy}")
        tmux.wait_for_focus("wiz", "会社名")
        time.sleep(0.5)
        tmux("send-keys", "-t", "wiz", "End")
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(sample_copy), str(WRITES)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        while writer.poll() is None:  # type while the writer writes; autosaves interleave
            typed += "あ"
            tmux("send-keys", "-t", "wiz", "-l", "あ")
            time.sleep(0.25)
        assert writer.returncode == 0, writer.stderr.read()
        deadline = time.monotonic() + 30  # the last keys reach the file by an autosave
        while not load_application(sample_copy).lead.name.endswith(typed):
            assert time.monotonic() < deadline, load_application(sample_copy).lead.name
            time.sleep(0.2)
        _quit(tmux, "wiz", marker)
    finally:
        tmux("kill-server")
    app = load_application(sample_copy)
    texts = [c.text for c in app.review.items["APP-001"].comments]
    assert sorted(texts) == sorted(f"c{i}" for i in range(WRITES))
    assert len(app.review.log) == WRITES
    # (a field may select its text on focus, so the first key can replace it)
    assert app.lead.name in (name_before + typed, typed)
    assert not list(tmp_path.glob("*.conflict-*"))


def test_two_wizards_are_warned_and_lose_nothing(sample_copy: Path, tmp_path: Path) -> None:
    marker = sample_copy.with_name(f".{sample_copy.name}.editing")
    before = load_application(sample_copy).lead
    name_before, role_before = before.name, before.role or ""
    tmux = Tmux(f"gs-two-{os.getpid()}")
    try:
        wizard = _wizard(tmp_path / "home")
        tmux.start("one", f"{wizard} open {sample_copy}")
        tmux.wait_for_focus("one", "会社名")
        tmux.start("two", f"{wizard} open {sample_copy}")
        tmux.wait_for_focus("two", "会社名")
        _wait_text(tmux, "two", "このファイルは別")
        _wait_text(tmux, "one", "このファイルを別")  # the first is warned too

        # different answers: merged
        time.sleep(0.5)
        tmux("send-keys", "-t", "one", "End")
        tmux("send-keys", "-t", "one", "-l", "一")
        time.sleep(1.0)
        for _ in range(4):  # 業種, 資本金, 従業員数, then 本事業での役割
            tmux("send-keys", "-t", "two", "Tab")
        tmux.wait_for_focus("two", "本事業での役割")
        tmux("send-keys", "-t", "two", "End")
        tmux("send-keys", "-t", "two", "-l", "二")
        time.sleep(1.0)
        _wait_text(tmux, "two", "ほかの変更とまとめて保存済み")
        app = load_application(sample_copy)
        name1 = app.lead.name
        assert name1 in (name_before + "一", "一")
        assert app.lead.role in (role_before + "二", "二")
        role2 = app.lead.role

        # the same answer in both: the file keeps one, the other goes beside it
        tmux("send-keys", "-t", "one", "-l", "A")
        time.sleep(1.0)
        for _ in range(4):
            tmux("send-keys", "-t", "two", "BTab")
        tmux.wait_for_focus("two", "会社名")
        tmux("send-keys", "-t", "two", "End")
        tmux("send-keys", "-t", "two", "-l", "B")
        _wait_text(tmux, "two", "large.conflict-")  # the title names the copy
        _quit(tmux, "one", marker)
        tmux("send-keys", "-t", "two", "C-q")
        time.sleep(1.0)
    finally:
        tmux("kill-server")
    final = load_application(sample_copy)
    assert (final.lead.name, final.lead.role) == (name1 + "A", role2)
    (side,) = sample_copy.parent.glob("*.conflict-*.yaml")
    other = load_application(side)
    assert other.lead.name in (name1 + "B", "B")  # the second one's edit, kept beside
    assert other.lead.role == role2
