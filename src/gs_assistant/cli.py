"""The command line.

    gs-assistant                       start the wizard (start screen)
    gs-assistant open FILE | new FILE  open or create an application in the wizard
    gs-assistant review FILE           the consultant's review screen (comment, decide)
    gs-assistant check FILE...         print the checklist (text / json / md)
    gs-assistant rules                 list the rule pack's rules with citations
    gs-assistant schema                print the JSON Schema of an application file
    gs-assistant sample NAME -o FILE   copy a bundled sample application
    gs-assistant serve [--folder DIR]  the wizard in a web browser (token-guarded)

Exit status: 0 success and nothing 不適合; 1 something is 不適合; 2 a file or argument
could not be used (the message names the file and field); 130 interrupted.
The non-interactive commands never import Textual.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import sys
import types
from collections.abc import Sequence
from pathlib import Path

from gs_assistant import __version__
from gs_assistant.commandline import (
    EXIT_BAD_INPUT,
    EXIT_INTERRUPTED,
    EXIT_NOT_MET,
    EXIT_OK,
    SAMPLE_PREFIX,
    UsageError,
    add_call_option,
    package_setup_or_exit,
    resolve_path,
    setting_up,
    settled,
)
from gs_assistant.text import Text, message_of

# Each module has ``register(subparsers, common)`` and must be cheap to import: heavy
# libraries (python-docx, multiprocessing pools) are imported inside the command.
COMMAND_MODULES = ("gs_assistant.export.command", "gs_assistant.export.calendar_command",
                   "gs_assistant.export.expense_command",
                   "gs_assistant.audit.command",
                   "gs_assistant.serve.command")


def _err(message: str) -> None:
    print(f"gs-assistant: {message}", file=sys.stderr)


def _say_error(exc: BaseException, lang: str) -> None:
    """One line on standard error, in ``lang`` where the error carries both languages."""
    _err(message_of(exc, lang))


def _load_pack(folder: str | None):
    from gs_assistant.rules import RulePackError, default_pack, load_pack

    try:
        return load_pack(folder) if folder else default_pack()
    except RulePackError as exc:
        raise UsageError.wrapping(exc) from None


# ---------------------------------------------------------------- check


def cmd_check(args: argparse.Namespace) -> int:
    from gs_assistant.model import ApplicationFileError, load_application
    from gs_assistant.rules import check
    from gs_assistant.rules.package_render import package_json, package_markdown, package_text
    from gs_assistant.rules.render import report_json, report_markdown, report_text

    pack = _load_pack(args.pack)
    setup = package_setup_or_exit(pack, args.call)
    settled()
    worst = EXIT_OK
    outputs = []
    for arg in args.files:
        try:
            path = resolve_path(arg)
            app = load_application(path, max_rows=pack.max_rows)
        except (ApplicationFileError, UsageError) as exc:
            _say_error(exc, args.lang)
            worst = EXIT_BAD_INPUT
            continue
        report = check(app, pack)
        package = setup.check(app, pack, folder=path.parent, facts=report.facts) \
            if setup else None
        if (report.has_not_met or (package and package.has_not_met)) and worst == EXIT_OK:
            worst = EXIT_NOT_MET
        if args.format == "json":
            doc = report_json(report, arg, args.lang, pack)
            if package is not None:
                doc["package"] = package_json(package, args.lang, pack)
            outputs.append(doc)
        elif args.format == "md":
            print(report_markdown(report, arg, pack, args.lang))
            if package is not None:
                print(package_markdown(package, pack, args.lang))
        else:
            print(report_text(report, arg, pack, args.lang))
            if package is not None:
                print(package_text(package, pack, args.lang))
    if args.format == "json":
        doc = outputs[0] if len(outputs) == 1 and len(args.files) == 1 else outputs
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    return worst


# ---------------------------------------------------------------- rules / schema / sample


def cmd_rules(args: argparse.Namespace) -> int:
    from gs_assistant.rules.render import topic_label

    pack = _load_pack(args.pack)
    lang = args.lang
    if args.format == "json":
        print(json.dumps({
            "rule_pack": {"id": pack.id, "version": pack.version,
                          "as_of": pack.header.as_of.isoformat()},
            "caveat": pack.header.caveat(lang),
            "rules": [{"id": r.id, "topic": r.topic, "title": r.title(lang),
                       "tracks": [t.value for t in r.tracks] if r.tracks else None,
                       "citation": r.citation, "basis": r.basis, "field": r.field}
                      for r in pack.rules],
        }, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{pack.header.title(lang)}  [{pack.id} {pack.version}, {pack.header.as_of}]")
    print(pack.header.caveat(lang))
    topic = None
    for r in pack.rules:
        if r.topic != topic:
            topic = r.topic
            print(f"\n[{topic_label(topic, lang)}]")
        tracks = ",".join(t.value for t in r.tracks) if r.tracks else "all"
        print(f"  {r.id:8} {r.title(lang)}  ({r.citation}) [{tracks}]")
    print()
    for key, src in pack.header.sources.items():
        print(f"  {key}: {src.title} ({src.publisher}, {src.date})")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from gs_assistant.model import Application

    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              **Application.model_json_schema()}
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_sample(args: argparse.Namespace) -> int:
    from gs_assistant.paths import samples_dir

    names = sorted(p.stem for p in samples_dir().glob("*.yaml"))
    if args.list or not args.name:
        for name in names:
            first = (samples_dir() / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
            print(f"{name}\t{first.lstrip('# ')}\t({SAMPLE_PREFIX}{name})")
        return EXIT_OK
    source = resolve_path(SAMPLE_PREFIX + args.name)
    if not args.output:
        print(source.read_text(encoding="utf-8"), end="")
        return EXIT_OK
    out = Path(args.output)
    if out.exists() and not args.force:
        raise UsageError(Text(f"{out}: すでにあります（上書きするには --force を付けてください）",
                              f"{out}: already exists (add --force to overwrite it)"))
    from gs_assistant.model import atomic_write_text
    from gs_assistant.model.files import why_not_written

    try:
        atomic_write_text(out, source.read_text(encoding="utf-8"))
    except OSError as exc:
        why = why_not_written(exc, out)
        raise UsageError(Text(f"{out}: {why.ja}", f"{out}: {why.en}")) from None
    print(out)
    return EXIT_OK


# ---------------------------------------------------------------- the wizard


def cmd_tui(args: argparse.Namespace) -> int:
    try:
        from gs_assistant.tui import run
    except ImportError as exc:  # the wizard is optional until it lands
        raise UsageError(f"the wizard is not available: {exc}") from None
    lang = "" if getattr(args, "lang_default", False) else args.lang  # "": the saved setting
    return run(command=args.command or "start", file=getattr(args, "file", None), lang=lang)


def cmd_review(args: argparse.Namespace) -> int:
    from gs_assistant.tui import run

    lang = "" if getattr(args, "lang_default", False) else args.lang
    return run(command="review", file=args.file, lang=lang, author=args.author)


# ---------------------------------------------------------------- parser
#
# A command builds only its own subcommand's parser: the others are listed (name and help,
# for ``gs-assistant -h``, the usage line and "invalid choice") but their arguments are kept
# as calls to make, and made only if that subcommand is the one used. Building every
# subcommand's parser cost a few ms of each command's start (argparse asks the terminal's
# size for every argument it adds).


class _Later:
    """The calls made to a parser not built yet (and to what they return, such as a
    mutually exclusive group), to be made on the real one."""

    def __init__(self, **kwargs) -> None:
        self.kwargs = kwargs  # the parser's own arguments (``add_parser`` passes them)
        self.calls: list[tuple[str, tuple, dict, _Later]] = []

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)

        def call(*args, **kwargs) -> _Later:
            result = _Later()
            self.calls.append((name, args, kwargs, result))
            return result

        return call

    def replay(self, target) -> None:
        for name, args, kwargs, result in self.calls:
            result.replay(getattr(target, name)(*args, **kwargs))


class _Subcommands(argparse._SubParsersAction):
    """Subcommands whose parsers are built when they are used (see above)."""

    def add_parser(self, name: str, **kwargs):
        real, self._parser_class = self._parser_class, _Later
        try:  # argparse lists it (help, aliases) and keeps a _Later as its parser
            return super().add_parser(name, **kwargs)
        finally:
            self._parser_class = real

    def built(self, name: str) -> argparse.ArgumentParser:
        """The parser of subcommand ``name``, built now if it was not."""
        later = self._name_parser_map[name]
        if isinstance(later, _Later):
            parser = self._parser_class(**later.kwargs)
            later.replay(parser)
            for key, value in list(self._name_parser_map.items()):  # its aliases too
                if value is later:
                    self._name_parser_map[key] = parser
        return self._name_parser_map[name]

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        if values and values[0] in self._name_parser_map:  # else argparse says why not
            self.built(values[0])
        super().__call__(parser, namespace, values, option_string)


def build_parser(*, later: bool = True) -> argparse.ArgumentParser:
    """The command line's parser; ``later=False`` builds every subcommand's parser now."""
    parser = argparse.ArgumentParser(
        prog="gs-assistant",
        description="グローバルサウス未来志向型共創等事業費補助金 申請ドラフト作成・チェック支援",
    )
    parser.add_argument("--version", action="version", version=f"gs-assistant {__version__}")
    parser.add_argument("--lang", choices=["ja", "en"], default=None,
                        help="表示言語 / interface language (default: ja)")
    sub = parser.add_subparsers(dest="command", **({"action": _Subcommands} if later else {}))

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--lang", choices=["ja", "en"], default=argparse.SUPPRESS)
        p.add_argument("--pack", metavar="DIR", help="rule pack directory (default: bundled)")

    p = sub.add_parser("check", help="チェックリストを表示 / print the checklist")
    p.add_argument("files", nargs="+", metavar="FILE", help="application file(s) or sample:NAME")
    p.add_argument("--format", choices=["text", "json", "md"], default="text")
    add_call_option(p)
    common(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("rules", help="ルール一覧と出典 / list the rules with citations")
    p.add_argument("--format", choices=["text", "json"], default="text")
    common(p)
    p.set_defaults(func=cmd_rules)

    p = sub.add_parser("schema", help="申請ファイルのJSON Schema / JSON Schema of the file")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("sample", help="サンプル申請 / bundled sample applications")
    p.add_argument("name", nargs="?", help="sample name (see --list)")
    p.add_argument("-o", "--output", metavar="FILE")
    p.add_argument("--list", action="store_true")
    p.add_argument("--force", action="store_true")
    p.set_defaults(func=cmd_sample)

    for module in COMMAND_MODULES:  # commands that live beside their feature
        importlib.import_module(module).register(sub, common)

    for name, help_text in (("open", "申請ファイルを開く / open a file in the wizard"),
                            ("new", "新しい申請を作る / start a new application file")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("file", metavar="FILE")
        p.add_argument("--lang", choices=["ja", "en"], default=argparse.SUPPRESS)
        p.set_defaults(func=cmd_tui)
    p = sub.add_parser("review", help="支援者のレビュー画面 / the consultant's review screen")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--author", metavar="NAME", default="",
                   help="記入者名（省略時は設定の名前） / reviewer's name (default: the setting)")
    p.add_argument("--lang", choices=["ja", "en"], default=argparse.SUPPRESS)
    p.set_defaults(func=cmd_review)
    return parser


def _printable_streams() -> None:
    """A terminal or pipe that cannot show a character (cp932 and an emoji) gets an
    escape (``\\U0001f600``) instead of a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def _check_home() -> None:
    """``GS_ASSISTANT_HOME`` must name a folder (or one that can be created)."""
    home = os.environ.get("GS_ASSISTANT_HOME")
    if home and os.path.exists(home) and not os.path.isdir(home):
        raise UsageError(Text(f"GS_ASSISTANT_HOME={home}: フォルダではありません"
                              "（設定の保存先にはフォルダを指定してください）",
                              f"GS_ASSISTANT_HOME={home}: not a folder (the settings need "
                              "a folder)"))


