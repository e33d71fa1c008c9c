"""The Word draft of an application: templates → Markdown-like text → python-docx.

    from gs_assistant.export.docx import export_docx
    export_docx(app, pack, "draft.docx")                     # bundled doc_templates/
    export_docx(app, pack, "draft.docx", template_dir="my_templates")

The reference document of the template folder gives the styles, page setup, header and
footer (as pandoc's reference documents do); its body is replaced by the rendered
content. Documents are always Japanese, whatever the interface language.
"""

from __future__ import annotations

import io
import os
from datetime import UTC, date, datetime
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from gs_assistant.export import styles
from gs_assistant.export.context import build_context, pack_labels
from gs_assistant.export.errors import ExportError
from gs_assistant.export.output import write_bytes_atomic
from gs_assistant.export.templates import TemplateSet, open_templates
from gs_assistant.export.values import Vault
from gs_assistant.export.writer import Writer
from gs_assistant.model.application import Application
from gs_assistant.rules import Report, RulePack, check
from gs_assistant.rules.package_check import PackageReport
from gs_assistant.text import Text

PROPOSAL = "proposal.md.j2"
CHECKLIST = "checklist.md.j2"
HEADER = "header.md.j2"


def build_document(
    app: Application,
    pack: RulePack,
    template_dir: Path | str | None = None,
    *,
    template: str = PROPOSAL,
    report: Report | None = None,
    package: PackageReport | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> Document:
    """The draft as a python-docx Document (``template="checklist.md.j2"`` for the
    checklist alone, e.g. in an audit report). ``now`` is the export's time, written
    as the document's created and modified dates (default: the current time).
    ``package`` is the submission package for the appendix (default: checked here with
    the call's dates found as ``rules/call.py`` says, the documents' paths not looked at)."""
    templates = open_templates(template_dir)
    report = report if report is not None else check(app, pack)
    if package is None and template != CHECKLIST:  # the checklist alone shows no package
        package = _package(app, pack, report)
    vault = Vault()
    labels = {**pack_labels(pack), **templates.labels}
    context = build_context(app, pack, report, vault, labels, today or date.today(),
                            package)
    body = templates.render(template, context, vault)
    header = templates.render(HEADER, context, vault)

    doc = _open_reference(templates)
    section = doc.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    writer = Writer(doc, vault, width)
    writer.write(body)
    _end_with_paragraph(writer, doc)
    _write_header(writer, section, header)
    _ensure_page_numbers(writer, section)
    styles.fix_used_styles(doc)
    _set_properties(doc, context, now or datetime.now(UTC))
    _drop_thumbnail(doc)
    return doc


def _package(app: Application, pack: RulePack, report: Report) -> PackageReport | None:
    from gs_assistant.rules.call import CallFileError
    from gs_assistant.rules.package_check import package_setup

    try:
        setup = package_setup(pack)
    except CallFileError as exc:
        raise ExportError(exc.text) from None
    return setup.check(app, pack, facts=report.facts) if setup is not None else None


def _set_properties(doc: Document, context: dict, now: datetime) -> None:
    """Title, author (the applicant), subject and dates: the export's, not the reference
    document's."""
    props = doc.core_properties  # python-docx refuses properties over 255 characters
    author = (context["applicant"].name.text or "gs-assistant")[:255]
    props.title = (context["content"].title.text or "事業計画書（ドラフト）")[:255]
    props.subject = context["pack"].title.text[:255]
    props.language = styles.LANGUAGE
    props.author = author
    props.last_modified_by = author
    props.comments = ""
    props.revision = 1
    moment = now.astimezone(UTC).replace(tzinfo=None, microsecond=0)  # core.xml is UTC
    props.created = moment
    props.modified = moment


def _drop_thumbnail(doc: Document) -> None:
    """A reference document's thumbnail shows *its* first page (python-docx's own is a
    blank page): the draft has none rather than a wrong one."""
    rels = doc.part.package.rels
    for r_id in [r_id for r_id, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        rels.pop(r_id)


def docx_bytes(app: Application, pack: RulePack, template_dir: Path | str | None = None,
               **options) -> bytes:
    """The draft as the bytes of a .docx file (options as for :func:`build_document`)."""
    buffer = io.BytesIO()
    build_document(app, pack, template_dir, **options).save(buffer)
    return buffer.getvalue()


def export_docx(app: Application, pack: RulePack, out_path: Path | str,
                template_dir: Path | str | None = None, **options) -> Path:
    """Write the draft to ``out_path`` atomically (an existing file is replaced).

    Only a ``.docx`` is written: whatever the caller, never over an application file.
    """
    out_path = Path(out_path)
    check_docx_target(out_path)
    write_bytes_atomic(out_path, docx_bytes(app, pack, template_dir, **options))
    return out_path


def check_docx_target(out_path: Path) -> None:
    """Refuse an output that is not a ``.docx`` or is an existing file that is not one."""
    if out_path.suffix.lower() != ".docx":
        raise ExportError(Text(f"{out_path}: 出力ファイルの拡張子は .docx にしてください",
                               f"{out_path}: the output file must end in .docx"))
    _check_replaceable(out_path)


def _check_replaceable(path: Path) -> None:
    """An existing file is replaced only when it is a Word document (a ZIP): never an
    application file that happens to be named ``*.docx``, never a folder or a device."""
    if not path.exists() and not path.is_symlink():
        return
    try:
        with open(path, "rb") as handle:
            regular = os.path.isfile(path)
            head = handle.read(4) if regular else b""
    except OSError:
        head = b""
    if head != b"PK\x03\x04":
        raise ExportError(Text(f"{path}: Word文書ではない既存のファイルです。上書きしません",
                               f"{path}: an existing file that is not a Word document; "
                               "it is not overwritten"))


# ---------------------------------------------------------------- the reference document


def _open_reference(templates: TemplateSet) -> Document:
    """The reference document with its body emptied (the last section's settings stay)."""
    try:
        doc = docx.Document(io.BytesIO(templates.reference))
    except Exception as exc:  # python-docx raises several kinds for a damaged package
        raise ExportError(
            Text(f"{templates.folder / 'reference.docx'}: Word文書として読めません: {exc}",
                 f"{templates.folder / 'reference.docx'}: not readable as a Word document: {exc}")
        ) from None
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc


def _end_with_paragraph(writer: Writer, doc: Document) -> None:
    """Word expects the body to end with a paragraph, not a table."""
    last = doc.element.body[-2] if len(doc.element.body) > 1 else None
    if last is None or last.tag == qn("w:tbl"):
        writer.paragraph(doc, "Table Text")


def _write_header(writer: Writer, section, text: str) -> None:
    """The header's paragraphs come from header.md.j2, in the Header style."""
    header = section.header
    header.is_linked_to_previous = False
    for child in list(header._element):
        header._element.remove(child)
    writer.write(text, container=header, base_style="Header")
    if not header.paragraphs:
        header.add_paragraph()


def _ensure_page_numbers(writer: Writer, section) -> None:
    """``n / N`` in the footer, unless the reference document already has a PAGE field."""
    footer = section.footer
    footer.is_linked_to_previous = False
    if not styles.has_field(footer._element, "PAGE"):
        paragraph = footer.add_paragraph(style=writer.styles.paragraph("Footer"))
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        styles.add_page_numbers(paragraph)
