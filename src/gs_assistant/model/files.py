"""Reading and writing application files.

One application is one UTF-8 YAML file with Japanese kept readable. Saving is atomic:
the new text goes to a temporary file in the same folder, is flushed and fsynced, the
previous file is kept as ``NAME.bak``, and the temporary file is renamed over the
original. A crash at any moment leaves either the old or the new file, never half of one.
Loading uses a safe loader (the libyaml one when present), refuses duplicate keys,
aliases (billion-laughs style bombs) and tags, migrates older schema versions and
refuses newer or foreign files with a one-line message that names the file and field.
Dates stay text until the model's parser reads them (so ``2026-02-30`` names its field),
and a country code must be one of the bundled rule packs' ``countries.yaml``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from gs_assistant.model.application import SCHEMA_VERSION, Application
from gs_assistant.parsing.errors import InputError
from gs_assistant.text import Text

MAX_FILE_BYTES = 5 * 1024 * 1024  # read and write limit of an application file
MAX_ROWS = 10_000  # rows of one list of answers: the most a rule pack may allow
MAX_NUMBER_DIGITS = 100  # digits of a number in a file (amounts need far fewer)
_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
FILE_MODE = 0o600

try:  # the C loader is several times faster; fall back to pure Python
    _SafeLoader: type = yaml.CSafeLoader
    _Dumper: type = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _SafeLoader = yaml.SafeLoader
    _Dumper = yaml.SafeDumper


class _Loader(_SafeLoader):  # type: ignore[misc, valid-type]
    """The safe loader, keeping dates as text: the model's date parser then reads them,
    so ``2026-02-30`` is refused with the field's name like ``令和8年2月30日`` is."""