PYDANTIC_PLUGINS_ENV = "PYDANTIC_DISABLE_PLUGINS"


def _without_pydantic_plugins() -> None:
    """pydantic looks for plugins when it makes its first validator: it imports
    ``importlib.metadata`` (email, zipfile, csv, sockets...) and reads the entry points of
    every installed package, about 25 ms of a 0.3 s ``check``. gs-assistant uses no pydantic
    plugin, so its commands start with an empty plugin list. Whoever sets
    ``PYDANTIC_DISABLE_PLUGINS`` (even to an empty value, which means "all plugins") gets
    pydantic's own lookup, as pydantic documents it."""
    name = "pydantic.plugin._loader"
    if PYDANTIC_PLUGINS_ENV in os.environ or name in sys.modules:
        return
    if not _stub_fits(_pydantic_version()):
        # a pydantic this was not tested with: its documented switch (which still imports
        # importlib.metadata, but reads no entry points); never a stub it may not expect
        os.environ[PYDANTIC_PLUGINS_ENV] = "__all__"
        return
    loader = types.ModuleType(name, "no pydantic plugins (see gs_assistant.cli)")
    loader.get_plugins = tuple  # type: ignore[attr-defined]  # what pydantic calls: ()
    sys.modules[name] = loader


def _pydantic_version() -> str:
    """pydantic's version, read from its ``version.py`` without importing it: importing
    ``pydantic.version`` imports pydantic_core, typing_extensions and inspect (about 70 ms),
    which the start screen does not need (it loads the model in the background). Already
    imported, or when the file does not say it plainly, it is imported."""
    module = sys.modules.get("pydantic.version")
    if module is None:
        from importlib.util import find_spec

        try:
            spec = find_spec("pydantic")  # finds the package, imports nothing
        except (ImportError, ValueError):
            spec = None
        for folder in (spec.submodule_search_locations or []) if spec else []:
            try:
                text = Path(folder, "version.py").read_text(encoding="utf-8")
            except OSError:
                continue
            import re

            found = re.search(r"^VERSION = '([0-9][0-9a-z.]*)'$", text, re.MULTILINE)
            if found:
                return found.group(1)
        import pydantic.version as module
    return module.VERSION


