"""The footer, redrawn only when the keys it shows change.

Textual's Footer rebuilds itself on every focus change; with a form of many fields that
rebuild (and the layout it triggers) is most of the cost of pressing Tab.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from gs_assistant.tui.bindings import PACKAGE_KEYS, TABLE_KEYS

NOT_DUE = "-not-due"  # a key shown before, hidden until due again (gs_assistant.tcss)


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)
        self._shown: tuple = ()

    def bindings_changed(self, screen: Screen) -> None:
        shown = self._keys_of(screen)
        if shown == self._shown and self._bindings_ready:
            return
        self._shown = shown
        if (screen.app.app_focus and self.is_attached
                and screen is self.screen and self._update_in_place()):
            return
        super().bindings_changed(screen)

    def _update_in_place(self) -> bool:
        """Show the keys now due (the screen's first focus, or the focus moved to a field
        of another kind, as when a step opens) by adding and removing the keys that
        differ, at once, so that the layout under way places them: Textual built the
        whole footer after the next frame instead (the first keys too, a screen's first
        frame drawn without them), and its new keys laid the screen out once more and were
        all styled and drawn. False (built again) when a key is in a group."""
        from difflib import SequenceMatcher

        from gs_assistant.tui.widgets.lazy import composed

        # Textual's compose sets the footer's grid column count (its horizontal layout
        # does not use it) as a style, and a style set on the footer redraws every key:
        # set first, quietly, it is unchanged there
        actions = {binding.action for _, binding, _, _ in self.screen.active_bindings.values()
                   if binding.show}
        self.styles.set_rule("grid_size_columns", len(actions))
        self._bindings_ready = True  # Textual's compose yields no key before
        fresh = composed(self)
        live = list(self.children)
        if not all(type(key) is FooterKey for key in (*live, *fresh)):
            return False
        if not live:  # the first keys, placed by the screen's first layout
            self.mount_all(fresh)
            return True
        matcher = SequenceMatcher(None, [_identity(k) for k in live],
                                  [_identity(k) for k in fresh], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            for old, new in zip(live[i1:i2], fresh[j1:j2], strict=False):
                _show_as(old, new)
            if op in ("insert", "replace") and j2 - j1 > i2 - i1:
                added = fresh[j1 + (i2 - i1):j2]
                if i2 < len(live):
                    self.mount_all(added, before=live[i2])
                else:
                    self.mount_all(added)
            for extra in live[i1 + (j2 - j1):i2]:
                # hidden, not removed: removing a key restyles and redraws the others
                extra.add_class(NOT_DUE)
        return True

    @staticmethod
    def _keys_of(screen: Screen) -> tuple:
        return tuple(
            (key, b.action, b.description, enabled)
            for key, (_, b, enabled, _) in screen.active_bindings.items() if b.show
        )

    def relabel(self) -> None:
        """The keys' descriptions in the current language, on the keys shown (a language
        switch); built again only when other keys are due meanwhile."""
        from gs_assistant.tui.widgets.relabel import Mismatch, composed, relabel_children

        if not self._bindings_ready:
            return
        fresh = composed(self)
        try:
            if len(fresh) != len(self.children):
                raise Mismatch("other keys")
            relabel_children(self, fresh)
        except Mismatch:
            self._shown = ()
            self.bindings_changed(self.screen)
            return
        self._shown = self._keys_of(self.screen)

    def compose(self) -> ComposeResult:
        """The keys in a stable order (the wizard's and the app's keys always in the same
        places, keys of the focused widget such as a table's after them), each carrying its
        action as a class (``-action-toggle_scope``) so that the stylesheet can leave keys
        out on a small terminal."""
        from gs_assistant.tui.bindings import ALL_KEYS, REVIEW_KEYS, WIZARD_KEYS

        actions = [k.action for k in WIZARD_KEYS + REVIEW_KEYS]
        actions += ["quit_app", "save", "help", "toggle_lang"]
        actions += [k.action for k in ALL_KEYS if k.action not in actions]
        order = {action: n for n, action in enumerate(actions)}
        widgets = list(super().compose())
        keys = [w for w in widgets if isinstance(w, FooterKey)]

        # Narrower than the keys, the focused widget's own keys (a table's 追加 / 削除 /
        # 状態) come first: they are what the user needs there, and the wizard's keys are
        # in F1's list; elsewhere they come after the wizard's keys.
        narrow = self.screen.has_class("-narrow")

        def rank(key: FooterKey) -> tuple[int, int]:
            action = key.action.rsplit(".", 1)[-1]
            widget_key = action in {k.action for k in TABLE_KEYS + PACKAGE_KEYS}
            return (0 if widget_key == narrow else 1, order.get(action, len(order)))

        keys.sort(key=rank)
        for key in keys:
            key.add_class("-action-" + key.action.rsplit(".", 1)[-1])
            # compact already, as the footer's data binding makes it at mount: set then,
            # it restyled each key once more
            key.compact = self.compact
            yield key
        yield from (w for w in widgets if not isinstance(w, FooterKey))


def _identity(key: FooterKey) -> tuple:
    return key.key, key.action


def _show_as(live: FooterKey, fresh: FooterKey) -> None:
    """``live`` shows what ``fresh`` would (drawn again only when something differs)."""
    if (live.key, live.key_display, live.description, live.action, live._disabled,
            live.tooltip, live.classes) == (fresh.key, fresh.key_display, fresh.description,
                                            fresh.action, fresh._disabled, fresh.tooltip,
                                            fresh.classes):
        return
    live.key, live.key_display = fresh.key, fresh.key_display
    live.description, live.action = fresh.description, fresh.action
    live._disabled, live.tooltip = fresh._disabled, fresh.tooltip
    if live.classes != fresh.classes:
        live.set_classes(fresh.classes)
    live.refresh(layout=True)
