"""The rule pack: cited parameters and rule definitions, loaded from YAML and validated.

A pack is a directory (``requirements_rules/<id>/``) with ``pack.yaml`` (identity, caveat,
sources), ``parameters.yaml`` (every number and list, each with ``source`` and
``as_of``), ``rules.yaml`` (the checklist), ``countries.yaml`` and ``hints.yaml``.
A pack with a missing citation or a malformed value is refused with ``RulePackError``
naming the file and the key.
"""

# Annotations here are objects, not text (no ``from __future__ import annotations``), and
# the models are built when a pack is first validated (``defer_build``): pydantic would
# otherwise compile every annotation from its text as the classes are made, on every
# command's start.

import re
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)
from pydantic._internal._repr import display_as_type

from gs_assistant.model.application import (
    BenefitType,
    ConditionBBranch,
    MouStatus,
    PartnerBenefitCategory,
    Track,
)
from gs_assistant.model.canonical import canonical, names, norm
from gs_assistant.model.files import MAX_ROWS
from gs_assistant.rules.declared import CheckSpec

TOPICS = (
    "applicant", "sme", "country", "track", "amount", "period", "field", "types",
    "quantitative", "partner_benefit", "affiliates", "mou", "press_release", "content",
    "expenses",
)
Topic = Literal[
    "applicant", "sme", "country", "track", "amount", "period", "field", "types",
    "quantitative", "partner_benefit", "affiliates", "mou", "press_release", "content",
    "expenses",
]

DEFAULT_PACK = "gs_r7_supplementary"


