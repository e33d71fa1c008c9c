"""Option lists that draw again only when what they show changed: refilled without laying
out the screen when only their words changed, and kept when a layout leaves their width."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class SteadyOptionList(OptionList):
    """An option list that keeps its lines when it is resized to the width it measured
    them at. Textual's forgets them at every resize, and a new screen's lists are told
    their size after the first frame, so each measured and drew all its options again
    (and the screen made one more frame) for nothing: they depend on the width alone."""

    _lines_width: int | None = None  # the width the lines were measured at; -1: mixed

    def _width(self) -> int:
        return self.scrollable_content_region.width - self._get_left_gutter_width()

    def _update_lines(self) -> None:
        measured = len(self._line_cache.lines)
        super()._update_lines()
        if len(self._line_cache.lines) != measured:
            width = self._width()
            if self._lines_width is None or not measured:
                self._lines_width = width
            elif self._lines_width != width:
                self._lines_width = -1

    def _clear_caches(self) -> None:
        self._lines_width = None
        super()._clear_caches()

    def _on_resize(self, event: events.Resize) -> None:
        if self._lines_width == self._width():
            event.prevent_default()  # Textual's handler (the next in line) clears them


def set_options(options: OptionList, entries: list[Option]) -> bool:
    """Make ``options`` show ``entries``. When they are the same rows (the same ids in the
    same order), only the rows that read differently are replaced and the highlight stays:
    True. Otherwise the list is cleared and filled again: False. (Clearing and refilling
    changes the list's virtual size twice, and each change lays out the whole screen; a
    list refreshed after every key must not.)"""
    if [o.id for o in entries] != [o.id for o in options.options]:
        options.clear_options()
        options.add_options(entries)
        return False
    for index, (old, new) in enumerate(zip(options.options, entries, strict=True)):
        if _looks(old.prompt) != _looks(new.prompt):
            options.replace_option_prompt_at_index(index, new.prompt)
    return True


def _looks(prompt: object) -> object:
    """What a prompt shows: rich ``Text`` compares equal whatever its own style is."""
    if isinstance(prompt, Text):
        return prompt.plain, str(prompt.style), prompt.spans, prompt.justify
    return prompt
