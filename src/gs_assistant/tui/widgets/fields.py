"""Labelled controls bound to one field of the application (one box per field).

A box shows its label in its border, holds one control whose id is the field's widget id
(``navigation.widget_id``), and posts ``FieldEdited`` with the parsed value as the user
types, or ``FieldInvalid`` with the typed text and a message when it cannot be read; the
typed text always stays. Amount and date boxes show the normalised value. Free-text boxes
count characters and show the rule pack's writing help on demand.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, TextArea

from gs_assistant.tui.i18n import lang, t
from gs_assistant.tui.navigation import widget_id
from gs_assistant.tui.widgets.editing import FieldArea, FieldInput
from gs_assistant.tui.widgets.live import Live, Wrapped

LONG_LABEL_CELLS = 36


class FieldEdited(Message):
    """A field has a new, readable value. Posted to the app directly: only the app
    handles it, and bubbling up through every container costs a hop per level, per key."""

    def __init__(self, box: FieldBox, path: str, value: Any) -> None:
        super().__init__()
        self.box, self.path, self.value = box, path, value


class FieldInvalid(Message):
    """A field holds text that cannot be read; ``raw`` is what the user typed."""

    def __init__(self, box: FieldBox, path: str, raw: str, message: str) -> None:
        super().__init__()
        self.box, self.path, self.raw, self.message = box, path, raw, message


class FieldFocused(Message):
    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path


class Tick(Checkbox):
    """A checkbox drawn with plain ASCII ``[X]`` (no ambiguous-width glyphs)."""

    @property
    def _button(self) -> Content:
        style = self.get_visual_style("toggle--button")
        return Content.assemble("[", ("X" if self.value else " ", style), "]")

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many lines as the label needs (Checkbox assumes one)."""
        return Widget.get_content_height(self, container, viewport, width)


