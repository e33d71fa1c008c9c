"""Fixtures for the wizard's tests: a private user-data folder and sample copies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gs_assistant.tui.i18n import set_lang

from .pilot import LARGE, SMALL


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings and recent files go to a temporary folder, never the real home."""
    folder = tmp_path / "home"
    monkeypatch.setenv("GS_ASSISTANT_HOME", str(folder))
    yield folder
    set_lang("ja")


@pytest.fixture
def large_copy(tmp_path: Path) -> Path:
    target = tmp_path / "large.yaml"
    shutil.copy(LARGE, target)
    return target


@pytest.fixture
def small_copy(tmp_path: Path) -> Path:
    target = tmp_path / "small.yaml"
    shutil.copy(SMALL, target)
    return target
