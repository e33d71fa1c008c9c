"""What keeping a hand-edited file's comments and key order costs a save, against the
fast writer, in one run.

    .venv/bin/python benchmarks/yaml_roundtrip.py [--repeat 7]

On the small sample and on the large sample with 1,000 affiliate rows, each in three
layouts, times (median, ms) of the bytes one save writes (``store._write`` without the
disk):

* ``fast``: the file as the tool writes it; the fast writer (libyaml), today's baseline;
* ``order``: the same keys in another order, no comments (a file edited by hand):
  ``layout_bytes`` parses the file and writes with the fast writer in the file's order;
* ``comments``: the file with comments between keys: ``layout_bytes`` edits ruamel.yaml's
  round-trip tree, then reads the result back to check it;

the later saves of one session (each starting from what the previous save wrote, whose
tree or key order is kept), and the one-off check on loading (``is_plain``) that decides which path
a file takes.
Also today's loader against ruamel's round-trip loader alone (the figure that first ruled
ruamel out for every save). Prints each figure with its ratio to the fast writer.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from gs_assistant.model import application_to_yaml, load_application
from gs_assistant.model.files import application_data, data_bytes, parse_yaml
from gs_assistant.model.layout import is_plain, layout_bytes
from gs_assistant.paths import samples_dir

PATH = Path("bench.yaml")


def median_ms(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def layouts(text: str) -> dict[str, str]:
    """The tool's text, the same with the first two top-level keys swapped, and with a
    comment after every tenth line (the ones that hold a key)."""
    lines = text.splitlines(keepends=True)
    tops = [i for i, line in enumerate(lines) if line[:1].isalpha()]
    a, b, c = tops[0], tops[1], tops[2]
    swapped = lines[:a] + lines[b:c] + lines[a:b] + lines[c:]
    commented = [line.rstrip("\n") + "  # メモ\n" if n % 10 == 5 and line.rstrip().endswith(
        tuple("0123456789")) else line for n, line in enumerate(lines)]
    commented.insert(tops[1], "# ここから申請者\n")
    return {"fast": text, "order": "".join(swapped), "comments": "".join(commented)}


def files() -> dict[str, tuple[str, dict]]:
    small = load_application(samples_dir() / "sme_fs_vietnam.yaml")
    large = load_application(samples_dir() / "large_demo_india.yaml")
    first = large.large.affiliates[0]
    large.large.affiliates = [first.model_copy(update={"name": f"関連会社 {i}",
                                                        "capital_yen": 1000 + i})
                              for i in range(1000)]
    return {"small sample": (application_to_yaml(small), application_data(small)),
            "1,000 affiliate rows": (application_to_yaml(large), application_data(large))}


def session_saves(raw: bytes, data: dict, repeat: int) -> float:
    """Median ms of the later saves of one session: each save starts from the bytes the
    previous one wrote, with one answer changed (the tree of the last save is reused)."""
    times = []
    raw = layout_bytes(data, PATH, raw)
    for n in range(repeat):
        edited = dict(data, lead=dict(data["lead"], employees=100 + n))
        start = time.perf_counter()
        raw = layout_bytes(edited, PATH, raw)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure(name: str, text: str, data: dict, repeat: int) -> None:
    from ruamel.yaml import YAML

    results = {"fast": median_ms(lambda: data_bytes(data, PATH), repeat)}
    for kind, layout in layouts(text).items():
        raw = layout.encode("utf-8")
        parsed = parse_yaml(layout)
        if kind != "fast":
            results[kind] = median_ms(lambda raw=raw: layout_bytes(data, PATH, raw), repeat)
        if kind != "fast":
            results[f"session {kind}"] = session_saves(raw, data, repeat)
        results[f"check {kind}"] = median_ms(
            lambda raw=raw, parsed=parsed: is_plain(raw, parsed, data), repeat)
    base = results["fast"]
    print(f"{name}: one save's bytes: fast writer {base:.1f} ms; "
          f"own key order, first save {results['order']:.1f} ms "
          f"({results['order'] / base:.1f}x), later saves {results['session order']:.1f} ms "
          f"({results['session order'] / base:.1f}x); "
          f"with comments, first save {results['comments']:.1f} ms "
          f"({results['comments'] / base:.1f}x), later saves "
          f"{results['session comments']:.1f} ms "
          f"({results['session comments'] / base:.1f}x)")
    print(f"{name}: the check on loading: {results['check fast']:.2f} ms (tool's file), "
          f"{results['check order']:.2f} ms (own order), "
          f"{results['check comments']:.2f} ms (comments)")
    rt = YAML(typ="rt")
    load = median_ms(lambda: parse_yaml(text), repeat)
    rt_load = median_ms(lambda: rt.load(text), repeat)
    print(f"{name}: today's loader {load:.1f} ms; ruamel round-trip load "
          f"{rt_load:.1f} ms ({rt_load / load:.1f}x)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    for name, (text, data) in files().items():
        measure(name, text, data, args.repeat)


if __name__ == "__main__":
    main()
