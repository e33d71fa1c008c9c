"""The live checklist: counts per status, items grouped by topic, and the highlighted
item's reason, source and where to fix it. Enter on an item asks to jump to its field.
Items a consultant has commented on or decided carry a mark (``[コメント1]``), and their
detail shows the comments and the decision.

Rebuilding keeps the highlighted item and never takes the focus, so it can run while the
user types; it is skipped when nothing visible changed.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from gs_assistant.model.application import ItemReview
from gs_assistant.rules import Item, Report, RulePack, Status
from gs_assistant.rules.citations import readable_citation
from gs_assistant.rules.render import TOPIC_LABELS, topic_label
from gs_assistant.tui.i18n import field_label, labelled, lang, t
from gs_assistant.tui.kinsoku import wrap
from gs_assistant.tui.navigation import generic, step_for
from gs_assistant.tui.widgets.live import Live, Wrapped
from gs_assistant.tui.widgets.options import SteadyOptionList, set_options

STATUS_STYLE = {
    Status.not_met: "bold red",
    Status.missing: "yellow",
    Status.needs_review: "cyan",
    Status.met: "green",
}
COUNT_ORDER = (Status.not_met, Status.missing, Status.needs_review, Status.met)
REVIEW_STYLE = "bold magenta"


def checklist_topic(topic: str) -> str:
    """A topic's heading: the rule pack's topics, and the package's 提出書類 and 締切."""
    return topic_label(topic, lang()) if topic in TOPIC_LABELS else t(f"topic.{topic}")


def label_cells() -> int:
    """The width of the status column: the widest label (不適合, needs review)."""
    return max(cell_len(s.label(lang())) for s in Status)


def status_text(status: Status) -> Text:
    label = status.label(lang())
    pad = " " * (label_cells() - cell_len(label))
    return Text().append(label + pad, style=STATUS_STYLE[status])


def counts_text(counts: dict[str, int]) -> Text:
    out = Text()
    for status in COUNT_ORDER:
        if out:
            out.append(" ")
        gap = " " if lang() == "en" else ""
        out.append(f"{status.label(lang())}{gap}{counts[status.value]}", STATUS_STYLE[status])
    return out


def review_mark(review: ItemReview | None) -> str:
    """``[コメント2・判断]`` for an item a consultant has commented on or decided, else ""."""
    if review is None:
        return ""
    parts = []
    if review.comments:
        parts.append(t("checklist.mark_comments", n=len(review.comments)))
    if review.decision is not None:
        parts.append(t("checklist.mark_decided"))
    if not parts:
        return ""
    return "[" + (", " if lang() == "en" else "・").join(parts) + "]"


def when(moment) -> str:
    """A log time as people read it: 2026-04-01 10:00."""
    return moment.strftime("%Y-%m-%d %H:%M")


def review_text(review: ItemReview | None) -> Text:
    """The consultant's decision and comments, one per line (empty when there are none)."""
    out = Text()
    if review is None:
        return out
    decision = review.decision
    if decision is not None:
        status = Status(decision.status.value)
        head = t("checklist.decided_by", author=decision.author, at=when(decision.at))
        out.append(head + (": " if lang() == "en" else "："), style=REVIEW_STYLE)
        out.append(status.label(lang()), style=STATUS_STYLE[status])
        out.append(" " + decision.reason)
    for comment in review.comments:
        if out:
            out.append("\n")
        head = t("checklist.comment_by", author=comment.author, at=when(comment.at))
        out.append(head + (": " if lang() == "en" else "："), style=REVIEW_STYLE)
        out.append(comment.text)
    return out


def item_prompt(item: Item, width: int, console: Console) -> Text:
    """The status in a fixed column and the title wrapped beside it (hanging indent),
    after the consultant's mark if there is one."""
    out = status_text(item.status).append(" ")
    indent = label_cells() + 1
    mark = review_mark(item.review)
    title = Text()
    if mark:
        title.append(mark + " ", style=REVIEW_STYLE)
    title.append(item.title(lang()))
    lines = wrap(title, max(8, width - indent))  # with 禁則: no line starts with 」、。
    for number, line in enumerate(lines):
        if number:
            out.append("\n" + " " * indent)
        out.append_text(line)
    return out


def row_look(item: Item, language: str) -> tuple:
    """What an item's row in the list shows (its prompt is made from these alone)."""
    return item.id, item.status, item.title(language), review_mark(item.review)


