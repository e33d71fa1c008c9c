"""The submission package in the wizard: the days left, each needed document with its
provider, state and status, and keys that mark a document's state.

Keys on the table: space moves a document to its next state (未着手 -> 準備中 -> 準備済 ->
不要 -> 未着手); 1 / 2 / 3 / 4 set 未着手 / 準備中 / 準備済 / 不要. The line below the table
gives the highlighted document's full name and its item's reason. The package is checked
with the call's dates found as ``rules/call.py`` says; a malformed call.yaml is shown as
its one-line message instead of the dates (never the pack's dates silently).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable

from gs_assistant.model.package import DocState
from gs_assistant.rules.call import CallFileError
from gs_assistant.rules.package_check import DocLine, PackageReport, PackageSetup
from gs_assistant.rules.package_render import days_left_text, event_when
from gs_assistant.rules.package_timeline import days_until
from gs_assistant.tui.bindings import PACKAGE_KEYS, localize, make
from gs_assistant.tui.i18n import lang, pick
from gs_assistant.tui.widgets.live import Wrapped

ORDER = (DocState.not_started, DocState.in_progress, DocState.ready, DocState.not_needed)
TEXTS = {
    "title": ("提出書類（スペース：状態を進める　1未着手 2準備中 3準備済 4不要）",
              "Documents (space: next state; 1 not started 2 in progress 3 ready 4 not needed)"),
    "unprepared": ("準備済でない書類 {n}件", "{n} documents not ready"),
    "state": ("状態", "State"),
    "document": ("書類", "Document"),
    "provider": ("提出者", "From"),
    "status": ("判定", "Status"),
    "days_to": ("{name}まで{n}日", "{n} days to the {name}"),
    "none": ("このルールパックには提出書類の一覧がありません", "this rule pack lists no documents"),
}


def _t(key: str, **values: object) -> str:
    return pick(TEXTS[key]).format(**values)


def _short(text: str) -> str:
    """The name before its parenthesis: 決算書（...） -> 決算書."""
    cuts = [text.find(mark) for mark in ("（", "［", " (", " [") if mark in text]
    return text[:min(cuts)] if cuts else text


class DocumentTable(DataTable):
    """The documents, one row each; the keys mark the highlighted one."""

    BINDINGS = make(PACKAGE_KEYS)

    class Marked(Message):
        def __init__(self, key: str, state: DocState) -> None:
            super().__init__()
            self.key, self.state = key, state

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        localize(self, PACKAGE_KEYS)
        self.lines: list[DocLine] = []

    def _current(self) -> DocLine | None:
        if not self.lines or not 0 <= self.cursor_row < len(self.lines):
            return None
        return self.lines[self.cursor_row]

    def action_cycle(self) -> None:
        line = self._current()
        if line is not None:
            state = ORDER[(ORDER.index(line.state) + 1) % len(ORDER)]
            self.post_message(self.Marked(line.key, state))

    def action_mark(self, index: int) -> None:
        line = self._current()
        if line is not None:
            self.post_message(self.Marked(line.key, ORDER[index]))


class PackagePanel(Vertical):
    """The package of the wizard's document (``doc``: ``session.document.Document``)."""

    DEFAULT_CSS = """
    PackagePanel { height: auto; }
    PackagePanel DocumentTable { height: auto; max-height: 12; }
    PackagePanel .package-detail { color: $text-muted; }
    """

    def __init__(self, doc: Any, *, clock: Callable[[], datetime] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.doc = doc
        self.clock = clock
        self.report: PackageReport | None = None
        self.problem = ""  # a malformed call.yaml: its one line

    def compose(self) -> ComposeResult:
        yield Wrapped("", classes="package-head")
        yield Wrapped(_t("title"), classes="package-title")
        yield DocumentTable(id="package-table")
        yield Wrapped("", classes="package-detail")

    def on_mount(self) -> None:
        self._add_columns()
        self.refresh_package()

    def _add_columns(self) -> None:
        table = self.query_one(DocumentTable)
        for key, width in (("state", 6), ("document", 28), ("provider", 12), ("status", 8)):
            table.add_column(_t(key), key=key, width=width)

    def relabel_from(self, fresh: PackagePanel) -> bool:
        """A language switch (``tui.widgets.relabel``): the headings in the current language;
        the rows follow with the wizard's refresh (``refresh_package``)."""
        table = self.query_one(DocumentTable)
        if table.columns:
            row = table.cursor_row
            table.clear(columns=True)
            self._add_columns()
            self.refresh_package()
            if table.lines:
                table.move_cursor(row=min(row, len(table.lines) - 1))
        return True

    def setup(self) -> PackageSetup | None:
        try:
            return self.doc.package_setup()
        except CallFileError as exc:
            self.problem = exc.in_lang(lang())
            return None

    def refresh_package(self) -> None:
        """Check the package again and redraw, keeping the highlighted row."""
        setup = self.setup()
        head = self.query_one(".package-head", Wrapped)
        table = self.query_one(DocumentTable)
        if setup is None:
            head.update(self.problem or _t("none"))
            table.clear()
            table.lines = []
            return
        now = self.clock() if self.clock else None
        folder = self.doc.path.parent
        self.report = report = setup.check(self.doc.app, self.doc.pack, now=now, folder=folder)
        head.update(self._head(report))
        row = table.cursor_row
        table.clear()
        table.lines = [d for d in report.documents if d.needed is not False]
        for line in table.lines:
            table.add_row(line.state.label(lang()), _short(line.name(lang())),
                          _short(line.provider(lang())),
                          line.status.label(lang()) if line.status else "", key=line.key)
        if table.lines:
            table.move_cursor(row=min(row, len(table.lines) - 1))
        self._detail()

    def _head(self, report: PackageReport) -> str:
        en = lang() == "en"
        deadline = next((e for e in report.events if e.key == "submission_deadline"), None)
        parts = [days_left_text(report, lang())]
        if deadline is not None:
            parts.append(f"{deadline.name(lang())}: {event_when(deadline, lang())}")
        parts.append(_t("unprepared", n=len(report.unprepared())))
        return ("  |  " if en else "　|　").join(parts)

    def _detail(self) -> None:
        table = self.query_one(DocumentTable)
        line = table._current()
        detail = ""
        if line is not None and self.report is not None:
            item = next((i for i in self.report.items if i.id == f"DOC-001:{line.key}"), None)
            detail = item.reason(lang()) if item is not None else line.name(lang())
        self.query_one(".package-detail", Wrapped).update(detail)

    def focus_document(self, key: str) -> bool:
        """Highlight the document ``key`` (``financial_statements@co1``) and focus the
        table; False when the package does not list it (then the table is focused)."""
        table = self.query_one(DocumentTable)
        table.focus()
        keys = [line.key for line in table.lines]
        self.scroll_visible(animate=False)
        if key not in keys:
            return False
        table.move_cursor(row=keys.index(key), animate=False)
        return True

    def on_descendant_focus(self) -> None:
        """The table, its heading and the detail line belong together on screen."""
        self.scroll_visible(animate=False)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._detail()

    def on_document_table_marked(self, message: DocumentTable.Marked) -> None:
        message.stop()
        self.doc.mark_document(message.key, message.state)
        changed = getattr(self.app, "changed", None)
        if callable(changed):  # the wizard: autosave and refresh the checklist
            changed()
        self.refresh_package()


def next_deadline_note(doc: Any, now: datetime | None = None) -> str:
    """「受付締切まで5日」 for the wizard's header: the next exact deadline of the
    application's track that is still ahead; "" while none is known (or call.yaml is
    malformed: the package view says why)."""
    try:
        setup = doc.package_setup()
    except CallFileError:
        return ""
    if setup is None:
        return ""
    zone = setup.timeline.definition.zone
    at = now.astimezone(zone) if now is not None else datetime.now(zone)
    ahead = [e for e in setup.timeline.for_track(doc.app.track)
             if e.deadline and e.at is not None and e.at >= at]
    if not ahead:
        return ""
    event = min(ahead, key=lambda e: e.at)
    return _t("days_to", name=event.name(lang()), n=days_until(at, event.at))
