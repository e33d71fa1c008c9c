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


def _wait_saved_name(path: Path, ending: str, tmux: Tmux, name: str) -> None:
    """Wait until the file's company name ends with ``ending`` (an autosave landed)."""
    deadline = time.monotonic() + 20
    while not load_application(path).lead.name.endswith(ending):
        assert time.monotonic() < deadline, tmux.screen(name)
        time.sleep(0.1)


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
    # the sample's comment between keys went through every save of both writers
    assert "\n  # 経費明細（税抜き）" in sample_copy.read_text(encoding="utf-8")


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


def test_after_a_conflict_compare_and_reload_in_a_terminal(sample_copy: Path,
                                                           tmp_path: Path) -> None:
    """Two wizards at 80x24 edit the same answer; the second, told of the conflict, opens
    「ファイルとの違いを見る」 from the palette, sees the answer with its label and both
    values, and reloads the file's version; its own version stays in the copy."""
    marker = sample_copy.with_name(f".{sample_copy.name}.editing")
    name_before = load_application(sample_copy).lead.name
    tmux = Tmux(f"gs-reload-{os.getpid()}")
    try:
        wizard = _wizard(tmp_path / "home")
        for name in ("one", "two"):
            tmux.start(name, f"{wizard} open {sample_copy}")
            tmux("resize-window", "-t", name, "-x", "80", "-y", "24")
            tmux.wait_for_focus(name, "会社名")
        _wait_text(tmux, "one", "このファイルを別")
        time.sleep(0.5)
        tmux("send-keys", "-t", "one", "End")
        tmux("send-keys", "-t", "one", "-l", "甲")
        _wait_saved_name(sample_copy, "甲", tmux, "one")
        name1 = load_application(sample_copy).lead.name
        tmux("send-keys", "-t", "two", "End")
        tmux("send-keys", "-t", "two", "-l", "乙")
        _wait_text(tmux, "two", "large.conflict-")
        (copy,) = sample_copy.parent.glob("*.conflict-*.yaml")

        tmux("send-keys", "-t", "two", "C-p")
        time.sleep(1.0)
        tmux("send-keys", "-t", "two", "-l", "違い")
        _wait_text(tmux, "two", "ファイルとの違いを見る")
        time.sleep(0.5)
        tmux("send-keys", "-t", "two", "Enter")
        _wait_text(tmux, "two", "この画面とlarge.yamlの違い（1件）")
        shown = _screen_text(tmux, "two").replace("┃", "")  # the dialog's own border
        assert "会社名この画面:" in shown, tmux.screen("two")
        assert (f"この画面:{name_before}乙".replace(" ", "") in shown
                or "この画面:乙" in shown), tmux.screen("two")
        assert f"ファイル:{name1}".replace(" ", "") in shown, tmux.screen("two")
        tmux("send-keys", "-t", "two", "BTab")  # from 「この画面の版で続ける」 to reload
        time.sleep(0.3)
        tmux("send-keys", "-t", "two", "Enter")
        _wait_text(tmux, "two", "の版を読み込みました")
        tmux.wait_for_focus("two", "会社名")
        tmux("send-keys", "-t", "two", "End")
        tmux("send-keys", "-t", "two", "-l", "丙")
        _wait_saved_name(sample_copy, "丙", tmux, "two")
        tmux("send-keys", "-t", "one", "C-q")  # the marker names the second wizard now
        deadline = time.monotonic() + 20
        while "one" in tmux("list-sessions", "-F", "#{session_name}").split():
            assert time.monotonic() < deadline, tmux.screen("one")
            time.sleep(0.1)
        _quit(tmux, "two", marker)
    finally:
        tmux("kill-server")
    assert load_application(sample_copy).lead.name == name1 + "丙"
    assert load_application(copy).lead.name in (name_before + "乙", "乙")
    assert list(sample_copy.parent.glob("*.conflict-*.yaml")) == [copy]
