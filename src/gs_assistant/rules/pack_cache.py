"""A cache of the validated rule pack, so that a command need not parse and check the
pack's YAML each time it starts (about a third of a ``check``).

The cache is a JSON file of the validated pack in the user cache folder
(``gs_assistant.cache.cache_dir``). Its name is a SHA-256 of the pack folder's path, every
file of the pack (names and bytes), the code that validates packs and writes the cache, and
the versions of the program and of pydantic: editing any of them gives a new name, so a
stale cache is never read (and the older file is removed). A cache file is only data (JSON,
no pickle: ``gs_assistant.cache_models``) holding the values as they were validated, with a
SHA-256 of them that is checked on every read; the values are then put back without being
validated again (no validator of the pack's models is built). A file that cannot be read,
does not match its SHA-256 or names anything but the pack's own classes and fields is
ignored: the pack is read and validated from its YAML and the file written again. Writing it
is best effort and atomic (a temporary file renamed over it), so concurrent commands cannot
tear it.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
from functools import cache
from pathlib import Path

from pydantic.version import VERSION as PYDANTIC_VERSION

from gs_assistant import __version__, cache_models
from gs_assistant.cache import CACHE_ENV, cache_dir, digest, write_atomic
from gs_assistant.paths import rules_dir
from gs_assistant.rules import declared
from gs_assistant.rules import pack as pack_module

__all__ = ["CACHE_ENV", "cache_dir", "default_pack", "load_cached", "pack_key"]

_THIS = sys.modules[__name__]

FORMAT = 2  # bump when the cache file's layout changes


def pack_key(folder: Path) -> str:
    """The SHA-256 that names ``folder``'s cache file (OSError if a file cannot be read)."""
    code = b"".join(Path(m.__file__).read_bytes()
                    for m in (pack_module, declared, cache_models, _THIS))
    parts = [str(FORMAT).encode(), __version__.encode(), PYDANTIC_VERSION.encode(),
             str(folder).encode(), code]
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
        with contextlib.suppress(TypeError, ValueError):  # a value it cannot keep: no cache
            write_atomic(where / f"{prefix}-{key}.json", cache_models.dumps(pack))
        for old in where.glob(f"{prefix}-*.json"):  # earlier versions of this pack
            if old.name != f"{prefix}-{key}.json":
                with contextlib.suppress(OSError):
                    old.unlink()
    return pack


def _read(path: Path, folder: Path) -> pack_module.RulePack | None:
    try:
        text = path.read_text(encoding="utf-8")
        pack = cache_models.loads(text, pack_module.RulePack)
    except (OSError, ValueError):  # missing, unreadable, damaged or not a pack: not trusted
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
