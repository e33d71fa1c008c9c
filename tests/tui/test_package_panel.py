"""The package view (``tui/widgets/package.py``): marking documents by keyboard at 80×24,
the days left from call.yaml, and a malformed call.yaml shown instead of the dates."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from textual.app import App, ComposeResult

from gs_assistant.model import load_application
from gs_assistant.rules import default_pack
from gs_assistant.session.document import Document
from gs_assistant.tui.widgets.package import DocumentTable, PackagePanel

NOW = datetime(2026, 5, 10, 9, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
SIZE = (80, 24)


class Host(App):
    """The panel alone, with the wizard's ``changed`` hook counted."""

    def __init__(self, doc: Document) -> None:
        super().__init__()
        self.doc = doc
        self.changes = 0

    def compose(self) -> ComposeResult:
        yield PackagePanel(self.doc, clock=lambda: NOW, id="package")

    def changed(self) -> None:
        self.changes += 1


def _cells(app: Host) -> list[list[str]]:
    table = app.query_one(DocumentTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def _head(app: Host) -> str:
    return str(app.query_one("#package .package-head").render())


async def test_documents_are_marked_by_keyboard_and_saved(small_copy: Path) -> None:
    doc = Document.open(small_copy, default_pack())
    app = Host(doc)
    async with app.run_test(size=SIZE) as pilot:
        app.query_one(DocumentTable).focus()
        await pilot.pause()
        assert _cells(app)[0][:2] == ["未着手", "事業計画書"]
        await pilot.press("3")  # 準備済
        await pilot.pause()
        assert _cells(app)[0][0] == "準備済" and _cells(app)[0][3] == "適合"
        await pilot.press("down", "space")  # 未着手 → 準備中
        await pilot.pause()
        assert _cells(app)[1][0] == "準備中"
        await pilot.press("space", "space", "space")  # → 準備済 → 不要 → 未着手
        await pilot.pause()
        assert _cells(app)[1][0] == "未着手"
        await pilot.press("4")
        await pilot.pause()
        assert _cells(app)[1][0] == "不要" and _cells(app)[1][3] == "要確認"
        detail = str(app.query_one("#package .package-detail").render())
        assert "不要としていますが" in detail
    assert app.changes == 6 and doc.dirty
    doc.save()
    saved = load_application(small_copy).package.documents
    assert saved["business_plan"].state.value == "ready"
    assert saved["expense_statement"].state.value == "not_needed"


def _host_with_call(small_copy: Path, home: Path, text: str) -> Host:
    """The panel on the FS sample with ``text`` as call.yaml in the settings folder."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "call.yaml").write_text(text, encoding="utf-8")
    return Host(Document.open(small_copy, default_pack()))


async def test_the_days_left_come_from_call_yaml(small_copy: Path, home: Path) -> None:
    app = _host_with_call(small_copy, home, "small_fs:\n  submission_deadline: 2026-05-15 12:00\n")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "締切まで5日" in _head(app) and "2026年5月15日（金）12:00" in _head(app)


async def test_a_malformed_call_yaml_is_said_instead_of_the_dates(small_copy: Path, home: Path
                                                                  ) -> None:
    app = _host_with_call(small_copy, home, "small_fs:\n  submission_deadline: 2026-05-15\n")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        head = _head(app)
        assert "call.yaml" in head and "small_fs.submission_deadline" in head
        assert "4～5月頃" not in head and _cells(app) == []


def test_package_view_snapshot(small_copy: Path, snap_compare) -> None:
    app = Host(Document.open(small_copy, default_pack()))

    async def go(pilot) -> None:
        app.query_one(DocumentTable).focus()
        await pilot.press("3", "down", "2")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=go)


async def test_the_wizard_header_shows_the_days_to_the_next_deadline(small_copy: Path,
                                                                     home: Path) -> None:
    from .pilot import SIZE as WIDE
    from .pilot import make_app

    home.mkdir(parents=True, exist_ok=True)
    (home / "call.yaml").write_text("small_fs:\n  questions_deadline: 2026-05-12 17:00\n"
                                    "  submission_deadline: 2026-05-15 12:00\n", encoding="utf-8")
    app = make_app(small_copy)
    app.now = lambda: NOW
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        title = str(app.screen.query_one("#titlebar").render())
        assert "問合せ締切まで2日" in title
    app = make_app(small_copy)
    app.now = lambda: datetime(2026, 5, 13, 9, 0, tzinfo=NOW.tzinfo)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert "受付締切まで2日" in str(app.screen.query_one("#titlebar").render())


async def test_without_exact_dates_the_header_says_nothing_of_deadlines(small_copy: Path
                                                                        ) -> None:
    from .pilot import SIZE as WIDE
    from .pilot import make_app

    app = make_app(small_copy)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert "締切まで" not in str(app.screen.query_one("#titlebar").render())


def test_removing_a_co_applicant_row_keeps_each_members_documents(large_copy: Path) -> None:
    doc = Document.open(large_copy, default_pack())
    doc.add_row("co_applicants", name="第二の共同申請者")
    doc.mark_document("financial_statements@co1", "準備済")
    doc.mark_document("financial_statements@co2", "準備中")
    doc.remove_row("co_applicants", 0)
    docs = doc.app.package.documents
    assert set(docs) == {"financial_statements@co1"}
    assert docs["financial_statements@co1"].state.value == "in_progress"
