"""A cache of the validated rule pack, so that a command need not parse and check the
pack's YAML each time it starts (about a third of a ``check``).

The cache is a JSON file of the validated pack in the user cache folder
(``gs_assistant.cache.cache_dir``). Its name is a SHA-256 of the pack folder's path, every
file of the pack (names and bytes), the code that validates packs and the program's
version: editing any of them gives a new name, so a stale cache is never read (and the
older file is removed). A cache file is only data (JSON, no pickle) and is validated by the
same models as the YAML on every read; one that cannot be read or does not validate is
ignored and written again. Writing it is best effort and atomic (a temporary file renamed
over it), so concurrent commands cannot tear it.
"""

from __future__ import annotations

import contextlib
import hashlib
from functools import cache
from pathlib import Path

from gs_assistant import __version__
from gs_assistant.cache import CACHE_ENV, cache_dir, digest, write_atomic
from gs_assistant.paths import rules_dir
from gs_assistant.rules import declared
from gs_assistant.rules import pack as pack_module

__all__ = ["CACHE_ENV", "cache_dir", "default_pack", "load_cached", "pack_key"]

FORMAT = 1  # bump when the cache file's layout changes


def pack_key(folder: Path) -> str:
    """The SHA-256 that names ``folder``'s cache file (OSError if a file cannot be read)."""
    code = b"".join(Path(m.__file__).read_bytes() for m in (pack_module, declared))
    parts = [str(FORMAT).encode(), __version__.encode(), str(folder).encode(), code]
    for file in sorted(p for p in folder.iterdir() if p.is_file()):
        parts += [file.name.encode(), file.read_bytes()]
    return digest(parts)


def load_cached(folder: Path | str) -> pack_module.RulePack:
    """``load_pack(folder)``, from the cache when it holds this very pack."""
    folder = Path(folder).resolve()
    where = cache_dir()
    try:
        key = pack_key(folder)
    except OSError:
        return pack_module.load_pack(folder)  # it names the file that cannot be read
    prefix = hashlib.sha256(str(folder).encode()).hexdigest()[:16]
    if where is not None:
        cached = _read(where / f"{prefix}-{key}.json", folder)
        if cached is not None:
            return cached
    pack = pack_module.load_pack(folder)
    if where is not None:
        write_atomic(where / f"{prefix}-{key}.json", pack.model_dump_json(by_alias=True))
        for old in where.glob(f"{prefix}-*.json"):  # earlier versions of this pack
            if old.name != f"{prefix}-{key}.json":
                with contextlib.suppress(OSError):
                    old.unlink()
    return pack


def _read(path: Path, folder: Path) -> pack_module.RulePack | None:
    try:
        text = path.read_text(encoding="utf-8")
        pack = pack_module.RulePack.model_validate_json(text)
    except (OSError, ValueError):  # missing, unreadable or not a valid pack: not trusted
        return None
    if pack.path != str(folder):
        return None
    from gs_assistant.rules.registry import check_implemented

    try:  # the checker's code may have changed since the cache was written
        check_implemented([r.id for r in pack.rules if r.check is None],
                          folder / "rules.yaml", [r.id for r in pack.rules if r.check is not None])
    except pack_module.RulePackError:
        return None
    return pack


@cache
def default_pack() -> pack_module.RulePack:
    """The bundled pack, from the user's cache when it holds this very pack."""
    return load_cached(rules_dir() / pack_module.DEFAULT_PACK)
