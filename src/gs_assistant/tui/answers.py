"""The answers a checklist item rests on, in the wizard's language: a thin wrapper over
``rules/answers.py`` (which the review screen, the conflict view and tests call through
here)."""

from __future__ import annotations

from typing import Any

from gs_assistant.model import Application
from gs_assistant.rules import RulePack
from gs_assistant.rules import answers as _answers
from gs_assistant.rules.answers import SEPARATOR, SHORT
from gs_assistant.tui.i18n import lang

__all__ = ["SEPARATOR", "SHORT", "answers_at", "value_text"]


def answers_at(app: Application, field_path: str,
               pack: RulePack | None = None) -> list[tuple[str, str]]:
    """(label, text) for the answers at ``field_path``; [] for a path that names nothing."""
    return _answers.answers_at(app, field_path, pack, lang())


def value_text(path: str, value: Any, pack: RulePack | None = None, cut: bool = False) -> str:
    """One answer as a person reads it, in the wizard's language."""
    return _answers.value_text(path, value, pack, lang(), cut=cut)
