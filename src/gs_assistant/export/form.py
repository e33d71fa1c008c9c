"""Filling the secretariat's own Word form (様式) in which tags have been placed.

    from gs_assistant.export.form import fill_form
    data = fill_form(app, pack, "様式.docx")          # the filled form's bytes

A consultant types Jinja2 tags into the form where the answers go: ``{{ content.title }}``
in a paragraph or cell, ``{%tr for m in members %}`` … ``{%tr endfor %}`` around a table
row to repeat it, ``{% if %}`` (see ``doc_templates/forms/README.md``). docxtpl renders
them with the data the templates see (``context.py``), in the same sandbox
(``templates.sandbox``): what is printed is data (XML-escaped), an empty value is
【要記入】, a misspelt name is an error naming the tag and where it is.
"""

from __future__ import annotations

import html
import io
import re
import traceback
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2.exceptions import SecurityError

from gs_assistant.export.context import build_context, pack_labels
from gs_assistant.export.errors import ExportError
from gs_assistant.export.templates import open_templates, read_docx_package, sandbox, start_run
from gs_assistant.export.values import PLACEHOLDER, Value, Vault
from gs_assistant.model.application import Application
from gs_assistant.paths import templates_dir
from gs_assistant.rules import Report, RulePack, check
from gs_assistant.text import Text

EXAMPLE_FORM = "forms/example_form.docx"
_TAG = re.compile(r"\{[{%].*?[}%]\}", re.DOTALL)
_UNDEFINED = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")
_PARTS = {"document": ("本文", "body"), "header": ("ヘッダー", "header"),
          "footer": ("フッター", "footer"), "footnotes": ("脚注", "footnotes")}


def example_form() -> Path:
    """The bundled example form: the tool's own outline, tagged."""
    return templates_dir() / EXAMPLE_FORM


class _Form(DocxTemplate):
    """docxtpl's template, remembering which part (and its source) it is rendering, so
    that an error can say where its tag is."""

    part_name = "word/document.xml"
    source = ""

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        # docxtpl starts each paragraph on a line of the Jinja source: line N is the
        # (N-1)th paragraph of the part
        self.source = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml)
        self.part_name = str(part.partname).lstrip("/")
        return super().render_xml_part(src_xml, part, context, jinja_env)

    def render_properties(self, context, jinja_env=None):
        self.source, self.part_name = "", "docProps/core.xml"
        return super().render_properties(context, jinja_env)


def _finalizer(vault: Vault) -> Any:
    def finalize(value: Any) -> Any:
        """What a tag prints, as plain text (escaped afterwards by autoescape)."""
        if isinstance(value, Value):
            return value.text or PLACEHOLDER
        if isinstance(value, str):  # may hold data tokens: ``{{ a ~ "・" ~ b }}``
            return "".join(piece for piece, _ in vault.pieces(value))
        if value is None:
            return PLACEHOLDER
        return value

    return finalize


def form_context(app: Application, pack: RulePack, vault: Vault, *,
                 report: Report | None = None, today: date | None = None) -> dict[str, Any]:
    """The data a form's tags see: the same as the templates' (bundled labels)."""
    labels = {**pack_labels(pack), **open_templates().labels}
    report = report if report is not None else check(app, pack)
    return build_context(app, pack, report, vault, labels, today or date.today())


def fill_form(app: Application, pack: RulePack, form: Path | str, *,
              report: Report | None = None, today: date | None = None) -> bytes:
    """The form filled with the application's data, as the bytes of a .docx."""
    form = Path(form)
    data = read_docx_package(form)
    vault = Vault()
    context = form_context(app, pack, vault, report=report, today=today)
    try:
        template = _Form(io.BytesIO(data))
        template.init_docx()
    except Exception as exc:  # python-docx raises several kinds for a damaged package
        raise ExportError(Text(f"{form}: Word文書として読めません: {exc}",
                               f"{form}: not readable as a Word document: {exc}")) from None
    env = sandbox(_finalizer(vault))
    start_run()
    try:
        template.render(context, jinja_env=env)
    except (jinja2.TemplateError, SecurityError) as exc:
        raise _tag_error(form, template, exc) from None
    except MemoryError:
        raise ExportError(Text(f"{form}: メモリが足りません（タグが大きな値を作っています）",
                               f"{form}: out of memory (a tag makes a huge value)")) from None
    except Exception as exc:  # a filter or test misused in a tag
        if _template_line(exc) is None:
            raise
        raise _tag_error(form, template, exc) from None
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def export_form(app: Application, pack: RulePack, form: Path | str, out_path: Path | str,
                **options: Any) -> Path:
    """Write the filled form to ``out_path`` atomically, as the draft is written."""
    from gs_assistant.export.docx import check_docx_target
    from gs_assistant.export.output import write_bytes_atomic

    out_path = Path(out_path)
    check_docx_target(out_path)
    write_bytes_atomic(out_path, fill_form(app, pack, form, **options))
    return out_path


