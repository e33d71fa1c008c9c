"""Situation tests: readable YAML cases (application fragment → expected statuses and facts).

Each file in ``tests/situations/`` is a list of situations::

    - name: 大型実証で補助額がちょうど5億円なら不適合（小規模実証へ）
      base: large            # a bundled sample to start from: large | small | empty;
                             # large / small without the sample's expense plan (their
                             # typed totals decide), large_plan / small_plan with it
      set:                   # dotted paths into the application, applied in order
        costs.eligible_yen: 1000000000
        co_applicants.0.employees: 500    # list items by position, from 0
      expect:
        status: {AMT-004: not_met, "SME-001:lead": met}  # met | not_met | needs_review | missing
        computed: {CNT-002: needs_review}   # the checker's own status (before a reviewer's)
        facts: {subsidy_yen: 500000000, rate: "1/2", sme: [{is_sme: false}]}
        says: {TRK-004: 小規模実証}           # the item's Japanese reason contains this text
        absent: [MOU-001]                   # rule or item ids that must not appear

The submission package's items (DOC-…, TML-…, ``rules/package_check.py``) are checked
too. They depend on the time and the call's dates, which a situation may set::

      now: "2026-06-12 11:59"            # Asia/Tokyo; default 2026-04-01 09:00
      call: {large: {submission_deadline: "2026-06-12 12:00"}}   # call.yaml's content
      files: [docs/plan.docx]            # paths that exist beside the application file

Item ids with a key (``SME-001:lead``, ``QNT-002:i1``) are quoted inside ``{...}``.
The application is validated by the model after ``set`` is applied, so an impossible value
fails the situation loudly instead of being ignored. ``facts`` compares against the
``check --format json`` facts: mappings by the keys given, lists element by element.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from gs_assistant.model.files import application_from_data, parse_yaml
from gs_assistant.paths import samples_dir
from gs_assistant.rules import RulePack, Status, check

HERE = Path(__file__).parent / "situations"
BASES = {"large": "large_demo_india.yaml", "small": "sme_fs_vietnam.yaml", "empty": None,
         "large_plan": "large_demo_india.yaml", "small_plan": "sme_fs_vietnam.yaml"}
SITUATION_KEYS = {"name", "base", "set", "expect", "note", "now", "call", "files"}
DEFAULT_NOW = "2026-04-01 09:00"
EXPECT_KEYS = {"status", "computed", "facts", "says", "absent"}
STATUSES = {s.value for s in Status}
_STEP = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\.(\d+)|\[(\d+)\]")


def load_situations() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(HERE.glob("*.yaml")):
        data = parse_yaml(path.read_text(encoding="utf-8"), path)
        assert isinstance(data, list), f"{path.name}: a list of situations is expected"
        for situation in data:
            out.append((f"{path.stem}::{situation.get('name', '?')}", situation))
    return out


SITUATIONS = load_situations()


@cache
def _base(name: str) -> dict[str, Any]:
    if BASES[name] is None:
        return {"meta": {"schema_version": 1}}
    path = samples_dir() / BASES[name]
    data = parse_yaml(path.read_text(encoding="utf-8"), path)
    if not name.endswith("_plan"):
        data.get("costs", {}).pop("expenses", None)
    return data


def _steps(path: str) -> list[str | int]:
    steps: list[str | int] = []
    pos = 0
    while pos < len(path):
        match = _STEP.match(path, pos)
        if match is None or (pos == 0 and match.group(0).startswith(".")):
            raise ValueError(f"cannot read the path {path!r} at {path[pos:]!r}")
        name, index = match.group(1), match.group(2) or match.group(3)
        steps.append(name if name else int(index))
        pos = match.end()
    return steps


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set ``a.b.0.c`` (or ``a.b[0].c``) in nested dicts and lists, creating mappings."""
    steps = _steps(path)
    node: Any = data
    for step in steps[:-1]:
        if isinstance(step, int):
            node = node[step]
        else:
            if node.get(step) is None:
                node[step] = {}
            node = node[step]
    node[steps[-1]] = value


