"""The step list: every step with whether it is complete, and how many of its items a
consultant has commented on or decided; picking one goes there."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from gs_assistant.rules import Report, Status
from gs_assistant.tui.i18n import lang, t
from gs_assistant.tui.navigation import STEPS, step_for
from gs_assistant.tui.widgets.options import SteadyOptionList, set_options


def step_progress(report: Report, large: bool) -> dict[str, tuple[int, int]]:
    """(missing, not met) per step; the review step counts everything."""
    out = {step: (0, 0) for step in STEPS}
    total_missing = total_bad = 0
    for item in report.items:
        step = step_for(item.field)
        missing, bad = out[step]
        if item.status is Status.missing:
            out[step] = (missing + 1, bad)
            total_missing += 1
        elif item.status is Status.not_met:
            out[step] = (missing, bad + 1)
            total_bad += 1
    out["review_export"] = (total_missing, total_bad)
    if not large:
        out["large_extras"] = (0, 0)
    return out


def step_reviewed(report: Report) -> dict[str, int]:
    """Per step, the items with a consultant's comment or decision."""
    out = dict.fromkeys(STEPS, 0)
    for item in report.items:
        review = item.review
        if review is not None and (review.comments or review.decision is not None):
            out[step_for(item.field)] += 1
    return out


def status_words(missing: int, bad: int, applies: bool = True) -> Text:
    if not applies:
        return Text(t("progress.na"), style="dim")
    if not missing and not bad:
        return Text(t("progress.done"), style="green")
    out = Text()
    if missing:
        out.append(t("progress.todo", n=missing), style="yellow")
    if bad:
        out.append((" " if missing else "") + t("progress.bad", n=bad), style="bold red")
    return out


class StepList(SteadyOptionList):
    """Numbered steps with 済 / 未入力N / 不適合N under each name."""

    class GoTo(Message):
        def __init__(self, step: str) -> None:
            super().__init__()
            self.step = step

    def __init__(self, current: str) -> None:
        super().__init__(id="steps")
        self.current = current
        self.progress: dict[str, tuple[int, int]] = {}
        self.large = True
        self._signature: tuple = ()

    def show(self, report: Report, current: str, large: bool) -> None:
        self.current = current
        self.large = large
        self.progress = step_progress(report, large)
        reviewed = step_reviewed(report)
        signature = (lang(), current, large, tuple(sorted(self.progress.items())),
                     tuple(sorted(reviewed.items())))
        if signature == self._signature:
            return
        self._signature = signature
        options = []
        for number, step in enumerate(STEPS, start=1):
            name = Text(f"{number} {t('step.' + step)}",
                        style="bold reverse" if step == current else "bold")
            missing, bad = self.progress[step]
            applies = large or step != "large_extras"
            name.append("\n  ").append_text(status_words(missing, bad, applies))
            if reviewed[step] and step != "review_export":
                name.append(" " + t("progress.reviewed", n=reviewed[step]), style="bold magenta")
            options.append(Option(name, id=step))
        set_options(self, options)
        self.highlighted = STEPS.index(current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.GoTo(event.option.id))

    def is_complete(self, step: str) -> bool:
        return self.progress.get(step, (1, 0)) == (0, 0)