# Numbers are decimal only: YAML 1.1 would read 050 as octal 40, 1:30 as 90, 0x1F as 31.
_PLAIN_NUMBERS = {
    "tag:yaml.org,2002:int": re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"),
    "tag:yaml.org,2002:float": re.compile(
        r"^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, _PLAIN_NUMBERS.get(tag, regexp)) for tag, regexp in resolvers
            if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
}


class ApplicationFileError(Exception):
    """A file that cannot be read as an application. ``str()`` is one line."""

    def __init__(self, path: Path | str, message: str | Text, field: str = "") -> None:
        self.path = str(path)
        # a field path may hold a user's mapping key: unprintable characters are escaped
        self.field = field = "".join(c if c.isprintable() else f"\\u{ord(c):04x}"
                                     for c in field)
        text = message if isinstance(message, Text) else Text(message, message)
        self.text = Text(" ".join(text.ja.split()), " ".join(text.en.split()))  # one line
        self.message = self.text.ja
        super().__init__(self.in_lang("ja"))

    def in_lang(self, lang: str) -> str:
        """The one line in ``lang``: the file, the field, what was expected."""
        where = f"{self.path}: {self.field}: " if self.field else f"{self.path}: "
        return where + self.text(lang)

    def __reduce__(self):  # keep both languages when pickled (e.g. across processes)
        return type(self), (self.path, self.text, self.field)


# ---------------------------------------------------------------- YAML


def _check_plain(node: yaml.Node, seen: set[int], path: Path) -> None:
    """Refuse aliases, custom tags and duplicate keys before building Python objects."""
    if id(node) in seen:
        raise ApplicationFileError(path, Text("YAMLのエイリアス（*参照）は使えません",
                                              "YAML aliases (*references) are not allowed"))
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: set[Any] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                line = key_node.start_mark.line + 1  # not [a, b], 1, true or ~
                raise ApplicationFileError(path, Text(
                    f"キーは文字列でなければなりません（{line}行目）",
                    f"keys must be text (line {line})"))
            if key_node.value in keys:
                line = key_node.start_mark.line + 1
                raise ApplicationFileError(
                    path, Text(f"キー「{key_node.value}」が重複しています（{line}行目）",
                               f"the key {key_node.value!r} appears twice (line {line})")
                )
            keys.add(key_node.value)
            _check_plain(key_node, seen, path)
            _check_plain(value_node, seen, path)
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _check_plain(child, seen, path)
    elif node.tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_DIGITS:
        line = node.start_mark.line + 1
        raise ApplicationFileError(
            path, Text(f"数値の桁が多すぎます（{len(node.value):,}桁、"
                       f"{MAX_NUMBER_DIGITS}桁まで。{line}行目）",
                       f"a number with too many digits ({len(node.value):,}; at most "
                       f"{MAX_NUMBER_DIGITS}; line {line})"))
    if node.tag.startswith("!") or (
        node.tag.startswith("tag:yaml.org,2002:")
        and node.tag.rsplit(":", 1)[1]
        not in {"str", "int", "float", "bool", "null", "map", "seq"}  # dates stay text
    ):
        line = node.start_mark.line + 1
        raise ApplicationFileError(path, Text(f"YAMLタグ {node.tag} は使えません（{line}行目）",
                                          f"the YAML tag {node.tag} is not allowed (line {line})"))


# PyYAML's problems in the words of the people who edit the files, and which mark points
# at the line to fix: a scanner error (an unclosed quote, a key without ":") is noticed a
# line later, and its context mark is where the faulty item starts.
_INDENT = Text("字下げが揃っていないか、「-」の位置が違います",
               "the indentation is uneven or a '-' is out of place")
YAML_PROBLEMS = (
    ("found unexpected end of stream", Text("引用符（\" か '）が閉じられていません",
                                            "a quote (\" or ') is not closed")),
    ("could not find expected ':'", Text("「:」がありません（「項目: 値」の形で書きます）",
                                         "a ':' is missing (write 'key: value')")),
    ("mapping values are not allowed",
     Text("ここには「:」を置けません（値に「:」を含むときは引用符で囲み、字下げを揃えます）",
          "a ':' cannot stand here (quote a value that holds ':' and align the indentation)")),
    ("that cannot start any token", Text("使えない文字があります（字下げにタブは使えません）",
                                         "a character that cannot be used (no tabs in "
                                         "indentation)")),
    ("expected <block end>", Text("字下げが揃っていません", "the indentation is uneven")),
    ("did not find expected key", _INDENT),
    ("did not find expected '-' indicator", _INDENT),
    ("found duplicate anchor", Text("同じアンカー名が二度使われています",
                                    "the same anchor name is used twice")),
    ("found undefined alias", Text("定義されていない別名（*名前）があります",
                                   "an alias (*name) that is not defined")),
    ("found unknown escape character", Text("引用符の中に使えないエスケープ（\\）があります",
                                            "an escape (\\) that cannot be used inside quotes")),
)


def yaml_problem(exc: yaml.YAMLError) -> tuple[Any, Text]:
    """The mark of the line to fix and a description of a PyYAML error (both languages)."""
    problem = str(getattr(exc, "problem", None) or "")
    mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    if isinstance(exc, yaml.scanner.ScannerError) and context_mark is not None:
        mark = context_mark
    for english, japanese in YAML_PROBLEMS:
        if english in problem:
            if "\t" in problem or "\t" in repr(problem):
                return mark, Text("字下げにタブは使えません（空白で字下げします）",
                                  "no tabs in indentation (indent with spaces)")
            return mark, japanese
    return mark, Text("書き方に誤りがあります", "the YAML is not well formed")


def parse_yaml(text: str, path: Path | str = "<text>") -> Any:
    """Parse YAML text safely; any problem becomes an ApplicationFileError."""
    path = Path(path)
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:  # a control character outside quotes
        line = text.encode("utf-8", "replace")[: exc.position].count(b"\n") + 1
        raise ApplicationFileError(
            path, Text(f"使えない文字 U+{exc.character:04X} があります（{line}行目）",
                       f"the character U+{exc.character:04X} is not allowed (line {line})")
        ) from None
    except UnicodeEncodeError as exc:
        raise ApplicationFileError(path, Text(f"文字化けがあります（{exc.start + 1}文字目）",
                                          f"garbled text (character {exc.start + 1})")) from None
    except yaml.YAMLError as exc:
        mark, problem = yaml_problem(exc)
        where = Text(f"（{mark.line + 1}行目 {mark.column + 1}列）",
                     f" (line {mark.line + 1}, column {mark.column + 1})") if mark else Text("", "")
        raise ApplicationFileError(path, Text(
            f"YAMLとして読めません{where.ja}: {problem.ja}",
            f"not readable as YAML{where.en}: {problem.en}")) from None
    if node is None:
        return None
    _check_plain(node, set(), path)
    try:  # build Python values from the nodes already checked (parsing once)
        return loader.construct_document(node)
    except Exception as exc:  # PyYAML's constructors: KeyError for "!!bool maybe" and more
        raise ApplicationFileError(path, Text(f"YAMLの値が読めません: {exc}",
                                              f"a YAML value cannot be read: {exc}")) from None


YAML_WIDTH = 100
ROWS_PER_PIECE = 25  # a piece takes the C emitter a few ms, holding the GIL


def dump_yaml(data: Any, width: int = YAML_WIDTH) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
        width=width,
    )


