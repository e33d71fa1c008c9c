"""Validated pydantic models kept as JSON data, read back without validating them again.

A command's start used to validate the cached rule pack on every read, which builds the
validators of some 60 pack classes (about 20 ms of a 0.3 s ``check``). A cache entry
written here holds the *validated* values, each tagged with its type, so reading it only
puts the values back (as ``model_construct`` does; no validator is built):

- a model: ``{"$m": CLASS, "v": {field: value, ...}}`` (``"u"``: the fields left to their
  default, when there are any);
- a date ``{"$d": "2026-04-01"}``, a datetime ``{"$dt": ...}``, a Fraction ``{"$f": "2/3"}``,
  a Decimal ``{"$n": "1.5"}``, a tuple ``{"$t": [...]}``, an enum member
  ``{"$e": CLASS, "v": value}``, a dict whose keys are not all plain strings (or start
  with ``$``) ``{"$k": [[key, value], ...]}``.

CLASS must be one of the model and enum classes reachable from the root model's field
annotations: the entry names no code and nothing else can be made from it. The entry is
one JSON document, ``{"format": 2, "sha256": HASH, "payload": ...}``, and the SHA-256 of
the payload's text is checked on every read: an entry that is damaged (or edited without
its hash), names an unknown class or a field the class does not have, or misses one, is
refused with ``ValueError`` and the caller validates the source files again. What is trusted
is only what this program wrote itself for the same files and the same code: the callers
key the file names by the sources' content, this module, the model code and the versions of
gs-assistant and pydantic.
"""

from __future__ import annotations

import enum
import hashlib
import json
import typing
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)
_set = object.__setattr__  # the models may be frozen

FORMAT = 2
_HEAD = f'{{"format": {FORMAT}, "sha256": "'
_MID = '", "payload": '
_HASH_LEN = 64


# ---------------------------------------------------------------- the classes an entry may name


def _args(annotation: Any) -> tuple[Any, ...]:
    if typing.get_origin(annotation) is typing.Annotated:
        return (annotation.__origin__,)  # the type, not its metadata
    return typing.get_args(annotation)


@cache
def classes(root: type[BaseModel]) -> dict[str, type]:
    """Every model and enum class reachable from ``root``'s field annotations, by name.
    ValueError when two share a name, or a model has what ``_decode`` would not put back
    (private attributes, ``model_post_init``, extra fields, a root model)."""
    found: dict[str, type] = {}
    seen: set[int] = set()
    todo: list[Any] = [root]
    while todo:
        item = todo.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, type) and issubclass(item, BaseModel):
            if item.__private_attributes__ or item.__pydantic_post_init__ \
                    or item.__pydantic_root_model__ or item.model_config.get("extra") == "allow":
                raise ValueError(f"{item.__qualname__}: not a plain model")
            _register(found, item)
            todo += [field.annotation for field in item.__pydantic_fields__.values()]
        elif isinstance(item, type) and issubclass(item, enum.Enum):
            _register(found, item)
        else:
            todo += [a for a in _args(item) if a is not None]
    return found


def _register(found: dict[str, type], cls: type) -> None:
    name = cls.__qualname__
    if found.get(name, cls) is not cls:
        raise ValueError(f"two classes are named {name}")
    found[name] = cls


# ---------------------------------------------------------------- writing


