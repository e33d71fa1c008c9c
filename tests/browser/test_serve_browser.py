"""The wizard served to a real browser: Japanese typed through an input method reaches
the file on disk, requests without the token are refused, and the Word draft downloads."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from selenium.webdriver.common.keys import Keys

from gs_assistant.model import load_application

from .conftest import WAIT, Page, Served, needs_chromium, wait_until

pytestmark = needs_chromium


def test_japanese_typed_in_chromium_is_saved(served: Served, browser, tmp_path: Path) -> None:
    browser.get(served.url)
    page = Page(browser)
    page.wait_for("新しい申請")
    page.keys("\n")  # the suggested name: 申請ドラフト.yaml in the served folder
    page.wait_for("1 申請者")
    target = served.folder / "申請ドラフト.yaml"
    assert wait_until(target.exists, "the new file")
    browser.save_screenshot(str(tmp_path / "step1.png"))
    page.ime("とうほくてすとこうぎょう", "東北テスト工業株式会社")
    shown = page.wait_for("東北テスト工業株式会社")
    assert "会社名" in shown
    page.keys(Keys.F4)
    page.wait_for("2 実施国")
    name = wait_until(lambda: load_application(target).lead.name, "the save")
    assert name == "東北テスト工業株式会社"
    assert "申請ドラフト.yaml" in browser.title
    browser.save_screenshot(str(tmp_path / "step2.png"))


def _step(page: Page) -> int:
    """The step number the wizard's title bar shows ("3/7 ...")."""
    found = re.search(r"\b(\d)/7 ", page.screen())
    return int(found.group(1)) if found else 0


def _status(url: str, **headers: str) -> int:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=WAIT) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _websocket_status(url: str, **headers: str) -> int:
    """The status of a websocket handshake (101 when the wizard's socket opened)."""
    import asyncio

    import aiohttp

    async def connect() -> int:
        async with aiohttp.ClientSession() as session:
            try:
                async with session.ws_connect(url, headers=headers):
                    return 101
            except aiohttp.WSServerHandshakeError as error:
                return error.status

    return asyncio.run(asyncio.wait_for(connect(), WAIT))


def test_requests_without_the_token_are_refused(served: Served, browser) -> None:
    base, token = served.base, served.token
    for path in ("/", "/ws", "/download/0123456789abcdef", "/static/js/textual.js",
                 "/gs-assistant.js"):
        assert _status(base + path) == 403, path
        assert _status(f"{base}{path}?token=wrong-{token}") == 403, path
    assert _websocket_status(f"{base}/ws", Origin=base) == 403  # no wizard starts
    assert _status(f"{base}/?token={token}") == 200
    assert _status(f"{base}/gs-assistant.js?token={token}") == 200
    # the cookie the page sets stands for the token, but not for another site's page
    cookie = f"gs_assistant_token_{base.rsplit(':', 1)[1]}={token}"
    assert _status(f"{base}/gs-assistant.js", Cookie=cookie) == 200
    assert _websocket_status(f"{base}/ws", Cookie=cookie, Origin="http://127.0.0.1:1") == 403
    assert _websocket_status(f"{base}/ws", Cookie=cookie, Origin=base) == 101

    browser.get(base + "/")  # the address without the token, in a real browser
    body = browser.find_element("tag name", "body").text
    assert "アクセスできません" in body and "token" in body
    assert not browser.find_elements("css selector", ".xterm")
    assert not list(served.folder.iterdir())  # nothing was started or written


def test_the_word_draft_downloads_to_the_browser(served: Served, browser,
                                                 downloads: Path) -> None:
    browser.get(served.url)
    page = Page(browser)
    page.wait_for("新しい申請")
    page.keys("\n")
    page.wait_for("1 申請者")
    page.ime("とうほくてすとこうぎょう", "東北テスト工業株式会社")
    page.wait_for("東北テスト工業株式会社")
    step = 1
    while step < 7:  # F4 to the last step (a step that does not apply is skipped)
        page.keys(Keys.F4)
        step = wait_until(lambda before=step: _step(page) > before and _step(page),
                          "the next step")
    page.keys(Keys.F9)
    page.wait_for("Enterで実行")
    page.keys("\n")
    delivered = wait_until(lambda: [p for p in downloads.iterdir() if p.suffix == ".docx"],
                           "the download")
    assert [p.name for p in delivered] == ["申請ドラフト.docx"]
    written = served.folder / "申請ドラフト.docx"
    assert written.read_bytes() == delivered[0].read_bytes()
    with zipfile.ZipFile(delivered[0]) as docx:
        assert "東北テスト工業株式会社" in docx.read("word/document.xml").decode("utf-8")


def test_closing_the_tab_keeps_what_was_typed(served: Served, browser) -> None:
    """The browser tab closed before the next autosave: the session saves on its way out."""
    settings = served.folder / ".gs-assistant" / "settings.json"
    settings.parent.mkdir()
    settings.write_text('{"autosave_seconds": 600}', encoding="utf-8")  # no autosave
    browser.get(served.url)
    page = Page(browser)
    page.wait_for("新しい申請")
    page.keys("\n")
    page.wait_for("1 申請者")
    target = served.folder / "申請ドラフト.yaml"
    page.ime("とうほく", "東北精機株式会社")
    page.wait_for("東北精機株式会社")
    assert load_application(target).lead.name in (None, "")  # not saved yet
    browser.get("about:blank")  # the tab goes away
    name = wait_until(lambda: load_application(target).lead.name, "the save on close")
    assert name == "東北精機株式会社"
    marker = served.folder / ".申請ドラフト.yaml.editing"
    assert wait_until(lambda: not marker.exists(), "a clean end of the session")
