"""Saving an edited file in the user's own layout: their comments and their key order.

A file the tool wrote itself is saved by the fast writer (libyaml, ``files.data_bytes``),
which keeps only the comment lines the file starts with and writes keys in the model's
order. A file a person edited by hand may hold comments between keys and its own order of
keys; writing it with the fast writer would drop the first and undo the second. So:

* ``is_plain(raw, parsed)`` tells whether the fast writer would keep the file's layout:
  no comment after the leading ones, keys in the model's order. Checked once when a file
  is loaded (and when another writer changed it), never on the tool's own saves.
* without comments, ``ordered_like`` puts the new data's keys in the file's order and the
  fast writer writes it (about the cost of a plain save);
* with comments, ``round_trip`` edits the file's own YAML tree with ruamel.yaml (which
  keeps comments, key order, quoting and indentation) and writes that. It is 10-20 times
  slower than the fast writer (``benchmarks/yaml_roundtrip.py``), so it runs only for files
  that hold comments, in the wizard's save worker. Its text is read back and compared with
  the data before it is used: when anything would differ, the fast writer is used instead
  (the comments are dropped, never an answer).
"""

from __future__ import annotations

import hashlib
import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from gs_assistant.model.files import (
    YAML_WIDTH,
    application_data,
    application_from_data,
    check_list_sizes,
    check_write_size,
    data_bytes,
    leading_comments,
    parse_yaml,
)

_HASH = re.compile(rb"(?:^|[ \t])#", re.MULTILINE)


def _body(raw: bytes) -> bytes:
    """``raw`` after its leading comment lines (which the fast writer keeps)."""
    head = leading_comments(raw).encode("utf-8")
    text = raw.removeprefix(b"\xef\xbb\xbf")
    return text[len(head):] if text.startswith(head) else text


def has_inner_comments(raw: bytes) -> bool:
    """True when a comment follows the leading comment lines. A ``#`` inside a quoted or
    block text is not a comment: candidates are confirmed against libyaml's tokens."""
    body = _body(raw)
    if not _HASH.search(body):
        return False  # most files: no "#" at all after the head
    text = body.decode("utf-8", "replace")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    covered: list[tuple[int, int]] = []
    try:
        for token in yaml.scan(text, Loader=loader):
            if isinstance(token, yaml.ScalarToken):
                covered.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError:
        return True  # not readable here: the careful path decides
    spans = iter(covered)
    span = next(spans, None)
    for match in re.finditer(r"(?:^|[ \t])#", text, re.MULTILINE):
        at = match.end() - 1
        while span is not None and span[1] <= at:
            span = next(spans, None)
        if span is None or not span[0] <= at < span[1]:
            return True
    return False


def _same_order(parsed: Any, data: Any) -> bool:
    if isinstance(parsed, dict) and isinstance(data, dict):
        keys = [k for k in parsed if k in data]
        order = [k for k in data if k in parsed]
        return keys == order and all(_same_order(parsed[k], data[k]) for k in keys)
    if isinstance(parsed, list) and isinstance(data, list):
        return all(_same_order(p, d) for p, d in zip(parsed, data, strict=False))
    return True


def is_plain(raw: bytes, parsed: Any, data: dict[str, Any]) -> bool:
    """Would the fast writer keep this file's layout? (``parsed``: ``parse_yaml`` of
    ``raw``; ``data``: the application's ``application_data``.)"""
    return _same_order(parsed, data) and not has_inner_comments(raw)


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


# ---------------------------------------------------------------- the round trip


def _same(old: Any, new: Any) -> bool:
    """Is the file's value ``old`` (as ruamel read it) the answer ``new``?"""
    if isinstance(old, bool) or isinstance(new, bool):
        return isinstance(old, bool) and isinstance(new, bool) and old == new
    if isinstance(old, date) and isinstance(new, str):
        return old.isoformat() == new  # an unquoted date in the file, text in the data
    return type(old) is not date and old == new


