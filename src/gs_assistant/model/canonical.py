"""Materials and DX areas typed as words: read them the way a person means them.

A hand-written or imported file may name a 特定重要物資 or a DX area by the pack's key
(``batteries``), its Japanese name (``蓄電池``) or its English name (``Storage batteries``).
On load each is replaced by the key, so the file is saved in its canonical form. Words the
pack lists as aliases (``レアアース`` for 重要鉱物) are kept as typed: the checker reads
them and asks for a confirmation. Kept here, apart from the checker, so that loading a file
never imports it (like ``files.known_countries``).
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

_CROSS = re.compile(r"[✕✖×x]dx$")


def norm(text: str) -> str:
    """Width, case and blanks folded: ``農林水産 × ＤＸ`` → ``農林水産×dx``."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(folded.split()).replace("✕", "×").replace("✖", "×")


def names(entries: Mapping[str, Any]) -> dict[str, str]:
    """Every accepted spelling (folded) → the key: the key itself, the Japanese and
    English names, and for DX areas the name without its ``×DX`` suffix."""
    out: dict[str, str] = {}
    for key, entry in entries.items():
        spellings = [key]
        if isinstance(entry, Mapping):
            spellings += [str(entry.get("ja") or ""), str(entry.get("en") or "")]
        elif hasattr(entry, "ja"):
            spellings += [entry.ja, entry.en]
        for spelling in spellings:
            folded = norm(spelling)
            if folded:
                out.setdefault(folded, key)
                out.setdefault(_CROSS.sub("", folded), key)
    return out


def canonical(text: str, table: Mapping[str, str]) -> str:
    """The key ``text`` names, or ``text`` unchanged when it names none."""
    if not text or not text.strip():
        return text
    folded = norm(text)
    return table.get(folded) or table.get(_CROSS.sub("", folded)) or text


@cache
def bundled_tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(materials, DX areas, 費目): spellings → keys from the bundled rule packs, read once
    (and kept in the user cache folder, so a command need not parse the YAML again)."""
    from gs_assistant.cache import derived
    from gs_assistant.paths import rules_dir

    def build() -> list[dict[str, str]]:
        materials: dict[str, str] = {}
        areas: dict[str, str] = {}
        categories: dict[str, str] = {}
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        for path in sources:
            with contextlib.suppress(OSError, yaml.YAMLError, KeyError, TypeError,
                                     AttributeError):
                data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
                materials.update(names(data["critical_materials"]["value"]))
                areas.update(names(data["dx_areas"]["value"]))
                categories.update(names({k: v["value"] for k, v in
                                         data["expenses"]["categories"].items()}))
        return [materials, areas, categories]

    def valid(data: object) -> bool:
        return (isinstance(data, list) and len(data) == 3
                and all(isinstance(t, dict) and all(isinstance(k, str) and isinstance(v, str)
                                                    for k, v in t.items()) for t in data))

    sources = sorted(rules_dir().glob("*/parameters.yaml"))
    materials, areas, categories = derived("names", sources, [Path(__file__)], build, valid)
    return materials, areas, categories


def canonical_material(text: str) -> str:
    return canonical(text, bundled_tables()[0]) if text and text.strip() else text


def canonical_dx_area(text: str) -> str:
    return canonical(text, bundled_tables()[1]) if text and text.strip() else text


def canonical_expense_category(text: str) -> str:
    return canonical(text, bundled_tables()[2]) if text and text.strip() else text
