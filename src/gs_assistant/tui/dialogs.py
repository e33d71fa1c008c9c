"""Small modal screens: yes/no, quit with unsaved changes, export path, help."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from gs_assistant.tui.bindings import CLOSE_KEYS, EDIT_KEYS, localize, make
from gs_assistant.tui.i18n import lang, t
from gs_assistant.tui.navigation import STEPS
from gs_assistant.tui.widgets.live import Wrapped


class Confirm(ModalScreen[bool]):
    """A yes/no question. Escape answers no."""

    BINDINGS = make(CLOSE_KEYS)

    def __init__(self, question: str) -> None:
        super().__init__()
        localize(self, CLOSE_KEYS)
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog small"):
            yield Wrapped(self.question, classes="dialog-title")
            with Horizontal(classes="buttons"):
                yield Button(t("dialog.yes"), id="confirm-yes", variant="error", compact=True)
                yield Button(t("dialog.no"), id="confirm-no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_close(self) -> None:
        self.dismiss(False)


class QuitConfirm(ModalScreen[str]):
    """Unsaved changes: save and quit, quit without saving, or go back."""

    BINDINGS = make(CLOSE_KEYS)

    def __init__(self, detail: str = "") -> None:
        super().__init__()
        localize(self, CLOSE_KEYS)
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog small"):
            yield Static(t("quit.title"), classes="dialog-title")
            if self.detail:
                yield Wrapped(self.detail, classes="warning")
            with Horizontal(classes="buttons"):
                yield Button(t("quit.save"), id="quit-save", variant="primary", compact=True)
                yield Button(t("quit.discard"), id="quit-discard", variant="error",
                             compact=True)
                yield Button(t("quit.cancel"), id="quit-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#quit-save", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "quit-cancel").removeprefix("quit-"))

    def action_close(self) -> None:
        self.dismiss("cancel")


class ExportDialog(ModalScreen[Path | None]):
    """Ask where to write the .docx; a second Enter confirms overwriting a file."""

    BINDINGS = make(CLOSE_KEYS)
    help_key = "export.help"

    def __init__(self, default: Path) -> None:
        super().__init__()
        localize(self, CLOSE_KEYS)
        self.default = default
        self._confirmed = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Wrapped(t(self.help_key), classes="dialog-title")
            yield Input(str(self.default), id="export-path")
            yield Wrapped("", id="export-note", classes="warning")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            return
        path = self.app.allowed_path(Path(text).expanduser())
        if path is not None and self.accept(path, text):
            self.dismiss(path)

    def accept(self, path: Path, text: str) -> bool:
        """May ``path`` be used? (Otherwise say why in the note.)"""
        if path.exists() and self._confirmed != text:
            self._confirmed = text
            self.query_one("#export-note", Static).update(t("export.exists"))
            return False
        return True

    def action_close(self) -> None:
        self.dismiss(None)


class SaveAsDialog(ExportDialog):
    """Ask for a new file name for the application (a read-only file, a failed save, or a
    copy). An existing file is never overwritten: another name is asked for."""

    help_key = "saveas.help"

    def accept(self, path: Path, text: str) -> bool:
        if path.exists() or path.is_symlink():
            self.query_one("#export-note", Static).update(t("saveas.exists"))
            return False
        return True


class HelpScreen(ModalScreen[None]):
    """Keys of the screen in front, steps and what the statuses mean."""

    BINDINGS = make(CLOSE_KEYS)

    def __init__(self, screen: str = "wizard") -> None:
        super().__init__()
        localize(self, CLOSE_KEYS)
        self.screen_kind = screen

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(t("help.title"), classes="dialog-title")
            with VerticalScroll():
                yield Wrapped(help_text(self.app.keymap_text(), self.screen_kind))
            yield Button(t("key.close"), id="help-close", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


HELP_TEXTS = {
    "app.save": "cmd.save_help", "app.quit": "cmd.quit_help", "app.help": "cmd.help_help",
    "app.lang": "cmd.lang_help", "wizard.hint": "cmd.hint_help",
    "wizard.back": "cmd.back_help", "wizard.next": "cmd.next_help",
    "wizard.checklist": "cmd.checklist_help", "wizard.scope": "cmd.scope_help",
    "wizard.export": "cmd.export_help", "wizard.apply_track": "cmd.apply_track_help",
    "wizard.review": "cmd.to_review_help", "package.next_state": "cmd.doc_keys_help",
    "review.status": "cmd.filter_status_help",
    "review.topic": "cmd.filter_topic_help", "review.comment": "cmd.comment_help",
    "review.decide": "cmd.decide_help", "review.withdraw": "cmd.withdraw_help",
    "review.jump": "cmd.jump_help", "edit.undo": "cmd.undo_help", "edit.redo": "cmd.redo_help",
    "focus.next": "cmd.focus_help", "focus.previous": "cmd.focus_help",
}


def _pad(text: str, cells: int) -> str:
    return text + " " * max(1, cells - cell_len(text))


def key_groups(screen: str) -> list[tuple[str, tuple]]:
    """The keys of the screen in front, grouped, each key once: the screen's own keys,
    the tables' keys (wizard), the keys of text fields, then the keys that work everywhere."""
    from gs_assistant.tui.bindings import (
        APP_KEYS,
        FOCUS_KEYS,
        PACKAGE_KEYS,
        REVIEW_KEYS,
        TABLE_KEYS,
        WIZARD_KEYS,
    )

    groups: list[tuple[str, tuple]] = []
    if screen == "wizard":
        groups += [("help.group_wizard", WIZARD_KEYS), ("help.group_table", TABLE_KEYS),
                   ("help.group_package", PACKAGE_KEYS[:1])]  # its help names 1-4
    elif screen == "review":
        groups.append(("help.group_review", REVIEW_KEYS))
    groups += [("help.group_fields", FOCUS_KEYS + EDIT_KEYS), ("help.group_app", APP_KEYS)]
    return groups


