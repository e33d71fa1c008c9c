"""Export time as the lists grow: ours against the plain python-docx script, in one run.

    .venv/bin/python benchmarks/export_rows.py [--runs 3] [--rows 10 100 1000]

The large sample with N affiliate rows (the longest list a draft prints as a table), for
each N: the whole export ("ours") and ``export_docx.py``'s hand-written python-docx script
writing the same content ("plain", checked equal first). A linear export keeps the ratio
ours/plain flat as N grows; a quadratic step (python-docx cell access by index) would
make it climb.
"""

from __future__ import annotations

import argparse
import io
import statistics

import docx
from export_docx import _time, blocks_of, plain

from gs_assistant.export.docx import build_document, docx_bytes
from gs_assistant.export.templates import open_templates
from gs_assistant.model import load_application
from gs_assistant.paths import samples_dir
from gs_assistant.rules import default_pack


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, nargs="+", default=[10, 100, 1000])
    args = parser.parse_args()
    base = load_application(samples_dir() / "large_demo_india.yaml")
    pack = default_pack()
    reference = open_templates().reference
    first = base.large.affiliates[0]
    for n in args.rows:
        app = base.model_copy(deep=True)
        app.large.affiliates = [first.model_copy(update={"name": f"関連会社 {i}"})
                                for i in range(n)]
        ours_doc = build_document(app, pack)
        blocks = blocks_of(ours_doc)
        header = ours_doc.sections[0].header.paragraphs[0].text
        assert blocks_of(docx.Document(io.BytesIO(plain(reference, blocks, header)))) == blocks
        ours_t, plain_t = [], []
        for _ in range(args.runs):
            ours_t.append(_time(lambda app=app: docx_bytes(app, pack)))
            plain_t.append(_time(lambda b=blocks, h=header: plain(reference, b, h)))
        ours, base_t = statistics.median(ours_t), statistics.median(plain_t)
        print(f"{n:>6} rows: ours {ours * 1000:8.1f} ms, plain {base_t * 1000:8.1f} ms, "
              f"ratio {ours / base_t:.2f}")


if __name__ == "__main__":
    main()
