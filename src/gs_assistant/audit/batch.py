"""The batch audit: every application under some paths, on every core, into one folder.

    audit = run_audit([Path("inbox")], Path("out"))
    audit.exit_status  # 0 all read and nothing 不適合, 1 something 不適合, 2 unreadable files

Files are handed to worker processes in chunks (one task per file would spend more time
on messages than on checking); each worker loads the rule pack once and writes its
files' reports itself. The summaries are written at the end by ``summary.py``.

Durability: each report and summary is written atomically (temporary file, rename: whole
or absent, never half written) but not fsynced on its own. Once the summaries are written,
``run_audit`` makes the whole batch durable in one step (``output.make_durable``: one
``syncfs`` of the output's file system on Linux, else an fsync of every file and folder)
before it returns, so the command prints its summary and exit status only when every
report it wrote is on disk; if that step fails, the audit fails (``OSError``). A power cut
or system crash during the batch can leave some of its reports missing or empty, never a
half report, and the audit has not reported success.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from datetime import datetime
from pathlib import Path

from gs_assistant.audit.collect import collect, report_names
from gs_assistant.audit.docx import find_exporter
from gs_assistant.audit.outcome import Audit
from gs_assistant.audit.output import Folder, make_durable
from gs_assistant.audit.worker import (
    REPORTS,
    FileResult,
    Settings,
    audit_chunk,
    checked_call_file,
    init,
    release,
)
from gs_assistant.rules import RulePack, default_pack, load_pack

MAX_CHUNK = 32
SERIAL_BELOW = 8  # so few files are checked faster than worker processes start

Task = tuple[Path, str, str, str]  # path, display name, report name, error


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def chunked(tasks: Sequence[Task], jobs: int) -> list[list[Task]]:
    """About eight chunks per worker, so that the cores stay busy to the end."""
    size = max(1, min(MAX_CHUNK, math.ceil(len(tasks) / (jobs * 8))))
    return [list(tasks[i:i + size]) for i in range(0, len(tasks), size)]


class Interrupted(Exception):
    """Ctrl+C or SIGTERM during an audit; ``results`` are the files finished before it."""

    def __init__(self, results: list[FileResult]) -> None:
        super().__init__("interrupted")
        self.results = results


def _run(tasks: list[Task], settings: Settings, jobs: int,
         advance: Callable[[int], None]) -> list[FileResult]:
    """Audit every task; on Ctrl+C / SIGTERM stop the workers and raise ``Interrupted``
    with the files already done."""
    chunks = chunked(tasks, jobs)
    done: list[list[FileResult]] = [[] for _ in chunks]
    if jobs <= 1 or len(tasks) < SERIAL_BELOW:
        init(settings)
        try:
            for k, chunk in enumerate(chunks):
                done[k] = audit_chunk(chunk)
                advance(len(chunk))
        except KeyboardInterrupt:
            raise Interrupted([r for chunk in done for r in chunk]) from None
        finally:
            release()
        return [result for chunk in done for result in chunk]
    pool = ProcessPoolExecutor(jobs, initializer=init, initargs=(settings, True))
    futures: dict = {}
    try:
        for k, chunk in enumerate(chunks):
            futures[pool.submit(audit_chunk, chunk)] = k
        for future in as_completed(futures):
            k = futures[future]
            done[k] = future.result()
            advance(len(chunks[k]))
    except KeyboardInterrupt:  # drop the chunks not yet started, finish the running ones
        pool.shutdown(wait=True, cancel_futures=True)
        for future, k in futures.items():
            if future.done() and not future.cancelled() and future.exception() is None:
                done[k] = future.result()
        raise Interrupted([r for chunk in done for r in chunk]) from None
    except BaseException:  # a crashed worker
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return [result for chunk in done for result in chunk]


def load_rule_pack(pack_dir: str | None) -> RulePack:
    return load_pack(pack_dir) if pack_dir else default_pack()


def run_audit(
    paths: Sequence[Path],
    outdir: Path,
    *,
    jobs: int | None = None,
    lang: str = "ja",
    pack_dir: str | None = None,
    docx: bool = True,
    call: str | None = None,
    now: datetime | None = None,
    advance: Callable[[int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> Audit:
    """Audit every application file under ``paths``; write reports and summaries."""
    from gs_assistant.audit.summary import write_summaries

    pack = load_rule_pack(pack_dir)
    call_file = checked_call_file(pack, call)  # a malformed call.yaml stops the audit here
    sources = collect(paths, skip=outdir)
    names = report_names(sources)
    if on_start is not None:
        on_start(len(sources))
    outdir.mkdir(parents=True, exist_ok=True)
    (outdir / REPORTS).mkdir(exist_ok=True)
    jobs = max(1, min(jobs or available_cores(), available_cores()))  # never more than CPUs
    settings = Settings(outdir=outdir, lang=lang, pack_dir=pack_dir, docx=docx,
                        audited_at=now or datetime.now().astimezone(), call_file=call_file)
    docx_note = find_exporter()[1] if docx else None
    tasks = [(s.path, s.display, name, s.error)
             for s, name in zip(sources, names, strict=True)]
    try:
        results, interrupted = _run(tasks, settings, jobs, advance or (lambda n: None)), False
    except Interrupted as stop:  # the summary says how many files were done
        results, interrupted = stop.results, True
    audit = Audit(results, pack, settings, jobs, docx_note, total=len(tasks),
                  interrupted=interrupted)
    folders = [Folder(outdir), Folder(outdir / REPORTS)]
    try:
        write_summaries(audit, folders[0])
        make_durable(folders, written_files(audit))
    finally:
        for folder in folders:
            folder.close()
    return audit


def written_files(audit: Audit) -> list[Path]:
    """Every file the audit wrote: the reports, the Word reports and the summaries."""
    from gs_assistant.audit.summary import SUMMARIES

    outdir = audit.settings.outdir
    files = [outdir / rel for r in audit.results for rel in (r.report, r.docx) if rel]
    return files + [outdir / name for name in SUMMARIES]
