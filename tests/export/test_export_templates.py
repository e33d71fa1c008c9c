"""Consultant templates: a broken one fails loudly with its name and line; an edited one
changes the draft."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from export_helpers import find_table

from gs_assistant.cli import main
from gs_assistant.export.docx import build_document
from gs_assistant.export.errors import ExportError
from gs_assistant.model import Application
from gs_assistant.paths import templates_dir
from gs_assistant.rules import default_pack


def _insert(path: Path, line: int, text: str) -> None:
    """Put ``text`` on line ``line`` (1-based) of a template."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(line - 1, text + "\n")
    path.write_text("".join(lines), encoding="utf-8")


def _export_error(folder: Path) -> str:
    with pytest.raises(ExportError) as info:
        build_document(Application(), default_pack(), folder)
    message = str(info.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize(("text", "expected"), [
    ("{% if %}", "構文エラー"),
    ("{{ 1 + }}", "構文エラー"),
    ("{% for x in y %}", "構文エラー"),  # never closed
])
def test_syntax_error_names_template_and_line(template_copy: Path, text: str,
                                              expected: str) -> None:
    _insert(template_copy / "parts" / "05_costs.md.j2", 4, text)
    message = _export_error(template_copy)
    assert expected in message
    assert re.search(r"parts/05_costs\.md\.j2:\d+", message)
    if "for" not in text:  # an unclosed block is reported where the file ends
        assert "parts/05_costs.md.j2:4:" in message


@pytest.mark.parametrize("text", ["{{ content.sumary }}", "{{ no_such_name }}",
                                  "{% if costs.totl %}x{% endif %}"])
def test_undefined_value_names_template_and_line(template_copy: Path, text: str) -> None:
    _insert(template_copy / "parts" / "01_summary.md.j2", 7, text)
    message = _export_error(template_copy)
    assert "parts/01_summary.md.j2:7:" in message
    assert "未定義" in message


def test_missing_include_and_unsafe_code_are_reported(template_copy: Path) -> None:
    _insert(template_copy / "proposal.md.j2", 3, '{% include "parts/nothing.md.j2" %}')
    assert "proposal.md.j2:3:" in _export_error(template_copy)
    (template_copy / "proposal.md.j2").write_text("{{ ''.__class__.__mro__ }}\n",
                                                  encoding="utf-8")
    assert "proposal.md.j2:1:" in _export_error(template_copy)


def test_broken_template_via_cli_is_exit_2_with_name_and_line(
        template_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _insert(template_copy / "parts" / "06_schedule.md.j2", 3, "{{ period.strat }}")
    out = tmp_path / "draft.docx"
    code = main(["export", "sample:sme_fs_vietnam", "-o", str(out), "--template",
                 str(template_copy)])
    err = capsys.readouterr().err
    assert code == 2
    assert "parts/06_schedule.md.j2:3:" in err and "strat" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [template_copy]  # no temporary file left behind


def test_missing_files_and_bad_labels_are_named(template_copy: Path) -> None:
    (template_copy / "labels.yaml").write_text("positions: [\n", encoding="utf-8")
    assert "labels.yaml" in _export_error(template_copy)
    good_labels = (templates_dir() / "labels.yaml").read_text(encoding="utf-8")
    (template_copy / "labels.yaml").write_text("- a list\n", encoding="utf-8")
    assert "labels.yaml" in _export_error(template_copy)
    (template_copy / "labels.yaml").write_text(good_labels, encoding="utf-8")
    (template_copy / "reference.docx").write_bytes(b"not a zip")
    assert "reference.docx" in _export_error(template_copy)
    (template_copy / "reference.docx").unlink()
    assert "reference.docx" in _export_error(template_copy)


def test_unknown_style_in_a_template_is_reported(template_copy: Path) -> None:
    _insert(template_copy / "proposal.md.j2", 2, "::: 存在しないスタイル\nテキスト\n:::\n")
    assert "存在しないスタイル" in _export_error(template_copy)


def test_an_edited_copy_changes_the_draft(template_copy: Path) -> None:
    (template_copy / "header.md.j2").write_text("〇〇商工会議所 確認用 {{ pack.version }}\n",
                                                encoding="utf-8")
    labels = template_copy / "labels.yaml"
    labels.write_text(labels.read_text(encoding="utf-8").replace(
        "lead: 幹事法人（申請者）", "lead: 代表申請者"), encoding="utf-8")
    _insert(template_copy / "parts" / "01_summary.md.j2", 2,
            "\n支援機関のメモ：**{{ applicant.name }}**\n")
    app = Application.model_validate({"lead": {"name": "株式会社テスト"}})
    doc = build_document(app, default_pack(), template_copy)
    pack = default_pack()
    assert doc.sections[0].header.paragraphs[0].text == f"〇〇商工会議所 確認用 {pack.version}"
    positions = [row.cells[0].text for row in find_table(doc, "区分", "名称", "業種").rows]
    assert positions == ["区分", "代表申請者"]
    memo = next(p for p in doc.paragraphs if p.text.startswith("支援機関のメモ"))
    assert memo.text == "支援機関のメモ：株式会社テスト"
    assert [r.bold for r in memo.runs] == [None, True]


def test_a_template_print_is_data_but_its_own_text_is_markup(template_copy: Path) -> None:
    """``{{ "# x" }}`` prints text; a macro's output and the template's own text are markup."""
    (template_copy / "proposal.md.j2").write_text(
        '{% macro h(t) %}## {{ t }}{% endmacro %}\n'
        '{{ "# 見出しではない" }}\n\n{{ h("マクロの見出し") }}\n\n'
        '{{ "前" ~ content.title ~ "後" }}\n', encoding="utf-8")
    app = Application.model_validate({"content": {"title": "**題**"}})
    doc = build_document(app, default_pack(), template_copy)
    texts = [(p.style.name, p.text) for p in doc.paragraphs]
    assert texts == [("Normal", "# 見出しではない"), ("Heading 2", "マクロの見出し"),
                     ("Normal", "前**題**後")]


def test_rule_wording_comes_from_the_pack_and_labels_yaml_may_override_it(
        template_copy: Path, large_app) -> None:
    """The MOU statuses and the types' conditions are cited rule content in the pack;
    a consultant's labels.yaml can still reword a group."""
    from export_helpers import all_text

    pack = default_pack()
    planned = pack.params.mou.statuses.value["planned"].ja
    condition = pack.params.benefit_types["type3"].conditions["c"].value.ja
    text = all_text(build_document(large_app, pack, templates_dir()))
    assert planned in text and condition in text

    labels = template_copy / "labels.yaml"
    labels.write_text(labels.read_text(encoding="utf-8")
                      + "\nmou_status:\n  planned: 署名待ち（12か月以内）\n", encoding="utf-8")
    text = all_text(build_document(large_app, pack, template_copy))
    assert "署名待ち（12か月以内）" in text and planned not in text
    assert condition in text  # groups not overridden still come from the pack
