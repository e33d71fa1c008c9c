"""The application: everything the wizard collects, as one pydantic model.

One application is one YAML file (see ``model/files.py``). Every field is optional at
this level: an unanswered question is ``None`` or empty, and the checker reports it as
未入力 (missing). Types are strict where the answer is a fact (money is integer yen,
dates are dates, stakes are percentages) so that a malformed file is refused on load.
"""

# Annotations here are objects, not text (no ``from __future__ import annotations``):
# pydantic would otherwise compile each of the ~170 field annotations from its text when the
# classes are made, on every command's start (about 3 ms).

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from gs_assistant.model.canonical import (
    canonical_dx_area,
    canonical_expense_category,
    canonical_material,
)
from gs_assistant.model.package import Package
from gs_assistant.model.types import (
    CountryCode,
    CurrencyCode,
    Day,
    Number,
    Percent,
    Quantity,
    Text,
    Yen,
    new_dict,
    new_list,
)

# 2: the expense plan (``costs.expenses``, ``costs.plan_date``); a version-1 file keeps its two
# hand-typed numbers as the plan's declared totals (``model/files.py``).
SCHEMA_VERSION = 2


# Every model's validator is built when it is first used, not as the classes are made: a
# command validates whole applications, whose validator holds all the others, and pydantic
# would otherwise build each part's own as well (about 20 ms of every command's start). A
# part left out of a file is made by its own validator (built then, once per process;
# ``model_construct`` would build none but costs 0.3 ms more per file loaded), and so is a
# part assigned to.
class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        str_strip_whitespace=False,
        use_enum_values=False,
        defer_build=True,
    )


# ---------------------------------------------------------------- enums


class Industry(StrEnum):
    """業種 (中小企業基本法 第2条 and the cabinet-order exceptions)."""

    manufacturing = "manufacturing"  # 製造業
    construction = "construction"  # 建設業
    transport = "transport"  # 運輸業
    wholesale = "wholesale"  # 卸売業
    services = "services"  # サービス業
    retail = "retail"  # 小売業
    rubber_products = "rubber_products"  # ゴム製品製造業（一部除く）
    software_it = "software_it"  # ソフトウェア業・情報処理サービス業
    hotels = "hotels"  # 旅館業
    other = "other"  # その他の業種


class Track(StrEnum):
    """事業区分."""

    large_asean = "large_asean"
    large_non_asean = "large_non_asean"
    small = "small"
    fs = "fs"

    @property
    def is_large(self) -> bool:
        return self in (Track.large_asean, Track.large_non_asean)


class FieldKind(StrEnum):
    """対象分野."""

    gx = "gx"
    dx = "dx"
    economic_security = "economic_security"


class BenefitType(StrEnum):
    """日本裨益の類型."""

    type1 = "type1"  # 我が国のイノベーション創出につながる共創型
    type2 = "type2"  # 日本の高度技術海外展開型
    type3 = "type3"  # サプライチェーン強靱化型


class ConditionBBranch(StrEnum):
    """Condition b: not yet applied, or the commercialisation challenges are clear."""

    not_applied = "not_applied"  # 該当国において事業に未適用
    challenges_clear = "challenges_clear"  # スケール化を含む事業化の課題が明確


class PartnerBenefitCategory(StrEnum):
    industrial_base = "industrial_base"  # 産業基盤構築
    technology_skills = "technology_skills"  # 技術育成
    social_issues = "social_issues"  # 社会課題解決


class AffiliateKind(StrEnum):
    subsidiary = "subsidiary"  # 海外子会社
    sub_subsidiary = "sub_subsidiary"  # 海外孫会社


class MouCounterpart(StrEnum):
    central_government = "central_government"
    local_government = "local_government"
    state_owned_enterprise = "state_owned_enterprise"
    other = "other"


class MouStatus(StrEnum):
    obtained = "obtained"  # 取得済み
    with_application = "with_application"  # 応募時に提出予定
    planned = "planned"  # 事業開始後1年以内に提出予定


class Location(StrEnum):
    japan = "japan"
    overseas = "overseas"


# ---------------------------------------------------------------- applicants


