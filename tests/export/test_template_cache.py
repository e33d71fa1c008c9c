"""Compiled templates kept in the user cache folder: a later export compiles nothing and
writes the same draft; an edited template is compiled again; a damaged, unwritable or
turned-off cache changes nothing but the time."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import jinja2
import pytest
from export_helpers import all_text
from jinja2.bccache import bc_magic

from gs_assistant.export import templates
from gs_assistant.export.docx import build_document
from gs_assistant.model import Application
from gs_assistant.paths import templates_dir
from gs_assistant.rules import default_pack


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja2 compiles from now on."""
    names: list[str] = []
    compile_ = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        names.append(name)
        return compile_(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def _draft(app: Application, folder: Path | None = None) -> str:
    """The draft's text, from a fresh template set (as a new process would have)."""
    templates._cached.cache_clear()
    doc = build_document(app, default_pack(), folder, today=date(2026, 6, 1),
                         now=datetime(2026, 6, 1, 9, 0))
    return all_text(doc)


def test_a_second_export_compiles_no_template(cache: Path, compiled: list[str],
                                              large_app: Application) -> None:
    first = _draft(large_app)
    assert "proposal.md.j2" in compiled and len(compiled) > 5  # the parts are included
    [folder] = cache.glob("templates-*")
    assert len(list(folder.iterdir())) == len(compiled)
    compiled.clear()
    assert _draft(large_app) == first
    assert compiled == []


def test_an_edited_template_is_compiled_again(cache: Path, compiled: list[str],
                                              small_app: Application, tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(templates_dir(), folder)
    before = _draft(small_app, folder)
    part = folder / "parts" / "00_title.md.j2"
    part.write_text(part.read_text(encoding="utf-8") + "\n編集した一文\n", encoding="utf-8")
    compiled.clear()
    after = _draft(small_app, folder)
    assert compiled == ["parts/00_title.md.j2"]
    assert "編集した一文" in after and "編集した一文" not in before


@pytest.mark.parametrize("damage", [b"", b"not a cache", bc_magic + b"\x00" * 40,
                                    bc_magic + b"\x80\x04K"])
def test_a_damaged_cache_file_is_compiled_again_and_replaced(
        cache: Path, compiled: list[str], small_app: Application, damage: bytes) -> None:
    first = _draft(small_app)
    [folder] = cache.glob("templates-*")
    files = sorted(folder.iterdir())
    for file in files:
        file.write_bytes(damage)
    compiled.clear()
    assert _draft(small_app) == first
    assert len(compiled) == len(files)
    assert all(file.read_bytes() != damage for file in files)  # written again
    compiled.clear()
    _draft(small_app)
    assert compiled == []


def test_without_a_usable_cache_templates_are_compiled_each_time(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, compiled: list[str],
        small_app: Application) -> None:
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file where the cache folder would be", encoding="utf-8")
    for setting in ("", str(not_a_folder)):
        monkeypatch.setenv("GS_ASSISTANT_CACHE", setting)
        compiled.clear()
        text = _draft(small_app)
        assert "proposal.md.j2" in compiled and text
    assert not_a_folder.read_text(encoding="utf-8").startswith("a file")


def test_an_older_versions_compiled_templates_are_removed(cache: Path,
                                                          small_app: Application) -> None:
    old = cache / "templates-0123456789abcdef"
    old.mkdir(parents=True)
    (old / "__jinja2_x.cache").write_bytes(b"old")
    _draft(small_app)
    assert [p.name for p in cache.glob("templates-*")] != [old.name]
    assert not old.exists()
