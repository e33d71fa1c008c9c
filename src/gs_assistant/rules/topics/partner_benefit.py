"""相手国裨益: industrial base, technology and skills, or social issues (seed:304)."""

from __future__ import annotations

from collections.abc import Iterator

from gs_assistant.rules.context import FREE_TEXT, Context, missing, written
from gs_assistant.rules.registry import rule
from gs_assistant.rules.report import Finding, Status


@rule("PBN-001")
def partner_benefit(ctx: Context) -> Iterator[Finding]:
    pb = ctx.app.partner_benefit
    if not written(pb.explanation):
        yield missing("相手国の産業基盤構築・技術育成・社会課題解決のどれにどう資するかを説明してください",
                      "Explain how the project builds the partner's industrial base, skills, or "
                      "solves social issues")
    elif not pb.categories:
        yield Finding(Status.needs_review, FREE_TEXT._replace(
            ja="説明は記入済み。該当する裨益の種類（産業基盤・技術育成・社会課題）も選んでください",
            en="Written; also choose the kind of benefit"))
    else:
        yield Finding(Status.needs_review, FREE_TEXT)
