"""Key bindings with ids, in one place, with their labels in both languages.

Every binding has an id (``wizard.next``) so that a user can remap it in
``settings.json`` (``"keymap": {"wizard.next": "ctrl+n"}``). Keys avoid what text fields
use (ctrl+a/e/k/u/w, arrows) and tmux's ctrl+b: function keys move between steps.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.binding import Binding
from textual.dom import DOMNode

from gs_assistant.tui.i18n import t


@dataclass(frozen=True)
class Key:
    id: str
    keys: str
    action: str
    label: str  # i18n key
    show: bool = True
    priority: bool = False


APP_KEYS = (
    Key("app.save", "ctrl+s", "save", "key.save", priority=True),
    Key("app.quit", "ctrl+q", "quit_app", "key.quit", priority=True),
    Key("app.help", "f1", "help", "key.help"),
    Key("app.lang", "f7", "toggle_lang", "key.lang", priority=True),  # TextArea uses f7
    Key("app.palette", "ctrl+p", "command_palette", "key.palette", show=False, priority=True),
)

WIZARD_KEYS = (
    Key("wizard.hint", "f2", "hint", "key.hint"),
    Key("wizard.back", "f3", "back", "key.back", priority=True),
    Key("wizard.next", "f4", "next", "key.next", priority=True),
    Key("wizard.checklist", "f5", "focus_checklist", "key.checklist"),
    Key("wizard.steps", "f6", "focus_steps", "key.steps", priority=True),  # and f6
    Key("wizard.scope", "f8", "toggle_scope", "key.scope"),
    Key("wizard.export", "f9", "export", "key.export"),
    Key("wizard.apply_track", "ctrl+t", "apply_track", "key.apply_track"),
    Key("wizard.review", "ctrl+r", "back_to_review", "key.to_review"),  # review mode only
)

# The consultant's review screen: function keys work with the input method on; the
# letters are shortcuts for when it is off.
REVIEW_KEYS = (
    Key("review.status", "f2,s", "filter_status", "key.filter_status"),
    Key("review.topic", "f3,t", "filter_topic", "key.filter_topic"),
    Key("review.comment", "f4,c", "comment", "key.comment"),
    Key("review.decide", "f5,d", "decide", "key.decide"),
    Key("review.withdraw", "f6,w", "withdraw", "key.withdraw"),
    Key("review.jump", "f8,j", "jump", "key.jump"),
)

# Keys that move the focus or open a form are priority bindings: they act as soon as the
# app reads them, so keys typed right after them (a fast typist, a busy app) go to the
# field they lead to. A non-priority binding acts only after the key has travelled
# through the focused widget, and keys read meanwhile would land in the old field.
TABLE_KEYS = (
    Key("table.add", "a,insert", "add_row", "key.add", priority=True),
    Key("table.edit", "enter", "edit_row", "key.edit", priority=True),
    Key("table.copy", "c", "copy_row", "key.copy", priority=True),
    Key("table.remove", "delete,d", "remove_row", "key.remove", priority=True),
)

# The submission package's document table (確認・出力): the highlighted document's state.
PACKAGE_KEYS = (
    Key("package.next_state", "space", "cycle", "key.doc_next"),
    Key("package.not_started", "1", "mark(0)", "key.doc_not_started", show=False),
    Key("package.in_progress", "2", "mark(1)", "key.doc_in_progress", show=False),
    Key("package.ready", "3", "mark(2)", "key.doc_ready", show=False),
    Key("package.not_needed", "4", "mark(3)", "key.doc_not_needed", show=False),
)

FOCUS_KEYS = (
    Key("focus.next", "tab", "app.focus_next", "key.focus_next", show=False, priority=True),
    Key("focus.previous", "shift+tab", "app.focus_previous", "key.focus_previous",
        show=False, priority=True),
)

EDIT_KEYS = (  # one-line fields (text areas have the same keys of their own)
    Key("edit.undo", "ctrl+z", "undo", "key.undo", show=False),
    Key("edit.redo", "ctrl+y", "redo", "key.redo", show=False),
)

CLOSE_KEYS = (Key("dialog.close", "escape", "close", "key.close"),)

FORM_KEYS = (Key("form.hint", "f2", "hint", "key.hint"),)  # a row's form: writing help

ALL_KEYS = (APP_KEYS + WIZARD_KEYS + REVIEW_KEYS + TABLE_KEYS + PACKAGE_KEYS + FOCUS_KEYS
            + EDIT_KEYS + CLOSE_KEYS + FORM_KEYS)


def make(keys: tuple[Key, ...]) -> list[Binding]:
    """Textual bindings for ``keys``, labelled in the current language."""
    return [
        Binding(k.keys, k.action, t(k.label), show=k.show, priority=k.priority, id=k.id)
        for k in keys
    ]


def localize(node: DOMNode, keys: tuple[Key, ...]) -> None:
    """Relabel ``node``'s bindings ``keys`` in the current language.

    Textual reads labels from class-level ``BINDINGS``, evaluated at import; the language
    is only known at run time, so the labels in the node's own copy of its binding map are
    replaced here (the keymap from the settings still applies on top of it).
    """
    labels = {k.id: t(k.label) for k in keys}
    table = node._bindings.key_to_bindings
    for key, found in table.items():
        table[key] = [
            replace(b, description=labels[b.id]) if b.id in labels else b for b in found
        ]


def relabel_actions(node: DOMNode, labels: dict[str, str]) -> None:
    """Relabel a Textual widget's own bindings (no ids) by action, e.g. the English
    "Dismiss menu" of a dropdown."""
    table = node._bindings.key_to_bindings
    for key, found in table.items():
        table[key] = [replace(b, description=labels[b.action]) if b.action in labels else b
                      for b in found]
    node.refresh_bindings()


def key_for(binding_id: str) -> str:
    """The default key of a binding, for messages such as 'F4: next'."""
    for k in ALL_KEYS:
        if k.id == binding_id:
            return k.keys.split(",")[0].upper()
    raise KeyError(binding_id)
