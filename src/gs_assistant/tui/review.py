"""The consultant's review screen (``gs-assistant review FILE``).

Every checklist item in a table (final status, the checker's own status where a decision
differs, id, topic, title, decided, comments), filtered by status and by topic; beside it
the highlighted item's reason, source, field and the answers it rests on, with its
decision and comments. A comment, a decision (with its reason) or a withdrawal is applied
through ``model.review`` and saved at once, so that the file's review log grows with each
one; "jump" opens the wizard at the item's field, and ctrl+r comes back here.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable

from gs_assistant.model import (
    ApplicationFileError,
    ReviewError,
    add_comment,
    decide,
    withdraw_decision,
)
from gs_assistant.model.application import Application, ReviewStatus
from gs_assistant.rules import Item, Report, RulePack, Status
from gs_assistant.rules.pack import TOPICS
from gs_assistant.rules.render import topic_label
from gs_assistant.tui.answers import answers_at
from gs_assistant.tui.bindings import REVIEW_KEYS, localize, make
from gs_assistant.tui.i18n import field_label, labelled, lang, t
from gs_assistant.tui.navigation import generic, step_for
from gs_assistant.tui.review_dialogs import NoteDialog
from gs_assistant.tui.widgets.checklist import (
    STATUS_STYLE,
    citation_text,
    counts_text,
    label_cells,
    review_text,
    status_text,
)
from gs_assistant.tui.widgets.footer import KeyFooter
from gs_assistant.tui.widgets.live import Live

STATUS_CYCLE: tuple[Status | None, ...] = (
    None, Status.not_met, Status.missing, Status.needs_review, Status.met)
ID_CELLS, TOPIC_CELLS = 14, 20


def clip(text: str, cells: int) -> str:
    """``text`` cut to ``cells`` terminal cells, ending in ".." when cut (ASCII only:
    an ellipsis glyph is drawn two cells wide by many Japanese terminals)."""
    if cell_len(text) <= cells:
        return text
    return set_cell_size(text, max(0, cells - 2)).rstrip() + ".."


def visible(items: list[Item], status: Status | None, topic: str | None) -> list[Item]:
    """The items that pass the status and topic filters (None lets everything through)."""
    return [i for i in items
            if (status is None or i.status is status) and (topic is None or i.topic == topic)]


class ReviewScreen(Screen):
    """The checklist as a table, with the highlighted item's detail below it."""

    BINDINGS = make(REVIEW_KEYS)

    def __init__(self) -> None:
        super().__init__()
        localize(self, REVIEW_KEYS)
        self.status_filter: Status | None = None
        self.topic_filter: str | None = None
        self.items: dict[str, Item] = {}
        self._signature: tuple = ()

    @property
    def doc(self):
        return self.app.doc

    @property
    def table(self) -> DataTable:
        return self.query_one("#review-table", DataTable)

    def compose(self) -> ComposeResult:
        yield Live("", id="titlebar")
        yield Live("", id="review-filters")
        with Vertical(id="review-body"):
            yield DataTable(id="review-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="review-detail"):
                yield Live("", id="review-detail-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_items()
        self.table.focus()
        if not self.app.reviewer:
            self.app.ask_reviewer()

    def on_screen_resume(self) -> None:
        """Back from a dialog or from the wizard: the answers or the review may differ."""
        self.refresh_items()

    def on_resize(self) -> None:
        self.refresh_items()  # the title column takes the width that is left

    async def relabel(self) -> None:
        """Redraw in the current language, keeping the filters and the row."""
        keep = self.current()
        localize(self, REVIEW_KEYS)
        self._signature = ()
        await self.recompose()
        self.refresh_items(keep.id if keep else None)
        self.table.focus()

    # ------------------------------------------------------------ the table

    def topics(self) -> list[str]:
        """The topics of the current checklist, in the brochure's order."""
        present = {i.topic for i in self.doc.report().items}
        return [topic for topic in TOPICS if topic in present]

    def current(self) -> Item | None:
        table = self.table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.items.get(key or "")

    def refresh_items(self, keep: str | None = None) -> None:
        """Rebuild the table from the current checklist and filters, keeping the row
        (or moving to ``keep``)."""
        report = self.doc.report()
        shown = visible(report.items, self.status_filter, self.topic_filter)
        self.items = {i.id: i for i in shown}
        self._update_bars(report, len(shown))
        signature = (lang(), self.size.width, self.status_filter, self.topic_filter,
                     tuple((i.id, i.status, i.computed_status, _counts(i)) for i in shown))
        if signature != self._signature:
            self._signature = signature
            current = self.current()
            self._fill(shown, keep or (current.id if current else None))
        self.show_detail(self.current())

    def _columns(self) -> list[tuple[str, str, int]]:
        """(key, heading, width) of each column; the title takes what is left."""
        status = label_cells()
        heads = {key: t(f"review.col_{key}") for key in
                 ("status", "computed", "id", "topic", "title", "decided", "comments")}
        fixed = {"status": status, "computed": status, "id": ID_CELLS, "topic": TOPIC_CELLS,
                 "decided": cell_len(heads["decided"]), "comments": cell_len(heads["comments"])}
        fixed = {k: max(w, cell_len(heads[k])) for k, w in fixed.items()}
        padding = 2 * len(heads)  # a cell each side of every column
        title = max(16, self.size.width - sum(fixed.values()) - padding - 4)
        widths = {**fixed, "title": title}
        return [(key, heads[key], widths[key]) for key in heads]

    def _fill(self, items: list[Item], keep: str | None) -> None:
        table = self.table
        table.clear(columns=True)
        columns = self._columns()
        for key, heading, width in columns:
            table.add_column(heading, key=key, width=width)
        widths = {key: width for key, _, width in columns}
        for item in items:
            computed = Text("")
            if item.computed_status is not item.status:
                computed = status_text(item.computed_status)
                computed.stylize("dim")
            review = item.review
            decided = t("review.decided_mark") if review and review.decision else ""
            comments = str(len(review.comments)) if review and review.comments else ""
            table.add_row(
                status_text(item.status), computed, clip(item.id, widths["id"]),
                clip(topic_label(item.topic, lang()), widths["topic"]),
                clip(item.title(lang()), widths["title"]),
                Text(decided, style="bold magenta"), Text(comments, style="bold magenta"),
                key=item.id)
        if keep in self.items:
            table.move_cursor(row=table.get_row_index(keep), animate=False)

    def _update_bars(self, report: Report, shown: int) -> None:
        reviewer = self.app.reviewer
        who = t("review.reviewer", name=reviewer) if reviewer else t("review.no_reviewer")
        state = t("wizard.unsaved") if self.doc.dirty else ""
        title = Text("  |  ".join(
            p for p in (t("app.title"), t("review.title"), self.doc.path.name, who, state) if p))
        self.query_one("#titlebar", Live).update(title)
        status = self.status_filter.label(lang()) if self.status_filter else t("review.all")
        topic = topic_label(self.topic_filter, lang()) if self.topic_filter else t("review.all")
        bar = Text(t("review.filters", status=status, topic=topic, shown=shown,
                     total=len(report.items)) + "   ")
        bar.append(t("checklist.total") + " ").append_text(counts_text(report.summary()))
        self.query_one("#review-filters", Live).update(bar)

    # ------------------------------------------------------------ the detail

    def show_detail(self, item: Item | None) -> None:
        detail = self.query_one("#review-detail-text", Live)
        if item is None:
            detail.update(t("review.empty") if not self.items else t("review.pick"))
            return
        detail.update(item_review_detail(item, self.doc.app, self.doc.pack))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.show_detail(self.items.get(event.row_key.value or ""))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_jump()

    # ------------------------------------------------------------ filters

    def action_filter_status(self) -> None:
        index = STATUS_CYCLE.index(self.status_filter)
        self.status_filter = STATUS_CYCLE[(index + 1) % len(STATUS_CYCLE)]
        self.refresh_items()

    def action_filter_topic(self) -> None:
        cycle: list[str | None] = [None, *self.topics()]
        index = cycle.index(self.topic_filter) if self.topic_filter in cycle else 0
        self.topic_filter = cycle[(index + 1) % len(cycle)]
        self.refresh_items()

    def action_set_filter(self, kind: str, value: str) -> None:
        """Set one filter directly (the command palette); "" shows everything."""
        if kind == "status":
            self.status_filter = Status(value) if value else None
        else:
            self.topic_filter = value or None
        self.refresh_items()

    # ------------------------------------------------------------ review actions

    def action_comment(self) -> None:
        item = self.current()
        if item is None:
            return

        def write(answer: tuple[str | None, str] | None) -> None:
            if answer is not None:
                self._record(item, lambda app, who: add_comment(app, item.id, who, answer[1]))

        self.app.with_reviewer(lambda: self.app.push_screen(NoteDialog(
            t("review.comment_title", item=item.id), item.title(lang()),
            t("review.comment_empty")), write))

    def action_decide(self) -> None:
        item = self.current()
        if item is None:
            return
        statuses = [(Status(s.value).label(lang()), s.value) for s in ReviewStatus]
        review = item.review
        chosen = review.decision.status.value if review and review.decision else None

        def write(answer: tuple[str | None, str] | None) -> None:
            if answer is not None:
                status, reason = answer
                self._record(item, lambda app, who: decide(app, item.id, status, reason, who))

        self.app.with_reviewer(lambda: self.app.push_screen(NoteDialog(
            t("review.decide_title", item=item.id), t("review.decide_help"),
            t("review.reason_empty"), statuses=statuses, status=chosen), write))

    def action_withdraw(self) -> None:
        item = self.current()
        if item is None:
            return
        if item.review is None or item.review.decision is None:
            self.notify(t("review.no_decision"), severity="warning")
            return

        def write(answer: tuple[str | None, str] | None) -> None:
            if answer is not None:
                self._record(item, lambda app, who: withdraw_decision(
                    app, item.id, answer[1], who))

        self.app.with_reviewer(lambda: self.app.push_screen(NoteDialog(
            t("review.withdraw_title", item=item.id), t("review.withdraw_help"),
            t("review.reason_empty")), write))

    def _record(self, item: Item,
                change: Callable[[Application, str], Application]) -> None:
        """Apply ``change`` under the reviewer's name, save, and refresh the table."""
        reviewer = self.app.reviewer
        try:
            result = self.doc.record(lambda application: change(application, reviewer))
        except ReviewError as exc:
            self.notify(t("review.failed", error=exc), severity="error", timeout=10)
            return
        except (OSError, ApplicationFileError) as exc:
            self.app.tell_save_failed(exc)
        else:
            self.notify(t("review.recorded", item=item.id))
            self.app.tell_save(result)
        self.refresh_items()

    def action_jump(self) -> None:
        """Open the wizard at the item's field (ctrl+r there comes back)."""
        item = self.current()
        if item is None:
            return
        from gs_assistant.tui.wizard import WizardScreen

        self.app.push_screen(WizardScreen(step_for(item.field), item.field))


def _counts(item: Item) -> tuple[int, bool]:
    review = item.review
    if review is None:
        return (0, False)
    return (len(review.comments), review.decision is not None)


def item_review_detail(item: Item, application: Application, pack: RulePack) -> Text:
    """What a reviewer needs to judge one item: status (and the checker's, when a
    decision differs), reason, source with its title, the field and the answers there,
    then the decision and comments."""
    sep = ": " if lang() == "en" else "："
    out = status_text(item.status).append(" ")
    out.append(f"{item.id}  ", style="dim")
    out.append(item.title(lang()), style="bold")
    if item.computed_status is not item.status:
        out.append("\n" + t("review.computed") + sep, style="dim")
        out.append(item.computed_status.label(lang()), style=STATUS_STYLE[item.computed_status])
    out.append("\n" + labelled(t("review.reason"), item.reason(lang())))
    source = labelled(t("checklist.citation"), citation_text(item.citation, pack))
    if item.basis == "public_fact":
        source += f"（{t('checklist.public_fact')}）"
    out.append("\n" + source, style="dim")
    where = f"{t('step.' + step_for(item.field))} > {field_label(generic(item.field))}"
    out.append("\n" + labelled(t("review.field"), f"{where}  ({item.field})"), style="dim")
    out.append("\n" + t("review.answers"), style="bold")
    for label, text in answers_at(application, item.field, pack):
        out.append(f"\n  {label}{sep}", style="dim")
        out.append(text)
    reviewed = review_text(item.review)
    out.append("\n" + t("review.record"), style="bold")
    if reviewed:
        out.append("\n").append_text(reviewed)
    else:
        out.append("\n" + t("review.none_yet"), style="dim")
    return out
