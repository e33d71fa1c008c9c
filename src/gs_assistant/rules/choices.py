"""The options of a choice field and the label of a chosen key, by the catalogue's table
name (``pack:industries``, ``ui:location``, ``app:members``), in the language asked for.

``pack:`` tables are rule content (the rule pack words and cites them), ``ui:`` tables are
the wizard's own words (``model/fields.yaml``), ``app:members`` names the consortium's
members as the file holds them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gs_assistant.model.application import Application
from gs_assistant.model.catalogue import catalogue
from gs_assistant.rules.expenses import member_keys, member_label
from gs_assistant.rules.pack import RulePack

Label = Callable[[str], str]  # a label in a language


def _pack_tables(pack: RulePack) -> dict[str, Callable[[], dict[str, Any]]]:
    p = pack.params
    return {
        "industries": lambda: p.industries,
        "tracks": lambda: {k.value: v.name for k, v in p.tracks.items()},
        "fields": lambda: {k: v.value for k, v in p.fields.items()},
        "dx_areas": lambda: p.dx_areas.value,
        "critical_materials": lambda: p.critical_materials.value,
        "condition_b_branches": lambda: {k.value: v for k, v in
                                         p.condition_b_branches.value.items()},
        "partner_benefit_categories": lambda: {k.value: v for k, v in
                                               p.partner_benefit_categories.value.items()},
        "mou_counterparts": lambda: p.mou.counterparts.value,
        "mou_statuses": lambda: {k.value: v for k, v in p.mou.statuses.value.items()},
        "expense_categories": lambda: {k: c.value for k, c in p.expenses.categories.items()},
    }


PACK_TABLES = frozenset({
    "industries", "tracks", "fields", "dx_areas", "critical_materials", "condition_b_branches",
    "partner_benefit_categories", "mou_counterparts", "mou_statuses", "expense_categories",
})  # the names _pack_tables answers (tests/test_catalogue.py holds them equal)


def labels(table: str, pack: RulePack | None = None,
           app: Application | None = None) -> dict[str, Label] | None:
    """The table's labels by key, in its order; None when it cannot be had (a ``pack:``
    table without a pack, ``app:members`` without an application, an unknown table)."""
    source, _, name = table.partition(":")
    if source == "ui":
        pairs = catalogue().choices.get(name)
        if pairs is None:
            return None
        return {k: (lambda lang, pair=pair: pair[1] if lang == "en" else pair[0])
                for k, pair in pairs.items()}
    if source == "pack" and pack is not None:
        getter = _pack_tables(pack).get(name)
        return {str(k): v for k, v in getter().items()} if getter is not None else None
    if source == "app" and name == "members" and app is not None:
        out: dict[str, Label] = {}
        for key in [*member_keys(app), "partner"]:
            out[key] = member_label(app, key)[0]  # a Text: text(lang)
        return out
    return None


def options(table: str, lang: str, pack: RulePack | None = None,
            app: Application | None = None) -> list[tuple[str, str]]:
    """(label, key) for every option of the table, in its order."""
    found = labels(table, pack, app) or {}
    return [(label(lang), key) for key, label in found.items()]


def choice_label(table: str, key: str, lang: str, pack: RulePack | None = None,
                 app: Application | None = None) -> str | None:
    """The label of ``key`` in the table; None when the table or the key is unknown."""
    found = labels(table, pack, app)
    label = found.get(key) if found is not None else None
    return label(lang) if label is not None else None


def country_label(code: str, lang: str, pack: RulePack | None) -> str | None:
    """「ベトナム（VNM）」 / "Viet Nam (VNM)" as the wizard lists countries."""
    country = pack.countries.get(code) if pack is not None else None
    return f"{country.name(lang)}（{code}）" if country is not None else None


def country_options(pack: RulePack, lang: str) -> list[tuple[str, str]]:
    """Every country of the pack as (label, ISO code), by name."""
    countries = sorted(pack.countries.values(), key=lambda c: c.name(lang))
    return [(f"{c.name(lang)}（{c.iso3}）", c.iso3) for c in countries]
