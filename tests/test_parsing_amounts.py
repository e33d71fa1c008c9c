"""Tests for the yen amount parser and formatters."""

import pickle

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from gs_assistant.parsing import AmountError, format_yen, format_yen_kanji, parse_amount

ACCEPTED = [
    ("500000000", 500_000_000),
    ("500,000,000", 500_000_000),
    ("500000000円", 500_000_000),
    ("５億円", 500_000_000),
    ("５００，０００，０００円", 500_000_000),
    ("5億", 500_000_000),
    ("5億円", 500_000_000),
    ("1億2,000万円", 120_000_000),
    ("1億2000万円", 120_000_000),
    ("1,500万", 15_000_000),
    ("1,500万円", 15_000_000),
    ("12.5億円", 1_250_000_000),
    ("0.5億", 50_000_000),
    ("3千万円", 30_000_000),
    ("2億5千万円", 250_000_000),
    ("5百万円", 5_000_000),
    ("1,500千円", 1_500_000),
    ("1万2千3百45円", 12_345),
    ("1億5000円", 100_005_000),
    ("1億2,345万6,789円", 123_456_789),
    ("1兆", 10**12),
    ("1,000兆円", 10**15),
    ("1000000000000000", 10**15),
    ("0", 0),
    ("0円", 0),
    ("0,000", 0),
    ("1.0円", 1),
    ("  5億円  ", 500_000_000),
    ("\u30005億円\u3000", 500_000_000),
    ("5億円\n", 500_000_000),
    ("¥500,000", 500_000),
    ("￥500,000", 500_000),
    ("¥500000円", 500_000),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_accepts(text, expected):
    value = parse_amount(text)
    assert value == expected
    assert type(value) is int


REFUSED = [
    # (input, a fragment the Japanese message must contain)
    ("", "入力されていません"),
    ("   ", "入力されていません"),
    ("\u3000", "入力されていません"),
    ("-5億", "マイナス"),
    ("－5億", "マイナス"),
    ("−5億", "マイナス"),
    ("△5億", "マイナス"),
    ("▲5億", "マイナス"),
    ("¥-500", "マイナス"),
    ("マイナス5億", "マイナス"),
    ("約5億円", "「約」「以上」「未定」などを含まない"),
    ("5億円以上", "「約」「以上」「未定」などを含まない"),
    ("5億円程度", "「約」「以上」「未定」などを含まない"),
    ("未定", "「約」「以上」「未定」などを含まない"),
    ("数億円", "「約」「以上」「未定」などを含まない"),
    ("5憶", "「憶」ではなく「億」"),
    ("5憶円", "「憶」ではなく「億」"),
    ("5萬円", "「萬」ではなく「万」"),
    ("五億円", "漢数字"),
    ("1,00,000", "カンマの位置"),
    ("1,5000", "カンマの位置"),
    (",500", "カンマの位置"),
    ("1,000,00", "カンマの位置"),
    ("5万1億", "単位の順序"),
    ("5百3千円", "単位の順序"),
    ("5億5億", "「億」が2回"),
    ("1万2万", "「万」が2回"),
    ("1億12,000万", "繰り上げ"),
    ("5千1500円", "繰り上げ"),
    ("1万10000円", "繰り上げ"),
    ("1.5円", "1円未満"),
    ("0.00001万", "1円未満"),
    ("1,000.5", "1円未満"),
    ("1.2.3億", "小数点が複数"),
    ("1..5", "小数点が複数"),
    (".5億", "数字の形"),
    ("5.", "数字の形"),
    ("億円", "「億」の前に数字がありません"),
    ("万", "「万」の前に数字がありません"),
    ("千万円", "「千」の前に数字がありません"),
    ("円", "数字がありません"),
    ("¥", "数字がありません"),
    ("5億円円", "「円」は最後に1つだけ"),
    ("1円2", "「円」は最後に1つだけ"),
    ("5¥", "「¥」は先頭に1つだけ"),
    ("5 億円", "空白"),
    ("1 000 000", "空白"),
    ("abc", "使えない文字「a」"),
    ("1e5", "使えない文字「e」"),
    ("NaN", "使えない文字「N」"),
    ("+500", "使えない文字「+」"),
    ("١٠٠", "使えない文字"),  # Arabic-Indic digits are not 0-9
    ("①億", "使えない文字「①」"),  # NFKC would make this 1; only width forms are folded
    ("5億\x00", "使えない文字「\\u0000」"),
    ("1000兆1円", "大きすぎます"),
    ("1001兆", "大きすぎます"),
    ("9" * 100, "大きすぎます"),
    ("9" * 101, "長すぎます"),
    ("5億" * 60, "長すぎます"),
]


@pytest.mark.parametrize(("text", "fragment"), REFUSED)
def test_refuses_with_clear_message(text, fragment):
    with pytest.raises(AmountError) as info:
        parse_amount(text)
    assert fragment in str(info.value)
    assert info.value.en.startswith(("Cannot read", "No amount"))


def test_message_names_input_and_expectation():
    with pytest.raises(AmountError) as info:
        parse_amount("約5億円")
    assert str(info.value) == (
        "「約5億円」は金額として読めません：「約」「以上」「未定」などを含まない金額を入力してください"
        "（例：5億円、1億2,000万円、500,000,000）"
    )
    assert info.value.en.startswith("Cannot read '約5億円' as an amount")


def test_error_is_value_error_and_pickles():
    with pytest.raises(ValueError) as info:
        parse_amount("5憶")
    copy = pickle.loads(pickle.dumps(info.value))
    assert str(copy) == str(info.value)
    assert copy.en == info.value.en


def test_long_input_is_shortened_in_message():
    with pytest.raises(AmountError) as info:
        parse_amount("1" * 10_000)
    assert len(str(info.value)) < 200


@pytest.mark.parametrize(
    ("value", "plain", "kanji"),
    [
        (0, "0円", "0円"),
        (1_234, "1,234円", "1,234円"),
        (10_000, "10,000円", "1万円"),
        (15_000_000, "15,000,000円", "1,500万円"),
        (120_000_000, "120,000,000円", "1億2,000万円"),
        (500_000_000, "500,000,000円", "5億円"),
        (1_250_000_000, "1,250,000,000円", "12億5,000万円"),
        (123_456_789, "123,456,789円", "1億2,345万6,789円"),
        (100_000_001, "100,000,001円", "1億1円"),
        (10**12 + 10**4, "1,000,000,010,000円", "1兆1万円"),
        (10**15, "1,000,000,000,000,000円", "1,000兆円"),
    ],
)
def test_format(value, plain, kanji):
    assert format_yen(value) == plain
    assert format_yen_kanji(value) == kanji
    assert parse_amount(plain) == value
    assert parse_amount(kanji) == value


AMOUNT_ALPHABET = "0123456789０５,.，．兆億万千百円¥￥ \u3000約以上憶-△"


@given(st.one_of(st.text(max_size=120), st.text(alphabet=AMOUNT_ALPHABET, max_size=20)))
@example("\ud800")
@example("9" * 100)
@example("1" + "0" * 99)
def test_any_text_gives_int_or_amount_error(text):
    try:
        value = parse_amount(text)
    except AmountError as exc:
        assert str(exc)
        assert exc.en
    else:
        assert type(value) is int
        assert 0 <= value <= 10**15


@given(st.integers(min_value=0, max_value=10**15))
@example(0)
@example(10**15)
@example(10**8)
@example(10**4 - 1)
def test_round_trip(value):
    assert parse_amount(format_yen(value)) == value
    assert parse_amount(format_yen_kanji(value)) == value
    assert parse_amount(str(value)) == value


@given(st.integers(min_value=0, max_value=10**15))
def test_round_trip_full_width(value):
    full_width = format_yen_kanji(value).translate(
        {ord(c): chr(ord(c) + 0xFEE0) for c in "0123456789,"}
    )
    assert parse_amount(full_width) == value


# ---------------------------------------------------------------- numbers with units
# (an expense row's unit price and lump sum in any currency, quantities, indicator values)

from decimal import Decimal  # noqa: E402

from gs_assistant.parsing import parse_number  # noqa: E402


@pytest.mark.parametrize(("text", "value"), [
    ("30万円", Decimal(300_000)), ("30万", Decimal(300_000)), ("３０万", Decimal(300_000)),
    ("1.5億", Decimal(150_000_000)), ("1,200千", Decimal(1_200_000)),
    ("12.50", Decimal("12.5")), ("0.5", Decimal("0.5")), ("30万5千", Decimal(305_000)),
    ("¥300,000", Decimal(300_000)), ("1.25万", Decimal(12_500)), ("0.00001万", Decimal("0.1")),
])
def test_numbers_with_units_are_read_exactly(text: str, value: Decimal) -> None:
    got = parse_number(text)
    assert got == value and str(got) == str(value)  # 1.5億 is 150000000, not 150000000.0


@pytest.mark.parametrize("text", ["約30万", "-5万", "30万万", "三十万", "30万 円", "1,20万", ""])
def test_doubtful_numbers_are_refused_like_amounts(text: str) -> None:
    with pytest.raises(AmountError):
        parse_number(text)


@given(st.integers(0, 10**12))
def test_a_whole_number_reads_as_the_amount_does(n: int) -> None:
    assert parse_number(format_yen(n)) == parse_amount(format_yen(n)) == n
