"""Editing safety in a real terminal (tmux), with keys sent in bursts as a fast typist or
an input method sends them: Tab selects nothing, ctrl+z undoes, keys after Tab land in
the next field, a row form takes keys at once and an abandoned row leaves nothing, a
committed number is validated whole, an unreadable amount keeps the saved one."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest
import yaml

from gs_assistant.model import load_application

from .pilot import SMALL
from .test_tmux import Tmux

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None,
                                reason="tmux is not installed (CI installs it)")

NAME = "株式会社みちのくアグリテック（架空）"


def sample_at(tmp_path: Path, step: str, field: str) -> Path:
    """A copy of the small sample that reopens at ``step`` / ``field``."""
    data = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    data["meta"]["ui"] = {"step": step, "field": field}
    target = tmp_path / "申請.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


class Wizard:
    """``gs-assistant open FILE`` in a private tmux server of ``size``."""

    def __init__(self, path: Path, home: Path, size: tuple[int, int] = (120, 40)) -> None:
        self.tmux = Tmux(f"gs-assistant-edit-{os.getpid()}-{id(self)}")
        command = (f"env GS_ASSISTANT_HOME={home} LANG=C.UTF-8 TERM=xterm-256color "
                   f"{sys.executable} -m gs_assistant open {path}; sleep 30")
        self.tmux("new-session", "-d", "-s", "wizard", "-x", str(size[0]), "-y",
                  str(size[1]), command)

    def keys(self, *keys: str) -> None:
        """One burst: key names (Tab, C-u) and literal text in a single send-keys."""
        self.tmux("send-keys", "-t", "wizard", *keys)

    def wait_for(self, text: str) -> str:
        return self.tmux.wait_for(text)

    def save(self) -> None:
        self.keys("C-s")
        self.wait_for("保存しました")
        time.sleep(0.3)

    def close(self) -> None:
        self.tmux("kill-server")


@pytest.fixture
def wizard_on(tmp_path: Path, home: Path):
    opened: list[Wizard] = []

    def start(step: str, field: str, size: tuple[int, int] = (120, 40)) -> tuple[Wizard, Path]:
        path = sample_at(tmp_path, step, field)
        wizard = Wizard(path, home, size)
        opened.append(wizard)
        return wizard, path

    yield start
    for wizard in opened:
        wizard.close()


def test_tab_undo_and_keys_after_tab_in_a_terminal(wizard_on) -> None:
    wizard, path = wizard_on("applicant", "lead.industry")
    wizard.wait_for("1/7")
    wizard.keys("BTab", "改")  # back into the name: the key is added, nothing replaced
    wizard.wait_for(NAME + "改")
    wizard.keys("C-u")  # everything deleted by mistake
    wizard.wait_for("未入力 幹事法人")
    wizard.keys("C-z")  # and undone
    wizard.wait_for("│ " + NAME + "改")
    # one burst across three fields while the checklist refreshes
    wizard.keys("Tab", "Tab", "C-u", "5000万円", "Tab", "C-u", "52", "Tab", "C-u", "統括と販売")
    wizard.wait_for("統括と販売")
    wizard.save()
    lead = load_application(path).lead
    assert (lead.name, lead.capital_yen, lead.employees, lead.role) == (
        NAME + "改", 50_000_000, 52, "統括と販売")


def test_row_form_keys_and_an_abandoned_row_in_a_terminal(wizard_on) -> None:
    wizard, path = wizard_on("content", "content.milestones")
    wizard.wait_for("事業内容")
    rows = len(load_application(path).content.milestones)
    wizard.keys("a", "R8.9.1", "Escape")  # typed as the form opens
    wizard.wait_for("2026-09-01")
    wizard.keys("a", "Escape")  # opened and abandoned
    time.sleep(0.5)
    wizard.save()
    milestones = load_application(path).content.milestones
    assert len(milestones) == rows + 1
    assert str(milestones[-1].date) == "2026-09-01"


def test_a_committed_year_and_an_unreadable_amount_in_a_terminal(wizard_on) -> None:
    wizard, path = wizard_on("benefits", "indicators")
    wizard.wait_for("4/7")
    wizard.keys("Enter")
    wizard.wait_for("閉じる")
    wizard.keys(*["Tab"] * 6, "C-u")
    wizard.keys("-l", "２０３０")  # as an input method commits it
    shown = wizard.wait_for("２０３０")
    time.sleep(0.5)
    shown = wizard.tmux.screen()
    assert "1,900以上" not in shown
    wizard.keys("Escape")
    wizard.keys("F3", "F3")  # right after the form closes: two steps back, to 実施国・分野
    wizard.wait_for("2/7")
    wizard.save()
    assert load_application(path).indicators[0].target_year == 2030
    wizard.close()


def test_an_unreadable_amount_keeps_the_saved_one_in_a_terminal(wizard_on) -> None:
    wizard, path = wizard_on("track_money_period", "costs.eligible_yen")
    wizard.wait_for("3/7")
    wizard.keys("Home", "約")
    wizard.wait_for("約84,000,000円")
    wizard.save()
    assert load_application(path).costs.eligible_yen == 84_000_000
    assert "約84,000,000円" in wizard.tmux.screen()


def test_an_expense_row_with_japanese_text_in_an_80x24_terminal(wizard_on) -> None:
    wizard, path = wizard_on("track_money_period", "costs.expenses", size=(80, 24))
    wizard.wait_for("3/7")
    rows = len(load_application(path).costs.expenses)
    wizard.keys("a")
    wizard.wait_for(f"経費明細 {rows + 1} の編集")
    wizard.keys("Tab", "Enter", "Down", "Down", "Enter")  # 費目: the pack's second, 旅費
    wizard.wait_for("旅費（国内・海外）")
    wizard.keys("Tab")
    wizard.keys("-l", "ハノイ現地調査（通訳同行）")  # as an input method commits it
    wizard.keys("Tab", "35,000", "Tab", "12")  # one burst across two fields
    wizard.wait_for("│ 12 ")
    wizard.keys("Escape")
    shown = wizard.wait_for("420,000")  # the table's 金額（円）, computed from the row
    assert "ハノイ現地調査" in shown
    wizard.save()
    row = load_application(path).costs.expenses[rows]
    assert (row.category, row.description, row.unit_price, row.quantity) == (
        "travel", "ハノイ現地調査（通訳同行）", 35_000, 12)
