"""Strategies and budgets for the fuzz run (``test_fuzz.py``).

``application_data(clean)`` builds the raw data of an application (what a YAML file or
the wizard hands to the model) by walking the model's own fields, so that every text,
amount, number, date and list field is covered, including fields added later. With
``clean=True`` every value is one the model must accept; with ``clean=False`` anything
goes: control characters, lone surrogates, huge and negative numbers, wrong types.

How many examples each target runs: a few hundred in the ordinary test run; the full
fuzz run (``HYPOTHESIS_PROFILE=fuzz``, or ``GS_FUZZ_EXAMPLES=N`` for a total of N) runs
at least 10,000 in all.
"""

from __future__ import annotations

import enum
import os
import random
import types
import typing
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from pydantic import BaseModel, BeforeValidator

from gs_assistant.model import Application
from gs_assistant.model.package import Document as PackageDocument
from gs_assistant.parsing import format_yen, format_yen_kanji
from gs_assistant.rules import default_pack

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"

# ---------------------------------------------------------------- budgets

# target -> (examples in the ordinary run, examples in the full fuzz run)
BUDGET: dict[str, tuple[int, int]] = {
    "amounts": (500, 2500),
    "dates": (500, 2000),
    "yaml_text": (300, 1000),
    "yaml_mutated": (500, 2000),
    "checker": (100, 1000),
    "docx": (40, 1500),
}
FULL_TOTAL = sum(full for _, full in BUDGET.values())


def examples(target: str) -> int:
    """How many examples ``target`` runs this time (see the module docstring)."""
    ci, full = BUDGET[target]
    total = os.environ.get("GS_FUZZ_EXAMPLES")
    if total:
        return max(1, round(int(total) * full / FULL_TOTAL))
    if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz":
        return full
    return ci


# ---------------------------------------------------------------- hostile text

CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f", "\x85", "\x9f"]
ODD = ["\ufeff", "\ufffe", "\uffff", "\ufdd0", "\ufdd1", "\ufdd0" "1" "\ufdd1", "\u2028",
       "\u2029", "\u200b", "\u200d", "\u200e", "\u200f", "\u202e", "\u2066", "\u00a0",
       "\U0010ffff", "\U000e0001", "\ud800", "\udfff", "\r\n", "\t"]
EMOJI = ["😀", "👍🏽", "👨‍👩‍👧‍👦", "🇯🇵", "🏳️‍🌈", "❤️", "🀄", "𓂀"]
COMBINING = ["e\u0301", "\u0301", "か\u3099", "Z\u0335\u0321\u0337\u0334", "\u20dd", "\u3099"]
RTL = ["مرحبا بالعالم", "עברית", "\u202bمن اليمين\u202c", "فارسی ۱۲۳"]
JAPANESE = ["裨益", "𠮷野家", "髙橋", "①②", "㈱", "ｶﾅ", "\u3000", "令和８年", "５億円", "〜"]
MARKUP = ["{{ 7*7 }}", "{% include '/etc/passwd' %}", "{{ ''.__class__.__mro__ }}", "{#",
          "# 見出し", "| a | b |", "|---|", "**太字**", "\\", "&<>\"'", ": ", "- ", "---",
          "...", "&a ", "*a", "!!python/object/apply:os.system ['true']", "%", "@", "`",
          "::: Title", "<w:t>", "]]>", "\\u0000"]
PIECES = CONTROLS + ODD + EMOJI + COMBINING + RTL + JAPANESE + MARKUP

# Everything the model refuses in text (see model/types.py).
REFUSED_CHARS = set(CONTROLS) - {"\t", "\n", "\r"} | {chr(c) for c in range(0x7f, 0xa0)} \
    | {"\ufffe", "\uffff"}


