"""The command line: exit codes, the stable JSON keys, formats, languages, samples, rules."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gs_assistant import __version__, cli
from gs_assistant.model import Application, load_application, save_application
from gs_assistant.paths import samples_dir
from gs_assistant.rules import check

README = Path(__file__).resolve().parents[1] / "README.md"

# The keys README.md promises for `check --format json` (stable: added to, never renamed).
TOP_KEYS = {"file", "rule_pack", "facts", "summary", "items", "package"}
PACKAGE_KEYS = {"now", "days_left", "next_deadline", "unprepared", "gbizid_ready", "summary",
                "events", "documents", "items"}
EVENT_KEYS = {"key", "name", "deadline", "at", "days_left", "approx", "origin", "source"}
DOCUMENT_KEYS = {"key", "document", "name", "provider", "account", "needed", "state",
                 "state_label", "path", "note", "status"}
PACK_KEYS = {"id", "version", "as_of"}
FACT_KEYS = {
    "sme", "consortium_sme", "rate", "rate_options", "subsidy_yen", "subsidy_uncapped_yen",
    "cap_yen", "capped",
    "over_large_minimum", "recommended_track", "recommendation", "affiliates", "period_months",
    "latest_end", "mou_required", "mou_deadline", "country", "total_yen", "eligible_yen",
    "expenses",
}
EXPENSE_KEYS = {"rows", "complete", "total_yen", "eligible_yen", "subsidy_yen",
                "self_burden_yen", "outsourcing_yen", "outsourcing_share_percent",
                "by_category", "by_member", "foreign_currency"}
EXPENSE_MEMBER_KEYS = {"member", "name", "total_yen", "eligible_yen", "subsidy_yen"}
EXPENSE_CURRENCY_KEYS = {"currency", "amount", "yen", "rows"}
SUMMARY_KEYS = {"met", "not_met", "needs_review", "missing"}
ITEM_KEYS = {"id", "rule_id", "topic", "status", "computed_status", "title", "reason",
             "citation", "citation_text", "basis", "field", "review"}


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real command, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "gs_assistant", *args], capture_output=True, text=True,
        encoding="utf-8", timeout=60, cwd=cwd, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The command in-process (fast), returning (exit status, stdout, stderr)."""
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def ukraine_file(folder: Path) -> Path:
    """A copy of the large sample moved to Ukraine, which has its own call: 不適合."""
    app = load_application(samples_dir() / "large_demo_india.yaml")
    app.country = "UKR"
    app.local_partner.country = "UKR"
    path = folder / "ukraine.yaml"
    save_application(app, path)
    return path


# ---------------------------------------------------------------- exit status


def test_exit_0_when_nothing_is_not_met() -> None:
    result = run("check", "sample:large_demo_india")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "不適合 0" in result.stdout


def test_exit_1_when_something_is_not_met(tmp_path: Path) -> None:
    result = run("check", str(ukraine_file(tmp_path)))
    assert result.returncode == 1, result.stderr
    assert re.search(r"不適合\s+CTY-003", result.stdout)


def test_exit_2_beats_exit_1(tmp_path: Path) -> None:
    result = run("check", str(ukraine_file(tmp_path)), str(tmp_path / "missing.yaml"))
    assert result.returncode == 2
    assert "CTY-003" in result.stdout


def test_exit_2_for_a_bad_argument() -> None:
    result = run("check", "sample:large_demo_india", "--format", "pdf")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_exit_130_when_interrupted(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(args: Any) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "cmd_check", interrupted)
    assert cli.main(["check", "sample:large_demo_india"]) == 130


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"gs-assistant {__version__}"


# ---------------------------------------------------------------- check --format json


