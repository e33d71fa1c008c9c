"""Audit one file (in a worker process): load, check, write its reports, return a summary.

``init`` runs once per worker and loads the rule pack; ``audit_chunk`` then audits a list
of files. A file that cannot be read becomes a result with its one-line error: it never
stops the batch.
"""

from __future__ import annotations

import errno
import signal
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from gs_assistant.audit.docx import find_exporter
from gs_assistant.audit.output import Folder
from gs_assistant.audit.report import audit_report_markdown
from gs_assistant.model.files import ApplicationFileError, load_application
from gs_assistant.rules import RulePack, Status, check, default_pack, load_pack
from gs_assistant.rules.report import Facts, percent_text, status_counts

REPORTS = "reports"


@dataclass(frozen=True, slots=True)
class Settings:
    """What every worker needs to know; the same for the whole audit."""

    outdir: Path
    lang: str
    audited_at: datetime
    pack_dir: str | None = None  # None: the bundled pack
    docx: bool = True
    call_file: str | None = None  # the call's dates (call.yaml), found once by the command


@dataclass(slots=True)
class FileResult:
    """One row of the summary."""

    file: str
    ok: bool
    error: str = ""  # why the file could not be read: "field: message", one line
    report: str = ""  # path of the Markdown report, relative to the output folder
    docx: str = ""
    docx_error: str = ""
    applicant: str = ""
    track: str | None = None
    country: str | None = None
    subsidy_yen: int | None = None
    # the totals the subsidy comes from (the expense plan's when there is one), 自己負担
    # (total − subsidy) and the share of 委託・外注 in the subsidy (only with a plan)
    total_yen: int | None = None
    eligible_yen: int | None = None
    self_burden_yen: int | None = None
    outsourcing_share_percent: str | None = None
    summary: dict[str, int] = field(default_factory=dict)
    not_met_topics: list[str] = field(default_factory=list)
    decisions: int = 0
    # the submission package (rules/package_check.py): days to the submission deadline
    # (negative once it has passed; None while it is not fixed), needed documents not
    # 準備済, whether the GビズID account is ready, and the package items' counts
    days_left: int | None = None
    deadline: str | None = None
    unprepared: int | None = None
    gbizid_ready: bool | None = None
    package_summary: dict[str, int] = field(default_factory=dict)

    @property
    def has_not_met(self) -> bool:
        return self.summary.get(Status.not_met.value, 0) > 0


_state: dict[str, Any] = {}


def _money_columns(facts: Facts) -> dict[str, Any]:
    total, subsidy, plan = facts.total_yen, facts.subsidy_yen, facts.expenses
    share = plan.outsourcing_share if plan is not None else None
    return {"total_yen": total, "eligible_yen": facts.eligible_yen,
            "self_burden_yen": None if total is None or subsidy is None else total - subsidy,
            "outsourcing_share_percent": None if share is None else percent_text(share)}


def init(settings: Settings, ignore_interrupt: bool = False) -> None:
    """Load the rule pack and find the Word exporter, once per process."""
    if ignore_interrupt:  # the parent process handles Ctrl+C and stops the pool
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    pack = load_pack(settings.pack_dir) if settings.pack_dir else default_pack()
    exporter = find_exporter()[0] if settings.docx else None
    from gs_assistant.rules.package_check import package_setup

    setup = package_setup(pack, settings.call_file)
    release()
    (settings.outdir / REPORTS).mkdir(parents=True, exist_ok=True)
    _state.update(settings=settings, pack=pack, exporter=exporter, package=setup,
                  reports=Folder(settings.outdir / REPORTS))


def release() -> None:
    """Close the reports folder that ``init`` opened (the serial audit, in process)."""
    folder = _state.pop("reports", None)
    if folder is not None:
        folder.close()


def _why(exc: BaseException) -> str:
    """A reason that is never empty (``MemoryError()`` has no text) and says what to do."""
    if isinstance(exc, MemoryError):
        return "メモリが足りません（ファイルが大きすぎるか、他のプログラムを閉じてください）"
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return f"ディスクの空きがありません（{exc.filename or '出力先'}）"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _write(name: str, text: str) -> None:
    """Write a report atomically, readable by its owner only (it holds the applicant's
    data). The rename replaces whatever has the name: a planted link is never followed.
    Not fsynced here: the audit makes the whole batch durable at its end (``output.py``)."""
    _state["reports"].write(name, text.encode("utf-8"))


def audit_file(path: Path, display: str, name: str, error: str = "") -> FileResult:
    settings: Settings = _state["settings"]
    pack: RulePack = _state["pack"]
    if error:  # found unreadable while collecting (a folder that cannot be searched)
        return FileResult(display, ok=False, error=error)
    try:
        app = load_application(path, max_rows=pack.max_rows)
    except ApplicationFileError as exc:  # the file column names the file already
        where = f"{exc.field}: " if exc.field else ""
        return FileResult(display, ok=False, error=_one_line(where + exc.text(settings.lang)))
    try:
        report = check(app, pack)
        setup = _state["package"]
        package = setup.check(app, pack, now=settings.audited_at, folder=path.parent,
                              facts=report.facts) if setup is not None else None
        md = audit_report_markdown(report, app, display, pack, settings.lang,
                                   settings.audited_at, package)
        rel = f"{REPORTS}/{name}.md"
        _write(f"{name}.md", md)
    except Exception as exc:  # a bug or a full disk must not stop the batch
        failed = "could not be checked" if settings.lang == "en" else "チェックできませんでした"
        return FileResult(display, ok=False, error=_one_line(
            f"{failed}: {_why(exc)}"))
    result = FileResult(
        display, ok=True, report=rel, applicant=app.lead.name,
        track=app.track.value if app.track else None, country=app.country,
        subsidy_yen=report.facts.subsidy_yen, summary=report.summary(),
        **_money_columns(report.facts),
        not_met_topics=list(dict.fromkeys(
            i.topic for i in report.items if i.status is Status.not_met)),
        decisions=sum(1 for r in app.review.items.values() if r.decision is not None),
    )
    if package is not None:
        _package_columns(result, package)
    exporter = _state["exporter"]
    if exporter is not None:
        docx_rel = f"{REPORTS}/{name}.docx"
        try:
            exporter(app, pack, report, settings.outdir / docx_rel)
            result.docx = docx_rel
        except Exception as exc:
            result.docx_error = _one_line(_why(exc))
    return result


def _package_columns(result: FileResult, package) -> None:
    deadline = next((e for e in package.events if e.key == "submission_deadline"), None)
    result.days_left = package.days_left
    result.deadline = deadline.at.isoformat() if deadline and deadline.at else None
    result.unprepared = len(package.unprepared())
    result.gbizid_ready = package.account_ready()
    result.package_summary = status_counts(package.items)


def checked_call_file(pack: RulePack, call: str | None) -> str | None:
    """The call file the workers will read, read once here so that a malformed one stops
    the audit before it starts (``CallFileError``)."""
    from gs_assistant.rules.package_check import package_setup

    setup = package_setup(pack, call)
    if setup is None or setup.timeline.call_file is None:
        return None
    return str(setup.timeline.call_file)


def audit_chunk(chunk: list[tuple[Path, str, str, str]]) -> list[FileResult]:
    """Audit (path, display name, report name, error) tasks in order."""
    return [audit_file(*task) for task in chunk]