def _long(text: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A short text repeated into a very long one (up to about 20,000 characters)."""
    return st.tuples(text.filter(bool), st.integers(100, 2000)).map(
        lambda pair: (pair[0] * pair[1])[:20_000])


def _is_clean(text: str) -> bool:
    return not any(c in REFUSED_CHARS or "\ud800" <= c <= "\udfff" for c in text)


_ANY_CHAR = st.characters(codec=None)  # every code point but surrogates
_PIECE_TEXT = st.lists(st.sampled_from(PIECES) | st.text(_ANY_CHAR, max_size=4),
                       max_size=12).map("".join)
HOSTILE_TEXT = st.one_of(st.text(_ANY_CHAR, max_size=40), _PIECE_TEXT, _long(_PIECE_TEXT))
CLEAN_TEXT = st.one_of(
    st.text(_ANY_CHAR.filter(_is_clean), max_size=40),
    _PIECE_TEXT.filter(_is_clean),
    _long(_PIECE_TEXT.filter(_is_clean)),
)

# ---------------------------------------------------------------- numbers and dates

PACK = default_pack()
BOUNDARY_YEN = [0, 1, 500_000_000, 500_000_001, 4_000_000_000, 10**15]
CLEAN_YEN = st.one_of(
    st.sampled_from(BOUNDARY_YEN), st.integers(0, 10**15),
    st.integers(0, 10**15).map(format_yen), st.integers(0, 10**15).map(format_yen_kanji),
)
HOSTILE_YEN = st.one_of(
    CLEAN_YEN, st.integers(), st.sampled_from([-1, -(10**15), 10**15 + 1, 2**63, 10**30]),
    st.floats(), st.booleans(), st.text(max_size=12),
    st.sampled_from(["-5億", "△100万", "1e5", "約5億円", "5憶円", "１億円", "5億円未定", "¥-1"]),
)
CLEAN_DECIMAL = st.one_of(
    st.decimals(-(10**12), 10**12, places=3),
    st.sampled_from([Decimal("0"), Decimal("-0"), Decimal("9" * 30), Decimal("-" + "9" * 30),
                     Decimal("1E+29"), Decimal("0.000001"), Decimal("12.50")]),
)
HOSTILE_DECIMAL = st.one_of(
    CLEAN_DECIMAL, st.decimals(), st.integers(), st.floats(), st.text(max_size=10),
    st.sampled_from([Decimal("1E+400"), Decimal("-1E+400"), Decimal("1E-400"), "NaN", "inf"]),
)
TIMEZONES = st.sampled_from([None, UTC, timezone(timedelta(hours=9)),
                             timezone(timedelta(hours=-12)), timezone(timedelta(hours=14))])
CLEAN_DATETIME = st.datetimes(timezones=TIMEZONES)
CLEAN_DATE = st.dates() | st.dates(date(1989, 1, 1), date(2035, 12, 31)).map(
    lambda d: f"令和{d.year - 2018}年{d.month}月{d.day}日" if d >= date(2019, 5, 1) else
    d.strftime("%Y/%m/%d"))
HOSTILE_DATE = CLEAN_DATE | st.text(max_size=14) | st.integers() | st.sampled_from(
    ["2026-02-30", "令和8年2月30日", "令和0年1月1日", "平成31年5月1日", "0000-01-01", "R8.13.1"])
COUNTRIES = sorted(PACK.countries)
COUNTRY_PATTERN = r"^[A-Z]{3}$"  # the model's country and currency codes (model/types.py)
ITEM_IDS = [r.id for r in PACK.rules] + ["SME-001:lead", "QNT-002:i1"]
# The submission package keys its documents by the pack's document id, per member.
DOC_KEYS = ["business_plan", "financial_statements@co1", "registry@lead", "mou@partner"]


# ---------------------------------------------------------------- walking the model


def _relative(text: str) -> bool:
    try:
        PackageDocument(path=text)
    except ValueError:
        return False
    return True


def _metadata_has(metadata: list[Any], kind: type) -> list[Any]:
    return [m for m in metadata if isinstance(m, kind)]


def _bound(metadata: list[Any], name: str) -> Any:
    for m in metadata:
        if hasattr(m, name):
            return getattr(m, name)
    return None


def value_strategy(annotation: Any, metadata: list[Any], clean: bool) -> st.SearchStrategy:
    """Values for one field, from its annotation and pydantic metadata."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        inner: list[Any] = []
        for m in extra:  # a FieldInfo carries its constraints in .metadata
            inner.extend(getattr(m, "metadata", [m]))
        return value_strategy(base, metadata + inner, clean)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(value_strategy(a, metadata, clean) for a in typing.get_args(annotation)))
    if annotation is type(None):
        return st.none()
    if origin is list:
        (item,) = typing.get_args(annotation)
        return st.lists(value_strategy(item, [], clean), max_size=3)
    if origin is dict:
        _, item = typing.get_args(annotation)
        known = DOC_KEYS if item is PackageDocument else ITEM_IDS
        keys = st.sampled_from(known) if clean else st.sampled_from(known) | st.text()
        return st.dictionaries(keys, value_strategy(item, [], clean), max_size=2)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_data(annotation, clean)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        values = st.sampled_from([e.value for e in annotation])
        return values if clean else values | st.text(max_size=8) | st.integers()
    return _scalar(annotation, metadata, clean)


