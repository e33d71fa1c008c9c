"""The start screen: a new application, a recent file, or a copy of a bundled sample.

It is the first thing ``gs-assistant`` shows, so it imports nothing heavy: the model and
the rule pack are loaded in the background once it is on screen.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from gs_assistant.paths import samples_dir
from gs_assistant.tui import config
from gs_assistant.tui.i18n import lang, t
from gs_assistant.tui.widgets.footer import KeyFooter
from gs_assistant.tui.widgets.live import Wrapped
from gs_assistant.tui.widgets.options import SteadyOptionList
from gs_assistant.tui.widgets.screens import QuickScreen

WARM_UP_DELAY = 0.5


def default_new_path(folder: Path) -> Path:
    """``申請ドラフト.yaml`` in ``folder`` (the current folder: shown by name only),
    numbered if that name is taken."""
    stem = "application" if lang() == "en" else "申請ドラフト"
    path = folder / f"{stem}.yaml"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.yaml"
        n += 1
    return path


def sample_entries() -> list[tuple[str, str]]:
    """(name, description) of the bundled samples, from each file's first line."""
    out = []
    for path in sorted(samples_dir().glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            first = handle.readline().lstrip("# ").strip()
        out.append((path.stem, first))
    return out


class StartScreen(QuickScreen, Screen):
    """New / recent / sample."""

    def __init__(self) -> None:
        super().__init__()

    def compose(self) -> ComposeResult:
        yield Static(f"{t('app.title')}\n{t('app.subtitle')}", id="start-title")
        with Vertical(id="start-body"):
            yield Static(t("start.new"), classes="section")
            yield Wrapped(t("start.new_help"), classes="help")
            yield Input(default_new_path(Path.cwd()).name, id="new-path")
            yield Static(t("start.recent"), classes="section")
            recent = SteadyOptionList(id="recent")
            for path in config.recent_files():
                note = "" if path.exists() else f"  （{t('start.missing_file')}）"
                recent.add_option(Option(f"{path.name}  {path.parent}{note}", id=str(path)))
            if not recent.option_count:
                recent.add_option(Option(t("start.no_recent"), disabled=True))
            yield recent
            yield Static(t("start.samples"), classes="section")
            samples = SteadyOptionList(id="samples")
            for name, about in sample_entries():
                samples.add_option(Option(f"{name}  {about}", id=name))
            yield samples
        yield KeyFooter()

    async def relabel(self) -> None:
        """Redraw in the current language."""
        await self.recompose()
        self.on_mount()

    def on_mount(self) -> None:
        for options in self.query(OptionList):
            if options.option_count and not options.get_option_at_index(0).disabled:
                options.highlighted = 0
        self.query_one("#new-path", Input).focus()
        self.set_timer(WARM_UP_DELAY, self._warm_up)

    def _warm_up(self) -> None:
        self.run_worker(self.app.warm_up, thread=True, exclusive=True, group="warm-up")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.notify(t("start.empty_name"), severity="warning")
            return
        path = self.app.allowed_path(Path(text).expanduser())
        if path is None:
            return
        if path.exists():
            self.notify(t("start.exists", path=path), severity="warning")
            return
        self.app.create_document(path)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is None:
            return
        if event.option_list.id == "recent":
            self.app.open_document(Path(event.option.id))
        else:
            self.app.open_sample(event.option.id)
