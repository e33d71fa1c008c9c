"""The core never imports the UI: model/, parsing/, rules/, export/ and the CLI's
non-interactive commands must work without Textual."""

from __future__ import annotations

import os
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


def _imported_after(commands: list[list[str]], watched: tuple[str, ...],
                    env: dict[str, str] | None = None) -> list[str]:
    """Which of ``watched`` are imported once ``commands`` have run in a fresh process."""
    code = (
        "import sys, contextlib, io\n"
        "from gs_assistant.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    for argv in {commands!r}:\n"
        "        assert main(argv) in (0, 1), argv\n"
        f"print(','.join(m for m in {watched!r} if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    return [m for m in result.stdout.strip().split(",") if m]


def test_commands_skip_the_pydantic_plugin_lookup(tmp_path: Path) -> None:
    """pydantic's plugin lookup (importlib.metadata and every package's entry points) is not
    made: gs-assistant uses no pydantic plugin. The models still validate (check runs)."""
    out = tmp_path / "draft.docx"
    assert _imported_after([["check", "sample:large_demo_india"],
                            ["export", "sample:sme_fs_vietnam", "-o", str(out)]],
                           ("importlib.metadata",)) == []
    assert out.stat().st_size > 0


def test_the_plugin_stub_reads_pydantics_version_without_importing_it(fresh_python) -> None:
    """The start screen imports no pydantic: the version the stub is checked against is
    read from pydantic's version.py, and is the version pydantic says it is."""
    code = ("import sys\nfrom gs_assistant import cli\ncli._without_pydantic_plugins()\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('pydantic', 'pydantic_core')))\n"
            "version = cli._pydantic_version()\nimport pydantic\n"
            "print(version == pydantic.VERSION)\n")
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    assert fresh_python(code, env) == ["['pydantic.plugin._loader']", "True"]


def test_pydantic_plugins_env_gets_pydantic_own_lookup() -> None:
    """Whoever sets PYDANTIC_DISABLE_PLUGINS (empty: every plugin) gets pydantic's lookup."""
    env = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": ""}
    assert _imported_after([["check", "sample:sme_fs_vietnam"]], ("importlib.metadata",),
                           env) == ["importlib.metadata"]


def test_an_untested_pydantic_gets_its_documented_switch_not_the_stub() -> None:
    """The stub stands in for a private pydantic module: only on the versions it was tested
    with. Any other pydantic gets PYDANTIC_DISABLE_PLUGINS=__all__ (documented) instead."""
    from gs_assistant.cli import PLUGIN_STUB_VERSIONS, _stub_fits

    low, high = PLUGIN_STUB_VERSIONS
    assert _stub_fits(f"{low[0]}.{low[1]}.0") and _stub_fits(f"{high[0]}.{high[1]}.9")
    assert not _stub_fits(f"{high[0]}.{high[1] + 1}.0") and not _stub_fits("3.0.0")
    assert not _stub_fits(f"{low[0]}.{low[1] - 1}.5") and not _stub_fits("garbage")
    code = ("import os, sys, pydantic.version as v; v.VERSION = '2.99.0'\n"
            "from gs_assistant import cli; cli._without_pydantic_plugins()\n"
            "assert os.environ['PYDANTIC_DISABLE_PLUGINS'] == '__all__'\n"
            "assert 'pydantic.plugin._loader' not in sys.modules\n"
            "from gs_assistant.rules import default_pack; default_pack()\n"
            "assert 'get_plugins' in vars(sys.modules['pydantic.plugin._loader'])\n")
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
