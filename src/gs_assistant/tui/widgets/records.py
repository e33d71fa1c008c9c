"""Repeating groups (co-applicants, affiliates, indicators, milestones, similar projects):
a table of rows with add / edit / remove, each row edited in a small form.

The table's id is the list's widget id (``f-co_applicants``); the form's fields use the
row's paths (``co_applicants[0].name``), so edits apply and save as the user types, and a
checklist item that names a row opens that row's form at the right field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.message import Message
from textual.render import measure
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, DataTable
from textual.widgets._data_table import default_cell_formatter

from gs_assistant.tui.bindings import (
    CLOSE_KEYS,
    FOCUS_KEYS,
    FORM_KEYS,
    TABLE_KEYS,
    key_for,
    localize,
    make,
)
from gs_assistant.tui.i18n import field_label, t
from gs_assistant.tui.navigation import widget_id
from gs_assistant.tui.widgets.lazy import LazyBoxes, focus_target
from gs_assistant.tui.widgets.live import Live, Wrapped
from gs_assistant.tui.widgets.screens import QuickScreen


@dataclass(frozen=True)
class Column:
    label: str  # generic field path, for the heading
    cell: Callable[[Any, int], Any]  # (row, index) -> str or rich Text
    width: int | None = None  # cells; longer text is cut (None: as wide as needed)


def _column_width(console: Any, column: Column, rows: list[Any]) -> int:
    """The cells a column's text takes in the table, as ``DataTable`` measures it: its
    width if it has one, else its widest cell or its heading."""
    if column.width is not None:
        return column.width
    widths = [measure(console, Text.from_markup(field_label(column.label)), 1)]
    widths += [measure(console, default_cell_formatter(column.cell(row, index), wrap=False,
                                                        height=1), 1)
               for index, row in enumerate(rows)]
    return max(widths)


class RowsChanged(Message):
    """Rows were added or removed: the checklist and the tables need a refresh."""

    def __init__(self, list_path: str) -> None:
        super().__init__()
        self.list_path = list_path


def scroll_bars(across: int, down: int, width: int, limit: Fraction | int | None,
                bar_sizes: tuple[int, int], horizontal: bool = False) -> tuple[bool, bool]:
    """(horizontal, vertical): the scroll bars ``Widget._refresh_scrollbars`` gives a
    table ``width`` cells wide whose columns take ``across`` cells and whose rows
    (header included) take ``down`` lines; its height is theirs and a horizontal bar's,
    up to ``limit`` (its max-height). ``bar_sizes``: the vertical bar's width and the
    horizontal bar's height; ``horizontal``: the bar it has now."""
    bar_width, bar_height = bar_sizes
    across_bar = down_bar = False
    for _ in range(3):  # the bar changes the height, which may change the bars
        lines = down + (bar_height if horizontal else 0)
        if limit is not None:
            lines = min(lines, int(limit))
        across_bar = across > width
        down_bar = down > lines
        if down_bar and not across_bar:
            across_bar = across > width - bar_width
        if across_bar and not down_bar:
            down_bar = down > lines - bar_height
        if across_bar == horizontal:
            break
        horizontal = across_bar
    return across_bar, down_bar


