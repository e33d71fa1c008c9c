"""The content of the Word draft, read back with python-docx: sections, tables, checklist."""

from __future__ import annotations

from fractions import Fraction

from export_helpers import (
    all_text,
    find_table,
    headings,
    key_values,
    section_paragraphs,
    table_rows,
)

from gs_assistant.model import Application, load_application
from gs_assistant.parsing import format_date, format_yen, format_yen_kanji
from gs_assistant.paths import samples_dir
from gs_assistant.rules import check, default_pack
from gs_assistant.rules.citations import readable_citation

SECTIONS = [
    "1. 事業概要",
    "2. 相手国の課題と相手国裨益",
    "3. 事業内容・実施体制",
    "4. 日本裨益",
    "5. 事業区分・経費",
    "6. スケジュール",
]
LARGE_SECTION = "7. 大型実証の追加要件"
APPENDIX = "付録　要件チェックリスト"
PACKAGE_APPENDIX = "付録　提出書類チェックリスト"  # tests/export/test_export_package.py


def _app(name: str) -> Application:
    return load_application(samples_dir() / f"{name}.yaml")


def _yen(amount: int) -> str:
    return f"{format_yen(amount)}（{format_yen_kanji(amount)}）"


# ---------------------------------------------------------------- sections


def test_sections_in_order_large_track_has_extra_section(large_doc, small_doc) -> None:
    assert headings(large_doc, 1) == [*SECTIONS, LARGE_SECTION, APPENDIX, PACKAGE_APPENDIX]
    assert headings(small_doc, 1) == [*SECTIONS, APPENDIX, PACKAGE_APPENDIX]


def test_title_page(large_doc) -> None:
    app = _app("large_demo_india")
    pack = default_pack()
    title = [p.text for p in large_doc.paragraphs if p.style.name == "Title"]
    assert [t.replace("\n", "") for t in title] == [app.content.title]  # phrase-broken
    info = key_values(large_doc, "申請者（幹事法人）")
    assert info["事業名称"] == app.content.title
    assert info["申請者（幹事法人）"] == app.lead.name
    assert info["共同申請者"] == app.co_applicants[0].name
    assert info["事業区分"] == pack.track(app.track).name.ja
    assert info["実施国"] == "インド"
    assert info["作成日"] == "2026-04-01（令和8年4月1日）"
    assert pack.version in info["ルールパック"] and pack.id in info["ルールパック"]
    # the title page ends with a page break: 1. 事業概要 starts a new page
    first = next(p for p in large_doc.paragraphs if p.text == SECTIONS[0])
    assert first.paragraph_format.page_break_before is True


def test_summary_partner_and_content_sections(large_doc) -> None:
    app = _app("large_demo_india")
    assert section_paragraphs(large_doc, "事業の概要") == [app.content.summary]
    assert section_paragraphs(large_doc, "相手国の課題") == [app.content.partner_issue]
    assert app.partner_benefit.explanation in section_paragraphs(large_doc, "相手国裨益")
    assert key_values(large_doc, "該当する観点")["該当する観点"] == "産業基盤構築・社会課題解決"
    roles = table_rows(find_table(large_doc, "区分", "役割"))
    assert roles[1:] == [["日本側", app.content.structure_japan],
                         ["現地側", app.content.structure_local]]
    bullets = [p.text for p in large_doc.paragraphs if p.style.name == "List Bullet"]
    assert f"{app.lead.name}（幹事法人）：{app.lead.role}" in bullets
    assert f"{app.local_partner.name}（現地企業）：{app.local_partner.role}" in bullets


def test_japan_benefit_types_conditions_and_indicators(large_doc) -> None:
    app = _app("large_demo_india")
    h2 = headings(large_doc, 2)
    assert "類型② 日本の高度技術海外展開型" in h2
    assert "類型③ サプライチェーン強靱化型" in h2
    assert "類型① 我が国のイノベーション創出につながる共創型" not in h2  # not claimed
    condition = "要件a　日本で既に技術的には確立されたものであること"
    assert section_paragraphs(large_doc, condition)[-1] == app.japan_benefit.type2.a.explanation
    b_heading = next(h for h in headings(large_doc, 3) if h.startswith("要件b　該当国において")
                     and "スケール化" in h)
    assert section_paragraphs(large_doc, b_heading) == [
        "該当する状況：スケール化を含む事業化の課題が明確",  # the rule pack's wording
        app.japan_benefit.type2.b.explanation,
    ]
    rows = table_rows(find_table(large_doc, "類型", "指標", "単位"))
    assert rows[1:] == [
        ["類型②", "国内工場の雇用増加数", "人", "0", "150", "2032年"],
        ["類型③", "正極材の特定国からの輸入依存度", "%", "78", "55", "2032年"],
    ]


