"""Filling the bundled example form with the large sample, against a plain docxtpl render.

    .venv/bin/python benchmarks/fill_form.py [--runs 30]

"ours" is ``fill_form``: reading and checking the form, the checklist, the templates'
data, the sandboxed Jinja2 environment with the tool's finalize (placeholders, data
tokens), docxtpl's render and saving to bytes. "plain" is what a developer would write
with docxtpl alone: the same form, a context of plain strings and lists made in advance
(no checking, no sandbox), ``render(context, autoescape=True)`` and saving to bytes. The
text of both outputs is compared before timing. Goal: ours ≤ 1.5 × plain (exit 1 if
missed). Runs are interleaved and each figure is a median.
"""

from __future__ import annotations

import argparse
import gc
import io
import statistics
import sys
import time
from typing import Any

import docx
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from gs_assistant.export.form import example_form, fill_form, form_context
from gs_assistant.export.values import PLACEHOLDER, Value, Vault
from gs_assistant.model import load_application
from gs_assistant.paths import samples_dir
from gs_assistant.rules import default_pack

GOAL = 1.5


def plain_data(value: Any) -> Any:
    """The tool's context as plain Python data: strings, lists and dicts."""
    if isinstance(value, Value):
        return value.text or PLACEHOLDER
    if isinstance(value, list):
        return [plain_data(v) for v in value]
    if hasattr(value, "__dict__"):
        return {k: plain_data(v) for k, v in vars(value).items()}
    return value


def plain(form: bytes, context: dict[str, Any]) -> bytes:
    template = DocxTemplate(io.BytesIO(form))
    template.render(context, autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def text_of(data: bytes) -> str:
    body = docx.Document(io.BytesIO(data)).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                     for p in body.iter(qn("w:p")))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    app = load_application(samples_dir() / "large_demo_india.yaml")
    pack = default_pack()
    form_path = example_form()
    form = form_path.read_bytes()
    context = {k: plain_data(v) for k, v in form_context(app, pack, Vault()).items()}
    ours_out, plain_out = fill_form(app, pack, form_path), plain(form, context)
    if text_of(ours_out) != text_of(plain_out):
        print("the two outputs differ: the comparison would not be fair")
        return 1
    ours_times, plain_times = [], []
    for _ in range(runs):
        for fn, times in ((lambda: fill_form(app, pack, form_path), ours_times),
                          (lambda: plain(form, context), plain_times)):
            gc.collect()
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    ours, base = statistics.median(ours_times), statistics.median(plain_times)
    ratio = ours / base
    print(f"fill the example form (large sample), median of {runs}: "
          f"ours {ours * 1000:.1f} ms, plain docxtpl {base * 1000:.1f} ms, "
          f"ratio {ratio:.2f}x (goal <= {GOAL}x)")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
