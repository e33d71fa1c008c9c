"""The wizard's steps, and where each field of the application is answered.

Where a field is answered and which field stands for a group are the field catalogue's
(``model/fields.yaml``: a field's ``step``, else its nearest ancestor's; a group's
``focus``), for paths as the checklist reports them (``costs.eligible_yen``,
``co_applicants[0].capital_yen``, ``lead``). ``widget_id`` turns a field path into the id of
the widget that edits it, so that a checklist item can jump to its field.
"""

from __future__ import annotations

import re
from functools import lru_cache

from gs_assistant.model.catalogue import STEPS, catalogue
from gs_assistant.model.fieldpath import generic, prefixes, split_row, tokens

__all__ = ["STEPS", "candidates", "generic", "split_row", "step_for", "tokens",
           "widget_id"]

# STEPS, the step ids in order, are the catalogue's; their labels are i18n keys "step.<id>".


@lru_cache(maxsize=4096)  # asked for every checklist item after every change
def step_for(path: str) -> str:
    """The step where ``path`` is answered (the review step for anything unknown)."""
    return catalogue().step_for(path)


def widget_id(path: str) -> str:
    """A Textual id for the widget that edits ``path``: ``f-costs-eligible_yen``."""
    return "f-" + re.sub(r"[.\[\]]+", "-", path).strip("-")


def candidates(path: str) -> list[str]:
    """Field paths to try focusing for ``path``, most specific first."""
    cat = catalogue()
    out = []
    for prefix in prefixes(path):
        focus = cat.focus_for(prefix)  # a group the checklist names (not inside a row)
        if focus is not None:
            out.append(focus)
        out.append(prefix)
    return out
