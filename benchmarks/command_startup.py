"""Whole-process start-up of ``check`` and ``export`` against their floors, in one run.

    .venv/bin/python benchmarks/command_startup.py [--runs 15] [--from-source] [--against DIR]

Every figure is a fresh Python process (``subprocess``), its wall time from spawn to exit
and its CPU time (user + system, ``os.wait4``), the commands interleaved run by run so that
they share the machine's state; medians, and the median of the run-by-run ratios.

- ``check`` = ``gs-assistant check sample:large_demo_india`` (the rule pack from the user's
  cache, as after the first run), against the import floor of what it is written with:
  a process that only does ``import yaml`` and ``from pydantic import BaseModel``. Goal <= 2x.
  Also shown: the same check with the cache off (the pack's YAML parsed and validated).
- ``export`` = ``gs-assistant export sample:large_demo_india -o OUT.docx``, against a plain
  python-docx script in its own process that writes the same paragraphs, styles and tables
  from the same reference document (``export_docx.plain``: it knows the content in
  advance, so it does no checking, templating or parsing). Goal <= 1.5x.

gs-assistant runs from compiled bytecode, as installed (``installed.py``).

With ``--against DIR`` (another checkout of the project, e.g. an export of the code before a
change), its ``check`` and ``export`` run interleaved with these, from its own bytecode and
``src`` (``PYTHONPATH``) and with its own cache folder (two versions sharing one would remove
each other's files), and the run-by-run ratios of this code to that one are printed too: a
change's figures are paired in one run.

Exit status 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import compileall
import inspect
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from installed import compile_package

HERE = Path(__file__).resolve().parent
PY = sys.executable

PLAIN_SCRIPT = r"""
import io, json, sys
import docx
{plain}
spec = json.load(open(sys.argv[2], encoding="utf-8"))
reference = open(sys.argv[3], "rb").read()
data = plain(reference, [tuple(b) for b in spec["blocks"]], spec["header"])
open(sys.argv[4], "wb").write(data)
"""


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, cpu) seconds of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{argv} failed ({proc.returncode}): {proc.stderr.read().decode()}")
    proc.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime


def prepare(tmp: Path) -> dict[str, list[str]]:
    """The commands; writes the plain script's content (blocks, header) beforehand."""
    sys.path.insert(0, str(HERE))
    import export_docx
    from export_docx import blocks_of

    from gs_assistant.export.docx import build_document
    from gs_assistant.export.templates import open_templates
    from gs_assistant.model import load_application
    from gs_assistant.paths import samples_dir
    from gs_assistant.rules import default_pack

    app = load_application(samples_dir() / "large_demo_india.yaml")
    doc = build_document(app, default_pack())
    spec = {"blocks": blocks_of(doc), "header": doc.sections[0].header.paragraphs[0].text}
    (tmp / "spec.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    (tmp / "reference.docx").write_bytes(open_templates().reference)
    # export_docx.plain's source, alone: the script imports python-docx and nothing else
    script = PLAIN_SCRIPT.replace("{plain}", inspect.getsource(export_docx.plain))
    (tmp / "plain.py").write_text(script, encoding="utf-8")
    return {
        "floor": [PY, "-c", "import yaml; from pydantic import BaseModel"],
        "check": [PY, "-m", "gs_assistant", "check", "sample:large_demo_india"],
        "check, no cache": [PY, "-m", "gs_assistant", "check", "sample:large_demo_india"],
        "plain python-docx": [PY, str(tmp / "plain.py"), str(HERE), str(tmp / "spec.json"),
                              str(tmp / "reference.docx"), str(tmp / "plain.docx")],
        "export": [PY, "-m", "gs_assistant", "export", "sample:large_demo_india", "-o",
                   str(tmp / "ours.docx"), "--force"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--from-source", action="store_true",
                        help="do not compile gs-assistant's modules first (see installed.py)")
    parser.add_argument("--against", type=Path, metavar="DIR",
                        help="another checkout whose check and export run interleaved")
    args = parser.parse_args()
    how = compile_package(args.from_source)
    if args.against and not args.from_source:  # its bytecode too, as installed.py does
        theirs = args.against.resolve() / "src" / "gs_assistant"
        if not compileall.compile_dir(theirs, quiet=1):
            raise SystemExit(f"could not compile {theirs}")
    with tempfile.TemporaryDirectory(prefix="gs_startup_") as tmp_name:
        tmp = Path(tmp_name)
        commands = prepare(tmp)
        cached = {**os.environ, "GS_ASSISTANT_CACHE": str(tmp / "cache")}
        envs = {name: cached for name in commands}
        envs["check, no cache"] = {**os.environ, "GS_ASSISTANT_CACHE": ""}
        if args.against:
            other = {**os.environ, "GS_ASSISTANT_CACHE": str(tmp / "cache-against"),
                     "PYTHONPATH": str(args.against.resolve() / "src")}
            for name in ("check", "export"):
                argv = [str(tmp / "theirs.docx") if a.endswith("ours.docx") else a
                        for a in commands[name]]
                commands[f"{name} (against)"], envs[f"{name} (against)"] = argv, other
        for name, argv in commands.items():  # warm-up: file cache, the pack cache
            run(argv, envs[name])
        figures: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, argv in commands.items():
                figures[name].append(run(argv, envs[name]))

    def med(name: str, i: int) -> float:
        return statistics.median(f[i] for f in figures[name])

    def ratio(name: str, base: str, i: int) -> float:
        return statistics.median(a[i] / b[i] for a, b in zip(figures[name], figures[base],
                                                                strict=True))

    print(f"whole processes, median of {args.runs} interleaved runs "
          f"(python {sys.version.split()[0]}, {os.cpu_count()} cpus, "
          f"load {os.getloadavg()[0]:.1f}; {how})")
    print(f"  {'':22} {'wall':>9} {'cpu':>9}")
    for name in commands:
        print(f"  {name:22} {med(name, 0) * 1000:6.0f} ms {med(name, 1) * 1000:6.0f} ms")
    missed = []
    pairs = [("check", "floor", 2.0), ("check, no cache", "floor", None),
             ("export", "plain python-docx", 1.5)]
    if args.against:
        pairs += [("check (against)", "floor", None), ("export (against)", "plain python-docx",
                                                       None),
                  ("check", "check (against)", None), ("export", "export (against)", None)]
    for name, base, goal in pairs:
        wall, cpu = ratio(name, base, 0), ratio(name, base, 1)
        verdict = "" if goal is None else (
            f"  goal <= {goal}x: {'met' if wall <= goal else 'NOT met'}")
        print(f"  {name} / {base}: wall {wall:.2f}x, cpu {cpu:.2f}x{verdict}")
        if goal is not None and wall > goal:
            missed.append(name)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
