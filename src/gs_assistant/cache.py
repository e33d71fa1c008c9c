"""The user cache folder, and small JSON caches of tables read from bundled files.

Every command starts by reading some of the bundled YAML (the rule pack, the country codes,
the names of materials): parsing it is a noticeable part of a short command, and the files
change only with the program. ``cache_dir`` is where cached copies live (platformdirs'
``user_cache_dir("gs-assistant")/packs``, found without importing platformdirs on Linux, or
``$GS_ASSISTANT_CACHE``; an empty value turns caching off). ``derived`` keeps a JSON table
built from some files under a name that is the SHA-256 of those files, the code that builds
it and the program's version, so that a changed file or program never reads an old table.
A cache file is only data: one that cannot be read, or whose shape is wrong, is ignored and
written again. Writing is best effort and atomic (a temporary file renamed over it), so
concurrent commands cannot tear it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from gs_assistant import __version__

CACHE_ENV = "GS_ASSISTANT_CACHE"


def cache_dir() -> Path | None:
    """Where cached files live; None when caching is turned off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured.strip() else None
    from gs_assistant.paths import APP_NAME, xdg_dir

    found = xdg_dir("XDG_CACHE_HOME", ".cache")
    if found is None:
        import platformdirs

        found = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    return found / "packs"


def digest(parts: Iterable[bytes]) -> str:
    """SHA-256 of ``parts``, each prefixed by its length (so no two lists collide)."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(len(part).to_bytes(8, "big") + part)
    return hasher.hexdigest()


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file; failures are ignored."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # here: only a cache miss writes (about 1 ms of every start)

        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem[:12]}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def derived(name: str, sources: list[Path], code: list[Path], build: Callable[[], Any],
            valid: Callable[[Any], bool]) -> Any:
    """``build()`` (JSON data made from the files ``sources`` by the modules ``code``), or
    its cached copy when neither they nor the program have changed and ``valid`` accepts it.
    A source that cannot be read is left to ``build`` (which knows what to say)."""
    where = cache_dir()
    try:
        key = digest([__version__.encode(), name.encode()]
                     + [f.read_bytes() for f in code]
                     + [part for f in sources for part in (str(f).encode(), f.read_bytes())])
    except OSError:
        return build()
    if where is None:
        return build()
    path = where / f"table-{name}-{key}.json"
    with contextlib.suppress(OSError, ValueError):
        data = json.loads(path.read_text(encoding="utf-8"))
        if valid(data):
            return data
    data = build()
    write_atomic(path, json.dumps(data, ensure_ascii=False))
    for old in where.glob(f"table-{name}-*.json"):  # tables of earlier versions
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink()
    return data