class RulePackError(Exception):
    def __init__(self, file: Path | str, key: str, message: str) -> None:
        message = " ".join(message.split())  # one line (YAML errors span several)
        self.file, self.key, self.message = str(file), key, message
        super().__init__(f"{file}: {key}: {message}" if key else f"{file}: {message}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _fraction(value: Any) -> Fraction:
    if isinstance(value, Fraction):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d+/\d+", value):
        result = Fraction(value)
        if 0 < result <= 1:
            return result
    raise ValueError(f"a rate written as a fraction such as '2/3' is expected, got {value!r}")


Rate = Annotated[Fraction, BeforeValidator(_fraction)]
Source = Annotated[str, Field(min_length=3)]


class Localized(_Strict):
    ja: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.ja


class Cited(_Strict):
    """A value with where it comes from and the date it holds from.

    ``Cited[T]`` is the subclass whose ``value`` is a ``T``: a plain subclass made once per
    ``T`` (``__class_getitem__``), not a pydantic generic model, whose parametrisation costs
    about twice a plain class on every start (there are some 25). It is named as pydantic
    names a generic model's parametrisation (``Cited[int]``), so errors read the same.
    """

    value: Any
    source: Source
    as_of: date
    inclusive: bool | None = None  # for a line: does the value itself reach it?
    description: Localized | None = None

    def reached_by(self, x: Any) -> bool:
        """``x`` reaches this line: ``x >= value`` when ``inclusive``, else ``x > value``."""
        line = Decimal(self.value) if isinstance(x, Decimal) else self.value
        return x >= line if self.inclusive else x > line

    def __class_getitem__(cls, value_type: Any) -> "type[Cited]":
        if cls is not Cited:
            raise TypeError(f"{cls.__name__} cannot be parametrised")
        made = _CITED.get(value_type)
        if made is None:
            name = f"Cited[{display_as_type(value_type)}]"
            made = _CITED[value_type] = type(cls)(
                name, (cls,), {"__module__": __name__, "__qualname__": name,
                               "__annotations__": {"value": value_type}},
                __pydantic_reset_parent_namespace__=False)
        return made


_CITED: dict[Any, type[Cited]] = {}


class TrackParams(_Strict):
    name: Localized
    budget_yen: Cited[int]
    subsidy_min_exclusive_yen: Cited[int]
    subsidy_max_yen: Cited[int]
    rate_sme: Cited[Rate]
    rate_non_sme: Cited[Rate]
    period_months: Cited[Annotated[int, Field(gt=0, le=120)]]
    period_approximate: Cited[bool]  # the brochure says 程度: a small excess is 要確認
    end_by: Cited[date | None]
    country_group: Cited[Literal["asean", "non_asean", "any"]]
    schedule: Cited[str]


class SmeThreshold(_Strict):
    capital_yen: int = Field(gt=0)
    employees: int = Field(gt=0)


class Question(_Strict):
    key: str
    ja: str
    en: str
    confirmed: bool = True  # False: the usual wording of other calls, not yet this one's


class LabelledItem(Localized):
    since: date | None = None


class AffiliateParams(_Strict):
    subsidiary_min_percent: Cited[int]
    sub_subsidiary_parent_over_percent: Cited[int]
    sub_subsidiary_over_percent: Cited[int]


def _every(keys: type) -> AfterValidator:
    """Refuse a label table that leaves out one of the model's choices."""

    def check(value: dict) -> dict:
        missing = [k.value for k in keys if k not in value]
        if missing:
            raise ValueError(f"a label is missing for: {', '.join(missing)}")
        return value

    return AfterValidator(check)


class MouParams(_Strict):
    deadline_months_after_start: Cited[int]
    counterparts: Cited[dict[str, Localized]]
    statuses: Cited[Annotated[dict[MouStatus, Localized], _every(MouStatus)]]


class BenefitTypeParams(_Strict):
    """One type of 日本裨益: its name and its three conditions, as the brochure words them."""

    name: Cited[Localized]
    conditions: Annotated[dict[Literal["a", "b", "c"], Cited[Localized]], Field(min_length=3)]


class ScheduleParams(_Strict):
    earliest_start: Cited[date]
    approximate_tolerance_months: Cited[Annotated[int, Field(ge=0, le=12)]]


class CategoryName(Localized):
    hint: Localized | None = None


class ExpenseCategory(Cited[CategoryName]):
    """A 費目: its name, the tracks whose list has it (secondary knowledge: a 費目 outside
    the list is 要確認) and what the rules count it as."""

    tracks: list[Track]
    kind: Literal["outsourcing", "equipment"] | None = None


class ExpenseParams(_Strict):
    caveat: Cited[Localized]
    categories: Annotated[dict[str, ExpenseCategory], Field(min_length=1)]
    outsourcing_share_percent: Cited[Annotated[int, Field(ge=0, le=100)]]
    rate_basis: Cited[str]
    rate_date_max_days: Cited[Annotated[int, Field(ge=0, le=3660)]]

    def of_kind(self, kind: str) -> frozenset[str]:
        return frozenset(k for k, c in self.categories.items() if c.kind == kind)


class CountryLists(_Strict):
    separate_call: Cited[list[str]]
    central_eastern_europe: Cited[list[str]]
    dependence_concern: Cited[list[str]]
    not_global_south: Cited[list[str]]
    asean_recent_member: Cited[list[str]]
    dac_leaving: Cited[list[str]]


class PeriodRule(_Strict):
    # how a period of N months is counted: the only method the checker implements
    method: Cited[Literal["civil_code_143"]]


class Parameters(_Strict):
    tracks: dict[Track, TrackParams]
    sme_thresholds: dict[str, Cited[SmeThreshold]]
    industries: dict[str, Localized]
    deemed_large_questions: Cited[list[Question]]
    deemed_large_taxable_income_line_yen: Cited[int]
    consortium_rate_rule: Cited[Literal["all_members_sme"]]
    affiliates: AffiliateParams
    mou: MouParams
    schedule: ScheduleParams
    period_rule: PeriodRule
    fields: dict[str, Cited[Localized]]
    dx_areas: Cited[dict[str, Localized]]
    critical_materials: Cited[dict[str, LabelledItem]]
    critical_material_aliases: Cited[dict[str, str]]
    countries: CountryLists
    benefit_types: Annotated[dict[BenefitType, BenefitTypeParams], _every(BenefitType)]
    condition_b_branches: Cited[Annotated[dict[ConditionBBranch, Localized],
                                          _every(ConditionBBranch)]]
    partner_benefit_categories: Cited[Annotated[dict[PartnerBenefitCategory, Localized],
                                                _every(PartnerBenefitCategory)]]
    max_rows_per_list: Cited[Annotated[int, Field(ge=1, le=MAX_ROWS)]]
    expenses: ExpenseParams
    # the 事業計画書's page limit: null until the call sets one (export warns above it)
    draft_page_limit: Cited[Annotated[int, Field(ge=1, le=1000)] | None] | None = None


class Country(_Strict):
    iso3: str = Field(pattern=r"^[A-Z]{3}$")
    name_en: str
    name_ja: str
    dac: Literal["ldc", "other_lic", "lmic", "umic"] | None = None
    asean_since: date | None = None

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_ja


class CountrySourceInfo(_Strict):
    title: str | None = None
    source: Source
    confidence: str | None = None
    as_of: date


class CountriesFile(_Strict):
    dac_list: CountrySourceInfo
    asean: CountrySourceInfo
    names: CountrySourceInfo
    countries: list[Country]


class RuleDef(_Strict):
    id: str = Field(pattern=r"^[A-Z]{3}-[0-9A-Z]{2,4}$")
    topic: Topic
    title: Localized
    citation: Source
    field: str
    tracks: list[Track] | None = None  # None = every track
    # brochure: the METI brochure says it; public_fact: a public source other than the
    # brochure (要確認 where uncertain); inference: neither says it in so many words
    basis: Literal["brochure", "public_fact", "inference"] = "brochure"
    check: CheckSpec | None = None  # a rule declared in the pack (rules/declared.py)

    def applies_to(self, track: Track | None) -> bool:
        if self.tracks is None:
            return True
        return track is not None and track in self.tracks


class SourceSection(_Strict):
    """A heading of a source and the lines under it, so a cited line can be found."""

    from_: int = Field(alias="from", ge=1)
    to: int = Field(ge=1)
    ja: str
    en: str


class SourceInfo(_Strict):
    title: str
    publisher: str
    date: date
    short: Localized | None = None  # how the source is named to users
    sections: list[SourceSection] = Field(default_factory=list)


HINT_EXAMPLE_KEYS = frozenset({"gx", "dx", "economic_security", "fs", "small", "large"})


class Hint(_Strict):
    """Writing help for a free-text field: what reviewers look for, a good example (one
    per field kind or track where they differ) and a weak one."""

    looks_for: Localized
    example: Localized
    weak: Localized | None = None
    examples: dict[str, Localized] = Field(default_factory=dict)
    max_chars: int | None = None

    @field_validator("examples")
    @classmethod
    def _known_keys(cls, value: dict[str, Localized]) -> dict[str, Localized]:
        unknown = set(value) - HINT_EXAMPLE_KEYS
        if unknown:
            raise ValueError(f"examples: 使えないキー {sorted(unknown)}"
                             f"（{', '.join(sorted(HINT_EXAMPLE_KEYS))} のいずれか）")
        return value

    def example_for(self, kinds: list[str], track: str | None) -> Localized:
        """The example for the application's field kinds (first match), else its track
        (fs, small, large), else the general one."""
        for kind in kinds:
            if kind in self.examples:
                return self.examples[kind]
        if track:
            group = "large" if track.startswith("large") else track
            if group in self.examples:
                return self.examples[group]
        return self.example


class IndicatorSuggestion(_Strict):
    name: Localized
    unit: str


class Hints(_Strict):
    fields: dict[str, Hint] = Field(default_factory=dict)
    indicators: dict[str, list[IndicatorSuggestion]] = Field(default_factory=dict)


class PackHeader(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    version: str
    as_of: date
    title: Localized
    caveat: Localized
    sources: dict[str, SourceInfo]
    # The English of the notes written in parentheses inside rules' citations
    # (``secretariat_faq (前回公募FAQ。本公募では要確認)``), by their Japanese text.
    citation_notes_en: dict[str, str] = {}


class RulePack(_Strict):
    """Everything the checker needs for one call."""

    header: PackHeader
    params: Parameters
    rules: list[RuleDef]
    countries: dict[str, Country]
    country_info: CountriesFile
    hints: Hints
    path: str

    @property
    def id(self) -> str:
        return self.header.id

    @property
    def version(self) -> str:
        return self.header.version

    @property
    def max_rows(self) -> int:
        """The most rows one list of answers may hold (the tool's own limit)."""
        return self.params.max_rows_per_list.value

    def rule(self, rule_id: str) -> RuleDef:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def track(self, track: Track) -> TrackParams:
        return self.params.tracks[track]

    def material_key(self, text: str) -> tuple[str | None, bool]:
        """(the 特定重要物資 key ``text`` names, whether only through an alias)."""
        materials = self.params.critical_materials.value
        key = canonical(text, _names_of(self, materials))
        if key in materials:
            return key, False
        aliases = {norm(a): k for a, k in self.params.critical_material_aliases.value.items()}
        key = aliases.get(norm(text)) if text else None
        return (key, True) if key in materials else (None, False)

    def dx_area_key(self, text: str) -> str | None:
        areas = self.params.dx_areas.value
        key = canonical(text, _names_of(self, areas))
        return key if key in areas else None


# (id of the pack, id of its table) -> (the pack, spellings): ``names`` of a pack's table
# is asked for on every check; the pack is kept so that its id is not reused
_NAMES: dict[tuple[int, int], tuple[RulePack, dict[str, str]]] = {}


def _names_of(pack: RulePack, entries: dict[str, Any]) -> dict[str, str]:
    known = _NAMES.get((id(pack), id(entries)))
    if known is None or known[0] is not pack:
        known = _NAMES[(id(pack), id(entries))] = (pack, names(entries))
    return known[1]


# ---------------------------------------------------------------- loading


def _read(folder: Path, name: str) -> Any:
    path = folder / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulePackError(path, "", f"cannot read: {exc.strerror}") from None
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise RulePackError(path, "", f"not valid YAML: {exc}") from None
    except ValueError as exc:  # an impossible date (2026-06-31) is read as a timestamp
        raise RulePackError(path, "", f"not a possible value: {exc}") from None


def _validate(model: type[BaseModel], data: Any, file: Path, prefix: str = "") -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        key = prefix + ".".join(str(p) for p in err["loc"])
        raise RulePackError(file, key, err["msg"]) from None


def _check_sources(header: PackHeader, rules: list[RuleDef], params: Any, folder: Path) -> None:
    """Every citation must name the brochure by line or a source the pack declares."""
    known = set(header.sources)

    def ok(citation: str) -> bool:
        text = re.sub(r"\(.*?\)|（.*?）", "", citation)
        if re.search(r"\bseed\b(?!:\d)", text):  # the brochure is cited by line: seed:LINE
            return False
        names = re.findall(r"[a-z_][a-z0-9_]+", text)
        return bool(names) and all(n in known for n in names)

    for i, rule in enumerate(rules):
        if not ok(rule.citation):
            raise RulePackError(folder / "rules.yaml", f"[{i}].citation",
                                f"unknown source in {rule.citation!r}")

    def walk(node: Any, key: str) -> None:
        if isinstance(node, dict):
            if "source" in node and "as_of" in node and not ok(str(node["source"])):
                raise RulePackError(folder / "parameters.yaml", key + ".source",
                                    f"unknown source in {node['source']!r}")
            for k, v in node.items():
                walk(v, f"{key}.{k}" if key else str(k))

    walk(params, "")


def load_pack(folder: Path | str) -> RulePack:
    folder = Path(folder)
    if not (folder / "pack.yaml").is_file():
        raise RulePackError(folder, "", "not a rule pack (pack.yaml is missing)")
    header = _validate(PackHeader, _read(folder, "pack.yaml"), folder / "pack.yaml")
    raw_params = _read(folder, "parameters.yaml")
    params = _validate(Parameters, raw_params, folder / "parameters.yaml")
    raw_rules = _read(folder, "rules.yaml")
    if not isinstance(raw_rules, list):
        raise RulePackError(folder / "rules.yaml", "", "a list of rules is expected")
    rules = [
        _validate(RuleDef, r, folder / "rules.yaml", f"[{i}].") for i, r in enumerate(raw_rules)
    ]
    ids = [r.id for r in rules]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise RulePackError(folder / "rules.yaml", ",".join(sorted(dupes)), "duplicate rule id")
    _check_sources(header, rules, raw_params, folder)
    materials = params.critical_materials.value
    for alias, key in params.critical_material_aliases.value.items():
        if key not in materials:
            raise RulePackError(folder / "parameters.yaml",
                                f"critical_material_aliases.value.{alias}",
                                f"{key!r} is not a key of critical_materials")
    countries = _validate(CountriesFile, _read(folder, "countries.yaml"), folder / "countries.yaml")
    hints_path = folder / "hints.yaml"
    hints = _validate(Hints, _read(folder, "hints.yaml"), hints_path) if hints_path.exists() \
        else Hints()
    from gs_assistant.rules.registry import check_implemented  # avoid an import cycle

    check_implemented([r.id for r in rules if r.check is None], folder / "rules.yaml",
                      [r.id for r in rules if r.check is not None])
    return RulePack(
        header=header, params=params, rules=rules,
        countries={c.iso3: c for c in countries.countries}, country_info=countries,
        hints=hints, path=str(folder),
    )
