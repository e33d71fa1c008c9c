"""The review screen's dialogs: the reviewer's name, and a text to record (a comment, or a
decision's reason with its status). An empty text or a missing status is refused in the
dialog itself, with a message, so that nothing incomplete reaches the file."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, TextArea

from gs_assistant.tui.bindings import CLOSE_KEYS, localize, make
from gs_assistant.tui.config import MAX_NAME
from gs_assistant.tui.i18n import t
from gs_assistant.tui.widgets.live import Live, Wrapped


class AuthorDialog(ModalScreen[str | None]):
    """Ask once for the name comments and decisions are recorded under."""

    BINDINGS = make(CLOSE_KEYS)

    def __init__(self) -> None:
        super().__init__()
        localize(self, CLOSE_KEYS)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog small"):
            yield Wrapped(t("review.author_title"), classes="dialog-title")
            yield Wrapped(t("review.author_help"), classes="help")
            yield Input(id="author-name", max_length=MAX_NAME)
            yield Live("", id="author-message", classes="warning")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = " ".join(event.value.split())
        if not name:
            self.query_one("#author-message", Live).update(t("review.author_empty"))
            return
        self.dismiss(name)

    def action_close(self) -> None:
        self.dismiss(None)


class NoteDialog(ModalScreen[tuple[str | None, str] | None]):
    """A text to record, and a status to choose when ``statuses`` are given.

    Dismisses with ``(status, text)``, or None when cancelled.
    """

    BINDINGS = make(CLOSE_KEYS)

    def __init__(self, title: str, help_text: str, empty_message: str,
                 statuses: list[tuple[str, str]] | None = None,
                 status: str | None = None) -> None:
        super().__init__()
        localize(self, CLOSE_KEYS)
        self.title_text, self.help_text = title, help_text
        self.empty_message = empty_message
        self.statuses = statuses
        self.status = status

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Wrapped(self.title_text, classes="dialog-title")
            yield Wrapped(self.help_text, classes="help")
            if self.statuses is not None:
                legal = {value for _, value in self.statuses}
                yield Select(self.statuses, prompt=t("review.status_prompt"), compact=True,
                             value=self.status if self.status in legal else Select.NULL,
                             id="note-status")
            yield TextArea(id="note-text", soft_wrap=True, tab_behavior="focus")
            yield Live("", id="note-message", classes="warning")
            with Horizontal(classes="buttons"):
                yield Button(t("review.ok"), id="note-ok", variant="primary", compact=True)
                yield Button(t("review.cancel"), id="note-cancel", compact=True)

    def on_mount(self) -> None:
        first = "#note-status" if self.statuses is not None else "#note-text"
        self.query_one(first).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "note-ok":
            self.submit()
        else:
            self.dismiss(None)

    def submit(self) -> None:
        """Record, unless the status or the text is missing (then say so and stay)."""
        message = self.query_one("#note-message", Live)
        status = None
        if self.statuses is not None:
            value = self.query_one("#note-status", Select).value
            if value is Select.NULL:
                message.update(t("review.status_empty"))
                return
            status = str(value)
        text = self.query_one("#note-text", TextArea).text.strip()
        if not text:
            message.update(self.empty_message)
            self.query_one("#note-text", TextArea).focus()
            return
        self.dismiss((status, text))

    def action_close(self) -> None:
        self.dismiss(None)