# pydantic versions whose private plugin loader is known to be called as ``get_plugins()``
PLUGIN_STUB_VERSIONS = ((2, 7), (2, 14))


def _stub_fits(version: str) -> bool:
    try:
        major_minor = tuple(int(part) for part in version.split(".")[:2])
    except ValueError:
        return False
    low, high = PLUGIN_STUB_VERSIONS
    return low <= major_minor <= high


# the commands that stay open for a person: Python's usual garbage collection
INTERACTIVE = ("cmd_tui", "cmd_review", "cmd_serve")


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:  # the program itself (not a caller in its own process): see commandline.py
        setting_up()
    _printable_streams()
    _without_pydantic_plugins()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang is None:
        args.lang, args.lang_default = "ja", True
    func = getattr(args, "func", cmd_tui)
    if func.__name__ in INTERACTIVE:
        settled(freeze=False)
    try:
        _check_home()
        return func(args)
    except UsageError as exc:
        _say_error(exc, args.lang)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except MemoryError:  # its own text is empty: say why, and what to do
        _say_error(UsageError(Text(
            "メモリが足りません（ファイルが大きすぎるか、ほかのプログラムがメモリを使っています。"
            "ほかのプログラムを閉じるか、ファイルを小さくしてください）",
            "out of memory (the file is too large, or other programs use the memory; close "
            "them or make the file smaller)")), args.lang)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
