"""The outcome of one batch audit: what ``batch.py`` produces and ``summary.py`` writes out."""

from __future__ import annotations

from dataclasses import dataclass

from gs_assistant.audit.worker import FileResult, Settings
from gs_assistant.rules import RulePack
from gs_assistant.rules.report import M

EXIT_OK, EXIT_NOT_MET, EXIT_UNREADABLE, EXIT_INTERRUPTED = 0, 1, 2, 130


@dataclass(slots=True)
class Audit:
    """The outcome of one batch audit."""

    results: list[FileResult]
    pack: RulePack
    settings: Settings
    jobs: int
    docx_note: M | None = None  # why there are no .docx reports, when there are none
    total: int = 0  # files found; more than ``results`` when the audit was interrupted
    interrupted: bool = False

    @property
    def unreadable(self) -> list[FileResult]:
        return [r for r in self.results if not r.ok]

    @property
    def with_not_met(self) -> list[FileResult]:
        return [r for r in self.results if r.ok and r.has_not_met]

    @property
    def exit_status(self) -> int:
        if self.interrupted:
            return EXIT_INTERRUPTED
        if self.unreadable:
            return EXIT_UNREADABLE
        return EXIT_NOT_MET if self.with_not_met else EXIT_OK
