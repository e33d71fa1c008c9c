"""The wizard's steps, and where each field of the application is answered.

``FIELD_STEPS`` is the one table that maps field-path prefixes (as the checklist reports
them: ``costs.eligible_yen``, ``co_applicants[0].capital_yen``, ``lead``) to steps; the
longest matching prefix wins. ``widget_id`` turns a field path into the id of the widget
that edits it, so that a checklist item can jump to its field.
"""

from __future__ import annotations

import re
from functools import lru_cache

from gs_assistant.model.catalogue import STEPS
from gs_assistant.model.fieldpath import generic, prefixes, split_row, tokens

__all__ = ["FIELD_STEPS", "STEPS", "candidates", "generic", "split_row", "step_for", "tokens",
           "widget_id"]

# STEPS, the step ids in order, are the catalogue's; their labels are i18n keys "step.<id>".
FIELD_STEPS: dict[str, str] = {
    "lead": "applicant",
    "co_applicants": "applicant",
    "local_partner": "applicant",
    "content.single_project": "applicant",
    "country": "country_field",
    "field": "country_field",
    "track": "track_money_period",
    "costs": "track_money_period",
    "period": "track_money_period",
    "funding": "track_money_period",
    "japan_benefit": "benefits",
    "indicators": "benefits",
    "partner_benefit": "benefits",
    "large": "large_extras",
    "content": "content",
    "risks": "content",
    "package": "review_export",
}

# Paths the checker reports that stand for a group of answers: the field to focus.
FIELD_ALIASES: dict[str, str] = {
    "lead": "lead.industry",
    "lead.deemed_large": "lead.deemed_large.one_large_holds_half",
    "lead.profile": "lead.profile.address",
    "funding": "funding.own_funds_yen",
    "japan_benefit": "japan_benefit.type1.claimed",
    "field.kinds": "field.kinds.gx",
    "partner_benefit.categories": "partner_benefit.categories.industrial_base",
}

@lru_cache(maxsize=4096)  # asked for every checklist item after every change
def step_for(path: str) -> str:
    """The step where ``path`` is answered (the review step for anything unknown)."""
    for prefix in prefixes(path):
        if prefix in FIELD_STEPS:
            return FIELD_STEPS[prefix]
    return "review_export"


def widget_id(path: str) -> str:
    """A Textual id for the widget that edits ``path``: ``f-costs-eligible_yen``."""
    return "f-" + re.sub(r"[.\[\]]+", "-", path).strip("-")


def candidates(path: str) -> list[str]:
    """Field paths to try focusing for ``path``, most specific first."""
    out = []
    for prefix in prefixes(path):
        out.append(FIELD_ALIASES.get(prefix, prefix))
        if prefix in FIELD_ALIASES:
            out.append(prefix)
    return out
