"""Showing built widgets in another language without building them again.

A language switch (F7) used to build the screen and the shown step again, which costs
what opening a file costs (a step has a hundred widgets or more). Instead the widgets
the step would build now, in the new language, are made (composed, never mounted) and
their words are copied onto the widgets on screen: box titles, labels and questions,
choices' options and prompts, ticks' and buttons' labels, placeholders, headings.
Everything else stays as it is: what the user typed, the focus, the scroll position,
the fields' undo history. What the wizard computes (facts, counts, the checklist, the
tables' cells) is refreshed by the wizard after this, in the new language.

A widget with words of its own to redo defines ``relabel_from(fresh)`` (``fresh``: the
same widget made now) and returns whether its children are still to be matched.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Button, Checkbox, DataTable, Input, OptionList, Select, Static
from textual.widgets._footer import FooterKey

from gs_assistant.tui.bindings import ALL_KEYS, localize
from gs_assistant.tui.widgets.country import CountryBox
from gs_assistant.tui.widgets.fields import FieldBox
from gs_assistant.tui.widgets.lazy import composed
from gs_assistant.tui.widgets.live import Wrapped

# Textual's own widgets whose parts are theirs: their words are set on the widget itself.
LEAVES = (Select, Input, Checkbox, Button, DataTable, OptionList, Static, FooterKey)


class Mismatch(Exception):
    """The widgets on screen are not those the step would build now (a fallback builds
    the step again)."""


def relabel_children(live: Widget, fresh_children: list[Widget]) -> None:
    """Copy the words of ``fresh_children`` onto ``live``'s children, pairing them by
    type and id in order. Children mounted later (a field's note or writing help) are
    not in ``fresh_children`` and are left to their owner's ``relabel_from``."""
    remaining = list(live.children)
    position = 0
    for fresh in fresh_children:
        while position < len(remaining) and not _same(remaining[position], fresh):
            position += 1
        if position == len(remaining):
            raise Mismatch(f"{live!r}: nothing on screen is {fresh!r}")
        relabel_widget(remaining[position], fresh)
        position += 1


def _same(live: Widget, fresh: Widget) -> bool:
    if type(live) is not type(fresh) or live.id != fresh.id:
        return False
    if isinstance(live, FooterKey):  # no ids: the key, its action and whether it acts
        return (live.key, live.action, live._disabled) == (
            fresh.key, fresh.action, fresh._disabled)
    return True


def relabel_widget(live: Widget, fresh: Widget) -> None:
    """Copy ``fresh``'s words onto ``live`` (the same widget, built in another language),
    then its children's."""
    if isinstance(live, FieldBox):
        descend = relabel_box(live, fresh)
    else:
        own = getattr(live, "relabel_from", None)
        descend = own(fresh) if own is not None else True
    if type(live).__module__.startswith("gs_assistant") and "BINDINGS" in vars(type(live)):
        localize(live, ALL_KEYS)  # a table's 追加 / 削除 in the footer
    if fresh.border_title and live.border_title != fresh.border_title:
        live.border_title = fresh.border_title
    if fresh.tooltip is not None and live.tooltip != fresh.tooltip:
        live.tooltip = fresh.tooltip
    if isinstance(live, Select):
        relabel_select(live, fresh)
    elif isinstance(live, Checkbox | Button):
        if str(live.label) != str(fresh.label):
            live.label = fresh.label
    elif isinstance(live, Input):
        if live.placeholder != fresh.placeholder:
            live.placeholder = fresh.placeholder
    elif isinstance(live, Static):
        # words known when it is built (a heading, a question); a value filled in later
        # (a fact, a note) is empty then and is refreshed by its owner
        content = fresh.content
        if content and content != live.content:
            live.update(content)
    elif isinstance(live, FooterKey):
        if live.description != fresh.description:
            live.description = fresh.description
            live.refresh(layout=True)
    if descend and not isinstance(live, LEAVES):
        relabel_children(live, composed(fresh))


def relabel_select(live: Select, fresh: Select) -> None:
    """New option labels and prompt, the same value, without telling anyone it changed
    (Textual's ``set_options`` would clear the value)."""
    from textual.widgets._select import SelectCurrent, SelectOverlay

    options = [(label, value) for label, value in fresh._options if value != Select.NULL]
    old = [(label, value) for label, value in live._options if value != Select.NULL]
    if live.prompt != fresh.prompt:
        live.prompt = fresh.prompt
    if [str(label) for label, _ in old] == [str(label) for label, _ in options] \
            and [v for _, v in old] == [v for _, v in options]:
        return
    live._setup_variables_for_options(options)
    if not live.is_mounted:
        return
    overlay = live.query(SelectOverlay)  # none until the list first opens
    if overlay:
        live._setup_options_renderables()
    value = live.value
    for index, (label, option) in enumerate(live._options):
        if option == value and value != Select.NULL:
            if overlay:
                overlay.first().highlighted = index
            live.query_one(SelectCurrent).update(label)
            break


def relabel_box(live: FieldBox, fresh: FieldBox) -> bool:
    """A field's box: its label (in the border, or as a question inside when long), the
    choices it offers, its writing help, and the note and count it shows under its
    control, as ``FieldBox.on_mount`` shows them."""
    for name in ("label", "hint", "error", "options", "prompt", "keys", "countries"):
        if name in vars(fresh):
            setattr(live, name, getattr(fresh, name))
    if live.border_title != fresh.border_title:
        live.border_title = fresh.border_title
    if getattr(live, "deferred", False):  # its parts are built later, from the above
        if live.question != fresh.question:  # the lines it takes change with it
            live.question = fresh.question
            live.refresh(layout=True)
        live.show_ok(live.value)
        return False
    questions = live.query_children(".question")
    if questions:
        question = questions.first(Wrapped)
        question.display = bool(fresh.question)  # a label long in one language only
        if fresh.question:
            question.update(fresh.question)
    elif fresh.question:  # long in this language only (costs.plan_date in English)
        live.mount(Wrapped(fresh.question, classes="question"), before=0)
    live.question = fresh.question
    hints = live.query_children(".hint")
    if hints and fresh.hint:
        hints.first(Wrapped).update(fresh.hint)
    if live.error:
        live.show_error(live.error)
    else:
        live.show_ok(live.value)
    if isinstance(live, CountryBox):  # the list is sorted by the names shown
        options = live.query_one(OptionList)
        keep = options.highlighted_option.id if options.highlighted_option else None
        live.filter(live.query_one(Input).value)
        if keep is not None and keep in {o.id for o in options.options}:
            options.highlighted = options.get_option_index(keep)
    return True
