"""The fuzz run: parsers, the YAML loader, the checker and the Word export on random input.

Each target either succeeds or refuses with the product's own error (``AmountError``,
``DateError``, ``ApplicationFileError``, ``ExportError``) whose message is one line; any
other exception is a crash and fails the test. The number of examples per target is in
``fuzzing.BUDGET``: a few hundred in the ordinary run, 10,000 in all for the full run:

    HYPOTHESIS_PROFILE=fuzz .venv/bin/python -m pytest -q -p no:cacheprovider \
        tests/reliability/test_fuzz.py

The seed corpus (``corpus/``) is replayed by ``test_corpus_*`` and seeds the mutations.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from fuzzing import (
    CORPUS,
    YAML_TEXT,
    application_data,
    examples,
    mutated_files,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gs_assistant.export.docx import docx_bytes
from gs_assistant.export.errors import ExportError
from gs_assistant.export.values import PLACEHOLDER, clean_text
from gs_assistant.model import Application, ApplicationFileError, load_application
from gs_assistant.model import files as model_files
from gs_assistant.parsing import (
    AmountError,
    DateError,
    format_date,
    format_yen,
    format_yen_kanji,
    parse_amount,
    parse_date,
    to_wareki,
)
from gs_assistant.rules import check, default_pack
from gs_assistant.rules.render import report_json, report_markdown, report_text
from test_rules_properties import any_application

PACK = default_pack()
MARKER = Path("/tmp/gs_fuzz_PWNED")  # what the os.system snippets would create
WORK = Path(tempfile.mkdtemp(prefix="gs_fuzz_"))
COUNTS: Counter[str] = Counter()  # examples run per target
REFUSED: Counter[str] = Counter()  # ...of which refused with the product's own error
JAPANESE = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")


def fuzz(target: str, **extra: Any):
    return settings(max_examples=examples(target), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much], **extra)


@pytest.fixture(scope="module", autouse=True)
def _report(request: pytest.FixtureRequest):
    """Print how many examples each target ran (the figures in docs/reliability.md)."""
    MARKER.unlink(missing_ok=True)
    yield
    shutil.rmtree(WORK, ignore_errors=True)
    assert not MARKER.exists(), "a YAML tag executed a command"
    if COUNTS:
        parts = ", ".join(f"{k} {v} ({REFUSED[k]} refused)" for k, v in sorted(COUNTS.items()))
        capture = request.config.pluginmanager.getplugin("capturemanager")
        with capture.global_and_fixture_disabled():
            print(f"\nfuzz examples: {sum(COUNTS.values())} ({parts}); "
                  f"failed tests: {request.session.testsfailed}")


def one_line(message: str) -> None:
    assert message.strip(), "an error without a message"
    assert "\n" not in message and "\r" not in message, message


def assert_file_error(exc: ApplicationFileError, path: Path | str) -> None:
    """One line that starts with the file's name and says what is wrong in Japanese."""
    one_line(str(exc))
    assert str(exc).startswith(f"{path}: "), str(exc)
    assert JAPANESE.search(exc.message), f"not a Japanese message: {exc}"


def round_trip(app: Application, name: str) -> None:
    """Anything the model holds saves and loads back equal, and can be checked.

    The one exception is by design: the model takes any well-formed country code, the
    loader only known ones (the wizard offers only the rule pack's countries).
    """
    path = WORK / name
    model_files.save_application(app, path)
    unknown = [(where, code) for where, code in model_files.country_fields(app)
               if code not in model_files.known_countries()]
    if unknown:
        with pytest.raises(ApplicationFileError) as info:
            load_application(path)
        assert info.value.field == unknown[0][0]
    else:
        assert load_application(path) == app
    report = check(app, PACK)
    assert len(report.items) > 0


# ---------------------------------------------------------------- parsers

AMOUNT_PIECES = st.sampled_from([*"0123456789,.兆億万千百円¥￥０１２５，．約-△ 　",
                                 "億円", "万円", "千円", "1,000", "\n", "\x00", "①", "5憶"])
AMOUNTS = st.one_of(
    st.text(max_size=40), st.lists(AMOUNT_PIECES, max_size=16).map("".join),
    st.integers(0, 10**15).map(format_yen_kanji), st.integers(0, 10**15).map(format_yen),
    st.tuples(st.integers(0, 10**16).map(format_yen_kanji), st.integers(0, 12), AMOUNT_PIECES)
    .map(lambda t: t[0][:t[1]] + t[2] + t[0][t[1]:]),
)


def _amount_or_error(text: str) -> int | None:
    try:
        value = parse_amount(text)
    except AmountError as exc:
        one_line(str(exc))
        one_line(exc.en)
        return None
    assert type(value) is int and 0 <= value <= 10**15
    return value


