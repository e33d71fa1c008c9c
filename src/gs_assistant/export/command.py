"""``gs-assistant export FILE -o OUT.docx``: the Word draft of one application.

Cheap to import: python-docx, Jinja2 and markdown-it are imported inside the command.
The document is always Japanese; ``--lang`` changes only this command's messages.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

MESSAGES = {
    "suffix": ("出力ファイルの拡張子は .docx にしてください", "the output file must end in .docx"),
    "same": ("申請ファイル自身には書き込めません。別の名前を指定してください",
             "that is the application file itself; choose another name"),
    "folder": ("フォルダです。ファイル名を指定してください", "is a folder; give a file name"),
    "exists": ("すでにあります（上書きするには --force）",
               "already exists (use --force to overwrite)"),
    "no_parent": ("保存先のフォルダがありません", "the folder does not exist"),
}


def _msg(key: str, lang: str) -> str:
    ja, en = MESSAGES[key]
    return en if lang == "en" else ja


def register(
    sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]
) -> None:
    """Add the ``export`` subcommand."""
    p = sub.add_parser("export", help="Word（.docx）の下書きを作る / write the Word draft")
    p.add_argument("file", metavar="FILE", help="application file or sample:NAME")
    p.add_argument("-o", "--output", metavar="OUT.docx", required=True,
                   help="the .docx to write")
    p.add_argument("--force", action="store_true", help="上書きする / overwrite OUT.docx")
    p.add_argument("--template", metavar="DIR",
                   help="doc_templates/ の代わりに使うテンプレートのフォルダ / "
                        "a copy of doc_templates/ to use instead")
    common(p)
    p.set_defaults(func=cmd_export)


def check_output(out: Path, source: Path, force: bool, lang: str) -> str | None:
    """Why ``out`` must not be written, or ``None`` when it may."""
    if out.exists() and source.exists() and out.samefile(source):
        return _msg("same", lang)
    if out.is_dir():
        return _msg("folder", lang)
    if out.suffix.lower() != ".docx":
        return _msg("suffix", lang)
    if out.exists() and not force:
        return _msg("exists", lang)
    if not out.parent.is_dir():
        return _msg("no_parent", lang)
    return None


def cmd_export(args: argparse.Namespace) -> int:
    from gs_assistant.commandline import EXIT_OK, UsageError, resolve_path
    from gs_assistant.export.docx import export_docx
    from gs_assistant.export.errors import ExportError
    from gs_assistant.model import ApplicationFileError, load_application
    from gs_assistant.rules import RulePackError, default_pack, load_pack

    source = resolve_path(args.file)
    out = Path(args.output)
    problem = check_output(out, source, args.force, args.lang)
    if problem:
        raise UsageError(f"{out}: {problem}")
    try:
        pack = load_pack(args.pack) if args.pack else default_pack()
        app = load_application(source, max_rows=pack.max_rows)
        export_docx(app, pack, out, args.template)
    except (ApplicationFileError, RulePackError, ExportError) as exc:
        raise UsageError.wrapping(exc) from None
    print(out)
    return EXIT_OK