def help_text(keys: dict[str, str], screen: str = "wizard") -> Text:
    """The help: the keys of the screen in front (grouped), the steps, the statuses."""
    from gs_assistant.rules.report import STATUS_LABELS, Status

    en = lang() == "en"
    out = Text()
    for title, group in key_groups(screen):
        out.append(t(title) + "\n", style="bold")
        for k in group:
            about = t(HELP_TEXTS[k.id]) if k.id in HELP_TEXTS else ""
            shown = keys.get(k.id, k.keys)
            out.append(f"  {_pad(shown, 16)}{_pad(t(k.label), 14)}{about}\n")
        out.append("\n")
    out.append(("  Bindings have ids (e.g. wizard.next) and can be remapped in settings.json."
                if en else "  キーにはID（例: wizard.next）があり、settings.json の keymap で"
                "変更できます。") + "\n\n")
    out.append(("Steps" if en else "ステップ") + "\n", style="bold")
    for n, step in enumerate(STEPS, start=1):
        out.append(f"  {n} {t('step.' + step)}\n")
    out.append("\n" + ("Statuses" if en else "判定") + "\n", style="bold")
    meaning = {
        Status.met: ("ツールが確かめられる事実で要件を満たしています",
                     "met, by a fact the tool can check"),
        Status.not_met: ("要件を満たしていません。理由に直す点があります",
                         "not met; the reason says what to change"),
        Status.needs_review: ("人の判断が必要です（自由記述の説明は支援者が確認するまで要確認）",
                              "a person must judge (free text stays here until reviewed)"),
        Status.missing: ("まだ回答されていません", "not answered yet"),
    }
    for status, (ja, en_text) in meaning.items():
        label = STATUS_LABELS[status][1 if en else 0]
        out.append(f"  {_pad(label, 14)}{en_text if en else ja}\n")
    out.append("\n" + ("Answers are saved automatically a moment after each change (ctrl+s "
                       "saves at once). Going back never erases answers." if en else
                       "入力は変更の少し後に自動保存されます（ctrl+s ですぐ保存）。"
                       "前のステップに戻っても入力は消えません。"))
    return out


class VersionsDialog(ModalScreen[object]):
    """The kept versions of the file, newest first, each with what restoring it changes."""

    BINDINGS = make(CLOSE_KEYS)

    def __init__(self, found: list, lines: list[str]) -> None:
        super().__init__()
        localize(self, CLOSE_KEYS)
        self.found = found
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(t("versions.title"), classes="dialog-title")
            if self.found:
                yield OptionList(*(Option(line, id=str(n))
                                   for n, line in enumerate(self.lines)), id="versions")
            else:
                yield Wrapped(t("versions.none"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.found[int(event.option.id or 0)])

    def action_close(self) -> None:
        self.dismiss(None)


def version_lines(found: list, current) -> list[str]:
    """One line per version: when, why it was kept, and which answers it would change."""
    from gs_assistant.model import versions
    from gs_assistant.model.files import ApplicationFileError
    from gs_assistant.tui.i18n import field_label
    from gs_assistant.tui.navigation import generic

    lines = []
    for version in found:
        head = f"{version.when:%Y-%m-%d %H:%M:%S}  {t('versions.' + version.kind)}  "
        try:
            changed = versions.changes(current, version.load())
        except (ApplicationFileError, OSError) as exc:
            lines.append(head + str(exc))
            continue
        if not changed:
            lines.append(head + t("versions.same"))
            continue
        names = list(dict.fromkeys(field_label(generic(p)) for p in changed))
        shown = "、".join(names[:4]) + (t("versions.more") if len(names) > 4 else "")
        lines.append(head + t("versions.changes", n=len(changed), fields=shown))
    return lines
