"""Keys handled one at a time, in the order they were typed.

Textual hands each key to the focused widget's queue at once, but a key binding (Tab,
Backspace in a field, ``a`` on a table, F4) acts only after the key has travelled through
that widget and its parents back to the app. Keys typed quickly, or read while the app is
busy, were meanwhile handed to the old widget: text typed after Tab landed in the
previous field, and keys typed as a form opened were lost.

``KeyOrder`` makes the app read the next key only when the previous one has been dealt
with: a widget stopped it (a character typed into a field), it came back to the app (a
binding ran), or a binding handled it before it was handed on. A form that is opening
can hold the keys until its field has the focus (``hold``/``release``). A key handed to a
screen that is then closed (Escape closing a form, with F3 typed right after it) would be
lost with that screen: it is handed again to the screen now in front (``screen_changed``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from time import monotonic
from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from textual.app import App

STUCK_SECONDS = 2.0  # a key never seen again (its widget went away) stops holding others
HOLD_SECONDS = 5.0  # the longest a form that is opening holds the keys (a slow machine)


class OrderedKey(events.Key):
    """A key that tells its ``KeyOrder`` when a widget stops it."""

    __slots__ = ["abandoned", "order"]

    def __init__(self, key: str, character: str | None, order: KeyOrder) -> None:
        super().__init__(key, character)
        self.order = order
        self.abandoned = False  # handed again after its screen was closed

    def stop(self, stop: bool = True) -> OrderedKey:
        super().stop(stop)
        if stop:
            self.order.done(self)
        return self


OrderedKey.handler_name = events.Key.handler_name  # handled exactly like a key


class KeyOrder:
    """The app's keys, one in flight at a time."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.pending: deque[OrderedKey] = deque()
        self.in_flight: OrderedKey | None = None
        self.since = 0.0
        self.holding = False
        self.screen: object = None  # the screen in front when the key in flight was read

    async def handle(self, event: events.Event,
                     dispatch: Callable[[events.Event], Awaitable[None]]) -> None:
        """The app's ``on_event``: ``dispatch`` is Textual's own handling."""
        if not isinstance(event, events.Key):
            await dispatch(event)
            return
        if event.is_forwarded:  # a key back from its journey: bindings run now
            if getattr(event, "abandoned", False):
                return  # its screen was closed and the key was handed on again
            await dispatch(event)
            self.done(event)
            return
        if not isinstance(event, OrderedKey):
            event = OrderedKey(event.key, event.character, self)
            if self.busy():
                self.pending.append(event)
                self.app.set_timer(STUCK_SECONDS, self.unstick)
                return
            self.in_flight, self.since = event, monotonic()
        elif event is not self.in_flight:
            return  # already delivered (after a stuck key was given up)
        self.screen = self.app.screen
        await dispatch(event)
        if not event.is_forwarded:  # a priority binding dealt with it
            self.done(event)

    def busy(self) -> bool:
        return self.holding or self.in_flight is not None or bool(self.pending)

    def done(self, event: events.Key) -> None:
        if event is not self.in_flight:
            return
        self.in_flight = None
        self._next()

    def _next(self) -> None:
        if self.holding or self.in_flight is not None or not self.pending:
            return
        self.in_flight, self.since = self.pending.popleft(), monotonic()
        self.app.post_message(self.in_flight)

    def unstick(self) -> None:
        if self.in_flight is not None and monotonic() - self.since >= STUCK_SECONDS:
            self.in_flight = None
        self._next()

    def screen_changed(self, screen: object) -> None:
        """A screen was closed or opened: a key in flight to a screen that is gone is
        handed to the app again, to go to the screen now in front."""
        key = self.in_flight
        if key is None or self.screen is screen or self.screen in self.app.screen_stack:
            return
        key.abandoned = True
        self.in_flight = OrderedKey(key.key, key.character, self)
        self.since = monotonic()
        self.app.post_message(self.in_flight)

    def hold(self) -> None:
        """Keep the keys read from now on until ``release``."""
        if not self.holding:
            self.holding = True
            self.app.set_timer(HOLD_SECONDS, self.release)

    def release(self) -> None:
        self.holding = False
        self._next()
