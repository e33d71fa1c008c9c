"""A consultant's template folder is bounded: time, output and value sizes, aliases in
labels, non-UTF-8 templates and a zip-bomb reference.docx give one line, quickly."""

from __future__ import annotations

import io
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from gs_assistant.cli import main
from gs_assistant.export import templates as tpl
from gs_assistant.paths import templates_dir


def export_with(tmp_path: Path, capsys: pytest.CaptureFixture[str], **files: bytes | str
                ) -> tuple[int, str, float]:
    folder = tmp_path / "templates"
    if not folder.exists():
        shutil.copytree(templates_dir(), folder)
    for name, content in files.items():
        path = folder / name.replace("__", ".")
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
    out = tmp_path / "draft.docx"
    start = time.monotonic()
    code = main(["export", "sample:sme_fs_vietnam", "-o", str(out), "--template", str(folder),
                 "--force"])
    seconds = time.monotonic() - start
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.splitlines()) <= 1, err
    return code, err, seconds


@pytest.mark.parametrize("body", [
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{{ 'a' * 4000000000 }}",
    "{{ 'a' * (1000001) }}",
    "{% for i in range(1000) %}{{ 'x' * 999999 }}{% endfor %}",
    "{{ 10 ** 100000 }}",
])
def test_runaway_templates_stop_with_one_line(body: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, err, seconds = export_with(tmp_path, capsys, proposal__md__j2="# 計画\n\n" + body)
    assert code == 2 and "proposal.md.j2" in err and "制限" in err, err
    assert seconds < tpl.MAX_SECONDS + 10


def test_values_at_the_limits_are_fine(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    body = ("{% set s = 'a' * 1000000 %}{{ s|length }}"
            "{% for i in range(1000) %}{% endfor %}")
    code, err, _ = export_with(tmp_path, capsys, proposal__md__j2="# 計画\n\n" + body)
    assert code in (0, 1), err


def test_aliases_in_labels_are_refused(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    code, err, seconds = export_with(tmp_path, capsys, labels__yaml=bomb)
    assert code == 2 and "labels.yaml" in err and "エイリアス" in err
    assert seconds < 10


def test_a_non_utf8_template_is_one_line(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, err, _ = export_with(tmp_path, capsys,
                               proposal__md__j2="# 計画\n".encode("cp932"))
    assert code == 2 and "proposal.md.j2" in err and "UTF-8" in err


def test_a_zip_bomb_reference_is_refused_before_reading(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (tpl.MAX_REFERENCE_UNZIPPED + 1))
    code, err, _ = export_with(tmp_path, capsys, reference__docx=buffer.getvalue())
    assert code == 2 and "reference.docx" in err and "展開すると" in err
