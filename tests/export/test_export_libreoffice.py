"""The exported samples open in a real client: LibreOffice converts them to PDF with the
Japanese text intact. Page 1 of each is kept as a picture in tests/artifacts/ (git-ignored).

CI installs LibreOffice, a Japanese font and poppler (see .ci/run); the test does not skip
without them, it says what is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from gs_assistant.model import load_application
from gs_assistant.parsing import format_yen
from gs_assistant.paths import samples_dir

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
TOOLS = ("soffice", "pdftotext", "pdfinfo", "pdftoppm", "pdffonts")
PAGES = {"large_demo_india": (8, 20), "sme_fs_vietnam": (6, 14)}  # with 経費明細, the plan


def _run(args: list[str], timeout: int = 60) -> str:
    result = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{args[0]} failed: {result.stderr[-500:]}"
    return result.stdout


@pytest.fixture(scope="module")
def pdfs(exported: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    assert not missing, (f"missing {missing}: install libreoffice-writer-nogui, "
                         "fonts-ipaexfont and poppler-utils (see .ci/run)")
    out = tmp_path_factory.mktemp("pdf")
    profile = tmp_path_factory.mktemp("lo_profile")
    _run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
          "--convert-to", "pdf", "--outdir", str(out), *map(str, exported.values())],
         timeout=240)
    return {name: out / f"{name}.pdf" for name in exported}


@pytest.mark.parametrize("name", list(PAGES))
def test_libreoffice_keeps_the_japanese_text(pdfs: dict[str, Path], name: str) -> None:
    pdf = pdfs[name]
    assert pdf.is_file(), f"LibreOffice made no PDF of {name}"
    app = load_application(samples_dir() / f"{name}.yaml")
    info = _run(["pdfinfo", str(pdf)])
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    low, high = PAGES[name]
    assert low <= pages <= high
    assert "(A4)" in info

    text = re.sub(r"[ \t]+", "", _run(["pdftotext", "-layout", str(pdf), "-"]))
    compact = re.sub(r"\s+", "", text)
    for expected in (app.content.title, app.lead.name, "1.事業概要", "相手国の課題と相手国裨益",
                     "4.日本裨益", "5.事業区分・経費", "経費明細（費目別・計上者別、消費税抜き）",
                     "補助額の計算", "要件チェックリスト", "下書き",
                     format_yen(app.costs.total_yen), app.content.milestones[0].title,
                     # the plan's own sections
                     "構成員の概要", app.lead.profile.address, "相手国裨益の指標",
                     app.partner_benefit.indicators[0].name, "リスクと対応策",
                     app.risks[0].mitigation[:8], "資金計画（自己負担額の調達）",
                     format_yen(app.funding.own_funds_yen)):
        assert re.sub(r"\s+", "", expected) in compact, expected
    assert f"1/{pages}" in text  # the PAGE / NUMPAGES fields were computed
    assert "碑益" not in compact

    fonts = _run(["pdffonts", str(pdf)])
    assert re.search(r"IPAex|Noto\S*CJK|Gothic|Mincho", fonts), fonts

    ARTIFACTS.mkdir(exist_ok=True)
    _run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
          str(ARTIFACTS / f"{name}_page1")])
    assert (ARTIFACTS / f"{name}_page1.png").stat().st_size > 10_000


def test_amounts_stay_on_one_line_and_the_title_breaks_between_phrases(
        pdfs: dict[str, Path]) -> None:
    from gs_assistant.export.phrases import lines

    app = load_application(samples_dir() / "large_demo_india.yaml")
    text = _run(["pdftotext", "-layout", str(pdfs["large_demo_india"]), "-"])
    rows = [re.sub(r"\s+", "", line) for line in text.splitlines()]
    # each amount of the SME table, whole on one line of the rendered page
    for company in app.members():
        amount = f"{format_yen(company.capital_yen)}（"
        assert any(amount in row for row in rows), amount
    # the cover title: LibreOffice kept the lines the export set, and broke no phrase
    expected = lines(app.content.title, 38)
    assert len(expected) >= 2
    for line in expected:
        assert line.replace(" ", "") in rows, line


def test_the_expense_plan_renders_with_amounts_on_one_line(pdfs: dict[str, Path]) -> None:
    """The 経費明細 pages: every total of the 費目 × member table and every row's amount is
    whole on one line; the page is kept as a picture (docs/sample_draft_expenses.png is
    made from it)."""
    from gs_assistant.rules import check, default_pack

    app = load_application(samples_dir() / "large_demo_india.yaml")
    plan = check(app, default_pack()).facts.expenses
    pdf = str(pdfs["large_demo_india"])
    pages = int(re.search(r"Pages:\s+(\d+)", _run(["pdfinfo", pdf])).group(1))
    first = next(n for n in range(1, pages + 1) if "経費明細（費目別" in re.sub(
        r"\s+", "", _run(["pdftotext", "-f", str(n), "-l", str(n), pdf, "-"])))
    text = _run(["pdftotext", "-layout", "-f", str(first), "-l", str(first + 2), pdf, "-"])
    rows = [re.sub(r"\s+", "", line) for line in text.splitlines()]
    amounts = [format_yen(c.total_yen) for c in plan.by_category.values()]
    amounts += [f"{y:,}" for y in plan.row_yen if y]
    for amount in amounts:
        assert any(amount in row for row in rows), amount
    assert any("1.78" in row and "2026-05-15" in row for row in rows)  # a rate and its date
    ARTIFACTS.mkdir(exist_ok=True)
    _run(["pdftoppm", "-png", "-r", "80", "-f", str(first), "-l", str(first), "-singlefile",
          pdf, str(ARTIFACTS / "large_demo_india_expenses")])
    assert (ARTIFACTS / "large_demo_india_expenses.png").stat().st_size > 10_000
