"""Print quality of the Word draft, read back from the saved .docx: rows never split
across pages, header rows repeat, amount columns keep their width and never wrap, the
cover title breaks between phrases, Japanese line breaking is stated, the document's
properties are the export's, there is no thumbnail and the file is owner-only.

What LibreOffice makes of it (the amounts on one line, the title's lines) is checked on
the PDF in test_export_libreoffice.py.
"""

from __future__ import annotations

import io
import stat
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from export_helpers import find_table

from gs_assistant.cli import main
from gs_assistant.export.docx import build_document
from gs_assistant.export.phrases import lines, phrases, width
from gs_assistant.model import load_application
from gs_assistant.paths import samples_dir
from gs_assistant.rules import default_pack

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _rows(doc) -> list:
    return list(doc.element.body.iter(qn("w:tr")))


@pytest.mark.parametrize("which", ["large_doc", "small_doc"])
def test_every_row_cant_split_and_header_rows_repeat(which, request) -> None:
    doc = request.getfixturevalue(which)
    rows = _rows(doc)
    assert len(rows) > 40
    for tr in rows:
        tr_pr = tr.find(qn("w:trPr"))
        assert tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None
    for table in doc.element.body.iter(qn("w:tbl")):
        first = table.find(qn("w:tr"))
        assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
        for tr in table.findall(qn("w:tr"))[1:]:
            assert tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None


def test_amount_columns_are_right_aligned_unwrapped_and_wide_enough(large_doc) -> None:
    table = find_table(large_doc, "区分", "名称", "資本金")
    widths = [col.width for col in table.columns]
    for row in table.rows:
        for c in (2, 3):  # 資本金, 従業員数
            cell = row.cells[c]
            assert cell._tc.tcPr.find(qn("w:noWrap")) is not None
            assert cell.paragraphs[0].alignment == 2  # right
            # the column is at least as wide as its longest value wants (9 pt, padding)
            assert widths[c] >= (width(cell.text) + 4) * 63500 - 1_000
        assert row.cells[1]._tc.tcPr.find(qn("w:noWrap")) is None
    assert "12,000,000,000円（120億円）" in [r.cells[2].text for r in table.rows]


# ---------------------------------------------------------------- the cover title


TITLES = [
    "インド・グジャラート州における系統用蓄電池による再エネ統合実証",
    "ベトナム南部における小規模農家向けIoT土壌センサーと営農支援アプリの実証事業",
    "タイ国における中小製造業向け省エネルギー診断と高効率設備導入による脱炭素化モデル事業の実証",
]


@pytest.mark.parametrize("title", TITLES)
def test_title_lines_break_only_between_phrases(title: str) -> None:
    limit = 38  # 19 full-width characters
    broken = lines(title, limit)
    assert "".join(broken) == title
    assert len(broken) >= 2
    bounds = set()
    pos = 0
    for phrase in phrases(title):
        pos += len(phrase)
        bounds.add(pos)
    pos = 0
    for line in broken:
        assert width(line) <= limit
        assert width(line) > 4  # no lone character or two on a line
        pos += len(line)
        assert pos in bounds  # each line ends where a phrase ends
    widths = [width(line) for line in broken]
    assert max(widths) - min(widths) <= max(width(p) for p in phrases(title))  # balanced


def test_latin_words_are_never_cut() -> None:
    title = "Smart irrigation feasibility study in the Mekong Delta against salt damage"
    broken = lines(title, 38)
    assert "".join(broken) == title and len(broken) == 2
    for line in broken[:-1]:
        assert line.endswith(" ")  # each break is at a space


def test_short_title_and_overlong_phrase() -> None:
    assert lines("短い題名", 38) == ["短い題名"]
    assert lines("", 38) == []
    long_word = "ア" * 50  # one phrase wider than a line: cut, nothing lost
    broken = lines(long_word, 38)
    assert "".join(broken) == long_word and all(width(x) <= 38 for x in broken)


def test_the_cover_title_is_set_as_phrase_lines(large_doc) -> None:
    app = load_application(samples_dir() / "large_demo_india.yaml")
    title = next(p for p in large_doc.paragraphs if p.style.name == "Title")
    assert title.text.split("\n") == lines(app.content.title, 38)
    assert len(title.text.split("\n")) == 2


def test_an_empty_title_stays_the_placeholder(tmp_path: Path) -> None:
    app = load_application(samples_dir() / "sme_fs_vietnam.yaml")
    app.content.title = ""
    doc = build_document(app, default_pack())
    title = next(p for p in doc.paragraphs if p.style.name == "Title")
    assert title.text == "【要記入】"


# ---------------------------------------------------------------- line breaking, properties


def test_paragraph_styles_in_use_state_japanese_line_breaking(large_doc) -> None:
    for name in ("Normal", "Table Text", "Title", "Heading 1"):
        p_pr = large_doc.styles[name].element.pPr
        assert p_pr is not None and p_pr.find(qn("w:kinsoku")) is not None, name
        assert p_pr.find(qn("w:kinsoku")).get(qn("w:val")) in (None, "1", "true")


def test_core_properties_are_the_exports() -> None:
    app = load_application(samples_dir() / "large_demo_india.yaml")
    now = datetime(2026, 5, 6, 7, 8, 9, tzinfo=UTC)
    buffer = io.BytesIO()
    build_document(app, default_pack(), now=now).save(buffer)
    doc = docx.Document(io.BytesIO(buffer.getvalue()))
    props = doc.core_properties
    assert props.title == app.content.title
    assert props.author == app.lead.name == props.last_modified_by
    assert props.created == props.modified == now
    assert props.revision == 1
    names = zipfile.ZipFile(io.BytesIO(buffer.getvalue())).namelist()
    assert not [n for n in names if "thumbnail" in n]
    rels = zipfile.ZipFile(io.BytesIO(buffer.getvalue())).read("_rels/.rels").decode()
    assert "thumbnail" not in rels


def test_created_defaults_to_now(small_doc) -> None:
    created = small_doc.core_properties.created
    assert abs((datetime.now(UTC) - created).total_seconds()) < 3600


def test_a_new_draft_is_owner_only_like_the_application_file(tmp_path: Path, capsys) -> None:
    out = tmp_path / "draft.docx"
    assert main(["export", "sample:sme_fs_vietnam", "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
