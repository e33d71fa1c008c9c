"""Field types shared by the application model.

Money is integer yen; percentages and indicator values are Decimal. Text fields refuse
control characters that no document can hold (tabs and newlines are fine: they come from
Excel and Word pastes), and amounts/dates accept what an applicant types by hand in the
YAML file (``5億円``, ``令和8年4月1日``) as well as the canonical form.
"""

from __future__ import annotations

import inspect
import math
import re
import unicodedata
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, WithJsonSchema

from gs_assistant.parsing import AmountError, DateError, parse_amount, parse_date
from gs_assistant.parsing.errors import InputError

# C0 controls other than TAB/LF/CR, DEL, C1 controls, non-characters and lone surrogates.
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def _clean_text(value: str) -> str:
    match = _BAD_CHARS.search(value)
    if match:
        code, at = ord(match.group()), match.start() + 1
        raise InputError(f"制御文字 U+{code:04X} は使えません（{at}文字目）",
                         f"the control character U+{code:04X} is not allowed (character {at})")
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _amount(value: Any) -> Any:
    if isinstance(value, bool):
        raise InputError("金額は数値で入力してください", "enter the amount as a number")
    if isinstance(value, str):
        try:
            return parse_amount(value)
        except AmountError as exc:
            raise InputError(str(exc), exc.en) from None
    if isinstance(value, float):
        if not math.isfinite(value) or value != int(value):  # int(inf) would raise
            raise InputError("金額は円単位の整数で入力してください",
                             "enter the amount in whole yen")
        return int(value)
    return value


def _date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return parse_date(value)
        except DateError as exc:
            raise InputError(str(exc), exc.en) from None
    if isinstance(value, int | float):  # pydantic would read 0 as 1970-01-01
        raise InputError(f"{value!r} は日付として読めません（例：2026-04-01、令和8年4月1日）",
                         f"{value!r} cannot be read as a date (e.g. 2026-04-01, 令和8年4月1日)")
    return value


def _percent(value: Any) -> Any:
    """``10%``, ``１０％`` and `` 10 % `` read as 10, the way amounts accept 円."""
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if text.endswith("%"):
            text = text[:-1].strip()
        return text
    return value


def _decimal_text(value: Any) -> Any:
    """``1,234.5``, ``１２３４．５`` and a YAML float (by its shortest repr) as a Decimal."""
    if isinstance(value, bool):
        raise InputError("数値で入力してください", "enter a number")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InputError("数値で入力してください", "enter a number")
        return Decimal(repr(value))
    if isinstance(value, str):
        return unicodedata.normalize("NFKC", value).replace(",", "").strip()
    return value


def _upper(value: Any) -> Any:
    return unicodedata.normalize("NFKC", value).strip().upper() if isinstance(value, str) \
        else value


def _decimal_out(value: Decimal) -> int | str:
    if value == value.to_integral_value():
        return int(value)
    return format(value.normalize(), "f")


Text = Annotated[str, AfterValidator(_clean_text)]
# The JSON Schema (``gs-assistant schema``) accepts what the loader accepts, typed forms too.
_YEN_SCHEMA = {"anyOf": [{"type": "integer", "minimum": 0, "maximum": 10**15},
                         {"type": "string", "description": "金額（例: 5億円、1億2,000万円）"}]}
_PERCENT_SCHEMA = {"anyOf": [{"type": "number", "minimum": 0, "maximum": 100},
                             {"type": "string", "description": "百分率（例: 10、10%、12.5%）"}]}
_DAY_SCHEMA = {"type": "string", "description": "日付（例: 2026-04-01、令和8年4月1日）"}

Yen = Annotated[
    int, BeforeValidator(_amount), Field(ge=0, le=10**15),
    WithJsonSchema(_YEN_SCHEMA, mode="validation"),
]
Day = Annotated[date, BeforeValidator(_date), WithJsonSchema(_DAY_SCHEMA, mode="validation")]
Number = Annotated[
    Decimal,
    Field(allow_inf_nan=False, max_digits=30),
    PlainSerializer(_decimal_out, when_used="json"),
]
Percent = Annotated[
    Decimal,
    BeforeValidator(_percent),
    Field(ge=0, le=100, allow_inf_nan=False),
    PlainSerializer(_decimal_out, when_used="json"),
    WithJsonSchema(_PERCENT_SCHEMA, mode="validation"),
]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]

# An amount in a row's own currency, a quantity or a yen-per-unit rate: exact decimals,
# never negative (a refund is not a cost).
_QUANTITY_SCHEMA = {"anyOf": [{"type": "number", "minimum": 0},
                              {"type": "string", "description": "数値（例: 1,234.5）"}]}
Quantity = Annotated[
    Decimal,
    BeforeValidator(_decimal_text),
    Field(ge=0, allow_inf_nan=False, max_digits=24, decimal_places=6),
    PlainSerializer(_decimal_out, when_used="json"),
    WithJsonSchema(_QUANTITY_SCHEMA, mode="validation"),
]
CurrencyCode = Annotated[str, BeforeValidator(_upper), Field(pattern=r"^[A-Z]{3}$"),
                         WithJsonSchema({"type": "string", "pattern": "^[A-Za-z]{3}$",
                                         "description": "ISO 4217（例: JPY、USD、INR）"},
                                        mode="validation")]


# pydantic reads the signature of every ``default_factory`` as a model's validator is built;
# for a builtin such as ``list`` that means parsing its text signature, and the first time
# compiling the tokenizer's patterns (about 4 ms of every command's start). These are plain
# functions, whose signatures are read directly.
def new_list() -> list[Any]:
    """A new empty list (a field's default)."""
    return []


def new_dict() -> dict[Any, Any]:
    """A new empty dict (a field's default)."""
    return {}


# pydantic reads a validator's (or default factory's) signature again for every field that
# uses it: some 130 times as the application's validator is built (``_clean_text`` alone 81),
# about 2 ms of every command that loads a file. Each function here carries its signature,
# computed once, which is what ``inspect.signature`` then returns.
for _function in (_clean_text, _amount, _date, _percent, _decimal_text, _upper, _decimal_out,
                  new_list, new_dict):
    _function.__signature__ = inspect.signature(_function)  # type: ignore[attr-defined]
del _function