class DeemedLarge(_Model):
    """みなし大企業の質問. ``None`` = not yet answered."""

    one_large_holds_half: bool | None = None  # (1) 1社の大企業が1/2以上を所有
    large_hold_two_thirds: bool | None = None  # (2) 複数の大企業が合計2/3以上を所有
    large_officers_half: bool | None = None  # (3) 大企業の役員・職員が役員の1/2以上
    wholly_owned_by_deemed: bool | None = None  # (4) (1)-(3)の会社が全株式を所有
    officers_all_from_deemed: bool | None = None  # (5) 役員全員が(1)-(3)の会社の役員・職員
    # (6) 直近過去3年分の課税所得の年平均額が15億円を超える: the usual wording of METI calls,
    # not yet confirmed for this one (the checker says 要確認 when it is answered yes)
    taxable_income_over_line: bool | None = None

    def answers(self) -> list[bool | None]:
        """The answers to every question, (6) included."""
        return [
            self.one_large_holds_half,
            self.large_hold_two_thirds,
            self.large_officers_half,
            self.wholly_owned_by_deemed,
            self.officers_all_from_deemed,
            self.taxable_income_over_line,
        ]


class CompanyProfile(_Model):
    """企業概要: what the plan says about a member, beside the SME facts."""

    address: Text = ""  # 所在地（本社）
    representative: Text = ""  # 代表者（役職・氏名）
    founded_year: int | None = Field(default=None, ge=1600, le=2200)  # 設立年
    business: Text = ""  # 主な事業
    revenue_yen: Yen | None = None  # 直近期の売上高
    overseas_experience: Text = ""  # 海外展開の実績


class Company(_Model):
    """A consortium member: the lead applicant (幹事法人) or a co-applicant."""

    name: Text = ""
    industry: Industry | None = None
    capital_yen: Yen | None = None
    employees: int | None = Field(default=None, ge=0, le=10_000_000)
    deemed_large: DeemedLarge = Field(default_factory=DeemedLarge)
    role: Text = ""  # 本事業での役割
    profile: CompanyProfile = Field(default_factory=CompanyProfile)


class CoApplicant(Company):
    """共同申請者. A local (overseas) company may join only as a Japanese member's
    overseas subsidiary or sub-subsidiary."""

    location: Location = Location.japan
    parent_name: Text = ""  # overseas member: its Japanese parent in the consortium
    parent_stake_percent: Percent | None = None


class LocalPartner(_Model):
    """現地企業: the local company the project co-creates with."""

    name: Text = ""
    country: CountryCode | None = None
    role: Text = ""
    description: Text = ""


# ---------------------------------------------------------------- field, track, money, period


class ProjectField(_Model):
    kinds: list[FieldKind] = Field(default_factory=new_list)
    dx_area: Text = ""  # key from the pack's DX examples, or free text
    material: Text = ""  # 特定重要物資 key from the pack, or "other"
    material_other_name: Text = ""
    material_other_reason: Text = ""  # サプライチェーン上の重要性の説明

    @field_validator("material")
    @classmethod
    def _material_key(cls, value: str) -> str:
        """蓄電池 / Storage batteries → batteries (the pack's key)."""
        return canonical_material(value)

    @field_validator("dx_area")
    @classmethod
    def _dx_area_key(cls, value: str) -> str:
        """農林水産×DX → agriculture (the pack's key)."""
        return canonical_dx_area(value)


# 経費明細の計上者: the lead, co-applicant N (from 1) or the local partner.
MEMBER_PATTERN = r"^(lead|co[1-9][0-9]{0,3}|partner)$"


class ExpenseRow(_Model):
    """One line of the expense plan (経費明細): 単価 × 数量 or a lump sum (``amount``) in
    its currency; a foreign currency is converted at ``rate`` yen per unit, and the yen
    value is rounded down once per row. Amounts exclude consumption tax."""

    member: Annotated[str, Field(pattern=MEMBER_PATTERN)] = "lead"
    category: Text = ""  # 費目: a key of the pack's expenses.categories
    description: Text = ""  # 内容
    unit_price: Quantity | None = None  # 単価, in the row's currency
    quantity: Quantity | None = None  # 数量
    unit: Text = ""  # 単位: 人日, 回, 式, 台 …
    amount: Quantity | None = None  # 一式の金額 (when there is no 単価 × 数量)
    currency: CurrencyCode = "JPY"
    rate: Quantity | None = None  # yen per one unit of the currency (e.g. TTM)
    rate_date: Day | None = None
    rate_source: Text = ""  # e.g. 三菱UFJ銀行 TTM
    eligible: bool = True  # 補助対象
    eligible_yen: Yen | None = None  # only this part of the row is eligible
    tax_included: bool = False  # the amount includes consumption tax (not eligible)
    note: Text = ""

    @field_validator("category")
    @classmethod
    def _category_key(cls, value: str) -> str:
        """人件費 / Personnel → personnel (the pack's key)."""
        return canonical_expense_category(value)


