"""``gs-assistant calendar FILE -o deadlines.ics``: the call's deadlines for a calendar.

Exit status: 0 written; 2 the file, the call file or the output could not be used, or no
date of the application's track is exact yet (the brochure gives months: set the real
dates in call.yaml). See ``export/calendar.py``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from gs_assistant.commandline import (
    EXIT_OK,
    UsageError,
    add_call_option,
    package_setup_or_exit,
    resolve_path,
)
from gs_assistant.text import Text


def register(sub: argparse._SubParsersAction,
             common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("calendar", help="締切をカレンダー（.ics）に / the deadlines as .ics")
    p.add_argument("file", metavar="FILE", help="application file or sample:NAME")
    p.add_argument("-o", "--output", metavar="OUT.ics", required=True)
    p.add_argument("--force", action="store_true", help="上書きする / overwrite OUT.ics")
    add_call_option(p)
    common(p)
    p.set_defaults(func=cmd_calendar)


def _refuse(out: Path, force: bool) -> None:
    if out.suffix.lower() != ".ics":
        raise UsageError(Text(f"{out}: 拡張子は .ics にしてください",
                              f"{out}: the file name must end in .ics"))
    if out.is_dir():
        raise UsageError(Text(f"{out}: フォルダです", f"{out}: is a folder"))
    if out.exists() and not force:
        raise UsageError(Text(f"{out}: すでにあります（上書きするには --force を付けてください）",
                              f"{out}: already exists (add --force to overwrite it)"))


def cmd_calendar(args: argparse.Namespace) -> int:
    from gs_assistant.export.calendar import NoDatesError, build_calendar
    from gs_assistant.export.errors import ExportError
    from gs_assistant.export.output import write_bytes_atomic
    from gs_assistant.model import ApplicationFileError, load_application
    from gs_assistant.rules import RulePackError, default_pack, load_pack

    try:
        pack = load_pack(args.pack) if args.pack else default_pack()
    except RulePackError as exc:
        raise UsageError.wrapping(exc) from None
    setup = package_setup_or_exit(pack, args.call)
    if setup is None:
        raise UsageError(Text(f"{pack.path}: このルールパックには日程（package.yaml）がありません",
                              f"{pack.path}: this rule pack has no timeline (package.yaml)"))
    path = resolve_path(args.file)
    out = Path(args.output)
    _refuse(out, args.force)
    try:
        app = load_application(path, max_rows=pack.max_rows)
    except ApplicationFileError as exc:
        raise UsageError.wrapping(exc) from None
    if app.track is None:
        raise UsageError(Text(f"{args.file}: track: 事業区分が未回答です（締切は区分で違います）",
                              f"{args.file}: track: no track chosen (deadlines differ by "
                              "track)"))
    try:
        data = build_calendar(app, pack, setup, str(path.resolve()))
    except NoDatesError:
        raise UsageError(Text(
            f"{args.file}: 日時の決まった日程がありません（パンフレットは月だけです）。"
            "募集要領の日時を call.yaml に書いてください（--call FILE）",
            f"{args.file}: no date of this track is exact yet (the brochure gives months); "
            "write the guidelines' dates in call.yaml (--call FILE)")) from None
    try:
        write_bytes_atomic(out, data)
    except ExportError as exc:
        raise UsageError.wrapping(exc) from None
    print(out)
    return EXIT_OK
