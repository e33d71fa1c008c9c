"""``gs-assistant serve`` without a browser: files confined to the folder, the command's
arguments and messages, and textual-serve's script patched as expected."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from gs_assistant.cli import main
from gs_assistant.serve.command import is_loopback
from gs_assistant.serve.folder import OutsideFolder, confine
from gs_assistant.serve.server import FONT_STACK, ScriptChanged, patched_script


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    inside = tmp_path / "files"
    (inside / "sub").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    return inside.resolve()


def test_names_inside_the_folder_are_accepted(folder: Path) -> None:
    assert confine(folder, "申請.yaml") == folder / "申請.yaml"
    assert confine(folder, "sub/申請.docx") == folder / "sub" / "申請.docx"
    assert confine(folder, str(folder / "a.yaml")) == folder / "a.yaml"  # e.g. a recent file


@pytest.mark.parametrize("name", ["../x.yaml", "sub/../../x.yaml", "sub/../x.yaml", "..",
                                  "/etc/passwd", "/tmp/x.yaml", "~/x.yaml", "~root/x.yaml"])
def test_names_leaving_the_folder_are_refused(folder: Path, name: str) -> None:
    with pytest.raises(OutsideFolder) as refused:
        confine(folder, name)
    message = str(refused.value)
    assert "\n" not in message and folder.name in message


def test_an_absolute_path_outside_names_the_folder(folder: Path) -> None:
    with pytest.raises(OutsideFolder, match="フォルダ files の外"):
        confine(folder, str(folder.parent / "outside" / "x.yaml"))
    with pytest.raises(OutsideFolder, match="only files inside the folder files"):
        confine(folder, "/x.yaml", lang="en")


def test_symbolic_links_are_refused(folder: Path) -> None:
    outside = folder.parent / "outside"
    (outside / "secret.yaml").write_text("meta: {}\n", encoding="utf-8")
    (folder / "link.yaml").symlink_to(outside / "secret.yaml")
    (folder / "linkdir").symlink_to(outside)
    (folder / "inner.yaml").write_text("x", encoding="utf-8")
    (folder / "local-link.yaml").symlink_to(folder / "inner.yaml")  # even one inside
    for name in ("link.yaml", "linkdir/secret.yaml", "linkdir/new.yaml", "local-link.yaml"):
        with pytest.raises(OutsideFolder, match="シンボリックリンク"):
            confine(folder, name)


def test_the_folder_itself_and_subfolders_are_not_files(folder: Path) -> None:
    for name in (".", "sub", str(folder)):
        with pytest.raises(OutsideFolder, match="フォルダです"):
            confine(folder, name)


def test_loopback_hosts() -> None:
    for host in ("127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"):
        assert is_loopback(host), host
    for host in ("0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.org", ""):
        assert not is_loopback(host), host


def test_the_browser_script_is_patched_once_each() -> None:
    import textual_serve

    original = (Path(textual_serve.__file__).parent / "static/js/textual.js").read_text(
        encoding="utf-8")
    script = patched_script(original)
    assert FONT_STACK in script and "Roboto Mono" not in script
    assert "document.title=t" in script and "window.gsTerminal" in script
    assert 'window.open(n,"_blank")' not in script and "a.download" in script
    with pytest.raises(ScriptChanged):
        patched_script(original.replace("this.terminal.open(e),", "this.terminal.open(e);"))


def test_a_missing_folder_is_one_line_and_exit_2(tmp_path: Path, capsys) -> None:
    assert main(["serve", "--folder", str(tmp_path / "nothing")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "nothing" in err and "フォルダがありません" in err


def test_a_host_other_than_loopback_warns(tmp_path: Path, capsys, monkeypatch) -> None:
    from gs_assistant.serve import server

    served = []
    monkeypatch.setattr(server.GsServer, "serve", lambda self: served.append(self))
    assert main(["serve", "--host", "0.0.0.0", "--port", "8123",
                 "--folder", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "警告" in err and "誰でも" in err and "0.0.0.0" in err
    assert served[0].url().endswith(f":8123/?token={served[0].token}")
    assert main(["serve", "--folder", str(tmp_path)]) == 0  # loopback: no warning
    assert capsys.readouterr().err == ""
    assert served[0].token != served[1].token and len(served[1].token) >= 32


def test_a_port_in_use_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "gs_assistant", "serve", "--port", str(port),
             "--folder", str(tmp_path)],
            capture_output=True, text=True, encoding="utf-8", timeout=60,
            env={**os.environ, "GS_ASSISTANT_HOME": str(tmp_path / "home")})
    assert result.returncode == 2, result
    assert f"ポート {port} が使えません" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