def build(situation: dict[str, Any]):
    data = copy.deepcopy(_base(situation.get("base", "empty")))
    for path, value in (situation.get("set") or {}).items():
        set_path(data, path, value)
    return application_from_data(data, f"situation {situation['name']}")


def match(expected: Any, actual: Any, where: str) -> list[str]:
    """Differences between an expected fragment and the actual facts."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: expected a mapping, got {actual!r}"]
        errors = []
        for key, value in expected.items():
            if key not in actual:
                errors.append(f"{where}.{key}: no such fact")
            else:
                errors += match(value, actual[key], f"{where}.{key}")
        return errors
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{where}: expected {len(expected)} entries, got {actual!r}"]
        return [e for i, (x, y) in enumerate(zip(expected, actual, strict=True))
                for e in match(x, y, f"{where}[{i}]")]
    if isinstance(expected, date):
        expected = expected.isoformat()
    if isinstance(expected, bool) != isinstance(actual, bool) or expected != actual:
        return [f"{where}: expected {expected!r}, got {actual!r}"]
    return []


def _validate_shape(situation: dict[str, Any]) -> None:
    unknown = set(situation) - SITUATION_KEYS
    assert not unknown, f"unknown keys {sorted(unknown)} (allowed: {sorted(SITUATION_KEYS)})"
    assert situation.get("base", "empty") in BASES, f"base must be one of {sorted(BASES)}"
    expect = situation.get("expect") or {}
    assert expect, "a situation needs an expect: block"
    unknown = set(expect) - EXPECT_KEYS
    assert not unknown, f"unknown expect keys {sorted(unknown)} (allowed: {sorted(EXPECT_KEYS)})"
    for block in ("status", "computed"):
        for item_id, status in (expect.get(block) or {}).items():
            assert status in STATUSES, f"{block}.{item_id}: {status!r} is not one of {STATUSES}"


def package_items(situation: dict[str, Any], app, pack: RulePack, facts, folder: Path):
    """The package and timeline items at the situation's ``now`` with its ``call``."""
    from datetime import datetime

    import yaml

    from gs_assistant.rules.call import resolve_timeline
    from gs_assistant.rules.package_check import PackageEnv, check_package
    from gs_assistant.rules.submission import load_package

    package = load_package(pack)
    call_file = None
    if "call" in situation:
        call_file = folder / "call.yaml"
        call_file.write_text(yaml.safe_dump(situation["call"], allow_unicode=True),
                             encoding="utf-8")
    timeline = resolve_timeline(package, pack.id, call_file)
    now = datetime.fromisoformat(str(situation.get("now", DEFAULT_NOW)).replace(" ", "T"))
    files = set(situation.get("files") or [])
    env = PackageEnv(now.replace(tzinfo=timeline.definition.zone), timeline,
                     lambda path: path in files)
    return check_package(app, pack, package, env, facts).items


@pytest.mark.parametrize("situation", [s for _, s in SITUATIONS], ids=[i for i, _ in SITUATIONS])
def test_situation(situation: dict[str, Any], pack: RulePack, tmp_path: Path) -> None:
    _validate_shape(situation)
    app = build(situation)
    report = check(app, pack)
    items = {item.id: item for item in report.items}
    items.update({item.id: item
                  for item in package_items(situation, app, pack, report.facts, tmp_path)})
    expect = situation["expect"]
    errors: list[str] = []

    def item(item_id: str):
        if item_id in items:
            return items[item_id]
        near = sorted(i for i in items if i.split(":")[0] == item_id.split(":")[0])
        errors.append(f"{item_id}: no such item in the report (items of that rule: {near})")
        return None

    for item_id, status in (expect.get("status") or {}).items():
        found = item(item_id)
        if found is not None and found.status.value != status:
            errors.append(f"{item_id}: expected {status}, got {found.status.value} "
                          f"({found.reason.ja})")
    for item_id, status in (expect.get("computed") or {}).items():
        found = item(item_id)
        if found is not None and found.computed_status.value != status:
            errors.append(f"{item_id}: expected computed {status}, "
                          f"got {found.computed_status.value}")
    for item_id, text in (expect.get("says") or {}).items():
        found = item(item_id)
        if found is not None and str(text) not in found.reason.ja:
            errors.append(f"{item_id}: the reason does not say {text!r}: {found.reason.ja}")
    for gone in expect.get("absent") or []:
        present = [i for i in items if i == gone or i.split(":")[0] == gone]
        if present:
            errors.append(f"{gone}: must not appear, found {present}")
    errors += match(expect.get("facts") or {}, report.facts.to_json("ja"), "facts")
    assert not errors, "\n".join(errors)


