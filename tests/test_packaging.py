"""The wheel: built with pip, installed in a fresh venv, used from another folder.

It proves that a non-editable install carries the rule pack, the document templates and
the samples inside the package (``gs_assistant/_data/``) instead of reading the source
tree. Slow (a venv and a dependency install) but it runs in CI like every other test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def _run(cmd: list[str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout)


def _files(folder: Path) -> set[str]:
    return {
        p.relative_to(folder).as_posix() for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                   "--disable-pip-version-check", str(ROOT), "-w", str(out)], cwd=out)
    assert result.returncode == 0, result.stderr
    (found,) = out.glob("gs_assistant-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel and its dependencies, as `pip install .` makes it."""
    where = tmp_path_factory.mktemp("venv") / "venv"
    result = _run([sys.executable, "-m", "venv", str(where)], cwd=where.parent)
    assert result.returncode == 0, result.stderr
    pip = [str(where / "bin" / "python"), "-m", "pip", "install", "-q",
           "--disable-pip-version-check"]
    result = _run([*pip, str(wheel)], cwd=where.parent)
    assert result.returncode == 0, result.stderr
    return where


def test_wheel_contents(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    pack = {f"gs_assistant/_data/requirements_rules/{n}"
            for n in _files(ROOT / "requirements_rules")}
    templates = {f"gs_assistant/_data/doc_templates/{n}" for n in _files(ROOT / "doc_templates")}
    samples = {f"gs_assistant/samples/{n}" for n in _files(ROOT / "src/gs_assistant/samples")}
    assert pack and samples
    assert pack | templates | samples <= names
    assert "gs_assistant/cli.py" in names
    assert not any(n.startswith(("tests/", "benchmarks/")) or "__pycache__" in n
                   for n in names)


def test_installed_command_checks_a_sample_from_another_folder(
    venv: Path, tmp_path: Path
) -> None:
    command = str(venv / "bin" / "gs-assistant")
    result = _run([command, "check", "sample:large_demo_india", "--format", "json"],
                  cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["rule_pack"]["id"] == "gs_r7_supplementary"
    assert doc["summary"]["met"] > 0

    result = _run([command, "rules"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "CTY-003" in result.stdout

    bad = tmp_path / "bad.yaml"
    bad.write_text("meta: {}\ncountry: XYZ\n", encoding="utf-8")  # needs the bundled list
    result = _run([command, "check", str(bad)], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"gs-assistant: {bad}: country: 'XYZ' はISO 3166の国コードにありません（例: VNM、IND、THA）"
    ]


def test_installed_package_reads_its_own_data(venv: Path, tmp_path: Path) -> None:
    code = (
        "import json, gs_assistant, gs_assistant.paths as p\n"
        "from gs_assistant.rules import default_pack\n"
        "print(json.dumps({'package': gs_assistant.__file__, 'rules': str(p.rules_dir()),\n"
        "                  'templates': str(p.templates_dir()), 'pack': default_pack().path}))\n"
    )
    result = _run([str(venv / "bin" / "python"), "-c", code], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    where = json.loads(result.stdout)
    package = Path(where["package"]).parent
    assert package.is_relative_to(venv)
    assert not package.is_relative_to(ROOT)
    assert Path(where["rules"]) == package / "_data" / "requirements_rules"
    assert Path(where["pack"]).is_relative_to(package / "_data" / "requirements_rules")
    installed_pack = _files(package / "_data" / "requirements_rules")
    assert installed_pack == _files(ROOT / "requirements_rules")
    templates = _files(ROOT / "doc_templates")
    if templates:  # the folder fills as the document templates land
        assert Path(where["templates"]) == package / "_data" / "doc_templates"
        assert _files(package / "_data" / "doc_templates") == templates
