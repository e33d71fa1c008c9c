"""Rule id → the function that decides it. Topic modules register with ``@rule``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gs_assistant.rules.context import Context
    from gs_assistant.rules.report import Finding

RuleFn = Callable[["Context"], "Iterable[Finding]"]
RULES: dict[str, RuleFn] = {}


def rule(rule_id: str) -> Callable[[RuleFn], RuleFn]:
    def register(fn: RuleFn) -> RuleFn:
        if rule_id in RULES:
            raise RuntimeError(f"rule {rule_id} registered twice")
        RULES[rule_id] = fn
        return fn

    return register


def check_implemented(ids: list[str], file: Path, declared: Iterable[str] = ()) -> None:
    """Every rule in ``ids`` has Python; none of the rules ``declared`` in the pack (a
    ``check:`` block) has Python as well, so that each rule is decided in one place."""
    from gs_assistant.rules import topics  # noqa: F401  (registers every rule)
    from gs_assistant.rules.pack import RulePackError

    unknown = [i for i in ids if i not in RULES]
    if unknown:
        raise RulePackError(file, ",".join(unknown), "no checker logic exists for this rule id")
    both = [i for i in declared if i in RULES]
    if both:
        raise RulePackError(file, ",".join(both), "declared by a check: block and in Python: "
                            "keep one")