def _scalar(annotation: Any, metadata: list[Any], clean: bool) -> st.SearchStrategy:
    if any(getattr(m, "func", None).__name__ == "_amount"
           for m in _metadata_has(metadata, BeforeValidator)):
        return CLEAN_YEN if clean else HOSTILE_YEN
    if annotation is bool:
        return st.booleans() if clean else st.booleans() | st.integers(-1, 2) | st.text(max_size=5)
    if annotation is int:
        low, high = _bound(metadata, "ge"), _bound(metadata, "le")
        if clean:
            return st.integers(low, high)
        return st.integers() | st.sampled_from([-1, 2**63, 10**100]) | st.floats() \
            | st.text(max_size=6)
    if annotation is str:
        pattern = _bound(metadata, "pattern")
        if pattern == COUNTRY_PATTERN:  # a country (or currency) code the pack knows
            codes = st.sampled_from(COUNTRIES)
            return codes if clean else codes | st.text(max_size=4)
        if pattern:  # e.g. an expense row's member: lead, co1 …, partner
            good = st.from_regex(pattern, fullmatch=True)
            return good if clean else good | st.text(max_size=6)
        text = CLEAN_TEXT if clean else HOSTILE_TEXT
        if _bound(metadata, "min_length"):
            text = text.filter(bool)
        return text
    if annotation is Decimal:
        if _bound(metadata, "le") is not None:  # a percentage
            good = st.decimals(0, 100, places=4)
            return good if clean else good | HOSTILE_DECIMAL
        digits, places = _bound(metadata, "max_digits"), _bound(metadata, "decimal_places")
        if digits and places is not None:  # a quantity of the expense plan: its digits
            high = Decimal(10) ** (digits - places) - Decimal(1).scaleb(-places)
            low = _bound(metadata, "ge")
            good = st.decimals(-high if low is None else low, high, places=places) \
                | st.sampled_from([Decimal(0), high])
            return good if clean else good | HOSTILE_DECIMAL
        return CLEAN_DECIMAL if clean else HOSTILE_DECIMAL
    if annotation is date:
        return CLEAN_DATE if clean else HOSTILE_DATE
    if annotation is datetime:
        return CLEAN_DATETIME if clean else CLEAN_DATETIME | st.text(max_size=10) | st.integers()
    raise TypeError(f"no strategy for {annotation!r}")  # a new kind of field: add it here


def model_data(model: type[BaseModel], clean: bool) -> st.SearchStrategy[dict[str, Any]]:
    """A dict for ``model``: required fields always, the others sometimes."""
    required, optional = {}, {}
    for name, info in model.model_fields.items():
        if model is Application and name == "meta":
            continue
        strategy = value_strategy(info.annotation, list(info.metadata), clean)
        if clean and model is PackageDocument and name == "path":
            strategy = strategy.filter(_relative)  # an absolute path is refused, rightly
        (required if info.is_required() else optional)[name] = strategy
    return st.fixed_dictionaries(required, optional=optional)


def application_data(clean: bool) -> st.SearchStrategy[dict[str, Any]]:
    """The raw data of a whole application (always with its ``meta``)."""
    return model_data(Application, clean).map(lambda d: {"meta": {"schema_version": 1}, **d})


# ---------------------------------------------------------------- mutating files

