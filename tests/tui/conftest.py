"""Fixtures for the wizard's tests: a private user-data folder and sample copies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gs_assistant.model import application_to_yaml, load_application
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


@pytest.fixture
def typed_copy(tmp_path: Path) -> Path:
    """The small sample without its expense plan: the totals typed by hand decide the
    subsidy and the amount rules, as in a file from before the plan (with a plan, its sums
    do, and a typed total only has to agree with them)."""
    app = load_application(SMALL)
    app.costs.expenses = []
    app.costs.plan_date = None
    target = tmp_path / "typed.yaml"
    target.write_text(application_to_yaml(app), encoding="utf-8")
    return target
