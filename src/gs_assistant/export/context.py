"""What the document templates see: the application, its facts and its checklist.

Every string is wrapped as data (``Vault.value``), already formatted the Japanese way:
amounts as ``3,000,000,000円（30億円）``, dates in both calendars, choices by their
labels (from the rule pack, or ``labels.yaml`` in the template folder). An unanswered
value is empty: it prints as 【要記入】 and is false in ``{% if %}``. Booleans stay
``True`` / ``False`` / ``None`` for the templates' conditions.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from gs_assistant.export.answers import Answers, field_labels
from gs_assistant.export.expense_context import expense_plan
from gs_assistant.export.package_context import package_context
from gs_assistant.export.values import Value, Vault
from gs_assistant.model.application import Application, BenefitType, Company
from gs_assistant.parsing import format_date, format_yen, format_yen_kanji
from gs_assistant.rules.citations import readable_citation
from gs_assistant.rules.pack import RulePack
from gs_assistant.rules.package_check import PackageReport
from gs_assistant.rules.render import topic_label
from gs_assistant.rules.report import Report, Status
from gs_assistant.rules.topics.plan_sections import own_share

Labels = dict[str, dict[str, Any]]


def pack_labels(pack: RulePack) -> Labels:
    """The wording that is rule content, from the rule pack (cited there): the three
    conditions of each type, the condition-b branches, the partner-benefit kinds and the
    MOU statuses. A template folder's labels.yaml may still override any group."""
    p = pack.params
    return {
        "conditions": {kind.value: {letter: cited.value.ja
                                    for letter, cited in params.conditions.items()}
                       for kind, params in p.benefit_types.items()},
        "branches": {k.value: v.ja for k, v in p.condition_b_branches.value.items()},
        "partner_categories": {k.value: v.ja
                               for k, v in p.partner_benefit_categories.value.items()},
        "mou_status": {k.value: v.ja for k, v in p.mou.statuses.value.items()},
    }


