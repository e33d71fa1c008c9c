"""Rules declared in the pack: a ``check:`` block in ``rules.yaml`` decides the rule with
no Python.

    - id: CNT-900
      topic: content
      title: {ja: 事業の目的, en: Purpose}
      citation: "seed:119"
      field: content.summary
      check:
        kind: free_text     # required | free_text | yes_no | in_list | compare | choice_flag
        missing: {ja: 事業の目的を入力してください, en: Enter the purpose}

The kinds:

- ``required``: the field has a value (text with something in it, a number, a date, a
  non-empty list) → ``met`` with ``met`` ({value}); otherwise ``missing``.
- ``free_text``: written → 要確認 (a person judges it); otherwise ``missing``.
- ``yes_no``: a yes/no answer; ``expect`` (true/false) → ``met``; the other answer →
  ``otherwise`` (``not_met`` or ``needs_review``) with ``not_met``/``review``; none → ``missing``.
- ``in_list``: the value is one of ``values`` or of the keys of the pack parameter
  ``param`` (a dotted path into parameters.yaml, ``.value`` of a cited entry implied).
- ``compare``: the number compared (``op``: >=, <=, >, <, ==) with ``than``: a number or
  ``{param: dotted.path}``; placeholders ``{value}`` and ``{limit}``.
- ``choice_flag``: a choice whose values map to a status in ``flags``
  (``{value: met | not_met | needs_review}``); unlisted values are 要確認.

Reasons are ``{ja, en}`` texts with ``{value}`` / ``{limit}`` placeholders. Anything that
needs a computation (SME status, affiliates, periods, amounts) stays a Python rule
registered by id in ``rules/topics/``.
"""

# Annotations here are objects, not text (no ``from __future__ import annotations``), and
# the models are built when a pack is first validated (``defer_build``): pydantic would
# otherwise compile every annotation from its text as the classes are made, on every
# command's start.

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, model_validator

from gs_assistant.model import fieldpath
from gs_assistant.model.application import Application
from gs_assistant.rules.report import Finding, M, Status

_OPS = {
    ">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
    "<": lambda a, b: a < b, "==": lambda a, b: a == b,
}


class Reason(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    ja: str
    en: str

    def text(self, **values: object) -> M:
        return M(self.ja.format(**values), self.en.format(**values))


class ParamRef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    param: str


class CheckSpec(BaseModel):
    """One ``check:`` block."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    kind: Literal["required", "free_text", "yes_no", "in_list", "compare", "choice_flag"]
    path: str | None = None  # default: the rule's field
    missing: Reason
    met: Reason | None = None
    not_met: Reason | None = None
    review: Reason | None = None
    expect: bool | None = None  # yes_no
    otherwise: Literal["not_met", "needs_review"] = "not_met"  # yes_no, in_list, compare
    values: list[str] | None = None  # in_list
    param: str | None = None  # in_list: a parameter whose keys are the allowed values
    op: Literal[">=", "<=", ">", "<", "=="] | None = None  # compare
    than: int | Decimal | ParamRef | None = None  # compare
    flags: dict[str, Literal["met", "not_met", "needs_review"]] | None = None  # choice_flag

    @model_validator(mode="after")
    def _complete(self) -> "CheckSpec":
        need = {"yes_no": ("expect",), "compare": ("op", "than"), "choice_flag": ("flags",)}
        for name in need.get(self.kind, ()):
            if getattr(self, name) is None:
                raise ValueError(f"a {self.kind} check needs '{name}'")
        if self.kind == "in_list" and (self.values is None) == (self.param is None):
            raise ValueError("an in_list check needs either 'values' or 'param'")
        for reason in (self.missing, self.met, self.not_met, self.review):
            if reason is not None:
                try:
                    reason.text(value="", limit="")
                except (KeyError, IndexError, ValueError):
                    raise ValueError(f"only {{value}} and {{limit}} can be filled in: "
                                     f"{reason.ja!r}") from None
        return self


def value_at(root: Any, path: str) -> Any:
    """The value at a field path such as ``content.title`` or ``co_applicants[0].name``;
    None where a step of the path is absent."""
    return fieldpath.find(root, path)


def parameter(params: BaseModel, path: str) -> Any:
    """A pack parameter by dotted path; a cited entry gives its ``value``."""
    node = value_at(params, path)
    if isinstance(node, BaseModel) and "value" in type(node).model_fields \
            and "source" in type(node).model_fields:
        node = node.value
    if node is None:
        raise KeyError(path)
    return node


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, list | dict) and not value)


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    return str(getattr(value, "value", value))


_DEFAULT_MET = Reason(ja="入力済み：{value}", en="Entered: {value}")
_DEFAULT_NOT_MET = Reason(ja="条件を満たしていません（{value}）", en="Not met ({value})")
_DEFAULT_REVIEW = Reason(ja="確認が必要です（{value}）", en="Needs review ({value})")
FREE_TEXT = M(
    "記入済み。記述の妥当性は人の判断が必要です（支援者の確認で確定）",
    "Written. Whether it convinces needs a person's judgement (a reviewer confirms it)",
)


def evaluate(spec: CheckSpec, field: str, app: Application, params: BaseModel
             ) -> Iterator[Finding]:
    """The finding of one declared check."""
    value = value_at(app, spec.path or field)
    if _empty(value):
        yield Finding(Status.missing, spec.missing.text(value="", limit=""))
        return
    shown = _shown(value)
    met = (spec.met or _DEFAULT_MET).text(value=shown, limit="")
    if spec.kind == "required":
        yield Finding(Status.met, met)
    elif spec.kind == "free_text":
        yield Finding(Status.needs_review, spec.review.text(value=shown, limit="")
                      if spec.review else FREE_TEXT)
    elif spec.kind == "choice_flag":
        raw = str(getattr(value, "value", value))
        status = Status((spec.flags or {}).get(raw, "needs_review"))
        reasons = {Status.met: met,
                   Status.not_met: (spec.not_met or _DEFAULT_NOT_MET).text(value=shown, limit=""),
                   Status.needs_review: (spec.review or _DEFAULT_REVIEW).text(value=shown,
                                                                               limit="")}
        yield Finding(status, reasons[status])
    else:
        limit: Any = None
        if spec.kind == "yes_no":
            ok = value is spec.expect
        elif spec.kind == "in_list":
            allowed = spec.values if spec.values is not None else list(
                parameter(params, spec.param or ""))
            ok = str(getattr(value, "value", value)) in allowed
        else:  # compare
            limit = parameter(params, spec.than.param) if isinstance(spec.than, ParamRef) \
                else spec.than
            ok = _OPS[spec.op or "=="](value, limit)
        values = {"value": shown, "limit": _shown(limit) if limit is not None else ""}
        if ok:
            yield Finding(Status.met, (spec.met or _DEFAULT_MET).text(**values))
        elif spec.otherwise == "needs_review":
            yield Finding(Status.needs_review, (spec.review or _DEFAULT_REVIEW).text(**values))
        else:
            yield Finding(Status.not_met, (spec.not_met or _DEFAULT_NOT_MET).text(**values))
