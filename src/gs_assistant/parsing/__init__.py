"""Parsers for what applicants type: Japanese amounts and dates (Western and 和暦)."""

from gs_assistant.parsing.amounts import (
    AmountError,
    format_yen,
    format_yen_kanji,
    parse_amount,
    parse_number,
)
from gs_assistant.parsing.dates import DateError, format_date, parse_date, to_wareki

__all__ = [
    "AmountError",
    "DateError",
    "format_date",
    "format_yen",
    "format_yen_kanji",
    "parse_amount",
    "parse_date",
    "parse_number",
    "to_wareki",
]