class _Builder:
    def __init__(self, app: Application, pack: RulePack, report: Report, vault: Vault,
                 labels: Labels, package: PackageReport | None = None) -> None:
        self.app, self.pack, self.report, self.facts = app, pack, report, report.facts
        self.v = vault.value
        self.labels = labels
        self.package = package

    # ------------------------------------------------------------ formatting

    def label(self, group: str, key: Any) -> Value:
        """The wording of a choice from labels.yaml; the key itself when it has none."""
        if key is None:
            return self.v(None)
        key = getattr(key, "value", key)
        return self.v(self.labels.get(group, {}).get(key, key))

    def yen(self, amount: int | None) -> Value:
        if amount is None:
            return self.v(None)
        short = format_yen_kanji(amount)
        long = format_yen(amount)
        return self.v(long if short == long else f"{long}（{short}）")

    def day(self, value: date | None) -> Value:
        return self.v(format_date(value) if value is not None else None)

    def number(self, value: Decimal | int | None) -> Value:
        if value is None:
            return self.v(None)
        value = Decimal(value)
        if value == value.to_integral_value():
            return self.v(f"{int(value):,}")
        return self.v(format(value.normalize(), "f"))

    def country(self, code: str | None) -> Value:
        if code is None:
            return self.v(None)
        country = self.pack.countries.get(code)
        return self.v(country.name_ja if country else code)

    def sme(self, is_sme: bool | None) -> Value:
        return self.label("sme", None if is_sme is None else str(is_sme).lower())

    # ------------------------------------------------------------ sections

    def document(self, today: date) -> dict[str, Any]:
        return {
            "today": self.day(today),
            "todo": self.v(None),
            "pack": self.pack_info(),
            "applicant": self.company(self.app.lead, 0),
            "members": [self.company(c, i) for i, c in enumerate(self.app.members())],
            "co_applicants": [self.company(c, i + 1)
                              for i, c in enumerate(self.app.co_applicants)],
            "local_partner": self.local_partner(),
            "country": self.country_info(),
            "track": self.track(),
            "field": self.field(),
            "costs": self.costs(),
            "period": self.period(),
            "japan_benefit": self.japan_benefit(),
            "indicators": self.indicators(),
            "partner_benefit": self.partner_benefit(),
            "content": self.content(),
            "risks": self.risks(),
            "funding": self.funding(),
            "large": self.large(),
            "checklist": self.checklist(),
            "package": package_context(self.package, self.v),
        }

    def pack_info(self) -> dict[str, Any]:
        h = self.pack.header
        aff, mou = self.pack.params.affiliates, self.pack.params.mou
        return {"id": self.v(h.id), "version": self.v(h.version), "as_of": self.day(h.as_of),
                "title": self.v(h.title.ja), "caveat": self.v(h.caveat.ja),
                # the numbers the templates' explanations quote, from parameters.yaml
                "subsidiary_min_percent": self.v(str(aff.subsidiary_min_percent.value)),
                "sub_subsidiary_parent_over_percent":
                    self.v(str(aff.sub_subsidiary_parent_over_percent.value)),
                "sub_subsidiary_over_percent": self.v(str(aff.sub_subsidiary_over_percent.value)),
                "mou_deadline_months": self.v(str(mou.deadline_months_after_start.value))}

    def company(self, company: Company, index: int) -> dict[str, Any]:
        decision = self.facts.sme[index] if index < len(self.facts.sme) else None
        industry = company.industry.value if company.industry else None
        industries = self.pack.params.industries
        out = {
            "position": self.label("positions", "lead" if index == 0 else "co_applicant"),
            "name": self.v(company.name),
            "industry": self.v(industries[industry].ja if industry in industries else industry),
            "capital": self.yen(company.capital_yen),
            "employees": self.v(f"{company.employees:,}人" if company.employees is not None
                                else None),
            "role": self.v(company.role),
            "sme": self.sme(decision.is_sme if decision else None),
            "sme_reason": self.v(decision.reason.ja if decision else None),
            "location": self.v(None),
            "parent": self.v(None),
            "profile": self.profile(company),
        }
        location = getattr(company, "location", None)
        if location is not None:
            out["location"] = self.label("locations", location)
            out["parent"] = self.v(getattr(company, "parent_name", ""))
        return out

    def profile(self, company: Company) -> dict[str, Any]:
        p = company.profile
        return {"address": self.v(p.address), "representative": self.v(p.representative),
                "founded": self.v(f"{p.founded_year}年" if p.founded_year else None),
                "business": self.v(p.business), "revenue": self.yen(p.revenue_yen),
                "overseas_experience": self.v(p.overseas_experience)}

    def local_partner(self) -> dict[str, Any]:
        p = self.app.local_partner
        return {"name": self.v(p.name), "country": self.country(p.country),
                "role": self.v(p.role), "description": self.v(p.description)}

    def country_info(self) -> dict[str, Any]:
        asean = self.facts.country_asean
        return {"name": self.country(self.app.country), "code": self.v(self.app.country),
                "asean": asean,
                "group": self.label("country_groups",
                                    None if asean is None else ("asean" if asean else "other"))}

    def track(self) -> dict[str, Any]:
        track = self.app.track
        recommended = self.facts.recommended_track
        return {
            "key": track.value if track else None,
            "name": self.v(self.pack.track(track).name.ja if track else None),
            "is_large": bool(track and track.is_large),
            "cap": self.yen(self.pack.track(track).subsidy_max_yen.value if track else None),
            "months": self.v(f"{self.pack.track(track).period_months.value}か月"
                             if track else None),
            "recommended": self.v(self.pack.track(recommended).name.ja if recommended
                                  else None),
            "recommendation": self.v("。".join(m.ja for m in self.facts.recommendation)),
        }

    def field(self) -> dict[str, Any]:
        f, params = self.app.field, self.pack.params
        kinds = [self.v(params.fields[k.value].value.ja) for k in f.kinds]
        dx = params.dx_areas.value.get(f.dx_area)
        material = params.critical_materials.value.get(f.material)
        return {
            "kinds": kinds,
            "names": self.v("・".join(k.text for k in kinds)),
            "kind_keys": [k.value for k in f.kinds],
            "dx_area": self.v(dx.ja if dx else f.dx_area),
            "material": self.v(material.ja if material else f.material_other_name),
            "material_reason": self.v(f.material_other_reason),
        }

    def costs(self) -> dict[str, Any]:
        f = self.facts
        either = f.open_rate()  # 2/3 or 1/2 while an overseas member's status is open
        return {
            # the expense plan's sums when it has rows, else the typed totals
            "total": self.yen(f.total_yen),
            "eligible": self.yen(f.eligible_yen),
            "rate": self.v(f"{f.rate.numerator}/{f.rate.denominator}" if f.rate
                           else either[0] if either else None),
            "subsidy": self.yen(f.subsidy_yen) if either is None else self.v(either[1]),
            "subsidy_uncapped": self.yen(f.subsidy_uncapped_yen),
            "cap": self.yen(f.cap_yen),
            "capped": f.capped,
            "consortium_sme": self.sme(f.consortium_sme),
            "sme_basis": [
                {"name": self.v(m.name), "position": self.label("positions", m.role),
                 "sme": self.sme(m.is_sme), "reason": self.v(m.reason.ja)}
                for m in f.sme
            ],
            "plan": expense_plan(self.app, self.pack, f, self.v, self.yen, self.number,
                                 self.day),
        }

    def period(self) -> dict[str, Any]:
        p, f = self.app.period, self.facts
        return {"start": self.day(p.start), "end": self.day(p.end),
                "months": self.v(f"{f.period_months}か月" if f.period_months else None),
                "latest_end": self.day(f.latest_end)}

    def japan_benefit(self) -> dict[str, Any]:
        jb = self.app.japan_benefit
        types = []
        for kind in BenefitType:
            claim = jb.claim(kind)
            requirements = self.labels.get("conditions", {}).get(kind.value, {})
            conditions = []
            for letter in ("a", "b", "c"):
                cond = getattr(claim, letter)
                branch = getattr(cond, "branch", None)
                conditions.append({
                    "letter": letter,
                    "requirement": self.v(requirements.get(letter, letter)),
                    "explanation": self.v(cond.explanation),
                    "branch": self.label("branches", branch) if letter == "b" else None,
                })
            types.append({"key": kind.value, "name": self.label("benefit_types", kind),
                          "claimed": claim.claimed, "conditions": conditions})
        claimed = [t for t in types if t["claimed"]]
        return {"types": types, "claimed": claimed,
                "names": self.v("、".join(t["name"].text for t in claimed))}

    def indicators(self) -> list[dict[str, Any]]:
        return [
            {"type": self.label("benefit_types_short", i.benefit_type),
             "name": self.v(i.name), "unit": self.v(i.unit),
             "baseline": self.number(i.baseline), "target": self.number(i.target),
             "target_year": self.v(f"{i.target_year}年" if i.target_year else None)}
            for i in self.app.indicators
        ]

    def partner_benefit(self) -> dict[str, Any]:
        pb = self.app.partner_benefit
        categories = [self.label("partner_categories", c) for c in pb.categories]
        return {"categories": categories,
                "names": self.v("・".join(c.text for c in categories)),
                "explanation": self.v(pb.explanation),
                "indicators": [
                    {"category": self.label("partner_categories", i.category),
                     "name": self.v(i.name), "unit": self.v(i.unit),
                     "baseline": self.number(i.baseline), "target": self.number(i.target),
                     "target_year": self.v(f"{i.target_year}年" if i.target_year else None)}
                    for i in pb.indicators]}

    def risks(self) -> list[dict[str, Any]]:
        return [{"risk": self.v(r.risk), "impact": self.v(r.impact),
                 "mitigation": self.v(r.mitigation)} for r in self.app.risks]

    def funding(self) -> dict[str, Any]:
        f = self.app.funding
        share, assumed = own_share(self.facts, self.facts.total_yen)
        given = [v for v in f.sources() if v is not None]
        return {"own_share": self.yen(share), "own_share_assumed": assumed,
                "own_funds": self.yen(f.own_funds_yen), "loans": self.yen(f.loans_yen),
                "lender": self.v(f.lender), "other": self.yen(f.other_yen),
                "other_source": self.v(f.other_source),
                "raised": self.yen(sum(given) if given else None),
                "covered": None if share is None or not given else sum(given) >= share,
                "explanation": self.v(f.explanation)}

    def content(self) -> dict[str, Any]:
        c = self.app.content
        out: dict[str, Any] = {
            name: self.v(getattr(c, name))
            for name in ("title", "summary", "partner_issue", "activities", "structure_japan",
                         "structure_local", "commercialisation")
        }
        out["milestones"] = [{"date": self.day(m.date), "title": self.v(m.title)}
                             for m in c.milestones]
        out["single_project"] = c.single_project
        return out

    def large(self) -> dict[str, Any]:
        lx, f = self.app.large, self.facts
        affiliates = []
        for a, fact in zip(lx.affiliates, f.affiliates, strict=False):
            if a.kind.value == "sub_subsidiary":
                stake = (f"{a.intermediate_name or '子会社'}への出資 "
                         f"{self._pct(a.intermediate_stake_percent)}、"
                         f"その子会社の出資 {self._pct(a.stake_percent)}")
            else:
                stake = self._pct(a.stake_percent)
            affiliates.append({
                "name": self.v(a.name), "country": self.country(a.country),
                "kind": self.label("affiliate_kinds", a.kind), "stake": self.v(stake),
                "counts": fact.counts,
                "verdict": self.label("affiliate_verdicts",
                                      None if fact.counts is None else str(fact.counts).lower()),
                "reason": self.v(fact.reason.ja),
            })
        mou, pr = lx.mou, lx.press_release
        counterparts = self.pack.params.mou.counterparts.value
        kind = mou.counterpart_kind.value if mou.counterpart_kind else None
        return {
            "affiliates_reviewed": lx.affiliates_reviewed,
            "affiliates": affiliates,
            "similar_projects_exist": lx.similar_projects_exist,
            "similar_projects": [
                {"company": self.v(p.company), "name": self.v(p.name),
                 "country": self.country(p.country),
                 "environment_difference": self.v(p.environment_difference),
                 "technology_difference": self.v(p.technology_difference)}
                for p in lx.similar_projects
            ],
            "mou": {
                "required": f.mou_required,
                "requirement": self.label("mou_required", None if f.mou_required is None
                                          else str(f.mou_required).lower()),
                "counterpart_kind": self.v(counterparts[kind].ja if kind in counterparts
                                           else kind),
                "counterpart_name": self.v(mou.counterpart_name),
                "status": self.label("mou_status", mou.status),
                "date": self.day(mou.date),
                "deadline": self.day(f.mou_deadline),
            },
            "press_release": {
                "committed": pr.committed,
                "commitment": self.label("press_release", None if pr.committed is None
                                         else str(pr.committed).lower()),
                "outline": self.v(pr.outline),
                "government_support_reason": self.v(pr.government_support_reason),
            },
        }

    def _pct(self, value: Decimal | None) -> str | None:
        return None if value is None else f"{value.normalize():f}%"

    def checklist(self) -> dict[str, Any]:
        topics = []
        for topic, items in self.report.by_topic().items():
            topics.append({"key": topic, "label": self.v(topic_label(topic)), "items": [
                {"id": self.v(i.id), "status": self.v(i.status.label()),
                 "status_key": i.status.value,
                 "computed_status": self.v(i.computed_status.label()),
                 "decided": i.status is not i.computed_status
                 or bool(i.review and i.review.decision),
                 "title": self.v(i.title.ja), "reason": self.v(i.reason.ja),
                 "citation": self.v(i.citation),
                 "citation_text": self.v(readable_citation(i.citation, self.pack)),
                 "field": self.v(i.field),
                 "decision": self._decision(i.review),
                 "comments": [{"author": self.v(c.author), "at": self.v(f"{c.at:%Y-%m-%d %H:%M}"),
                               "text": self.v(c.text)}
                              for c in (i.review.comments if i.review else [])]}
                for i in items]})
        counts = self.report.summary()
        return {
            "topics": topics,
            "counts": {Status(k).value: v for k, v in counts.items()},
            "summary": self.v("・".join(f"{Status(k).label()} {v}件" for k, v in counts.items())),
        }

    def _decision(self, review: Any) -> dict[str, Any] | None:
        if review is None or review.decision is None:
            return None
        d = review.decision
        return {"status": self.v(Status(d.status.value).label()), "reason": self.v(d.reason),
                "author": self.v(d.author), "at": self.v(f"{d.at:%Y-%m-%d %H:%M}")}


class Record(SimpleNamespace):
    """A group of values; templates read them as ``record.name`` (or ``record["name"]``).

    Not a dict, so that a value called ``items`` or ``keys`` is never a dict method.
    """


def _records(data: Any) -> Any:
    if isinstance(data, dict):
        return Record(**{k: _records(v) for k, v in data.items()})
    if isinstance(data, list):
        return [_records(v) for v in data]
    return data


def build_context(app: Application, pack: RulePack, report: Report, vault: Vault,
                  labels: Labels, today: date, package: PackageReport | None = None
                  ) -> dict[str, Any]:
    """The templates' variables (see ``doc_templates/README.md`` for the list)."""
    builder = _Builder(app, pack, report, vault, labels, package)
    context = {k: _records(v) for k, v in builder.document(today).items()}
    # every answer by its catalogue path, and each path's label (export/answers.py)
    context["answers"] = Answers(app, pack, vault.value)
    context["field_names"] = field_labels()
    return context