def _encode(value: Any, known: dict[str, type]) -> Any:
    if value is None or isinstance(value, bool | str | float):
        if isinstance(value, enum.Enum):
            return _enum(value, known)
        return value
    if isinstance(value, enum.Enum):
        return _enum(value, known)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, BaseModel):
        cls = type(value)
        if known.get(cls.__qualname__) is not cls or value.__pydantic_extra__ \
                or value.__pydantic_private__:
            raise TypeError(f"{cls.__qualname__} cannot be kept")
        names = cls.__pydantic_fields__
        out: dict[str, Any] = {"$m": cls.__qualname__,
                               "v": {n: _encode(value.__dict__[n], known) for n in names}}
        unset = [n for n in names if n not in value.__pydantic_fields_set__]
        if unset:
            out["u"] = unset
        return out
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, date):
        return {"$d": value.isoformat()}
    if isinstance(value, Fraction):
        return {"$f": str(value)}
    if isinstance(value, Decimal):
        return {"$n": str(value)}
    if isinstance(value, list):
        return [_encode(v, known) for v in value]
    if isinstance(value, tuple):
        return {"$t": [_encode(v, known) for v in value]}
    if isinstance(value, dict):
        if all(type(k) is str and not k.startswith("$") for k in value):
            return {k: _encode(v, known) for k, v in value.items()}
        return {"$k": [[_encode(k, known), _encode(v, known)] for k, v in value.items()]}
    raise TypeError(f"a {type(value).__name__} cannot be kept")


def _enum(value: enum.Enum, known: dict[str, type]) -> dict[str, Any]:
    cls = type(value)
    if known.get(cls.__qualname__) is not cls:
        raise TypeError(f"{cls.__qualname__} cannot be kept")
    return {"$e": cls.__qualname__, "v": value.value}


def dumps(model: BaseModel) -> str:
    """The cache entry of ``model`` (TypeError when it holds a value that cannot be kept)."""
    payload = json.dumps(_encode(model, classes(type(model))), ensure_ascii=False,
                         separators=(",", ":"))
    digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    return f"{_HEAD}{digest}{_MID}{payload}}}"


# ---------------------------------------------------------------- reading


def loads(text: str, root: type[M]) -> M:
    """The model kept in ``text`` by ``dumps``; ValueError for anything else."""
    start = len(_HEAD) + _HASH_LEN + len(_MID)
    if not (text.startswith(_HEAD) and text[len(_HEAD) + _HASH_LEN:start] == _MID
            and text.endswith("}")):
        raise ValueError("not a cache entry")
    payload = text[start:-1]
    if hashlib.sha256(payload.encode("utf-8")).hexdigest() != text[len(_HEAD):start - len(_MID)]:
        raise ValueError("the entry does not match its SHA-256")
    known = classes(root)
    try:
        model = json.loads(payload, object_hook=lambda d: _decode(d, known))
    except (KeyError, TypeError, AttributeError, ArithmeticError, RecursionError) as exc:
        # a tag of the wrong shape, a bad number (Decimal's InvalidOperation), too deep
        raise ValueError(f"not a cache entry: {exc!r}") from None
    if type(model) is not root:
        raise ValueError("not an entry of this model")
    return model


def _decode(d: dict[str, Any], known: dict[str, type]) -> Any:
    if len(d) > 3 or not d:
        return d
    tag = next(iter(d))
    if tag[:1] != "$":
        return d
    if tag == "$m":
        cls = known[d["$m"]]
        values = d["v"]
        if not issubclass(cls, BaseModel) or values.keys() != cls.__pydantic_fields__.keys() \
                or len(d) != (3 if "u" in d else 2):
            raise ValueError(f"{d['$m']}: not its fields")
        model = cls.__new__(cls)  # what ``model_construct`` does when every field is given
        _set(model, "__dict__", values)
        _set(model, "__pydantic_fields_set__",
             set(values).difference(d["u"]) if "u" in d else set(values))
        _set(model, "__pydantic_extra__", None)
        _set(model, "__pydantic_private__", None)
        return model
    if len(d) != (2 if tag == "$e" else 1):
        raise ValueError(f"{tag}: not a cache entry")
    value = d[tag]
    if tag == "$d":
        return date.fromisoformat(value)
    if tag == "$dt":
        return datetime.fromisoformat(value)
    if tag == "$f":
        return Fraction(value)
    if tag == "$n":
        return Decimal(value)
    if tag == "$t":
        return tuple(value)
    if tag == "$k":
        return {k: v for k, v in value}
    if tag == "$e":
        cls = known[value]
        if not issubclass(cls, enum.Enum):
            raise ValueError(f"{value}: not an enum")
        return cls(d["v"])
    raise ValueError(f"{tag}: not a cache entry")
