"""Filling a tagged Word form (``export FILE --form FORM.docx``): the bundled example form
with both samples, read back from the .docx; bad forms and tags are exit 2 naming the
tag and where it is; the sandbox and the escaping are the templates'."""

from __future__ import annotations

import io
import re
import shutil
import stat
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from export_helpers import TODAY, find_table

from gs_assistant.cli import main
from gs_assistant.export.errors import ExportError
from gs_assistant.export.form import example_form, fill_form
from gs_assistant.model import Application, load_application
from gs_assistant.parsing import format_yen
from gs_assistant.paths import samples_dir
from gs_assistant.rules import default_pack

SAMPLES = ("large_demo_india", "sme_fs_vietnam")


def _app(name: str) -> Application:
    return load_application(samples_dir() / f"{name}.yaml")


def _filled(app: Application):
    return docx.Document(io.BytesIO(fill_form(app, default_pack(), example_form(),
                                              today=TODAY)))


def _text(doc) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                     for p in doc.element.body.iter(qn("w:p")))


@pytest.mark.parametrize("name", SAMPLES)
def test_the_example_form_filled_with_a_sample_reads_back(name: str, tmp_path: Path,
                                                          capsys) -> None:
    out = tmp_path / "filled.docx"
    assert main(["export", f"sample:{name}", "--form", str(example_form()), "-o",
                 str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    app = _app(name)
    doc = docx.Document(str(out))
    assert doc.paragraphs[0].text == app.content.title
    assert f"申請者：{app.lead.name}" in doc.paragraphs[1].text
    members = find_table(doc, "区分", "名称", "業種")
    names = [row.cells[1].text for row in members.rows[1:]]
    assert names == [m.name for m in app.members()]  # one row per member, no tag rows left
    indicators = find_table(doc, "類型", "指標")
    assert [r.cells[1].text for r in indicators.rows[1:]] == [i.name for i in app.indicators]
    milestones = find_table(doc, "時期", "内容")
    assert [r.cells[1].text for r in milestones.rows[1:]] == [
        m.title for m in app.content.milestones]
    risks = find_table(doc, "リスク", "影響", "対応策")
    assert [[c.text for c in r.cells] for r in risks.rows[1:]] == [
        [r.risk, r.impact, r.mitigation] for r in app.risks]
    profiles = find_table(doc, "名称", "所在地")
    assert [r.cells[1].text for r in profiles.rows[1:]] == [
        m.profile.address for m in app.members()]
    partner = find_table(doc, "観点", "指標")
    assert [r.cells[1].text for r in partner.rows[1:]] == [
        i.name for i in app.partner_benefit.indicators]
    text = _text(doc)
    assert format_yen(app.funding.own_funds_yen) in text
    assert format_yen(app.costs.total_yen) in text
    assert app.content.summary.strip() in text
    assert "{{" not in text and "{%" not in text and "【要記入】" not in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["filled.docx"]


def test_empty_answers_are_the_placeholder_and_data_is_literal() -> None:
    app = _app("sme_fs_vietnam")
    app.content.title = ""
    app.content.summary = "<b>太字</b> & {{ 7*7 }} {% if x %}\n二行目"
    doc = _filled(app)
    assert doc.paragraphs[0].text == "【要記入】"
    summary = next(p for p in doc.paragraphs if p.text.startswith("<b>"))
    assert summary.text == "<b>太字</b> & {{ 7*7 }} {% if x %}\n二行目"  # \n is a w:br
    assert summary._p.find(f".//{qn('w:br')}") is not None


def _form_with(tmp_path: Path, text: str, *, where: str = "body") -> Path:
    doc = docx.Document(str(example_form()))
    if where == "cell":
        table = doc.add_table(rows=1, cols=2)
        table.cell(0, 1).text = text
    else:
        doc.add_paragraph(f"ここに {text} があります")
    path = tmp_path / "form.docx"
    doc.save(str(path))
    return path


def _export_err(tmp_path: Path, form: Path, capsys) -> str:
    out = tmp_path / "out.docx"
    code = main(["export", "sample:sme_fs_vietnam", "--form", str(form), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not out.exists()
    return err


def test_an_unknown_tag_is_exit_2_naming_the_tag_and_its_paragraph(tmp_path, capsys) -> None:
    form = _form_with(tmp_path, "{{ content.titel }}")
    paragraphs = list(docx.Document(str(form)).element.body.iter(qn("w:p")))
    err = _export_err(tmp_path, form, capsys)
    assert str(form) in err and "{{ content.titel }}" in err and "未定義" in err
    assert f"本文の{len(paragraphs)}番目の段落" in err
    err = _export_err(tmp_path, _form_with(tmp_path, "{{ nosuch }}", where="cell"), capsys)
    assert "{{ nosuch }}" in err


def test_the_sandbox_refuses_what_the_templates_refuse(tmp_path, capsys) -> None:
    err = _export_err(tmp_path, _form_with(tmp_path, "{{ ''.__class__.__mro__ }}"), capsys)
    assert "サンドボックス" in err and "__class__" in err
    err = _export_err(tmp_path, _form_with(
        tmp_path, "{{ cycler.__init__.__globals__.os.system('id') }}"), capsys)
    assert "サンドボックス" in err or "未定義" in err
    err = _export_err(tmp_path, _form_with(tmp_path, "{{ 'x' * 100000000 }}"), capsys)
    assert "大きすぎ" in err
    err = _export_err(tmp_path, _form_with(
        tmp_path, "{% for i in range(2000000) %}{% endfor %}"), capsys)
    assert "繰り返し" in err


def test_a_syntax_error_names_the_tag(tmp_path, capsys) -> None:
    err = _export_err(tmp_path, _form_with(tmp_path, "{% if content.title %}"), capsys)
    assert "構文" in err and "{% if content.title %}" in err


def test_english_messages(tmp_path, capsys) -> None:
    form = _form_with(tmp_path, "{{ content.titel }}")
    assert main(["--lang", "en", "export", "sample:sme_fs_vietnam", "--form", str(form), "-o",
                 str(tmp_path / "o.docx")]) == 2
    err = capsys.readouterr().err
    assert "unknown name" in err and "paragraph" in err and "{{ content.titel }}" in err


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_a_form_that_is_not_a_word_document(tmp_path, capsys, content: bytes) -> None:
    form = tmp_path / "form.docx"
    form.write_bytes(content)
    err = _export_err(tmp_path, form, capsys)
    assert str(form) in err


def test_missing_form_and_bad_combinations(tmp_path, capsys) -> None:
    err = _export_err(tmp_path, tmp_path / "nothing.docx", capsys)
    assert "nothing.docx" in err
    code = main(["export", "sample:sme_fs_vietnam", "--form", str(example_form()),
                 "--template", str(tmp_path), "-o", str(tmp_path / "o.docx")])
    assert code == 2 and "--template" in capsys.readouterr().err
    assert main(["export", "--form", str(example_form())]) == 2
    assert "-o" in capsys.readouterr().err


def test_an_existing_output_needs_force_and_is_never_an_application_file(
        tmp_path, capsys) -> None:
    out = tmp_path / "x.docx"
    shutil.copy(samples_dir() / "sme_fs_vietnam.yaml", out)
    args = ["export", "sample:sme_fs_vietnam", "--form", str(example_form()), "-o", str(out)]
    assert main(args) == 2
    assert main([*args, "--force"]) == 2  # not a Word document: never overwritten
    assert "Word" in capsys.readouterr().err
    assert out.read_bytes() == (samples_dir() / "sme_fs_vietnam.yaml").read_bytes()


def test_list_fields_covers_every_tag_of_the_example_form(capsys) -> None:
    assert main(["export", "--list-fields"]) == 0
    out = capsys.readouterr().out
    listed = {line.split("\t")[0] for line in out.splitlines() if "\t" in line}
    assert {"content.title", "members", "members[].name", "costs.capped",
            "checklist.topics[].items[].status"} <= listed
    kinds = dict(line.split("\t") for line in out.splitlines() if "\t" in line)
    assert kinds["costs.capped"] == "flag" and kinds["members"] == "list"
    assert str(example_form()) in out
    # every name the example form prints is listed, a loop variable's as its list's items
    # (the form's loops come one after another, so each variable means the latest list)
    text = _text(docx.Document(str(example_form())))
    loops: dict[str, str] = {}
    checked = 0
    tags = r"\{%tr for (\w+ in [\w.]+) %\}|\{\{\s*([\w.]+)\s*\}\}"
    for loop, expr in re.findall(tags, text):
        if loop:
            var, _, name = loop.partition(" in ")
            loops[var] = f"{name}[]"
            continue
        head, dot, rest = expr.partition(".")
        name = f"{loops[head]}{dot}{rest}" if head in loops else expr
        assert name in listed, name
        checked += 1
    assert checked > 25 and loops


def test_fill_form_raises_export_error_for_python_callers(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="titel"):
        fill_form(_app("sme_fs_vietnam"), default_pack(),
                  _form_with(tmp_path, "{{ content.titel }}"))
