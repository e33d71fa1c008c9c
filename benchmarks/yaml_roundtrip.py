"""What keeping a hand-edited file's key order costs a save, against the fast writer, in
one run; and what ruamel.yaml's round-trip load (which would keep comments too) costs.

    .venv/bin/pip install ruamel.yaml   # not a dependency: measured, then taken out
    .venv/bin/python benchmarks/yaml_roundtrip.py [--repeat 7]

On the small sample and on the large sample with 1,000 affiliate rows, each in two
layouts, times (median, ms) of the bytes one save writes (``store._write`` without the
disk):

* ``fast``: the file as the tool writes it; the fast writer (libyaml), today's baseline;
* ``order``: the same keys in another order, no comments (a file edited by hand):
  ``layout_bytes`` parses the file and writes with the fast writer in the file's order;

the later saves of one session (each starting from what the previous save wrote, whose
key order is kept), and the one-off check on loading (``is_plain``). Also today's loader
against ruamel's round-trip loader alone. Prints each figure with its ratio to the fast
writer.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from gs_assistant.model import application_to_yaml, load_application
from gs_assistant.model import layout as layout_module
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
    """The tool's text, and the same with the first two top-level keys swapped."""
    lines = text.splitlines(keepends=True)
    tops = [i for i, line in enumerate(lines) if line[:1].isalpha()]
    a, b, c = tops[0], tops[1], tops[2]
    swapped = lines[:a] + lines[b:c] + lines[a:b] + lines[c:]
    return {"fast": text, "order": "".join(swapped)}


def files() -> dict[str, tuple[str, dict]]:
    small = load_application(samples_dir() / "sme_fs_vietnam.yaml")
    large = load_application(samples_dir() / "large_demo_india.yaml")
    first = large.large.affiliates[0]
    large.large.affiliates = [first.model_copy(update={"name": f"関連会社 {i}",
                                                        "capital_yen": 1000 + i})
                              for i in range(1000)]
    return {"small sample": (application_to_yaml(small), application_data(small)),
            "1,000 affiliate rows": (application_to_yaml(large), application_data(large))}


def first_save(data: dict, raw: bytes) -> bytes:
    """A save that starts from the file as read (nothing kept from an earlier save)."""
    layout_module._LAST.clear()
    return layout_bytes(data, PATH, raw)


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
            results[kind] = median_ms(lambda raw=raw: first_save(data, raw), repeat)
        if kind != "fast":
            results[f"session {kind}"] = session_saves(raw, data, repeat)
        results[f"check {kind}"] = median_ms(
            lambda parsed=parsed: is_plain(parsed, data), repeat)
    base = results["fast"]
    print(f"{name}: one save's bytes: fast writer {base:.1f} ms; "
          f"own key order, first save {results['order']:.1f} ms "
          f"({results['order'] / base:.1f}x), later saves {results['session order']:.1f} ms "
          f"({results['session order'] / base:.1f}x)")
    print(f"{name}: the check on loading: {results['check fast']:.2f} ms (tool's file), "
          f"{results['check order']:.2f} ms (own order)")
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