# ---------------------------------------------------------------- the collection itself


def test_situations_are_many_and_named_once() -> None:
    ids = [i for i, _ in SITUATIONS]
    assert len(ids) >= 40
    assert len(ids) == len(set(ids)), "two situations in one file share a name"


def test_every_rule_has_a_situation(pack: RulePack) -> None:
    """Each rule of the pack is looked at by at least one situation."""
    seen = set()
    for _, situation in SITUATIONS:
        expect = situation.get("expect") or {}
        for block in ("status", "computed", "says"):
            seen |= {str(i).split(":")[0] for i in expect.get(block) or {}}
    assert {r.id for r in pack.rules} - seen == set()


def test_set_path_reads_paths() -> None:
    data: dict[str, Any] = {"a": [{"b": 1}], "c": None}
    set_path(data, "a[0].b", 2)
    set_path(data, "c.d", 3)
    set_path(data, "a.0.e", 4)
    assert data == {"a": [{"b": 2, "e": 4}], "c": {"d": 3}}
    with pytest.raises(ValueError):
        set_path(data, "a..b", 1)


# ---------------------------------------------------------------- reasons tell the truth
#
# A reason that names a missing value is shown only when that value is missing: each
# phrase below names one value; for every item of every situation whose reason carries the
# phrase, the value must really be empty in that application.


def _member(app, item):
    key = item.id.split(":", 1)[1] if ":" in item.id else "lead"
    if key == "lead":
        return app.lead
    return app.co_applicants[int(key.removeprefix("co")) - 1]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def _indicator_lacks(app, item, name: str) -> bool:
    kind = item.id.split(":", 1)[1]
    attr = {"単位": "unit", "現状値": "baseline", "目標値": "target", "目標年": "target_year",
            "指標名": "name"}[name]
    return any(_blank(getattr(ind, attr)) for ind in app.indicators
               if ind.benefit_type is not None and ind.benefit_type.value == kind)


def _deemed_open(app, item, numbers: str, pack: RulePack) -> bool:
    questions = pack.params.deemed_large_questions.value
    company = _member(app, item)
    return all(getattr(company.deemed_large, questions[int(n) - 1].key) is None
               for n in re.findall(r"\((\d)\)", numbers))