def test_costs_table_amounts_rate_subsidy_cap(large_doc, small_doc) -> None:
    large, small = _app("large_demo_india"), _app("sme_fs_vietnam")
    costs = key_values(large_doc, "総事業費")
    assert costs["総事業費"] == "3,600,000,000円（36億円）" == _yen(large.costs.total_yen)
    assert costs["補助対象経費"] == _yen(large.costs.eligible_yen)
    assert costs["補助率"] == "1/2"  # the lead is a large enterprise
    assert costs["補助額"] == "1,500,000,000円（15億円）"
    assert costs["補助上限額"] == "4,000,000,000円（40億円）"

    costs = key_values(small_doc, "総事業費")
    assert costs["補助率"] == "2/3"  # an SME alone
    expected = small.costs.eligible_yen * Fraction(2, 3)
    assert costs["補助額"] == _yen(int(expected)) == "56,000,000円（5,600万円）"
    assert costs["補助上限額"] == "100,000,000円（1億円）"


def test_sme_basis_table(large_doc) -> None:
    rows = table_rows(find_table(large_doc, "区分", "名称", "資本金"))
    assert [r[4] for r in rows[1:]] == ["大企業等", "中小企業"]
    assert rows[1][2] == "12,000,000,000円（120億円）"
    assert rows[1][3] == "5,400人"
    assert rows[1][5].startswith("大企業等（補助率1/2）：資本金120億円")


def test_schedule_table(small_doc) -> None:
    app = _app("sme_fs_vietnam")
    period = key_values(small_doc, "事業開始日（交付決定予定日）")
    assert period["事業開始日（交付決定予定日）"] == format_date(app.period.start)
    assert period["事業期間"] == "12か月（上限 12か月）"
    rows = table_rows(find_table(small_doc, "時期", "内容"))
    assert rows[1:] == [[format_date(m.date), m.title] for m in app.content.milestones]
    assert rows[1][0] == "2026-07-15（令和8年7月15日）"


def test_large_track_section(large_doc) -> None:
    app = _app("large_demo_india")
    rows = table_rows(find_table(large_doc, "名称", "国", "種別", "出資比率"))
    verdicts = {r[0]: r[4] for r in rows[1:]}
    assert verdicts == {
        "Tohoku Heavy Electric India Pvt. Ltd.（架空）": "関連会社に該当",
        "THE Energy Solutions Pvt. Ltd.（架空）": "関連会社に該当",
        "Bharat Cells Ltd.（架空）": "該当しない",
    }
    project = app.large.similar_projects[0]
    differences = key_values(large_doc, "(1) 事業環境の違い")
    assert differences["(1) 事業環境の違い"] == project.environment_difference
    assert differences["(2) 主たる技術の差異"] == project.technology_difference
    assert project.name in headings(large_doc, 3)
    mou = key_values(large_doc, "提出の要否")
    assert mou["提出の要否"] == "提出が必要（申請者が大企業等）"
    assert mou["状況"] == "事業開始後1年以内に提出予定"
    assert mou["相手方"] == app.large.mou.counterpart_name
    assert mou["提出期限（事業開始後12か月以内）"] == "2027-09-30（令和9年9月30日）"
    press = key_values(large_doc, "政府支援の必要性")
    assert press["概要"] == app.large.press_release.outline
    assert press["政府支援の必要性"] == app.large.press_release.government_support_reason


