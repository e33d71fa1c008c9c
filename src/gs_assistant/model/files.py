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
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from gs_assistant.model.application import SCHEMA_VERSION, Application

MAX_FILE_BYTES = 5 * 1024 * 1024  # read and write limit of an application file
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

    def __init__(self, path: Path | str, message: str, field: str = "") -> None:
        self.path = str(path)
        # a field path may hold a user's mapping key: unprintable characters are escaped
        self.field = field = "".join(c if c.isprintable() else f"\\u{ord(c):04x}"
                                     for c in field)
        self.message = message = " ".join(message.split())  # always one line
        where = f"{self.path}: {field}: " if field else f"{self.path}: "
        super().__init__(where + message)


# ---------------------------------------------------------------- YAML


def _check_plain(node: yaml.Node, seen: set[int], path: Path) -> None:
    """Refuse aliases, custom tags and duplicate keys before building Python objects."""
    if id(node) in seen:
        raise ApplicationFileError(path, "YAMLのエイリアス（*参照）は使えません")
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: set[Any] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                line = key_node.start_mark.line + 1  # not [a, b], 1, true or ~
                raise ApplicationFileError(path, f"キーは文字列でなければなりません（{line}行目）")
            if key_node.value in keys:
                line = key_node.start_mark.line + 1
                raise ApplicationFileError(
                    path, f"キー「{key_node.value}」が重複しています（{line}行目）"
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
            path, f"数値の桁が多すぎます（{len(node.value):,}桁、"
            f"{MAX_NUMBER_DIGITS}桁まで。{line}行目）")
    if node.tag.startswith("!") or (
        node.tag.startswith("tag:yaml.org,2002:")
        and node.tag.rsplit(":", 1)[1]
        not in {"str", "int", "float", "bool", "null", "map", "seq"}  # dates stay text
    ):
        line = node.start_mark.line + 1
        raise ApplicationFileError(path, f"YAMLタグ {node.tag} は使えません（{line}行目）")


# PyYAML's problems in the words of the people who edit the files, and which mark points
# at the line to fix: a scanner error (an unclosed quote, a key without ":") is noticed a
# line later, and its context mark is where the faulty item starts.
YAML_PROBLEMS = (
    ("found unexpected end of stream", "引用符（\" か '）が閉じられていません"),
    ("could not find expected ':'", "「:」がありません（「項目: 値」の形で書きます）"),
    ("mapping values are not allowed",
     "ここには「:」を置けません（値に「:」を含むときは引用符で囲み、字下げを揃えます）"),
    ("that cannot start any token", "使えない文字があります（字下げにタブは使えません）"),
    ("expected <block end>", "字下げが揃っていません"),
    ("did not find expected key", "字下げが揃っていないか、「-」の位置が違います"),
    ("did not find expected '-' indicator", "字下げが揃っていないか、「-」の位置が違います"),
    ("found duplicate anchor", "同じアンカー名が二度使われています"),
    ("found undefined alias", "定義されていない別名（*名前）があります"),
    ("found unknown escape character", "引用符の中に使えないエスケープ（\\）があります"),
)


def yaml_problem(exc: yaml.YAMLError) -> tuple[Any, str]:
    """The mark of the line to fix and a Japanese description of a PyYAML error."""
    problem = str(getattr(exc, "problem", None) or "")
    mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    if isinstance(exc, yaml.scanner.ScannerError) and context_mark is not None:
        mark = context_mark
    for english, japanese in YAML_PROBLEMS:
        if english in problem:
            if "\t" in problem or "\t" in repr(problem):
                return mark, "字下げにタブは使えません（空白で字下げします）"
            return mark, japanese
    return mark, "書き方に誤りがあります"


