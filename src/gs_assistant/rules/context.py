"""What a rule function sees: the application, the pack and the computed facts."""

from __future__ import annotations

from gs_assistant.model.application import Application
from gs_assistant.rules.declared import FREE_TEXT  # noqa: F401  (rules import it from here)
from gs_assistant.rules.pack import RulePack
from gs_assistant.rules.report import Facts, Finding, M, Record, Status


class Context(Record):
    app: Application
    pack: RulePack
    facts: Facts

    def __init__(self, app: Application, pack: RulePack, facts: Facts) -> None:
        self.app, self.pack, self.facts = app, pack, facts


def met(ja: str, en: str, key: str = "", field: str | None = None) -> Finding:
    return Finding(Status.met, M(ja, en), key, field)


def not_met(ja: str, en: str, key: str = "", field: str | None = None) -> Finding:
    return Finding(Status.not_met, M(ja, en), key, field)


def review(ja: str, en: str, key: str = "", field: str | None = None) -> Finding:
    return Finding(Status.needs_review, M(ja, en), key, field)


def missing(ja: str, en: str, key: str = "", field: str | None = None) -> Finding:
    return Finding(Status.missing, M(ja, en), key, field)


def lacking(*named: tuple[str, str, object], join: str = "と") -> M:
    """Only the values that are really missing, named in Japanese and English:
    ``lacking(("総事業費", "total", total), ("補助対象経費", "eligible cost", eligible))``."""
    gone = [(ja, en) for ja, en, value in named
            if value is None or (isinstance(value, str) and not value.strip())]
    return M(join.join(ja for ja, _ in gone), " and ".join(en for _, en in gone))


def written(text: str) -> bool:
    """True when a free-text answer has something in it besides blanks."""
    return bool(text and text.strip())
