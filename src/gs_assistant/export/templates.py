"""A folder of document templates: Jinja2 content, display labels and the reference .docx.

The folder (``doc_templates/`` or a consultant's copy given with ``--template``) holds
``proposal.md.j2`` (the draft), ``checklist.md.j2`` (the checklist alone),
``header.md.j2`` (the page header), ``parts/`` (sections they include), ``labels.yaml``
(wording of choices) and ``reference.docx`` (styles, page setup, footer).

Templates run in Jinja2's sandbox with ``StrictUndefined``: a misspelt name fails with
the template's file name and line. Whatever a template prints with ``{{ }}`` is data
(see ``values.py``); only the template's own text is markup.

Compiling the templates is about a quarter of one export's own work, so their compiled
form is kept in the user cache folder (``TemplateCodeCache``), as Python keeps its own.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import time
import traceback
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import FileSystemLoader, StrictUndefined, pass_context
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from gs_assistant.cache import cache_dir, digest
from gs_assistant.export.errors import ExportError
from gs_assistant.export.values import Vault
from gs_assistant.paths import templates_dir
from gs_assistant.text import Text

REQUIRED_FILES = ("proposal.md.j2", "header.md.j2", "labels.yaml", "reference.docx")
VAULT_NAME = "_vault"

# Bounds of one template run (a consultant's template is code we did not write)
MAX_OUTPUT_CHARS = 5_000_000  # what one template may print
MAX_VALUE_CHARS = 1_000_000  # one string or list made by * or ** in a template
MAX_LOOP_STEPS = 1_000_000  # all range() items of one run together
MAX_SECONDS = 20.0  # one run
MAX_LABELS_BYTES = 1_000_000
MAX_REFERENCE_BYTES = 20_000_000  # reference.docx on disk
MAX_REFERENCE_UNZIPPED = 100_000_000  # its parts once uncompressed (a zip bomb is refused)

_run = threading.local()  # the budget of the run in this thread


def _budget(steps: int) -> None:
    _run.steps = getattr(_run, "steps", 0) + steps
    if _run.steps > MAX_LOOP_STEPS:
        raise SecurityError(f"繰り返しが多すぎます（合計 {MAX_LOOP_STEPS:,} 回まで）")
    if time.monotonic() > getattr(_run, "deadline", float("inf")):
        raise SecurityError(f"実行に時間がかかりすぎます（{MAX_SECONDS:.0f}秒まで）")


def _bounded_range(*args: int) -> range:
    numbers = range(*args)
    _budget(len(numbers))
    return numbers


class _BoundedSandbox(SandboxedEnvironment):
    """Jinja2's sandbox, with the size of ``*`` / ``**`` results and of loops bounded."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError("べき乗の指数が大きすぎます")
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if (isinstance(seq, str | list | tuple) and isinstance(n, int)
                        and len(seq) * n > MAX_VALUE_CHARS):
                    raise SecurityError(f"作る値が大きすぎます（{MAX_VALUE_CHARS:,} 文字まで）")
        return super().call_binop(context, operator, left, right)


def sandbox(finalize: Any, **options: Any) -> SandboxedEnvironment:
    """Jinja2's sandbox as every template of the tool runs in (the templates here, a
    tagged Word form in ``form.py``): ``StrictUndefined``, autoescape (what is printed is
    data), bounded ``*`` / ``**`` results and a bounded ``range``."""
    env = _BoundedSandbox(undefined=StrictUndefined, autoescape=True, finalize=finalize,
                          **options)
    env.globals["range"] = _bounded_range
    return env


def start_run() -> None:
    """A new run's budget: loop steps from zero, the deadline from now."""
    _run.steps, _run.deadline = 0, time.monotonic() + MAX_SECONDS


@pass_context
def _finalize(context: Context, value: Any) -> Any:
    vault: Vault = context[VAULT_NAME]
    return vault.protect(value)