class Checklist(Vertical):
    """Checklist items of a report, optionally limited to some steps."""

    DEFAULT_CLASSES = "checklist"

    class Jump(Message):
        """The user picked an item: go to the field that fixes it."""

        def __init__(self, item_id: str, field: str) -> None:
            super().__init__()
            self.item_id, self.field = item_id, field

    def __init__(self, pack: RulePack, *, id: str, classes: str = "") -> None:
        super().__init__(id=id, classes=f"checklist {classes}".strip())
        self.pack = pack
        self.items: dict[str, Item] = {}
        self._frame: tuple = ()  # (language, scope, width) the rows were drawn for
        self._rows: list[tuple] = []  # what each item's row shows, as last drawn
        self._prompts: dict[tuple, Text] = {}  # a row's look -> its drawn prompt
        self._shown: list[Item] = []
        self.scope_label = ""

    def compose(self) -> ComposeResult:
        yield Live("", classes="counts")
        yield SteadyOptionList(classes="items")
        yield Wrapped(t("checklist.pick"), classes="detail")

    @property
    def option_list(self) -> OptionList:
        return self.query_one(".items", OptionList)

    def show(self, report: Report, steps: set[str] | None = None, scope_label: str = "",
             extra: Sequence[Item] = ()) -> None:
        """Show the items whose field is answered in ``steps`` (all when None), then
        ``extra`` (the submission package's items, grouped by their own topics; the
        counts stay the plan's, the package's are on their topic lines).

        Called after every edit: only what changed is redrawn. The rows are rebuilt only
        when a row reads differently (its status, title or consultant's mark; an item's
        reason is shown only in the detail below), and then only those rows' prompts are
        made again."""
        items = [i for i in report.items if steps is None or step_for(i.field) in steps]
        items += extra
        language = lang()
        scope = (f" ({scope_label})" if language == "en" else f"（{scope_label}）") \
            if scope_label else ""
        title = t("checklist.title") + scope
        if self.border_title != title:  # setting it repaints the whole panel
            self.border_title = title
        counts = self.query_one(".counts", Live)
        text = Text(t("checklist.total") + " ").append_text(counts_text(report.summary()))
        one_line = counts.content_region.width
        # one line before and after (the usual case): a repaint is enough, no layout
        counts.update(text, layout=not (one_line and counts.size.height == 1
                                        and text.cell_len <= one_line))
        self.items = {i.id: i for i in items}
        self._shown = items
        frame = (language, scope_label, self._width())
        rows = [row_look(i, language) for i in items]
        if frame == self._frame and rows == self._rows:
            highlighted = self.option_list.highlighted_option
            self._show_detail(self.items.get(highlighted.id or "") if highlighted else None)
            return
        if frame != self._frame:
            self._prompts = {}
        self._frame, self._rows = frame, rows
        self._rebuild(items)

    def _width(self) -> int:
        """Cells available for an option: the list's width, less a scrollbar."""
        width = self.option_list.content_region.width
        return width - 2 if width > 10 else 36

    def on_resize(self) -> None:
        if self._shown and self._frame and self._frame[2] != self._width():
            self._frame = ()
            self._prompts = {}
            self._rebuild(self._shown)

    def _prompt(self, item: Item, look: tuple, width: int) -> Text:
        """The item's row, made again only when it reads differently."""
        prompt = self._prompts.get(look)
        if prompt is None:
            prompt = self._prompts[look] = item_prompt(item, width, self.app.console)
        return prompt

    def _rebuild(self, items: list[Item]) -> None:
        options = self.option_list
        keep = options.highlighted_option.id if options.highlighted_option else None
        language = lang()
        by_topic: dict[str, list[Item]] = {}
        for item in items:
            by_topic.setdefault(item.topic, []).append(item)
        entries: list[Option] = []
        width = self._width()
        drawn: dict[tuple, Text] = {}
        for topic, group in by_topic.items():
            counts = {s: sum(1 for i in group if i.status is s) for s in COUNT_ORDER}
            head = Text(checklist_topic(topic), style="bold")
            for status in COUNT_ORDER[:3]:
                if counts[status]:
                    head.append(f"  {status.label(language)}{counts[status]}",
                                STATUS_STYLE[status])
            entries.append(Option(head, id=f"topic:{topic}", disabled=True))
            for item in group:
                look = row_look(item, language)
                drawn[look] = self._prompt(item, look, width)
                entries.append(Option(drawn[look], id=item.id))
        self._prompts = drawn  # rows no longer shown are forgotten
        if not entries:
            entries.append(Option(t("checklist.empty"), id="topic:none", disabled=True))
        if not set_options(options, entries) and keep and keep in self.items:
            options.highlighted = options.get_option_index(keep)
        self._show_detail(self.items.get(keep) if keep else None)

    def _show_detail(self, item: Item | None) -> None:
        detail = self.query_one(".detail", Wrapped)
        if item is None:
            detail.update(t("checklist.pick"))
            return
        detail.update(item_detail(item, self.pack))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail(self.items.get(event.option.id or ""))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item = self.items.get(event.option.id or "")
        if item is not None:
            self.post_message(self.Jump(item.id, item.field))


def citation_text(citation: str, pack: RulePack) -> str:
    """The citation by its sources' names (the internal key stays in JSON)."""
    return readable_citation(citation, pack, lang())


def item_detail(item: Item, pack: RulePack) -> Text:
    """The reason, source and where to fix one item."""
    out = status_text(item.status).append(" ")
    out.append(f"{item.id}  ", style="dim")
    out.append(item.title(lang()), style="bold")
    out.append("\n" + item.reason(lang()))
    reviewed = review_text(item.review)
    if reviewed:
        out.append("\n").append_text(reviewed)
    out.append("\n" + labelled(t("checklist.citation"), citation_text(item.citation, pack)),
               style="dim")
    if item.basis == "public_fact":
        out.append(f"（{t('checklist.public_fact')}）", style="dim")
    step = t("step." + step_for(item.field))
    field = "package.documents" if item.field.startswith("package.") else generic(item.field)
    where = f"{step} > {field_label(field)}"
    out.append("\n" + labelled(t("checklist.where"), where), style="dim")
    return out
