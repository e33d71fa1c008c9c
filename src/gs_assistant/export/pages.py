"""How many pages the draft has, as LibreOffice lays it out, and whether that is over the
page limit.

Word documents do not store a reliable page count (python-docx cannot lay out pages), so the
draft is converted to PDF by LibreOffice (``soffice --headless``, a private profile per run,
a timeout) and the PDF's pages are counted: by ``pdfinfo`` when poppler is installed, else
from the PDF's page objects. Without LibreOffice the count is simply not available.

The limit comes from, first to last: ``export --page-limit N``, ``page_limit`` in the user's
settings.json, the rule pack's ``draft_page_limit`` (null until a call sets one).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from gs_assistant.text import Text, TextError

TIMEOUT_SECONDS = 180  # LibreOffice's first start in a new profile takes a few seconds
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


class PageCountError(TextError):
    """The pages could not be counted (no LibreOffice, or it failed): a warning, never a
    reason to lose the draft that was written."""


@dataclass(frozen=True)
class PageLimit:
    pages: int
    source: Text  # where the limit was set, in words


def libreoffice() -> str | None:
    """The LibreOffice program, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def count_pages(docx: Path, timeout: float = TIMEOUT_SECONDS) -> int:
    """The number of pages of ``docx`` as LibreOffice lays it out."""
    import subprocess  # only counting pages runs programs; every export imports this module

    program = libreoffice()
    if program is None:
        raise PageCountError(Text(
            "ページ数を数えられません：LibreOffice（soffice）がインストールされていません",
            "cannot count the pages: LibreOffice (soffice) is not installed"))
    with tempfile.TemporaryDirectory(prefix="gs-pages-") as tmp:
        folder = Path(tmp)
        profile = folder / "profile"
        try:
            subprocess.run(
                [program, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                 "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
                capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise PageCountError(Text(
                f"ページ数を数えられません：LibreOffice が{timeout:.0f}秒以内に終わりませんでした",
                f"cannot count the pages: LibreOffice did not finish in {timeout:.0f} s"),
            ) from None
        except OSError as exc:
            raise PageCountError(Text(f"ページ数を数えられません：{exc}",
                                      f"cannot count the pages: {exc}")) from None
        pdf = folder / f"{docx.stem}.pdf"
        if not pdf.is_file():
            raise PageCountError(Text(
                "ページ数を数えられません：LibreOffice が PDF を作れませんでした",
                "cannot count the pages: LibreOffice made no PDF"))
        return pdf_pages(pdf)


def pdf_pages(pdf: Path) -> int:
    """The pages of a PDF: ``pdfinfo``'s count when poppler is there, else the page
    objects (LibreOffice writes them uncompressed)."""
    if shutil.which("pdfinfo"):
        import subprocess

        result = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                timeout=60, check=False)
        found = re.search(r"^Pages:\s+(\d+)", result.stdout, re.MULTILINE)
        if result.returncode == 0 and found:
            return int(found.group(1))
    return len(_PAGE.findall(pdf.read_bytes()))


def page_limit(given: int | None, setting: int | None, pack_limit: int | None) -> PageLimit | None:
    """The limit that applies: the command line's, else the settings', else the pack's."""
    if given is not None:
        return PageLimit(given, Text("--page-limit", "--page-limit"))
    if setting is not None:
        return PageLimit(setting, Text("設定（settings.json の page_limit）",
                                       "settings (page_limit in settings.json)"))
    if pack_limit is not None:
        return PageLimit(pack_limit, Text("ルールパック（draft_page_limit）",
                                          "the rule pack (draft_page_limit)"))
    return None


def pages_report(pages: int, limit: PageLimit | None) -> tuple[Text, bool]:
    """What to tell about ``pages``, and whether it is over the limit (exactly the limit
    is within it)."""
    if limit is None:
        return Text(f"下書きは{pages}ページです（ページ数の上限は設定されていません）",
                    f"the draft has {pages} pages (no page limit is set)"), False
    if pages <= limit.pages:
        return Text(f"下書きは{pages}ページです（上限{limit.pages}ページ以内：{limit.source.ja}）",
                    f"the draft has {pages} pages (within the limit of {limit.pages}: "
                    f"{limit.source.en})"), False
    return Text(f"下書きは{pages}ページで、上限{limit.pages}ページを{pages - limit.pages}ページ"
                f"超えています（{limit.source.ja}）",
                f"the draft has {pages} pages, {pages - limit.pages} over the limit of "
                f"{limit.pages} ({limit.source.en})"), True
