"""Application files: round trip, atomic save with backup, migration, schema, typed values."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from gs_assistant import cli
from gs_assistant.model import (
    Application,
    ApplicationFileError,
    application_from_data,
    application_to_yaml,
    atomic_write_text,
    load_application,
    save_application,
)
from gs_assistant.model import files as model_files
from gs_assistant.model.application import SCHEMA_VERSION
from gs_assistant.parsing import AmountError, parse_amount
from gs_assistant.paths import samples_dir

SAMPLES = sorted(samples_dir().glob("*.yaml"))


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# ---------------------------------------------------------------- round trip


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_round_trip_keeps_every_answer(sample: Path, tmp_path: Path) -> None:
    app = load_application(sample)
    target = tmp_path / sample.name
    save_application(app, target)
    again = load_application(target)
    assert again == app
    assert again.model_dump() == app.model_dump()
    save_application(again, target)  # saving an unchanged application changes nothing
    assert target.read_text(encoding="utf-8") == application_to_yaml(app)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_japanese_is_stored_readable(sample: Path, tmp_path: Path) -> None:
    app = load_application(sample)
    target = tmp_path / sample.name
    save_application(app, target)
    raw = target.read_bytes()
    text = raw.decode("utf-8")  # UTF-8, not escaped
    assert app.lead.name in text
    assert app.content.title in text
    assert "\\u" not in text and "\\x" not in text
    assert not raw.startswith(b"\xef\xbb\xbf")  # no BOM


def test_two_samples_exist() -> None:
    assert {p.stem for p in SAMPLES} >= {"large_demo_india", "sme_fs_vietnam"}


# ---------------------------------------------------------------- atomic save and backup


def test_backup_keeps_the_previous_version(sample_copy: Path) -> None:
    before = sample_copy.read_text(encoding="utf-8")
    app = load_application(sample_copy)
    app.content.title = "改訂した事業名称"
    save_application(app, sample_copy)
    backup = sample_copy.with_name(sample_copy.name + ".bak")
    assert backup.read_text(encoding="utf-8") == before
    assert load_application(sample_copy).content.title == "改訂した事業名称"

    app.content.title = "三度目の事業名称"
    save_application(app, sample_copy)
    assert load_application(backup).content.title == "改訂した事業名称"
    assert _leftovers(sample_copy.parent) == []


def test_a_new_file_has_no_backup(tmp_path: Path, small_app: Application) -> None:
    target = tmp_path / "new.yaml"
    save_application(small_app, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.yaml"]


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failed_save_leaves_the_original_whole(
    failing: str, sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = sample_copy.read_bytes()
    app = load_application(sample_copy)
    app.content.title = "保存されないはずの変更"

    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(model_files.os, failing, broken)
    with pytest.raises(OSError, match="No space left"):
        save_application(app, sample_copy)
    monkeypatch.undo()
    assert sample_copy.read_bytes() == original
    assert _leftovers(sample_copy.parent) == []
    assert load_application(sample_copy).content.title != "保存されないはずの変更"


def test_an_interrupted_save_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "draft.yaml"
    atomic_write_text(target, "meta: {}\n")

    def interrupt(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(model_files.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(target, "meta: {schema_version: 1}\n")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "meta: {}\n"
    assert _leftovers(tmp_path) == []


def test_new_files_are_owner_only(tmp_path: Path, small_app: Application) -> None:
    old_umask = os.umask(0o022)
    try:
        target = tmp_path / "mine.yaml"
        save_application(small_app, target)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_saving_keeps_the_mode_of_an_existing_file(tmp_path: Path,
                                                   small_app: Application) -> None:
    target = tmp_path / "shared.yaml"
    target.write_text("meta: {}\n", encoding="utf-8")
    target.chmod(0o640)
    save_application(small_app, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert load_application(target) == small_app


# ---------------------------------------------------------------- safe loading


def test_the_libyaml_loader_is_used_when_present() -> None:
    expected = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    assert issubclass(model_files._Loader, expected)


def test_dates_stay_text_until_the_model_reads_them() -> None:
    data = model_files.parse_yaml("meta: {}\nperiod: {start: 2026-07-01}\n")
    assert data["period"]["start"] == "2026-07-01"
    app = application_from_data(data)
    assert app.period.start == date(2026, 7, 1)


# ---------------------------------------------------------------- countries


def test_known_countries_come_from_the_bundled_pack(pack) -> None:
    assert model_files.known_countries() == frozenset(pack.countries)


def test_loading_a_file_does_not_import_the_checker() -> None:
    """The country lookup reads the list itself: opening a file stays light."""
    code = (
        "import sys\n"
        "from gs_assistant.model import load_application\n"
        f"load_application({str(SAMPLES[0])!r})\n"
        "print(sorted(m for m in sys.modules if m.startswith('gs_assistant.rules')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_every_country_field_is_checked() -> None:
    """``country_fields`` finds codes by the field name ``country``: every ISO-code field
    of the schema must be called that, or an unknown code there would load silently."""
    found: list[str] = []

    def walk(node: Any, name: str) -> None:
        if isinstance(node, dict):
            if node.get("pattern") == "^[A-Z]{3}$":
                found.append(name)
            for key, value in node.items():
                walk(value, key if key not in ("anyOf", "items") else name)
            for key, value in node.get("properties", {}).items():
                walk(value, key)
        elif isinstance(node, list):
            for value in node:
                walk(value, name)

    walk(Application.model_json_schema(), "")
    assert found and set(found) == {"country"}


def test_unknown_country_anywhere_is_refused(large_app: Application) -> None:
    data = large_app.model_dump(mode="json")
    data["large"]["similar_projects"][0]["country"] = "XYZ"
    with pytest.raises(ApplicationFileError) as info:
        application_from_data(data, "x.yaml")
    assert info.value.field == "large.similar_projects[0].country"
    data["large"]["similar_projects"][0]["country"] = "THA"
    assert application_from_data(data).large.similar_projects[0].country == "THA"


# ---------------------------------------------------------------- schema versions


def test_a_file_without_schema_version_is_read_as_the_current_one() -> None:
    app = application_from_data({"meta": {}, "lead": {"name": "株式会社テスト（架空）"}})
    assert app.meta.schema_version == SCHEMA_VERSION == 2
    assert app.lead.name == "株式会社テスト（架空）"


def test_a_version_1_file_keeps_its_two_numbers_as_declared_totals(tmp_path: Path) -> None:
    """Schema 1 had only costs.total_yen / eligible_yen: they stay the declared totals
    (no rows are made up), the file opens and saves as version 2 with the same numbers."""
    path = tmp_path / "v1.yaml"
    path.write_text("meta:\n  schema_version: 1\ncosts:\n  total_yen: 5億円\n"
                    "  eligible_yen: 400000000\n", encoding="utf-8")
    app = load_application(path)
    assert app.meta.schema_version == 2
    assert (app.costs.total_yen, app.costs.eligible_yen) == (500_000_000, 400_000_000)
    assert app.costs.expenses == []
    save_application(app, path)
    again = load_application(path)
    assert again.costs == app.costs and again.meta.schema_version == 2


def test_an_older_schema_is_migrated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The migration scaffold, with a made-up migration 1 → 2 in place of the real one:
    a version-1 file goes through MIGRATIONS[1] and comes out as version 2."""
    calls: list[int] = []

    def one_to_two(data: dict[str, Any]) -> dict[str, Any]:
        calls.append(data["meta"]["schema_version"])
        data = dict(data)
        data["content"] = {"title": data.pop("project_title")}  # a renamed field
        return data

    monkeypatch.setattr(model_files, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(model_files.MIGRATIONS, 1, one_to_two)
    path = tmp_path / "old.yaml"
    path.write_text("meta:\n  schema_version: 1\nproject_title: 蓄電池の実証\n", encoding="utf-8")
    app = load_application(path)
    assert calls == [1]
    assert app.content.title == "蓄電池の実証"
    assert app.meta.schema_version == 2


def test_a_missing_migration_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_files, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(model_files.MIGRATIONS, 1, lambda data: data)
    monkeypatch.delitem(model_files.MIGRATIONS, 2, raising=False)
    with pytest.raises(ApplicationFileError) as info:
        application_from_data({"meta": {"schema_version": 1}}, "old.yaml")
    assert info.value.field == "meta.schema_version"
    assert "スキーマ 2 からの移行" in info.value.message


@pytest.mark.parametrize("version", [SCHEMA_VERSION + 1, 99])
def test_a_newer_schema_is_refused(version: int) -> None:
    with pytest.raises(ApplicationFileError) as info:
        application_from_data({"meta": {"schema_version": version}}, "new.yaml")
    assert info.value.field == "meta.schema_version"
    assert str(info.value).startswith("new.yaml: meta.schema_version: ")
    assert f"スキーマ {version}" in info.value.message
    assert "更新" in info.value.message


@pytest.mark.parametrize("version", [0, -1, "1", True, 1.5, None])
def test_a_malformed_schema_version_is_refused(version: Any) -> None:
    data = {"meta": {"schema_version": version}}
    with pytest.raises(ApplicationFileError) as info:
        application_from_data(data, "odd.yaml")
    assert info.value.field == "meta.schema_version"


# ---------------------------------------------------------------- amounts and dates typed by hand


def test_amounts_and_dates_typed_by_hand(tmp_path: Path) -> None:
    path = tmp_path / "typed.yaml"
    path.write_text(
        "meta: {schema_version: 1}\n"
        "lead: {capital_yen: ３，０００万円}\n"
        "costs:\n  total_yen: 6億円\n  eligible_yen: 5億円\n"
        "period:\n  start: 令和8年7月1日\n  end: 2027/6/30\n"
        "large:\n  mou: {date: R8.12.1}\n",
        encoding="utf-8",
    )
    app = load_application(path)
    assert app.costs.total_yen == 600_000_000
    assert app.costs.eligible_yen == 500_000_000
    assert type(app.costs.eligible_yen) is int
    assert app.lead.capital_yen == 30_000_000
    assert app.period.start == date(2026, 7, 1)
    assert app.period.end == date(2027, 6, 30)
    assert app.large.mou.date == date(2026, 12, 1)
    save_application(app, path)  # saved back in the canonical form
    text = path.read_text(encoding="utf-8")
    assert "eligible_yen: 500000000" in text
    assert "start: '2026-07-01'" in text


def test_a_vague_amount_names_the_field_and_the_parser_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "vague.yaml"
    path.write_text("meta: {}\ncosts:\n  eligible_yen: 約5億円\n", encoding="utf-8")
    with pytest.raises(AmountError) as parser:
        parse_amount("約5億円")
    assert cli.main(["check", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"gs-assistant: {path}: costs.eligible_yen: {parser.value}"]


# ---------------------------------------------------------------- JSON Schema


def _schema(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert cli.main(["schema"]) == 0
    return json.loads(capsys.readouterr().out)


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        schema = {**root["$defs"][name], **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def _errors(value: Any, schema: dict[str, Any], root: dict[str, Any], where: str) -> list[str]:
    """A structural JSON Schema check: $ref, anyOf, type, properties, enum, bounds, pattern."""
    import re

    schema = _resolve(schema, root)
    if "anyOf" in schema:
        if any(not _errors(value, s, root, where) for s in schema["anyOf"]):
            return []
        return [f"{where}: no anyOf branch fits {value!r}"]
    kind = schema.get("type")
    if kind == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    elif kind is not None:
        ok = isinstance(value, _TYPES[kind])
    else:
        ok = True
    if not ok:
        return [f"{where}: {value!r} is not {kind}"]
    out: list[str] = []
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{where}: {value!r} not in enum")
    if "const" in schema and value != schema["const"]:
        out.append(f"{where}: {value!r} != const")
    if "minimum" in schema and value < schema["minimum"]:
        out.append(f"{where}: below minimum")
    if "maximum" in schema and value > schema["maximum"]:
        out.append(f"{where}: above maximum")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        out.append(f"{where}: does not match {schema['pattern']}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                out.append(f"{where}.{key}: required")
        for key, item in value.items():
            if key in props:
                out += _errors(item, props[key], root, f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                out.append(f"{where}.{key}: not allowed")
            elif isinstance(schema.get("additionalProperties"), dict):
                out += _errors(item, schema["additionalProperties"], root, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            out += _errors(item, schema["items"], root, f"{where}[{i}]")
    return out


def test_schema_is_a_json_schema_of_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    schema = _schema(capsys)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert {"meta", "lead", "co_applicants", "local_partner", "country", "track", "costs",
            "period", "japan_benefit", "indicators", "large", "content",
            "review"} <= set(schema["properties"])
    keywords: set[str] = set()

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("properties", "$defs"):  # their keys are names, not keywords
                    for sub in value.values():
                        collect(sub)
                else:
                    keywords.add(key)
                    collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    collect(schema)
    assert {"$ref", "anyOf", "enum", "minimum", "maximum", "pattern"} <= keywords
    # pydantic's own names (ge, le) are no JSON Schema keywords: an editor would ignore them
    assert not keywords & {"ge", "le", "gt", "lt"}


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_samples_validate_against_the_schema(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = _schema(capsys)
    as_typed = yaml.safe_load(sample.read_text(encoding="utf-8"))
    as_typed = json.loads(json.dumps(as_typed, default=str))  # YAML dates as editors see them
    assert _errors(as_typed, schema, schema, "") == []
    as_saved = load_application(sample).model_dump(mode="json")
    assert _errors(as_saved, schema, schema, "") == []


def test_the_schema_check_can_fail(capsys: pytest.CaptureFixture[str]) -> None:
    schema = _schema(capsys)
    bad = {"meta": {"schema_version": "one"}, "costs": {"total_yen": -1}, "colour": "red",
           "track": "medium"}
    errors = _errors(bad, schema, schema, "")
    assert any(e.startswith(".colour") for e in errors)
    assert any(e.startswith(".costs.total_yen") for e in errors)
    assert any(e.startswith(".track") for e in errors)
    assert any(e.startswith(".meta.schema_version") for e in errors)


def test_schema_accepts_amounts_and_dates_typed_by_hand(
    capsys: pytest.CaptureFixture[str]
) -> None:
    schema = _schema(capsys)
    typed = {"meta": {}, "costs": {"eligible_yen": "5億円"}, "period": {"start": "令和8年7月1日"}}
    assert _errors(typed, schema, schema, "") == []


def test_yaml_in_pieces_is_the_same_text_as_in_one_call() -> None:
    """The wizard's worker writes long lists a slice at a time (so that the screen keeps
    running); the text must not change: long and multi-line values, nested lists."""
    from gs_assistant.model.files import (
        ROWS_PER_PIECE,
        application_data,
        dump_yaml,
        dump_yaml_pieces,
    )

    app = load_application(samples_dir() / "large_demo_india.yaml")
    long = "長い説明文です。" * 30 + " and some English words that wrap at the width " * 4
    first = app.large.affiliates[0]
    app.large.affiliates = [
        first.model_copy(update={"name": f"関連会社 {i} " + (long if i % 7 == 0 else "")})
        for i in range(ROWS_PER_PIECE * 4 + 3)]
    app.indicators = app.indicators * (ROWS_PER_PIECE + 1)
    app.content.summary = "一行目\n\n三行目 " + long
    data = application_data(app)
    assert "".join(dump_yaml_pieces(data)) == dump_yaml(data)


def test_loading_a_file_builds_the_application_validator_and_its_defaults(fresh_python):
    """The application's parts get no validator of their own when the model is imported;
    loading a file builds the application's (which holds them all) and those of the parts
    it leaves out (made as defaults); assigning to a part builds its own, which still
    refuses a bad value."""
    code = ("from gs_assistant.model import application as m, load_application\n"
            "from gs_assistant.paths import samples_dir\n"
            "parts = [c for c in vars(m).values() if isinstance(c, type)\n"
            "         and issubclass(c, m._Model) and c not in (m._Model, m.Application)]\n"
            "built = lambda: [c.__name__ for c in parts if c.__pydantic_complete__]\n"
            "print(m.Application.__pydantic_complete__, built())\n"
            "app = load_application(samples_dir() / 'large_demo_india.yaml')\n"
            "print(m.Application.__pydantic_complete__, 'Company' in built(),\n"
            "      'Review' in built(), m.Application.model_validate({}) == m.Application())\n"
            "try:\n"
            "    app.lead.employees = -1\n"
            "except ValueError:\n"
            "    print('refused', m.Company.__pydantic_complete__)\n")
    assert fresh_python(code) == ["False []", "True False True True", "refused True"]


def test_building_the_application_validator_reads_no_validator_signature_again(fresh_python):
    """pydantic asks for the signature of a field's validator (``_clean_text``, ``_amount``
    ...) each time a field uses it: those of ``model/types.py`` are computed once, when the
    module is imported, and kept on the functions."""
    code = ("import inspect\n"
            "from gs_assistant.model import types\n"
            "read = []\n"
            "real = inspect._signature_from_function\n"
            "def reading(cls, f, *args, **kwargs):\n"
            "    read.append(f.__module__)\n"
            "    return real(cls, f, *args, **kwargs)\n"
            "inspect._signature_from_function = reading\n"
            "from gs_assistant.model import load_application\n"
            "from gs_assistant.paths import samples_dir\n"
            "load_application(samples_dir() / 'large_demo_india.yaml')\n"
            "print(read.count(types.__name__), len(read) > 0)\n"
            "print(str(inspect.signature(types._amount)),"
            " str(inspect.signature(types.new_list)))\n")
    assert fresh_python(code) == [
        "0 True", "(value: 'Any') -> 'Any' () -> 'list[Any]'"]


@pytest.mark.parametrize(("data", "field", "words"), [
    ({"costs": {"expenses": [{"member": "ABW"}]}}, "costs.expenses[0].member",
     "計上者ではありません"),
    ({"costs": {"expenses": [{"currency": "usd1"}]}}, "costs.expenses[0].currency",
     "通貨コードではありません"),
    ({"package": {"documents": {"": {}}}}, "package.documents", "書類のキーではありません"),
    ({"package": {"documents": {"business_plan": {"path": "/etc/passwd"}}}},
     "package.documents.business_plan.path", "相対パス"),
])
def test_a_value_of_the_wrong_form_is_said_in_japanese_naming_its_field(
        data: dict[str, Any], field: str, words: str) -> None:
    """Found by the fuzz test: these were said in pydantic's English alone."""
    from gs_assistant.model import files as model_files

    with pytest.raises(model_files.ApplicationFileError) as info:
        model_files.application_from_data({"meta": {"schema_version": 1}, **data}, "x.yaml")
    assert info.value.field == field
    assert words in str(info.value) and str(info.value).startswith("x.yaml: ")
    assert "\n" not in str(info.value)
