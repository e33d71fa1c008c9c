"""The cost of a round-trip YAML library (ruamel.yaml) against today's loader.

    .venv/bin/pip install ruamel.yaml   # not a dependency: measured, then not chosen
    .venv/bin/python benchmarks/yaml_roundtrip.py [--repeat 7]

Times, on the large sample and on the same file with 1,000 affiliate rows: today's load
(``parse_yaml``, libyaml's C loader with our checks, measured in the same run as the
baseline), ruamel.yaml's round-trip load (``typ="rt"``, the mode that keeps comments and
key order), and ruamel's round-trip load + dump (what a comment-keeping save would add).
Prints the medians and the ratios.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time

from gs_assistant.model import application_to_yaml, load_application
from gs_assistant.model.files import parse_yaml
from gs_assistant.paths import samples_dir


def median_ms(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def texts() -> dict[str, str]:
    app = load_application(samples_dir() / "large_demo_india.yaml")
    large = app.model_copy(deep=True)
    first = large.large.affiliates[0]
    large.large.affiliates = [first.model_copy(update={"name": f"関連会社 {i}"})
                              for i in range(1000)]
    return {"sample (5 KB)": application_to_yaml(app),
            "1,000 affiliate rows": application_to_yaml(large)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    from ruamel.yaml import YAML

    rt = YAML(typ="rt")
    for name, text in texts().items():
        base = median_ms(lambda: parse_yaml(text), args.repeat)
        load = median_ms(lambda: rt.load(text), args.repeat)

        def load_dump() -> None:
            out = io.StringIO()
            rt.dump(rt.load(text), out)

        both = median_ms(load_dump, args.repeat)
        print(f"{name}: today's load {base:.1f} ms; ruamel round-trip load {load:.1f} ms "
              f"({load / base:.1f}x); load + dump {both:.1f} ms ({both / base:.1f}x)")


if __name__ == "__main__":
    main()