def dump_yaml_pieces(data: dict[str, Any], indent: int = 0) -> Iterator[str]:
    """The text of ``dump_yaml(data)``, in pieces of at most ``ROWS_PER_PIECE`` rows.

    libyaml's emitter holds the GIL for a whole call, so one call for 10,000 rows stops
    every other thread (the wizard's screen) for half a second; between pieces other
    threads run. A long list is emitted a slice at a time, the rest a key at a time; a
    piece is emitted at the margin with the width less its indentation, then indented, so
    the text is the same as one call's (``tests/test_files.py`` compares them)."""
    for key, value in data.items():
        if not _has_long_list(value):
            yield _indented(dump_yaml({key: value}, YAML_WIDTH - indent), indent)
            continue
        yield _indented(dump_yaml({key: [0]}).split("\n", 1)[0] + "\n", indent)
        if isinstance(value, dict):
            yield from dump_yaml_pieces(value, indent + 2)
            continue
        for start in range(0, len(value), ROWS_PER_PIECE):
            chunk = value[start:start + ROWS_PER_PIECE]
            yield _indented(dump_yaml(chunk, YAML_WIDTH - indent), indent)


def _has_long_list(value: Any) -> bool:
    if isinstance(value, list):
        return len(value) > ROWS_PER_PIECE
    if isinstance(value, dict):
        return any(_has_long_list(v) for v in value.values())
    return False


def _indented(text: str, indent: int) -> str:
    if not indent:
        return text
    pad = " " * indent
    return "".join(pad + line if line.strip("\n") else line
                   for line in text.splitlines(keepends=True))


# ---------------------------------------------------------------- migration

