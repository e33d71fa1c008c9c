"""The field catalogue (``fields.yaml``): what each answer of an application is.

One entry per field, by its generic path: its kind (which decides the wizard's box and how
the answer is written out), its label in Japanese and English, the wizard step where it is
answered, where its choices come from and the field to focus for a group. Labels, the
field→step map, answer formatting and the export's ``answers`` read it from here.

``catalogue()`` loads the bundled file once; ``parse`` checks any such mapping and raises
``CatalogueError`` naming the file, the field and what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from gs_assistant.model import fieldpath

CATALOGUE_FILE = Path(__file__).with_name("fields.yaml")

KINDS = frozenset({
    "text", "area", "yen", "date", "int", "year", "number", "percent", "choice",
    "open_choice", "multi", "yesno", "tick", "country", "rows", "map", "group", "computed",
})
# Kinds whose entries hold other fields beneath them.
CONTAINERS = frozenset({"rows", "group"})
# Kinds whose answers are picked from a table (``choices:``).
CHOOSING = frozenset({"choice", "open_choice", "multi"})
CHOICE_SOURCES = ("pack:", "ui:", "app:")
APP_TABLES = frozenset({"members"})
LABEL_SOURCES = frozenset({"deemed_large_questions"})
# The wizard's steps, in order (tui/navigation.py shows them; kept here so the catalogue can
# be checked without the UI).
STEPS = ("applicant", "country_field", "track_money_period", "benefits", "large_extras",
         "content", "review_export")
DEFAULT_STEP = "review_export"
_KEYS = frozenset({"kind", "label", "step", "choices", "focus", "hint", "label_from"})


class CatalogueError(ValueError):
    """A malformed field catalogue; the message names the file, the field and the fix."""


@dataclass(frozen=True, slots=True)
class FieldSpec:
    path: str
    kind: str
    label: tuple[str, str]
    step: str | None = None  # as declared; Catalogue.step_for inherits it
    choices: str | None = None  # "pack:industries", "ui:location", "app:members"
    focus: str | None = None
    hint: str | None = None
    label_from: str | None = None

    def label_in(self, lang: str) -> str:
        return self.label[1] if lang == "en" else self.label[0]

    @property
    def hint_key(self) -> str:
        return self.hint or self.path


class Catalogue:
    """The fields by generic path, and the wizard's own choice tables."""

    def __init__(self, fields: dict[str, FieldSpec],
                 choices: dict[str, dict[str, tuple[str, str]]]) -> None:
        self.fields = fields
        self.choices = choices
        self._steps: dict[str, str] = {}
        self.row_lists = frozenset(p for p, s in fields.items() if s.kind == "rows")

    def __contains__(self, path: str) -> bool:
        return fieldpath.generic(path) in self.fields

    def spec(self, path: str) -> FieldSpec | None:
        """The entry of a field path (row numbers allowed); None for a path it lacks."""
        return self.fields.get(fieldpath.generic(path))

    def label(self, path: str, lang: str) -> str | None:
        spec = self.spec(path)
        return spec.label_in(lang) if spec is not None else None

    def step_for(self, path: str) -> str:
        """The step where ``path`` is answered: its own, else its nearest ancestor's,
        else the review step (anything the catalogue does not know)."""
        plain = fieldpath.generic(path)
        found = self._steps.get(plain)
        if found is None:
            found = DEFAULT_STEP
            for prefix in fieldpath.prefixes(plain):
                spec = self.fields.get(prefix)
                if spec is not None and spec.step is not None:
                    found = spec.step
                    break
            self._steps[plain] = found
        return found

    def children(self, path: str) -> list[FieldSpec]:
        """The entries directly beneath a group or a row list, in the file's order."""
        plain = fieldpath.generic(path)
        depth = plain.count(".") + 1
        return [s for p, s in self.fields.items()
                if p.startswith(plain + ".") and p.count(".") == depth]

    def top_level(self) -> list[FieldSpec]:
        return [s for p, s in self.fields.items() if "." not in p]

    def choice_labels(self, group: str) -> dict[str, tuple[str, str]]:
        """One of the wizard's own choice tables (``ui:<group>``)."""
        return self.choices[group]

    def focus_for(self, path: str) -> str | None:
        """The field to focus for a group the checklist names (a path without row numbers;
        None for anything else)."""
        spec = self.fields.get(path)
        return spec.focus if spec is not None else None

    def in_step(self, step: str) -> list[FieldSpec]:
        """Every entry answered on ``step``."""
        return [s for p, s in self.fields.items() if self.step_for(p) == step]


def _fail(where: str, path: str, what: str) -> CatalogueError:
    return CatalogueError(f"{where}: fields.{path}: {what}")


def _pair(value: Any) -> bool:
    return (isinstance(value, list | tuple) and len(value) == 2
            and all(isinstance(v, str) and v.strip() for v in value))


