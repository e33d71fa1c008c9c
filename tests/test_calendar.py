"""``gs-assistant calendar``: the deadlines as an .ics that a standard parser reads back,
each deadline once in Asia/Tokyo; and ``check`` / ``calendar`` with a malformed call.yaml."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from gs_assistant.cli import main

CALL = ("source: 募集要領（テスト）\n"
        "small_fs:\n  briefing: 2026-04-10 14:00\n  submission_deadline: 2026-05-15 12:00\n"
        "  adoption: 2026-07-31\n"
        "large:\n  questions_deadline: 2026-06-05 17:00\n  submission_deadline: 2026-06-12 12:00\n")
TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture
def call_file(tmp_path: Path) -> Path:
    path = tmp_path / "call.yaml"
    path.write_text(CALL, encoding="utf-8")
    return path


def _events(path: Path) -> dict[str, object]:
    cal = Calendar.from_ical(path.read_bytes())
    return {str(e["summary"]).split("：")[0]: e for e in cal.walk("VEVENT")}


def test_the_ics_round_trips_with_each_deadline_once_in_tokyo(tmp_path: Path, call_file: Path
                                                              ) -> None:
    out = tmp_path / "deadlines.ics"
    assert main(["calendar", "sample:sme_fs_vietnam", "-o", str(out),
                 "--call", str(call_file)]) == 0
    cal = Calendar.from_ical(out.read_bytes())
    events = cal.walk("VEVENT")
    summaries = [str(e["summary"]).split("：")[0] for e in events]
    assert summaries.count("受付締切") == 1
    assert summaries.count("問合せ締切（推定・要確認）") == 1  # a week before: the pattern
    deadline = _events(out)["受付締切"]
    start = deadline.decoded("dtstart")
    assert start == datetime(2026, 5, 15, 12, 0, tzinfo=TOKYO)
    assert deadline["dtstart"].params["TZID"] == "Asia/Tokyo"
    assert [str(c["tzid"]) for c in cal.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    triggers = sorted(a.decoded("trigger").days for a in deadline.walk("VALARM"))
    assert triggers == [-7, -1]
    questions = _events(out)["問合せ締切（推定・要確認）"].decoded("dtstart")
    assert questions == datetime(2026, 5, 8, 12, 0, tzinfo=TOKYO)
    # a day without an hour stays a day; the large group's dates are not in a FS file
    assert str(_events(out)["採択予定"].decoded("dtstart")) == "2026-07-31"
    assert "2026-06-12" not in out.read_text(encoding="utf-8")
    assert "20260612" not in out.read_text(encoding="utf-8")
    # the GビズID account is not ready: the last day to apply is three weeks before
    gbiz = next(e for e in events if str(e["summary"]).startswith("GビズID"))
    assert str(gbiz.decoded("dtstart")) == "2026-04-24"


def test_uids_are_stable_so_a_second_import_updates(tmp_path: Path, call_file: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    for out in (first, second):
        assert main(["calendar", "sample:large_demo_india", "-o", str(out),
                     "--call", str(call_file)]) == 0
    uids = [[str(e["uid"]) for e in Calendar.from_ical(p.read_bytes()).walk("VEVENT")]
            for p in (first, second)]
    assert uids[0] == uids[1] and len(set(uids[0])) == len(uids[0])


def test_a_ready_gbizid_has_no_reminder_to_apply(tmp_path: Path, call_file: Path) -> None:
    from gs_assistant.model import load_application, save_application
    from gs_assistant.paths import samples_dir

    app = load_application(samples_dir() / "sme_fs_vietnam.yaml")
    app.package.mark("gbizid_prime", "準備済")
    path = tmp_path / "app.yaml"
    save_application(app, path)
    out = tmp_path / "d.ics"
    assert main(["calendar", str(path), "-o", str(out), "--call", str(call_file)]) == 0
    assert not any(str(e["summary"]).startswith("GビズID")
                   for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT"))


def test_without_exact_dates_nothing_is_written(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("GS_ASSISTANT_HOME", str(tmp_path))
    out = tmp_path / "d.ics"
    assert main(["calendar", "sample:sme_fs_vietnam", "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert "call.yaml" in err and len(err.splitlines()) == 1 and not out.exists()


@pytest.mark.parametrize(("args", "says"), [
    (["-o", "x.txt"], ".ics"),
    (["-o", "exists.ics"], "--force"),
])
def test_the_output_is_refused_before_anything_is_written(
        tmp_path: Path, call_file: Path, capsys, args: list[str], says: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "exists.ics").write_text("old", encoding="utf-8")
    assert main(["calendar", "sample:sme_fs_vietnam", *args, "--call", str(call_file)]) == 2
    assert says in capsys.readouterr().err
    assert (tmp_path / "exists.ics").read_text(encoding="utf-8") == "old"


@pytest.mark.parametrize(("text", "key"), [
    ("small_fs:\n  submission_deadline: 2026-05-15\n", "small_fs.submission_deadline"),
    ("small_fs:\n  submission_deadline: 2026-05-32 12:00\n", "small_fs.submission_deadline"),
    ("small_fs:\n  deadline: 2026-05-15 12:00\n", "small_fs.deadline"),
])
@pytest.mark.parametrize("command", ["check", "calendar"])
def test_a_malformed_call_yaml_stops_the_command(
        tmp_path: Path, capsys, text: str, key: str, command: str) -> None:
    path = tmp_path / "call.yaml"
    path.write_text(text, encoding="utf-8")
    args = [command, "sample:sme_fs_vietnam", "--call", str(path)]
    if command == "calendar":
        args += ["-o", str(tmp_path / "d.ics")]
    assert main(args) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and key in lines[0]
    # the pack's dates are not used instead: nothing is printed or written
    assert captured.out == "" and not (tmp_path / "d.ics").exists()


def test_check_shows_the_days_left_and_exits_1_after_the_deadline(
        tmp_path: Path, capsys) -> None:
    path = tmp_path / "call.yaml"
    path.write_text("small_fs:\n  submission_deadline: 2020-05-15 12:00\n", encoding="utf-8")
    assert main(["check", "sample:sme_fs_vietnam", "--call", str(path)]) == 1
    assert "締切を過ぎています" in capsys.readouterr().out
    path.write_text("small_fs:\n  submission_deadline: 2099-05-15 12:00\n", encoding="utf-8")
    assert main(["check", "sample:sme_fs_vietnam", "--call", str(path)]) == 0
    assert "締切まで" in capsys.readouterr().out


@pytest.mark.parametrize(("command", "text"), [
    ("calendar", None),  # no exact date
    ("calendar", "small_fs:\n  submission_deadline: 2026-05-15\n"),
    ("calendar", "small_fs:\n  deadline: 2026-05-15 12:00\n"),
    ("calendar", "pack: other\n"),
    ("check", "small_fs:\n  submission_deadline: 2026-05-32 12:00\n"),
    ("check", "small_fs: [1]\n"),
    ("check", b"\xff\xfe"),
])
def test_the_refusals_are_english_with_lang_en(tmp_path: Path, capsys, monkeypatch,
                                               command: str, text: str | bytes | None
                                               ) -> None:
    from test_lang_en import _english_line

    monkeypatch.setenv("GS_ASSISTANT_HOME", str(tmp_path))
    args = ["--lang", "en", command, "sample:sme_fs_vietnam"]
    call = tmp_path / "call.yaml"
    if text is not None:
        call.write_bytes(text if isinstance(text, bytes) else text.encode())
        args += ["--call", str(call)]
    if command == "calendar":
        args += ["-o", str(tmp_path / "d.ics")]
    assert main(args) == 2
    _english_line(capsys.readouterr().err, call, tmp_path / "d.ics")
