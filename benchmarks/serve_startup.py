"""Start-up of ``gs-assistant serve`` for one browser connection, against a minimal
Textual app served the same way.

Two servers run side by side, both the same token-guarded server (``GsServer``); one starts
the served wizard for each connection, the other a minimal Textual app (one Static). Each
run opens a fresh websocket connection (as a browser tab does: a new app process) and times
from the handshake to the moment the app's first screen has arrived (its text is in the
terminal stream). The runs alternate between the two servers.

    .venv/bin/python benchmarks/serve_startup.py [--runs 15] [--chromium 5]

``--chromium N`` also times N page loads in headless Chromium, from navigation to the first
screen's text in the page's terminal (the whole path a user waits for).
Prints the median (min-max) of each and the ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

MINIMAL = ("from textual.app import App\nfrom textual.widgets import Static\n"
           "class Minimal(App):\n    def compose(self):\n        yield Static('minimal app')\n"
           "Minimal().run()\n")
# What each app shows once its first screen is drawn.
MARKERS = {"wizard": "新しい申請", "minimal": "minimal app"}

SERVER = r"""
import shlex, sys
from pathlib import Path
from gs_assistant.serve.server import GsServer, session_command
which, port, token, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
if which == "wizard":
    command = session_command(folder, "ja")
else:
    command = shlex.join([sys.executable, "-c", sys.argv[5]])
GsServer(command, "127.0.0.1", port, token, folder).serve()
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(which: str, folder: Path) -> tuple[subprocess.Popen, str]:
    port, token = free_port(), secrets.token_urlsafe(24)
    process = subprocess.Popen(
        [sys.executable, "-c", SERVER, which, str(port), token, str(folder), MINIMAL],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "GS_ASSISTANT_HOME": str(folder / "home")})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process, f"http://127.0.0.1:{port}/?token={token}"
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"the {which} server did not start")


async def one_connection(url: str, marker: str) -> float:
    base = url.split("/?", 1)[0]
    async with aiohttp.ClientSession() as session:
        t0 = time.perf_counter()
        async with session.ws_connect(f"{base}/ws{url[len(base) + 1:]}&width=120&height=40",
                                      headers={"Origin": base}) as ws:
            await ws.send_json(["resize", {"width": 120, "height": 40}])
            received = b""
            while marker.encode("utf-8") not in received:
                message = await asyncio.wait_for(ws.receive(), 60)
                if message.type == aiohttp.WSMsgType.BINARY:
                    received += message.data
                elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                    raise SystemExit("the app closed before its first screen")
            return time.perf_counter() - t0


def chromium_load(url: str, marker: str, profile: Path) -> float:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from browser.conftest import Page, chromium

    driver = chromium(profile)
    try:
        driver.get("about:blank")
        t0 = time.perf_counter()
        driver.get(url)
        Page(driver).wait_for(marker, seconds=60)
        return time.perf_counter() - t0
    finally:
        driver.quit()


def summary(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return f"{statistics.median(ms):.0f} ms ({min(ms):.0f}-{max(ms):.0f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--chromium", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        servers = {which: start(which, folder) for which in MARKERS}
        try:
            times: dict[str, list[float]] = {w: [] for w in MARKERS}
            for which in MARKERS:  # one warm-up connection each (imports cached on disk)
                asyncio.run(one_connection(servers[which][1], MARKERS[which]))
            for _ in range(args.runs):
                for which in MARKERS:
                    times[which].append(
                        asyncio.run(one_connection(servers[which][1], MARKERS[which])))
            print(f"one websocket connection to the first screen, {args.runs} runs each:")
            for which in MARKERS:
                print(f"  {which:8} {summary(times[which])}")
            ratio = statistics.median(times["wizard"]) / statistics.median(times["minimal"])
            print(f"  wizard / minimal: {ratio:.2f}x")
            if args.chromium:
                pages: dict[str, list[float]] = {w: [] for w in MARKERS}
                for n in range(args.chromium):
                    for which in MARKERS:
                        pages[which].append(chromium_load(
                            servers[which][1], MARKERS[which], folder / f"profile-{which}-{n}"))
                print(f"headless Chromium, page load to the first screen, {args.chromium} each:")
                for which in MARKERS:
                    print(f"  {which:8} {summary(pages[which])}")
                ratio = statistics.median(pages["wizard"]) / statistics.median(pages["minimal"])
                print(f"  wizard / minimal: {ratio:.2f}x")
        finally:
            for process, _ in servers.values():
                process.terminate()
                process.wait(timeout=20)


if __name__ == "__main__":
    main()
