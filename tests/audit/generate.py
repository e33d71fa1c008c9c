"""Write a folder of varied application files (and some broken ones) for batch audits.

    python tests/audit/generate.py OUTDIR [N] [BROKEN]

The good files are the two bundled samples, mutated: every track, ASEAN and other
countries (and the ones the rules flag: China, Ukraine, Timor-Leste), SME or large lead,
small to huge amounts, missing parts, reviewers' decisions. They are spread over
subfolders, some with the same file name in different folders, some ``.yml``. Beside
them lie files the audit must skip (backups, hidden files, other extensions). The broken
files each fail in a different way; ``BROKEN_KINDS`` says how and which text the error
message must contain.
"""

from __future__ import annotations

import copy
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gs_assistant.model.files import dump_yaml
from gs_assistant.paths import samples_dir

TRACKS = ["large_asean", "large_non_asean", "small", "fs"]
COUNTRIES = ["VNM", "THA", "IDN", "PHL", "MYS", "TLS", "IND", "KEN", "BRA", "MEX", "EGY",
             "BGD", "NGA", "CHN", "UKR", "TUR"]
OPTIONAL_PARTS = ["content", "indicators", "japan_benefit", "period", "large",
                  "partner_benefit", "local_partner", "costs"]

# name -> (file text (bytes), text the one-line error must contain)
BROKEN_KINDS: dict[str, tuple[bytes, str]] = {
    "syntax": (b"meta:\n  schema_version: 1\nlead: [unclosed\n", "YAML"),
    "wrong_type": (b"meta: {schema_version: 1}\nlead:\n  employees: many\n", "lead.employees"),
    "unknown_key": (b"meta: {schema_version: 1}\nbudget_total: 5\n", "budget_total"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "UTF-8"),
    "empty": (b"", "\u7a7a"),  # 空のファイル
    "not_application": (b"- just\n- a list\n", "meta"),
    "newer_schema": (b"meta: {schema_version: 99}\n", "meta.schema_version"),
    "impossible_date": (b"meta: {schema_version: 1}\nperiod: {start: 2026-02-30}\n",
                        "period.start"),
    "bad_country": (b"meta: {schema_version: 1}\ncountry: vietnam\n", "country"),
    "negative_amount": (b"meta: {schema_version: 1}\ncosts: {total_yen: -5}\n",
                        "costs.total_yen"),
    "duplicate_key": (b"meta: {schema_version: 1}\ntrack: fs\ntrack: small\n", "track"),
    "not_utf8": ("meta: {schema_version: 1}\nlead: {name: 株式会社}\n".encode("shift_jis"),
                 "UTF-8"),
}


@dataclass
class Generated:
    good: list[Path] = field(default_factory=list)
    broken: dict[Path, str] = field(default_factory=dict)  # path -> expected error text
    skipped: list[Path] = field(default_factory=list)  # files the audit must not read


def _samples() -> list[dict[str, Any]]:
    return [yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted(samples_dir().glob("*.yaml"))]


def _vary(base: dict[str, Any], i: int, rng: random.Random) -> dict[str, Any]:
    data = copy.deepcopy(base)
    data["lead"]["name"] = f"株式会社テスト{i:04d}（架空）"
    data["track"] = rng.choice(TRACKS)
    data["country"] = rng.choice(COUNTRIES)
    data.setdefault("local_partner", {})["country"] = data["country"]
    if rng.random() < 0.5:  # SME lead
        data["lead"].update(industry="manufacturing", capital_yen=rng.randrange(1, 30) * 10**7,
                            employees=rng.randrange(5, 300))
    else:
        data["lead"].update(industry="services", capital_yen=rng.randrange(2, 500) * 10**8,
                            employees=rng.randrange(400, 20000))
    eligible = rng.randrange(1, 1000) * 10**7  # 1,000万円 .. 99億9,000万円
    data["costs"] = {"eligible_yen": eligible,
                     "total_yen": eligible * rng.choice([100, 110, 125, 90]) // 100}
    # a one-line plan that agrees with the typed totals (or, where the total is below the
    # eligible cost, disagrees: EXP-010)
    plan = data["costs"]["expenses"] = [{"category": "personnel", "description": "技術者",
                                         "amount": eligible}]
    if data["costs"]["total_yen"] > eligible:
        plan.append({"category": "miscellaneous", "description": "対象外経費",
                                 "amount": data["costs"]["total_yen"] - eligible,
                                 "eligible": False})
    for part in OPTIONAL_PARTS:
        if rng.random() < 0.12:
            data.pop(part, None)
    if rng.random() < 0.2:
        data["review"] = {"items": {"TYP-001": {"decision": {
            "status": rng.choice(["met", "not_met", "needs_review"]),
            "reason": "資料で確認", "author": "支援機関 担当者",
            "at": "2026-04-01T10:00:00+09:00"}}}, "log": []}
    return data


def generate(folder: Path, n: int = 1000, broken: int = 10, seed: int = 7) -> Generated:
    """Write ``n`` good and ``broken`` broken application files under ``folder``."""
    rng = random.Random(seed)
    bases = _samples()
    out = Generated()
    folders = [folder / f"region{k}" / ("sme" if k % 2 else "large") for k in range(8)]
    for sub in folders:
        sub.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        sub = folders[i % len(folders)]
        suffix = ".yml" if i % 10 == 3 else ".yaml"
        # every 50th file shares its name with one in another folder
        name = f"shared_{i // 50:03d}" if i % 50 < 2 else f"app_{i:04d}"
        path = sub / f"{name}{suffix}"
        path.write_text("# generated\n" + dump_yaml(_vary(bases[i % len(bases)], i, rng)),
                        encoding="utf-8")
        out.good.append(path)
    kinds = list(BROKEN_KINDS)
    for j in range(broken):
        kind = kinds[j % len(kinds)]
        text, expected = BROKEN_KINDS[kind]
        path = folders[j % len(folders)] / f"broken_{j:02d}_{kind}.yaml"
        path.write_bytes(text)
        out.broken[path] = expected
    for path in (folder / "region0" / "large" / "app_0000.yaml.bak",
                 folder / "region1" / ".hidden_draft.yaml",
                 folder / "region1" / "notes.txt",
                 folder / ".cache" / "old.yaml"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("not: [an application", encoding="utf-8")
        out.skipped.append(path)
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    bad = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    made = generate(target, count, bad)
    print(f"{len(made.good)} good, {len(made.broken)} broken files in {target}")