class Costs(_Model):
    """The costs: the declared totals and the expense plan (経費明細). With rows in the
    plan the totals are derived from it; a typed total that disagrees is 不適合."""

    total_yen: Yen | None = None  # 総事業費
    eligible_yen: Yen | None = None  # 補助対象経費
    plan_date: Day | None = None  # 経費明細の作成日: the date foreign-currency rates are near
    expenses: list[ExpenseRow] = Field(default_factory=new_list)  # 経費明細

    def rows_of(self, member: str) -> int:
        """How many rows of the plan ``member`` (lead, co1 …) bears."""
        return sum(1 for row in self.expenses if row.member == member)

    def co_applicant_removed(self, number: int) -> None:
        """Co-applicant ``number`` (1 = the first) left the consortium: its rows go, and the
        rows of the co-applicants after it follow them to their new numbers (co3 -> co2),
        as their submission documents do (``Package.co_applicant_removed``)."""
        kept = []
        for row in self.expenses:
            n = int(row.member[2:]) if row.member.startswith("co") else 0
            if n == number:
                continue
            if n > number:
                row.member = f"co{n - 1}"
            kept.append(row)
        if len(kept) != len(self.expenses):
            self.expenses = kept


class Period(_Model):
    start: Day | None = None  # 交付決定（契約）予定日 = 事業開始日
    end: Day | None = None


# ---------------------------------------------------------------- benefit to Japan / partner


class Condition(_Model):
    explanation: Text = ""


class ConditionB(Condition):
    branch: ConditionBBranch | None = None


class TypeClaim(_Model):
    claimed: bool = False
    a: Condition = Field(default_factory=Condition)
    b: ConditionB = Field(default_factory=ConditionB)
    c: Condition = Field(default_factory=Condition)


class JapanBenefit(_Model):
    type1: TypeClaim = Field(default_factory=TypeClaim)
    type2: TypeClaim = Field(default_factory=TypeClaim)
    type3: TypeClaim = Field(default_factory=TypeClaim)

    def claim(self, kind: BenefitType) -> TypeClaim:
        return getattr(self, kind.value)

    def claimed(self) -> list[BenefitType]:
        return [k for k in BenefitType if self.claim(k).claimed]


class Indicator(_Model):
    """定量指標: the effect of a claimed type, in numbers."""

    benefit_type: BenefitType | None = None
    name: Text = ""
    unit: Text = ""
    baseline: Number | None = None
    target: Number | None = None
    target_year: int | None = Field(default=None, ge=1900, le=2200)


class PartnerIndicator(_Model):
    """相手国裨益の指標: the partner country's benefit in numbers, like ``Indicator``."""

    category: PartnerBenefitCategory | None = None
    name: Text = ""
    unit: Text = ""
    baseline: Number | None = None
    target: Number | None = None
    target_year: int | None = Field(default=None, ge=1900, le=2200)


class PartnerBenefit(_Model):
    categories: list[PartnerBenefitCategory] = Field(default_factory=new_list)
    explanation: Text = ""
    indicators: list[PartnerIndicator] = Field(default_factory=new_list)


# ---------------------------------------------------------------- risks and funding


class Risk(_Model):
    """リスクと対応策: one row."""

    risk: Text = ""  # リスク
    impact: Text = ""  # 影響
    mitigation: Text = ""  # 対応策


class Funding(_Model):
    """資金計画: how the applicant's own share (総事業費 − 補助額) is financed."""

    own_funds_yen: Yen | None = None  # 自己資金
    loans_yen: Yen | None = None  # 借入金
    lender: Text = ""  # 借入先
    other_yen: Yen | None = None  # その他（増資・出資など）
    other_source: Text = ""  # その他の内容
    explanation: Text = ""  # 調達の説明（時期・確実性）

    def sources(self) -> list[int | None]:
        return [self.own_funds_yen, self.loans_yen, self.other_yen]


# ---------------------------------------------------------------- large-track extras


class Affiliate(_Model):
    """A company of the applicant's group that may count as 関連会社.

    For a subsidiary, ``stake_percent`` is the applicant's stake in it. For a
    sub-subsidiary, ``intermediate_stake_percent`` is the applicant's stake in the
    intermediate subsidiary, ``stake_percent`` that subsidiary's stake in it and
    ``intermediate_overseas`` whether the intermediate is itself overseas.
    """

    name: Text = ""
    country: CountryCode | None = None
    overseas: bool = True
    kind: AffiliateKind = AffiliateKind.subsidiary
    stake_percent: Percent | None = None
    intermediate_name: Text = ""
    intermediate_stake_percent: Percent | None = None
    # where the intermediate company is: an 海外孫会社 is held through an 海外子会社 (seed:300)
    intermediate_overseas: bool | None = None