# schema version N -> function that turns a version-N dict into a version-(N+1) dict.
def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 adds the expense plan (``costs.expenses``). A version-1 file has none: its two
    hand-typed numbers (``costs.total_yen``, ``costs.eligible_yen``) stay where they are as
    the application's declared totals, and the subsidy is computed from them as before
    until rows are added; then the totals come from the rows."""
    return data


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def migrate(data: dict[str, Any], path: Path) -> dict[str, Any]:
    meta = data.get("meta") or {}
    if not isinstance(meta, dict):
        raise ApplicationFileError(path, Text("対応付け（マッピング）が必要です",
                                          "a mapping (key: value) is expected"), "meta")
    version = meta.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ApplicationFileError(
            path, Text(f"スキーマのバージョンが不正です: {version!r}",
                       f"not a schema version: {version!r}"), "meta.schema_version"
        )
    if version > SCHEMA_VERSION:
        raise ApplicationFileError(
            path,
            Text(f"このファイルは新しい版（スキーマ {version}）で作られています。"
                 f"このgs-assistantはスキーマ {SCHEMA_VERSION} までしか読めません。"
                 "gs-assistantを更新してください",
                 f"this file was written by a newer version (schema {version}); this "
                 f"gs-assistant reads up to schema {SCHEMA_VERSION}. Update gs-assistant"),
            "meta.schema_version",
        )
    while version < SCHEMA_VERSION:
        if version not in MIGRATIONS:
            raise ApplicationFileError(
                path, Text(f"スキーマ {version} からの移行には対応していません",
                           f"no migration from schema {version}"), "meta.schema_version"
            )
        data = MIGRATIONS[version](data)
        version += 1
        data.setdefault("meta", {})["schema_version"] = version
    return data


# ---------------------------------------------------------------- validation errors


def _loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


_DATE = Text("日付（例: 2026-04-01）", "a date (e.g. 2026-04-01)")
_DATETIME = Text("日時（例: 2026-04-01T09:00:00+09:00）",
                 "a date and time (e.g. 2026-04-01T09:00:00+09:00)")
_INT, _BOOL, _DECIMAL = Text("整数", "a whole number"), Text("true / false", "true / false"), \
    Text("数値", "a number")
_MAPPING = Text("対応付け（マッピング）", "a mapping (key: value)")
_EXPECT = {
    "int_parsing": _INT,
    "int_type": _INT,
    "int_from_float": _INT,
    "int_parsing_size": Text("範囲内の整数", "a whole number within range"),
    "date_from_datetime_inexact": _DATE,
    "bool_parsing": _BOOL,
    "bool_type": _BOOL,
    "string_type": Text("文字列", "text"),
    "date_from_datetime_parsing": _DATE,
    "date_parsing": _DATE,
    "date_type": _DATE,
    "datetime_parsing": _DATETIME,
    "datetime_from_date_parsing": _DATETIME,
    "datetime_type": _DATETIME,
    "decimal_parsing": _DECIMAL,
    "decimal_type": _DECIMAL,
    "finite_number": Text("有限の数値", "a finite number"),
    "list_type": Text("リスト", "a list"),
    "model_type": _MAPPING,
    "dict_type": _MAPPING,
    "extra_forbidden": Text("このキーは定義されていません", "this key is not defined"),
    "enum": Text("決められた値", "one of the allowed values"),
}


def _shown(value: Any, limit: int = 40) -> str:
    """A short one-line picture of what the file holds."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _bound(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def _pattern_message(field: str, shown: str, pattern: str) -> Text:
    """Text of the wrong form: a country or currency code, an expense row's member."""
    if field.endswith("country"):
        return Text(f"{shown} は国コードではありません（ISO 3166 の3文字、例: VNM）",
                    f"{shown} is not a country code (ISO 3166, three letters, e.g. VNM)")
    if field.endswith("currency"):
        return Text(f"{shown} は通貨コードではありません（ISO 4217 の3文字、例: USD）",
                    f"{shown} is not a currency code (ISO 4217, three letters, e.g. USD)")
    if field.endswith("member"):
        return Text(f"{shown} は計上者ではありません（lead、共同申請者は co1・co2 …、"
                    "現地企業は partner）",
                    f"{shown} is not a member (lead, co1, co2 … for the co-applicants, "
                    "partner for the local partner)")
    return Text(f"{shown} はこの項目の形式に合いません（形式: {pattern}）",
                f"{shown} does not have this item's form (form: {pattern})")


def describe_validation_error(exc: ValidationError) -> tuple[str, Text]:
    """(field path, one-line message in Japanese and English) for the first error."""
    return describe_error(exc.errors(include_url=False)[0])


def describe_error(err: Any) -> tuple[str, Text]:
    """(field path, one-line message) for one error of ``ValidationError.errors()``."""
    field = _loc(err["loc"])
    kind = err["type"]
    ctx = err.get("ctx", {})
    shown = _shown(err.get("input"))
    if kind == "extra_forbidden":
        return field, Text("このキーは申請ファイルにはありません（綴りを確認してください）",
                           "an application file has no such key (check the spelling)")
    if kind == "enum":
        expected = ctx.get("expected", "").replace(" or ", ", ")
        return field, Text(f"{shown} は使えません。使える値: {expected}",
                           f"{shown} is not allowed; allowed values: {expected}")
    if kind == "string_pattern_mismatch":
        return field, _pattern_message(field, shown, ctx.get("pattern", ""))
    if kind in ("greater_than_equal", "less_than_equal"):
        ge = kind == "greater_than_equal"
        limit = _bound(ctx.get("ge") if ge else ctx.get("le"))
        return field, Text(f"{limit}{'以上' if ge else '以下'}の値が必要です（入力: {shown}）",
                           f"a value {'at least' if ge else 'at most'} {limit} is expected "
                           f"(found: {shown})")
    if kind == "missing":
        return field, Text("必須の項目がありません", "this required item is missing")
    if kind == "string_too_short":
        return field, Text("空にはできません", "cannot be empty")
    if kind == "decimal_max_digits":
        digits = ctx.get("max_digits")
        return field, Text(f"{digits}桁以内の数値が必要です（入力: {shown}）",
                           f"a number of at most {digits} digits is expected (found: {shown})")
    if kind in _EXPECT:
        expected = _EXPECT[kind]
        return field, Text(f"{expected.ja}が必要です（入力: {shown}）",
                           f"{expected.en} is expected (found: {shown})")
    error = ctx.get("error")
    if isinstance(error, InputError):  # the model's own validators say it in both languages
        return field, error.text
    msg = err["msg"].removeprefix("Value error, ")
    return field, Text(msg, msg)


