"""The seven steps of the wizard, one module each, in order (see navigation.STEPS)."""

from __future__ import annotations

from gs_assistant.tui.steps.applicant import ApplicantStep
from gs_assistant.tui.steps.base import Step
from gs_assistant.tui.steps.benefits import BenefitsStep
from gs_assistant.tui.steps.content import ContentStep
from gs_assistant.tui.steps.country_field import CountryFieldStep
from gs_assistant.tui.steps.large_extras import LargeExtrasStep
from gs_assistant.tui.steps.review_export import ReviewExportStep
from gs_assistant.tui.steps.track_money_period import TrackMoneyPeriodStep

STEP_CLASSES: dict[str, type[Step]] = {
    cls.step_id: cls
    for cls in (ApplicantStep, CountryFieldStep, TrackMoneyPeriodStep, BenefitsStep,
                LargeExtrasStep, ContentStep, ReviewExportStep)
}

__all__ = ["STEP_CLASSES", "Step"]
