"""Writing the finished .docx: atomically, so a crash never leaves half a file."""

from __future__ import annotations

from pathlib import Path

from gs_assistant.export.errors import ExportError
from gs_assistant.model.files import FILE_MODE, atomic_write_bytes, why_not_written
from gs_assistant.text import Text

# FILE_MODE: a new draft is readable by its owner only (0600), as application files are:
# it holds the same answers.


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write the draft atomically, as application files are, but without a backup (the
    draft can always be made again)."""
    try:
        atomic_write_bytes(path, data, backup=False, new_mode=FILE_MODE)
    except OSError as exc:
        why = why_not_written(exc, path)
        raise ExportError(Text(f"{path}: {why.ja}", f"{path}: {why.en}")) from None
