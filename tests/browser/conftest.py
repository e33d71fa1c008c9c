"""``gs-assistant serve`` opened in real headless Chromium (Debian's chromium and
chromium-driver, installed by ``.ci/run``) through Selenium. Every wait is bounded."""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
WAIT = 40.0  # seconds: the longest any step may take on a loaded 2-core machine
URL = re.compile(r"http://127\.0\.0\.1:\d+/\?token=[\w-]+")

needs_chromium = pytest.mark.skipif(CHROMIUM is None or CHROMEDRIVER is None,
                                    reason="chromium / chromedriver not installed "
                                           "(.ci/run installs them)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Served:
    """A running ``gs-assistant serve``: its address (with the token) and folder."""

    process: subprocess.Popen
    url: str
    folder: Path
    output: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return self.url.split("/?", 1)[0]

    @property
    def token(self) -> str:
        return self.url.rsplit("=", 1)[1]


def start_server(folder: Path, home: Path, *extra: str) -> Served:
    port = free_port()
    env = {**os.environ, "GS_ASSISTANT_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gs_assistant", "serve", "--port", str(port),
         "--folder", str(folder), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
        env=env)
    lines: queue.Queue[str] = queue.Queue()
    output: list[str] = []  # everything the server prints, kept as it comes

    def read() -> None:
        for line in process.stdout:
            output.append(line)
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            if process.poll() is not None:
                break
            continue
        if found := URL.search(line):
            served = Served(process, found.group(0), folder, output)
            _wait_listening(port)
            return served
    process.kill()
    raise AssertionError("gs-assistant serve printed no address:\n" + "".join(output))


def _wait_listening(port: int) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on port {port}")


def stop_server(served: Served) -> None:
    served.process.send_signal(signal.SIGINT)
    try:
        served.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        served.process.kill()
        served.process.wait(timeout=10)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    folder = tmp_path / "files"
    folder.mkdir()
    server = start_server(folder, tmp_path / "home")
    yield server
    stop_server(server)
    printed = "".join(server.output)
    # No error passed through our code, in the server or a wizard process (textual-serve
    # may log a connection the browser dropped; that is not ours).
    assert not re.search(r"gs_assistant[/\\][\w/\\]+\.py", printed), printed


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


def chromium(profile: Path, downloads: Path | None = None, size: str = "1400,950"):
    """Headless Chromium through chromedriver, with a fresh profile folder and no
    network of its own; downloads go to ``downloads``. The caller quits it."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                 f"--window-size={size}", "--lang=ja", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    if downloads is not None:
        options.add_experimental_option("prefs", {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
        })
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT)
    driver.set_script_timeout(WAIT)
    if downloads is not None:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                               {"behavior": "allow", "downloadPath": str(downloads)})
    return driver


@pytest.fixture
def browser(tmp_path: Path, downloads: Path):
    driver = chromium(tmp_path / "chromium-profile", downloads)
    yield driver
    driver.quit()


SCREEN_JS = """
const t = window.gsTerminal;
if (!t) { return ""; }
const b = t.buffer.active, out = [];
for (let i = 0; i < t.rows; i++) {
  const line = b.getLine(b.viewportY + i);
  out.push(line ? line.translateToString(true) : "");
}
return out.join("\\n");
"""


class Page:
    """The wizard's page: its terminal's screen as text, keys, and IME-committed text."""

    def __init__(self, driver) -> None:
        self.driver = driver

    def screen(self) -> str:
        return self.driver.execute_script(SCREEN_JS)

    def wait_for(self, text: str, seconds: float = WAIT) -> str:
        deadline = time.monotonic() + seconds
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{shown}")

    def keys(self, *keys: str) -> None:
        from selenium.webdriver.common.by import By

        self.driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea").send_keys(*keys)

    def ime(self, reading: str, text: str) -> None:
        """What an input method does: a composition (``reading``) then the committed
        ``text``, through Chromium's own IME emulation."""
        self.driver.execute_cdp_cmd("Input.imeSetComposition", {
            "text": reading, "selectionStart": len(reading), "selectionEnd": len(reading)})
        self.driver.execute_cdp_cmd("Input.insertText", {"text": text})


def wait_until(check, what: str, seconds: float = WAIT):
    """Poll ``check()`` until it returns something true (bounded)."""
    deadline = time.monotonic() + seconds
    last: object = None
    while time.monotonic() < deadline:
        try:
            last = check()
        except Exception as exc:  # e.g. a file being replaced while read
            last = exc
        if last and not isinstance(last, Exception):
            return last
        time.sleep(0.2)
    raise AssertionError(f"{what} did not happen in {seconds:.0f} s (last: {last!r})")
