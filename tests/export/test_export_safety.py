"""User text is data: never a template, never Markdown, always cleaned for Word."""

from __future__ import annotations

import io

import docx
import pytest
from export_helpers import all_text, find_table, headings, key_values, section_paragraphs
from hypothesis import given, settings
from hypothesis import strategies as st

from gs_assistant.export.docx import build_document
from gs_assistant.export.values import PLACEHOLDER, Vault, clean_text
from gs_assistant.export.writer import Writer
from gs_assistant.model import Application, Indicator, Milestone
from gs_assistant.model.application import Content
from gs_assistant.rules import default_pack

HOSTILE = [
    "# 見出し",
    "| a | b |\n|---|---|\n| c | d |",
    "**太字** と *斜体* と `コード`",
    "{{ 7*7 }} と {% for x in y %}{% endfor %} と {# コメント #}",
    "- 箇条書き\n1. 番号\n> 引用\n---\n::: Title\n:::",
    "<b>タグ</b> &amp; &lt;",
    "絵文字 😀👍🏽 と 右から左 مرحبا بالعالم עברית",
    "\\# バックスラッシュ \\* \\|",
    "[リンク](http://example.com) ![画像](x.png)",
]


def _hostile_app(text: str) -> Application:
    return Application.model_validate({
        "lead": {"name": text, "role": text},
        "content": {"title": text, "summary": text, "partner_issue": text,
                    "milestones": [{"date": "2026-07-01", "title": text}]},
        "indicators": [{"benefit_type": "type2", "name": text, "unit": "人"}],
    })


@pytest.fixture(scope="module")
def benign_doc():
    return build_document(_hostile_app("ふつうの文章"), default_pack())


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_comes_out_literally(text: str, benign_doc) -> None:
    doc = build_document(_hostile_app(text), default_pack())
    title = [p.text for p in doc.paragraphs if p.style.name == "Title"]
    # the cover title may be broken into lines between phrases: the text is the same
    assert [t.replace("\n", "") for t in title] == [text.replace("\n", "")]
    assert section_paragraphs(doc, "事業の概要") == [text]
    assert section_paragraphs(doc, "相手国の課題") == [text]
    assert key_values(doc, "申請者（幹事法人）")["申請者（幹事法人）"] == text
    assert find_table(doc, "時期", "内容").rows[1].cells[1].text == text
    assert find_table(doc, "類型", "指標").rows[1].cells[1].text == text
    # no structure was added: same headings, tables and styles as with plain text
    assert headings(doc) == headings(benign_doc)
    assert len(doc.tables) == len(benign_doc.tables)
    assert [p.style.name for p in doc.paragraphs] == [p.style.name for p in benign_doc.paragraphs]
    assert not any(r.bold or r.italic for p in doc.paragraphs if p.text == text for r in p.runs)


def test_template_syntax_in_user_text_is_not_evaluated() -> None:
    doc = build_document(_hostile_app("{{ 7*7 }}"), default_pack())
    text = all_text(doc)
    assert "{{ 7*7 }}" in text
    assert "49" not in text


def test_newlines_are_normalised_and_become_line_breaks() -> None:
    app = Application.model_validate({"content": {"summary": "一行目\r\n二行目\r三行目\n\n四行目"}})
    doc = build_document(app, default_pack())
    paragraph = next(p for p in doc.paragraphs if p.text.startswith("一行目"))
    assert paragraph.text == "一行目\n二行目\n三行目\n\n四行目"
    assert len(paragraph._p.xpath(".//w:br")) == 4
    assert not paragraph._p.xpath(".//w:t[contains(., '\r')]")


def test_characters_word_cannot_hold_are_removed_from_the_document() -> None:
    """The model refuses control characters; the export cleans them anyway (data from an
    older file or another caller must never make python-docx fail)."""
    app = Application()
    app.content = Content.model_construct(
        title="A\x00B\x07C\x1bD\ufffeE\ud800F\x85G\u2028H\ufdd0I",
        summary="", milestones=[Milestone.model_construct(date=None, title="\x0b")],
    )
    app.indicators = [Indicator.model_construct(name="x\x01y", unit="", benefit_type=None,
                                                baseline=None, target=None, target_year=None)]
    doc = build_document(app, default_pack())
    assert [p.text for p in doc.paragraphs if p.style.name == "Title"] == ["ABCDEF\nG\nHI"]
    assert find_table(doc, "時期", "内容").rows[1].cells[1].text == PLACEHOLDER
    assert find_table(doc, "類型", "指標").rows[1].cells[1].text == "xy"


@pytest.mark.parametrize(("raw", "clean"), [
    ("  前後の空白  ", "前後の空白"),
    ("a\r\nb\rc", "a\nb\nc"),
    ("tab\tkept", "tab\tkept"),
    ("\x00\x08\x0e\x1f\x7f\x9f", ""),
    ("😀 emoji", "😀 emoji"),
    ("\ufdd0123\ufdd1", "123"),  # a forged token is only digits afterwards
])
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


# ---------------------------------------------------------------- any text at all


_DOC = docx.Document()


def _write(text: str):
    doc = _DOC  # one document, emptied for each example: opening one takes 30 ms
    body = doc.element.body
    for child in list(body)[:-1]:  # keep the section properties
        body.remove(child)
    vault = Vault()
    token = vault.protect(vault.value(text))
    Writer(doc, vault, 5_000_000).write(f"# 見出し\n\n{token}\n\n| 列 |\n|---|\n| {token} |\n")
    return doc


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_any_text_round_trips_as_data(text: str) -> None:
    doc = _write(text)
    expected = clean_text(text) or PLACEHOLDER
    assert [p.text for p in doc.paragraphs] == ["見出し", expected]
    assert len(doc.tables) == 1
    assert doc.tables[0].rows[1].cells[0].text == expected
    doc.save(io.BytesIO())  # python-docx accepts every character left
