"""The web server: textual-serve's ``Server`` with a token check, our page and downloads.

textual-serve starts one wizard process per browser connection (``session``) and relays
the terminal over a websocket. It has no access control of its own, so an aiohttp
middleware guards every route -- the page, the websocket, the downloads and the static
files: the request must carry the token, either in the address (``?token=``, as printed
at start) or in the cookie the page sets when it is opened with the right token. The
websocket must also come from a page of this server (its ``Origin``), so that another
site open in the same browser cannot drive the wizard.

The browser script is textual-serve's own, with changes made at start: a font list that
draws Japanese two cells wide, the page title following the terminal's title (the wizard
sets it to the application file's name), the terminal reachable from the page
(``window.gsTerminal``, which the browser tests read the screen from), and a download
started by a link instead of a pop-up window (which browsers block).
"""

from __future__ import annotations

import hmac
import secrets
import shlex
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

from gs_assistant.serve.messages import message

TEMPLATES = Path(__file__).parent / "templates"
TITLE = "gs-assistant"

# The terminal's cell width is measured on the first font found, so it must be a
# monospace font: first Japanese ones whose kana and kanji are exactly two Latin cells wide
# (Windows, macOS, Linux), then plain monospace fonts, with which Japanese comes from the
# system's fallback font inside its two cells. (A proportional Japanese font such as
# IPAexGothic would make every cell as wide as its "W".) xterm.js draws box-drawing
# characters itself, so they join up whatever the font.
FONT_STACK = ("'BIZ UDGothic', 'MS Gothic', 'Osaka-Mono', 'Noto Sans Mono CJK JP', "
              "'IPAGothic', 'VL Gothic', Consolas, Menlo, 'DejaVu Sans Mono', monospace")

# (what textual-serve 1.1.3's script has, what we serve instead)
SCRIPT_PATCHES = (
    ("fontFamily:\"'Roboto Mono', Monaco, 'Courier New', monospace\"",
     f'fontFamily:"{FONT_STACK}"'),
    ("this.terminal.open(e),",
     "this.terminal.onTitleChange((t=>{document.title=t})),window.gsTerminal=this.terminal,"
     "this.terminal.open(e),"),
    ('window.open(n,"_blank")',
     '(()=>{const a=document.createElement("a");a.href=n;a.download="";'
     'document.body.appendChild(a);a.click();a.remove()})()'),
)


class ScriptChanged(RuntimeError):
    """textual-serve's script is not the one the patches were written for."""


def patched_script(original: str) -> str:
    """textual-serve's browser script with ``SCRIPT_PATCHES`` applied (each exactly once)."""
    for old, new in SCRIPT_PATCHES:
        if original.count(old) != 1:
            raise ScriptChanged(f"textual-serve's textual.js no longer contains {old!r}")
        original = original.replace(old, new)
    return original


def session_command(folder: Path, lang: str, review: bool = False) -> str:
    """The shell command textual-serve runs for each browser connection."""
    argv = [sys.executable, "-m", "gs_assistant.serve.session", "--folder", str(folder)]
    if lang:
        argv += ["--lang", lang]
    if review:
        argv.append("--review")
    return subprocess.list2cmdline(argv) if sys.platform == "win32" else shlex.join(argv)


class GsServer(Server):
    """textual-serve's server, guarded by a token."""

    def __init__(self, command: str, host: str, port: int, token: str, folder: Path,
                 lang: str = "ja") -> None:
        super().__init__(command, host=host, port=port, title=TITLE, templates_path=TEMPLATES)
        self.token = token
        self.folder = folder
        self.lang = lang
        self.cookie = f"gs_assistant_token_{port}"  # cookies are shared across ports
        self._script: bytes | None = None

    # ------------------------------------------------------------ access

    def token_ok(self, request: web.Request) -> bool:
        given = request.query.get("token") or request.cookies.get(self.cookie) or ""
        return hmac.compare_digest(given.encode(), self.token.encode())

    @staticmethod
    def origin_ok(request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        return origin is not None and origin in (f"http://{request.host}",
                                                 f"https://{request.host}")

    @web.middleware
    async def guard(self, request: web.Request, handler) -> web.StreamResponse:
        if not self.token_ok(request):
            return web.Response(status=403, text=message("refused", self.lang) + "\n",
                                headers={"Cache-Control": "no-store"})
        if request.path == "/ws" and not self.origin_ok(request):
            return web.Response(status=403, text="origin refused\n")
        response = await handler(request)
        if response.prepared:  # the websocket and downloads: headers already sent
            return response
        if request.path == "/" and request.query.get("token"):
            response.set_cookie(self.cookie, self.token, httponly=True, samesite="Strict",
                                path="/")
        response.headers.setdefault("Cache-Control", "no-store")
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        app.router.add_get("/gs-assistant.js", self.handle_script)
        return app

    # ------------------------------------------------------------ routes

    async def handle_script(self, request: web.Request) -> web.Response:
        if self._script is None:
            original = (self.statics_path / "js" / "textual.js").read_text(encoding="utf-8")
            self._script = patched_script(original).encode("utf-8")
        return web.Response(body=self._script, content_type="application/javascript",
                            charset="utf-8")

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page, with addresses taken from the request (so that it works under
        whichever name or address the browser used)."""
        secure = request.secure
        size = request.query.get("fontsize", "16")
        return {
            "font_size": int(size) if size.isdigit() and 8 <= int(size) <= 48 else 16,
            "app_websocket_url": f"{'wss' if secure else 'ws'}://{request.host}/ws",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
            "lang": self.lang,
            "font_stack": FONT_STACK,
        }

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        """The delivered file, named in a way browsers read for Japanese names (the
        middleware cannot add headers to it: it is sent as it streams)."""
        key = request.match_info["key"]
        try:
            meta = await self.download_manager.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound(text="download not found\n") from None
        response = web.StreamResponse()
        content_type = meta.mime_type
        if meta.encoding:
            content_type += f"; charset={meta.encoding}"
        response.headers["Content-Type"] = content_type
        name = meta.file_name
        fallback = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
        response.headers["Content-Disposition"] = (
            f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}")
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        await response.prepare(request)
        async for chunk in self.download_manager.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    async def on_startup(self, app: web.Application) -> None:
        lang = self.lang
        print(message("open", lang), flush=True)
        print(f"    {self.url()}", flush=True)
        print(message("folder", lang, folder=self.folder), flush=True)
        print(message("stop", lang), flush=True)

    def url(self) -> str:
        """The address to open, with the token."""
        host = self.host
        if host in ("0.0.0.0", "::", ""):
            host = socket.gethostname()
        elif ":" in host and not host.startswith("["):
            host = f"[{host}]"
        return f"http://{host}:{self.port}/?token={self.token}"


def make_server(folder: Path, host: str, port: int, lang: str = "ja",
                session_lang: str = "", review: bool = False) -> GsServer:
    """A server for ``folder`` with a fresh random token."""
    token = secrets.token_urlsafe(24)
    return GsServer(session_command(folder, session_lang, review), host, port, token, folder,
                    lang)
