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


DEFER_BOXES = True  # build the parts of boxes far below the view when they come near
AHEAD_LINES = 10  # built beyond the terminal's height when a step opens


def _in_order(widgets: Iterable[Widget]) -> Iterator[Widget]:
    """Composed widgets and what they hold, in the order they are laid out (before they
    are mounted, a container's children are its pending ones), but for hidden ones."""
    for widget in widgets:
        if widget.display:  # hidden, it and what it holds take no lines
            yield widget
            yield from _in_order(widget._pending_children)


def _min_lines(widget: Widget) -> int:
    """The fewest lines a widget other than a field's box takes (0: not counted, or
    only through what it holds): a heading its line and the line above it, a table of
    rows its border, header and buttons (``gs_assistant.tcss``)."""
    from gs_assistant.tui.widgets.records import RecordTable

    if isinstance(widget, RecordTable):
        return 6
    if widget.has_class("section"):
        return 2
    return 0


class Step(VerticalScroll):
    """Base class of the seven steps.

    A long step is built in two goes: the boxes that can be in view when it opens are
    built whole; those after them are mounted as the box alone (``FieldBox.defer``, of
    the height its parts will take) and get their parts when they come near the view
    (after a layout, or scrolling), when Tab or a click focuses them (the wizard screen
    builds a box it is asked to focus) or when something asks for their control
    (jump-to-fix, ``FieldBox.control``)."""

    step_id: ClassVar[str] = ""

    def __init__(self) -> None:
        super().__init__(id=f"step-{self.step_id}", classes="step")
        self._deferred: list[w.FieldBox] = []
        self._where: dict[w.FieldBox, tuple[int, int]] = {}

    async def mount_composed_widgets(self, widgets: list[Widget]) -> None:
        # the boxes' fewest lines, counted from the top: past the terminal's height (and
        # a margin) a box cannot be in view when the step opens
        (width, height), lines = self.app.size, 0
        for widget in _in_order(widgets):
            if not isinstance(widget, w.FieldBox):
                lines += _min_lines(widget)
                continue
            if lines >= height + AHEAD_LINES and DEFER_BOXES and widget.defer():
                self._deferred.append(widget)
            lines += widget.min_lines(width)
        if lines > height:
            # surely taller than the view: laid out with its scroll bar from the first
            # layout (else the bar appears after it, every box is narrowed and its text
            # wrapped again, and the screen is laid out once more)
            self.show_vertical_scrollbar = True
        await super().mount_composed_widgets(widgets)

    @property
    def deferred_boxes(self) -> list[w.FieldBox]:
        """The boxes whose parts are not built yet."""
        return [box for box in self._deferred if box.deferred]

    def build_all(self) -> None:
        """Build every box (e.g. before reading every control)."""
        for box in self.deferred_boxes:
            box.build()
        self._deferred, self._where = [], {}

    def placed(self) -> None:
        """After a layout of the whole screen: note where the boxes not built yet are,
        in the step's scrolled space, and build those near the view."""
        self._deferred = self.deferred_boxes
        self._where = {}
        if not self._deferred or not self.display:
            return
        compositor = self.screen._compositor
        if compositor._full_map_invalidated:  # a scroll: positions are as last noted
            return
        placed = compositor._full_map
        if self not in placed:
            return
        top = placed[self].region.y - self.scroll_offset.y
        for box in self._deferred:
            if box in placed:
                region = placed[box].region
                self._where[box] = (region.y - top, region.bottom - top)
        self.build_near()

    def build_near(self) -> None:
        """Build the boxes in view or within ``AHEAD_LINES`` of it (no more than the step
        built when it opened, so that its first layout does not build more)."""
        if not self._where:
            return
        low = self.scroll_offset.y - AHEAD_LINES
        high = self.scroll_offset.y + self.size.height + AHEAD_LINES
        for box, (top, bottom) in list(self._where.items()):
            if bottom > low and top < high:
                box.build()
                del self._where[box]

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.build_near()

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
