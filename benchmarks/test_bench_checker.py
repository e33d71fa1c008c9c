"""Speed of the checklist (not run by the test suite).

    .venv/bin/python -m pytest benchmarks/ --benchmark-only -p no:cacheprovider

Goal (docs: product spec): re-running the whole checklist after a field changes takes
under 2 ms median. Two references run in the same session: pydantic walking the same
application (``model_dump``, compiled code) and loading the sample file.
"""

from __future__ import annotations

import itertools

import pytest

from gs_assistant.model import Application, load_application
from gs_assistant.paths import samples_dir
from gs_assistant.rules import RulePack, check, default_pack

LARGE = samples_dir() / "large_demo_india.yaml"
SMALL = samples_dir() / "sme_fs_vietnam.yaml"


@pytest.fixture(scope="module")
def pack() -> RulePack:
    return default_pack()


@pytest.fixture
def large_app() -> Application:
    return load_application(LARGE)


@pytest.mark.benchmark(group="checklist")
def test_check_large_sample(benchmark, large_app: Application, pack: RulePack) -> None:
    report = benchmark(check, large_app, pack)
    assert len(report.items) > 30


@pytest.mark.benchmark(group="checklist")
def test_check_small_sample(benchmark, pack: RulePack) -> None:
    app = load_application(SMALL)
    report = benchmark(check, app, pack)
    assert report.items


@pytest.mark.benchmark(group="checklist")
def test_edit_a_field_then_check(benchmark, large_app: Application, pack: RulePack) -> None:
    """What the wizard does on each keystroke: set a validated field, re-run everything."""
    amounts = itertools.cycle([3_000_000_000, 1_000_000_000, 1_000_000_002, 200_000_000])

    def edit_and_check():
        large_app.costs.eligible_yen = next(amounts)
        return check(large_app, pack)

    report = benchmark(edit_and_check)
    assert report.facts.subsidy_yen is not None


@pytest.mark.benchmark(group="checklist")
def test_reference_model_dump(benchmark, large_app: Application) -> None:
    """Reference: pydantic-core walking the same application once."""
    data = benchmark(large_app.model_dump)
    assert data["country"] == "IND"


@pytest.mark.benchmark(group="file")
def test_load_large_sample(benchmark) -> None:
    """Reference for the batch figures: read, parse and validate one file."""
    app = benchmark(load_application, LARGE)
    assert app.track is not None