class FieldBox(Vertical):
    """Base: a bordered box with the label as title, one control, a note and a hint."""

    DEFAULT_CLASSES = "field"

    def __init__(self, path: str, label: str, value: Any = None, *, raw: str | None = None,
                 error: str | None = None, hint: str | None = None,
                 question: str | None = None) -> None:
        super().__init__(id=widget_id(path) + "--box")
        self.path = path
        self.label = label
        self.value = value
        self.raw = raw
        self.error = error
        self.hint = hint
        self.question = question
        self.border_title = label
        if question is None and cell_len(label) > LONG_LABEL_CELLS:
            self.question, self.border_title = label, ""  # a long label wraps inside

    # Lines of the control, for a box whose parts are not built yet (``defer``); a box
    # whose height is not known without building it is never deferred.
    CONTROL_LINES: ClassVar[int] = 1
    DEFERRABLE: ClassVar[bool] = True

    _deferred = False

    def compose(self) -> ComposeResult:
        # The note under the control and the writing help are mounted when first shown:
        # most boxes never show either, and every widget costs time when a step opens
        # and in every layout after.
        if self._deferred:
            return
        yield from self._parts()

    def _parts(self) -> Iterator[Widget]:
        if self.question:
            yield Wrapped(self.question, classes="question")
        control = self.make_control()
        control.id = widget_id(self.path)
        yield control

    # -- boxes built when needed: a step far below the visible part of a long step is
    # mounted as the box alone, of the height its parts will take, and its parts are
    # built when it comes near the view, is focused (Tab, a click) or jumped to.

    def defer(self) -> bool:
        """Leave the parts to ``build``; False if this box builds them at once (its own
        ``compose``, or a note to show)."""
        if (not self.DEFERRABLE or type(self).compose is not FieldBox.compose
                or self.error or self.is_mounted):
            return False
        self._deferred = True
        self.can_focus = True  # Tab and clicks reach it, and build it (WizardScreen)
        return True

    @property
    def deferred(self) -> bool:
        return self._deferred

    def build(self) -> None:
        """Mount the parts of a deferred box (nothing otherwise); they are in the DOM
        at once, to be queried and focused."""
        if not self._deferred:
            return
        self._deferred = False
        self.can_focus = False
        self.mount_all(list(self._parts()))

    def min_lines(self, width: int) -> int:
        """The fewest lines the box takes in a terminal ``width`` columns wide."""
        question = -(-cell_len(self.question) // max(width, 1)) if self.question else 0
        return 2 + self.CONTROL_LINES + question

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not self._deferred:
            return super().get_content_height(container, viewport, width)
        lines = self.CONTROL_LINES
        if self.question and width > 0:
            from rich.text import Text

            from gs_assistant.tui.kinsoku import wrap

            lines += len(wrap(Text(self.question), width))
        return lines

    def make_control(self) -> Any:
        raise NotImplementedError

    def typed(self, control: Input, value: str) -> None:
        """The text of one of this box's inputs changed (called by ``FieldInput``)."""

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()  # ``typed`` has dealt with it

    def on_mount(self) -> None:
        if self.error:
            self.show_error(self.error)
        else:
            self.show_ok(self.value)

    # -- what the box shows under the control

    def show_error(self, message: str) -> None:
        self.build()
        self.add_class("-invalid")
        self._note(message + t("wizard.invalid_not_saved"))

    def show_ok(self, value: Any) -> None:
        self.remove_class("-invalid")
        self._note("")
        self._subtitle(self.describe(value))

    def _subtitle(self, text: str) -> None:
        """Set the bottom border's text (a count, the amount in words), only on a change.
        Textual repaints the whole box for a new subtitle, its label line and the lines
        under the control included; a counted field changes it on every key, so once the
        box is drawn with one, only the bottom border line is redrawn."""
        if (self.border_subtitle or "") == text:
            return
        width, height = self.outer_size
        if not (text and self.border_subtitle and self.is_mounted and height > 1):
            self.border_subtitle = text
            return
        # what Textual's border_subtitle setter stores, without its repaint of the box
        self._border_subtitle = self.render_str(text).expand_tabs(4).split()[0]
        x, y = self.content_offset  # refresh takes the content area's coordinates
        self.refresh(Region(-x, height - 1 - y, width, 1))

    def describe(self, value: Any) -> str:
        """A short rendering of the stored value for the bottom border."""
        return ""

    def _note(self, text: str) -> None:
        notes = self.query_children(".note")
        if not notes:
            if not text:
                return
            note = Wrapped(text, classes="note")
            note.display = True
            hints = self.query_children(".hint")
            self.mount(note, before=hints.first() if hints else None)
            return
        note = notes.first(Live)
        note.update(text)
        note.display = bool(text)

    def note_text(self) -> str:
        """What the note under the control says ("" when it has said nothing)."""
        notes = self.query_children(".note")
        return str(notes.first(Live).render()) if notes else ""

    def toggle_hint(self) -> bool:
        """Show or hide the writing help; False when this field has none."""
        if not self.hint:
            return False
        self.build()
        if not self.query_children(".hint"):
            self.mount(Wrapped(self.hint, classes="hint"))
        self.toggle_class("-show-hint")
        return True

    @property
    def control(self) -> Any:
        self.build()
        return self.query_one("#" + widget_id(self.path))

    def on_descendant_focus(self) -> None:
        self.post_message(FieldFocused(self.path))

    def edited(self, value: Any) -> None:
        self.value = value
        self.error = None
        self.app.post_message(FieldEdited(self, self.path, value))


# ---------------------------------------------------------------- one-line text


class TextBox(FieldBox):
    """Short free text (names, titles), with a character count."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._last = self.value or ""

    def make_control(self) -> Input:
        return FieldInput(self.value or "", compact=True)

    def describe(self, value: str | None) -> str:
        return t("wizard.chars", n=len(value)) if value else ""

    def typed(self, control: Input, value: str) -> None:
        if value == self._last:
            return
        self._last = value
        self._subtitle(self.describe(value))
        self.edited(value)


class ParsedBox(FieldBox):
    """Typed text read by a parser; the stored value is the parsed one."""

    placeholder = ""

    def parse(self, text: str) -> Any:
        raise NotImplementedError

    def format(self, value: Any) -> str:
        return str(value)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._last = self.raw if self.raw is not None else self._text(self.value)

    def _text(self, value: Any) -> str:
        return "" if value is None else self.format(value)

    def make_control(self) -> Input:
        return FieldInput(self._last, placeholder=self.placeholder, compact=True)

    def typed(self, control: Input, value: str) -> None:
        if value == self._last:
            return
        self._last = value
        self.read(value)

    def read(self, text: str) -> None:
        if not text.strip():
            self.show_ok(None)
            self.edited(None)
            return
        try:
            value = self.parse(text)
        except ValueError as exc:
            message = getattr(exc, "en", str(exc)) if lang() == "en" else str(exc)
            self.error = message
            self.show_error(message)
            self.app.post_message(FieldInvalid(self, self.path, text, message))
            return
        self.error = None
        self.show_ok(value)
        self.edited(value)


class AmountBox(ParsedBox):
    """Yen: 500000000, 500,000,000, ５億円, 1億2,000万円."""

    placeholder = "例: 1億2,000万円"

    def parse(self, text: str) -> int:
        from gs_assistant.parsing import parse_amount

        return parse_amount(text)

    def format(self, value: int) -> str:
        from gs_assistant.parsing import format_yen

        return format_yen(value)

    def describe(self, value: int | None) -> str:
        if value is None:
            return ""
        from gs_assistant.parsing import format_yen, format_yen_kanji

        return f"{format_yen(value)}（{format_yen_kanji(value)}）"


class DateBox(ParsedBox):
    """Dates in the Western calendar or 和暦: 2026-04-01, 令和8年4月1日, R8.4.1."""

    placeholder = "例: 令和8年4月1日"

    def parse(self, text: str) -> date:
        from gs_assistant.parsing import parse_date

        return parse_date(text)

    def format(self, value: date) -> str:
        return value.isoformat()

    def describe(self, value: date | None) -> str:
        if value is None:
            return ""
        from gs_assistant.parsing import format_date

        return format_date(value)


def decimal_text(value: Decimal | None) -> str:
    """A Decimal as typed by a person: 150, 12.5 (no exponent, no trailing zeros)."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


def _clean_number(text: str, suffixes: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip().replace(",", "")
    return text.rstrip(suffixes).strip()


class IntBox(ParsedBox):
    """A whole number such as employees (5,400) or a year (2032)."""

    def parse(self, text: str) -> int:
        cleaned = _clean_number(text, "人年")
        if not cleaned.isdigit() or not cleaned.isascii():
            raise _error("error.int")
        return int(cleaned)

    def format(self, value: int) -> str:
        return str(value)


UNIT_MARKS = frozenset("兆億万千百円¥￥")


class DecimalBox(ParsedBox):
    """A number that may have decimals (indicator values, an expense row's unit price,
    quantity and lump sum). Written with units as amounts are (30万円, 1.5億, 1,200千),
    it is read as they are, never cut at the first unit."""

    def parse(self, text: str) -> Decimal:
        if UNIT_MARKS.intersection(text):
            from gs_assistant.parsing import parse_number

            return parse_number(text)
        try:
            value = Decimal(_clean_number(text, "%"))
        except InvalidOperation:
            raise _error("error.number") from None
        if not value.is_finite():
            raise _error("error.number")
        return value

    def format(self, value: Decimal) -> str:
        return decimal_text(value)


class PercentBox(DecimalBox):
    """A stake in percent, 0 to 100."""

    def parse(self, text: str) -> Decimal:
        try:
            value = super().parse(text)
        except ValueError:
            raise _error("error.percent") from None
        if not 0 <= value <= 100:
            raise _error("error.percent")
        return value


class _Error(ValueError):
    def __init__(self, ja: str, en: str) -> None:
        super().__init__(ja)
        self.en = en


def _error(key: str) -> _Error:
    from gs_assistant.tui.i18n import UI

    ja, en = UI[key]
    return _Error(ja, en)


# ---------------------------------------------------------------- long text


class AreaBox(FieldBox):
    """Free text over several lines, with a character count and writing help."""

    CONTROL_LINES = 4  # .field TextArea's height (gs_assistant.tcss)

    def __init__(self, *args: Any, max_chars: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_chars = max_chars
        self._last = self.value or ""

    def make_control(self) -> TextArea:
        return FieldArea(self.value or "", soft_wrap=True, compact=True, tab_behavior="focus")

    def describe(self, value: str | None) -> str:
        n = len((value or "").replace("\n", ""))
        if self.max_chars:
            return t("wizard.chars_max", n=n, max=self.max_chars)
        return t("wizard.chars", n=n)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        text = event.text_area.text
        if text == self._last:
            return
        self._last = text
        self._subtitle(self.describe(text))
        self.edited(text)


# ---------------------------------------------------------------- choices


class FieldSelect(Select):
    """Textual's ``Select`` with its parts built in the state they start in: the current
    value's part already marked as having one, the options list already compact. Built
    plain, each part got its class right after it was mounted and styled, and each such
    class restyled it and its children again (a step has up to a dozen of these).

    The options list (an ``OptionList`` with a row per option) is built the first time
    it opens: most choices on a step or in a row's form are never opened, and each list
    cost a widget to mount, style and lay out with its step or form."""

    def compose(self) -> ComposeResult:
        from textual.widgets._select import SelectCurrent

        current = SelectCurrent(self.prompt)
        current.has_value = self._value is not Select.NULL  # its class, as mounting sets it
        yield current

    def _part(self, kind: type[Widget]) -> Any:
        """This choice's part of ``kind`` (a child), or None."""
        return next((c for c in self._nodes if isinstance(c, kind)), None)

    @property
    def overlay(self):
        """The options list, or None until it first opens."""
        from textual.widgets._select import SelectOverlay

        return self._part(SelectOverlay)

    async def _build_overlay(self) -> None:
        """Build the options list. (Keys typed meanwhile, Enter then the arrows at once,
        wait: the app reads a key once the one before it was dealt with.)"""
        from textual.widgets._select import SelectOverlay

        overlay = SelectOverlay(type_to_search=self._type_to_search)
        overlay.compact = self.compact  # as Select's data binding would (fixed here)
        await self.mount(overlay)
        super()._setup_options_renderables()

    def _setup_options_renderables(self) -> None:
        if self.overlay is not None:
            super()._setup_options_renderables()

    def _watch_value(self, value: Any) -> None:
        if self.overlay is not None:
            super()._watch_value(value)
            return
        from textual.widgets._select import SelectCurrent

        self._value = value
        current = self._part(SelectCurrent)
        if current is None:
            return
        if value == self.NULL:
            current.update(self.NULL)
        else:
            current.update(next((p for p, v in self._options if v == value), self.NULL))
        self.post_message(self.Changed(self, value))

    def _watch_prompt(self, prompt: str) -> None:
        if self.overlay is not None:
            super()._watch_prompt(prompt)
            return
        from textual.widgets._select import SelectCurrent

        current = self._part(SelectCurrent)
        if self.is_mounted and current is not None:
            current.placeholder = prompt
            if self._allow_blank and self.value == self.NULL:
                current.update(self.NULL)

    def _watch_expanded(self, expanded: bool) -> None:
        if self.overlay is None:  # opened other than by its key or a click: build first
            if expanded:
                self.call_later(self._open_built)
            return
        super()._watch_expanded(expanded)

    async def _open_built(self) -> None:
        if self.overlay is None:
            await self._build_overlay()
        if self.expanded:
            super()._watch_expanded(True)

    async def action_show_overlay(self) -> None:
        if self.overlay is None:
            await self._build_overlay()
        super().action_show_overlay()


class ChoiceBox(FieldBox):
    """One of several labelled values; blank means not answered (stored as ``empty``), or
    is not offered at all when ``blank`` is False (a field that always has a value)."""

    def __init__(self, path: str, label: str, value: Any,
                 options: Iterable[tuple[str, Any]], *, prompt: str | None = None,
                 empty: Any = None, blank: bool = True, **kwargs: Any) -> None:
        super().__init__(path, label, value, **kwargs)
        self.options = list(options)
        self.prompt = prompt or t("choice.unselected")
        self.empty = empty
        self.blank = blank
        self._last = value

    def make_control(self) -> Select:
        legal = {v for _, v in self.options}
        value = self.value if self.value in legal else Select.NULL
        if not self.blank and value is Select.NULL and self.options:
            value = self.options[0][1]
        return FieldSelect(self.options, prompt=self.prompt, value=value, compact=True,
                           allow_blank=self.blank)

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = self.empty if event.value is Select.NULL else event.value
        if value == self._last:
            return
        self._last = value
        self.edited(value)

    def choose(self, value: Any) -> None:
        """Select ``value`` as if the user had picked it."""
        self.control.value = Select.NULL if value in (None, self.empty) else value


class YesNoBox(ChoiceBox):
    """はい / いいえ / 未回答 (a question the user may not have answered yet)."""

    def __init__(self, path: str, label: str, value: bool | None, **kwargs: Any) -> None:
        options = [(t("choice.yes"), True), (t("choice.no"), False)]
        super().__init__(path, label, value, options, prompt=t("choice.unanswered"), **kwargs)


class TickBox(FieldBox):
    """A single yes/no tick (e.g. a claimed benefit type)."""

    DEFAULT_CLASSES = "field tick"
    DEFERRABLE = False  # the tick's label wraps to a height of its own

    def __init__(self, path: str, label: str, value: bool, **kwargs: Any) -> None:
        super().__init__(path, label, value, question="", **kwargs)
        self.border_title = ""

    def min_lines(self, width: int) -> int:
        return 1  # no border

    def make_control(self) -> Tick:
        return Tick(self.label, bool(self.value), compact=True)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.value != self.value:
            self.edited(event.value)


class MultiTickBox(FieldBox):
    """Several ticks that make up a list (field kinds, partner-benefit categories). They
    look like a list, so the arrow keys move between them (space ticks)."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
    ]

    def action_move(self, step: int) -> None:
        ticks = list(self.query(Tick))
        focused = self.app.focused
        if focused not in ticks:
            return
        index = ticks.index(focused) + step
        if 0 <= index < len(ticks):
            ticks[index].focus()
        elif step > 0:
            self.app.action_focus_next()
        else:
            self.app.action_focus_previous()

    def __init__(self, path: str, label: str, value: list[Any],
                 options: Iterable[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(path, label, list(value or []), **kwargs)
        self.options = list(options)

    def compose(self) -> ComposeResult:
        chosen = {str(v) for v in self.value}
        for text, key in self.options:
            yield Tick(text, key in chosen, compact=True, id=widget_id(f"{self.path}.{key}"),
                       name=key)
        yield Wrapped("", classes="note")

    @property
    def control(self) -> Any:
        return self.query(Tick).first()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        ticks = {tick.name: tick.value for tick in self.query(Tick)}
        value = [key for _, key in self.options if ticks.get(key)]
        if value != [str(v) for v in self.value]:
            self.edited(value)


class ChoiceOrTextBox(FieldBox):
    """One of the listed keys, or free text when "other" is picked (e.g. a DX area)."""

    OTHER = "__other__"

    def __init__(self, path: str, label: str, value: str, options: Iterable[tuple[str, str]],
                 other_label: str, **kwargs: Any) -> None:
        super().__init__(path, label, value or "", **kwargs)
        self.options = [*options, (other_label, self.OTHER)]
        self.keys = {key for _, key in self.options}

    def compose(self) -> ComposeResult:
        value = self.value
        picked = value if value in self.keys else (self.OTHER if value else Select.NULL)
        yield FieldSelect(self.options, prompt=t("choice.unselected"), value=picked,
                          compact=True, id=widget_id(self.path))
        other = FieldInput("" if value in self.keys else value, compact=True,
                      id=widget_id(self.path) + "-other")
        other.display = picked == self.OTHER
        yield other
        yield Wrapped("", classes="note")

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        other = self.query_one(Input)
        other.display = event.value == self.OTHER
        if event.value == self.OTHER:
            value = other.value
        else:
            value = "" if event.value is Select.NULL else str(event.value)
        if value != self.value:
            self.edited(value)

    def typed(self, control: Input, value: str) -> None:
        if control.display and value != self.value:
            self.edited(value)
