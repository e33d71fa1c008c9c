"""Strict parser and formatters for dates in the Western calendar and in 和暦.

Accepted: ``2026-04-01``, ``2026/4/1``, ``2026.4.1``, ``2026年4月1日``, ``令和8年4月1日``,
``令和元年5月1日``, ``R8.4.1``, ``令和8.4.1``, ``平成31年4月30日``, ``昭和50年4月1日`` and
their full-width forms. A 和暦 date must exist in its era (令和 starts 2019-05-01).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import NoReturn

from gs_assistant.parsing.amounts import fold_width, quote_input
from gs_assistant.parsing.errors import InputError

MAX_LENGTH = 50

# (name, letter, first day), newest first.
_ERAS = (
    ("令和", "R", date(2019, 5, 1)),
    ("平成", "H", date(1989, 1, 8)),
    ("昭和", "S", date(1926, 12, 25)),
)
_SQUARE_ERAS = {0x32FF: "令和", 0x337B: "平成", 0x337C: "昭和"}  # ㋿ ㍻ ㍼

# Month and day after the year: 年月日 (spaces allowed) or one separator used twice.
_YMD = (
    r"(?:\s*年\s*(?P<m1>[0-9]{1,2})\s*月\s*(?P<d1>[0-9]{1,2})\s*日"
    r"|(?P<sep>[-/.])(?P<m2>[0-9]{1,2})(?P=sep)(?P<d2>[0-9]{1,2}))"
)
_WESTERN = re.compile(rf"(?P<year>[0-9]{{4}}){_YMD}")
_WAREKI = re.compile(rf"(?P<era>令和|平成|昭和|[RHSrhs])\s*(?P<year>[0-9]{{1,4}}|元){_YMD}")

_EXAMPLE_JA = "（例：2026-04-01、2026年4月1日、令和8年4月1日、R8.4.1）"
_EXAMPLE_EN = " (e.g. 2026-04-01, 2026年4月1日, 令和8年4月1日, R8.4.1)"


class DateError(InputError):
    """A date that cannot be read. ``str()`` is Japanese; ``.en`` is English."""


def _fail(shown: str, ja: str, en: str) -> NoReturn:
    raise DateError(f"「{shown}」は{ja}{_EXAMPLE_JA}", f"{shown!r}: {en}{_EXAMPLE_EN}")


def parse_date(text: str) -> date:
    """Return the date the applicant typed, or raise :class:`DateError`."""
    shown = quote_input(text)
    if len(text) > MAX_LENGTH:
        _fail(
            shown,
            f"長すぎます。日付は{MAX_LENGTH}文字以内で入力してください",
            f"too long for a date (at most {MAX_LENGTH} characters)",
        )
    t = fold_width(text).translate(_SQUARE_ERAS).strip()
    if not t:
        raise DateError(
            f"日付が入力されていません{_EXAMPLE_JA}", f"No date was entered{_EXAMPLE_EN}"
        )
    if match := _WESTERN.fullmatch(t):
        return _make(shown, int(match["year"]), match)
    if match := _WAREKI.fullmatch(t):
        return _from_wareki(shown, match)
    _fail(shown, "日付として読めません", "not a date")


def _make(shown: str, year: int, match: re.Match[str]) -> date:
    """Build the date, explaining what is wrong when it does not exist."""
    month, day = int(match["m1"] or match["m2"]), int(match["d1"] or match["d2"])
    if not 1 <= year <= 9999:
        _fail(shown, "存在しない日付です（年が範囲外）", "no such date (year out of range)")
    if not 1 <= month <= 12:
        _fail(
            shown,
            f"存在しない日付です（{month}月はありません）",
            f"no such date (no month {month})",
        )
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        _fail(
            shown,
            f"存在しない日付です（{year}年{month}月は{last}日まで）",
            f"no such date ({year}-{month:02d} has {last} days)",
        )
    return date(year, month, day)


def _from_wareki(shown: str, match: re.Match[str]) -> date:
    era = match["era"].upper()
    index = next(i for i, e in enumerate(_ERAS) if era in e[:2])
    name, _, start = _ERAS[index]
    year = 1 if match["year"] == "元" else int(match["year"])
    if year == 0:
        _fail(
            shown,
            f"存在しない日付です（{name}0年はありません。1年は「元年」）",
            f"no such date ({name} year 0 does not exist)",
        )
    value = _make(shown, start.year + year - 1, match)
    if value < start:
        _fail(
            shown,
            f"存在しない日付です（{name}は{_kanji(start)}から）",
            f"no such date ({name} starts on {start.isoformat()})",
        )
    if index > 0 and value >= _ERAS[index - 1][2]:
        end = _ERAS[index - 1][2] - timedelta(days=1)
        _fail(
            shown,
            f"存在しない日付です（{name}は{_kanji(end)}まで。翌日からは{_ERAS[index - 1][0]}）",
            f"no such date ({name} ended on {end.isoformat()})",
        )
    return value


def _kanji(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def to_wareki(value: date) -> str:
    """``2026-04-01`` → ``令和8年4月1日``; the first year is written ``元年``."""
    value = date(value.year, value.month, value.day)  # a datetime does not compare to a date
    for name, _, start in _ERAS:
        if value >= start:
            year = value.year - start.year + 1
            return f"{name}{'元' if year == 1 else year}年{value.month}月{value.day}日"
    raise DateError(
        f"{value.isoformat()} は和暦（昭和以降）で表せません",
        f"{value.isoformat()} is before the Showa era and has no supported 和暦 form",
    )


def format_date(value: date) -> str:
    """``2026-04-01（令和8年4月1日）``; dates before 昭和 are shown in ISO form only."""
    value = date(value.year, value.month, value.day)
    if value < _ERAS[-1][2]:
        return value.isoformat()
    return f"{value.isoformat()}（{to_wareki(value)}）"
