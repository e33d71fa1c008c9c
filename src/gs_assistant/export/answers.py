"""Every answer of the catalogue for the templates, by its path: ``answers["costs.plan_date"]``.

The named variables of the context (``costs.total``, ``applicant.name`` …) are shaped for
the proposal's paragraphs; ``answers`` is the plain view of the file, one entry per field of
``model/fields.yaml``, written as the review screen writes them (amounts in yen, dates in
both calendars, choices by the rule pack's labels, はい／いいえ). A list of rows is a list of
mappings keyed by the row's own paths (``answers["co_applicants"][0].name``). ``field_names``
gives each path's Japanese label. Values are made when a template first asks for them, so a
template that never reads ``answers`` pays nothing for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from gs_assistant.export.values import Value
from gs_assistant.model import fieldpath
from gs_assistant.model.application import Application
from gs_assistant.model.catalogue import Catalogue, FieldSpec, catalogue
from gs_assistant.rules.answers import value_text
from gs_assistant.rules.pack import RulePack

_NOT_ANSWERS = frozenset({"group", "computed"})


def answer_paths(cat: Catalogue, under: str = "") -> list[str]:
    """The paths ``answers`` holds (``under`` a row list: the paths inside its rows):
    every field that is not a group or computed, and not inside the rows of a list."""
    out = []
    for path, spec in cat.fields.items():
        if spec.kind in _NOT_ANSWERS:
            continue
        if under and not path.startswith(under + "."):
            continue
        inner = path[len(under) + 1:] if under else path
        rows_above = [p for p in fieldpath.prefixes(inner)[1:]
                      if cat.fields[f"{under}.{p}" if under else p].kind == "rows"]
        if not rows_above:
            out.append(path)
    return out


class Answers(Mapping[str, Any]):
    """The answers by generic path, each made (and put in the vault) when first read."""

    def __init__(self, app: Application, pack: RulePack,
                 value: Callable[[Any], Value]) -> None:
        self._app, self._pack, self._value = app, pack, value
        self._cat = catalogue()
        self._paths = answer_paths(self._cat)
        self._keys = frozenset(self._paths)
        self._made: dict[str, Any] = {}

    def __getitem__(self, path: str) -> Any:
        if path not in self._keys:
            raise KeyError(path)
        if path not in self._made:
            spec = self._cat.fields[path]
            self._made[path] = self._answer(spec, path, fieldpath.get(self._app, path))
        return self._made[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    def _answer(self, spec: FieldSpec, path: str, value: Any) -> Any:
        if spec.kind == "rows":
            inner = [(p, p[len(spec.path) + 1:]) for p in answer_paths(self._cat, spec.path)]
            return [{name: self._answer(self._cat.fields[p], f"{path}[{i}].{name}",
                                        fieldpath.get(row, name))
                     for p, name in inner}
                    for i, row in enumerate(value)]
        if spec.kind == "map":
            return {key: self._text(path, entry) for key, entry in value.items()}
        return self._text(path, value)

    def _text(self, path: str, value: Any) -> Value:
        if value is None or value == "" or value == []:
            return self._value(None)
        return self._value(value_text(path, value, self._pack, "ja", app=self._app))


def field_labels() -> dict[str, str]:
    """Each catalogue path's Japanese label (``field_names`` in the templates)."""
    return {path: spec.label[0] for path, spec in catalogue().fields.items()}
