"""The field catalogue (model/fields.yaml) against the model: every answer of an
application is in it once, with a kind that fits the field's type, a real step and a
choice table that exists; a malformed catalogue is refused naming the file and the field."""

from __future__ import annotations

import types
import typing
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from gs_assistant.model import fieldpath
from gs_assistant.model.application import Application
from gs_assistant.model.catalogue import (
    CATALOGUE_FILE,
    KINDS,
    STEPS,
    CatalogueError,
    catalogue,
    load,
    parse,
)
from gs_assistant.model.types import CountryCode, Day, Percent, Yen
from gs_assistant.rules import default_pack
from gs_assistant.rules.choices import PACK_TABLES, _pack_tables, labels

NOT_ANSWERS = {"meta", "review"}  # bookkeeping and the consultants' review, not answers


def _core(annotation: typing.Any) -> typing.Any:
    """The annotation without ``| None``."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _model_fields(cls: type[BaseModel], prefix: str = "") -> dict[str, typing.Any]:
    """Every field path of the model (rows without numbers) with its annotation."""
    out: dict[str, typing.Any] = {}
    for name, info in cls.model_fields.items():
        if not prefix and name in NOT_ANSWERS:
            continue
        path = f"{prefix}.{name}" if prefix else name
        ann = _core(info.annotation)
        out[path] = ann
        args = typing.get_args(ann)
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            out.update(_model_fields(ann, path))
        elif typing.get_origin(ann) is list and isinstance(args[0], type) \
                and issubclass(args[0], BaseModel):
            out.update(_model_fields(args[0], path))
    return out


MODEL = _model_fields(Application)


def _is_model(ann: typing.Any) -> bool:
    return isinstance(ann, type) and issubclass(ann, BaseModel)


def _is_enum(ann: typing.Any) -> bool:
    return isinstance(ann, type) and issubclass(ann, Enum)


def _is_str(ann: typing.Any) -> bool:
    """``str`` or an annotated ``str`` (``Text``)."""
    return ann is str or (typing.get_origin(ann) is typing.Annotated
                          and typing.get_args(ann)[0] is str)


def _fits(kind: str, ann: typing.Any) -> bool:
    origin, args = typing.get_origin(ann), typing.get_args(ann)
    if kind in ("text", "area", "open_choice"):
        return _is_str(ann)
    if kind == "choice":
        return _is_enum(ann) or _is_str(ann)
    if kind == "number":
        return origin is typing.Annotated and args[0] is Decimal and ann != Percent
    if kind == "multi":
        return origin is list and _is_enum(args[0])
    if kind == "rows":
        return origin is list and _is_model(args[0])
    if kind == "map":
        return origin is dict
    if kind == "group":
        return _is_model(ann)
    if kind in ("yesno", "tick"):
        return ann is bool  # yes/no may also be None (unanswered): checked apart
    if kind in ("int", "year"):
        return ann is int
    return ann == {"yen": Yen, "date": Day, "percent": Percent, "country": CountryCode}[kind]


def test_the_catalogue_covers_every_answer_of_the_model_and_nothing_else() -> None:
    cat = catalogue()
    missing = sorted(set(MODEL) - set(cat.fields))
    assert not missing, f"fields without a catalogue entry: {missing}"
    computed = {p for p, s in cat.fields.items() if s.kind == "computed"}
    assert computed == {"co_applicants.sme", "large.affiliates.counts", "costs.expenses.yen",
                        "costs.expenses.target"}
    unknown = sorted(set(cat.fields) - set(MODEL) - computed)
    assert not unknown, f"catalogue entries that are not model fields: {unknown}"


@pytest.mark.parametrize("path", sorted(MODEL))
def test_each_kind_fits_the_fields_type(path: str) -> None:
    spec = catalogue().spec(path)
    ann = MODEL[path]
    assert _fits(spec.kind, ann), f"{path}: kind {spec.kind} does not fit {ann}"
    nullable = type(None) in typing.get_args(
        _annotation_of(path)) if spec.kind in ("yesno", "tick") else None
    if spec.kind == "yesno":
        assert nullable, f"{path}: a yes/no question can be unanswered (bool | None)"
    if spec.kind == "tick":
        assert not nullable, f"{path}: a tick is plain bool"


def _annotation_of(path: str) -> typing.Any:
    cls: typing.Any = Application
    *head, last = path.split(".")
    for name in head:
        ann = _core(cls.model_fields[name].annotation)
        cls = typing.get_args(ann)[0] if typing.get_origin(ann) is list else ann
    return cls.model_fields[last].annotation


def test_steps_are_the_wizards_and_inherited_from_the_nearest_ancestor() -> None:
    cat = catalogue()
    assert {s.step for s in cat.fields.values() if s.step} <= set(STEPS)
    for spec in cat.top_level():  # every part of the file says where it is answered
        assert spec.step in STEPS, spec.path
    assert cat.step_for("co_applicants[2].profile.address") == "applicant"
    assert cat.step_for("content.single_project") == "applicant"  # its own, not content's
    assert cat.step_for("content.milestones[0].date") == "content"
    assert cat.step_for("costs.expenses[3].rate") == "track_money_period"
    assert cat.step_for("risks[0].mitigation") == "content"
    assert cat.step_for("funding.lender") == "track_money_period"
    assert cat.step_for("package.documents") == "review_export"
    assert cat.step_for("no.such.field") == "review_export"
    assert [s.path for s in cat.children("period")] == ["period.start", "period.end"]
    assert "co_applicants" in cat.row_lists and "costs.expenses" in cat.row_lists


def test_choice_tables_exist_and_label_every_choice_of_the_model() -> None:
    pack = default_pack()
    cat = catalogue()
    assert set(_pack_tables(pack)) == PACK_TABLES
    for path, spec in cat.fields.items():
        if spec.kind in ("choice", "multi"):
            assert spec.choices is not None, f"{path}: a choice without choices:"
        if spec.choices is None:
            continue
        if spec.choices == "app:members":
            continue
        table = labels(spec.choices, pack)
        assert table, f"{path}: {spec.choices} gives no labels"
        ann = MODEL[path]
        enum = typing.get_args(ann)[0] if typing.get_origin(ann) is list else ann
        if _is_enum(enum):
            assert {e.value for e in enum} <= set(table), (path, spec.choices)
    members = labels("app:members", pack, Application(co_applicants=[{"name": "北斗"}]))
    assert [(k, v("ja")) for k, v in members.items()] == [
        ("lead", "幹事法人"), ("co1", "北斗"), ("partner", "現地企業")]


def test_writing_help_is_keyed_by_catalogue_paths() -> None:
    cat = catalogue()
    keys = {s.hint_key for s in cat.fields.values()}
    assert set(default_pack().hints.fields) <= keys


def test_labels_and_focus() -> None:
    cat = catalogue()
    assert cat.label("co_applicants[1].capital_yen", "ja") == "資本金"
    assert cat.label("co_applicants[1].capital_yen", "en") == "Capital"
    assert cat.label("no.such", "ja") is None
    assert cat.focus_for("lead") == "lead.industry"
    assert cat.choice_labels("location")["japan"] == ("日本", "Japan")
    assert all(len(s.label) == 2 and all(s.label) for s in cat.fields.values())
    assert {s.kind for s in cat.fields.values()} <= KINDS


# ---------------------------------------------------------------- malformed catalogues


def _data() -> dict:
    return yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d["fields"]["costs.plan_date"].update(kind="day"),
     "fields.costs.plan_date: kind must be one of area, choice, computed"),
    (lambda d: d["fields"]["costs.plan_date"].update(label=["日付"]),
     "fields.costs.plan_date: label must be [ja, en]"),
    (lambda d: d["fields"]["costs.plan_date"].update(step="money"),
     "fields.costs.plan_date: step must be one of applicant, country_field"),
    (lambda d: d["fields"]["costs.plan_date"].update(colour="red"),
     "fields.costs.plan_date: unknown key colour"),
    (lambda d: d["fields"]["track"].update(choices="tracks"),
     "fields.track: choices must be pack:<table>, ui:<group> or app:members"),
    (lambda d: d["fields"]["co_applicants.location"].update(choices="ui:places"),
     "fields.co_applicants.location: choices 'ui:places': there is no choices.places"),
    (lambda d: d["fields"]["costs.total_yen"].update(choices="pack:industries"),
     "fields.costs.total_yen: only a choice, open_choice or multi field has choices"),
    (lambda d: d["fields"].pop("costs"),
     "fields.costs.total_yen: its parent costs must be an entry of kind group or rows"),
    (lambda d: d["fields"].update({"costs.expenses[0].note": {"kind": "text",
                                                               "label": ["a", "b"]}}),
     "fields.costs.expenses[0].note: a key must be a field path without row numbers"),
    (lambda d: d["fields"]["lead"].update(focus="track"),
     "fields.lead: focus track must be a path beneath lead"),
    (lambda d: d["fields"].update({"costs.plan_date": "date"}),
     "fields.costs.plan_date: expected a mapping such as {kind: text, label: [ja, en]}"),
    (lambda d: d["choices"]["location"].update(japan="日本"),
     "choices.location.japan: expected [ja, en]"),
    (lambda d: d.pop("fields"), "expected a mapping with a fields: mapping at the top"),
])
def test_a_malformed_catalogue_is_refused_naming_the_field(change, expected: str) -> None:
    data = _data()
    change(data)
    with pytest.raises(CatalogueError) as caught:
        parse(data, "my/fields.yaml")
    assert str(caught.value).startswith("my/fields.yaml: ")
    assert expected in str(caught.value)


def test_unreadable_yaml_names_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "fields.yaml"
    broken.write_text("fields: {lead: [\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"fields\.yaml: not readable YAML"):
        load(broken)


def test_the_bundled_catalogue_parses_as_it_loads() -> None:
    assert parse(_data()).fields.keys() == catalogue().fields.keys()


# ---------------------------------------------------------------- field paths


def test_field_paths_are_taken_apart_and_walked() -> None:
    assert fieldpath.tokens("a.b[2].c") == ["a", "b", 2, "c"]
    assert fieldpath.join(["a", "b", 2, "c"]) == "a.b[2].c"
    assert fieldpath.generic("indicators[3].target") == "indicators.target"
    assert fieldpath.prefixes("a.b[0].c") == ["a.b[0].c", "a.b[0]", "a.b", "a"]
    assert fieldpath.split_row("large.similar_projects[1].name") == (
        "large.similar_projects", 1, "name")
    assert fieldpath.split_row("lead.name") is None
    app = Application(co_applicants=[{"name": "北斗"}, {"name": "南星"}])
    app.period.start = date(2026, 4, 1)
    assert fieldpath.get(app, "co_applicants[1].name") == "南星"
    assert fieldpath.get({"a": [{"b": 1}]}, "a[0].b") == 1
    parent, name = fieldpath.parent_and_name(app, "co_applicants[0].name")
    assert parent is app.co_applicants[0] and name == "name"
    assert fieldpath.parent_and_name(app, "period") == (app, "period")
    parent, index = fieldpath.parent_and_name(app, "co_applicants[1]")
    assert parent is app.co_applicants and index == 1
    for bad in ("co_applicants[5].name", "no_such", "period.start.year.x"):
        with pytest.raises((AttributeError, IndexError, KeyError, TypeError)):
            fieldpath.get(app, bad)
        assert fieldpath.find(app, bad) is None
    assert fieldpath.find(app, "co_applicants[1].name") == "南星"
    assert fieldpath.find({"a": [{"b": 1}]}, "a[0].b") == 1
    assert fieldpath.find({"a": None}, "a.b") is None
