"""Step 実施国・分野: the partner country (searchable; ASEAN membership and DAC list shown)
and the field: GX, DX with its area, or economic security with the 特定重要物資."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from gs_assistant.model.application import FieldKind
from gs_assistant.rules import Report
from gs_assistant.tui.i18n import field_label, labelled, lang, t
from gs_assistant.tui.navigation import widget_id
from gs_assistant.tui.steps.base import Step, section
from gs_assistant.tui.widgets.country import CountryBox, country_facts


class CountryFieldStep(Step):
    step_id = "country_field"

    def compose(self) -> ComposeResult:
        params = self.pack.params
        yield section("sec.country")
        yield CountryBox("country", field_label("country"), self.doc.get("country"), self.pack)
        yield section("sec.field")
        fields = params.fields
        about = "\n".join(labelled(f.value(lang()), f.description(lang()))
                          for f in fields.values() if f.description)
        yield Static(about, classes="help")
        yield from self.fields("field.kinds", "field.dx_area")
        materials = self.options_for("field.material")
        yield self.field("field.material", options=[*materials,
                                                    (t("choice.other_material"), "other")])
        yield from self.fields("field.material_other_name", "field.material_other_reason")

    def update_facts(self, report: Report) -> None:
        kinds = self.doc.app.field.kinds
        other = self.doc.app.field.material == "other"
        self.query_one("#" + widget_id("field.dx_area") + "--box").display = FieldKind.dx in kinds
        secure = FieldKind.economic_security in kinds
        self.query_one("#" + widget_id("field.material") + "--box").display = secure
        for path in ("field.material_other_name", "field.material_other_reason"):
            self.query_one("#" + widget_id(path) + "--box").display = secure and other
        code = self.doc.app.country
        self.query_one(CountryBox).query_one(".chosen", Static).update(
            country_facts(self.pack.countries.get(code or "")))
