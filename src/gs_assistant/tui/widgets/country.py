"""The country picker: type part of a name (Japanese or English) or an ISO code, then
pick from the list; each country shows whether it is an ASEAN member and on the DAC list."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from gs_assistant.rules.pack import Country, RulePack
from gs_assistant.tui.i18n import lang, t
from gs_assistant.tui.navigation import widget_id
from gs_assistant.tui.widgets.editing import FieldInput
from gs_assistant.tui.widgets.fields import FieldBox
from gs_assistant.tui.widgets.live import Live


def country_line(country: Country) -> str:
    tags = []
    if country.asean_since is not None:
        tags.append("ASEAN")
    if country.dac is not None:
        tags.append("DAC")
    return f"{country.name(lang())}  {country.iso3}  {' '.join(tags)}".rstrip()


def country_facts(country: Country | None) -> str:
    """The chosen country with its ASEAN membership and DAC-list group."""
    if country is None:
        return t("fact.country_none")
    asean = t("fact.asean") if country.asean_since else t("fact.not_asean")
    dac = t("fact.dac", group=t("dac." + country.dac)) if country.dac else t("fact.not_dac")
    name = t("country.chosen", name=f"{country.name(lang())}（{country.iso3}）")
    return f"{name}\n{asean}・{dac}"


def matches(country: Country, query: str) -> bool:
    q = query.strip().lower()
    return not q or q in country.name_ja.lower() or q in country.name_en.lower() \
        or q in country.iso3.lower()


class CountryBox(FieldBox):
    """A searchable list of the rule pack's countries."""

    BINDINGS: ClassVar = [Binding("down", "to_list", show=False)]

    def __init__(self, path: str, label: str, value: str | None, pack: RulePack,
                 **kwargs: Any) -> None:
        super().__init__(path, label, value, **kwargs)
        self.countries = sorted(pack.countries.values(), key=lambda c: c.name(lang()))
        self.by_code = pack.countries

    def compose(self) -> ComposeResult:
        yield FieldInput(placeholder=t("country.search"), compact=True, id=widget_id(self.path))
        yield OptionList(id=widget_id(self.path) + "-list")
        yield Live(country_facts(self.by_code.get(self.value or "")), classes="chosen")
        yield Live("", classes="note")

    def on_mount(self) -> None:
        self.filter("")

    def filter(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(Option(country_line(c), id=c.iso3)
                            for c in self.countries if matches(c, query))
        if self.value and not query:
            try:
                options.highlighted = options.get_option_index(self.value)
            except OptionDoesNotExist:  # the saved code is not in this pack's list
                options.highlighted = 0
        elif options.option_count:
            options.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.filter(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one(OptionList)
        if options.highlighted is not None and options.option_count:
            self.pick(options.get_option_at_index(options.highlighted).id or "")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.pick(event.option.id or "")

    def pick(self, code: str) -> None:
        if code and code != self.value:
            self.query_one(".chosen", Live).update(country_facts(self.by_code.get(code)))
            self.edited(code)

    def action_to_list(self) -> None:
        self.query_one(OptionList).focus()