@fuzz("amounts")
@given(AMOUNTS)
def test_fuzz_amount_parser(text: str) -> None:
    COUNTS["amounts"] += 1
    value = _amount_or_error(text)
    REFUSED["amounts"] += value is None
    if value is not None:  # what we print, we read back
        assert parse_amount(format_yen(value)) == value
        assert parse_amount(format_yen_kanji(value)) == value


DATE_PIECES = st.sampled_from([*"0123456789-/.年月日元RHSrhs ０１２　",
                               "令和", "平成", "昭和", "大正", "㋿", "\n", "\x00", "02-30"])
DATES = st.one_of(
    st.text(max_size=30), st.lists(DATE_PIECES, max_size=14).map("".join),
    st.dates().map(format_date), st.dates().map(lambda d: d.strftime("%Y年%m月%d日")),
)


@fuzz("dates")
@given(DATES, st.dates())
def test_fuzz_date_parser_and_formatters(text: str, day: date) -> None:
    COUNTS["dates"] += 1
    try:
        value = parse_date(text)
    except DateError as exc:
        REFUSED["dates"] += 1
        one_line(str(exc))
        one_line(exc.en)
    else:
        assert parse_date(value.isoformat()) == value
        assert parse_date(format_date(value).split("（")[0]) == value
    shown = format_date(day)  # any date at all is shown, in 和暦 from 昭和 on
    try:
        wareki = to_wareki(day)
    except DateError as exc:
        one_line(str(exc))
        assert day < date(1926, 12, 25)
    else:
        assert parse_date(wareki) == day and wareki in shown


# ---------------------------------------------------------------- the YAML loader


@fuzz("yaml_text")
@given(YAML_TEXT)
def test_fuzz_yaml_loader_on_random_text(text: str) -> None:
    COUNTS["yaml_text"] += 1
    try:
        app = model_files.application_from_data(model_files.parse_yaml(text, "fuzz.yaml"),
                                                 "fuzz.yaml")
    except ApplicationFileError as exc:
        REFUSED["yaml_text"] += 1
        assert_file_error(exc, "fuzz.yaml")
        return
    round_trip(app, "text.yaml")


@fuzz("yaml_mutated")
@given(mutated_files())
def test_fuzz_yaml_loader_on_mutated_files(data: bytes) -> None:
    COUNTS["yaml_mutated"] += 1
    path = WORK / "mutated.yaml"
    path.write_bytes(data)
    try:
        app = load_application(path)
    except ApplicationFileError as exc:
        REFUSED["yaml_mutated"] += 1
        assert_file_error(exc, path)
        return
    finally:
        assert not MARKER.exists(), "a YAML tag executed a command"
    round_trip(app, "mutated_saved.yaml")


# ---------------------------------------------------------------- the checker


@fuzz("checker")
@given(any_application)
def test_fuzz_checker_and_files_on_random_valid_applications(app: Application) -> None:
    COUNTS["checker"] += 1
    report = check(app, PACK)
    for lang in ("ja", "en"):
        json.dumps(report_json(report, "fuzz.yaml", lang), ensure_ascii=False)
        report_text(report, "fuzz.yaml", PACK, lang)
        report_markdown(report, "fuzz.yaml", PACK, lang)
    round_trip(app, "checker.yaml")


# ---------------------------------------------------------------- the Word export


def _texts(doc) -> list[str]:
    out = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        out += [cell.text for row in table.rows for cell in row.cells]
    return out


def export_and_read(app: Application):
    """The draft's bytes opened again with python-docx (a broken package would fail)."""
    try:
        data = docx_bytes(app, PACK, today=date(2026, 4, 1))
    except ExportError as exc:  # allowed by the contract, but never for the bundled templates
        pytest.fail(f"the bundled templates refused a valid application: {exc}")
    return docx.Document(io.BytesIO(data))


@fuzz("docx")
@given(st.booleans().flatmap(lambda clean: st.tuples(st.just(clean), application_data(clean))))
def test_fuzz_docx_export_on_hostile_unicode_and_numbers(case: tuple[bool, dict]) -> None:
    """Every field filled with random Unicode and numbers: export, or a one-line refusal.

    Clean data (anything the model is meant to take) must be accepted and exported.
    """
    COUNTS["docx"] += 1
    clean, data = case
    try:
        app = model_files.application_from_data(data, "fuzz.yaml")
    except ApplicationFileError as exc:
        REFUSED["docx"] += 1
        assert not clean, f"valid data was refused: {exc}"
        assert_file_error(exc, "fuzz.yaml")
        return
    doc = export_and_read(app)
    title = clean_text(app.content.title) or PLACEHOLDER
    # the cover title may be set in lines broken between phrases: the same text
    shown = [p.text for p in doc.paragraphs if p.style.name == "Title"]
    assert [t.replace("\n", "") for t in shown] == [title.replace("\n", "")]
    name = clean_text(app.lead.name)
    if name:
        assert any(name in t for t in _texts(doc)), "the applicant's name is missing"
    round_trip(app, "docx.yaml")


