"""Malformed application files: each gives exit 2 and one line naming the file and field.

Every file in ``tests/malformed/`` is listed in ``EXPECTED`` with the field its message
must name ("" when the problem is the file as a whole) and a fragment of the message.
The real command line runs in a subprocess, so a traceback or a hang would show.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gs_assistant import cli
from gs_assistant.model import Application, ApplicationFileError, load_application
from gs_assistant.model import files as model_files

MALFORMED = Path(__file__).parent / "malformed"
TIMEOUT = 60

# file name -> (field named in the message, fragment of the message)
EXPECTED: dict[str, tuple[str, str]] = {
    "alias_bomb.yaml": ("", "エイリアス"),
    "bad_indentation.yaml": ("", "YAMLとして読めません（5行目"),
    "bad_schema_version.yaml": ("meta.schema_version", "'one'"),
    "binary_junk.yaml": ("", "UTF-8のテキストではありません"),
    "control_char_escaped.yaml": ("lead.name", "U+0007"),
    "control_char_raw.yaml": ("", "U+001B があります（4行目）"),
    "country_lowercase.yaml": ("country", "'vnm'"),
    "duplicate_keys.yaml": ("", "キー「total_yen」が重複しています（6行目）"),
    "empty.yaml": ("", "空のファイル"),
    "foreign_yaml.yaml": ("", "申請ファイルではありません"),
    "fractional_yen.yaml": ("costs.eligible_yen", "円単位の整数"),
    "impossible_date.yaml": ("period.start", "「2026-02-30」は存在しない日付です"),
    "impossible_wareki_date.yaml": ("period.end", "「令和8年2月30日」は存在しない日付です"),
    "invalid_utf8.yaml": ("", "UTF-8のテキストではありません"),
    "meta_not_mapping.yaml": ("meta", "マッピング"),
    "nan_indicator.yaml": ("indicators[0].target", "有限の数値"),
    "negative_amount.yaml": ("costs.total_yen", "0以上"),
    "newer_schema.yaml": ("meta.schema_version", "スキーマ 99"),
    "no_meta.yaml": ("", "meta:"),
    "only_comment.yaml": ("", "空のファイル"),
    "percent_over_100.yaml": ("large.affiliates[0].stake_percent", "100以下"),
    "python_object_tag.yaml": ("", "python/object"),
    "top_level_list.yaml": ("", "申請ファイルではありません"),
    "top_level_scalar.yaml": ("", "申請ファイルではありません"),
    "truncated_yaml.yaml": ("", "YAMLとして読めません"),
    "unknown_country.yaml": ("country", "'XYZ'"),
    "unknown_country_affiliate.yaml": ("large.affiliates[1].country", "'ATL'"),
    "unknown_key.yaml": ("lead.capitl_yen", "綴り"),
    "unknown_track.yaml": ("track", "'medium'"),
    "utf16.yaml": ("", "UTF-8のテキストではありません"),
    "vague_amount.yaml": ("costs.eligible_yen", "「約5億円」は金額として読めません"),
    "wrong_type_capital.yaml": ("lead.capital_yen", "「たくさん」は金額として読めません"),
    "wrong_type_employees.yaml": ("lead.employees", "整数が必要です"),
    "wrong_type_lead_list.yaml": ("lead", "マッピング"),
}


def run_check(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "gs_assistant", "check", *args],
        capture_output=True, text=True, encoding="utf-8", errors="replace",
        timeout=TIMEOUT, cwd=cwd, env=env,
    )


@pytest.fixture(scope="module")
def results() -> dict[str, subprocess.CompletedProcess[str]]:
    """Run the command once per malformed file, two at a time (the machine has 2 cores)."""
    names = sorted(EXPECTED)
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = pool.map(lambda n: run_check(str(MALFORMED / n)), names)
        return dict(zip(names, done, strict=True))


def assert_one_line_error(result: subprocess.CompletedProcess[str], file: str, field: str,
                          fragment: str) -> str:
    assert "Traceback" not in result.stderr
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    where = f"gs-assistant: {file}: {field}: " if field else f"gs-assistant: {file}: "
    assert line.startswith(where), line
    assert fragment in line, line
    return line


def test_every_malformed_file_has_an_expectation() -> None:
    on_disk = {p.name for p in MALFORMED.iterdir() if p.is_file()}
    assert on_disk == set(EXPECTED)
    assert len(on_disk) >= 10


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_malformed_file_gives_exit_2_and_one_line(
    name: str, results: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    field, fragment = EXPECTED[name]
    result = results[name]
    assert_one_line_error(result, str(MALFORMED / name), field, fragment)
    assert result.stdout == ""


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_loading_in_process_raises_only_application_file_error(name: str) -> None:
    """What the wizard and the audit see: the same error, as an exception with its field."""
    field, fragment = EXPECTED[name]
    with pytest.raises(ApplicationFileError) as info:
        load_application(MALFORMED / name)
    assert info.value.field == field
    assert fragment in info.value.message
    assert "\n" not in str(info.value)


def test_checking_never_changes_the_file(tmp_path: Path) -> None:
    """Nothing the user typed is lost: a refused file is left exactly as it was."""
    target = tmp_path / "vague.yaml"
    original = (MALFORMED / "vague_amount.yaml").read_bytes()
    target.write_bytes(original)
    result = run_check(str(target))
    assert result.returncode == 2
    assert target.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vague.yaml"]


def test_good_and_bad_files_together(tmp_path: Path) -> None:
    """One bad file does not hide the report of a good one; the exit status says 2."""
    result = run_check("sample:sme_fs_vietnam", str(MALFORMED / "empty.yaml"))
    assert result.returncode == 2
    assert "== sample:sme_fs_vietnam" in result.stdout
    assert result.stderr.count("\n") == 1
    assert str(MALFORMED / "empty.yaml") in result.stderr


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.yaml"
    assert_one_line_error(run_check(str(missing)), str(missing), "", "見つかりません")


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "drafts.yaml"
    folder.mkdir()
    assert_one_line_error(run_check(str(folder)), str(folder), "", "フォルダです")


def test_unknown_sample() -> None:
    result = run_check("sample:no_such_sample")
    assert_one_line_error(result, "sample:no_such_sample", "", "そのサンプルはありません")


def test_nul_byte_in_utf8_text(tmp_path: Path) -> None:
    path = tmp_path / "nul.yaml"
    path.write_bytes("meta:\n  schema_version: 1\nlead:\n  name: 株式会社\x00\n".encode())
    assert_one_line_error(run_check(str(path)), str(path), "", "バイナリファイル")


def test_too_deeply_nested(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("meta: {}\nlead: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert_one_line_error(run_check(str(path)), str(path), "", "YAMLとして読めません")


def test_too_large_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("meta: {}\n# " + "あ" * 400 + "\n", encoding="utf-8")
    monkeypatch.setattr(model_files, "MAX_FILE_BYTES", 1000)
    assert cli.main(["check", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"gs-assistant: {path}: ファイルが大きすぎます")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                         capsys: pytest.CaptureFixture[str]) -> None:
    """No read permission. Root reads anything, so the refusal is simulated in-process."""
    path = tmp_path / "locked.yaml"
    path.write_text("meta: {}\n", encoding="utf-8")
    real_open = os.open

    def refuse(name, *args, **kwargs):
        if Path(name) == path:
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    assert cli.main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [f"gs-assistant: {path}: ファイルを読む権限がありません"]


def test_other_os_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "flaky.yaml"
    path.write_text("meta: {}\n", encoding="utf-8")

    real_read = os.read

    def fail(fd: int, n: int) -> bytes:
        if os.path.samefile(f"/proc/self/fd/{fd}", path):
            raise OSError(5, "Input/output error")
        return real_read(fd, n)

    monkeypatch.setattr(os, "read", fail)
    with pytest.raises(ApplicationFileError, match="読み込めません: Input/output error"):
        load_application(path)


# ---------------------------------------------------------------- fuzzing


def _field_names() -> list[str]:
    schema = Application.model_json_schema()
    names = set(schema["properties"])
    for definition in schema["$defs"].values():
        names.update(definition.get("properties", {}))
    return sorted(names)


_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
    st.sampled_from(["5億円", "約5億円", "2026-02-30", "令和8年2月30日", "XYZ", "VNM",
                     "large_asean", "type2", "met", "\x07", "2026-04-01T09:00:00+09:00"]),
)
_DOCS = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(_field_names()), inner, max_size=5),
    ),
    max_leaves=25,
)


def _load_text(text: str) -> None:
    try:
        model_files.application_from_data(model_files.parse_yaml(text, "fuzz.yaml"), "fuzz.yaml")
    except ApplicationFileError as exc:
        assert "\n" not in str(exc)
        assert str(exc).startswith("fuzz.yaml: ")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(_field_names()), _DOCS, max_size=6))
def test_any_shape_of_file_loads_or_gives_one_clear_error(body: dict) -> None:
    """Real field names with values of every type: only ApplicationFileError, one line."""
    _load_text(yaml.safe_dump({"meta": {"schema_version": 1}, **body}, allow_unicode=True))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_loads_or_gives_one_clear_error(text: str) -> None:
    _load_text(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_any_bytes_load_or_give_one_clear_error(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data)
    try:
        load_application(path)
    except ApplicationFileError as exc:
        assert "\n" not in str(exc)
