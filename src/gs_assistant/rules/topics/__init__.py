"""One module per checklist topic, in the brochure's order. Importing registers them."""

from gs_assistant.rules.topics import (  # noqa: F401
    amount,
    applicant,
    benefit_types,
    content,
    country,
    expenses,
    field,
    large_project,
    partner_benefit,
    period,
    plan_sections,
    quantitative,
    sme,
    track,
)
