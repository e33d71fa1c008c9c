"""An unanswered part is a visible 【要記入】 in the Placeholder style, never dropped."""

from __future__ import annotations

import pytest
from export_helpers import find_table, headings, key_values, section_paragraphs, table_rows

from gs_assistant.export.docx import build_document
from gs_assistant.export.values import PLACEHOLDER
from gs_assistant.model import Application, Track
from gs_assistant.rules import default_pack

TODO = PLACEHOLDER


@pytest.fixture(scope="module")
def empty_doc():
    return build_document(Application(), default_pack())


@pytest.fixture(scope="module")
def empty_large_doc():
    return build_document(Application(track=Track.large_asean), default_pack())


def test_placeholder_text_is_the_agreed_mark() -> None:
    assert TODO == "【要記入】"


def test_title_and_free_text_sections(empty_doc) -> None:
    assert [p.text for p in empty_doc.paragraphs if p.style.name == "Title"] == [TODO]
    for heading in ("事業名称", "事業の概要", "相手国の課題", "実施内容", "事業終了後の事業化計画"):
        assert section_paragraphs(empty_doc, heading) == [TODO], heading
    assert "該当する類型：" + TODO in section_paragraphs(empty_doc, "4. 日本裨益")


def test_tables_keep_their_rows_with_placeholders(empty_doc) -> None:
    title = key_values(empty_doc, "申請者（幹事法人）")
    assert {title[k] for k in ("事業名称", "申請者（幹事法人）", "事業区分", "実施国")} == {TODO}
    costs = key_values(empty_doc, "総事業費")
    assert [costs[k] for k in ("総事業費", "補助対象経費", "補助率", "補助額", "補助上限額")] \
        == [TODO] * 5
    assert table_rows(find_table(empty_doc, "類型", "指標"))[1] == [TODO] * 6
    assert table_rows(find_table(empty_doc, "時期", "内容"))[1] == [TODO] * 2
    period = key_values(empty_doc, "事業終了日")
    assert period["事業開始日（交付決定予定日）"] == period["事業終了日"] == TODO


def test_placeholders_use_the_placeholder_style(empty_doc) -> None:
    runs = [r for p in empty_doc.paragraphs for r in p.runs if r.text == TODO]
    runs += [r for t in empty_doc.tables for row in t.rows for c in row.cells
             for p in c.paragraphs for r in p.runs if r.text == TODO]
    assert len(runs) > 40
    assert {r.style.name for r in runs} == {"Placeholder"}
    style = empty_doc.styles["Placeholder"]
    assert style.font.bold and style.font.highlight_color is not None


def test_large_track_section_is_not_dropped_when_empty(empty_large_doc) -> None:
    assert "7. 大型実証の追加要件" in headings(empty_large_doc, 1)
    affiliates = table_rows(find_table(empty_large_doc, "名称", "国", "種別", "出資比率"))
    assert affiliates[1] == [TODO] * 5
    assert section_paragraphs(empty_large_doc, "同じ分野・目的の他の海外プロジェクト")[-1] \
        == "他の海外プロジェクトの有無：" + TODO
    mou = key_values(empty_large_doc, "提出の要否")
    assert set(mou.values()) == {TODO}
    press = key_values(empty_large_doc, "政府支援の必要性")
    assert set(press.values()) == {TODO}


def test_checklist_shows_missing_items(empty_doc) -> None:
    rows = [r for t in empty_doc.tables for r in table_rows(t) if r[0] == "未入力"]
    assert len(rows) > 10
