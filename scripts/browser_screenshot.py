"""The README's picture of the wizard in a browser: ``gs-assistant serve`` on a temporary
folder, opened in headless Chromium, the large sample copied from the start screen.

    .venv/bin/python scripts/browser_screenshot.py [docs/wizard_browser.png]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser.conftest import Page, chromium, start_server, stop_server, wait_until  # noqa: E402


def steady(page: Page) -> bool:
    """True when the screen has not changed for half a second."""
    before = page.screen()
    time.sleep(0.5)
    return page.screen() == before


def main() -> None:
    from selenium.webdriver.common.keys import Keys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "wizard_browser.png")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "files"
        folder.mkdir()
        served = start_server(folder, Path(tmp) / "home")
        driver = chromium(Path(tmp) / "profile", size="1280,800")
        try:
            driver.get(served.url)
            page = Page(driver)
            page.wait_for("サンプルを開く")
            wait_until(lambda: steady(page), "the start screen settled")
            for _ in range(3):  # the new-file box, recent files, samples
                page.keys(Keys.TAB)
                time.sleep(0.3)
                if "1/7" in page.screen():
                    break
                page.keys(Keys.ENTER)  # on the samples: the first, large_demo_india
                time.sleep(2)
                if "1/7" in page.screen():
                    break
            page.wait_for("1/7")
            wait_until(lambda: "large_demo_india" in driver.title, "the title")
            page.keys(Keys.F4, Keys.F4, Keys.F4)
            page.wait_for("4/7")
            wait_until(lambda: steady(page), "a steady screen")  # text areas re-wrap last
            driver.save_screenshot(str(out))
            print(f"{out}  (title: {driver.title})")
        finally:
            driver.quit()
            stop_server(served)


if __name__ == "__main__":
    main()
