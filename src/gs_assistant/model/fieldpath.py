"""Field paths: the one way to read and take apart ``co_applicants[1].capital_yen``.

A field path names an answer as the checklist reports it and the wizard edits it:
attribute names joined by dots, a row of a list by its index in brackets. The *generic*
path leaves the row numbers out (``co_applicants.capital_yen``): it is the key of the field
catalogue, the writing help and the labels. Pure string work, plus ``get`` for walking an
object (a pydantic model, or plain dicts and lists) along a path.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\[\d+\]")
_INDEX = re.compile(r"\[(\d+)\]")


def tokens(path: str) -> list[str | int]:
    """``a.b[0].c`` -> ["a", "b", 0, "c"]."""
    return list(_tokens(path))


@lru_cache(maxsize=4096)  # the checker and the wizard ask for the same few paths again
def _tokens(path: str) -> tuple[str | int, ...]:
    return tuple(int(tok[1:-1]) if tok.startswith("[") else tok
                 for tok in _TOKEN.findall(path))


def join(parts: list[str | int]) -> str:
    """The inverse of ``tokens``: ["a", "b", 0, "c"] -> ``a.b[0].c``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def generic(path: str) -> str:
    """The path without row numbers: ``co_applicants[0].name`` -> ``co_applicants.name``."""
    return _INDEX.sub("", path)


def prefixes(path: str) -> list[str]:
    """``a.b[0].c`` -> ``a.b[0].c``, ``a.b[0]``, ``a.b``, ``a`` (longest first)."""
    out = [path]
    while True:
        cut = max(path.rfind("."), path.rfind("["))
        if cut <= 0:
            return out
        path = path[:cut]
        out.append(path)


def split_row(path: str) -> tuple[str, int, str] | None:
    """``co_applicants[1].capital_yen`` -> ("co_applicants", 1, "capital_yen"), else None
    (the first row index of the path)."""
    match = _INDEX.search(path)
    if match is None:
        return None
    rest = path[match.end():].lstrip(".")
    return path[: match.start()], int(match.group(1)), rest


def get(root: Any, path: str) -> Any:
    """The value at ``path`` under ``root``; raises AttributeError, KeyError, IndexError or
    TypeError where a step of the path does not exist."""
    node = root
    for tok in _tokens(path):
        if isinstance(tok, int):
            node = node[tok]
        elif isinstance(node, dict):
            node = node[tok]
        else:
            node = getattr(node, tok)
    return node


def find(root: Any, path: str) -> Any:
    """The value at ``path`` under ``root``, or None where a step of the path is absent
    (``get`` without its exceptions, for the checker's many lookups of optional parts)."""
    node = root
    for tok in _tokens(path):
        if node is None:
            return None
        if isinstance(tok, int):
            if not isinstance(node, list | tuple) or tok >= len(node):
                return None
            node = node[tok]
        elif isinstance(node, dict):
            node = node.get(tok)
        else:
            node = getattr(node, tok, None)
    return node


def parent_and_name(root: Any, path: str) -> tuple[Any, str | int]:
    """The object holding the last step of ``path``, and that step (a name or an index)."""
    *head, last = tokens(path)
    parent = get(root, join(head)) if head else root
    return parent, last
