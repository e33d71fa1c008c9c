"""Files named by a browser user stay inside the served folder.

A name is refused when it is absolute and outside the folder, goes up with ``..``, starts
with ``~``, or passes through a symbolic link (a link inside the folder could point
anywhere). Only names are checked here; the caller then opens or creates the file.
"""

from __future__ import annotations

from pathlib import Path

MESSAGES = {
    "absolute": ("フォルダ {folder} の外のファイルは使えません"
                 "（フォルダの中のファイル名を入力してください）",
                 "only files inside the folder {folder} can be used (type a file name)"),
    "up": ("「..」を含む名前は使えません"
           "（フォルダ {folder} の中のファイル名を入力してください）",
           "names with '..' cannot be used (type a file name inside {folder})"),
    "home": ("「~」で始まる名前は使えません"
             "（フォルダ {folder} の中のファイル名を入力してください）",
             "names starting with '~' cannot be used (type a file name inside {folder})"),
    "link": ("シンボリックリンク {name} は使えません"
             "（フォルダ {folder} の中の通常のファイルだけ使えます）",
             "the symbolic link {name} cannot be used (only plain files inside {folder})"),
    "folder": ("{name} はフォルダです。ファイル名を入力してください",
               "{name} is a folder; type a file name"),
}


class OutsideFolder(ValueError):
    """A name that would leave the served folder; ``str()`` is the one-line message."""


def _message(key: str, lang: str, **values: object) -> str:
    ja, en = MESSAGES[key]
    return (en if lang == "en" else ja).format(**values)


def confine(folder: Path, name: str | Path, lang: str = "ja") -> Path:
    """The path of ``name`` inside ``folder`` (an absolute, resolved folder), or
    ``OutsideFolder`` saying why it cannot be used."""
    text = str(name)
    shown = folder.name or str(folder)
    if text.startswith("~"):
        raise OutsideFolder(_message("home", lang, folder=shown))
    path = Path(text)
    if path.is_absolute():
        try:
            path = path.relative_to(folder)
        except ValueError:
            raise OutsideFolder(_message("absolute", lang, folder=shown)) from None
    if ".." in path.parts:
        raise OutsideFolder(_message("up", lang, folder=shown))
    current = folder
    for part in path.parts:
        current = current / part
        if current.is_symlink():
            raise OutsideFolder(_message("link", lang, name=part, folder=shown))
    if current == folder or current.is_dir():
        raise OutsideFolder(_message("folder", lang, name=path.name or shown))
    if not current.resolve().is_relative_to(folder):  # defence in depth
        raise OutsideFolder(_message("absolute", lang, folder=shown))
    return current
