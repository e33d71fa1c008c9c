"""``gs-assistant export FILE -o OUT.docx``: the Word draft of one application.

Cheap to import: python-docx, Jinja2 and markdown-it are imported inside the command.
The document is always Japanese; ``--lang`` changes only this command's messages.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from gs_assistant.commandline import add_call_option

MESSAGES = {
    "suffix": ("出力ファイルの拡張子は .docx にしてください", "the output file must end in .docx"),
    "same": ("申請ファイル自身には書き込めません。別の名前を指定してください",
             "that is the application file itself; choose another name"),
    "folder": ("フォルダです。ファイル名を指定してください", "is a folder; give a file name"),
    "exists": ("すでにあります（上書きするには --force）",
               "already exists (use --force to overwrite)"),
    "no_parent": ("保存先のフォルダがありません", "the folder does not exist"),
    "need_file": ("申請ファイルと -o OUT.docx を指定してください（--list-fields だけなら不要）",
                  "give the application file and -o OUT.docx (not needed with --list-fields)"),
    "form_and_template": ("--form と --template は同時に使えません",
                          "--form and --template cannot be used together"),
    "list_header": ("様式（--form）のタグと doc_templates のテンプレートで使える名前"
                    "（text: 表示する値、flag: {% if %} の条件、list: {%tr for %} で繰り返す一覧）",
                    "names a tagged form (--form) and the doc_templates templates may use "
                    "(text: printed, flag: for {% if %}, list: repeated with {%tr for %})"),
    "example": ("タグ付き様式の例", "the tagged example form"),
}


def _msg(key: str, lang: str) -> str:
    ja, en = MESSAGES[key]
    return en if lang == "en" else ja


def register(
    sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]
) -> None:
    """Add the ``export`` subcommand."""
    p = sub.add_parser("export", help="Word（.docx）の下書きを作る / write the Word draft")
    p.add_argument("file", metavar="FILE", nargs="?", help="application file or sample:NAME")
    p.add_argument("-o", "--output", metavar="OUT.docx", help="the .docx to write")
    p.add_argument("--force", action="store_true", help="上書きする / overwrite OUT.docx")
    p.add_argument("--template", metavar="DIR",
                   help="doc_templates/ の代わりに使うテンプレートのフォルダ / "
                        "a copy of doc_templates/ to use instead")
    p.add_argument("--form", metavar="FORM.docx",
                   help="タグを入れた様式（Word）に申請の内容を入れる / "
                        "fill a tagged Word form instead of writing the outline")
    p.add_argument("--list-fields", action="store_true",
                   help="タグで使える名前の一覧 / list the names tags may use")
    p.add_argument("--pages", action="store_true",
                   help="LibreOffice でページ数を数える / count the pages with LibreOffice")
    p.add_argument("--page-limit", metavar="N", type=_page_limit,
                   help="ページ数の上限（超えると警告し終了コード1） / warn (exit 1) above N "
                        "pages")
    add_call_option(p)
    common(p)
    p.set_defaults(func=cmd_export)


def _page_limit(text: str) -> int:
    from gs_assistant.paths import MAX_PAGE_LIMIT

    if not text.isdigit() or not 1 <= int(text) <= MAX_PAGE_LIMIT:
        raise argparse.ArgumentTypeError(
            f"1～{MAX_PAGE_LIMIT}の整数にしてください / a whole number from 1 to {MAX_PAGE_LIMIT}")
    return int(text)


def check_output(out: Path, source: Path, force: bool, lang: str,
                 suffixes: tuple[str, ...] = (".docx",),
                 wrong_suffix: str | None = None) -> str | None:
    """Why ``out`` must not be written, or ``None`` when it may (``wrong_suffix`` says
    which names are expected when ``out`` ends otherwise)."""
    if out.exists() and source.exists() and out.samefile(source):
        return _msg("same", lang)
    if out.is_dir():
        return _msg("folder", lang)
    if out.suffix.lower() not in suffixes:
        return wrong_suffix or _msg("suffix", lang)
    if out.exists() and not force:
        return _msg("exists", lang)
    if not out.parent.is_dir():
        return _msg("no_parent", lang)
    return None


def cmd_export(args: argparse.Namespace) -> int:
    from gs_assistant.commandline import (
        UsageError,
        package_setup_or_exit,
        resolve_path,
        settled,
    )
    from gs_assistant.export.docx import export_docx
    from gs_assistant.export.errors import ExportError
    from gs_assistant.model import ApplicationFileError, load_application
    from gs_assistant.rules import RulePackError, default_pack, load_pack

    if args.list_fields:
        return list_fields(args)
    if not args.file or not args.output:
        raise UsageError(_msg("need_file", args.lang))
    if args.form and args.template:
        raise UsageError(_msg("form_and_template", args.lang))
    source = resolve_path(args.file)
    out = Path(args.output)
    problem = check_output(out, source, args.force, args.lang)
    if problem:
        raise UsageError(f"{out}: {problem}")
    try:
        pack = load_pack(args.pack) if args.pack else default_pack()
        settled()
        app = load_application(source, max_rows=pack.max_rows)
        if args.form:
            from gs_assistant.export.form import export_form

            export_form(app, pack, Path(args.form), out)
        else:
            setup = package_setup_or_exit(pack, args.call)
            package = setup.check(app, pack, folder=source.parent) if setup else None
            export_docx(app, pack, out, args.template, package=package)
    except (ApplicationFileError, RulePackError, ExportError) as exc:
        raise UsageError.wrapping(exc) from None
    print(out)
    return report_pages(out, args, pack)


def report_pages(out: Path, args: argparse.Namespace, pack) -> int:
    """With ``--pages`` or a page limit set: count the draft's pages (LibreOffice) and warn
    above the limit (exit 1; the draft is written all the same). Pages that cannot be
    counted are a warning only."""
    import sys

    from gs_assistant.commandline import EXIT_NOT_MET, EXIT_OK
    from gs_assistant.export.pages import PageCountError, count_pages, page_limit, pages_report
    from gs_assistant.paths import page_limit_setting

    pack_limit = pack.params.draft_page_limit.value if pack.params.draft_page_limit else None
    limit = page_limit(args.page_limit, page_limit_setting(), pack_limit)
    if limit is None and not args.pages:
        return EXIT_OK
    try:
        pages = count_pages(out)
    except PageCountError as exc:
        print(f"gs-assistant: {exc.in_lang(args.lang)}", file=sys.stderr)
        return EXIT_OK
    message, over = pages_report(pages, limit)
    print(f"gs-assistant: {message(args.lang)}", file=sys.stderr if over else sys.stdout)
    return EXIT_NOT_MET if over else EXIT_OK


def list_fields(args: argparse.Namespace) -> int:
    """Print every name a tag may use (from the large sample, whose lists all have rows)."""
    from gs_assistant.commandline import EXIT_OK, UsageError
    from gs_assistant.export.errors import ExportError
    from gs_assistant.export.form import example_form, field_names, form_context
    from gs_assistant.export.values import Vault
    from gs_assistant.model import load_application
    from gs_assistant.paths import samples_dir
    from gs_assistant.rules import RulePackError, default_pack, load_pack

    try:
        pack = load_pack(args.pack) if args.pack else default_pack()
        app = load_application(samples_dir() / "large_demo_india.yaml")
        context = form_context(app, pack, Vault())
    except (RulePackError, ExportError) as exc:
        raise UsageError.wrapping(exc) from None
    print(f"# {_msg('list_header', args.lang)}")
    for name, kind in field_names(context):
        print(f"{name}\t{kind}")
    print(f"# {_msg('example', args.lang)}: {example_form()}")
    return EXIT_OK
