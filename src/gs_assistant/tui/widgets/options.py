"""Refilling an option list without laying out the screen when only its words changed."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option


def set_options(options: OptionList, entries: list[Option]) -> bool:
    """Make ``options`` show ``entries``. When they are the same rows (the same ids in the
    same order), only the rows that read differently are replaced and the highlight stays:
    True. Otherwise the list is cleared and filled again: False. (Clearing and refilling
    changes the list's virtual size twice, and each change lays out the whole screen; a
    list refreshed after every key must not.)"""
    if [o.id for o in entries] != [o.id for o in options.options]:
        options.clear_options()
        options.add_options(entries)
        return False
    for index, (old, new) in enumerate(zip(options.options, entries, strict=True)):
        if _looks(old.prompt) != _looks(new.prompt):
            options.replace_option_prompt_at_index(index, new.prompt)
    return True


def _looks(prompt: object) -> object:
    """What a prompt shows: rich ``Text`` compares equal whatever its own style is."""
    if isinstance(prompt, Text):
        return prompt.plain, str(prompt.style), prompt.spans, prompt.justify
    return prompt
