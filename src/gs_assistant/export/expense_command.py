"""``gs-assistant expenses FILE``: the expense plan (経費明細) to and from CSV / Excel.

    gs-assistant expenses FILE                      the plan's totals by 費目 and member
    gs-assistant expenses FILE --export OUT.xlsx    write the rows (.csv or .xlsx)
    gs-assistant expenses FILE --import IN.csv      replace the rows with a table's

An import replaces every row of the plan, and only when every row of the table is good:
otherwise each bad cell is printed as ``FILE:ROW:COLUMN: message`` and the command exits
2 with the application file untouched. Cheap to import: openpyxl is loaded inside.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

SUFFIXES = (".csv", ".xlsx")
TABLE_LIMIT_BYTES = 50 * 1024 * 1024  # an Excel file of a few thousand rows is far less

MESSAGES = {
    "suffix": ("拡張子は .csv か .xlsx にしてください", "the file must end in .csv or .xlsx"),
    "both": ("--export と --import は同時に使えません", "use --export or --import, not both"),
    "sample": ("同梱のサンプルには取り込めません。先にコピーしてください"
               "（gs-assistant sample NAME -o FILE）",
               "a bundled sample cannot be changed; copy it first (gs-assistant sample NAME "
               "-o FILE)"),
}


def _msg(key: str, lang: str) -> str:
    ja, en = MESSAGES[key]
    return en if lang == "en" else ja


def register(
    sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]
) -> None:
    p = sub.add_parser("expenses", help="経費明細をCSV・Excelに書き出す／取り込む / "
                                        "the expense plan to and from CSV or Excel")
    p.add_argument("file", metavar="FILE", help="application file (or sample:NAME to export)")
    p.add_argument("--export", metavar="OUT.csv|OUT.xlsx", help="write the plan's rows")
    p.add_argument("--import", dest="import_", metavar="IN.csv|IN.xlsx",
                   help="replace the plan's rows with the table's (all rows or none)")
    p.add_argument("--force", action="store_true", help="上書きする / overwrite OUT")
    common(p)
    p.set_defaults(func=cmd_expenses)


def cmd_expenses(args: argparse.Namespace) -> int:
    from gs_assistant.commandline import SAMPLE_PREFIX, UsageError, resolve_path
    from gs_assistant.model import ApplicationFileError, load_application
    from gs_assistant.rules import RulePackError, default_pack, load_pack

    lang = args.lang
    if args.export and args.import_:
        raise UsageError(_msg("both", lang))
    source = resolve_path(args.file)
    try:
        pack = load_pack(args.pack) if args.pack else default_pack()
        if args.import_:
            if args.file.startswith(SAMPLE_PREFIX):
                raise UsageError(f"{args.file}: {_msg('sample', lang)}")
            return _import(source, Path(args.import_), pack, lang)
        app = load_application(source, max_rows=pack.max_rows)
    except (ApplicationFileError, RulePackError) as exc:
        raise UsageError.wrapping(exc) from None
    if args.export:
        return _export(app, pack, source, Path(args.export), args.force, lang)
    print(_summary(app, pack, lang))
    return 0


def _export(app, pack, source: Path, out: Path, force: bool, lang: str) -> int:
    from gs_assistant.commandline import UsageError
    from gs_assistant.export.command import check_output
    from gs_assistant.export.errors import ExportError
    from gs_assistant.export.expense_table import csv_bytes, xlsx_bytes
    from gs_assistant.export.output import write_bytes_atomic

    problem = check_output(out, source, force, lang, SUFFIXES, _msg("suffix", lang))
    if problem:
        raise UsageError(f"{out}: {problem}")
    data = xlsx_bytes(app, pack) if out.suffix.lower() == ".xlsx" else csv_bytes(app, pack)
    try:
        write_bytes_atomic(out, data)
    except ExportError as exc:
        raise UsageError.wrapping(exc) from None
    print(out)
    return 0


def _import(source: Path, table_path: Path, pack, lang: str) -> int:
    from gs_assistant.commandline import EXIT_BAD_INPUT, UsageError
    from gs_assistant.export.expense_table import TableError, parse_table, read_table
    from gs_assistant.model import ApplicationFileError, load_application
    from gs_assistant.model.files import read_bytes, why_not_written
    from gs_assistant.model.store import update_application
    from gs_assistant.text import Text

    if table_path.suffix.lower() not in SUFFIXES:
        raise UsageError(f"{table_path}: {_msg('suffix', lang)}")
    app = load_application(source, max_rows=pack.max_rows)
    try:
        raw = read_bytes(table_path, TABLE_LIMIT_BYTES)
        table = read_table(table_path, raw)
        rows = parse_table(table_path, table, app, pack.max_rows)
    except TableError as exc:
        print(exc.in_lang(lang), file=sys.stderr)
        return EXIT_BAD_INPUT
    except ApplicationFileError as exc:
        raise UsageError.wrapping(exc) from None

    def change(current):
        costs = current.costs.model_copy(update={"expenses": rows})
        return current.model_copy(update={"costs": costs})

    try:
        new = update_application(source, change)
    except ApplicationFileError as exc:
        raise UsageError.wrapping(exc) from None
    except OSError as exc:
        why = why_not_written(exc, source)
        raise UsageError(Text(f"{source}: 保存できません: {why.ja}",
                              f"{source}: cannot be saved: {why.en}")) from None
    from gs_assistant.rules import check

    facts = check(new, pack).facts
    total = facts.total_yen or 0
    print(f"{source}: {len(rows):,} rows imported (total {total:,} yen)" if lang == "en"
          else f"{source}: {len(rows):,}行を取り込みました（総事業費{total:,}円）")
    return 0


def _summary(app, pack, lang: str) -> str:
    """The plan's totals as a few lines of text."""
    from gs_assistant.rules import check

    facts = check(app, pack).facts
    plan = facts.expenses
    en = lang == "en"
    if plan is None:
        return "No expense plan (no rows)." if en else "経費明細がありません（行がありません）。"
    categories = pack.params.expenses.categories
    lines = [f"{plan.rows:,} rows: total {plan.total_yen:,} yen, eligible "
             f"{plan.eligible_yen:,} yen" if en else
             f"{plan.rows:,}行：総事業費{plan.total_yen:,}円・補助対象経費{plan.eligible_yen:,}円"]
    for key, cost in plan.by_category.items():
        name = categories[key].value(lang) if key in categories else (key or "-")
        lines.append(f"  {name}: {cost.total_yen:,} / {cost.eligible_yen:,}")
    for m in plan.by_member:
        share = "-" if m.subsidy_yen is None else f"{m.subsidy_yen:,}"
        lines.append(f"  {m.name}: {m.total_yen:,} / {m.eligible_yen:,} / {share}")
    if plan.subsidy_yen is not None:
        lines.append(f"subsidy {plan.subsidy_yen:,} yen, own share {plan.self_burden_yen:,} yen"
                     if en else f"補助額{plan.subsidy_yen:,}円・自己負担{plan.self_burden_yen:,}円")
    return "\n".join(lines)
