"""CLI for consultants: ``audit`` (batch), ``comment`` and ``decide`` (review data).

    gs-assistant audit PATH... -o OUTDIR [--format text|json] [--jobs N] [--docx]
    gs-assistant comment FILE ITEM_ID --author NAME --text TEXT
    gs-assistant decide FILE ITEM_ID --status met|not_met|needs_review --reason TEXT --author NAME
    gs-assistant decide FILE ITEM_ID --withdraw --reason TEXT --author NAME

``audit`` exits 0 when every file was read and none has a 不適合 item, 1 when some file
has one, 2 when some file could not be read (they are listed in the summary). This module
is imported by every command line, so the work is imported inside the functions.
"""

from __future__ import annotations

import argparse
import errno
import json
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from gs_assistant.commandline import add_call_option

if TYPE_CHECKING:
    from gs_assistant.audit.outcome import Audit

STATUSES = ("met", "not_met", "needs_review")


MESSAGES = {  # key: (ja, en)
    "is_file": ("ファイルです。-o には出力先のフォルダを指定してください",
                "is a file; -o needs a folder"),
    "not_empty": ("フォルダが空ではありません（上書きしてよい場合は --force を付けてください）",
                  "the folder is not empty (use --force to write into it)"),
    "jobs": ("1以上を指定してください", "at least 1"),
    "disk_full": ("ディスクの空きがありません。空きを作るか、別の出力先を指定してください",
                  "no space left on the disk; free some space or choose another folder"),
    "reports_link": ("フォルダではありません（シンボリックリンクやファイルには書き込みません）",
                     "not a folder (reports are never written through a link or file)"),
    "no_files": ("申請ファイル（*.yaml, *.yml）が見つかりません",
                 "no application files (*.yaml, *.yml)"),
    "broken_pool": ("作業プロセスが異常終了しました。--jobs 1 で再実行してください",
                    "a worker process stopped unexpectedly; try again with --jobs 1"),
}


def _say(key: str, lang: str) -> str:
    ja, en = MESSAGES[key]
    return en if lang == "en" else ja


