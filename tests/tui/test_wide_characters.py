"""Japanese text drawn over other widgets keeps every character (issue 13, item 8).

Textual cuts each screen line at every widget's edge and turned a double-width character
sitting on an edge under a pop-up into two spaces (「この欄には記入のヒン  がありません」).
These tests read what is on the screen: the composed lines (what snapshots and a full
redraw show) and, through a small terminal emulator, the bytes a terminal is sent by full
and partial updates.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import textual
from rich.cells import cell_len
from rich.console import Console
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Static
from textual.widgets._toast import Toast

from gs_assistant.tui.compositor import TEXTUAL_VERSION, WideCompositor, use_wide_compositor
from gs_assistant.tui.i18n import t

from .pilot import make_app

MESSAGES = (
    t("wizard.no_hint"),
    t("session.recovered", time="2026-04-01 12:00"),
    t("save.merged", path="ＡＢＣ株式会社_申請書.yaml"),
)
SIZES = ((80, 24), (100, 30), (120, 40), (140, 45))
BLANK = re.compile(r"\s+")


def toast_lines_on_screen(app, screen_lines: list[str] | None = None):
    """For each toast: (its own lines, the screen's cells over it), where it is visible."""
    if screen_lines is None:
        screen_lines = [strip.text for strip in app.screen._compositor.render_strips()]
    out = []
    for toast in app.screen.query(Toast):
        region, clip = app.screen._compositor.visible_widgets[toast]
        seen = region.intersection(clip)
        own = [strip.text for strip in toast.render_lines(Region(0, 0, *region.size))]
        own = [cells(line, seen.x - region.x, seen.right - region.x)
               for line in own[seen.y - region.y:seen.bottom - region.y]]
        shown = [cells(line, seen.x, seen.right) for line in screen_lines[seen.y:seen.bottom]]
        out.append((own, shown))
    return out


def cells(line: str, start: int, end: int) -> str:
    """The characters of ``line`` between two cell columns."""
    out, x = [], 0
    for char in line:
        if start <= x < end:
            out.append(char)
        x += cell_len(char)
    return "".join(out)


async def show_messages(pilot) -> None:
    for message in MESSAGES:
        pilot.app.notify(message, timeout=60)
    await pilot.pause()
    await pilot.pause(0.2)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_pop_up_messages_keep_every_character(small_copy: Path, size) -> None:
    app = make_app(small_copy)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        await show_messages(pilot)
        toasts = toast_lines_on_screen(app)
        assert len(toasts) == len(MESSAGES)
        for own, shown in toasts:
            assert shown == own
        text = "".join(BLANK.sub("", "".join(own)) for own, _ in toasts)
        for message in MESSAGES:  # wrapped, but nothing dropped
            assert BLANK.sub("", message) in text


class Terminal:
    """Just enough of a terminal: cursor moves, text, double-width cells. Writing over
    either half of a wide character blanks the whole character, as terminals do."""

    CSI = re.compile(r"\x1b\[([0-9;?]*)([A-Za-z])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
    RIGHT = ""  # the right half of a wide character

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.rows = [[" "] * width for _ in range(height)]
        self.x = self.y = 0

    def feed(self, data: str) -> None:
        pos = 0
        for match in self.CSI.finditer(data):
            self._text(data[pos:match.start()])
            if match.group(2) == "H":
                row, col = (match.group(1) or "1;1").split(";")
                self.y, self.x = int(row) - 1, int(col) - 1
            pos = match.end()
        self._text(data[pos:])

    def _text(self, text: str) -> None:
        for char in text:
            if char in "\r\n":
                continue
            size = cell_len(char)
            if size:
                self._put(char, size)

    def _blank(self, x: int) -> None:
        row = self.rows[self.y]
        if 0 <= x < self.width:
            if row[x] == self.RIGHT and x > 0:
                row[x - 1] = " "
            elif x + 1 < self.width and row[x + 1] == self.RIGHT:
                row[x + 1] = " "
            row[x] = " "

    def _put(self, char: str, size: int) -> None:
        if self.x + size > self.width:
            return
        for x in range(self.x, self.x + size):
            self._blank(x)
        row = self.rows[self.y]
        row[self.x] = char
        if size == 2:
            row[self.x + 1] = self.RIGHT
        self.x += size

    def lines(self) -> list[str]:
        return ["".join(row) for row in self.rows]


async def test_what_the_terminal_is_sent_keeps_every_character(small_copy: Path) -> None:
    """Full and partial updates replayed on an emulated terminal: the toasts read whole,
    also after typing in the field under them (a partial update of that field only)."""
    width, height = 100, 30
    app = make_app(small_copy)
    sent: list = []
    async with app.run_test(size=(width, height), notifications=True) as pilot:
        display = app._display

        def recording(screen, update) -> None:
            sent.append(update)
            display(screen, update)

        app._display = recording
        await pilot.pause()
        await show_messages(pilot)
        await pilot.press("end", *"テスト入力", "backspace")
        await pilot.pause(0.2)
        console = Console(width=width, force_terminal=True, color_system="truecolor")
        term = Terminal(width, height)
        for update in sent:
            if update is not None:
                term.feed(update.render_segments(console))
        assert any(type(u).__name__ == "ChopsUpdate" for u in sent)
        screen = [line.replace(Terminal.RIGHT, "") for line in term.lines()]
        toasts = toast_lines_on_screen(app, screen)
        assert toasts
        for own, shown in toasts:
            assert shown == own


class Overlap(App):
    """A line of kana with a box in front of columns 3 to 6 (``front``), or of 2 to 5."""

    CSS = """
    #back { width: 20; height: 1; }
    #front { position: absolute; width: 4; height: 1; }
    """

    def __init__(self, front: int) -> None:
        super().__init__()
        self.front = front

    def get_default_screen(self) -> Screen:
        screen = Screen()
        use_wide_compositor(screen)
        return screen

    def compose(self) -> ComposeResult:
        yield Static("あいうえおかきくけこ", id="back")
        yield Static("XXXX", id="front")

    def on_mount(self) -> None:
        self.query_one("#front").styles.offset = (self.front, 0)


@pytest.mark.parametrize(("front", "expected"), [(3, "あ XXXX おかきくけこ"),
                                                 (2, "あXXXXえおかきくけこ")])
async def test_a_character_half_covered_by_a_widget_in_front_is_cut(front, expected) -> None:
    """Only the pieces a widget wins are joined: where a widget in front covers half of a
    wide character, the uncovered half is a space and every column stays in place."""
    app = Overlap(front)
    async with app.run_test(size=(20, 3)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen._compositor, WideCompositor)
        line = app.screen._compositor.render_strips()[0]
        assert line.text == expected
        assert line.cell_length == 20


class Beside(App):
    """Two boxes side by side (an edge at column 10) and kana in front of that edge."""

    CSS = """
    Horizontal { height: 1; }
    .half { width: 10; height: 1; }
    #front { position: absolute; offset: 5 0; width: 10; height: 1; }
    """

    def get_default_screen(self) -> Screen:
        screen = Screen()
        use_wide_compositor(screen)
        return screen

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static("." * 10, classes="half", id="left")
            yield Static("." * 10, classes="half")
        yield Static("あいうえお", id="front")


async def test_a_partial_redraw_inside_a_joined_piece_writes_whole_characters() -> None:
    """A widget behind redraws one cell under the kana: the terminal is sent the kana's
    whole piece, not a write that stops in the middle of い (column 8)."""
    app = Beside()
    sent: list = []
    async with app.run_test(size=(20, 2)) as pilot:
        display = app._display
        app._display = lambda screen, update: (sent.append(update), display(screen, update))
        app.screen.refresh()
        await pilot.pause()
        app.query_one("#left").refresh(Region(7, 0, 1, 1))
        await pilot.pause()
        term = Terminal(20, 2)
        console = Console(width=20, force_terminal=True, color_system="truecolor")
        for update in sent:
            if update is not None:
                term.feed(update.render_segments(console))
        assert type(sent[-1]).__name__ == "ChopsUpdate"
        assert term.lines()[0].replace(Terminal.RIGHT, "") == ".....あいうえお....."


async def test_every_screen_of_the_wizard_uses_the_wide_compositor(small_copy: Path) -> None:
    app = make_app(small_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen._compositor, WideCompositor)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen._compositor, WideCompositor)
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen._compositor, WideCompositor)


def test_textual_is_the_version_the_compositor_override_was_written_for() -> None:
    """``tui/compositor.py`` re-implements ``Compositor._render_chops`` of this Textual
    version (upstream issue Textualize/textual#6357). After changing the pin, compare it
    with the new release (and drop it if the release fixes the issue), then update
    ``TEXTUAL_VERSION``."""
    assert textual.__version__ == TEXTUAL_VERSION