SNIPPETS = [
    b"!!python/object/apply:os.system ['touch /tmp/gs_fuzz_PWNED']",
    b"!!python/object/new:os.system [touch /tmp/gs_fuzz_PWNED]",
    b"!!python/name:os.system", b"!!binary aGVsbG8=", b"!!set {a, b}", b"!!omap [a: 1]",
    b"!!timestamp 2026-04-01", b"!!bool maybe", b"!!int", b"!!float", b"!!int 1:2:3",
    b"!!str", b"!!null x", b"!custom x", b"&a [*a, *a]", b"*undefined", b"<<: {x: 1}",
    b"? [complex, key]\n: value", b"%YAML 1.1\n---", b"---\n---", b"...", b"{", b"[", b"'",
    b'"\\x00\\u0007"', b"|\n  block", b">-\n  folded", b"- - - -", b"\t", b"\xef\xbb\xbf",
    b"\xff\xfe", b"\x00", b"\xe3\x81", b"1e400", b".nan", b"-.inf", b"0x1F", b"0o17",
    b"2026-02-30", b"\xe4\xbb\xa4\xe5\x92\x8c8\xe5\xb9\xb42\xe6\x9c\x8830\xe6\x97\xa5",
    b"~", b"null", b"yes", b"NO", b"=", b"'" + b"a" * 5000 + b"'",
]
_ALIAS_BOMB = b"a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n"


@cache
def seed_files(good: bool) -> list[bytes]:
    """Files that load (the bundled samples, ``corpus/ok_*``), or every file we have
    (also ``tests/malformed/`` and ``corpus/bad_*``)."""
    from gs_assistant.paths import samples_dir

    paths = sorted(samples_dir().glob("*.yaml")) + sorted(CORPUS.glob("ok_*.yaml"))
    if not good:
        paths += sorted((HERE.parent / "malformed").glob("*")) + sorted(CORPUS.glob("bad_*"))
    return [p.read_bytes() for p in paths if p.is_file()]


def _mutate(data: bytes, rng: random.Random) -> bytes:
    """One random change: a byte flip, a cut, a line shuffle, an inserted snippet…"""
    kind = rng.randrange(9)
    n = len(data)
    at = rng.randrange(n + 1)
    if rng.random() < 0.7:  # mostly between whole characters
        while at < n and data[at] & 0xC0 == 0x80:
            at += 1
    lines = data.splitlines(keepends=True) or [b""]
    line = rng.randrange(len(lines))
    if kind == 0 and n:  # flip bits of one byte
        i = rng.randrange(n)
        return data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1:]
    if kind == 1:  # truncate
        return data[:at]
    if kind == 2:  # cut a slice out
        return data[:at] + data[min(n, at + rng.randrange(1, 200)):]
    if kind == 3:  # insert random bytes
        return data[:at] + rng.randbytes(rng.randrange(1, 8)) + data[at:]
    if kind == 4:  # shuffle a few lines
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return b"".join(lines)
    if kind == 5:  # duplicate a line (duplicate keys)
        lines.insert(line, lines[line])
        return b"".join(lines)
    if kind == 6:  # a snippet where a value goes
        head, sep, _ = lines[line].partition(b": ")
        tail = b"\n" if lines[line].endswith(b"\n") else b""
        snippet = rng.choice(SNIPPETS)
        lines[line] = (head + sep + snippet + tail) if sep else snippet + b"\n"
        return b"".join(lines)
    if kind == 7:  # change the indentation of a line
        lines[line] = b" " * rng.randrange(0, 6) + lines[line].lstrip(b" ")
        return b"".join(lines)
    if rng.random() < 0.5:  # an alias bomb or a deep nest at the top
        return _ALIAS_BOMB + data
    depth = rng.randrange(10, 3000)
    return data + b"\nx: " + b"[" * depth + b"]" * rng.randrange(depth + 1) + b"\n"


@st.composite
def mutated_files(draw: st.DrawFn) -> bytes:
    """A seed file with one to four random changes (the changes follow a drawn seed)."""
    data = draw(st.sampled_from(seed_files(good=True)) | st.sampled_from(seed_files(good=False)))
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    for _ in range(draw(st.integers(1, 4))):
        data = _mutate(data, rng)
    return data


YAML_ALPHABET = st.sampled_from(
    [*":-[]{}&*!|>'\"#%@`?,. \n\t", "meta", "schema_version", "lead", "name", "costs",
     "total_yen", "1", "5億円", "!!str", "~", "  "])
YAML_TEXT = st.tuples(st.sampled_from(["", "meta:\n  schema_version: 1\n"]),
                      st.lists(YAML_ALPHABET | st.text(max_size=3), max_size=60).map("".join)
                      ).map("".join)