def _spec(where: str, path: str, entry: Any, ui_tables: set[str]) -> FieldSpec:
    if not isinstance(entry, dict):
        raise _fail(where, path, "expected a mapping such as {kind: text, label: [ja, en]}, "
                    f"got {entry!r}")
    if not entry.keys() <= _KEYS:
        unknown = ", ".join(sorted(set(entry) - _KEYS))
        raise _fail(where, path, f"unknown key {unknown} (known: {', '.join(sorted(_KEYS))})")
    kind, label, step = entry.get("kind"), entry.get("label"), entry.get("step")
    if kind not in KINDS:
        raise _fail(where, path, f"kind must be one of {', '.join(sorted(KINDS))}, got {kind!r}")
    if not _pair(label):
        raise _fail(where, path, f"label must be [ja, en], two non-empty texts, got {label!r}")
    if step is not None and step not in STEPS:
        raise _fail(where, path, f"step must be one of {', '.join(STEPS)}, got {step!r}")
    choices = entry.get("choices")
    if choices is not None:
        _check_choices(where, path, kind, choices, ui_tables)
    for key in ("focus", "hint"):
        value = entry.get(key)
        if value is not None and not (isinstance(value, str) and value.strip()):
            raise _fail(where, path, f"{key} must be a field path, got {value!r}")
    label_from = entry.get("label_from")
    if label_from is not None and label_from not in LABEL_SOURCES:
        raise _fail(where, path, f"label_from must be one of {', '.join(sorted(LABEL_SOURCES))}"
                    f", got {label_from!r}")
    return FieldSpec(path=path, kind=kind, label=(label[0], label[1]), step=step,
                     choices=choices, focus=entry.get("focus"), hint=entry.get("hint"),
                     label_from=label_from)


def _check_choices(where: str, path: str, kind: str, choices: Any,
                   ui_tables: set[str]) -> None:
    if kind not in CHOOSING:
        raise _fail(where, path,
                    f"only a choice, open_choice or multi field has choices (kind is {kind})")
    if not (isinstance(choices, str) and choices.startswith(CHOICE_SOURCES)):
        raise _fail(where, path,
                    f"choices must be pack:<table>, ui:<group> or app:members, got {choices!r}")
    source, _, table = choices.partition(":")
    if not table:
        raise _fail(where, path, f"choices {choices!r} names no table")
    if source == "ui" and table not in ui_tables:
        raise _fail(where, path, f"choices {choices!r}: there is no choices.{table} in the file")
    if source == "app" and table not in APP_TABLES:
        raise _fail(where, path, f"choices {choices!r}: the application offers only app:members")


def parse(data: Any, where: str = str(CATALOGUE_FILE)) -> Catalogue:
    """A catalogue from the loaded YAML ``data``; ``where`` names the file in errors."""
    if not isinstance(data, dict) or not isinstance(data.get("fields"), dict):
        raise CatalogueError(f"{where}: expected a mapping with a fields: mapping at the top")
    extra = sorted(set(data) - {"fields", "choices"})
    if extra:
        raise CatalogueError(f"{where}: unknown top-level key {', '.join(extra)} "
                             "(known: fields, choices)")
    raw_choices = data.get("choices") or {}
    if not isinstance(raw_choices, dict):
        raise CatalogueError(f"{where}: choices: expected a mapping of tables")
    choices: dict[str, dict[str, tuple[str, str]]] = {}
    for group, table in raw_choices.items():
        if not isinstance(table, dict) or not table:
            raise CatalogueError(f"{where}: choices.{group}: expected a mapping "
                                 "key: [ja, en]")
        for key, pair in table.items():
            if not _pair(pair):
                raise CatalogueError(f"{where}: choices.{group}.{key}: expected [ja, en], "
                                     f"two non-empty texts, got {pair!r}")
        choices[str(group)] = {str(k): (v[0], v[1]) for k, v in table.items()}
    fields: dict[str, FieldSpec] = {}
    for path, entry in data["fields"].items():
        if not isinstance(path, str) or fieldpath.generic(path) != path \
                or fieldpath.join(fieldpath.tokens(path)) != path:
            raise CatalogueError(f"{where}: fields.{path}: a key must be a field path "
                                 "without row numbers, e.g. co_applicants.name")
        fields[path] = _spec(where, path, entry, set(choices))
    for path, spec in fields.items():
        parent = path.rpartition(".")[0]
        if parent and not (parent in fields and fields[parent].kind in CONTAINERS):
            raise _fail(where, path, f"its parent {parent} must be an entry of kind group or rows")
        if spec.focus is not None and not spec.focus.startswith(path + "."):
            raise _fail(where, path, f"focus {spec.focus} must be a path beneath {path}")
    return Catalogue(fields, choices)


def load(path: Path) -> Catalogue:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{path}: not readable YAML: {exc}") from None
    return parse(data, str(path))


@cache
def catalogue() -> Catalogue:
    """The bundled catalogue, read once per process (from a JSON copy of the YAML while
    neither it nor this module has changed: a third of the time)."""
    from gs_assistant.cache import derived

    def build() -> Any:
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        try:
            return yaml.load(CATALOGUE_FILE.read_text(encoding="utf-8"), Loader=loader)
        except (OSError, yaml.YAMLError):
            return None  # load() below says what is wrong

    data = derived("fields", [CATALOGUE_FILE], [Path(__file__)], build,
                   lambda d: isinstance(d, dict))
    return parse(data) if isinstance(data, dict) else load(CATALOGUE_FILE)
