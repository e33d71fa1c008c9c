"""What every step has: access to the document and builders for its field boxes.

A step is a scrolling pane. Its ``compose`` lays out field boxes made by the builders
below (each reads the current value, any unreadable text and the writing help), and
``update_facts`` refreshes what the step computes live (SME decision, subsidy, ...) and
which parts are shown, after every change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, ClassVar

from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from gs_assistant.model.catalogue import catalogue
from gs_assistant.rules import Report, RulePack, choices
from gs_assistant.session.document import Document
from gs_assistant.tui.i18n import choice, field_label, lang, t
from gs_assistant.tui.navigation import generic
from gs_assistant.tui.widgets import fields as w
from gs_assistant.tui.widgets.lazy import LazyBoxes


def hint_key(path: str) -> str:
    """The key of a field's writing help in the pack's hints.yaml (the catalogue's ``hint``,
    else the field's path without row numbers)."""
    spec = catalogue().spec(path)
    return spec.hint_key if spec is not None else generic(path)


def hint_text(pack: RulePack, path: str, doc: Document | None = None) -> str | None:
    """The pack's writing help for a field: what reviewers look for, a good example (the
    one for the application's field kinds or track, when the pack has one) and a weak one."""
    hint = pack.hints.fields.get(hint_key(path))
    if hint is None:
        return None
    kinds, track = [], None
    if doc is not None:
        kinds = [getattr(k, "value", k) for k in doc.app.field.kinds]
        track = getattr(doc.app.track, "value", doc.app.track)
    text = (f"{t('wizard.hint_looks_for')}: {hint.looks_for(lang())}\n"
            f"{t('wizard.hint_example')}: {hint.example_for(kinds, track)(lang())}")
    if hint.weak is not None:
        text += f"\n{t('wizard.hint_weak')}: {hint.weak(lang())}"
    return text


def section(key: str) -> Static:
    return Static(t(key), classes="section")


def country_options(pack: RulePack) -> list[tuple[str, str]]:
    return choices.country_options(pack, lang())


class Step(LazyBoxes, VerticalScroll):
    """Base class of the seven steps (a long step builds its boxes far below the view
    when they come near: ``LazyBoxes``)."""

    step_id: ClassVar[str] = ""

    def __init__(self) -> None:
        super().__init__(id=f"step-{self.step_id}", classes="step")

    @property
    def doc(self) -> Document:
        return self.app.doc

    @property
    def pack(self) -> RulePack:
        return self.app.doc.pack

    def update_facts(self, report: Report) -> None:
        """Refresh computed values and shown/hidden parts. Override in steps."""

    def focus_own(self, path: str) -> bool:
        """Focus what edits ``path`` when it is not a field box or a table row (the
        package's documents); False leaves it to the wizard. Override in steps."""
        return False

    # ------------------------------------------------------------ builders

    def field(self, path: str, label: str | None = None,
              options: Iterable[tuple[str, Any]] | None = None, **choice: Any) -> Widget:
        """The box for ``path`` as its kind in the field catalogue says (``model/fields.yaml``):
        its label from there unless ``label`` is given, a choice's options from its table
        unless ``options`` are given (``choice``: ``ChoiceBox``'s ``empty`` and ``blank``)."""
        spec = catalogue().spec(path)
        if spec is None:
            raise KeyError(f"{path}: not in the field catalogue (model/fields.yaml)")
        kind = spec.kind
        if kind in ("choice", "multi", "country") and options is None:
            options = self.options_for(path)
        if kind == "choice":
            return self.choice(path, options or [], label, **choice)
        if kind == "multi":
            return self.multi(path, options or [], label)
        if kind == "country":
            return self.choice(path, options or [], label)
        if kind == "open_choice":
            other = t("choice.other_area")
            return w.ChoiceOrTextBox(path, self._label(path, label), self.doc.get(path),
                                     options if options is not None
                                     else self.options_for(path), other)
        build = _BUILDERS.get(kind)
        if build is None:
            raise ValueError(f"{path}: a {kind} field has no box of its own "
                             "(a table or a group: lay out its fields)")
        return build(self, path, label)

    def fields(self, *paths: str, row: str = "") -> Iterator[Widget]:
        """The boxes for several paths, in order; with ``row`` (``co_applicants[0]``) the
        paths are the row's own (``name``)."""
        for path in paths:
            yield self.field(f"{row}.{path}" if row else path)

    def options_for(self, path: str) -> list[tuple[str, str]]:
        """A choice field's options (label, key) from its table in the catalogue."""
        spec = catalogue().spec(path)
        if spec is not None and spec.kind == "country":
            return country_options(self.pack)
        if spec is None or spec.choices is None:
            return []
        return choices.options(spec.choices, lang(), self.pack, self.doc.app)

    def _common(self, path: str, label: str | None) -> dict[str, Any]:
        raw, error = self.doc.invalid.get(path, (None, None))
        return {"raw": raw, "error": error,
                "hint": hint_text(self.pack, path, self.doc)}

    def _label(self, path: str, label: str | None) -> str:
        return label if label is not None else field_label(generic(path))

    def text(self, path: str, label: str | None = None) -> w.TextBox:
        return w.TextBox(path, self._label(path, label), self.doc.get(path),
                         **self._common(path, label))

    def area(self, path: str, label: str | None = None,
             question: str | None = None) -> w.AreaBox:
        hint = self.pack.hints.fields.get(hint_key(path))
        return w.AreaBox(path, self._label(path, label), self.doc.get(path),
                         max_chars=hint.max_chars if hint else None, question=question,
                         **self._common(path, label))

    def amount(self, path: str, label: str | None = None) -> w.AmountBox:
        return w.AmountBox(path, self._label(path, label), self.doc.get(path),
                           **self._common(path, label))

    def date(self, path: str, label: str | None = None) -> w.DateBox:
        return w.DateBox(path, self._label(path, label), self.doc.get(path),
                         **self._common(path, label))

    def integer(self, path: str, label: str | None = None) -> w.IntBox:
        return w.IntBox(path, self._label(path, label), self.doc.get(path),
                        **self._common(path, label))

    def number(self, path: str, label: str | None = None) -> w.DecimalBox:
        return w.DecimalBox(path, self._label(path, label), self.doc.get(path),
                            **self._common(path, label))

    def percent(self, path: str, label: str | None = None) -> w.PercentBox:
        return w.PercentBox(path, self._label(path, label), self.doc.get(path),
                            **self._common(path, label))

    def choice(self, path: str, options: Iterable[tuple[str, Any]],
               label: str | None = None, **kwargs: Any) -> w.ChoiceBox:
        """``kwargs``: ``empty`` (stored when nothing is chosen), ``blank`` (False: a
        value is always chosen)."""
        value = self.doc.get(path)
        value = getattr(value, "value", value)  # enums are offered by their value
        return w.ChoiceBox(path, self._label(path, label), value, options,
                           **kwargs, **self._common(path, label))

    def yesno(self, path: str, label: str | None = None, title: str = "") -> w.YesNoBox:
        """A はい／いいえ question; the question is shown inside the box."""
        return w.YesNoBox(path, title, self.doc.get(path), question=self._label(path, label),
                          **self._common(path, label))

    def tick(self, path: str, label: str | None = None) -> w.TickBox:
        return w.TickBox(path, self._label(path, label), self.doc.get(path))

    def multi(self, path: str, options: Iterable[tuple[str, str]],
              label: str | None = None) -> w.MultiTickBox:
        values = [getattr(v, "value", v) for v in self.doc.get(path)]
        return w.MultiTickBox(path, self._label(path, label), values, options)

    # ------------------------------------------------------------ labels from the pack

    def pack_options(self, labels: dict[Any, Any]) -> list[tuple[str, str]]:
        """Choices labelled by the rule pack (``{key: Localized}``), in the pack's order."""
        return [(label(lang()), str(key)) for key, label in labels.items()]

    def benefit_type_name(self, kind: str) -> str:
        """「類型1 我が国の...共創型」: the UI's short word and the pack's name of the type."""
        name = self.pack.params.benefit_types[kind].name.value(lang())
        short = choice("benefit_type_short", kind)
        return f"{short}: {name}" if lang() == "en" else f"{short} {name}"


# The box of each kind that needs no options (Step.field).
_BUILDERS: dict[str, Callable[[Step, str, str | None], Widget]] = {
    "text": Step.text, "area": Step.area, "yen": Step.amount, "date": Step.date,
    "int": Step.integer, "year": Step.integer, "number": Step.number,
    "percent": Step.percent, "yesno": Step.yesno, "tick": Step.tick,
}
