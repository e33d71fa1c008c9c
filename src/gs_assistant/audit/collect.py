"""Which files an audit reads, and the report name each one gets.

Folders are searched recursively for ``*.yaml`` and ``*.yml``; backups (``*.bak``), hidden
files and folders, and the output folder itself are skipped. A file named on the command
line is always audited, whatever its name, so that a typo shows up as an unreadable file.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".yaml", ".yml")
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


@dataclass(frozen=True, slots=True)
class Source:
    """One file to audit: where it is, and how the summary names it."""

    path: Path
    display: str  # as the user would write it (the argument, or folder/relative path)
    rel: Path  # relative to the argument it was found under, for report names
    error: str = ""  # a folder that could not be searched: reported, never skipped silently


def _walk(folder: Path, skip: Path | None,
          failed: list[OSError] | None = None) -> Iterable[tuple[Path, Path]]:
    """(path, resolved path) of each application file under ``folder``. A folder is
    resolved once: a file in it that is not a link resolves to the folder's real path and
    its name (one ``lstat``, where resolving every file took one per folder above it)."""
    for root, dirs, files in os.walk(folder, onerror=failed.append if failed is not None
                                     else None):
        here = Path(root)
        dirs[:] = sorted(
            d for d in dirs
            if not d.startswith(".") and (skip is None or (here / d).resolve() != skip)
        )
        real = None
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                path = here / name
                if os.path.islink(path):
                    yield path, path.resolve()
                else:
                    real = real or here.resolve()
                    yield path, real / name


def collect(paths: Sequence[Path], skip: Path | None = None) -> list[Source]:
    """Every application file under ``paths``, in a stable order, each once."""
    skip = skip.resolve() if skip is not None else None
    seen: set[Path] = set()
    out: list[Source] = []

    def add(path: Path, display: str, rel: Path, key: Path | None = None) -> None:
        key = key or path.resolve()
        if key not in seen:
            seen.add(key)
            out.append(Source(path, display, rel))

    for arg in paths:
        if arg.is_dir():
            failed: list[OSError] = []
            for path, key in _walk(arg, skip, failed):
                add(path, str(path), path.relative_to(arg), key)
            for exc in failed:  # a folder that cannot be read is one unreadable entry
                folder = Path(exc.filename or arg)
                reason = ("フォルダを読む権限がありません" if isinstance(exc, PermissionError)
                          else f"フォルダを読めません: {exc.strerror or exc}")
                out.append(Source(folder, f"{folder}{os.sep}", folder.relative_to(arg)
                                  if folder.is_relative_to(arg) else folder, reason))
        else:  # a file, or a path that does not exist: reported as unreadable
            add(arg, str(arg), arg)
    return out


def _parts(rel: Path) -> list[str]:
    return [p for p in rel.with_suffix("").parts if p not in ("", ".", "..") and p != rel.anchor]


MAX_NAME_BYTES = 150  # a report name in UTF-8 (file systems allow 255 with the suffix)


def _short(name: str) -> str:
    """``name`` cut to ``MAX_NAME_BYTES`` with a digest of the whole, so that two long
    names that share their beginning still get different, writable report names."""
    if len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        return name
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]
    cut = name.encode("utf-8")[:MAX_NAME_BYTES - 11].decode("utf-8", "ignore")
    return f"{cut}~{digest}"


def report_names(sources: Sequence[Source]) -> list[str]:
    """A distinct report file name (without extension) for each source.

    The file's own name where it is unique; otherwise its folders too
    (``a__app``, ``b__app``); and a number where even that collides. Names are compared
    without regard to case, as Windows and macOS file systems do.
    """
    stems = [_UNSAFE.sub("_", s.rel.stem) or "application" for s in sources]
    counts: dict[str, int] = {}
    for stem in stems:
        counts[stem.lower()] = counts.get(stem.lower(), 0) + 1
    taken: set[str] = set()
    names = []
    for source, stem in zip(sources, stems, strict=True):
        name = stem
        if counts[stem.lower()] > 1:
            name = "__".join(_UNSAFE.sub("_", p) for p in _parts(source.rel)) or stem
        name = _short(name)
        base, n = name, 1
        while name.lower() in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name.lower())
        names.append(name)
    return names
