"""The core never imports the UI: model/, parsing/, rules/, export/ and the CLI's
non-interactive commands must work without Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import gs_assistant

PACKAGE = Path(gs_assistant.__file__).parent
CORE = ["model", "parsing", "rules", "export", "audit", "session"]


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)


def test_core_modules_do_not_import_textual() -> None:
    modules = []
    for folder in CORE:
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            rel = path.relative_to(PACKAGE.parent).with_suffix("")
            modules.append(".".join(rel.parts).removesuffix(".__init__"))
    modules.append("gs_assistant.cli")
    code = (
        "import sys\n"
        f"for m in {modules!r}:\n"
        "    __import__(m)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"core imported: {result.stdout}"
    assert len(modules) > 20


def test_non_interactive_commands_do_not_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys, contextlib, io\n"
        "from gs_assistant.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['check', 'sample:large_demo_india', '--format', 'json'])\n"
        "    main(['check', 'sample:sme_fs_vietnam', '--format', 'md'])\n"
        "    main(['rules'])\n"
        "    main(['schema'])\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith('textual'))))\n"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_the_check_detects_a_textual_import() -> None:
    """The hygiene check itself can fail: importing Textual shows up."""
    result = _run("import sys, textual\nprint('textual' in sys.modules)")
    assert result.stdout.strip() == "True"
