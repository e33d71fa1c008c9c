"""Citations as users read them.

A rule's citation is a compact key string (``seed:203, seed:217; civil_code_143``): it
stays as it is in JSON (``citation``) and in the audit. On screen, in Markdown and in the
Word draft the same citation is shown by the sources' names and, for the brochure, by the
heading under which the cited lines stand (the brochure has no page numbers):
「経済産業省 海外展開支援施策（2026年3月）「執行スキーム」小規模実証・FS；民法第143条…」.
"""

from __future__ import annotations

import re

from gs_assistant.rules.pack import RulePack

_SEED = re.compile(r"seed:(\d+)(?:-(\d+))?")
_NOTE = re.compile(r"\(([^()]*)\)|（([^（）]*)）")
_KEY = re.compile(r"\b[a-z_][a-z0-9_]+\b")


def _source_name(pack: RulePack, key: str, lang: str) -> str:
    info = pack.header.sources[key]
    if info.short is not None:
        return info.short(lang)
    return info.title


def _sections(pack: RulePack, key: str, lines: list[int], lang: str) -> list[str]:
    out: list[str] = []
    for line in lines:
        for section in pack.header.sources[key].sections:
            if section.from_ <= line <= section.to:
                name = section.en if lang == "en" else section.ja
                if name not in out:
                    out.append(name)
    return out


def _part(part: str, pack: RulePack, lang: str) -> str:
    notes = [a or b for a, b in _NOTE.findall(part)]
    bare = _NOTE.sub("", part)
    names: list[str] = []
    lines: list[int] = []
    for match in _SEED.finditer(bare):
        first = int(match.group(1))
        last = int(match.group(2) or first)
        lines += range(first, last + 1)
    if lines and "seed" in pack.header.sources:
        where = _sections(pack, "seed", lines, lang)
        name = _source_name(pack, "seed", lang)
        names.append(f"{name} {'、'.join(where) if lang != 'en' else ', '.join(where)}".strip())
    for key in _KEY.findall(_SEED.sub("", bare)):
        if key in pack.header.sources and key != "seed":
            names.append(_source_name(pack, key, lang))
    text = ("、" if lang != "en" else ", ").join(dict.fromkeys(names))
    if notes:
        if lang == "en":
            notes = [pack.header.citation_notes_en.get(n, n) for n in notes]
        note = "；".join(notes) if lang != "en" else "; ".join(notes)
        text = f"{text}（{note}）" if lang != "en" else f"{text} ({note})"
    return text


# (id of the pack, citation, lang) -> (the pack, text): a report shows the same few dozen
# citations for every file of an audit; the pack is kept so that its id is not reused
_READABLE: dict[tuple[int, str, str], tuple[RulePack, str]] = {}


def readable_citation(citation: str, pack: RulePack, lang: str = "ja") -> str:
    """The citation by the names of its sources, for people (the key stays in JSON)."""
    key = (id(pack), citation, lang)
    known = _READABLE.get(key)
    if known is not None and known[0] is pack:
        return known[1]
    parts = [p.strip() for p in citation.split(";") if p.strip()]
    shown = [_part(p, pack, lang) for p in parts]
    text = ("；" if lang != "en" else "; ").join(s for s in shown if s) or citation
    _READABLE[key] = (pack, text)
    return text
