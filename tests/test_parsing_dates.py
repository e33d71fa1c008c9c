"""Tests for the date parser (Western and 和暦) and formatters."""

import pickle
from datetime import date, datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from gs_assistant.parsing import DateError, format_date, parse_date, to_wareki

APRIL_1 = date(2026, 4, 1)

ACCEPTED = [
    ("2026-04-01", APRIL_1),
    ("2026-4-1", APRIL_1),
    ("2026/4/1", APRIL_1),
    ("2026/04/01", APRIL_1),
    ("2026.4.1", APRIL_1),
    ("2026年4月1日", APRIL_1),
    ("2026年04月01日", APRIL_1),
    ("２０２６年４月１日", APRIL_1),
    ("２０２６－０４－０１", APRIL_1),
    ("  2026-04-01\u3000", APRIL_1),
    ("令和8年4月1日", APRIL_1),
    ("令和 8年 4月 1日", APRIL_1),
    ("令和８年４月１日", APRIL_1),
    ("㋿8年4月1日", APRIL_1),
    ("R8.4.1", APRIL_1),
    ("R08.04.01", APRIL_1),
    ("R8/4/1", APRIL_1),
    ("r8.4.1", APRIL_1),
    ("Ｒ８．４．１", APRIL_1),
    ("令和8.4.1", APRIL_1),
    ("令和8/4/1", APRIL_1),
    ("令和元年5月1日", date(2019, 5, 1)),
    ("令和1年5月1日", date(2019, 5, 1)),
    ("R1.5.1", date(2019, 5, 1)),
    ("平成31年4月30日", date(2019, 4, 30)),
    ("H31.4.30", date(2019, 4, 30)),
    ("㍻31年4月30日", date(2019, 4, 30)),
    ("平成元年1月8日", date(1989, 1, 8)),
    ("h1.1.8", date(1989, 1, 8)),
    ("昭和64年1月7日", date(1989, 1, 7)),
    ("S50.4.1", date(1975, 4, 1)),
    ("昭和元年12月25日", date(1926, 12, 25)),
    ("2024-02-29", date(2024, 2, 29)),
    ("令和6年2月29日", date(2024, 2, 29)),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_accepts(text, expected):
    assert parse_date(text) == expected


REFUSED = [
    # (input, fragment the Japanese message must contain)
    ("", "入力されていません"),
    ("  \u3000", "入力されていません"),
    ("令和1年4月30日", "令和は2019年5月1日から"),
    ("R1.4.30", "令和は2019年5月1日から"),
    ("平成31年5月1日", "平成は2019年4月30日まで"),
    ("平成32年1月1日", "平成は2019年4月30日まで"),
    ("平成元年1月7日", "平成は1989年1月8日から"),
    ("昭和64年1月8日", "昭和は1989年1月7日まで"),
    ("昭和元年12月24日", "昭和は1926年12月25日から"),
    ("令和0年1月1日", "令和0年はありません"),
    ("令和8年2月30日", "2026年2月は28日まで"),
    ("2026-02-29", "2026年2月は28日まで"),
    ("2026-04-31", "2026年4月は30日まで"),
    ("2026-04-00", "2026年4月は30日まで"),
    ("2026-13-01", "13月はありません"),
    ("2026-00-01", "0月はありません"),
    ("0000-01-01", "年が範囲外"),
    ("abc", "日付として読めません"),
    ("未定", "日付として読めません"),
    ("2026-04/01", "日付として読めません"),
    ("2026-04-01T00:00", "日付として読めません"),
    ("20260401", "日付として読めません"),
    ("26-4-1", "日付として読めません"),
    ("2026年4月", "日付として読めません"),
    ("2026年4月1日(水)", "日付として読めません"),
    ("大正15年1月1日", "日付として読めません"),
    ("X8.4.1", "日付として読めません"),
    ("令和八年四月一日", "日付として読めません"),
    ("٢٠٢٦-٠٤-٠١", "日付として読めません"),  # Arabic-Indic digits are not 0-9
    ("2026-04-01\x00", "日付として読めません"),
    ("2026-04-01" * 10, "長すぎます"),
]


@pytest.mark.parametrize(("text", "fragment"), REFUSED)
def test_refuses_with_clear_message(text, fragment):
    with pytest.raises(DateError) as info:
        parse_date(text)
    assert fragment in str(info.value)
    assert info.value.en


def test_message_names_the_date():
    with pytest.raises(DateError) as info:
        parse_date("令和8年2月30日")
    assert str(info.value).startswith("「令和8年2月30日」は存在しない日付です")
    assert "'令和8年2月30日'" in info.value.en


def test_error_is_value_error_and_pickles():
    with pytest.raises(ValueError) as info:
        parse_date("2026-13-01")
    copy = pickle.loads(pickle.dumps(info.value))
    assert (str(copy), copy.en) == (str(info.value), info.value.en)


@pytest.mark.parametrize(
    ("value", "wareki"),
    [
        (APRIL_1, "令和8年4月1日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2020, 1, 1), "令和2年1月1日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(1990, 12, 31), "平成2年12月31日"),
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(1926, 12, 25), "昭和元年12月25日"),
    ],
)
def test_to_wareki(value, wareki):
    assert to_wareki(value) == wareki
    assert parse_date(wareki) == value


def test_to_wareki_before_showa():
    with pytest.raises(DateError):
        to_wareki(date(1926, 12, 24))


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (APRIL_1, "2026-04-01（令和8年4月1日）"),
        (date(2019, 5, 1), "2019-05-01（令和元年5月1日）"),
        (date(2019, 4, 30), "2019-04-30（平成31年4月30日）"),
        (datetime(2026, 4, 1, 12, 30), "2026-04-01（令和8年4月1日）"),
        (date(1900, 1, 1), "1900-01-01"),
    ],
)
def test_format_date(value, shown):
    assert format_date(value) == shown


DATES = st.dates(min_value=date(1989, 1, 8), max_value=date(2100, 12, 31))


@given(DATES)
@example(date(1989, 1, 8))
@example(date(2019, 4, 30))
@example(date(2019, 5, 1))
@example(date(2100, 12, 31))
def test_round_trip(value):
    assert parse_date(value.isoformat()) == value
    assert parse_date(to_wareki(value)) == value
    assert parse_date(f"{value.year}年{value.month}月{value.day}日") == value
    assert parse_date(f"{value:%Y/%m/%d}") == value


DATE_ALPHABET = "0123456789０４-/.年月日令和平成昭元RHSrhx ㋿"


@given(st.one_of(st.text(max_size=60), st.text(alphabet=DATE_ALPHABET, max_size=16)))
@example("\ud800")
@example("令和999.12.31")
@example("R0.1.1")
def test_any_text_gives_date_or_date_error(text):
    try:
        value = parse_date(text)
    except DateError as exc:
        assert str(exc)
        assert exc.en
    else:
        assert type(value) is date
