"""Strict parser and formatters for yen amounts as applicants type them.

Accepted: ``500000000``, ``500,000,000``, ``¥500,000``, ``5億円``, ``1億2,000万円``,
``12.5億円``, ``3千万円``, ``1,500千円`` and the full-width forms of all of these.
Everything is exact Decimal/integer arithmetic; anything doubtful is refused with an
:class:`AmountError` that says, in Japanese, what was typed and what is expected.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Context, Decimal, localcontext
from typing import NoReturn

from gs_assistant.parsing.errors import InputError

MAX_YEN = 10**15
MAX_LENGTH = 100

# Units, biggest first. 千/百 multiply the number before a major unit (3千万 = 3,000万).
_LEVELS: tuple[dict[str, int], ...] = (
    {"兆": 10**12, "億": 10**8, "万": 10**4},
    {"千": 1000, "百": 100},
)
_UNIT_CHARS = "兆億万千百"
_TOKEN = re.compile(rf"[0-9.,]+|[{_UNIT_CHARS}]|.", re.S)
_NUMBER = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
_NEGATIVE = re.compile(r"[-−‐–—△▲▵▴]|マイナス")
_APPROX = re.compile(
    r"約|およそ|概算|程度|前後|以上|以下|未満|超|未定|予定|見込|ほど|くらい|ぐらい|強|弱|余|数[億万千百兆]"
)
_TYPOS = {"憶": "億", "臆": "億", "萬": "万", "仟": "千", "圓": "円"}
_KANJI_DIGITS = re.compile(r"[〇零一二三四五六七八九十壱弐参]")

_EXAMPLE_JA = "（例：5億円、1億2,000万円、500,000,000）"
_EXAMPLE_EN = " (e.g. 5億円, 1億2,000万円, 500,000,000)"


class AmountError(InputError):
    """An amount that cannot be read. ``str()`` is Japanese; ``.en`` is English."""


def fold_width(text: str) -> str:
    """Full-width (and half-width) forms to their plain forms via NFKC: ``５億円`` → ``5億円``.

    Only width variants are folded, so ``①`` or ``²`` stay as they are and get refused.
    """
    return "".join(
        unicodedata.normalize("NFKC", c)
        if unicodedata.decomposition(c).startswith(("<wide>", "<narrow>"))
        else c
        for c in text
    )


def quote_input(text: str, limit: int = 30) -> str:
    """What the user typed, stripped, shortened and with unprintable characters escaped."""
    text = text.strip()
    if len(text) > limit:
        text = text[:limit] + "…"
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def _fail(shown: str, ja: str, en: str) -> NoReturn:
    raise AmountError(
        f"「{shown}」は金額として読めません：{ja}{_EXAMPLE_JA}",
        f"Cannot read {shown!r} as an amount: {en}{_EXAMPLE_EN}",
    )


def parse_amount(text: str) -> int:
    """Return integer yen for what the applicant typed, or raise :class:`AmountError`."""
    shown = quote_input(text)
    total = _read(text, shown)
    if total != total.to_integral_value():
        _fail(
            shown,
            f"1円未満の端数があります（{total.normalize():f}円）。円単位で入力してください",
            f"it has a fraction of a yen ({total.normalize():f} yen)",
        )
    if total > MAX_YEN:
        _fail(
            shown,
            f"金額が大きすぎます（上限は{format_yen_kanji(MAX_YEN)}）",
            f"the amount is too large (at most {MAX_YEN:,} yen)",
        )
    return int(total)


def parse_number(text: str) -> Decimal:
    """A number as people write amounts in any currency and quantities: ``300000``,
    ``30万``, ``1.5億``, ``1,200千``, ``12.50``; fractions kept (cents, 0.5 人月), exact.
    Refused like amounts: negatives, 約 and 以上, kanji numerals, misplaced commas."""
    shown = quote_input(text)
    total = _read(text, shown)
    if total > MAX_YEN:
        _fail(shown, f"数が大きすぎます（上限は{format_yen_kanji(MAX_YEN)}）",
              f"the number is too large (at most {MAX_YEN:,})")
    return total.quantize(Decimal(1)) if total == total.to_integral_value() else total.normalize()


def _read(text: str, shown: str) -> Decimal:
    """The exact value of an amount as typed, units applied; refusals as AmountError."""
    if len(text) > MAX_LENGTH:
        _fail(
            shown,
            f"入力が長すぎます（{len(text)}文字）。{MAX_LENGTH}文字以内で入力してください",
            f"the input is too long ({len(text)} characters, at most {MAX_LENGTH})",
        )
    t = fold_width(text).strip()
    if not t:
        raise AmountError(
            f"金額が入力されていません{_EXAMPLE_JA}", f"No amount was entered{_EXAMPLE_EN}"
        )
    _check_wording(shown, t)
    t = t.removeprefix("¥").removesuffix("円")
    if not t:
        _fail(shown, "数字がありません", "there is no number")
    if re.search(r"\s", t):
        _fail(shown, "数字と単位の間に空白を入れないでください", "remove the spaces inside")
    with localcontext(Context(prec=400)):  # exact for any input of MAX_LENGTH characters
        return _evaluate(shown, _tokens(shown, t), 0)


def _check_wording(shown: str, t: str) -> None:
    """Refuse negatives, approximations, typos and kanji numerals with a targeted message."""
    if _NEGATIVE.match(t.removeprefix("¥")):
        _fail(shown, "マイナスの金額は入力できません", "negative amounts are not allowed")
    if _APPROX.search(t):
        _fail(
            shown,
            "「約」「以上」「未定」などを含まない金額を入力してください",
            "enter an exact amount without words like '約' (about), '以上' (or more), "
            "'未定' (TBD)",
        )
    for wrong, right in _TYPOS.items():
        if wrong in t:
            _fail(
                shown,
                f"「{wrong}」ではなく「{right}」と入力してください",
                f"write {right} instead of {wrong}",
            )
    if match := _KANJI_DIGITS.search(t):
        _fail(
            shown,
            f"漢数字（「{match.group()}」）ではなく算用数字（0〜9）で入力してください",
            f"use the digits 0-9, not the kanji numeral {match.group()}",
        )


def _tokens(shown: str, t: str) -> list[Decimal | str]:
    """Split into numbers (Decimal) and unit characters, refusing anything else."""
    out: list[Decimal | str] = []
    for tok in _TOKEN.findall(t):
        if tok in _UNIT_CHARS:
            out.append(tok)
        elif tok[0] in "0123456789.,":
            out.append(_number(shown, tok))
        elif tok in "円¥":
            where, en = ("最後", "the end") if tok == "円" else ("先頭", "the start")
            _fail(shown, f"「{tok}」は{where}に1つだけ付けてください", f"{tok} goes once at {en}")
        else:
            tok = quote_input(tok)
            _fail(
                shown,
                f"使えない文字「{tok}」が含まれています（使えるのは数字・カンマ・小数点・兆億万千百・円）",
                f"it contains {tok!r}; only digits, commas, a decimal point, "
                "the units '兆億万千百' and '円' are allowed",
            )
    return out


def _number(shown: str, tok: str) -> Decimal:
    if tok.count(".") > 1:
        _fail(shown, f"小数点が複数あります（「{tok}」）", f"{tok!r} has several decimal points")
    if _NUMBER.fullmatch(tok):
        return Decimal(tok.replace(",", ""))
    if "," in tok:
        _fail(
            shown,
            f"カンマの位置が正しくありません（「{tok}」）。カンマは3桁ごとに入れてください",
            f"the commas in {tok!r} are misplaced; put one every three digits",
        )
    _fail(shown, f"数字の形が正しくありません（「{tok}」）", f"{tok!r} is not a number")


def _evaluate(shown: str, tokens: list[Decimal | str], level: int) -> Decimal:
    """Sum ``number unit`` groups at this unit level, biggest unit first, each at most once."""
    if level == len(_LEVELS):
        if len(tokens) != 1 or not isinstance(tokens[0], Decimal):
            _fail(shown, "数字と単位の並びが正しくありません", "numbers and units are jumbled")
        return tokens[0]
    units = _LEVELS[level]
    total, prev, group = Decimal(0), "", []
    for tok in [*tokens, ""]:
        if tok != "" and tok not in units:
            group.append(tok)
            continue
        if tok == "" and not group:
            break
        if not group:
            _fail(shown, f"「{tok}」の前に数字がありません", f"no number before {tok}")
        if prev and tok and units[tok] >= units[prev]:
            if tok == prev:
                _fail(shown, f"「{tok}」が2回出てきます", f"{tok} appears twice")
            _fail(
                shown,
                f"単位の順序が正しくありません（「{prev}」の後に「{tok}」）。"
                "大きい単位から順に書いてください",
                f"units out of order ({tok} after {prev}); write the biggest unit first",
            )
        unit = units[tok] if tok else 1
        value = _evaluate(shown, group, level + 1) * unit
        if prev and value >= units[prev]:
            _fail(
                shown,
                f"「{prev}」より後の部分が1{prev}以上です。上の単位に繰り上げてください",
                f"the part after {prev} is 1{prev} or more; carry it into {prev}",
            )
        total, prev, group = total + value, tok, []
    return total


def format_yen(value: int, lang: str = "ja") -> str:
    """``500000000`` → ``500,000,000円`` (``500,000,000 yen`` in English)."""
    return f"{value:,} yen" if lang == "en" else f"{value:,}円"


def format_yen_kanji(value: int) -> str:
    """``120000000`` → ``1億2,000万円``; ``0`` → ``0円``."""
    if value == 0:
        return "0円"
    rest, parts = abs(value), []
    for char, unit in _LEVELS[0].items():
        count, rest = divmod(rest, unit)
        if count:
            parts.append(f"{count:,}{char}")
    if rest:
        parts.append(f"{rest:,}")
    return ("-" if value < 0 else "") + "".join(parts) + "円"
