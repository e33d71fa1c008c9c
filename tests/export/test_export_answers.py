"""``answers`` and ``field_names`` in the templates: every catalogue answer by its path,
written as people read it, a list of rows as a list of mappings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from gs_assistant.export.answers import Answers, answer_paths
from gs_assistant.export.docx import build_document
from gs_assistant.export.values import Vault
from gs_assistant.model import Application
from gs_assistant.model.application import CoApplicant, ExpenseRow, Track
from gs_assistant.model.catalogue import catalogue
from gs_assistant.rules import default_pack


def _paragraphs(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def test_a_template_prints_answers_by_path_and_rows_by_name(template_copy: Path) -> None:
    app = Application(track=Track.small, country="VNM")
    app.costs.plan_date = date(2026, 5, 1)
    app.costs.total_yen = 80_000_000
    app.co_applicants = [CoApplicant(name="北斗精機"), CoApplicant(name="南星工業")]
    app.costs.expenses = [ExpenseRow(member="co2", category="personnel", amount=1000)]
    (template_copy / "proposal.md.j2").write_text(
        '{{ field_names["costs.plan_date"] }}：{{ answers["costs.plan_date"] }}\n\n'
        '{{ field_names["costs.total_yen"] }}：{{ answers["costs.total_yen"] }}\n\n'
        '{{ answers["track"] }}／{{ answers["country"] }}\n\n'
        '{% for row in answers["co_applicants"] %}共同申請者：{{ row.name }}\n\n{% endfor %}'
        '{% for row in answers["costs.expenses"] %}'
        '計上者：{{ row.member }}／費目：{{ row.category }}\n\n{% endfor %}'
        '事業名称：{{ answers["content.title"] }}\n', encoding="utf-8")
    doc = build_document(app, default_pack(), template_copy, today=date(2026, 4, 1))
    text = _paragraphs(doc)
    assert "経費明細の作成日（換算日の基準）：2026-05-01（令和8年5月1日）" in text
    assert "総事業費：80,000,000円（8,000万円）" in text
    assert any(p.startswith("小規模実証") and p.endswith("ベトナム（VNM）") for p in text), text
    assert "共同申請者：北斗精機" in text and "共同申請者：南星工業" in text
    assert "計上者：南星工業／費目：人件費" in text
    assert "事業名称：【要記入】" in text  # unanswered: the placeholder, as everywhere


def test_answers_hold_every_answer_of_the_catalogue_once() -> None:
    cat = catalogue()
    answers = Answers(Application(), default_pack(), Vault().value)
    paths = list(answers)
    assert len(paths) == len(set(paths))
    assert "costs.plan_date" in paths and "co_applicants" in paths
    assert "co_applicants.name" not in paths  # inside the rows
    assert "lead" not in paths and "co_applicants.sme" not in paths  # a group, a computed
    inside = {p for rows in cat.row_lists for p in answer_paths(cat, rows)}
    leaves = {p for p, s in cat.fields.items() if s.kind not in ("group", "computed")}
    assert set(paths) | inside == leaves
    assert answers["co_applicants"] == []
    assert not answers["period.start"]  # empty: false in {% if %}
