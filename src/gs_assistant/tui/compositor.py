"""Wide characters kept whole where one widget is drawn over another's edge.

Textual (8.2.8, pinned; upstream issue Textualize/textual#6357, open) builds each screen
line from pieces: it cuts the line at every widget's left and right edge
(``Compositor.cuts``), cuts each widget's own line at all of those places, and lets the
front-most widget win each piece. Rich's ``Segment.divide`` turns a double-width
character that straddles a cut into two spaces. So a pop-up message, a dropdown or a
dialog drawn over another widget's border lost the Japanese characters that happened to
sit on that border: 「この欄には記入のヒン  がありません」.

``WideCompositor`` cuts a widget's line only where a widget in front really takes over:
the consecutive pieces a widget wins become one piece, held by the first piece's slot,
with an empty strip in the other slots so no widget behind claims them. A character is
still cut (to spaces) where a widget in front covers half of it, which is what the screen
should show. A partial update (``ChopsUpdate``) writes a piece from its slot's column to
its slot's end: the ends are taken from the pieces' own widths, and a dirty span that
reaches into a joined piece is widened to the whole piece, so no write stops in the
middle of a character either.

Only ``_render_chops`` and ``render_partial_update`` are overridden for that; everything
else is Textual's, but for ``reflow`` and ``update_widgets``: Textual arranged every widget
of the screen twice in a layout that places new widgets (see ``WideCompositor.reflow``),
and again after a repaint of a widget out of view (``update_widgets``). The wizard's screens are
given this compositor when they are registered
(``use_wide_compositor``); ``tests/tui/test_wide_characters.py`` checks the screen text
under pop-ups, and that Textual is still the version this was written against.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip

TEXTUAL_VERSION = "8.2.8"  # the version whose compositor this adapts (see the test)

_EMPTY = Strip([], 0)


class WideCompositor(Compositor):
    """Textual's compositor, cutting a widget's line only where another widget covers it."""

    placed: frozenset | set = frozenset()  # the widgets the last layout added or resized

    def reflow(self, parent, size):
        """Lay out the screen once. Textual marks its map of every widget out of date when
        a widget it has not placed yet (a new step's, a dialog's) is to be drawn, and keeps
        it so through the layout that places them: the first widget asking where it is
        during or after that layout (a scroll bar being sized, the focused field) had the
        whole screen arranged a second time, the same arrangement the layout makes. Here
        the layout's own arrangement is the map: during the layout, widgets see the map it
        replaces (as they do in any layout that places no new widget), and after it, its
        result."""
        self._full_map_invalidated = False
        result = super().reflow(parent, size)
        self._full_map_invalidated = False
        self.placed = result.shown | result.resized
        return result

    def update_widgets(self, widgets: set) -> None:
        """Repaint ``widgets``. Textual marks its map of every widget out of date when one
        of them is not in view, taking it for a new widget; one it placed already (a box
        below the view, a hidden key of the footer) is where the map says, and a repaint
        moves nothing: the next widget asking where it is had the whole screen arranged
        again."""
        fresh = not self._full_map_invalidated
        super().update_widgets(widgets)
        if fresh and self._full_map_invalidated and widgets <= self._full_map.keys():
            self._full_map_invalidated = False

    def _render_chops(
        self, crop: Region, is_rendered_line: Callable[[int], bool]
    ) -> Sequence[Mapping[int, Strip]]:
        """The pieces of every line to draw, each from the front-most widget there.

        Textual renders every widget whose *container* meets the crop (the box around
        what changed): a key typed into one field had every field of the step, the step
        list, the checklist and the footer render their lines again (from their caches,
        but 20-odd widgets a key). Here a widget renders only when it wins a piece of a
        line being drawn, and only those lines of it: the widgets wholly outside the crop
        still hold their pieces of those lines, unrendered, so that no widget behind them
        claims them and gets written over them; a container wholly behind the widgets in
        front of it renders nothing."""
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(line[:-1]) for line in cuts]
        overlaps = crop.overlaps
        for widget, (region, clip) in self.visible_widgets.items():
            visible = region.intersection(clip)
            if not visible.area:
                continue
            first_cut, last_cut = visible.column_span
            if not overlaps(visible):
                for y in visible.line_range:
                    if is_rendered_line(y):
                        line = chops[y]
                        for cut in cuts[y]:
                            if last_cut > cut >= first_cut and line.get(cut, _EMPTY) is None:
                                line[cut] = _EMPTY
                continue
            # its whole width (the pieces it wins are cut from it), the crop's lines
            lines = visible.intersection(Region(visible.x, crop.y, visible.width, crop.height))
            won = {}
            for y in lines.line_range:
                if is_rendered_line(y):
                    edges = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
                    runs = list(_runs_won(chops[y], edges))
                    if runs:
                        won[y] = runs
            if not won:
                continue
            strips = widget.render_lines(lines.translate((-region.x, -region.y)))
            x = visible.x
            for y, runs in won.items():
                strip, line = strips[y - lines.y], chops[y]
                for start, slots, end in runs:
                    line[start] = strip.crop(start - x, end - x)
                    for slot in slots:
                        line[slot] = _EMPTY
        return chops  # type: ignore[return-value]  # every slot is filled

    def render_partial_update(self) -> ChopsUpdate | None:
        update = super().render_partial_update()
        if update is None:
            return None
        joined: dict[int, list[tuple[int, int]]] = {}  # line -> pieces longer than a slot
        for y, (line, ends) in enumerate(zip(update.chops, update.chop_ends, strict=True)):
            new_ends = []
            for (x, strip), end in zip(line.items(), ends, strict=True):
                if strip is not None and x + strip.cell_length != end:
                    end = x + strip.cell_length
                    if strip.cell_length:
                        joined.setdefault(y, []).append((x, end))
                new_ends.append(end)
            update.chop_ends[y] = new_ends
        update.spans = [_widen(span, joined.get(span[0], ())) for span in update.spans]
        return update


def _runs_won(line: dict[int, Strip | None], edges: list[int]):
    """(start, later slots, end) of each run of consecutive pieces between ``edges`` that
    no widget in front has taken yet."""
    start = None
    slots: list[int] = []
    for left, right in pairwise(edges):
        if line.get(left) is None:
            if start is None:
                start, slots = left, []
            else:
                slots.append(left)
            end = right
            continue
        if start is not None:
            yield start, slots, end
            start = None
    if start is not None:
        yield start, slots, end


def _widen(span: tuple[int, int, int], pieces) -> tuple[int, int, int]:
    """A dirty span widened to whole joined pieces wherever it reaches into one."""
    y, x1, x2 = span
    for left, right in pieces:
        if left < x2 and right > x1:
            x1, x2 = min(x1, left), max(x2, right)
    return y, x1, x2


def use_wide_compositor(screen: Screen) -> None:
    """Give ``screen`` the wide-character-safe compositor (before its first layout)."""
    if type(screen._compositor) is Compositor:
        screen._compositor = WideCompositor()
