"""What the wizard's larger screens share to open quickly."""

from __future__ import annotations

from textual import events
from textual.geometry import Size


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
    dialog closes) restyle as usual."""

    _resumed_before = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._resumed_before:
            self._resumed_before = True
            event.refresh_styles = False

    def _screen_resized(self, size: Size) -> None:
        if size == self._compositor.size and not self._layout_required:
            return
        super()._screen_resized(size)
