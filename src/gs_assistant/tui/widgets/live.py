"""A Static for values that are recomputed after every change."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.geometry import Size
from textual.widgets import Static


class Live(Static):
    """Skips updates that change nothing: each update costs a layout of the screen."""

    _shown: Any = None

    def update(self, content: Any = "", *, layout: bool = True) -> None:
        if content == self._shown:
            return
        self._shown = content
        super().update(content, layout=layout)


class Wrapped(Live):
    """Japanese text wrapped by the wizard itself, with 禁則 (``kinsoku``): no line starts
    with 」、。 or a small kana."""

    DEFAULT_CSS = "Wrapped { text-wrap: nowrap; }"

    def __init__(self, content: Any = "", **kwargs: Any) -> None:
        super().__init__(content, **kwargs)
        self._shown = content

    def _text(self) -> Text | None:
        content = self._shown
        if isinstance(content, str):
            return Text(content)
        return content if isinstance(content, Text) else None

    def render(self) -> Any:
        text = self._text()
        width = self.content_region.width or self.size.width
        if text is None or width <= 0:
            return super().render()
        from gs_assistant.tui.kinsoku import wrapped

        return wrapped(text, width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        text = self._text()
        if text is None or width <= 0:
            return super().get_content_height(container, viewport, width)
        from gs_assistant.tui.kinsoku import wrap

        return len(wrap(text, width))
