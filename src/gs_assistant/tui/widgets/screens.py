"""What the wizard's screens share to open quickly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from textual import events, messages
from textual._time import get_time
from textual.geometry import Size
from textual.renderables.background_screen import BackgroundScreen
from textual.scrollbar import ScrollBar, ScrollBarCorner
from textual.widget import Widget
from textual.widgets._toast import ToastRack

from gs_assistant.tui.widgets.lazy import LazyBoxes, focus_target

if TYPE_CHECKING:
    from textual.screen import Screen


class QuickScreen:
    """A screen mixin for screens with many widgets (the wizard, a row's form).

    A resize to the size already laid out, with no layout pending, changes nothing:
    Textual sends a new screen such a resize two or three times, and each laid out and
    drew the whole screen again.

    The first resume of a new screen does not restyle every widget on it. Textual
    restyles a screen's whole tree each time it comes to the front, so that styles
    changed while it was hidden apply; a screen that has just been mounted was
    styled as its widgets were added, and restyling them again costs as much as styling
    them (about 0.2 s for a row's form on the project's machines). Later resumes (after a
    dialog closes) restyle as usual.

    A layout does not ask for another one by itself (``settle_new_sizes``).

    The notifications' rack starts hidden, as its stylesheet has it: Textual hides it
    again (no notification to show) right after the first frame, which laid out and drew
    the whole screen once more."""

    _resumed_before = False
    _laid_out_at = 0.0  # when the last whole layout began (Textual's clock)
    _laying_out = False  # within a whole layout

    _still: tuple[tuple, StillBackground] | None = None

    def render(self):
        """A dialog's dimmed view of the screen behind it, made once: Textual drew the
        whole screen behind again, and tinted every character of it, in each layout of
        the dialog (three as a row's form opens). What is behind does not change while
        a dialog is in front (the wizard's refresh waits for it to close)."""
        rendered = super().render()
        if not isinstance(rendered, BackgroundScreen):
            return rendered
        key = (rendered.screen, rendered.screen.size, rendered.color)
        if self._still is None or self._still[0] != key:
            self._still = (key, StillBackground(rendered))
        return self._still[1]

    def _extend_compose(self, widgets: list[Widget]) -> None:
        super()._extend_compose(widgets)
        for widget in widgets:
            if isinstance(widget, ToastRack):
                widget.display = False  # shown when there is a notification to show

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._resumed_before:
            self._resumed_before = True
            event.refresh_styles = False

    async def _on_layout(self, message: messages.Layout) -> None:
        if isinstance(message.widget, ScrollBar | ScrollBarCorner):
            # a scroll bar asks for a layout as it is made and shown, in the layout that
            # placed it (its widget decides it has one, and asks for that layout itself):
            # another layout would place everything where it is
            message.stop()
            message.prevent_default()
            return
        if message.time < self._laid_out_at:
            # asked for before the last whole layout began: that layout placed it (the
            # wish, sent when the widget was next idle, reached the screen after it)
            message.stop()
            message.prevent_default()
            return
        await super()._on_layout(message)

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        if not scroll:
            self._laid_out_at = get_time()
        before = layout_state(self)
        self._laying_out = not scroll
        try:
            super()._refresh_layout(size, scroll)
        finally:
            self._laying_out = False
        settle_new_sizes(self, before)
        boxes = self.lazy_boxes()
        if boxes is not None:
            boxes.placed()  # builds the boxes that came near the view

    def _compositor_refresh(self) -> None:
        """Draw what changed. Drawn by a layout, the widgets it added or resized are drawn
        whole, as they are after it: a repaint one of them asked for before (as the layout
        gave it its size: every new widget does) is done, and is dropped, here or when it
        reaches the screen (``_on_update``). Textual did each once more, in a frame of its
        own right after (the whole step, as a step opens). A repaint asked for while it is
        drawn still is, and so is a scroll bar's: a bar is drawn from what its widget
        measures, which a list measures as it is drawn (the country list's bar was left
        undrawn at 80x24)."""
        if self._laying_out:
            for widget in self._drawn_whole():
                widget._repaint_required = False
        super()._compositor_refresh()

    def _drawn_whole(self) -> list[Widget]:
        """The widgets the last whole layout added or resized, scroll bars left out."""
        return [widget for widget in getattr(self._compositor, "placed", ())
                if not isinstance(widget, ScrollBar | ScrollBarCorner)]

    async def _on_update(self, message: messages.Update) -> None:
        if message.time < self._laid_out_at and message.widget in self._drawn_whole():
            message.stop()  # asked for before the layout that drew it whole
            message.prevent_default()
            return
        await super()._on_update(message)

    def lazy_boxes(self) -> LazyBoxes | None:
        """The container whose boxes far below the view are built when they come near
        (the shown step, a row's form); None: none."""
        return None

    def set_focus(self, widget: Widget | None, scroll_visible: bool = True,
                  from_app_focus: bool = False) -> None:
        """A box not built yet (Tab, a click) is built and its control focused, at once,
        so that keys typed right after go to the control."""
        super().set_focus(focus_target(widget), scroll_visible, from_app_focus)

    def _screen_resized(self, size: Size) -> None:
        if size == self._compositor.size and not self._layout_required:
            return
        super()._screen_resized(size)


class StillBackground:
    """A renderable drawn once and replayed (for each width asked)."""

    def __init__(self, renderable: BackgroundScreen) -> None:
        self.renderable = renderable
        self.segments: dict[int, list[Segment]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions):
        width = options.max_width
        if width not in self.segments:
            self.segments[width] = list(console.render(self.renderable, options))
        return self.segments[width]


def layout_state(screen: Screen) -> dict[Widget, tuple[bool, bool, bool]]:
    """Each widget's wish for a layout and its scroll bars, before a layout. A widget
    the screen has not placed yet is placed by this layout, as it is: its wish is moot."""
    placed = screen._compositor.widgets
    return {widget: (widget._layout_required and widget in placed,
                     widget.show_vertical_scrollbar, widget.show_horizontal_scrollbar)
            for widget in screen.walk_children(Widget)}


def settle_new_sizes(screen: Screen, before: dict[Widget, tuple[bool, bool, bool]]) -> None:
    """Drop the layouts that a layout asked for itself: Textual gives each widget it
    places its size and virtual size, and a new virtual size (every new widget's) asks
    for another layout of the screen, which would place everything where it already is.
    The virtual size decides only a widget's scroll bars, which Textual has set by then:
    a widget whose bars came or went still gets its layout, as does one that asked for
    a layout before this one."""
    for widget in screen._compositor.widgets:
        if widget._layout_required:
            state = before.get(widget, (False, False, False))
            if not state[0] and state[1:] == (widget.show_vertical_scrollbar,
                                                widget.show_horizontal_scrollbar):
                widget._layout_required = False