class _FolderLoader(FileSystemLoader):
    """Templates from one folder only: a symbolic link out of it (to ``~/.ssh/…`` in a
    folder someone sent) is refused instead of copied into the draft."""

    def get_source(self, environment, template):
        try:
            source, filename, uptodate = super().get_source(environment, template)
        except UnicodeDecodeError:
            where = Path(self.searchpath[0]) / template
            raise ExportError(Text(f"{where}: UTF-8のテキストではありません。"
                                   "UTF-8で保存してください",
                                   f"{where}: not UTF-8 text; save it as UTF-8")) from None
        if not Path(filename).resolve().is_relative_to(Path(self.searchpath[0]).resolve()):
            raise ExportError(Text(
                f"{filename}: テンプレートのフォルダの外のファイルは使えません",
                f"{filename}: a file outside the template folder cannot be used"))
        return source, filename, uptodate


class TemplateCodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates between runs: Jinja2's own cache, in a private folder of the user
    cache folder named by a SHA-256 of Jinja2's version and this module (whose settings
    shape the compiled code), so another program version never reads them.

    Jinja2 keys each file by the template's name and path and ignores one whose source
    has changed since (a SHA-1 of the text is stored with it) or that was written by
    another Python. The files are code, trusted as Python trusts its ``__pycache__``:
    only the user can write the folder. Like every cache here, one that cannot be read
    or written is ignored (the template is compiled as before)."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # unreadable or damaged: compiled again and written over
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)

    @classmethod
    def for_this_program(cls) -> TemplateCodeCache | None:
        """The cache of this Jinja2 and this module; None when caching is off or the
        folder cannot be made."""
        where = cache_dir()
        if where is None:
            return None
        with contextlib.suppress(OSError):
            key = digest([jinja2.__version__.encode(), Path(__file__).read_bytes()])[:16]
            folder = where / f"templates-{key}"
            if not folder.is_dir():
                where.mkdir(parents=True, exist_ok=True)
                folder.mkdir(mode=0o700)
                for old in where.glob("templates-*"):  # other versions' compiled templates
                    if old != folder:
                        shutil.rmtree(old, ignore_errors=True)
            if os.access(folder, os.W_OK):
                return cls(str(folder))
        return None


