"""The answers at a field path, labelled and written as people read them, by the field's
kind in the catalogue (``model/fields.yaml``), in the language asked for.

``answers_at(app, "costs.eligible_yen", pack, "ja")`` gives
``[("補助対象経費", "900,000,000円（9億円）")]``. A path that names a group (``lead``,
``japan_benefit``) gives one line per answered field in it, and a list (``indicators``) one
line per row. Choices are shown by their labels (the rule pack's when one is given).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel

from gs_assistant.model import fieldpath
from gs_assistant.model.application import Application
from gs_assistant.model.catalogue import FieldSpec, catalogue
from gs_assistant.parsing import format_date, format_yen, format_yen_kanji
from gs_assistant.rules.choices import choice_label, country_label
from gs_assistant.rules.pack import RulePack

EMPTY = ("（未入力）", "(not answered)")
NO_ROWS = ("（行がありません）", "(no rows)")
YES_NO = (("はい", "Yes"), ("いいえ", "No"))
SHORT = 80  # characters of a text shown inside a group or a row
SEPARATOR = " / "


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def answers_at(app: Application, field_path: str, pack: RulePack | None = None,
               lang: str = "ja") -> list[tuple[str, str]]:
    """(label, text) for the answers at ``field_path``; [] for a path that names nothing."""
    try:
        value = fieldpath.get(app, field_path)
    except (AttributeError, KeyError, IndexError, TypeError):
        return []
    lines = _lines(app, field_path, value, pack, lang, top=True)
    return lines or [(field_label(field_path, lang, pack), _pick(EMPTY, lang))]


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _lines(app: Application, path: str, value: Any, pack: RulePack | None, lang: str,
           top: bool) -> list[tuple[str, str]]:
    """One line for a value, several for a group or a list of rows; inside a group,
    unanswered fields are left out."""
    label = field_label(path, lang, pack)
    if isinstance(value, BaseModel):
        out: list[tuple[str, str]] = []
        for name in type(value).model_fields:
            out += _lines(app, f"{path}.{name}", getattr(value, name), pack, lang, top=False)
        return out
    spec = catalogue().spec(path)
    if isinstance(value, list) and _holds_rows(value, spec):
        if not value:
            return [(label, _pick(NO_ROWS, lang))] if top else []
        return [(f"{label} {n}", _row_text(app, f"{path}[{n - 1}]", row, pack, lang))
                for n, row in enumerate(value, start=1)]
    if _is_empty(value):
        return [(label, _pick(EMPTY, lang))] if top else []
    return [(label, value_text(path, value, pack, lang, cut=not top, app=app))]


def _holds_rows(value: list, spec: FieldSpec | None) -> bool:
    if value:
        return isinstance(value[0], BaseModel)
    return spec is not None and spec.kind == "rows"


def _row_text(app: Application, path: str, row: BaseModel, pack: RulePack | None,
              lang: str) -> str:
    parts = [f"{label}: {text}"
             for label, text in _lines(app, path, row, pack, lang, top=False)]
    return SEPARATOR.join(parts) if parts else _pick(EMPTY, lang)


def field_label(path: str, lang: str, pack: RulePack | None = None) -> str:
    """The field's label; the みなし大企業 questions are worded by the pack when one is
    given; a path the catalogue lacks is its own label."""
    spec = catalogue().spec(path)
    if spec is None:
        return fieldpath.generic(path)
    if pack is not None and spec.label_from == "deemed_large_questions":
        key = spec.path.rpartition(".")[2]
        questions = pack.params.deemed_large_questions.value
        for number, q in enumerate(questions, start=1):
            if q.key == key:
                return f"({number}){q.en if lang == 'en' else q.ja}"
    return spec.label_in(lang)


def value_text(path: str, value: Any, pack: RulePack | None = None, lang: str = "ja",
               cut: bool = False, app: Application | None = None) -> str:
    """One answer as a person reads it: amounts in yen, dates in both calendars,
    choices by their labels, long texts cut to ``SHORT`` characters when ``cut``."""
    spec = catalogue().spec(path)
    kind = spec.kind if spec is not None else None
    if isinstance(value, bool):
        return _pick(YES_NO[0] if value else YES_NO[1], lang)
    if isinstance(value, list):
        return "、".join(value_text(path, v, pack, lang, app=app) for v in value)
    if isinstance(value, dict):
        return "、".join(f"{k}: {value_text(path, v, pack, lang, app=app)}"
                        for k, v in value.items())
    if isinstance(value, BaseModel):  # an entry of a map: its answered fields
        return SEPARATOR.join(f"{name}: {value_text('', v, pack, lang, app=app)}"
                              for name, v in value if not _is_empty(v))
    if isinstance(value, int) and kind == "yen":
        return f"{format_yen(value)}（{format_yen_kanji(value)}）"
    if isinstance(value, int):
        return str(value) if kind == "year" else f"{value:,}"
    if isinstance(value, Decimal):
        number = format(value.normalize(), "f")
        return f"{number}%" if kind == "percent" else number
    if isinstance(value, date):
        return format_date(value)
    key = str(value.value if isinstance(value, Enum) else value)
    label = None
    if kind == "country":
        label = country_label(key, lang, pack)
    elif spec is not None and spec.choices is not None:
        label = choice_label(spec.choices, key, lang, pack, app)
    if label is not None:
        return label
    text = " ".join(key.split())
    return text[:SHORT] + "..." if cut and len(text) > SHORT else text
