"""The submission package: the model (document states, paths), the pack's package.yaml,
call.yaml and the timeline it resolves to. The statuses themselves are situations
(tests/situations/package.yaml)."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from gs_assistant.model import ApplicationFileError, application_from_data, load_application
from gs_assistant.model.package import DocState
from gs_assistant.rules import RulePack, RulePackError, load_pack
from gs_assistant.rules.call import CallFileError, find_call_file, resolve_timeline
from gs_assistant.rules.package_check import package_setup
from gs_assistant.rules.submission import load_package, load_package_file

TOKYO = "Asia/Tokyo"


def _app(documents: dict) -> object:
    return application_from_data({"meta": {"schema_version": 1},
                                  "package": {"documents": documents}}, "t.yaml")


# ---------------------------------------------------------------- the model


@pytest.mark.parametrize(("written", "state"), [
    ("未着手", DocState.not_started), ("準備中", DocState.in_progress),
    ("準備済", DocState.ready), ("不要", DocState.not_needed), ("ready", DocState.ready),
])
def test_a_state_is_read_in_japanese_or_by_its_key(written: str, state: DocState) -> None:
    app = _app({"business_plan": {"state": written}})
    assert app.package.documents["business_plan"].state is state


@pytest.mark.parametrize("documents", [
    {"business_plan": {"state": "済"}},
    {"business_plan": {"path": "/etc/passwd"}},
    {"business_plan": {"path": "C:\\docs\\plan.docx"}},
    {"Business Plan": {"state": "ready"}},
    {"financial_statements@co0": {}},
    {"business_plan": {"colour": "red"}},
])
def test_a_bad_package_entry_is_refused_naming_the_field(documents: dict, tmp_path: Path
                                                         ) -> None:
    import yaml

    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump({"meta": {"schema_version": 1},
                                    "package": {"documents": documents}}, allow_unicode=True),
                    encoding="utf-8")
    with pytest.raises(ApplicationFileError) as caught:
        load_application(path)
    message = str(caught.value)
    assert "bad.yaml" in message and "package" in message and "\n" not in message


def test_mark_validates_and_keeps_what_is_not_given() -> None:
    app = _app({"business_plan": {"state": "準備中", "note": "第1版"}})
    app.package.mark("business_plan", path="書類/計画.docx")
    assert app.package.documents["business_plan"].note == "第1版"
    assert app.package.documents["business_plan"].state is DocState.in_progress
    with pytest.raises(ValueError):
        app.package.mark("business_plan", path="/abs/計画.docx")
    with pytest.raises(ValueError):
        app.package.mark("Bad Key", "ready")
    assert set(app.package.documents) == {"business_plan"}


def test_states_are_saved_by_key_and_read_back(tmp_path: Path) -> None:
    from gs_assistant.model import save_application

    app = _app({"business_plan": {"state": "準備済", "path": "書類/計画.docx", "note": "第2版"}})
    path = tmp_path / "a.yaml"
    save_application(app, path)
    assert "state: ready" in path.read_text(encoding="utf-8")
    again = load_application(path)
    assert again.package == app.package


# ---------------------------------------------------------------- the pack's package.yaml


def test_every_document_and_date_of_the_bundled_pack_cites_a_known_source(pack: RulePack
                                                                           ) -> None:
    package = load_package(pack)
    assert package is not None
    assert {"business_plan", "consortium_agreement", "government_mou", "gbizid_prime",
            "japanese_translation"} <= set(package.documents)
    # the MOU of a 大企業等 is the brochure's; the rest is previous-call knowledge
    assert package.documents["government_mou"].source == "seed:301"
    assert package.documents["government_mou"].basis == "brochure"
    assert {d.basis for k, d in package.documents.items() if k != "government_mou"} \
        <= {"previous_call", "secondary"}
    assert package.timeline.dates["large"]["submission_deadline"].source.startswith("seed:220")


def _pack_copy(tmp_path: Path, pack: RulePack) -> Path:
    folder = tmp_path / "pack"
    shutil.copytree(pack.path, folder)
    return folder


@pytest.mark.parametrize(("old", "new", "key"), [
    ("source: \"seed:301\"", "source: \"brochure_2099\"", "documents.government_mou.source"),
    ("provider: partner", "provider: embassy", "documents.partnership_documents.provider"),
    ("from: 2026-06-01, to: 2026-06-30", "from: 2026-07-01, to: 2026-06-30",
     "timeline.dates.large.submission_deadline.x"),
    ("from: 2026-06-01, to: 2026-06-30", "from: 2026-06-31, to: 2026-06-30", ""),
    ("time_zone: Asia/Tokyo", "time_zone: Mars/Olympus", "timeline.time_zone"),
])
def test_a_malformed_package_yaml_is_refused_naming_the_key(
        tmp_path: Path, pack: RulePack, old: str, new: str, key: str) -> None:
    folder = _pack_copy(tmp_path, pack)
    path = folder / "package.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RulePackError) as caught:
        load_package_file(folder, set(pack.header.sources))
    assert caught.value.file.endswith("package.yaml")
    assert caught.value.key.startswith(key.rsplit(".", 1)[0])
    assert "\n" not in str(caught.value)


def test_a_pack_without_package_yaml_has_no_package(tmp_path: Path, pack: RulePack) -> None:
    folder = _pack_copy(tmp_path, pack)
    (folder / "package.yaml").unlink()
    assert package_setup(load_pack(folder)) is None


# ---------------------------------------------------------------- call.yaml


def _call(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "call.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_call_yaml_overrides_the_pack_and_says_so(tmp_path: Path, pack: RulePack) -> None:
    path = _call(tmp_path, "source: 募集要領（2026年4月1日）\nlarge:\n"
                 "  submission_deadline: 2026-06-12 12:00\n  briefing: 2026-04-10\n")
    timeline = resolve_timeline(load_package(pack), pack.id, path)
    deadline = timeline.event("large_asean", "submission_deadline")
    assert deadline.at == datetime.fromisoformat("2026-06-12T12:00+09:00")
    assert str(deadline.at.tzinfo) == TOKYO
    assert deadline.origin == "call" and str(path) in deadline.source
    assert "募集要領" in deadline.source
    questions = timeline.event("large_asean", "questions_deadline")
    assert questions.origin == "pattern" and questions.at.day == 5
    # the small / FS group keeps the brochure's month
    assert timeline.event("fs", "submission_deadline").origin == "pack"


@pytest.mark.parametrize(("text", "key", "says"), [
    ("large:\n  submission_deadline: 2026-06-31 12:00\n", "large.submission_deadline",
     "ありえない日時"),
    ("large:\n  briefing: 2026-02-30\n", "large.briefing", "ありえない日時"),
    ("large:\n  submission_deadline: next friday\n", "large.submission_deadline", "読めません"),
    ("large:\n  submission_deadline: 2026-06-12\n", "large.submission_deadline", "時刻が必要"),
    ("large:\n  questions_deadline: 2026-06-05\n", "large.questions_deadline", "時刻が必要"),
    ("large:\n  submision_deadline: 2026-06-12 12:00\n", "large.submision_deadline",
     "不明なキー"),
    ("medium:\n  submission_deadline: 2026-06-12 12:00\n", "medium", "不明なキー"),
    ("large: [2026-06-12]\n", "large", "対応が必要"),
    ("pack: gs_r8\nlarge: {}\n", "pack", "ルールパック"),
    ("large:\n  submission_deadline: '2026-06-12 12:00\n", "", "YAMLとして読めません"),
])
def test_a_malformed_call_yaml_names_the_file_and_key(
        tmp_path: Path, pack: RulePack, text: str, key: str, says: str) -> None:
    path = _call(tmp_path, text)
    with pytest.raises(CallFileError) as caught:
        resolve_timeline(load_package(pack), pack.id, path)
    line = caught.value.in_lang("ja")
    assert line.startswith(f"{path}: ")
    assert f": {key}: " in line if key else True
    assert says in line and "\n" not in line
    assert caught.value.in_lang("en") != line


def test_call_yaml_is_found_in_the_settings_folder_before_the_pack(
        tmp_path: Path, pack: RulePack, monkeypatch: pytest.MonkeyPatch) -> None:
    settings, folder = tmp_path / "home", _pack_copy(tmp_path, pack)
    settings.mkdir()
    monkeypatch.setenv("GS_ASSISTANT_HOME", str(settings))
    assert find_call_file(folder) is None
    (folder / "call.yaml").write_text("{}", encoding="utf-8")
    assert find_call_file(folder) == folder / "call.yaml"
    (settings / "call.yaml").write_text("{}", encoding="utf-8")
    assert find_call_file(folder) == settings / "call.yaml"
    assert find_call_file(folder, tmp_path / "x.yaml") == tmp_path / "x.yaml"


def test_a_named_call_file_that_does_not_exist_is_refused(tmp_path: Path, pack: RulePack
                                                          ) -> None:
    with pytest.raises(CallFileError) as caught:
        package_setup(pack, tmp_path / "nowhere.yaml")
    assert "nowhere.yaml" in caught.value.in_lang("ja")


# ---------------------------------------------------------------- the report's counts


def test_unprepared_documents_and_the_account(tmp_path: Path, pack: RulePack,
                                              small_app) -> None:
    setup = package_setup(pack, _call(tmp_path, "{}"))
    report = setup.check(small_app, pack, now=datetime(2026, 4, 1, 9))
    before = len(report.unprepared())
    assert before >= 5 and report.account_ready() is False
    small_app.package.mark("gbizid_prime", "ready")
    small_app.package.mark("business_plan", "準備中")
    report = setup.check(small_app, pack, now=datetime(2026, 4, 1, 9))
    assert len(report.unprepared()) == before - 1
    assert report.account_ready() is True


def test_a_path_is_looked_up_beside_the_application_file(tmp_path: Path, pack: RulePack,
                                                         small_app) -> None:
    (tmp_path / "書類").mkdir()
    (tmp_path / "書類" / "計画.docx").write_bytes(b"x")
    small_app.package.mark("business_plan", "ready", path="書類/計画.docx")
    small_app.package.mark("expense_statement", "ready", path="書類/無い.xlsx")
    setup = package_setup(pack, _call(tmp_path, "{}"))
    items = {i.id: i for i in setup.check(small_app, pack, folder=tmp_path).items}
    assert items["DOC-002:business_plan"].status.value == "met"
    assert items["DOC-002:expense_statement"].status.value == "needs_review"
    # without the folder (a file not on disk) paths are not looked at
    items = {i.id for i in setup.check(small_app, pack).items}
    assert not any(i.startswith("DOC-002") for i in items)


def test_a_call_file_that_is_not_a_regular_file_is_refused_without_reading(
        tmp_path: Path, pack: RulePack) -> None:
    import os

    fifo = tmp_path / "call.yaml"
    os.mkfifo(fifo)  # reading it would block
    with pytest.raises(CallFileError) as caught:
        resolve_timeline(load_package(pack), pack.id, fifo)
    assert "通常のファイルではありません" in caught.value.in_lang("ja")
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * 200_000, encoding="utf-8")
    with pytest.raises(CallFileError, match="大きすぎます"):
        resolve_timeline(load_package(pack), pack.id, big)


def test_removing_a_co_applicant_moves_the_documents_of_those_after_it() -> None:
    app = _app({"financial_statements@co1": {"state": "ready"},
                "financial_statements@co2": {"state": "in_progress"},
                "anti_gang_pledge@co3": {"state": "ready", "note": "三社目"},
                "financial_statements@lead": {"state": "ready"},
                "partnership_documents@partner": {"state": "ready"}})
    app.package.co_applicant_removed(2)
    docs = {k: (v.state.value, v.note) for k, v in app.package.documents.items()}
    assert docs == {"financial_statements@co1": ("ready", ""),
                    "anti_gang_pledge@co2": ("ready", "三社目"),
                    "financial_statements@lead": ("ready", ""),
                    "partnership_documents@partner": ("ready", "")}