# ---------------------------------------------------------------- country codes


@cache
def known_countries() -> frozenset[str]:
    """ISO 3166 codes in the bundled rule packs' ``countries.yaml``, read once.

    A light lookup kept here so that loading a file never imports the checker; the codes
    are kept in the user cache folder, so a command need not parse the YAML again.
    Empty when no list is found, and then no code is refused.
    """
    from gs_assistant.cache import derived
    from gs_assistant.paths import rules_dir

    def build() -> list[str]:
        codes: set[str] = set()
        for path in sources:
            with contextlib.suppress(OSError, yaml.YAMLError):
                data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
                codes.update(c["iso3"] for c in data["countries"])
        return sorted(codes)

    def valid(data: object) -> bool:
        return isinstance(data, list) and all(isinstance(c, str) for c in data)

    sources = sorted(rules_dir().glob("*/countries.yaml"))
    return frozenset(derived("countries", sources, [Path(__file__)], build, valid))


def country_fields(node: BaseModel, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(field path, code) for every ``country`` answered anywhere in the application."""
    for name in type(node).model_fields:
        value = getattr(node, name)
        where = f"{prefix}.{name}" if prefix else name
        if name == "country" and isinstance(value, str):
            yield where, value
        elif isinstance(value, BaseModel):
            yield from country_fields(value, where)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from country_fields(item, f"{where}[{i}]")


def check_countries(app: Application, path: Path) -> None:
    """Refuse a country code that is well-formed but names no country (``XYZ``)."""
    known = known_countries()
    if not known:
        return
    for where, code in country_fields(app):
        if code not in known:
            raise ApplicationFileError(
                path, Text(f"{code!r} はISO 3166の国コードにありません（例: VNM、IND、THA）",
                           f"{code!r} is not an ISO 3166 country code (e.g. VNM, IND, THA)"),
                where
            )


# ---------------------------------------------------------------- load / save


def why_not_written(exc: OSError, path: Path | str) -> Text:
    """Why ``path`` could not be written, in plain words: a full disk names the folder
    (never Python's English ``No space left on device``)."""
    folder = Path(path).parent
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return Text(f"ディスクの空きがありません（保存先のフォルダ {folder}）。"
                    "空きを作るか、別の場所に保存してください",
                    f"no space left on the disk (folder {folder}); "
                    "free some space or save elsewhere")
    if isinstance(exc, PermissionError):
        return Text(f"書き込めません（このフォルダに書き込む権限がありません: {folder}）",
                    f"cannot be written (no permission to write in {folder})")
    reason = exc.strerror or str(exc) or type(exc).__name__
    return Text(f"書き込めません（{reason}）", f"cannot be written ({reason})")


def _long_lists(node: Any, limit: int, where: str = "") -> Iterator[tuple[str, int]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if not where and key == "review":
                continue  # the review log only grows; the file size bounds it
            yield from _long_lists(value, limit, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        if len(node) > limit:
            yield where, len(node)
        for i, item in enumerate(node[:limit]):
            yield from _long_lists(item, limit, f"{where}[{i}]")


def check_list_sizes(data: Any, path: Path | str, limit: int = MAX_ROWS) -> None:
    """Refuse a list of answers longer than ``limit`` (the rule pack's
    ``max_rows_per_list`` when a pack is at hand, else ``MAX_ROWS``: a longer list would
    make every check and export slow and large) before the model is built, and before
    such a file is written."""
    for where, n in _long_lists(data, limit):
        raise ApplicationFileError(path, Text(
            f"{n:,}行あります。{limit:,}行までです（分けて記入するか、まとめてください）",
            f"{n:,} rows; at most {limit:,} (split or summarise them)"), where)


def application_from_data(data: Any, path: Path | str = "<data>", *,
                          max_rows: int = MAX_ROWS) -> Application:
    path = Path(path)
    if data is None:
        raise ApplicationFileError(path, Text("空のファイルです（申請ファイルではありません）",
                                              "the file is empty (not an application file)"))
    if not isinstance(data, dict) or "meta" not in data:
        raise ApplicationFileError(
            path, Text("申請ファイルではありません（先頭に meta: が必要です）",
                       "not an application file (it must start with meta:)")
        )
    data = migrate(data, path)
    check_list_sizes(data, path, max_rows)
    try:
        app = Application.model_validate(data)
    except ValidationError as exc:
        field, message = describe_validation_error(exc)
        raise ApplicationFileError(path, message, field) from None
    check_countries(app, path)
    return app


_FOLDER = Text("フォルダです。申請ファイル（.yaml）を指定してください",
               "this is a folder; name an application file (.yaml)")


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file no larger than ``limit`` (default ``MAX_FILE_BYTES``).

    The file is opened without blocking (a FIFO never hangs) and checked with ``fstat``
    before anything is read: a folder, a device (``/dev/zero``) or a socket is refused,
    and a file over the limit is refused before it is read."""
    limit = MAX_FILE_BYTES if limit is None else limit
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ApplicationFileError(path, Text("ファイルが見つかりません",
                                              "file not found")) from None
    except PermissionError:
        raise ApplicationFileError(path, Text("ファイルを読む権限がありません",
                                              "no permission to read the file")) from None
    except IsADirectoryError:
        raise ApplicationFileError(
            path, _FOLDER) from None
    except OSError as exc:
        raise ApplicationFileError(path, Text(f"読み込めません: {exc.strerror}",
                                              f"cannot be read: {exc.strerror}")) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ApplicationFileError(
                path, _FOLDER)
        if not stat.S_ISREG(info.st_mode):
            raise ApplicationFileError(path, Text(
                "通常のファイルではありません（デバイス・FIFOなどは読みません）",
                "not a regular file (devices, FIFOs and the like are not read)"))
        if info.st_size > limit:
            raise ApplicationFileError(
                path, Text(f"ファイルが大きすぎます（{info.st_size:,} バイト、"
                           f"上限 {limit:,} バイト）",
                           f"the file is too large ({info.st_size:,} bytes, at most {limit:,})"))
        chunks, total = [], 0
        while True:  # a file that grows while being read is still cut at the limit
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise ApplicationFileError(
                    path, Text(f"ファイルが大きすぎます（上限 {limit:,} バイト）",
                               f"the file is too large (at most {limit:,} bytes)"))
            chunks.append(chunk)
        return b"".join(chunks)
    except BlockingIOError:
        raise ApplicationFileError(path, Text("読み込めません（ほかのプログラムが使用中です）",
                                              "cannot be read (another program is using it)")
                                   ) from None
    except OSError as exc:
        raise ApplicationFileError(path, Text(f"読み込めません: {exc.strerror}",
                                              f"cannot be read: {exc.strerror}")) from None
    finally:
        os.close(fd)


def decode_text(raw: bytes, path: Path) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ApplicationFileError(
            path,
            Text(f"UTF-8のテキストではありません（{exc.start + 1}バイト目）。"
                 "UTF-8で保存してください",
                 f"not UTF-8 text (byte {exc.start + 1}); save it as UTF-8"),
        ) from None
    if "\x00" in text:
        raise ApplicationFileError(path, Text("バイナリファイルです（申請ファイルではありません）",
                                              "a binary file (not an application file)"))
    return text


def read_text(path: Path) -> str:
    return decode_text(read_bytes(path), path)


def check_write_size(path: Path | str, data: bytes) -> None:
    """Refuse to write what could not be read back (the read limit is the write limit)."""
    if len(data) > MAX_FILE_BYTES:
        raise ApplicationFileError(
            path, Text(f"保存すると {len(data):,} バイトになり、読み込みの上限 "
                       f"{MAX_FILE_BYTES:,} バイトを超えます。長い文章を短くしてください",
                       f"saved, it would be {len(data):,} bytes, over the read limit of "
                       f"{MAX_FILE_BYTES:,} bytes; shorten the long texts"))


def load_application(path: Path | str, *, max_rows: int = MAX_ROWS) -> Application:
    """Read, migrate and validate one application file (lists of at most ``max_rows``:
    pass the rule pack's ``max_rows``)."""
    path = Path(path)
    text = read_text(path)
    return application_from_data(parse_yaml(text, path), path, max_rows=max_rows)


def application_data(app: Application) -> dict[str, Any]:
    """The file's content as plain data: a copy that later edits of ``app`` do not touch,
    cheap enough to take on the UI thread (about 10 ms for 10,000 rows)."""
    return app.model_dump(mode="json", exclude_defaults=False)


YAML_HEADER = "# gs-assistant application file (UTF-8 YAML)\n"


def data_to_yaml(data: dict[str, Any]) -> str:
    return YAML_HEADER + dump_yaml(data)


def application_to_yaml(app: Application) -> str:
    return data_to_yaml(application_data(app))


def atomic_write_text(path: Path | str, text: str, *, backup: bool = True) -> None:
    """Write ``text`` as UTF-8 so that a crash leaves the old or the new file whole.

    The previous file, if any, is kept as ``path + '.bak'``. New files are owner-only.
    """
    atomic_write_bytes(path, text.encode("utf-8"), backup=backup)


def atomic_write_bytes(
    path: Path | str, data: bytes, *, backup: bool = True, new_mode: int = FILE_MODE
) -> None:
    """Write to a temporary file in the same folder, flush and fsync it, keep the previous
    file as ``.bak`` when asked, then rename over ``path``. An existing file keeps its
    permissions; a new one gets ``new_mode``."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    import tempfile  # here: a command that only reads files never needs it (about 1 ms)

    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mode = new_mode
        if path.exists():
            mode = path.stat().st_mode & 0o777
            if backup:
                bak = path.with_name(path.name + ".bak")
                if bak.is_dir() and not bak.is_symlink():
                    raise ApplicationFileError(
                        bak, "バックアップの名前がフォルダになっているため保存できません"
                        "（このフォルダを移動するか名前を変えてください）")
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(bak)
                try:
                    os.link(path, bak)
                except OSError:  # a file system without hard links
                    shutil.copy2(path, bak)
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def save_application(app: Application, path: Path | str, *, backup: bool = True) -> None:
    """Write ``app`` to ``path`` unconditionally (a new file, a copy). Editing a file that
    others may write goes through ``model.store``, which locks and merges."""
    save_application_data(application_data(app), path, backup=backup)


def save_application_data(data: dict[str, Any], path: Path | str, *,
                          backup: bool = True) -> None:
    """Save what ``application_data`` returned (the wizard does it in a worker thread: the
    YAML is made in pieces so that the screen's thread keeps running meanwhile)."""
    atomic_write_bytes(path, data_bytes(data, path), backup=backup)


def leading_comments(raw: bytes) -> str:
    """The comment lines a file starts with (kept when the file is saved again), or ""."""
    lines = []
    for line in raw.decode("utf-8-sig", "replace").splitlines(keepends=True):
        if not line.lstrip().startswith("#") and line.strip():
            break
        lines.append(line if line.endswith("\n") else line + "\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return "".join(lines)


def data_bytes(data: dict[str, Any], path: Path | str, header: str = "") -> bytes:
    """The file's bytes for ``data`` after ``header`` (the file's own leading comments;
    the standard one when it has none); refused when they could not be read back."""
    check_list_sizes(data, path)
    raw = ((header or YAML_HEADER) + "".join(dump_yaml_pieces(data))).encode("utf-8")
    check_write_size(path, raw)
    return raw
