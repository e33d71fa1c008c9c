"""Text controls that never lose what was typed by accident.

Focusing a field selects nothing and puts the cursor at the end of its text (the next
key adds to the text instead of replacing it). One-line fields get an undo history
(ctrl+z / ctrl+y), which Textual's ``Input`` lacks; ``TextArea`` has its own.
"""

from __future__ import annotations

from time import monotonic
from typing import Any

from textual import events
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widgets import Input, TextArea

from gs_assistant.tui.bindings import EDIT_KEYS, make

MERGE_SECONDS = 1.0  # typing with pauses shorter than this is undone as one step
HISTORY = 200  # undo steps kept per field


class FieldInput(Input):
    """An ``Input`` with undo/redo that selects nothing on focus."""

    BINDINGS = make(EDIT_KEYS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        self._undo: list[tuple[str, int]] = []
        self._redo: list[tuple[str, int]] = []
        self._shown = ("", 0)  # the value and cursor before a change
        self._last_edit = 0.0
        self._typing = False  # the last change added one character
        self._restoring = True  # setting the first value is no edit
        super().__init__(*args, **kwargs)
        self._restoring = False

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        if not event.from_app_focus:
            self.cursor_position = len(self.value)
            self.app.cursor_position = self.cursor_screen_offset

    def _watch_value(self, value: str) -> None:
        if not self.styles.auto_dimensions:
            # Input sets its virtual size to the text's width on every change, and that
            # asks for a layout of the whole screen; this Input's size is fixed, so a
            # repaint of the field is all a keystroke needs
            self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
            self.refresh()
        super()._watch_value(value)
        self._remember(value)
        typed = getattr(self.parent, "typed", None)
        if typed is not None:  # a field box: its count is drawn in the same frame
            typed(self, value)

    def _remember(self, value: str) -> None:
        """Keep the undo history (typing without pauses is one step)."""
        previous_value, previous_cursor = self._shown
        self._shown = (value, self.cursor_position)
        if self._restoring or value == previous_value:
            return
        now = monotonic()
        typed = len(value) == len(previous_value) + 1
        typing_on = typed and self._typing and now - self._last_edit < MERGE_SECONDS
        self._typing = typed
        self._last_edit = now
        self._redo.clear()
        if not typing_on:
            self._undo.append((previous_value, previous_cursor))
            del self._undo[:-HISTORY]

    def _watch_cursor_position(self, position: int) -> None:
        self._shown = (self._shown[0], position)

    def _restore(self, source: list[tuple[str, int]], target: list[tuple[str, int]]) -> None:
        if not source:
            return
        value, cursor = source.pop()
        target.append((self.value, self.cursor_position))
        self._restoring = True
        try:
            self.value = value
        finally:
            self._restoring = False
        self.cursor_position = min(cursor, len(value))
        self._typing = False  # the next key starts a new step

    def action_undo(self) -> None:
        self._restore(self._undo, self._redo)

    def action_redo(self) -> None:
        self._restore(self._redo, self._undo)


class FieldArea(TextArea):
    """A ``TextArea`` whose cursor goes to the end of the text on focus (its own undo
    history, ctrl+z / ctrl+y, is kept)."""

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        if not event.from_app_focus and self.selection.is_empty:
            self.move_cursor(self.document.end)

    def _refresh_size(self) -> None:
        """The wrapped text's new height, without a layout of the screen while the box
        has a fixed height (as in a field's box): the height only decides the area's
        own scroll bar, and a bar that comes or goes still lays the screen out."""
        if not self._fixed_height():
            super()._refresh_size()
            return
        self._wrapped_height()
        self.refresh()

    def _fixed_height(self) -> bool:
        height = self.styles.height
        return self.soft_wrap and height is not None and not height.is_auto

    def _wrapped_height(self) -> None:
        self.set_reactive(TextArea.virtual_size, Size(0, self.wrapped_document.height))
        self._scroll_update(self.virtual_size)

    def render_lines(self, crop: Region) -> list[Strip]:
        """Wrapped for the width it is drawn at, from its first frame on: Textual wraps
        a new area's text when the area is told its size, after the screen's first frame,
        which drew the text unwrapped (cut at the box's edge) and then again wrapped.
        (An area whose height is its text's is left to Textual: its height is laid out.)"""
        width = self.wrap_width
        if self._fixed_height() and width and self.wrapped_document._width != width:
            self._wrap(width)
            self._wrapped_height()
        return super().render_lines(crop)

    def _wrap(self, width: int) -> None:
        """The text wrapped for ``width``, as Textual's own resize handler does."""
        self.wrapped_document.wrap(width, tab_width=self.indent_width)
        self._line_cache.clear()

    def _on_resize(self, event: events.Resize) -> None:
        """Wrapped again only for a new width, and drawn again only when in view.
        Textual wraps the text at every resize, and a new area is told its size after the
        screen's first frame, so each area wrapped and drew its text again (and the
        screen made one more frame for an area out of view). Drawn again at a new width:
        Textual drew the lines it had drawn for the old width until something else
        repainted it, and narrowed by a scroll bar appearing beside it, a line could run
        into the cursor's column."""
        event.prevent_default()  # Textual's own handler is the next in line
        width = self.wrap_width
        if self.wrapped_document._width == width:
            return
        self._wrap(width)
        if self._fixed_height() and self not in self.screen._compositor.visible_widgets:
            self._wrapped_height()  # drawn when it comes into view
        else:
            self._refresh_size()
            self.refresh()