def cmd_audit(args: argparse.Namespace) -> int:
    from concurrent.futures.process import BrokenProcessPool

    from gs_assistant.audit.batch import run_audit
    from gs_assistant.audit.progress import Progress
    from gs_assistant.audit.summary import summary_json
    from gs_assistant.commandline import UsageError, resolve_path, settled
    from gs_assistant.rules import RulePackError
    from gs_assistant.rules.call import CallFileError

    lang = args.lang
    outdir = Path(args.output)
    if outdir.exists() and not outdir.is_dir():
        raise UsageError(f"{outdir}: {_say('is_file', lang)}")
    if outdir.is_dir() and any(outdir.iterdir()) and not args.force:
        raise UsageError(f"{outdir}: {_say('not_empty', lang)}")
    reports = outdir / "reports"
    if reports.is_symlink() or (reports.exists() and not reports.is_dir()):
        raise UsageError(f"{reports}: {_say('reports_link', lang)}")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs {args.jobs}: {_say('jobs', lang)}")
    paths = [resolve_path(p) for p in args.paths]
    progress: Progress | None = None

    def start(total: int) -> None:
        nonlocal progress
        if total == 0:
            raise UsageError(" ".join(args.paths) + ": " + _say("no_files", lang))
        settled()  # the pack is read: the files' work starts (and the workers' fork)
        progress = Progress(total, "Auditing" if lang == "en" else "チェック中",
                            enabled=False if args.quiet else None)

    def terminate(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # the workers are stopped and the summary written

    try:
        previous = signal.signal(signal.SIGTERM, terminate)
    except ValueError:  # not the main thread (a library caller): leave signals alone
        previous = None
    try:
        audit = run_audit(paths, outdir, jobs=args.jobs, lang=lang, pack_dir=args.pack,
                          docx=args.docx, call=args.call, on_start=start,
                          advance=lambda n: progress.update(n) if progress else None)
    except (RulePackError, CallFileError) as exc:
        raise UsageError.wrapping(exc) from None
    except BrokenProcessPool:
        raise UsageError(_say("broken_pool", lang)) from None
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise UsageError(f"{exc.filename or outdir}: {_say('disk_full', lang)}") from None
        raise UsageError(f"{exc.filename or outdir}: {exc.strerror or exc}") from None
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if progress is not None:
            progress.close()
    for r in audit.unreadable:
        print(f"gs-assistant: {r.file}: {r.error}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(summary_json(audit), ensure_ascii=False, indent=2))
    else:
        _print_text(audit, outdir, lang == "en")
    return audit.exit_status


def _print_text(audit: Audit, outdir: Path, en: bool) -> None:
    n, bad, not_met = len(audit.results), len(audit.unreadable), len(audit.with_not_met)
    pack = f"{audit.pack.id} {audit.pack.version}"
    if en:
        print(f"Audited {n} files: read {n - bad}, unreadable {bad}, "
              f"with not-met items {not_met} (rule pack {pack}, {audit.jobs} processes)")
        print(f"Summary: {outdir / 'summary.csv'}, summary.md, summary.json; "
              f"reports in {outdir / 'reports'}")
    else:
        print(f"{n}件をチェックしました：読めた {n - bad}、読めない {bad}、"
              f"不適合あり {not_met}（ルールパック {pack}、{audit.jobs}プロセス）")
        print(f"一覧: {outdir / 'summary.csv'}, summary.md, summary.json / "
              f"個別レポート: {outdir / 'reports'}")
    if audit.docx_note:
        print(audit.docx_note("en" if en else "ja"))
    if audit.interrupted:
        print(f"Interrupted: only {n} of {audit.total} files were audited (see summary.md)"
              if en else f"中断されました：{audit.total}件中 {n}件だけをチェックしました"
              "（summary.md に記録）", file=sys.stderr)


def cmd_comment(args: argparse.Namespace) -> int:
    from gs_assistant.audit.review_commands import cmd_comment as run

    return run(args)


def cmd_decide(args: argparse.Namespace) -> int:
    from gs_assistant.audit.review_commands import cmd_decide as run

    return run(args)


def register(
    sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]
) -> None:
    """Add ``audit``, ``comment`` and ``decide``."""
    p = sub.add_parser("audit", help="まとめてチェック / audit many files into a folder")
    p.add_argument("paths", nargs="+", metavar="PATH", help="application files or folders")
    p.add_argument("-o", "--output", required=True, metavar="OUTDIR",
                   help="folder for summary.csv / summary.md / summary.json and reports/")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="what to print (json: the summary.json document)")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="worker processes (default: every core)")
    p.add_argument("--docx", action="store_true",
                   help="Word reports too (about 40 ms a file; Markdown reports always)")
    p.add_argument("--force", action="store_true", help="write into a folder that is not empty")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    add_call_option(p)
    common(p)
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("comment", help="項目にコメントを記録 / add a review comment to an item")
    p.add_argument("file", metavar="FILE")
    p.add_argument("item", metavar="ITEM_ID", help="checklist item id, e.g. TYP-2A")
    p.add_argument("--author", required=True, metavar="NAME")
    p.add_argument("--text", required=True, metavar="TEXT", help="the comment ('-': stdin)")
    common(p)
    p.set_defaults(func=cmd_comment)

    p = sub.add_parser("decide", help="項目の判定を記録 / record a reviewer's decision")
    p.add_argument("file", metavar="FILE")
    p.add_argument("item", metavar="ITEM_ID", help="checklist item id, e.g. TYP-2A")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--status", choices=STATUSES, help="the reviewed status")
    which.add_argument("--withdraw", action="store_true", help="withdraw the decision")
    p.add_argument("--reason", default="", metavar="TEXT", help="why (required; '-': stdin)")
    p.add_argument("--author", required=True, metavar="NAME")
    common(p)
    p.set_defaults(func=cmd_decide)
