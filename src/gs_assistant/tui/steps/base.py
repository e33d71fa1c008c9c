"""What every step has: access to the document and builders for its field boxes.

A step is a scrolling pane. Its ``compose`` lays out field boxes made by the builders
below (each reads the current value, any unreadable text and the writing help), and
``update_facts`` refreshes what the step computes live (SME decision, subsidy, ...) and
which parts are shown, after every change.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual.containers import VerticalScroll
from textual.widgets import Static

from gs_assistant.rules import Report, RulePack
from gs_assistant.session.document import Document
from gs_assistant.tui.i18n import choice, field_label, lang, pick, t
from gs_assistant.tui.navigation import generic
from gs_assistant.tui.widgets import fields as w


def hint_text(pack: RulePack, path: str, doc: Document | None = None) -> str | None:
    """The pack's writing help for a field: what reviewers look for, a good example (the
    one for the application's field kinds or track, when the pack has one) and a weak one."""
    hint = pack.hints.fields.get(generic(path))
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
    countries = sorted(pack.countries.values(), key=lambda c: c.name(lang()))
    return [(f"{c.name(lang())}（{c.iso3}）", c.iso3) for c in countries]


class Step(VerticalScroll):
    """Base class of the seven steps."""

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
        hint = self.pack.hints.fields.get(generic(path))
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

    def industry_options(self) -> list[tuple[str, str]]:
        return [(label(lang()), key) for key, label in self.pack.params.industries.items()]

    def enum_options(self, group: str) -> list[tuple[str, str]]:
        """Choices whose labels are the wizard's own words (``i18n.CHOICES``)."""
        from gs_assistant.tui.i18n import CHOICES

        return [(pick(pair), key) for key, pair in CHOICES[group].items()]

    def pack_options(self, labels: dict[Any, Any]) -> list[tuple[str, str]]:
        """Choices labelled by the rule pack (``{key: Localized}``), in the pack's order."""
        return [(label(lang()), str(key)) for key, label in labels.items()]

    def benefit_type_name(self, kind: str) -> str:
        """「類型1 我が国の...共創型」: the UI's short word and the pack's name of the type."""
        name = self.pack.params.benefit_types[kind].name.value(lang())
        short = choice("benefit_type_short", kind)
        return f"{short}: {name}" if lang() == "en" else f"{short} {name}"
