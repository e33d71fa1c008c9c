"""The footer, redrawn only when the keys it shows change.

Textual's Footer rebuilds itself on every focus change; with a form of many fields that
rebuild (and the layout it triggers) is most of the cost of pressing Tab.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)
        self._shown: tuple = ()

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (key, b.action, b.description, enabled)
            for key, (_, b, enabled, _) in screen.active_bindings.items() if b.show
        )
        if shown == self._shown and self._bindings_ready:
            return
        self._shown = shown
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        """Each key carries its action as a class (``-action-toggle_scope``) so that the
        stylesheet can leave keys out on a small terminal."""
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.add_class("-action-" + widget.action.rsplit(".", 1)[-1])
            yield widget
