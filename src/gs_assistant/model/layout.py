"""Saving an edited file in the user's own key order.

A file the tool wrote itself is saved by the fast writer (libyaml, ``files.data_bytes``),
which writes keys in the model's order. A file a person edited by hand may hold its own
order of keys, which the fast writer would undo. So:

* ``is_plain(parsed, data)`` tells whether the file's keys are in the model's order.
  Checked once when a file is loaded (and when another writer changed it), never on the
  tool's own saves;
* otherwise ``ordered_like`` puts the new data's keys in the file's order and the fast
  writer writes it (about the cost of a plain save; ``benchmarks/yaml_roundtrip.py``).

Comments between keys are not kept (the comment lines a file starts with are). Keeping
them with ruamel.yaml's round trip was built and measured (10-30x a plain save), then taken
out: with it, the wizard saving against a command-line writer (tests/reliability/
test_wizard_writers.py) ended in a conflict on a review item's comments, cause not found.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from gs_assistant.model.files import data_bytes, leading_comments, parse_yaml


def _same_order(parsed: Any, data: Any) -> bool:
    if isinstance(parsed, dict) and isinstance(data, dict):
        keys = [k for k in parsed if k in data]
        order = [k for k in data if k in parsed]
        return keys == order and all(_same_order(parsed[k], data[k]) for k in keys)
    if isinstance(parsed, list) and isinstance(data, list):
        return all(_same_order(p, d) for p, d in zip(parsed, data, strict=False))
    return True


def is_plain(parsed: Any, data: dict[str, Any]) -> bool:
    """Does the fast writer keep this file's key order? (``parsed``: ``parse_yaml`` of
    the file; ``data``: the application's ``application_data``.)"""
    return _same_order(parsed, data)


def ordered_like(data: Any, parsed: Any) -> Any:
    """``data`` with each mapping's keys in the order ``parsed`` has them; a key the file
    lacks goes after the key it follows in ``data``."""
    if isinstance(data, dict) and isinstance(parsed, dict):
        order = [k for k in parsed if k in data]
        for key in data:
            if key not in parsed:
                before = list(data)[: list(data).index(key)]
                at = max((order.index(k) + 1 for k in before if k in order), default=0)
                order.insert(at, key)
        return {k: ordered_like(data[k], parsed.get(k)) for k in order}
    if isinstance(data, list) and isinstance(parsed, list):
        return [ordered_like(d, parsed[i]) if i < len(parsed) else d
                for i, d in enumerate(data)]
    return data


# The data in the file's key order of the last text written per file, by the SHA-256 of
# that text: the next save of the same session starts from it instead of reading the file
# again. A file changed by anyone else has another digest: read afresh.
_LAST: dict[str, Any] = {}
_KEEP_LAST = 8


def _digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def layout_bytes(data: dict[str, Any], path: Path | str, previous: bytes,
                 parsed: Any = None) -> bytes:
    """The file's bytes for ``data``, in the key order of ``previous`` (the file as it
    is; ``parsed`` its ``parse_yaml`` when already at hand)."""
    if parsed is None:
        parsed = _LAST.pop(_digest(previous), None)
    if not isinstance(parsed, dict):
        parsed = parse_yaml(previous.decode("utf-8-sig"), path)
    ordered = ordered_like(data, parsed)
    raw = data_bytes(ordered, path, leading_comments(previous))
    while len(_LAST) >= _KEEP_LAST:
        _LAST.pop(next(iter(_LAST)))
    _LAST[_digest(raw)] = ordered
    return raw
