"""A folder of document templates: Jinja2 content, display labels and the reference .docx.

The folder (``doc_templates/`` or a consultant's copy given with ``--template``) holds
``proposal.md.j2`` (the draft), ``checklist.md.j2`` (the checklist alone),
``header.md.j2`` (the page header), ``parts/`` (sections they include), ``labels.yaml``
(wording of choices) and ``reference.docx`` (styles, page setup, footer).

Templates run in Jinja2's sandbox with ``StrictUndefined``: a misspelt name fails with
the template's file name and line. Whatever a template prints with ``{{ }}`` is data
(see ``values.py``); only the template's own text is markup.
"""

from __future__ import annotations

import traceback
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import yaml
from jinja2 import FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from gs_assistant.export.errors import ExportError
from gs_assistant.export.values import Vault
from gs_assistant.paths import templates_dir
from gs_assistant.text import Text

REQUIRED_FILES = ("proposal.md.j2", "header.md.j2", "labels.yaml", "reference.docx")
VAULT_NAME = "_vault"


@pass_context
def _finalize(context: Context, value: Any) -> Any:
    vault: Vault = context[VAULT_NAME]
    return vault.protect(value)


class _FolderLoader(FileSystemLoader):
    """Templates from one folder only: a symbolic link out of it (to ``~/.ssh/…`` in a
    folder someone sent) is refused instead of copied into the draft."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        if not Path(filename).resolve().is_relative_to(Path(self.searchpath[0]).resolve()):
            raise ExportError(Text(
                f"{filename}: テンプレートのフォルダの外のファイルは使えません",
                f"{filename}: a file outside the template folder cannot be used"))
        return source, filename, uptodate


class TemplateSet:
    """The templates, labels and reference document of one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.env = SandboxedEnvironment(
            loader=_FolderLoader(folder),
            undefined=StrictUndefined,
            autoescape=True,  # macro output is Markup; everything else printed is data
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.labels = _read_labels(folder / "labels.yaml")
        self.reference = (folder / "reference.docx").read_bytes()

    def render(self, name: str, context: dict[str, Any], vault: Vault) -> str:
        """Render one template; any template problem becomes a one-line ExportError."""
        try:
            return self.env.get_template(name).render(context, **{VAULT_NAME: vault})
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
    try:
        data = yaml.load(path.read_text(encoding="utf-8"),
                         Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except OSError as exc:
        raise ExportError(Text(f"{path}: 読み込めません: {exc.strerror}",
                               f"{path}: cannot be read: {exc.strerror}")) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        first = str(exc).splitlines()[0]
        raise ExportError(Text(f"{path}: YAMLとして読めません: {first}",
                               f"{path}: not readable as YAML: {first}")) from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ExportError(Text(f"{path}: 「見出し: {{キー: 表示}}」の対応付けが必要です",
                               f"{path}: a mapping 'heading: {{key: label}}' is expected"))
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
