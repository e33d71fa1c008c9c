"""The draft's page count after export (LibreOffice) and the warning above a page limit.

CI installs LibreOffice and poppler (see .ci/run); the conversions here are the real ones.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gs_assistant.cli import main
from gs_assistant.export import pages as pages_module
from gs_assistant.export.pages import (
    PageCountError,
    PageLimit,
    count_pages,
    page_limit,
    pages_report,
    pdf_pages,
)
from gs_assistant.paths import page_limit_of
from gs_assistant.text import Text


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("GS_ASSISTANT_HOME", str(folder))
    return folder


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The small sample's draft and its page count as pdfinfo reads LibreOffice's PDF."""
    assert shutil.which("soffice") and shutil.which("pdfinfo"), \
        "install libreoffice-writer-nogui and poppler-utils (see .ci/run)"
    out = tmp_path_factory.mktemp("pages") / "draft.docx"
    assert main(["export", "sample:sme_fs_vietnam", "-o", str(out)]) == 0
    return out, count_pages(out)


def test_the_small_sample_has_a_plausible_page_count(draft: tuple[Path, int]) -> None:
    _, pages = draft
    assert 6 <= pages <= 14  # as test_export_libreoffice reads it with pdfinfo


def test_without_pdfinfo_the_page_objects_are_counted(
        draft: tuple[Path, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, pages = draft
    real_which = shutil.which
    monkeypatch.setattr(pages_module.shutil, "which",
                        lambda name: None if name == "pdfinfo" else real_which(name))
    assert count_pages(path) == pages


def test_pdf_page_objects_are_not_confused_with_the_page_tree(tmp_path: Path,
                                                              monkeypatch) -> None:
    monkeypatch.setattr(pages_module.shutil, "which", lambda name: None)
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Pages/Count 2/Kids[2 0 R 3 0 R]>>endobj\n"
                    b"2 0 obj<</Type /Page/Parent 1 0 R>>endobj\n"
                    b"3 0 obj<</Type/Page/Parent 1 0 R>>endobj\n%%EOF\n")
    assert pdf_pages(pdf) == 2


def _export(args: list[str], tmp_path: Path, capsys) -> tuple[int, str, str, Path]:
    out = tmp_path / "out.docx"
    code = main(["export", "sample:sme_fs_vietnam", "-o", str(out), *args])
    stdout, stderr = capsys.readouterr()
    return code, stdout, stderr, out


def test_exactly_the_limit_is_within_it(draft, tmp_path: Path, capsys) -> None:
    _, pages = draft
    code, stdout, stderr, out = _export(["--page-limit", str(pages)], tmp_path, capsys)
    assert code == 0 and stderr == ""
    assert f"下書きは{pages}ページです（上限{pages}ページ以内：--page-limit）" in stdout
    assert out.is_file()


def test_one_page_over_the_limit_warns_and_exits_1_with_the_draft_written(
        draft, tmp_path: Path, capsys) -> None:
    _, pages = draft
    code, stdout, stderr, out = _export(["--page-limit", str(pages - 1), "--lang", "en"],
                                        tmp_path, capsys)
    assert code == 1
    assert f"the draft has {pages} pages, 1 over the limit of {pages - 1} (--page-limit)" \
        in stderr
    assert stdout.strip() == str(out) and out.is_file()


def test_the_limit_from_settings_and_the_command_line_wins(draft, home: Path, tmp_path: Path,
                                                          capsys) -> None:
    _, pages = draft
    (home / "settings.json").write_text(json.dumps({"page_limit": pages - 1}), "utf-8")
    code, _, stderr, _ = _export([], tmp_path, capsys)
    assert code == 1 and "settings.json の page_limit" in stderr
    code, stdout, stderr, _ = _export(["--force", "--page-limit", str(pages)], tmp_path, capsys)
    assert code == 0 and stderr == "" and f"上限{pages}ページ以内" in stdout


def test_no_limit_and_no_pages_flag_runs_no_libreoffice(tmp_path: Path, capsys,
                                                       monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("LibreOffice was started")

    monkeypatch.setattr(pages_module, "count_pages", refuse)
    code, stdout, stderr, out = _export([], tmp_path, capsys)
    assert (code, stderr) == (0, "") and stdout.strip() == str(out)


def test_without_libreoffice_the_count_is_a_warning_only(tmp_path: Path, capsys,
                                                        monkeypatch) -> None:
    monkeypatch.setattr(pages_module.shutil, "which", lambda name: None)
    code, stdout, stderr, out = _export(["--page-limit", "3"], tmp_path, capsys)
    assert code == 0 and out.is_file() and stdout.strip() == str(out)
    assert "LibreOffice（soffice）がインストールされていません" in stderr
    with pytest.raises(PageCountError):
        count_pages(out)


@pytest.mark.parametrize("bad", ["0", "-1", "1001", "十", "2.5"])
def test_a_bad_page_limit_is_a_usage_error(bad: str, tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["export", "sample:sme_fs_vietnam", "-o", str(tmp_path / "o.docx"),
              "--page-limit", bad])
    assert info.value.code == 2
    assert "1～1000の整数" in capsys.readouterr().err
    assert not (tmp_path / "o.docx").exists()


def test_the_limit_order_and_the_boundaries() -> None:
    assert page_limit(None, None, None) is None
    assert page_limit(None, None, 15).pages == 15
    assert page_limit(None, 12, 15).pages == 12
    assert page_limit(10, 12, 15).pages == 10
    limit = PageLimit(10, Text("x", "x"))
    assert pages_report(10, limit)[1] is False
    assert pages_report(11, limit)[1] is True
    assert pages_report(99, None)[1] is False


@pytest.mark.parametrize(("settings", "expected"), [
    ({"page_limit": 15}, 15), ({"page_limit": 1}, 1), ({"page_limit": 1000}, 1000),
    ({"page_limit": 0}, None), ({"page_limit": 1001}, None), ({"page_limit": True}, None),
    ({"page_limit": "15"}, None), ({}, None), ([], None)])
def test_the_settings_page_limit_is_read_or_ignored(settings, expected) -> None:
    assert page_limit_of(settings) == expected


def test_a_pack_that_sets_the_limit_is_followed(draft, tmp_path: Path, capsys) -> None:
    """When a call publishes its limit, the pack author sets draft_page_limit: no Python."""
    from gs_assistant.paths import rules_dir

    _, pages = draft
    folder = tmp_path / "pack"
    shutil.copytree(rules_dir() / "gs_r7_supplementary", folder)
    params = folder / "parameters.yaml"
    text = params.read_text(encoding="utf-8")
    assert "draft_page_limit: {value: null," in text
    params.write_text(text.replace("draft_page_limit: {value: null,",
                                   f"draft_page_limit: {{value: {pages - 1},"), "utf-8")
    code, _, stderr, out = _export(["--pack", str(folder)], tmp_path, capsys)
    assert code == 1 and out.is_file()
    assert f"上限{pages - 1}ページを1ページ超えています" in stderr
    assert "（ルールパック（draft_page_limit））" in stderr
