"""The layering declared in pyproject.toml ([tool.importlinter]) holds, and the check bites.

`lint-imports` reads the static imports (function-level ones included), so it catches what
the runtime check in test_import_hygiene.py cannot: a feature module importing ``cli.py``, a
cycle between siblings, a core module reaching Textual through another package.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import gs_assistant

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(gs_assistant.__file__).parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint(src: Path) -> subprocess.CompletedProcess[str]:
    """Run the contracts of the repository's pyproject.toml against the package in ``src``."""
    assert LINT_IMPORTS.exists(), "import-linter is missing: pip install -e '.[test]'"
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True, text=True, timeout=300, cwd=src,
        env={"PYTHONPATH": str(src), "PATH": str(Path(sys.executable).parent)},
    )


def _copy(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(PACKAGE, src / "gs_assistant",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return src


def test_the_import_contracts_are_kept(tmp_path: Path) -> None:
    result = _lint(_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(("where", "code", "says"), [
    ("export", "from gs_assistant.cli import EXIT_OK\n",
     "gs_assistant.export.planted -> gs_assistant.cli"),
    ("rules", "def f():\n    from gs_assistant.tui.widgets import fields\n",
     "gs_assistant.rules is not allowed to import textual"),
    ("model", "from gs_assistant.rules import check\n",
     "gs_assistant.model is not allowed to import gs_assistant.rules"),
])
def test_a_planted_violation_breaks_a_contract(tmp_path: Path, where: str, code: str,
                                               says: str) -> None:
    src = _copy(tmp_path)
    (src / "gs_assistant" / where / "planted.py").write_text(code, encoding="utf-8")
    result = _lint(src)
    assert result.returncode != 0
    assert says in result.stdout
