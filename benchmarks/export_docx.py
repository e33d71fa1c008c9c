"""Export of the large sample to .docx, against a plain python-docx script, in one run.

    .venv/bin/python benchmarks/export_docx.py [--runs 30]

"ours" is the whole export: checklist, Jinja2 templates, Markdown parsing, python-docx,
fonts, saving to bytes. "plain" is a hand-written python-docx script that writes the same
content (the same paragraphs in the same styles, the same tables with the same cell text,
the same header) from the same reference document: it knows the content in advance, so
it does no checking, templating or parsing. The content of both outputs is compared
before timing. Goal (product spec): ours ≤ 1.5 × plain. Exit status 1 when missed.
"""

from __future__ import annotations

import argparse
import gc
import io
import statistics
import sys
import time

import docx
from docx.oxml.ns import qn

from gs_assistant.export.docx import build_document, docx_bytes
from gs_assistant.export.templates import open_templates
from gs_assistant.model import load_application
from gs_assistant.paths import samples_dir
from gs_assistant.rules import default_pack

GOAL = 1.5


def blocks_of(doc) -> list[tuple]:
    """The body as ("p", style, text, page_break_before) and ("t", rows) blocks."""
    out: list[tuple] = []
    paragraphs = iter(doc.paragraphs)
    tables = iter(doc.tables)
    for child in doc.element.body:
        if child.tag == qn("w:p"):
            p = next(paragraphs)
            out.append(("p", p.style.name, p.text, bool(p.paragraph_format.page_break_before)))
        elif child.tag == qn("w:tbl"):
            table = next(tables)
            out.append(("t", [[c.text for c in row.cells] for row in table.rows]))
    return out


def plain(reference: bytes, blocks: list[tuple], header: str, styled: bool = True) -> bytes:
    """What a developer would write by hand with python-docx's public API.

    ``styled=False`` leaves out every style and bold run: a lower bound of the work
    python-docx has to do for this text, not the same document.
    """
    doc = docx.Document(io.BytesIO(reference))
    body = doc.element.body
    for child in list(body)[:-1]:
        body.remove(child)
    for block in blocks:
        if block[0] == "p":
            _, style, text, page_break = block
            paragraph = doc.add_paragraph(text, style=style if styled else None)
            if page_break:
                paragraph.paragraph_format.page_break_before = True
        else:
            rows = block[1]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            if styled:
                table.style = "Table Grid"
            for r, (values, row) in enumerate(zip(rows, table.rows, strict=True)):
                for value, cell in zip(values, row.cells, strict=True):
                    cell.text = value
                    if r == 0 and styled:
                        cell.paragraphs[0].runs[0].bold = True
    doc.sections[0].header.paragraphs[0].text = header
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def same_content(app, pack) -> tuple[bytes, list[tuple], str]:
    """The reference document, body blocks and header of ours, checked to be what the
    plain script writes too."""
    ours_doc = build_document(app, pack)
    blocks = blocks_of(ours_doc)
    header = ours_doc.sections[0].header.paragraphs[0].text
    reference = open_templates().reference
    plain_doc = docx.Document(io.BytesIO(plain(reference, blocks, header)))
    assert blocks_of(plain_doc) == blocks, "the plain script must write the same content"
    return reference, blocks, header


def _time(fn) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    app = load_application(samples_dir() / "large_demo_india.yaml")
    pack = default_pack()
    cold = _time(lambda: docx_bytes(app, pack))  # includes compiling the templates

    reference, blocks, header = same_content(app, pack)

    ours_times, plain_times, bare_times = [], [], []
    for _ in range(args.runs):  # alternate, so that all see the same machine state
        ours_times.append(_time(lambda: docx_bytes(app, pack)))
        plain_times.append(_time(lambda: plain(reference, blocks, header)))
        bare_times.append(_time(lambda: plain(reference, blocks, header, styled=False)))
    ours, base = statistics.median(ours_times), statistics.median(plain_times)
    bare = statistics.median(bare_times)
    ratio = ours / base
    tables = sum(1 for b in blocks if b[0] == "t")
    cells = sum(len(r) for b in blocks if b[0] == "t" for r in b[1])
    print(f"content: {len(blocks) - tables} paragraphs, {tables} tables, {cells} cells")
    print(f"ours  (first export, templates compiled): {cold * 1000:7.1f} ms")
    print(f"ours  median of {args.runs}: {ours * 1000:7.1f} ms")
    print(f"plain median of {args.runs}: {base * 1000:7.1f} ms")
    print(f"bare  median of {args.runs}: {bare * 1000:7.1f} ms  (same text, no styles at all)")
    print(f"ratio ours/plain: {ratio:.2f} (goal <= {GOAL});  ours/bare: {ours / bare:.2f}")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
