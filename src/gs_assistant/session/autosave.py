"""When to autosave: once typing pauses, but never later than a bound after the first
unsaved edit, so that steady typing is saved too.

Times are whatever monotonic clock the caller reads (seconds); nothing here reads a clock.
"""

from __future__ import annotations

from dataclasses import dataclass

LONGEST = 1.5  # x pause: the longest an edit waits to be saved under steady typing


@dataclass
class AutosavePolicy:
    pause: float  # seconds without a key after which the edit is saved
    longest: float = LONGEST
    unsaved_since: float | None = None  # the first edit not yet in a snapshot
    last_edit: float = 0.0

    def edited(self, now: float) -> float:
        """An edit at ``now``: how long from now the save is due (if no more edits come)."""
        self.last_edit = now
        if self.unsaved_since is None:
            self.unsaved_since = now
        return self.wait(now)

    def wait(self, now: float) -> float:
        """Seconds from ``now`` until the save is due: the pause after the last edit, or
        the longest wait after the first unsaved one, whichever is sooner."""
        if self.unsaved_since is None:
            return self.pause
        latest = self.unsaved_since + self.pause * self.longest
        return max(0.0, min(self.last_edit + self.pause, latest) - now)

    def due(self, now: float) -> bool:
        """A timer fired at ``now``: save now? (False: nothing to save, or wait longer.)"""
        return self.unsaved_since is not None and self.wait(now) <= 0.001

    @property
    def pending(self) -> bool:
        return self.unsaved_since is not None

    def saved(self) -> None:
        """A snapshot of the document was taken (it will be written): nothing unsaved."""
        self.unsaved_since = None