# ---------------------------------------------------------------- errors


def _template_line(exc: BaseException) -> int | None:
    """The line of the form's Jinja source the error happened on."""
    line = getattr(exc, "lineno", None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == "<template>":
            line = frame.lineno
    return line


def _tag_error(form: Path, template: _Form, exc: BaseException) -> ExportError:
    line = _template_line(exc)
    tag = _tag_on(template.source, line, exc)
    where_ja, where_en = _where(template.part_name, _paragraph_number(template, tag, line))
    message = getattr(exc, "message", None) or str(exc)
    if isinstance(exc, jinja2.UndefinedError):
        kind = ("未定義の名前です", "unknown name")
    elif isinstance(exc, SecurityError):
        kind = ("使えない操作です（サンドボックスの制限）", "refused by the sandbox")
    elif isinstance(exc, jinja2.TemplateSyntaxError):
        kind = ("タグの構文エラー", "tag syntax error")
    else:
        kind = ("タグの実行エラー", "error while filling a tag")
    shown = f" {tag}" if tag else ""
    return ExportError(Text(f"{form}: {where_ja}: {kind[0]}:{shown}（{message}）",
                            f"{form}: {where_en}: {kind[1]}:{shown} ({message})"))


def _paragraph_number(template: _Form, tag: str, line: int | None) -> int | None:
    """The paragraph the tag is in, counted from 1 over the part's paragraphs as the form
    has them (table cells included); docxtpl's own source line when it is not found."""
    if template.part_name == "word/document.xml" and tag:
        wanted = re.sub(r"\s+", "", tag)
        body = template.docx.element.body
        for number, p in enumerate(body.iter(qn("w:p")), start=1):
            text = "".join(t.text or "" for t in p.iter(qn("w:t")))
            if wanted in re.sub(r"\s+", "", text):
                return number
    return line - 1 if line is not None and line >= 2 else None


def _where(part: str, paragraph: int | None) -> tuple[str, str]:
    stem = Path(part).stem.rstrip("0123456789")
    ja, en = _PARTS.get(stem, (part, part))
    if paragraph is None:
        return ja, en
    return f"{ja}の{paragraph}番目の段落（表の中も数えて）", f"{en}, paragraph {paragraph}"


def _tag_on(source: str, line: int | None, exc: BaseException) -> str:
    """The tag on the error's line that names what went wrong (the first tag there when
    none does), as the form shows it."""
    if not source or line is None:
        return ""
    lines = source.splitlines()
    if not 0 < line <= len(lines):
        return ""
    text = html.unescape(re.sub(r"<[^>]+>", "", lines[line - 1]))
    tags = _TAG.findall(text)
    if not tags:
        return ""
    message = str(getattr(exc, "message", None) or exc)
    names = [n for pair in _UNDEFINED.findall(message) for n in pair if n]
    names += re.findall(r"attribute '([^']+)'", message)
    for name in names:
        for tag in tags:
            if re.search(rf"\b{re.escape(name)}\b", tag):
                return tag
    return tags[0]


# ---------------------------------------------------------------- the tag vocabulary


def field_names(context: dict[str, Any]) -> list[tuple[str, str]]:
    """Every name a tag may use, with its kind: ``text`` (printed), ``flag`` (for
    ``{% if %}``), ``list`` (for ``{%tr for … %}``; its items' names follow with ``[]``)."""
    out: list[tuple[str, str]] = []

    def walk(value: Any, name: str) -> None:
        if isinstance(value, list):
            out.append((name, "list"))
            if value:
                walk(value[0], f"{name}[]")
        elif isinstance(value, Mapping):  # answers, field_names: keyed by field path
            for key, child in value.items():
                walk(child, f"{name}.{key}" if key.isidentifier() else f'{name}["{key}"]')
        elif hasattr(value, "__dict__") and not isinstance(value, Value):
            for key, child in vars(value).items():
                walk(child, f"{name}.{key}")
        elif isinstance(value, Value | str | int):
            out.append((name, "flag" if isinstance(value, bool) else "text"))
        else:
            out.append((name, "flag"))

    for key, value in context.items():
        walk(value, key)
    return out
