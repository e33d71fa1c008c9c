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
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel
from pydantic.version import VERSION as PYDANTIC_VERSION

from gs_assistant import __version__, cache_models
from gs_assistant.cache import CACHE_ENV, cache_dir, digest, write_atomic
from gs_assistant.paths import rules_dir
from gs_assistant.rules import declared
from gs_assistant.rules import pack as pack_module

__all__ = ["CACHE_ENV", "cache_dir", "default_pack", "folder_prefix", "kept", "load_cached",
           "pack_key"]

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
    try:
        key = pack_key(folder)
    except OSError:
        return pack_module.load_pack(folder)  # it names the file that cannot be read
    pack = kept(folder_prefix(folder), key, pack_module.RulePack,
                lambda: pack_module.load_pack(folder), lambda pack: _usable(pack, folder))
    assert pack is not None
    return pack


def folder_prefix(folder: Path) -> str:
    """The start of the names of ``folder``'s cache files (16 hex digits of its path)."""
    return hashlib.sha256(str(folder).encode()).hexdigest()[:16]


M = TypeVar("M", bound=BaseModel)


def kept(prefix: str, key: str, root: type[M], build: Callable[[], M | None],
         accept: Callable[[M], bool] = lambda _: True) -> M | None:
    """``build()`` (a validated ``root``, or None), or the one kept in the cache file
    ``PREFIX-KEY.json`` when that can be read and ``accept`` takes it; a new value is
    written there and the files of other keys removed."""
    where = cache_dir()
    if where is None:
        return build()
    path = where / f"{prefix}-{key}.json"
    with contextlib.suppress(OSError, ValueError):  # missing, unreadable, damaged: not trusted
        value = cache_models.loads(path.read_text(encoding="utf-8"), root)
        if accept(value):
            return value
    value = build()
    if value is not None:
        with contextlib.suppress(TypeError, ValueError):  # a value it cannot keep: no cache
            write_atomic(path, cache_models.dumps(value))
    for old in where.glob(f"{prefix}-*.json"):  # earlier versions
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink()
    return value


def _usable(pack: pack_module.RulePack, folder: Path) -> bool:
    if pack.path != str(folder):
        return False
    from gs_assistant.rules.registry import check_implemented

    try:  # the checker's code may have changed since the cache was written
        check_implemented([r.id for r in pack.rules if r.check is None],
                          folder / "rules.yaml", [r.id for r in pack.rules if r.check is not None])
    except pack_module.RulePackError:
        return False
    return True


@cache
def default_pack() -> pack_module.RulePack:
    """The bundled pack, from the user's cache when it holds this very pack."""
    return load_cached(rules_dir() / pack_module.DEFAULT_PACK)