def test_json_keys_are_the_documented_ones(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = main(capsys, "check", "sample:large_demo_india", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert set(doc) == TOP_KEYS
    assert doc["file"] == "sample:large_demo_india"
    assert set(doc["rule_pack"]) == PACK_KEYS
    assert set(doc["facts"]) == FACT_KEYS
    plan = doc["facts"]["expenses"]
    assert set(plan) == EXPENSE_KEYS
    assert {k for m in plan["by_member"] for k in m} == EXPENSE_MEMBER_KEYS
    assert {k for c in plan["foreign_currency"] for k in c} == EXPENSE_CURRENCY_KEYS
    assert set(doc["summary"]) == SUMMARY_KEYS
    assert doc["items"]
    for item in doc["items"]:
        assert set(item) == ITEM_KEYS
        assert item["status"] in SUMMARY_KEYS
    assert sum(doc["summary"].values()) == len(doc["items"])
    assert isinstance(doc["facts"]["subsidy_yen"], int)
    package = doc["package"]
    assert set(package) == PACKAGE_KEYS
    assert {k for e in package["events"] for k in e} == EVENT_KEYS
    assert {k for d in package["documents"] for k in d} == DOCUMENT_KEYS
    assert all(set(i) == ITEM_KEYS for i in package["items"])
    assert sum(package["summary"].values()) == len(package["items"])


def test_the_readme_documents_every_json_key() -> None:
    readme = README.read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", readme))
    missing = (TOP_KEYS | PACK_KEYS | FACT_KEYS | SUMMARY_KEYS | ITEM_KEYS | PACKAGE_KEYS
               | EVENT_KEYS | DOCUMENT_KEYS | EXPENSE_KEYS | EXPENSE_MEMBER_KEYS
               | EXPENSE_CURRENCY_KEYS) - documented
    assert not missing, f"README.md does not mention: {sorted(missing)}"


def test_json_matches_the_checker(capsys: pytest.CaptureFixture[str], pack) -> None:
    """What the command prints is what the checker decides, in both languages."""
    app = load_application(samples_dir() / "large_demo_india.yaml")
    report = check(app, pack)
    for lang in ("ja", "en"):
        _, out, _ = main(capsys, "check", "sample:large_demo_india", "--format", "json",
                         "--lang", lang)
        doc = json.loads(out)
        assert [i["id"] for i in doc["items"]] == [i.id for i in report.items]
        assert [i["reason"] for i in doc["items"]] == [i.reason(lang) for i in report.items]
        assert [i["title"] for i in doc["items"]] == [i.title(lang) for i in report.items]
        assert doc["facts"]["subsidy_yen"] == report.facts.subsidy_yen
        assert doc["summary"] == report.summary()


def _strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return [node] if isinstance(node, str) and node else []


@pytest.mark.parametrize("sample", ["sme_fs_vietnam", "large_demo_india"])
def test_lang_en_gives_english_reasons(sample: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, ja_out, _ = main(capsys, "check", f"sample:{sample}", "--format", "json")
    _, en_out, _ = main(capsys, "--lang", "en", "check", f"sample:{sample}", "--format", "json")
    ja, en = json.loads(ja_out), json.loads(en_out)
    japanese = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")
    # names and text from the file stay as typed; the sentence around them is English
    typed = sorted(_strings(load_application(samples_dir() / f"{sample}.yaml")
                            .model_dump(mode="json")), key=len, reverse=True)
    for ja_item, en_item in zip(ja["items"], en["items"], strict=True):
        assert japanese.search(ja_item["reason"]), ja_item
        reason = en_item["reason"]
        for text in typed:
            reason = reason.replace(text, "")
        assert not japanese.search(reason), en_item
        assert not japanese.search(en_item["title"]), en_item


def test_several_files_give_a_json_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = main(capsys, "check", "sample:large_demo_india", "sample:sme_fs_vietnam",
                        "--format", "json")
    assert code == 0
    docs = json.loads(out)
    assert isinstance(docs, list)
    assert [d["file"] for d in docs] == ["sample:large_demo_india", "sample:sme_fs_vietnam"]
    assert docs[0]["facts"]["recommended_track"] != docs[1]["facts"]["recommended_track"]


def test_a_bad_file_among_several_keeps_the_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- not an application\n", encoding="utf-8")
    code, out, err = main(capsys, "check", str(bad), "sample:sme_fs_vietnam", "--format", "json")
    assert code == 2
    assert [d["file"] for d in json.loads(out)] == ["sample:sme_fs_vietnam"]
    assert err.count("\n") == 1 and str(bad) in err


# ---------------------------------------------------------------- text and Markdown


def test_text_report(capsys: pytest.CaptureFixture[str], pack) -> None:
    code, out, _ = main(capsys, "check", "sample:sme_fs_vietnam")
    assert code == 0
    assert out.startswith("== sample:sme_fs_vietnam\n")
    assert "補助率: 2/3" in out
    for rule_id in ("APP-001", "CTY-001", "AMT-001"):
        assert rule_id in out
    assert out.rstrip().splitlines()[-1].startswith("適合 ")


def test_markdown_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = main(capsys, "check", "sample:large_demo_india", "--format", "md")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "# チェックリスト: sample:large_demo_india"
    assert "| 判定 | ID | 要件 | 理由 | 出典 |" in lines
    row = re.compile(r"\| (適合|不適合|要確認|未入力) \| [A-Z]{3}-")
    rows = [line for line in lines if row.match(line)]
    assert len(rows) >= 20
    assert all(line.count(" | ") == 4 for line in rows)  # no cell breaks the table
    assert "## 実施国" in lines


def test_markdown_report_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = main(capsys, "check", "sample:large_demo_india", "--format", "md", "--lang", "en")
    assert out.startswith("# Checklist: sample:large_demo_india")
    assert "| Status | ID | Requirement | Reason | Source |" in out


def test_check_works_from_another_folder(tmp_path: Path) -> None:
    result = run("check", "sample:large_demo_india", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["rule_pack"]["id"] == "gs_r7_supplementary"


# ---------------------------------------------------------------- sample


def test_sample_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = main(capsys, "sample", "--list")
    assert code == 0
    lines = out.splitlines()
    names = sorted(p.stem for p in samples_dir().glob("*.yaml"))
    assert [line.split("\t")[0] for line in lines] == names
    assert all(line.endswith(f"(sample:{line.split(chr(9))[0]})") for line in lines)
    assert all("架空" in line for line in lines)


def test_sample_to_file_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mine.yaml"
    code, out, _ = main(capsys, "sample", "sme_fs_vietnam", "-o", str(target))
    assert code == 0 and out.strip() == str(target)
    bundled = (samples_dir() / "sme_fs_vietnam.yaml").read_text(encoding="utf-8")
    assert target.read_text(encoding="utf-8") == bundled
    assert isinstance(load_application(target), Application)

    target.write_text("# 自分で書き換えた内容\n", encoding="utf-8")
    code, _, err = main(capsys, "sample", "sme_fs_vietnam", "-o", str(target))
    assert code == 2
    assert err.splitlines() == [
        f"gs-assistant: {target}: すでにあります（上書きするには --force を付けてください）"]
    assert target.read_text(encoding="utf-8") == "# 自分で書き換えた内容\n"

    code, _, _ = main(capsys, "sample", "sme_fs_vietnam", "-o", str(target), "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8") == bundled


def test_sample_to_a_folder_that_does_not_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "such" / "folder.yaml"
    code, out, err = main(capsys, "sample", "sme_fs_vietnam", "-o", str(target))
    assert code == 2 and out == ""
    assert err.startswith(f"gs-assistant: {target}: 書き込めません") and err.count("\n") == 1


def test_unknown_sample(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = main(capsys, "sample", "nothing", "-o", "x.yaml")
    assert code == 2
    assert "sample:nothing" in err and "sample --list" in err


def test_sample_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = main(capsys, "sample", "large_demo_india")
    assert code == 0
    assert out == (samples_dir() / "large_demo_india.yaml").read_text(encoding="utf-8")


# ---------------------------------------------------------------- rules and schema


def test_rules_json(capsys: pytest.CaptureFixture[str], pack) -> None:
    code, out, _ = main(capsys, "rules", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["rule_pack"] == {"id": pack.id, "version": pack.version,
                                "as_of": pack.header.as_of.isoformat()}
    assert doc["caveat"] == pack.header.caveat("ja")
    assert [r["id"] for r in doc["rules"]] == [r.id for r in pack.rules]
    for rule in doc["rules"]:
        assert set(rule) == {"id", "topic", "title", "tracks", "citation", "basis", "field"}
        assert rule["citation"] and rule["field"]


def test_rules_text_lists_every_rule_with_its_citation(
    capsys: pytest.CaptureFixture[str], pack
) -> None:
    code, out, _ = main(capsys, "rules")
    assert code == 0
    for rule in pack.rules:
        assert f"({rule.citation})" in out
        assert rule.id in out


def test_a_bad_pack_directory_is_exit_2(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = main(capsys, "check", "sample:sme_fs_vietnam", "--pack", str(tmp_path))
    assert code == 2
    assert str(tmp_path) in err and "pack.yaml" in err and err.count("\n") == 1


def test_schema_command_runs_as_a_program() -> None:
    result = run("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout)["title"] == "Application"


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_users_see_sources_by_name_and_json_keeps_the_key(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """Internal source keys (seed:261, sme_act) are for JSON and the audit, not for people."""
    _, shown, _ = main(capsys, "check", "sample:large_demo_india", "--format", fmt)
    assert "海外展開支援施策" in shown and "「執行スキーム」" in shown
    assert "seed:" not in shown and "sme_act" not in shown and "secretariat_faq" not in shown
    _, out, _ = main(capsys, "check", "sample:large_demo_india", "--format", "json")
    items = {i["id"]: i for i in json.loads(out)["items"]}
    assert items["PRD-003"]["citation"].startswith("seed:203")
    assert "seed:" not in items["PRD-003"]["citation_text"]
    assert "民法第143条" in items["PRD-003"]["citation_text"]


def test_an_open_rate_is_shown_with_both_amounts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """An overseas co-applicant within the SME line: 2/3 if it is an SME, otherwise 1/2 —
    in the checklist, the facts lines and the Word draft, never one amount as certain."""
    import docx

    text = (samples_dir() / "sme_fs_vietnam.yaml").read_text(encoding="utf-8")
    text += ("co_applicants:\n  - {name: Mekong Tech JSC, location: overseas, "
             "parent_stake_percent: 60, industry: manufacturing, capital_yen: 20000000, "
             "employees: 30}\n")
    path = tmp_path / "overseas.yaml"
    path.write_text(text, encoding="utf-8")
    _, md, _ = main(capsys, "check", str(path), "--format", "md")
    assert "補助率: 2/3（Mekong Tech JSCが中小企業者の場合）、それ以外は1/2" in md
    assert "2/3なら56,000,000円、1/2なら42,000,000円" in md
    out = tmp_path / "overseas.docx"
    assert main(capsys, "export", str(path), "-o", str(out))[0] == 0
    cells = [c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells]
    assert "2/3なら56,000,000円、1/2なら42,000,000円" in cells


GC_PROBE = ("import gc, sys\n"
            "from gs_assistant import cli, commandline\n"
            "usual = gc.get_threshold()\n"
            "sys.argv = ['gs-assistant', *sys.argv[1:]]\n"
            "seen = []\n"
            "real = commandline.settled\n"
            "def settled(**kw):\n"
            "    seen.append((gc.get_threshold() == commandline.SETTING_UP_THRESHOLDS, kw))\n"
            "    real(**kw)\n"
            "commandline.settled = cli.settled = settled\n"
            "code = cli.main()\n"
            "print(code, seen, gc.get_freeze_count() > 0, gc.get_threshold() == usual)\n")


@pytest.mark.parametrize("argv", [["check", "sample:sme_fs_vietnam"],
                                  ["export", "sample:sme_fs_vietnam", "-o", "OUT", "--force"]])
def test_a_command_collects_garbage_rarely_until_it_is_set_up(argv, tmp_path, fresh_python):
    """While a command starts, the collector waits for many more new objects; once its pack is
    read what exists is frozen and the usual thresholds come back."""
    argv = [str(tmp_path / "out.docx") if a == "OUT" else a for a in argv]
    code = GC_PROBE.replace("sys.argv[1:]", repr(argv))
    assert fresh_python(code)[-1] == "0 [(True, {})] True True"


def test_interactive_commands_and_callers_in_process_keep_the_usual_collection(fresh_python):
    code = ("import gc\n"
            "from gs_assistant import cli, commandline\n"
            "usual = gc.get_threshold()\n"
            "cli.main(['check', 'sample:sme_fs_vietnam'])  # a caller: nothing changes\n"
            "print(gc.get_freeze_count(), gc.get_threshold() == usual)\n"
            "commandline.setting_up()\n"
            "print(gc.get_threshold() == commandline.SETTING_UP_THRESHOLDS)\n"
            "commandline.settled(freeze=False)  # what main does for the wizard, review, serve\n"
            "print(gc.get_freeze_count(), gc.get_threshold() == usual)\n"
            "print(cli.INTERACTIVE)\n")
    lines = fresh_python(code)
    assert lines[-4:] == ["0 True", "True", "0 True", str(cli.INTERACTIVE)]
    from gs_assistant.serve.command import cmd_serve

    assert {cli.cmd_tui.__name__, cli.cmd_review.__name__, cmd_serve.__name__} \
        == set(cli.INTERACTIVE)


def _subcommands(parser):
    (action,) = [a for a in parser._actions if isinstance(a, cli.argparse._SubParsersAction)]
    return action


SUBCOMMANDS = ["check", "rules", "schema", "sample", "export", "calendar", "expenses", "audit",
               "comment", "decide", "serve", "open", "new", "review"]


def test_a_command_builds_only_its_own_subcommands_parser() -> None:
    parser = cli.build_parser()
    args = parser.parse_args(["check", "sample:sme_fs_vietnam", "--format", "json"])
    assert (args.func, args.files, args.format) == (cli.cmd_check, ["sample:sme_fs_vietnam"],
                                                     "json")
    parsers = _subcommands(parser).choices
    assert list(parsers) == SUBCOMMANDS  # every one is listed, in the order of --help
    assert [name for name, p in parsers.items()
            if isinstance(p, cli.argparse.ArgumentParser)] == ["check"]
    eager = _subcommands(cli.build_parser(later=False)).choices
    assert all(isinstance(p, cli.argparse.ArgumentParser) for p in eager.values())


def _parsed(later: bool, argv: list[str]) -> tuple:
    """What the parser makes of ``argv``: its namespace or exit status, and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result: Any = sorted(vars(cli.build_parser(later=later).parse_args(argv)).items())
        except SystemExit as exc:
            result = exc.code
    return result, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("argv", [
    [], ["-h"], ["--version"], ["chek", "x"], ["--lang", "xx", "check", "x"], ["-h", "check"],
    ["--la", "en", "check", "f", "--format", "md"], ["check"], ["check", "f", "--bogus"],
    ["decide", "f", "TYP-2A", "--status", "met", "--withdraw", "--author", "a"],
    ["decide", "f", "TYP-2A", "--withdraw", "--author", "a"], ["export", "--page-limit", "0"],
    ["audit", "in", "-o", "out", "--jobs", "2"], ["serve", "--port", "x"],
    *([name, "-h"] for name in SUBCOMMANDS), *([name] for name in SUBCOMMANDS),
])
def test_subcommands_built_when_used_parse_help_and_refuse_as_before(argv, monkeypatch) -> None:
    """Help, usage lines, errors and parsed arguments are argparse's own, as when every
    subcommand's parser is built first (the calls kept for a subcommand are made in order,
    groups included)."""
    monkeypatch.setenv("COLUMNS", "100")
    assert _parsed(True, argv) == _parsed(False, argv)
