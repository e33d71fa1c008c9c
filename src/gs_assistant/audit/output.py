"""Writing the audit's files: each one atomically, all of them durable once, at the end.

Every report and summary is written to a hidden temporary file beside it and renamed over
its name, so a reader (or a crash of the audit) never sees half a file: a report is whole
or absent. No file is fsynced on its own; once the last file of the batch is written,
``make_durable`` flushes them all in one go (``syncfs`` of the output's file system on
Linux; elsewhere an fsync of every file written and of its folders), and only then does
the audit print its summary and return its exit status. A power cut or system crash before
that step can leave some reports of the batch missing or empty, never half written, and
the audit has not reported success. (One flush per batch instead of two fsyncs per report:
the per-file cost the audit pays on a 1,000-file batch drops by the fsyncs' CPU and by
most of its wall time.)

The folders are opened once per process and files are made relative to them (``dir_fd``),
so no path is looked up again for each file.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable
from pathlib import Path

FILE_MODE = 0o600  # reports and summaries hold the applicants' data: owner only
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) \
    | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
_DIR_FD = {os.open, os.rename, os.unlink} <= os.supports_dir_fd  # os.replace as os.rename


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class Folder:
    """One output folder, open for the life of the process (``close`` when done)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if _DIR_FD else None

    def write(self, name: str, data: bytes) -> None:
        """Write ``data`` as ``name`` in this folder atomically (temporary file, rename),
        owner-only; whatever had the name is replaced (a planted link is never followed)."""
        tmp = f".{name}.{os.getpid()}.tmp"
        fd_arg = {} if self.fd is None else {"dir_fd": self.fd}
        where = (lambda n: n) if self.fd is not None else (lambda n: str(self.path / n))
        try:
            fd = os.open(where(tmp), _FLAGS, FILE_MODE, **fd_arg)
        except FileExistsError:  # left by a crashed audit with the same process id
            os.unlink(where(tmp), **fd_arg)
            fd = os.open(where(tmp), _FLAGS, FILE_MODE, **fd_arg)
        try:
            try:
                _write_all(fd, data)
            finally:
                os.close(fd)
            if self.fd is None:
                os.replace(where(tmp), where(name))
            else:
                os.replace(tmp, name, src_dir_fd=self.fd, dst_dir_fd=self.fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(where(tmp), **fd_arg)
            raise

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def _syncfs():
    """libc's ``syncfs`` (Linux), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.syncfs
    except (OSError, AttributeError, ImportError):
        return None


def _fsync_path(path: Path, folder: bool = False) -> None:
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if folder else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        if folder:  # Windows cannot open a folder: its renames are durable with the file
            return
        raise
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_durable(folders: Iterable[Folder], files: Iterable[Path]) -> None:
    """Put every file written in ``folders`` on disk: one ``syncfs`` per file system of
    the folders (Linux), or an fsync of each of ``files`` and of the folders. Raises
    ``OSError`` when the system reports that something could not be written."""
    folders = list(folders)
    syncfs = _syncfs()
    if syncfs is not None and all(f.fd is not None for f in folders):
        done: set[int] = set()
        for folder in folders:
            device = os.fstat(folder.fd).st_dev
            if device in done:
                continue
            if syncfs(folder.fd) != 0:
                import ctypes

                code = ctypes.get_errno()
                raise OSError(code, os.strerror(code), str(folder.path))
            done.add(device)
        return
    for path in files:
        _fsync_path(path)
    for folder in folders:
        _fsync_path(folder.path, folder=True)