class TemplateSet:
    """The templates, labels and reference document of one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.env = sandbox(_finalize, loader=_FolderLoader(folder), trim_blocks=True,
                           lstrip_blocks=True, keep_trailing_newline=True,
                           bytecode_cache=TemplateCodeCache.for_this_program())
        self.labels = _read_labels(folder / "labels.yaml")
        self.reference = read_docx_package(folder / "reference.docx")

    def render(self, name: str, context: dict[str, Any], vault: Vault) -> str:
        """Render one template; any template problem becomes a one-line ExportError."""
        start_run()
        try:
            return self._bounded(self.env.get_template(name), context, vault)
        except SecurityError as exc:
            where = self._location(exc) or str(self.folder / name)
            raise ExportError(Text(f"{where}: テンプレートの制限を超えました: {exc}",
                                   f"{where}: the template exceeds a limit: {exc}")) from None
        except MemoryError:
            where = self.folder / name
            raise ExportError(Text(f"{where}: メモリが足りません"
                                   "（テンプレートが大きな値を作っています）",
                                   f"{where}: out of memory (the template makes a huge value)")
                              ) from None
        except jinja2.TemplateSyntaxError as exc:
            where = self._where(exc.filename or exc.name or name, exc.lineno)
            raise ExportError(Text(f"{where}: 構文エラー: {exc.message}",
                                   f"{where}: syntax error: {exc.message}")) from None
        except jinja2.TemplateNotFound as exc:
            where = self._location(exc) or str(self.folder / name)
            raise ExportError(Text(f"{where}: テンプレート {exc.name} が見つかりません",
                                   f"{where}: template {exc.name} not found")) from None
        except jinja2.UndefinedError as exc:
            where = self._location(exc) or str(self.folder / name)
            raise ExportError(Text(f"{where}: 未定義の値です: {exc.message}",
                                   f"{where}: undefined value: {exc.message}")) from None
        except Exception as exc:  # a filter or test misused in a template
            where = self._location(exc)
            if where is None:
                raise
            raise ExportError(Text(f"{where}: テンプレートの実行エラー: {exc}",
                                   f"{where}: error while running the template: {exc}")) from None

    @staticmethod
    def _bounded(template: Any, context: dict[str, Any], vault: Vault) -> str:
        """Render piece by piece, stopping at the output and time limits."""
        pieces, size, held = [], 0, vault.chars
        for piece in template.generate(context, **{VAULT_NAME: vault}):
            size += len(piece)
            # what a template prints with {{ }} goes to the vault and only a token is
            # output: the text it adds there counts as output too
            if size + vault.chars - held > MAX_OUTPUT_CHARS:
                raise SecurityError(f"出力が大きすぎます（{MAX_OUTPUT_CHARS:,} 文字まで）")
            _budget(0)
            pieces.append(piece)
        return "".join(pieces)

    def _where(self, filename: str, line: int | None) -> str:
        path = Path(filename)
        if not path.is_absolute():
            path = self.folder / path
        return f"{path}:{line}" if line else str(path)

    def _location(self, exc: BaseException) -> str | None:
        """``file:line`` of the innermost template frame in the traceback."""
        folder = self.folder.resolve()
        found = None
        for frame in traceback.extract_tb(exc.__traceback__):
            if Path(frame.filename).resolve().is_relative_to(folder):
                found = self._where(frame.filename, frame.lineno)
        return found


def _read_labels(path: Path) -> dict[str, dict[str, Any]]:
    """The labels, read like an application file: a regular file of bounded size, no
    aliases (a 1 KB alias bomb would expand to gigabytes), no tags, no duplicate keys."""
    from gs_assistant.model.files import (
        ApplicationFileError,
        decode_text,
        parse_yaml,
        read_bytes,
    )

    try:
        data = parse_yaml(decode_text(read_bytes(path, MAX_LABELS_BYTES), path), path)
    except ApplicationFileError as exc:
        raise ExportError(Text(exc.in_lang("ja"), exc.in_lang("en"))) from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ExportError(Text(f"{path}: 「見出し: {{キー: 表示}}」の対応付けが必要です",
                               f"{path}: a mapping 'heading: {{key: label}}' is expected"))
    return data


def read_docx_package(path: Path) -> bytes:
    """A .docx (the reference document, a form), its size and uncompressed size checked
    before python-docx opens it."""
    from gs_assistant.model.files import ApplicationFileError, read_bytes

    try:
        data = read_bytes(path, MAX_REFERENCE_BYTES)
    except ApplicationFileError as exc:
        raise ExportError(Text(exc.in_lang("ja"), exc.in_lang("en"))) from None
    try:
        import io

        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise ExportError(Text(f"{path}: .docx（ZIP）として読めません",
                               f"{path}: not readable as a .docx (ZIP)")) from None
    if unzipped > MAX_REFERENCE_UNZIPPED:
        raise ExportError(Text(f"{path}: 展開すると {unzipped:,} バイトになります"
                               f"（{MAX_REFERENCE_UNZIPPED:,} バイトまで）",
                               f"{path}: {unzipped:,} bytes once uncompressed "
                               f"(at most {MAX_REFERENCE_UNZIPPED:,})"))
    return data


def open_templates(folder: Path | str | None = None) -> TemplateSet:
    """The template set of ``folder`` (default: the bundled ``doc_templates/``).

    Sets are cached per folder and reloaded when a file in it changes.
    """
    folder = Path(folder) if folder is not None else templates_dir()
    if not folder.is_dir():
        raise ExportError(Text(f"{folder}: テンプレートのフォルダが見つかりません",
                               f"{folder}: template folder not found"))
    stamps = []
    for name in REQUIRED_FILES:
        path = folder / name
        if not path.is_file():
            raise ExportError(Text(f"{path}: テンプレートのフォルダに必要なファイルがありません",
                                   f"{path}: a file the template folder needs is missing"))
        stat = path.stat()
        stamps.append((stat.st_mtime_ns, stat.st_size))
    return _cached(folder.resolve(), tuple(stamps))


@lru_cache(maxsize=8)
def _cached(folder: Path, stamps: tuple[tuple[int, int], ...]) -> TemplateSet:
    return TemplateSet(folder)