class SimilarProject(_Model):
    """同じ分野・目的の他の海外プロジェクト (by the applicant or an affiliate)."""

    company: Text = ""  # the applicant's or an affiliate's name
    name: Text = ""
    country: CountryCode | None = None
    environment_difference: Text = ""  # (1) 事業環境の違い
    technology_difference: Text = ""  # (2) 主たる技術の差異


class Mou(_Model):
    counterpart_kind: MouCounterpart | None = None
    counterpart_name: Text = ""
    status: MouStatus | None = None
    date: Day | None = None  # obtained / planned date


class PressRelease(_Model):
    committed: bool | None = None
    outline: Text = ""
    government_support_reason: Text = ""  # 政府支援の必要性


class LargeExtras(_Model):
    affiliates_reviewed: bool | None = None  # 関連会社を確認した (None = 未回答)
    affiliates: list[Affiliate] = Field(default_factory=new_list)
    similar_projects_exist: bool | None = None
    similar_projects: list[SimilarProject] = Field(default_factory=new_list)
    mou: Mou = Field(default_factory=Mou)
    press_release: PressRelease = Field(default_factory=PressRelease)


# ---------------------------------------------------------------- content


class Milestone(_Model):
    date: Day | None = None
    title: Text = ""


class Content(_Model):
    title: Text = ""  # 事業名称
    summary: Text = ""  # 事業概要
    partner_issue: Text = ""  # 相手国の課題
    activities: Text = ""  # 実施内容
    structure_japan: Text = ""  # 実施体制（日本側）
    structure_local: Text = ""  # 実施体制（現地側）
    milestones: list[Milestone] = Field(default_factory=new_list)
    commercialisation: Text = ""  # 事業終了後の事業化計画
    single_project: bool | None = None  # 1事業を分割・複数社で重複申請していない


# ---------------------------------------------------------------- review (consultants)


class ReviewStatus(StrEnum):
    met = "met"
    not_met = "not_met"
    needs_review = "needs_review"


class Comment(_Model):
    author: Text
    at: datetime
    text: Text


class Decision(_Model):
    status: ReviewStatus
    reason: Text = Field(min_length=1)
    author: Text
    at: datetime


class ItemReview(_Model):
    comments: list[Comment] = Field(default_factory=new_list)
    decision: Decision | None = None


class LogEntry(_Model):
    at: datetime
    author: Text
    action: Text  # comment / decide / withdraw
    item: Text
    detail: Text = ""


class Review(_Model):
    items: dict[str, ItemReview] = Field(default_factory=new_dict)
    log: list[LogEntry] = Field(default_factory=new_list)


# ---------------------------------------------------------------- metadata and the whole


class RulePackRef(_Model):
    id: Text = ""
    version: Text = ""


class UiState(_Model):
    """Where the user was, so that reopening puts them back there."""

    step: Text = ""
    field: Text = ""


class Meta(_Model):
    schema_version: int = SCHEMA_VERSION
    rule_pack: RulePackRef = Field(default_factory=RulePackRef)
    created: datetime | None = None
    updated: datetime | None = None
    ui: UiState = Field(default_factory=UiState)


class Application(_Model):
    """一件の申請 (one application draft)."""

    meta: Meta = Field(default_factory=Meta)
    lead: Company = Field(default_factory=Company)
    co_applicants: list[CoApplicant] = Field(default_factory=new_list)
    local_partner: LocalPartner = Field(default_factory=LocalPartner)
    country: CountryCode | None = None
    field: ProjectField = Field(default_factory=ProjectField)
    track: Track | None = None
    costs: Costs = Field(default_factory=Costs)
    period: Period = Field(default_factory=Period)
    japan_benefit: JapanBenefit = Field(default_factory=JapanBenefit)
    indicators: list[Indicator] = Field(default_factory=new_list)
    partner_benefit: PartnerBenefit = Field(default_factory=PartnerBenefit)
    large: LargeExtras = Field(default_factory=LargeExtras)
    content: Content = Field(default_factory=Content)
    package: Package = Field(default_factory=Package)  # 提出書類 (model/package.py)
    risks: list[Risk] = Field(default_factory=new_list)
    funding: Funding = Field(default_factory=Funding)
    review: Review = Field(default_factory=Review)

    def members(self) -> list[Company]:
        """The lead applicant and every co-applicant, lead first."""
        return [self.lead, *self.co_applicants]
