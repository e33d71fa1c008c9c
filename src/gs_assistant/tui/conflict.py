"""After a save conflict: compare this screen's answers with the file's, and choose.

When another window or script changed the same answer, the wizard saves its own version
beside the file (``NAME.conflict-YYYYMMDD-HHMMSS.yaml``, see ``model/store.py``) and
goes on editing that copy. From here the user can see which answers differ (each with its
label and both values) and take the file's version instead (``Document.reload``: this
screen's version stays in the copy, so nothing is lost), keep this version, or save it
under another name.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from gs_assistant.model import Application
from gs_assistant.rules import RulePack
from gs_assistant.textsafe import visible
from gs_assistant.tui.answers import SEPARATOR, answers_at
from gs_assistant.tui.bindings import CLOSE_KEYS, localize, make
from gs_assistant.tui.i18n import t

LONGEST = 160  # characters of one side's value shown
SHOWN = 200  # differing answers listed (a 10,000-row list changed wholesale stays quick)


def side_text(app: Application, path: str, pack: RulePack | None) -> str:
    """One side's answer at ``path`` on one line (rows joined), cut to ``LONGEST``."""
    text = SEPARATOR.join(f"{label}: {value}" if len(lines) > 1 else value
                          for lines in [answers_at(app, path, pack)] for label, value in lines)
    text = visible(text)
    return text if len(text) <= LONGEST else text[:LONGEST - 3] + "..."


def differences_text(paths: list[str], mine: Application, theirs: Application,
                     pack: RulePack | None) -> Text:
    """Each differing answer: its label, then this screen's value and the file's."""
    out = Text()
    for path in paths[:SHOWN]:
        label = answers_at(mine, path, pack) or answers_at(theirs, path, pack)
        name = label[0][0] if len(label) == 1 else _list_label(path)
        out.append(name + "\n", style="bold")
        out.append(f"  {t('conflict.mine')}: ", style="dim")
        out.append(side_text(mine, path, pack) + "\n")
        out.append(f"  {t('conflict.theirs')}: ", style="dim")
        out.append(side_text(theirs, path, pack) + "\n")
    if len(paths) > SHOWN:
        out.append(t("conflict.more", n=len(paths) - SHOWN) + "\n")
    return out


def _list_label(path: str) -> str:
    from gs_assistant.tui.i18n import field_label
    from gs_assistant.tui.navigation import generic

    return field_label(generic(path))


class CompareDialog(ModalScreen[str | None]):
    """The answers that differ between this screen and the file; dismissed with
    ``"reload"``, ``"save_as"`` or ``None`` (keep editing this screen's version)."""

    BINDINGS = make(CLOSE_KEYS)

    def __init__(self, title: str, note: str, body: Text) -> None:
        super().__init__()
        localize(self, CLOSE_KEYS)
        self.title_text, self.note, self.body = title, note, body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="compare"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(self.note, classes="warning")
            with VerticalScroll(id="compare-list"):
                yield Static(self.body, id="compare-body")
            with Horizontal(classes="buttons"):
                yield Button(t("conflict.reload"), id="compare-reload", variant="warning",
                             compact=True)
                yield Button(t("conflict.keep"), id="compare-keep", variant="primary",
                             compact=True)
                yield Button(t("cmd.save_as"), id="compare-save_as", compact=True)

    def on_mount(self) -> None:
        self.query_one("#compare-keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        choice = (event.button.id or "").removeprefix("compare-")
        self.dismiss(None if choice == "keep" else choice)

    def action_close(self) -> None:
        self.dismiss(None)
