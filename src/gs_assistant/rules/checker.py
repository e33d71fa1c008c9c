"""The checker: (application, rule pack) → checklist items and facts. Pure; no I/O."""

from __future__ import annotations

from gs_assistant.model.application import Application, ReviewStatus
from gs_assistant.rules.context import Context
from gs_assistant.rules.declared import evaluate
from gs_assistant.rules.facts import compute_facts
from gs_assistant.rules.pack import RulePack
from gs_assistant.rules.registry import RULES
from gs_assistant.rules.report import Item, M, Report, Status

_REVIEWED = {
    ReviewStatus.met: Status.met,
    ReviewStatus.not_met: Status.not_met,
    ReviewStatus.needs_review: Status.needs_review,
}


_KEY_LABELS = (  # an item key's prefix → what the item is about, so titles tell items apart
    ("lead", "幹事法人", "lead applicant"),
    ("co", "共同申請者", "co-applicant "),
    ("type", "類型", "type "),
    ("i", "指標", "indicator "),
    ("p", "類似プロジェクト", "similar project "),
)


def _titled(title: M, key: str) -> M:
    if not key:
        return title
    for prefix, ja, en in _KEY_LABELS:
        number = key.removeprefix(prefix)
        if key.startswith(prefix) and (number == "" or number.isdigit()):
            return M(f"{title.ja}［{ja}{number}］", f"{title.en} [{en}{number}]")
    return M(f"{title.ja}［{key}］", f"{title.en} [{key}]")


def check(app: Application, pack: RulePack) -> Report:
    """Run every rule of ``pack`` that applies to the application's track."""
    facts = compute_facts(app, pack)
    ctx = Context(app, pack, facts)
    reviews = app.review.items
    items: list[Item] = []
    for rule in pack.rules:
        if not rule.applies_to(app.track):
            continue
        title = M(rule.title.ja, rule.title.en)
        findings = evaluate(rule.check, rule.field, app, pack.params) if rule.check \
            else RULES[rule.id](ctx)
        for finding in findings:
            item_id = f"{rule.id}:{finding.key}" if finding.key else rule.id
            review = reviews.get(item_id)
            status = finding.status
            if review is not None and review.decision is not None:
                status = _REVIEWED[review.decision.status]
            items.append(Item(
                id=item_id, rule_id=rule.id, topic=rule.topic, status=status,
                computed_status=finding.status, title=_titled(title, finding.key),
                reason=finding.reason,
                citation=rule.citation, field=finding.field or rule.field, basis=rule.basis,
                review=review,
            ))
    return Report(pack.id, pack.version, pack.header.as_of, facts, items)
