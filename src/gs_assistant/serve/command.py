"""``gs-assistant serve``: the wizard for a web browser (registration only; cheap to import).

The server and textual-serve are imported inside the command, so ``gs-assistant check``
and the other non-interactive commands never load them.
"""

from __future__ import annotations

import argparse
import ipaddress
import sys
from collections.abc import Callable
from pathlib import Path

from gs_assistant.serve.messages import message

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000


def is_loopback(host: str) -> bool:
    """True for localhost and the loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def register(
    sub: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]
) -> None:
    """Add the ``serve`` subcommand."""
    p = sub.add_parser("serve", help="ブラウザで使えるようにする / serve the wizard to a browser")
    p.add_argument("--host", default=DEFAULT_HOST,
                   help="待ち受けるアドレス（既定: 127.0.0.1、このPCのみ） / "
                        "address to listen on (default: 127.0.0.1, this computer only)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT,
                   help="ポート番号（既定: 8000） / port (default: 8000)")
    p.add_argument("--folder", metavar="DIR", default=".",
                   help="申請ファイルを置くフォルダ（この外のファイルは開けません） / "
                        "the folder of application files (nothing outside it can be used)")
    p.add_argument("--review", action="store_true",
                   help="ファイルを支援者のレビュー画面で開く / open files on the consultant's "
                        "review screen")
    p.add_argument("--lang", choices=["ja", "en"], default=argparse.SUPPRESS)
    p.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    from gs_assistant.commandline import EXIT_BAD_INPUT, EXIT_OK, UsageError

    lang = args.lang
    folder = Path(args.folder).expanduser()
    if not folder.is_dir():
        raise UsageError(f"{args.folder}: {message('no_folder', lang)}")
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port}: {message('port_range', lang)}")
    from gs_assistant.serve.server import make_server

    explicit_lang = "" if getattr(args, "lang_default", False) else lang
    server = make_server(folder.resolve(), args.host, args.port, lang=lang,
                         session_lang=explicit_lang, review=args.review)
    if not is_loopback(args.host):
        print(message("public", lang, host=args.host), file=sys.stderr, flush=True)
    try:
        server.serve()
    except OSError as exc:
        key = "port" if exc.errno in (13, 98, 48, 10013, 10048) else "host"
        text = message(key, lang, port=args.port, host=args.host, error=exc.strerror or exc)
        print(f"gs-assistant: {text}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK
