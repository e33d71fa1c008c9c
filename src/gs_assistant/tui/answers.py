"""The answers a checklist item rests on: the values at its field path, labelled.

``answers_at(app, "costs.eligible_yen")`` gives ``[("補助対象経費", "900,000,000円（9億円）")]``.
A path that names a group (``lead``, ``japan_benefit``) gives one line per answered field
in it, and a list (``indicators``) one line per row. Choices are shown by their labels
(from the rule pack when one is given). Pure Python: the review screen shows these lines,
and tests call the function directly.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel

from gs_assistant.model import Application
from gs_assistant.parsing import format_date, format_yen, format_yen_kanji
from gs_assistant.rules import RulePack
from gs_assistant.tui.i18n import CHOICES, field_label, lang, pick, t
from gs_assistant.tui.navigation import generic, tokens

EMPTY = ("（未入力）", "(not answered)")
NO_ROWS = ("（行がありません）", "(no rows)")
SHORT = 80  # characters of a text shown inside a group or a row
SEPARATOR = " / "


def answers_at(app: Application, field_path: str,
               pack: RulePack | None = None) -> list[tuple[str, str]]:
    """(label, text) for the answers at ``field_path``; [] for a path that names nothing."""
    try:
        value = _get(app, field_path)
    except (AttributeError, IndexError, TypeError):
        return []
    lines = _lines(field_path, value, pack, top=True)
    return lines or [(_label(field_path, pack), pick(EMPTY))]


def _get(app: Application, path: str) -> Any:
    node: Any = app
    for tok in tokens(path):
        node = node[tok] if isinstance(tok, int) else getattr(node, tok)
    return node


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _lines(path: str, value: Any, pack: RulePack | None, top: bool) -> list[tuple[str, str]]:
    """One line for a value, several for a group or a list of rows; inside a group,
    unanswered fields are left out."""
    label = _label(path, pack)
    if isinstance(value, BaseModel):
        out: list[tuple[str, str]] = []
        for name in type(value).model_fields:
            out += _lines(f"{path}.{name}", getattr(value, name), pack, top=False)
        return out
    if isinstance(value, list) and _holds_rows(value, path):
        if not value:
            return [(label, pick(NO_ROWS))] if top else []
        return [(f"{label} {n}", _row_text(f"{path}[{n - 1}]", row, pack))
                for n, row in enumerate(value, start=1)]
    if _is_empty(value):
        return [(label, pick(EMPTY))] if top else []
    return [(label, value_text(path, value, pack, cut=not top))]


def _holds_rows(value: list, path: str) -> bool:
    if value:
        return isinstance(value[0], BaseModel)
    return generic(path) in ROW_LISTS


ROW_LISTS = {"co_applicants", "indicators", "large.affiliates", "large.similar_projects",
             "content.milestones"}


def _row_text(path: str, row: BaseModel, pack: RulePack | None) -> str:
    parts = [f"{label}: {text}" for label, text in _lines(path, row, pack, top=False)]
    return SEPARATOR.join(parts) if parts else pick(EMPTY)


def _label(path: str, pack: RulePack | None) -> str:
    """The field's label; the みなし大企業 questions are worded by the pack."""
    plain = generic(path)
    head, _, key = plain.rpartition(".")
    if pack is not None and head.endswith("deemed_large"):
        questions = pack.params.deemed_large_questions.value
        for number, q in enumerate(questions, start=1):
            if q.key == key:
                return f"({number}){q.en if lang() == 'en' else q.ja}"
    return field_label(plain)


def value_text(path: str, value: Any, pack: RulePack | None = None, cut: bool = False) -> str:
    """One answer as a person reads it: amounts in yen, dates in both calendars,
    choices by their labels, long texts cut to ``SHORT`` characters when ``cut``."""
    if isinstance(value, bool):
        return t("choice.yes") if value else t("choice.no")
    if isinstance(value, list):
        return "、".join(value_text(path, v, pack) for v in value)
    if isinstance(value, int) and path.endswith("_yen"):
        return f"{format_yen(value)}（{format_yen_kanji(value)}）"
    if isinstance(value, int):
        return str(value) if path.endswith("year") else f"{value:,}"
    if isinstance(value, Decimal):
        number = format(value.normalize(), "f")
        return f"{number}%" if path.endswith("percent") else number
    if isinstance(value, date):
        return format_date(value)
    key = value.value if isinstance(value, Enum) else value
    label = choice_label(path, str(key), pack)
    if label is not None:
        return label
    text = " ".join(str(key).split())
    return text[:SHORT] + "..." if cut and len(text) > SHORT else text


def choice_label(path: str, key: str, pack: RulePack | None) -> str | None:
    """The label of a choice stored at ``path`` (None when it is not a choice)."""
    plain = generic(path)
    last = plain.rsplit(".", 1)[-1]
    ui = {"indicators.benefit_type": "benefit_type_short",
          "large.affiliates.kind": "affiliate_kind", "co_applicants.location": "location"}
    if plain in ui:
        pair = CHOICES[ui[plain]].get(key)
        return pick(pair) if pair else None
    if pack is None:
        return None
    p = pack.params
    if last == "country":
        country = pack.countries.get(key)
        return f"{country.name(lang())}（{key}）" if country else None
    tables: dict[str, dict[Any, Any]] = {
        "track": {k.value: v.name for k, v in p.tracks.items()},
        "industry": p.industries,
        "field.kinds": {k: v.value for k, v in p.fields.items()},
        "field.dx_area": p.dx_areas.value,
        "field.material": p.critical_materials.value,
        "large.mou.counterpart_kind": p.mou.counterparts.value,
        "large.mou.status": p.mou.statuses.value,
        "branch": p.condition_b_branches.value,
        "partner_benefit.categories": p.partner_benefit_categories.value,
    }
    table = tables.get(plain, tables.get(last))
    label = table.get(key) if table is not None else None
    return label(lang()) if label is not None else None
