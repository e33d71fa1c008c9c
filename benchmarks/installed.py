"""The program as a user's machine runs it: from compiled bytecode (not a benchmark itself).

pip compiles every module when it installs a package, and Python writes the bytecode of an
editable install the first time it runs; the libraries the baselines use (Textual, pydantic,
python-docx) are compiled in site-packages. On a machine where ``PYTHONDONTWRITEBYTECODE``
is set (as on the project's development machines) nothing of ours is ever written, so every
process of a whole-process benchmark would also compile gs-assistant's hundred-odd modules
from source, which no user pays. ``compile_package`` writes that bytecode once, before the
measurements, exactly as ``python -m compileall`` would; ``--from-source`` in the benchmarks
skips it, to see the difference.
"""

from __future__ import annotations

import compileall
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "gs_assistant"


def compile_package(skip: bool = False) -> str:
    """Compile the package's modules (unless ``skip``); a phrase saying which was done."""
    if skip:
        return "modules compiled from source in every process (--from-source)"
    if not compileall.compile_dir(PACKAGE, quiet=1):
        raise SystemExit(f"could not compile {PACKAGE}")
    return "from bytecode, as installed"
