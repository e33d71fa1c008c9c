"""Shared fixtures: the bundled pack, the samples, and a fresh copy of them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from gs_assistant.model import Application, load_application
from gs_assistant.paths import samples_dir
from gs_assistant.rules import RulePack, default_pack

SAMPLES = samples_dir()
SMALL_SAMPLE = SAMPLES / "sme_fs_vietnam.yaml"
LARGE_SAMPLE = SAMPLES / "large_demo_india.yaml"


@pytest.fixture(scope="session")
def pack() -> RulePack:
    return default_pack()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private, empty user cache folder for this test."""
    where = tmp_path / "cache"
    monkeypatch.setenv("GS_ASSISTANT_CACHE", str(where))
    return where


@pytest.fixture
def fresh_python():
    """Runs Python code in a new interpreter (what a command's start sees: nothing imported
    or built yet) and gives the lines it printed; its failure fails the test."""

    def run(code: str, env: dict[str, str] | None = None) -> list[str]:
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                timeout=120, env=env)
        assert result.returncode == 0, result.stderr
        return result.stdout.splitlines()

    return run


@pytest.fixture
def small_app() -> Application:
    return load_application(SMALL_SAMPLE)


@pytest.fixture
def large_app() -> Application:
    return load_application(LARGE_SAMPLE)


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    target = tmp_path / "large.yaml"
    shutil.copy(LARGE_SAMPLE, target)
    return target


# Commands run by the tests (in this process or as subprocesses) keep their rule-pack cache
# in a private folder, never the user's.
os.environ["GS_ASSISTANT_CACHE"] = tempfile.mkdtemp(prefix="gs-assistant-test-cache-")