def parse_yaml(text: str, path: Path | str = "<text>") -> Any:
    """Parse YAML text safely; any problem becomes an ApplicationFileError."""
    path = Path(path)
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
    except yaml.reader.ReaderError as exc:  # a control character outside quotes
        line = text.encode("utf-8", "replace")[: exc.position].count(b"\n") + 1
        raise ApplicationFileError(
            path, f"使えない文字 U+{exc.character:04X} があります（{line}行目）"
        ) from None
    except UnicodeEncodeError as exc:
        raise ApplicationFileError(path, f"文字化けがあります（{exc.start + 1}文字目）") from None
    except yaml.YAMLError as exc:
        mark, problem = yaml_problem(exc)
        where = f"（{mark.line + 1}行目 {mark.column + 1}列）" if mark else ""
        raise ApplicationFileError(path, f"YAMLとして読めません{where}: {problem}") from None
    if node is None:
        return None
    _check_plain(node, set(), path)
    try:  # build Python values from the nodes already checked (parsing once)
        return loader.construct_document(node)
    except Exception as exc:  # PyYAML's constructors: KeyError for "!!bool maybe" and more
        raise ApplicationFileError(path, f"YAMLの値が読めません: {exc}") from None


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
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def migrate(data: dict[str, Any], path: Path) -> dict[str, Any]:
    meta = data.get("meta") or {}
    if not isinstance(meta, dict):
        raise ApplicationFileError(path, "対応付け（マッピング）が必要です", "meta")
    version = meta.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ApplicationFileError(
            path, f"スキーマのバージョンが不正です: {version!r}", "meta.schema_version"
        )
    if version > SCHEMA_VERSION:
        raise ApplicationFileError(
            path,
            f"このファイルは新しい版（スキーマ {version}）で作られています。"
            f"このgs-assistantはスキーマ {SCHEMA_VERSION} までしか読めません。"
            "gs-assistantを更新してください",
            "meta.schema_version",
        )
    while version < SCHEMA_VERSION:
        if version not in MIGRATIONS:
            raise ApplicationFileError(
                path, f"スキーマ {version} からの移行には対応していません", "meta.schema_version"
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


_EXPECT = {
    "int_parsing": "整数",
    "int_type": "整数",
    "int_from_float": "整数",
    "int_parsing_size": "範囲内の整数",
    "date_from_datetime_inexact": "日付（例: 2026-04-01）",
    "bool_parsing": "true / false",
    "bool_type": "true / false",
    "string_type": "文字列",
    "date_from_datetime_parsing": "日付（例: 2026-04-01）",
    "date_parsing": "日付（例: 2026-04-01）",
    "date_type": "日付（例: 2026-04-01）",
    "datetime_parsing": "日時（例: 2026-04-01T09:00:00+09:00）",
    "datetime_from_date_parsing": "日時（例: 2026-04-01T09:00:00+09:00）",
    "datetime_type": "日時（例: 2026-04-01T09:00:00+09:00）",
    "decimal_parsing": "数値",
    "decimal_type": "数値",
    "finite_number": "有限の数値",
    "list_type": "リスト",
    "model_type": "対応付け（マッピング）",
    "dict_type": "対応付け（マッピング）",
    "extra_forbidden": "このキーは定義されていません",
    "enum": "決められた値",
}


def _shown(value: Any, limit: int = 40) -> str:
    """A short one-line picture of what the file holds."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _bound(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def describe_validation_error(exc: ValidationError) -> tuple[str, str]:
    """(field path, one-line Japanese message) for the first error."""
    err = exc.errors(include_url=False)[0]
    field = _loc(err["loc"])
    kind = err["type"]
    ctx = err.get("ctx", {})
    shown = _shown(err.get("input"))
    if kind == "extra_forbidden":
        return field, "このキーは申請ファイルにはありません（綴りを確認してください）"
    if kind == "enum":
        expected = ctx.get("expected", "").replace(" or ", ", ")
        return field, f"{shown} は使えません。使える値: {expected}"
    if kind == "string_pattern_mismatch" and field.endswith("country"):
        return field, f"{shown} は国コードではありません（ISO 3166 の3文字、例: VNM）"
    if kind in ("greater_than_equal", "less_than_equal"):
        limit, side = (ctx.get("ge"), "以上") if kind == "greater_than_equal" else (
            ctx.get("le"), "以下")
        return field, f"{_bound(limit)}{side}の値が必要です（入力: {shown}）"
    if kind == "missing":
        return field, "必須の項目がありません"
    if kind == "string_too_short":
        return field, "空にはできません"
    if kind == "decimal_max_digits":
        return field, f"{ctx.get('max_digits')}桁以内の数値が必要です（入力: {shown}）"
    msg = err["msg"].removeprefix("Value error, ")
    if kind in _EXPECT:
        msg = f"{_EXPECT[kind]}が必要です（入力: {shown}）"
    return field, msg


# ---------------------------------------------------------------- country codes


@cache
def known_countries() -> frozenset[str]:
    """ISO 3166 codes in the bundled rule packs' ``countries.yaml``, read once.

    A light lookup kept here so that loading a file never imports the checker.
    Empty when no list is found, and then no code is refused.
    """
    from gs_assistant.paths import rules_dir

    codes: set[str] = set()
    for path in sorted(rules_dir().glob("*/countries.yaml")):
        with contextlib.suppress(OSError, yaml.YAMLError):
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
            codes.update(c["iso3"] for c in data["countries"])
    return frozenset(codes)


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
                path, f"{code!r} はISO 3166の国コードにありません（例: VNM、IND、THA）", where
            )


# ---------------------------------------------------------------- load / save


def application_from_data(data: Any, path: Path | str = "<data>") -> Application:
    path = Path(path)
    if data is None:
        raise ApplicationFileError(path, "空のファイルです（申請ファイルではありません）")
    if not isinstance(data, dict) or "meta" not in data:
        raise ApplicationFileError(
            path, "申請ファイルではありません（先頭に meta: が必要です）"
        )
    data = migrate(data, path)
    try:
        app = Application.model_validate(data)
    except ValidationError as exc:
        field, message = describe_validation_error(exc)
        raise ApplicationFileError(path, message, field) from None
    check_countries(app, path)
    return app


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
        raise ApplicationFileError(path, "ファイルが見つかりません") from None
    except PermissionError:
        raise ApplicationFileError(path, "ファイルを読む権限がありません") from None
    except IsADirectoryError:
        raise ApplicationFileError(
            path, "フォルダです。申請ファイル（.yaml）を指定してください") from None
    except OSError as exc:
        raise ApplicationFileError(path, f"読み込めません: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ApplicationFileError(
                path, "フォルダです。申請ファイル（.yaml）を指定してください")
        if not stat.S_ISREG(info.st_mode):
            raise ApplicationFileError(
                path, "通常のファイルではありません（デバイス・FIFOなどは読みません）")
        if info.st_size > limit:
            raise ApplicationFileError(
                path, f"ファイルが大きすぎます（{info.st_size:,} バイト、上限 {limit:,} バイト）")
        chunks, total = [], 0
        while True:  # a file that grows while being read is still cut at the limit
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise ApplicationFileError(
                    path, f"ファイルが大きすぎます（上限 {limit:,} バイト）")
            chunks.append(chunk)
        return b"".join(chunks)
    except BlockingIOError:
        raise ApplicationFileError(path, "読み込めません（ほかのプログラムが使用中です）") from None
    except OSError as exc:
        raise ApplicationFileError(path, f"読み込めません: {exc.strerror}") from None
    finally:
        os.close(fd)


def decode_text(raw: bytes, path: Path) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ApplicationFileError(
            path,
            f"UTF-8のテキストではありません（{exc.start + 1}バイト目）。UTF-8で保存してください",
        ) from None
    if "\x00" in text:
        raise ApplicationFileError(path, "バイナリファイルです（申請ファイルではありません）")
    return text


def read_text(path: Path) -> str:
    return decode_text(read_bytes(path), path)


def check_write_size(path: Path | str, data: bytes) -> None:
    """Refuse to write what could not be read back (the read limit is the write limit)."""
    if len(data) > MAX_FILE_BYTES:
        raise ApplicationFileError(
            path, f"保存すると {len(data):,} バイトになり、読み込みの上限 {MAX_FILE_BYTES:,} "
            "バイトを超えます。長い文章を短くしてください")


def load_application(path: Path | str) -> Application:
    """Read, migrate and validate one application file."""
    path = Path(path)
    text = read_text(path)
    return application_from_data(parse_yaml(text, path), path)


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
    raw = ((header or YAML_HEADER) + "".join(dump_yaml_pieces(data))).encode("utf-8")
    check_write_size(path, raw)
    return raw
