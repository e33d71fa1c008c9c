"""Applicant text on a consultant's screen and in Markdown: a newline cannot fake a line,
a bidi override cannot reverse text, and no heading, image, link or tag gets through."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from gs_assistant.model import load_application, save_application
from gs_assistant.paths import samples_dir
from gs_assistant.textsafe import md_cell, md_row, visible

FAKE = "X\n  適合  AMT-001  偽物"
HOSTILE = "Y\u202eABC\u2066 <img src=x> [a](javascript:alert(1))\n# 見出し"


def hostile_file(folder: Path) -> Path:
    app = load_application(samples_dir() / "large_demo_india.yaml")
    app.lead.name = FAKE
    app.co_applicants[0].name = HOSTILE
    path = folder / "inj.yaml"
    save_application(app, path)
    return path


def test_visible_and_md_cell() -> None:
    assert visible("a\nb\u202ec\u200f") == "a\\nb\\u202ec\\u200f"
    assert visible("家族👨\u200d👩") == "家族👨\u200d👩"  # emoji sequences stay
    cell = md_cell(HOSTILE)
    assert "<" not in cell and "\n" not in cell and "\u202e" not in cell
    assert "\\[a\\](javascript" in cell and "&lt;img" in cell


@given(st.text(alphabet=st.sampled_from(list("a日 \\`[]&<>|#*_!()\n\r\t\u202e\u200d\x00"))
               | st.characters()))
def test_md_cell_escapes_each_character_on_its_own(text: str) -> None:
    """Every character of the visible text is replaced by its own escape, nothing else."""
    escapes = {"\\": "\\\\", "`": "\\`", "[": "\\[", "]": "\\]", "&": "&amp;", "<": "&lt;",
               ">": "&gt;", "|": "\\|"}
    for cell in (text, text * 60):  # short cells are remembered, long ones are not
        assert md_cell(cell) == "".join(escapes.get(c, c) for c in visible(cell))


@given(st.lists(st.text(alphabet=st.sampled_from(list("a日 |\\`<\n\u202e"))) | st.characters()
                .map(lambda c: c * 300), max_size=6))
def test_md_row_is_its_cells_made_safe(cells: list[str]) -> None:
    """A table row, remembered or not (rows over 1,024 characters), is its cells' md_cell."""
    row = md_row(tuple(cells))
    assert row == "| " + " | ".join(md_cell(c) for c in cells) + " |"
    assert md_row(tuple(cells)) == row  # again, from the cache where it was kept


def test_md_row_keeps_a_bounded_number_of_rows() -> None:
    from gs_assistant import textsafe

    for n in range(textsafe.ROWS_KEPT + 10):
        assert md_row((str(n), "a|b")) == f"| {n} | a\\|b |"
    assert 0 < len(textsafe._ROWS) <= textsafe.ROWS_KEPT
    long = ("x" * 2000,)
    md_row(long)
    assert long not in textsafe._ROWS


def test_check_text_output_cannot_be_faked(tmp_path: Path) -> None:
    path = hostile_file(tmp_path)
    out = subprocess.run([sys.executable, "-m", "gs_assistant", "check", str(path)],
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONIOENCODING": "utf-8"}).stdout
    lines = out.splitlines()
    assert not any(line.startswith("  適合  AMT-001  偽物") for line in lines)
    assert "\u202e" not in out and "\u2066" not in out
    assert "X\\n  適合  AMT-001  偽物" in out


def test_audit_markdown_has_no_applicant_markup(tmp_path: Path) -> None:
    path = hostile_file(tmp_path)
    subprocess.run([sys.executable, "-m", "gs_assistant", "audit", str(path), "-o",
                    str(tmp_path / "out"), "--quiet"], capture_output=True, timeout=120)
    for md in (tmp_path / "out" / "reports" / "inj.md", tmp_path / "out" / "summary.md"):
        text = md.read_text(encoding="utf-8")
        assert "<img" not in text and not re.search(r"(?<!\\)\]\(javascript", text), md
        assert "\\](javascript" in text or md.name == "summary.md"  # shown, escaped
        assert "\u202e" not in text, md
        assert not any(line.startswith(("  適合  AMT-001", "# 見出し"))
                       for line in text.splitlines()), md