YEN_FIELDS = ["lead.capital_yen", "co_applicants[0].capital_yen", "costs.total_yen",
              "costs.eligible_yen"]


@fuzz("docx")
@given(st.sampled_from(YEN_FIELDS),
       st.integers(max_value=-1) | st.integers(max_value=-1).map(lambda n: f"-{-n:,}円")
       | st.sampled_from(["△5億円", "マイナス100万円", "−1億円"]))
def test_negative_yen_is_refused_naming_the_field(field: str, amount: int | str) -> None:
    data: dict[str, Any] = {"meta": {"schema_version": 1}}
    section, key = field.split(".")
    if section.startswith("co_applicants"):
        data["co_applicants"] = [{key: amount}]
    else:
        data[section] = {key: amount}
    with pytest.raises(ApplicationFileError) as info:
        model_files.application_from_data(data, "fuzz.yaml")
    assert info.value.field == field
    assert_file_error(info.value, "fuzz.yaml")


# ---------------------------------------------------------------- the seed corpus


def _corpus_strings(name: str) -> list[str]:
    return json.loads((CORPUS / name).read_text(encoding="utf-8"))


def test_the_corpus_is_there() -> None:
    files = sorted(p.name for p in CORPUS.iterdir())
    assert len(files) >= 30, files


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.yaml")))
def test_corpus_files_load_or_give_one_line(name: str) -> None:
    path = CORPUS / name
    try:
        app = load_application(path)
    except ApplicationFileError as exc:
        assert_file_error(exc, path)
        assert not name.startswith("ok_"), str(exc)
        return
    assert not name.startswith("bad_"), "this file should be refused"
    round_trip(app, "corpus.yaml")
    export_and_read(app)


def test_corpus_amounts() -> None:
    for text in _corpus_strings("amounts.json"):
        _amount_or_error(text)


def test_corpus_dates() -> None:
    for text in _corpus_strings("dates.json"):
        try:
            parse_date(text)
        except DateError as exc:
            one_line(str(exc))


@pytest.mark.parametrize("text", _corpus_strings("texts.json"), ids=lambda t: ascii(t)[:24])
def test_corpus_texts_in_every_field_export(text: str) -> None:
    """A hostile text in the title, the summary and the applicant's name: the model
    accepts it or refuses it with one line; the export always works."""
    data = {"meta": {"schema_version": 1}, "lead": {"name": text, "role": text},
            "content": {"title": text, "summary": text, "activities": text},
            "indicators": [{"name": text, "unit": text, "baseline": 1, "target": 2}]}
    try:
        app = model_files.application_from_data(data, "corpus.yaml")
    except ApplicationFileError as exc:
        assert_file_error(exc, "corpus.yaml")
        return
    doc = export_and_read(app)
    expected = clean_text(text) or PLACEHOLDER
    title = [p.text for p in doc.paragraphs if p.style.name == "Title"]
    # the cover title may be set in lines broken between phrases: the same text
    assert [t.replace("\n", "") for t in title] == [expected.replace("\n", "")]


def test_corpus_through_the_command_line() -> None:
    """``gs-assistant check`` on every corpus file at once: one line per refused file, each
    naming it; the others are checked; no traceback, no hang."""
    bad = sorted(CORPUS.glob("bad_*.yaml"))
    good = sorted(CORPUS.glob("ok_*.yaml"))
    result = subprocess.run(
        [sys.executable, "-m", "gs_assistant", "check", *map(str, good + bad)],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == len(bad), result.stderr
    for path, line in zip(bad, lines, strict=True):
        assert line.startswith(f"gs-assistant: {path}: "), line
        assert JAPANESE.search(line.split(f"{path}: ", 1)[1]), line
    for path in good:
        assert f"== {path}" in result.stdout


def test_numbers_in_files_are_read_as_decimal() -> None:
    """YAML 1.1 would read 050 as octal (40) and 1:30 as 90; the loader reads decimal only."""
    app = load_application(CORPUS / "ok_zero_padded_numbers.yaml")
    assert (app.lead.employees, app.lead.capital_yen) == (50, 300_000_000)
    assert app.costs.total_yen == 1_000_000
    for name in ("bad_sexagesimal.yaml", "bad_hex_number.yaml"):
        with pytest.raises(ApplicationFileError) as info:
            load_application(CORPUS / name)
        assert info.value.field == "lead.employees"