class RowTable(DataTable):
    """The table itself; keys act on the highlighted row."""

    BINDINGS = make(TABLE_KEYS)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        localize(self, TABLE_KEYS)

    @property
    def records(self) -> RecordTable:
        return self.query_ancestor(RecordTable)

    def measure(self) -> None:
        """Measure the rows and cells just put in now, as the table would once idle:
        measured after the screen's layout, its new height laid the screen out again."""
        if self._updated_cells:
            cells = self._updated_cells.copy()
            self._updated_cells.clear()
            self._update_column_widths(cells)
        if self._require_update_dimensions:
            self._require_update_dimensions = False
            rows = self._new_rows.copy()
            self._new_rows.clear()
            self._update_dimensions(rows)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The rows' height, and the scroll bars the table will have at ``width``
        decided now, as Textual's layout asks for the height: Textual decides them after
        the layout that sized the table, and a bar that appears then (a table wider than
        its box, or more rows than its ten lines) lays the whole screen out again."""
        height = super().get_content_height(container, viewport, width)
        horizontal, vertical = self._scroll_bars(width, height)
        self.set_reactive(Widget.show_horizontal_scrollbar, horizontal)
        self.set_reactive(Widget.show_vertical_scrollbar, vertical)
        return height

    def _scroll_bars(self, width: int, height: int) -> tuple[bool, bool]:
        styles = self.styles
        if (styles.overflow_x, styles.overflow_y) != ("auto", "auto"):
            return self.show_horizontal_scrollbar, self.show_vertical_scrollbar
        return scroll_bars(self.virtual_size.width, height, width, self._extrema.max_height,
                           (styles.scrollbar_size_vertical, styles.scrollbar_size_horizontal),
                           self.show_horizontal_scrollbar)

    def action_add_row(self) -> None:
        self.records.add_row()

    def action_edit_row(self) -> None:
        self.records.edit_row(self.cursor_row)

    def action_copy_row(self) -> None:
        self.records.copy_row(self.cursor_row)

    def action_remove_row(self) -> None:
        self.records.remove_row(self.cursor_row)


class RecordTable(Vertical):
    """A list field of the application shown as a table, editable row by row."""

    DEFAULT_CLASSES = "records"
    MIN_LINES = 6  # its border, header and buttons: the fewest lines it takes (lazy.py)
    TABLE_LINES = 10  # the table's max-height, its border included (.records DataTable)
    TABLE_BORDER = 2  # the table's border, lines and columns (DataTable { border })
    BUTTON_LINES = 2  # the buttons' line and the line above it (.buttons)

    _deferred = False

    def __init__(self, list_path: str, columns: list[Column],
                 form: Callable[[str, int], Iterable[Widget]],
                 removing: Callable[[int], str] | None = None,
                 pasted: Callable[[str], None] | None = None) -> None:
        """``removing(index)``: what else goes with that row, said when asking to remove
        it ("" for nothing); ``pasted(text)``: takes text pasted while the table has the
        focus (rows copied from a spreadsheet)."""
        super().__init__(id=widget_id(list_path) + "--box")
        self.list_path = list_path
        self.columns = columns
        self.form = form
        self.removing = removing
        self.pasted = pasted
        self.border_title = field_label(list_path)
        self._cells: list[tuple[str, ...]] | None = None
        self._added: int | None = None  # the row just added, while its form is open
        self._editing = False  # a row's form is open in front of the table

    def compose(self) -> ComposeResult:
        if not self._deferred:
            yield from self._parts()

    def _parts(self) -> Iterator[Widget]:
        base = widget_id(self.list_path)
        yield RowTable(id=base)
        yield Live("", classes="empty")
        yield Horizontal(
            *(Button(t(f"key.{action}"), id=f"{base}--{action}", compact=True)
              for action in ("add", "edit", "copy", "remove")),
            classes="buttons")

    def on_mount(self) -> None:
        if not self._deferred:
            self._fill()

    def _fill(self) -> None:
        table = self.query_one(RowTable)
        for column in self.columns:
            table.add_column(field_label(column.label), width=column.width)
        self.refresh_rows()

    # -- a table far below the view of a step is mounted as its box alone, of the
    # height its parts will take, and built when it comes near the view, is focused
    # (Tab, a click) or jumped to (``lazy.LazyBoxes``, as a field's box)

    def defer(self) -> bool:
        """Leave the table, its note and its buttons to ``build``; False when it has no
        rows (its note's lines are not counted here)."""
        if self.is_mounted or not self.rows:
            return False
        self._deferred = True
        self.can_focus = True  # Tab and clicks reach it, and build it
        return True

    @property
    def deferred(self) -> bool:
        return self._deferred

    def build(self) -> None:
        """Mount the parts of a deferred table and fill it (nothing otherwise)."""
        if not self._deferred:
            return
        self._deferred = False
        self.can_focus = False
        self.mount_all(list(self._parts()))
        self._fill()

    def min_lines(self, width: int) -> int:
        return self.MIN_LINES

    @property
    def control(self) -> RowTable:
        """The table itself, built first if it waits."""
        return self.table

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not self._deferred:
            return super().get_content_height(container, viewport, width)
        # the rows' lines and the header's, a horizontal scroll bar's when the columns
        # are wider than the table, up to the table's height; its border; the buttons
        console = self.app.console
        across = sum(2 + _column_width(console, column, self.rows)  # cell padding 1 | 1
                     for column in self.columns)
        down = 1 + len(self.rows)
        most = self.TABLE_LINES - self.TABLE_BORDER
        styles = self.styles
        horizontal, _ = scroll_bars(
            across, down, width - self.TABLE_BORDER, most,
            (styles.scrollbar_size_vertical, styles.scrollbar_size_horizontal))
        lines = min(down + (styles.scrollbar_size_horizontal if horizontal else 0), most)
        return lines + self.TABLE_BORDER + self.BUTTON_LINES

    def relabel_from(self, fresh: RecordTable) -> bool:
        """A language switch (``tui.widgets.relabel``): the headings and the cells in the current
        language, the cursor where it was (also while a row's form is open)."""
        self.columns = fresh.columns
        if self._deferred:  # built in the current language when needed
            return False
        table = self.table
        if not table.columns:  # not mounted yet: on_mount fills it
            return True
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        for column in self.columns:
            table.add_column(field_label(column.label), width=column.width)
        self._cells = None
        editing, self._editing = self._editing, False
        try:
            self.refresh_rows()
        finally:
            self._editing = editing
        if table.row_count:
            table.cursor_coordinate = cursor
        return True

    @property
    def table(self) -> RowTable:
        """The table itself, built first if it waits."""
        self.build()
        return self.query_one(RowTable)

    @property
    def rows(self) -> list[Any]:
        return self.app.doc.rows(self.list_path)

    def refresh_rows(self) -> None:
        """Redraw the rows from the application, keeping the cursor. Not while a row's
        form is open: the table is hidden behind it, and typing there must not cost a
        pass over every row; closing the form redraws once."""
        if self._deferred:  # filled from the rows when built
            return
        table = self.table
        if not table.columns or self._editing:  # not mounted yet: on_mount fills it
            return
        cells = [tuple(column.cell(row, index) for column in self.columns)
                 for index, row in enumerate(self.rows)]
        if cells == self._cells and table.row_count == len(cells):
            return
        self._cells = cells
        keep = table.cursor_row
        table.clear()
        for row_cells in cells:
            table.add_row(*row_cells)
        empty = self.query_one(".empty", Live)
        empty.update(t("table.empty", key=key_for("table.add")))
        empty.display = not self.rows
        if self.rows:
            table.move_cursor(row=min(keep, len(self.rows) - 1))
        table.measure()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        action = (event.button.id or "").rsplit("--", 1)[-1]
        if action == "add":
            self.add_row()
        elif action == "edit":
            self.edit_row(self.table.cursor_row)
        elif action == "copy":
            self.copy_row(self.table.cursor_row)
        elif action == "remove":
            self.remove_row(self.table.cursor_row)

    def on_paste(self, event: events.Paste) -> None:
        if self.pasted is not None:
            event.stop()
            self.pasted(event.text)

    def rows_added(self, first: int) -> None:
        """Rows were appended from ``first`` on (by a paste): redraw, cursor on the first."""
        self.post_message(RowsChanged(self.list_path))
        self.refresh_rows()
        self.table.move_cursor(row=first)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.edit_row(event.cursor_row)

    # -- actions

    def add_row(self) -> None:
        index = self._append({})
        if index is not None:
            self._added = index
            self.edit_row(index)

    def copy_row(self, index: int) -> None:
        """A copy of the row after the last one, its form open (a row much like another:
        the same 費目 in another month, a second trip)."""
        if not 0 <= index < len(self.rows):
            return
        copy = self._append(dict(self.rows[index].model_copy(deep=True)))
        if copy is not None:
            self.edit_row(copy)

    def _append(self, values: dict[str, Any]) -> int | None:
        """Append a row with ``values`` and put the cursor on it; None (and said) when the
        list holds the pack's limit already."""
        doc = self.app.doc
        if not doc.room_for_a_row(self.list_path):  # the pack's limit: said, not a crash
            self.app.notify(t("table.full", name=field_label(self.list_path),
                              limit=doc.pack.max_rows), severity="warning", timeout=8)
            return None
        index = doc.add_row(self.list_path, **values)
        self.post_message(RowsChanged(self.list_path))
        self.refresh_rows()
        self.table.move_cursor(row=index)
        return index

    def edit_row(self, index: int, focus: str = "") -> None:
        if not 0 <= index < len(self.rows):
            return
        title = t("table.editing", name=field_label(self.list_path), n=index + 1)
        fields = list(self.form(self.list_path, index))
        self.app.hold_keys()  # until the form has focused its field
        self._editing = True
        self.app.push_screen(RowEditor(title, fields, focus), lambda _: self._edited(index))

    def remove_row(self, index: int) -> None:
        if not 0 <= index < len(self.rows):
            return
        question = t("table.confirm_remove", name=field_label(self.list_path), n=index + 1)
        also = self.removing(index) if self.removing is not None else ""
        if also:
            question += "\n" + also

        def done(yes: bool | None) -> None:
            if yes:
                self.app.doc.remove_row(self.list_path, index)
                self.post_message(RowsChanged(self.list_path))
                self.refresh_rows()
                self.table.focus()

        self.app.confirm(question, done)

    def _edited(self, index: int) -> None:
        """The form closed: a row added and left blank is taken away again."""
        self._editing = False
        if self._added == index and self.app.doc.row_is_blank(self.list_path, index):
            self.app.doc.remove_row(self.list_path, index)
            self.post_message(RowsChanged(self.list_path))
        self._added = None
        self.refresh_rows()
        self.table.focus()

    def focus_row(self, index: int, field: str = "", open_form: bool = False) -> None:
        """Put the cursor on a row; open its form at ``field`` when asked."""
        self.table.focus()
        if 0 <= index < len(self.rows):
            self.table.move_cursor(row=index)
            if open_form:
                self.edit_row(index, field)


class RowFact(Wrapped):
    """A value the row's form computes from the row (a foreign-currency row's yen), shown
    among its fields and recomputed after each edit in the form."""

    def __init__(self, compute: Callable[[], str], **kwargs: Any) -> None:
        super().__init__(compute(), **kwargs)
        self.compute = compute

    def recompute(self) -> None:
        self.update(self.compute())


class RowForm(LazyBoxes, VerticalScroll):
    """The scrolling part of a row's form: its boxes far below the view are built when
    they come near (a co-applicant's form is twice the dialog's height)."""


class RowEditor(QuickScreen, ModalScreen[None]):
    """The form for one row; changes apply at once, Escape closes it."""

    # the form's fields are focused by ``on_mount``: focusing the scrolling form first, as
    # Textual would, restyles all its fields twice (when it gains and loses the focus)
    AUTO_FOCUS = ""

    BINDINGS = make(CLOSE_KEYS + FOCUS_KEYS + FORM_KEYS)

    def __init__(self, title: str, fields: list[Widget], focus: str = "") -> None:
        super().__init__(classes="row-editor")
        localize(self, CLOSE_KEYS + FOCUS_KEYS + FORM_KEYS)
        self.title_text = title
        self.fields = fields
        self.focus_path = focus
        self._facts: list[RowFact] | None = None  # found on the first change

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Wrapped(self.title_text, classes="dialog-title")
            form = RowForm(classes="form")
            form.can_focus = False  # Tab goes from field to field; the form scrolls to them
            with form:
                yield from self.fields
            yield Button(t("key.close"), id="row-editor-close", compact=True)

    def on_mount(self) -> None:
        target = None
        if self.focus_path:
            found = self.query("#" + widget_id(self.focus_path))
            if not found:  # its box not built yet: building it makes it
                found = self.query("#" + widget_id(self.focus_path) + "--box")
            target = focus_target(found.first()) if found else None
        if target is None:  # the first field (not the scrolling form around the fields)
            target = next((w for w in self.query("*")
                           if w.focusable and not isinstance(w, VerticalScroll)), None)
        if target is not None:
            self.set_focus(target)
        self.app.release_keys()

    def lazy_boxes(self) -> RowForm | None:
        forms = self.query(RowForm)
        return forms.first() if forms else None

    def row_changed(self) -> None:
        """A field of the form was stored: recompute what the form derives from it. (Its
        facts are found once: looking through the whole form on every key cost more than
        the rest of the key's handling.)"""
        if self._facts is None:
            self._facts = list(self.query(RowFact))
        for fact in self._facts:
            fact.recompute()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "row-editor-close":
            event.stop()
            self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_hint(self) -> None:
        """F2: the writing help of the focused field, as in the wizard."""
        from gs_assistant.tui.widgets.fields import FieldBox

        focused = self.focused
        box = next((a for a in (focused, *focused.ancestors) if isinstance(a, FieldBox)),
                   None) if focused is not None else None
        if box is None or not box.toggle_hint():
            self.notify(t("wizard.no_hint"))
        else:
            box.scroll_visible(animate=False)
