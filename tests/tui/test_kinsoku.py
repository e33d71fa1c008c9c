"""Japanese line breaking in the wizard's own wrapping: no line starts with 、。）」］ or a
small kana, none ends with an opening bracket, widths are respected, ASCII words stay whole."""

from __future__ import annotations

from itertools import pairwise

import pytest
from rich.cells import cell_len
from rich.text import Text

from gs_assistant.tui.kinsoku import NO_END, NO_START, wrap

TEXTS = [
    "このルールパックは経済産業省（東北経済産業局）の施策パンフレット（2026年3月）と公開情報に基づきます。",
    "中小企業者の判定（資本金・従業員数）［共同申請者1］、みなし大企業の確認［幹事法人］。",
    "「日本の高度技術海外展開型」の要件a.、b.、c.をすべて満たすこと（seed:325）。",
    "ショットキーダイオードとチップセットを使ったスマートメーターの実証。",
]


@pytest.mark.parametrize("width", range(8, 41))
@pytest.mark.parametrize("text", TEXTS)
def test_no_line_starts_with_a_closing_mark(text: str, width: int) -> None:
    lines = [line.plain for line in wrap(text, width)]
    assert "".join(lines) == text
    for number, line in enumerate(lines):
        assert cell_len(line) <= width, (width, lines)
        if number:
            assert line[0] not in NO_START, (width, lines)
        if number < len(lines) - 1:
            assert line[-1] not in NO_END, (width, lines)


def test_styles_are_kept_and_ascii_words_stay_whole() -> None:
    text = Text("判定: ").append("不適合", style="bold red")
    text.append("（seed:325 と seed:326）です。")
    lines = wrap(text, 14)
    assert any(span.style == "bold red" for line in lines for span in line.spans)
    assert all("seed" not in line.plain or "seed:" in line.plain or line.plain.endswith("seed")
               for line in lines)
    assert not any(line.plain.startswith(("eed", "ed", "d:")) for line in lines)


async def test_checklist_and_help_lines_never_start_with_a_closing_mark(large_copy) -> None:
    from textual.widgets import OptionList

    from .pilot import driven
    from .test_screens import screen_text

    async with driven(large_copy) as (app, ui):
        await ui.keys("f8")  # every item
        options = app.screen.query_one("#checklist OptionList", OptionList)
        lines = []
        for index in range(options.option_count):
            prompt = options.get_option_at_index(index).prompt
            lines += str(prompt.plain if hasattr(prompt, "plain") else prompt).splitlines()
        await app.screen.show_step("review_export")
        await ui.settle()
        lines += str(app.screen.query_one(".caveat").render()).splitlines()
        await ui.keys("f1")
        lines += screen_text(app).splitlines()
    starts = [line.strip()[0] for line in lines if line.strip()]
    assert len(lines) > 60
    assert not [c for c in starts if c in "、。）」］』"], [
        line for line in lines if line.strip() and line.strip()[0] in "、。）」］』"]


POP_UPS = [("session.recovered", {"time": "2026-04-01 12:00"}),
           ("session.opened_elsewhere", {}), ("session.in_use", {}),
           ("save.merged", {"path": "申請書ドラフト_グローバルサウス補助金_2026.yaml"}),
           ("wizard.no_hint", {}), ("versions.restored", {"time": "2026-04-01 12:00"}),
           ("export.unavailable", {"error": "ImportError"}),
           ("export.unavailable", {"error": "x"})]


async def test_pop_up_messages_break_lines_with_kinsoku(small_copy) -> None:
    """Toasts: the wizard breaks their Japanese lines (no line starts with 。」、), at the
    width the toast really has, and the screen shows them so (read from the screen)."""
    from textual.widgets._toast import Toast

    from gs_assistant.tui.app import TOAST_TEXT_WIDTH
    from gs_assistant.tui.i18n import t

    from .pilot import make_app
    from .test_wide_characters import toast_lines_on_screen

    for size in ((80, 24), (140, 45)):
        app = make_app(small_copy)
        async with app.run_test(size=size, notifications=True) as pilot:
            await pilot.pause()
            shown = []
            for key, values in POP_UPS:
                app.clear_notifications()
                message = t(key, **values)
                app.notify(message, timeout=60)
                await pilot.pause()
                await pilot.pause(0.1)
                (toast,) = app.screen.query(Toast)
                assert toast.content_region.width == TOAST_TEXT_WIDTH
                ((own, on_screen),) = toast_lines_on_screen(app)
                assert on_screen == own
                lines = [line.strip() for line in on_screen if line.strip()]
                assert "".join(lines).replace(" ", "") == "".join(message.split())
                shown += lines
            starts = [line[0] for line in shown]
            assert not [c for c in starts if c in NO_START], shown
            assert not [line for line in shown if line[-1] in NO_END], shown


def lines_breaking_kinsoku(screen) -> list[tuple[str, str]]:
    """Every text widget on ``screen`` as drawn: (its classes, a line that starts with a
    closing mark or follows a line ending with an opening bracket)."""
    from textual.geometry import Region
    from textual.widgets import Static

    bad = []
    for widget in screen.query(Static):
        if not widget.region.width or not widget.region.height:
            continue
        drawn = [strip.text.strip() for strip in
                 widget.render_lines(Region(0, 0, *widget.region.size))]
        drawn = [line for line in drawn if line]
        for before, line in pairwise(drawn):
            if line[0] in NO_START or before[-1] in NO_END:
                bad.append((" ".join(sorted(widget.classes)), line))
    return bad


@pytest.mark.parametrize("width", [80, 90, 100, 120])
async def test_steps_dialogs_and_the_start_screen_break_lines_with_kinsoku(
        large_copy, width: int) -> None:
    """Field questions, notes and writing help, dialogs (yes/no, quit, export, a row's
    form, the review notes, the author) and the start screen, at four widths."""
    from gs_assistant.tui.dialogs import Confirm, ExportDialog, QuitConfirm
    from gs_assistant.tui.i18n import t
    from gs_assistant.tui.navigation import STEPS
    from gs_assistant.tui.review_dialogs import AuthorDialog, NoteDialog
    from gs_assistant.tui.start import StartScreen

    from .pilot import Driver, make_app

    app = make_app(large_copy)
    bad = []
    async with app.run_test(size=(width, 40)) as pilot:
        ui = Driver(pilot)
        await ui.settle()
        for step in STEPS:
            await app.screen.show_step(step)
            await ui.settle()
            for box in app.screen.query(".field"):
                box.add_class("-show-hint")  # the writing help (F2) of every field
            await ui.settle()
            bad += lines_breaking_kinsoku(app.screen)
        dialogs = [
            Confirm(t("versions.confirm", time="2026-04-01 12:00:00")),
            QuitConfirm(t("quit.invalid", n=3, fields="資本金、常時使用する従業員数（人）、"
                                                      "補助対象経費（円）")),
            ExportDialog(large_copy.with_suffix(".docx")),
            AuthorDialog(),
            NoteDialog(t("review.decide_title", item="AMT-001"), t("review.decide_help"),
                       t("review.reason_empty")),
            StartScreen(),
        ]
        for dialog in dialogs:
            await app.push_screen(dialog)
            await ui.settle()
            bad += lines_breaking_kinsoku(app.screen)
            app.pop_screen()
            await ui.settle()
        await app.screen.show_step("applicant")
        await ui.settle()
        await ui.focus("co_applicants")
        await ui.keys("a")  # a row's form
        assert type(app.screen).__name__ == "RowEditor"
        bad += lines_breaking_kinsoku(app.screen)
    assert not bad