# (rule ids or None for any, a pattern of the reason, is the named value missing?)
NAMED_GAPS: list[tuple[set[str] | None, str, Any]] = [
    ({"AMT-001", "AMT-002"}, r"総事業費[^。]*を入力",
     lambda a, i, m, p: a.costs.total_yen is None),
    ({"AMT-001", "AMT-002"}, r"補助対象経費を入力",
     lambda a, i, m, p: a.costs.eligible_yen is None),
    ({"AMT-003", "TRK-004"}, r"補助対象経費[^。]*が決まると",
     lambda a, i, m, p: a.costs.eligible_yen is None),
    ({"AMT-003", "PRD-003"}, r"^事業区分[^。]*(が決まると|を入力すると)",
     lambda a, i, m, p: a.track is None),
    ({"PRD-001", "PRD-002", "PRD-003", "PRD-005"}, r"(開始日)[^。]*(を入力|を入力すると)",
     lambda a, i, m, p: a.period.start is None),
    ({"PRD-001", "PRD-002", "PRD-003"}, r"終了日を入力",
     lambda a, i, m, p: a.period.end is None),
    ({"SME-001"}, r"業種が未入力", lambda a, i, m, p: _member(a, i).industry is None),
    ({"SME-001"}, r"資本金[・]?[^。（]*が未入力",
     lambda a, i, m, p: _member(a, i).capital_yen is None),
    ({"SME-001"}, r"従業員数が未入力", lambda a, i, m, p: _member(a, i).employees is None),
    ({"SME-002"}, r"みなし大企業の質問((?:\(\d\)・?)+)に回答",
     lambda a, i, m, p: _deemed_open(a, i, m.group(1), p)),
    ({"QNT-001"}, r"指標に([^。]+)がありません",
     lambda a, i, m, p: all(_indicator_lacks(a, i, n) for n in m.group(1).split("・"))),
    ({"AFF-001"}, r"出資比率が未入力",
     lambda a, i, m, p: any(x.stake_percent is None for x in a.large.affiliates)),
    ({"AFF-001"}, r"所在（海外か国内か）を回答",
     lambda a, i, m, p: any(x.intermediate_overseas is None for x in a.large.affiliates)),
    ({"APP-003"}, r"日本側メンバーの出資比率を入力",
     lambda a, i, m, p: any(c.parent_stake_percent is None for c in a.co_applicants)),
    ({"MOU-001"}, r"提出予定日[^。]*を入力してください",
     lambda a, i, m, p: a.large.mou.date is None),
    ({"AMT-003", "TRK-004"}, r"補助率[^。]*が決まると",
     lambda a, i, m, p: check(a, p).facts.rate is None),
    ({"AMT-005"}, r"^総事業費を入力すると", lambda a, i, m, p: a.costs.total_yen is None),
    ({"AMT-005"}, r"^補助額が決まると",
     lambda a, i, m, p: check(a, p).facts.subsidy_yen is None
     and not check(a, p).facts.rate_options),
    ({"CNT-005"}, r"^事業期間を入力すると",
     lambda a, i, m, p: a.period.start is None or a.period.end is None),
    (None, r"^実施国を選んでください", lambda a, i, m, p: a.country is None),
    ({"APP-001"}, r"名称を入力", lambda a, i, m, p: _blank(a.lead.name)),
    ({"APP-002"}, r"現地企業の名称を入力", lambda a, i, m, p: _blank(a.local_partner.name)),
    ({"CNT-001"}, r"^事業名称を入力", lambda a, i, m, p: _blank(a.content.title)),
    ({"CNT-001"}, r"^事業概要を入力", lambda a, i, m, p: _blank(a.content.summary)),
    ({"EXP-008"}, r"役割が未入力", lambda a, i, m, p: _blank(_member(a, i).role)),
    ({"EXP-005"}, r"^補助額が決まると",
     lambda a, i, m, p: check(a, p).facts.subsidy_yen is None),
    ({"EXP-001"}, r"^経費明細（[^。]*を入力", lambda a, i, m, p: a.costs.expenses == []),
]
# Reasons with these words name a value as missing: each must be covered by NAMED_GAPS.
GAP_WORDS = re.compile(r"未入力|がありません|が決まると|を入力すると")


def test_a_reason_names_a_value_as_missing_only_when_it_is(pack: RulePack) -> None:
    errors, checked = [], 0
    for sid, situation in SITUATIONS:
        app = build(situation)
        for item in check(app, pack).items:
            reason = item.reason.ja.split("：", 1)[-1] if item.rule_id.startswith(
                ("SME-", "AFF-", "APP-003")) else item.reason.ja
            covered = False
            for rules, pattern, holds in NAMED_GAPS:
                if rules is not None and item.rule_id not in rules:
                    continue
                found = re.search(pattern, reason)
                if found is None:
                    continue
                covered, checked = True, checked + 1
                if not holds(app, item, found, pack):
                    errors.append(f"{sid}: {item.id} says {found.group(0)!r} but the value "
                                  f"is there: {item.reason.ja}")
            if GAP_WORDS.search(reason) and not covered and item.rule_id != "SME-003" \
                    and "判定が済む" not in reason:
                errors.append(f"{sid}: {item.id}: no check for the value this reason names "
                              f"as missing: {item.reason.ja}")
    assert checked > 50, "the table no longer matches the reasons"
    assert not errors, "\n".join(errors[:20])
