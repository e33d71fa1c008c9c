"""Field boxes far below the view built when they come near (steps, row forms)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from textual.compose import compose
from textual.widget import Widget

DEFER_BOXES = True  # build the parts of boxes far below the view when they come near
AHEAD_LINES = 10  # built beyond the terminal's height when a step opens


def _in_order(widgets: Iterable[Widget]) -> Iterator[Widget]:
    """Composed widgets and what they hold, in the order they are laid out (before they
    are mounted, a container's children are its pending ones), but for hidden ones."""
    for widget in widgets:
        if widget.display:  # hidden, it and what it holds take no lines
            yield widget
            yield from _in_order(widget._pending_children)


def _deferrable(widget: Widget) -> bool:
    """A field's box, or a table of rows: built when needed (``defer``, ``deferred``,
    ``build``, ``min_lines`` and ``control``, the widget to focus)."""
    return callable(getattr(widget, "defer", None))


def _min_lines(widget: Widget) -> int:
    """The fewest lines a widget other than a field's box takes (0: not counted, or
    only through what it holds): a heading its line and the line above it, a table of
    rows its border, header and buttons (``gs_assistant.tcss``; a widget says so with a
    ``MIN_LINES`` of its own)."""
    lines = getattr(widget, "MIN_LINES", 0)
    if lines:
        return lines
    if widget.has_class("section"):
        return 2
    return 0


class LazyBoxes:
    """A scrolling container of field boxes (a step, a row's form) built in two goes.

    The boxes that can be in view when it opens are built whole; those after them (and
    tables of rows) are mounted as the box alone (``FieldBox.defer``,
    ``RecordTable.defer``, of the height its parts will take) and
    get their parts when they come near the view (after a layout, ``placed``, or
    scrolling), when Tab or a click focuses them (the screen builds a box it is asked to
    focus, ``focus_target``) or when something asks for their control (jump-to-fix,
    ``FieldBox.control``). Mixed in before ``VerticalScroll``."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._deferred: list[Widget] = []  # boxes and tables (``_deferrable``)
        self._where: dict[Widget, tuple[int, int]] = {}

    async def mount_composed_widgets(self, widgets: list[Widget]) -> None:
        # the boxes' fewest lines, counted from the top: past the terminal's height (and
        # a margin) a box cannot be in view when the step opens. Their questions wrap at
        # most as wide as what holds this container (the steps' switcher, laid out
        # already), else as wide as the terminal
        (width, height), lines = self.app.size, 0
        holder = self.parent
        if isinstance(holder, Widget) and holder.size.width:
            width = min(width, holder.size.width)
        for widget in _in_order(widgets):
            if not _deferrable(widget):
                lines += _min_lines(widget)
                continue
            if lines >= height + AHEAD_LINES and DEFER_BOXES and widget.defer():
                self._deferred.append(widget)
            lines += widget.min_lines(width)
        if lines > height:
            # surely taller than the view: laid out with its scroll bar from the first
            # layout (else the bar appears after it, every box is narrowed and its text
            # wrapped again, and the screen is laid out once more)
            self.show_vertical_scrollbar = True
        await super().mount_composed_widgets(widgets)

    @property
    def deferred_boxes(self) -> list[Widget]:
        """The boxes whose parts are not built yet."""
        return [box for box in self._deferred if box.deferred]

    def build_all(self) -> None:
        """Build every box (e.g. before reading every control)."""
        for box in self.deferred_boxes:
            box.build()
        self._deferred, self._where = [], {}

    def placed(self) -> None:
        """After a layout of the whole screen: note where the boxes not built yet are,
        in the step's scrolled space, and build those near the view."""
        self._deferred = self.deferred_boxes
        if not self._deferred or not self.display:
            self._where = {}
            return
        compositor = self.screen._compositor
        if compositor._full_map_invalidated:  # a scroll: positions are as last noted
            self._where = {box: where for box, where in self._where.items()
                           if box in self._deferred}
            self.build_near()
            return
        self._where = {}
        placed = compositor._full_map
        if self not in placed:
            return
        top = placed[self].region.y - self.scroll_offset.y
        for box in self._deferred:
            if box in placed:
                region = placed[box].region
                self._where[box] = (region.y - top, region.bottom - top)
        self.build_near()

    def build_near(self) -> None:
        """Build the boxes in view or within ``AHEAD_LINES`` of it (no more than the step
        built when it opened, so that its first layout does not build more)."""
        if not self._where:
            return
        low = self.scroll_offset.y - AHEAD_LINES
        high = self.scroll_offset.y + self.size.height + AHEAD_LINES
        for box, (top, bottom) in list(self._where.items()):
            if bottom > low and top < high:
                box.build()
                del self._where[box]

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.build_near()


def focus_target(widget: Widget | None) -> Widget | None:
    """What to focus for ``widget``: a box not built yet (reached by Tab or a click) is
    built and its control focused, at once, so that keys typed right after go there."""
    if _deferrable(widget) and widget.deferred:
        return widget.control
    return widget


def composed(widget: Widget) -> list[Widget]:
    """The children ``widget`` would be built with, made but not mounted."""
    from textual._context import active_message_pump

    token = active_message_pump.set(widget)  # as when it composes itself (data binds)
    try:
        return [*widget._pending_children, *compose(widget)]
    finally:
        active_message_pump.reset(token)
