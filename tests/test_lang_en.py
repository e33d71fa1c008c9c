"""`--lang en` is English on every error path of the command line.

Each refusal is run with `--lang en`; its one line may quote the user's own data (a file
name, a value in quotes, the examples of accepted Japanese input after "e.g.") but says
nothing else in Japanese. The same refusals in Japanese are covered where each command
is tested.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from gs_assistant import cli
from gs_assistant.paths import samples_dir

MALFORMED = sorted((Path(__file__).parent / "malformed").glob("*.yaml"))
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\(e\.g\. [^)]*\)|\[[^\]]*\]")


def _english_line(err: str, *user_paths: Path) -> str:
    """The one line, checked; returns it with the user's data taken out."""
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    line = err.strip()
    for path in user_paths:
        line = line.replace(str(path), "FILE")
    rest = QUOTED.sub("…", line)
    assert not JAPANESE.search(rest), line
    return rest


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "large.yaml"
    shutil.copy(samples_dir() / "large_demo_india.yaml", target)
    return target


@pytest.mark.parametrize("path", MALFORMED, ids=[p.stem for p in MALFORMED])
def test_check_says_why_a_file_is_unusable_in_english(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check", str(path), "--lang", "en"]) == 2
    _english_line(capsys.readouterr().err, path)


def test_a_settings_home_that_is_a_file_is_said_in_english(
    copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GS_ASSISTANT_HOME", str(copy))
    assert cli.main(["--lang", "en", "check", str(copy)]) == 2
    _english_line(capsys.readouterr().err, copy)


def test_the_english_line_is_not_the_japanese_one(capsys: pytest.CaptureFixture[str]) -> None:
    """The check above could fail: the Japanese line is refused by it."""
    path = next(p for p in MALFORMED if p.stem == "empty")
    assert cli.main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    with pytest.raises(AssertionError):
        _english_line(err, path)


@pytest.mark.parametrize("argv", [
    ["check", "{tmp}/missing.yaml"],
    ["check", "{tmp}"],
    ["check", "sample:nope"],
    ["check", "sample:large_demo_india", "--pack", "{tmp}"],
    ["sample", "large_demo_india", "-o", "{f}"],
    ["export", "{tmp}/missing.yaml", "-o", "{tmp}/out.docx"],
    ["export", "{f}", "-o", "{tmp}/out.txt"],
    ["export", "{f}", "-o", "{f}"],
    ["export", "{f}", "-o", "{tmp}/out.docx", "--template", "{tmp}/no-templates"],
    ["audit", "{f}", "-o", "{f}"],
    ["audit", "{f}", "-o", "{tmp}/out", "--jobs", "0"],
    ["audit", "{tmp}/empty", "-o", "{tmp}/out"],
    ["audit", "{f}", "-o", "{tmp}/out", "--pack", "{tmp}"],
    ["decide", "{f}", "TYP-2A", "--status", "met", "--reason", "", "--author", "x"],
    ["decide", "{f}", "TYP-2A", "--status", "met", "--author", "x"],
    ["decide", "{f}", "TYP-1A", "--status", "met", "--reason", "r", "--author", "x"],
    ["comment", "{f}", "typ-2a", "--author", "x", "--text", "t"],
    ["comment", "{f}", "TYP-2A", "--author", "", "--text", "t"],
    ["decide", "{f}", "TYP-2A", "--withdraw", "--reason", "r", "--author", "x"],
    ["decide", "sample:large_demo_india", "TYP-2A", "--status", "met", "--reason", "r",
     "--author", "x"],
    ["comment", "{tmp}/missing.yaml", "TYP-2A", "--author", "x", "--text", "t"],
    ["open", "{tmp}/missing.yaml"],
    ["review", "{tmp}"],
    ["serve", "--folder", "{tmp}/nowhere"],
    ["serve", "--folder", "{tmp}", "--port", "0"],
    ["expenses", "{f}", "--import", "{tmp}/missing.csv"],
    ["expenses", "{f}", "--export", "{tmp}/plan.txt"],
    ["calendar", "{f}", "-o", "{tmp}/deadlines.txt"],
    ["check", "{f}", "--call", "{tmp}/missing.yaml"],
    ["export", "{f}", "--form", "{tmp}/missing.docx", "-o", "{tmp}/out.docx"],
], ids=lambda argv: "-".join(a for a in argv[:2] if "{" not in a))
def test_every_refusal_is_english(
    argv: list[str], copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tmp = copy.parent
    (tmp / "empty").mkdir()
    argv = ["--lang", "en", *(a.format(f=copy, tmp=tmp) for a in argv)]
    assert cli.main(argv) == 2
    _english_line(capsys.readouterr().err, copy, tmp)


def test_every_citation_reads_in_english() -> None:
    from gs_assistant.rules import default_pack
    from gs_assistant.rules.citations import readable_citation

    pack = default_pack()
    for rule in pack.rules:
        text = readable_citation(rule.citation, pack, "en")
        assert not JAPANESE.search(QUOTED.sub("", text)), (rule.id, text)


def test_an_expense_import_names_every_bad_cell_in_english(
        copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One line per bad cell (FILE:ROW:COLUMN: message), each English; the expected column
    names are the CSV's own, Japanese, headers (計上者, 費目 …), as typed input forms are."""
    bad = copy.parent / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    before = copy.read_bytes()
    assert cli.main(["--lang", "en", "expenses", str(copy), "--import", str(bad)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 3 and "Traceback" not in "".join(lines)
    for line in lines:
        assert line.startswith(f"{bad}:1:")
        rest = re.sub(r"（[^）]*）|\([^)]*\)", "", QUOTED.sub("…", line.replace(str(bad), "FILE")))
        assert not JAPANESE.search(rest), line
    assert copy.read_bytes() == before  # nothing imported