def _update(node: Any, new: Any) -> Any:
    """Make ruamel's tree ``node`` hold ``new``, changing only what differs (the comments
    and order of what stays are kept)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap) and isinstance(new, dict):
        for key in [k for k in node if k not in new]:
            del node[key]
        previous = None
        for key, value in new.items():
            if key in node:
                node[key] = _update(node[key], value)
            else:
                keys = list(node)
                node.insert(keys.index(previous) + 1 if previous in keys else 0, key, value)
            previous = key
        return node
    if isinstance(node, CommentedSeq) and isinstance(new, list):
        del node[len(new):]
        for index, value in enumerate(new):
            if index < len(node):
                node[index] = _update(node[index], value)
            else:
                node.append(value)
        return node
    return node if _same(node, new) else new


def _indents(text: str) -> tuple[int, int]:
    """How far the file indents a mapping inside a mapping, and a list's dash under its
    key (PyYAML's own style, 2 and 0, when it shows neither)."""
    mapping = dash = None
    parent = -1  # the column of the last "key:" line with nothing after the colon
    for line in text.splitlines():
        body = line.lstrip(" ")
        if not body or body.startswith("#"):
            continue
        depth = len(line) - len(body)
        if parent >= 0 and depth >= parent:
            if body.startswith("- ") and dash is None:
                dash = depth - parent
            elif not body.startswith("-") and mapping is None and depth > parent:
                mapping = depth - parent
        if mapping is not None and dash is not None:
            break
        parent = depth if body.rstrip().endswith(":") and not body.startswith("-") else -1
    return mapping or 2, dash or 0


# What the last text written to a file was made from, by the SHA-256 of that text: the
# round trip's tree, or the data in the file's key order. The next save of the same
# session starts from it instead of reading the file again (reading is two thirds of a
# round trip's cost). A file changed by anyone else has another digest: read afresh.
_LAST: dict[str, Any] = {}
_KEEP_LAST = 8


def _remember(text: str | bytes, made_from: Any) -> None:
    while len(_LAST) >= _KEEP_LAST:
        _LAST.pop(next(iter(_LAST)))
    _LAST[_digest(text)] = made_from


def _digest(text: str | bytes) -> str:
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


def round_trip(previous: str, data: dict[str, Any]) -> str:
    """The text of ``previous`` (a file already read safely) edited to hold ``data``."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedBase

    rt = YAML(typ="rt")
    rt.width = YAML_WIDTH
    rt.preserve_quotes = True
    mapping, dash = _indents(previous)
    rt.indent(mapping=mapping, sequence=dash + 2, offset=dash)
    tree = _LAST.pop(_digest(previous), None)
    if not isinstance(tree, CommentedBase):
        tree = rt.load(previous)
    out = io.StringIO()
    rt.dump(_update(tree, data), out)
    text = out.getvalue()
    _remember(text, tree)
    return text


def layout_bytes(data: dict[str, Any], path: Path | str, previous: bytes,
                 parsed: Any = None) -> bytes:
    """The file's bytes for ``data``, in the layout of ``previous`` (the file as it is;
    ``parsed`` its ``parse_yaml`` when already at hand)."""
    if has_inner_comments(previous):
        check_list_sizes(data, path)
        try:
            text = round_trip(previous.decode("utf-8-sig"), data)
            raw = text.encode("utf-8")
            check_write_size(path, raw)
            back = application_from_data(parse_yaml(text, path), path)
            if application_data(back) == data:
                return raw
            _LAST.pop(_digest(text), None)
        except Exception:  # ruamel's own errors, a tree it cannot write: the plain text
            pass  # below (the comments dropped, never an answer)
    if parsed is None:
        parsed = _LAST.pop(_digest(previous), None)
    if not isinstance(parsed, dict):
        parsed = parse_yaml(previous.decode("utf-8-sig"), path)
    ordered = ordered_like(data, parsed)
    raw = data_bytes(ordered, path, leading_comments(previous))
    _remember(raw, ordered)
    return raw
