"""Tables derived from bundled files, kept in the user cache folder: reused only while the
files, the code and the program are the same; an unreadable or misshapen copy is ignored
and written again; a cache that cannot be written or is turned off changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gs_assistant.cache import CACHE_ENV, derived
from gs_assistant.model import canonical, files


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "codes.txt"
    path.write_text("VNM\nIND\n", encoding="utf-8")
    return path


def table(source: Path, builds: list[int]):
    def build() -> list[str]:
        builds.append(1)
        return source.read_text(encoding="utf-8").split()

    def valid(data: object) -> bool:
        return isinstance(data, list) and all(isinstance(c, str) for c in data)

    return derived("codes", [source], [Path(__file__)], build, valid)


def test_a_table_is_built_once_and_then_read_from_the_cache(cache: Path, source: Path) -> None:
    builds: list[int] = []
    assert table(source, builds) == ["VNM", "IND"]
    assert table(source, builds) == ["VNM", "IND"]
    assert len(builds) == 1
    assert len(list(cache.glob("table-codes-*.json"))) == 1


def test_a_changed_file_is_read_again_and_the_old_table_removed(cache: Path,
                                                                 source: Path) -> None:
    builds: list[int] = []
    table(source, builds)
    source.write_text("VNM\nIND\nTHA\n", encoding="utf-8")
    assert table(source, builds) == ["VNM", "IND", "THA"]
    assert len(builds) == 2
    assert len(list(cache.glob("table-codes-*.json"))) == 1


@pytest.mark.parametrize("content", ["", "{not json", '{"a": 1}', "[1, 2]", "\udcff"])
def test_an_unreadable_or_misshapen_copy_is_ignored_and_written_again(
        cache: Path, source: Path, content: str) -> None:
    builds: list[int] = []
    table(source, builds)
    (stored,) = cache.glob("table-codes-*.json")
    stored.write_bytes(content.encode("utf-8", "surrogateescape"))
    assert table(source, builds) == ["VNM", "IND"]
    assert len(builds) == 2
    assert json.loads(stored.read_text(encoding="utf-8")) == ["VNM", "IND"]


def test_a_cache_that_cannot_be_written_or_is_off_changes_nothing(
        tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    builds: list[int] = []
    assert table(source, builds) == table(source, builds) == ["VNM", "IND"]
    monkeypatch.setenv(CACHE_ENV, "")
    assert table(source, builds) == ["VNM", "IND"]
    assert len(builds) == 3


def test_countries_and_names_are_the_same_from_the_cache_and_from_the_yaml(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from_yaml = []
    for setting in ("", str(cache), str(cache)):  # off, then written, then read back
        monkeypatch.setenv(CACHE_ENV, setting)
        from_yaml.append((files.known_countries.__wrapped__(),
                          canonical.bundled_tables.__wrapped__()))
    assert from_yaml[0] == from_yaml[1] == from_yaml[2]
    assert "VNM" in from_yaml[0][0] and "IND" in from_yaml[0][0]
    assert from_yaml[0][1][0]  # the materials' names
    assert len(list(cache.glob("table-*.json"))) == 2


@pytest.mark.parametrize("home", ["/home/someone", "/home/someone/", "relative/home", None])
@pytest.mark.parametrize("xdg", ["/tmp/xdg place", "relative/xdg", "", None])
def test_the_user_folders_are_platformdirs_own(monkeypatch, home, xdg) -> None:
    """The user folders are found without importing platformdirs on Linux, and they are
    the folders platformdirs names, whatever HOME and the XDG variables say."""
    import platformdirs

    from gs_assistant.cache import cache_dir
    from gs_assistant.paths import user_data_dir

    for name, value in (("HOME", home), ("XDG_DATA_HOME", xdg), ("XDG_CACHE_HOME", xdg)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    monkeypatch.delenv(CACHE_ENV)
    try:
        data = Path(platformdirs.user_data_dir("gs-assistant", appauthor=False))
        cache = Path(platformdirs.user_cache_dir("gs-assistant", appauthor=False)) / "packs"
    except RuntimeError:  # platformdirs finds no home either: then it is asked and says so
        with pytest.raises(RuntimeError):
            user_data_dir()
        return
    assert user_data_dir() == data
    assert cache_dir() == cache


def test_on_linux_the_user_folders_need_no_platformdirs(fresh_python) -> None:
    import sys

    code = ("import sys, os\n"
            "os.environ.pop('GS_ASSISTANT_CACHE', None); os.environ['HOME'] = '/home/x'\n"
            "from gs_assistant.cache import cache_dir\n"
            "from gs_assistant.paths import user_data_dir\n"
            "print(cache_dir(), user_data_dir(), 'platformdirs' in sys.modules)\n")
    expected = "False" if sys.platform == "linux" else "True"
    assert fresh_python(code)[0].split()[-1] == expected
