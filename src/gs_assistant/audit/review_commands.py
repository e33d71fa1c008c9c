"""``gs-assistant comment`` and ``gs-assistant decide``: review an application from scripts.

Each command loads the file, checks that the item is on its current checklist, records the
action (``model/review.py`` appends it to the log) and saves atomically, keeping the
previous version as ``FILE.bak``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gs_assistant.audit.batch import load_rule_pack
from gs_assistant.commandline import EXIT_OK, SAMPLE_PREFIX, UsageError
from gs_assistant.model import (
    Application,
    ApplicationFileError,
    ReviewError,
    add_comment,
    decide,
    load_application,
    withdraw_decision,
)
from gs_assistant.model.files import why_not_written
from gs_assistant.model.review import check_item_id
from gs_assistant.model.store import update_application
from gs_assistant.rules import RulePackError, Status, check
from gs_assistant.text import Text


def _text(value: str) -> str:
    """The value, or standard input when it is ``-`` (for long texts from scripts)."""
    return sys.stdin.read() if value == "-" else value


def _open(args: argparse.Namespace) -> tuple[Path, Application]:
    if args.file.startswith(SAMPLE_PREFIX):
        raise UsageError(Text(f"{args.file}: 同梱のサンプルは変更できません。先にコピーしてください"
                              "（gs-assistant sample NAME -o FILE）",
                              f"{args.file}: a bundled sample cannot be changed; copy it first "
                              "(gs-assistant sample NAME -o FILE)"))
    path = Path(args.file)
    try:
        return path, load_application(path)
    except ApplicationFileError as exc:
        raise UsageError.wrapping(exc) from None


def _computed(app: Application, item_id: str, args: argparse.Namespace) -> Status:
    """The checker's own status of the item; the item must be on the checklist."""
    try:
        check_item_id(item_id)
    except ReviewError as exc:
        raise UsageError(Text(f"{args.file}: {exc.in_lang('ja')}",
                              f"{args.file}: {exc.in_lang('en')}")) from None
    try:
        pack = load_rule_pack(args.pack)
    except RulePackError as exc:
        raise UsageError.wrapping(exc) from None
    report = check(app, pack)
    try:
        return report.item(item_id).computed_status
    except KeyError:
        package = _package_item(app, pack, report, item_id, args)
        if package is not None:
            return package.computed_status
        raise UsageError(Text(
            f"{args.file}: {item_id}: チェックリストにない項目IDです"
            f"（gs-assistant check {args.file} で項目IDを確認できます）",
            f"{args.file}: {item_id}: no such item on the checklist "
            f"(gs-assistant check {args.file} lists the item ids)",
        )) from None


def _package_item(app: Application, pack, report, item_id: str, args: argparse.Namespace):
    """The submission package's item ``item_id`` (DOC-…, TML-…), or None."""
    if not item_id.startswith(("DOC-", "TML-")):
        return None
    from gs_assistant.commandline import package_setup_or_exit

    setup = package_setup_or_exit(pack, getattr(args, "call", None))
    if setup is None:
        return None
    package = setup.check(app, pack, folder=Path(args.file).parent, facts=report.facts)
    return next((i for i in package.items if i.id == item_id), None)


def _update(path: Path, change) -> Application:
    """Run ``change`` on the file's current content under its lock and save it, so that
    concurrent comments and decisions all reach the file (see ``model/store.py``)."""
    try:
        return update_application(path, change)
    except ApplicationFileError as exc:
        raise UsageError.wrapping(exc) from None
    except OSError as exc:
        why = why_not_written(exc, path)
        raise UsageError(Text(f"{path}: 保存できません: {why.ja}",
                              f"{path}: cannot be saved: {why.en}")) from None


def cmd_comment(args: argparse.Namespace) -> int:
    path, app = _open(args)
    _computed(app, args.item, args)
    text = _text(args.text)

    def change(current: Application) -> Application:
        try:
            return add_comment(current, args.item, args.author, text)
        except ReviewError as exc:
            raise UsageError(Text(f"{path}: {args.item}: {exc.in_lang('ja')}",
                                  f"{path}: {args.item}: {exc.in_lang('en')}")) from None

    _update(path, change)
    print(f"{path}: {args.item}: " + ("comment added" if args.lang == "en"
                                      else "コメントを記録しました"))
    return EXIT_OK


def cmd_decide(args: argparse.Namespace) -> int:
    path, app = _open(args)
    lang = args.lang
    reason = _text(args.reason)

    def change(current: Application) -> Application:
        nonlocal computed
        computed = _computed(current, args.item, args)
        try:
            if args.withdraw:
                return withdraw_decision(current, args.item, reason, args.author)
            return decide(current, args.item, args.status, reason, args.author)
        except ReviewError as exc:
            raise UsageError(Text(f"{path}: {args.item}: {exc.in_lang('ja')}",
                                  f"{path}: {args.item}: {exc.in_lang('en')}")) from None

    computed = _computed(app, args.item, args)
    _update(path, change)
    checker = computed.label(lang)
    if args.withdraw:
        message = (f"decision withdrawn; the checker's status applies ({checker})" if lang == "en"
                   else f"判定を取り消しました（チェッカーの判定「{checker}」に戻ります）")
    else:
        status = Status(args.status).label(lang)
        message = (f"decided as {status} (checker: {checker})" if lang == "en"
                   else f"「{status}」と判定しました（チェッカーの判定: {checker}）")
    print(f"{path}: {args.item}: {message}")
    return EXIT_OK