def test_appendix_has_every_checklist_item(large_doc, small_doc) -> None:
    pack = default_pack()
    for name, doc in (("large_demo_india", large_doc), ("sme_fs_vietnam", small_doc)):
        report = check(_app(name), pack)
        rows = {}
        for table in doc.tables:
            cells = table_rows(table)
            if cells[0] == ["判定", "ID", "要件", "理由", "出典"]:
                rows.update({r[1]: r for r in cells[1:]})
        assert len(rows) == len(report.items)
        for item in report.items:
            # the source by its name, not the internal key (which stays in JSON)
            assert rows[item.id] == [item.status.label("ja"), item.id, item.title.ja,
                                     item.reason.ja, readable_citation(item.citation, pack)]
            assert "seed:" not in rows[item.id][4]


def test_no_placeholder_in_complete_samples(large_doc, small_doc) -> None:
    """The samples answer everything: a 【要記入】 would mean a field was not rendered."""
    for doc in (large_doc, small_doc):
        body = all_text(doc).replace("【要記入】の箇所はまだ入力されていません", "")
        assert "【要記入】" not in body


def test_spelling_of_hieki(large_doc) -> None:
    text = all_text(large_doc)
    assert "裨益" in text and "碑益" not in text


def test_no_internal_source_key_anywhere_in_the_draft(large_doc, small_doc) -> None:
    """Sources are named for people (page 1's caveat and the checklist's 出典 column)."""
    for doc in (large_doc, small_doc):
        body = all_text(doc)
        for key in ("seed:", "sme_act", "secretariat_faq", "civil_code_143", "inference ("):
            assert key not in body, key
        assert "海外展開支援施策" in body


# ---------------------------------------------------------------- the plan's own sections


def test_company_profiles_one_table_per_member(large_doc) -> None:
    app = _app("large_demo_india")
    assert headings(large_doc, 2).count("構成員の概要") == 1
    for member in app.members():
        info = key_values(large_doc, "所在地") if member is app.lead else None
        if info is None:  # the co-applicant's table: the one with its address
            info = next(
                {r[0]: r[1] for r in table_rows(t)[1:]} for t in large_doc.tables
                if table_rows(t)[0][:2] == ["項目", "内容"]
                and ["所在地", member.profile.address] in table_rows(t))
        p = member.profile
        assert info["所在地"] == p.address
        assert info["代表者"] == p.representative
        assert info["設立年"] == f"{p.founded_year}年"
        assert info["主な事業"] == p.business
        assert info["直近期の売上高"] == _yen(p.revenue_yen)
        assert info["海外展開の実績"] == p.overseas_experience
        assert info["名称"] == member.name
    assert headings(large_doc, 3)[:2] == ["幹事法人（申請者）", "共同申請者"]


def test_partner_indicators_risks_and_funding(small_doc) -> None:
    app = _app("sme_fs_vietnam")
    rows = table_rows(find_table(small_doc, "観点", "指標"))
    assert rows[1] == ["社会課題解決", "契約農家の塩害による収量減", "%", "15", "5", "2030年"]
    assert len(rows) == 1 + len(app.partner_benefit.indicators)
    risks = table_rows(find_table(small_doc, "リスク", "影響", "対応策"))
    assert risks[1:] == [[r.risk, r.impact, r.mitigation] for r in app.risks]
    funding = {r[0]: r[1] for r in table_rows(find_table(small_doc, "資金計画", "金額"))[1:]}
    assert funding["自己負担額（総事業費−補助額）"] == _yen(34_000_000)
    assert funding["自己資金"] == _yen(24_000_000)
    assert funding[f"借入金（{app.funding.lender}）"] == _yen(10_000_000)
    assert funding["調達額の合計"] == _yen(34_000_000)
    assert app.funding.explanation in section_paragraphs(small_doc, "資金計画（自己負担額の調達）")


def test_funding_shortfall_and_empty_sections_show_placeholders() -> None:
    from gs_assistant.export.docx import build_document

    app = _app("sme_fs_vietnam")
    app.funding.own_funds_yen = 23_999_999
    app.risks = []
    app.partner_benefit.indicators = []
    doc = build_document(app, default_pack())
    assert "調達額の合計が自己負担額に足りていません。" in section_paragraphs(
        doc, "資金計画（自己負担額の調達）")
    assert table_rows(find_table(doc, "リスク", "影響", "対応策"))[1] == ["【要記入】"] * 3
    assert table_rows(find_table(doc, "観点", "指標"))[1] == ["【要記入】"] * 6
