"""Settings and the recent-files list live under $GS_ASSISTANT_HOME."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gs_assistant.tui import config


def test_home_follows_the_environment(home: Path) -> None:
    assert config.home() == home


def test_recent_files_most_recent_first_without_duplicates(tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    config.add_recent(a)
    config.add_recent(b)
    config.add_recent(a)
    assert config.recent_files() == [a.resolve(), b.resolve()]
    for i in range(15):
        config.add_recent(tmp_path / f"{i}.yaml")
    assert len(config.recent_files()) == config.MAX_RECENT


def test_settings_round_trip_and_bad_values_are_ignored(home: Path) -> None:
    config.save_settings(config.Settings(lang="en", autosave_seconds=5,
                                         keymap={"wizard.next": "ctrl+n"}))
    loaded = config.load_settings()
    assert (loaded.lang, loaded.autosave_seconds, loaded.keymap) == (
        "en", 5.0, {"wizard.next": "ctrl+n"})
    (home / config.SETTINGS_FILE).write_text(
        json.dumps({"lang": "fr", "autosave_seconds": -1}), encoding="utf-8")
    assert config.load_settings() == config.Settings()
    (home / config.SETTINGS_FILE).write_text("{not json", encoding="utf-8")
    assert config.load_settings() == config.Settings()


def test_a_sample_copy_never_touches_the_bundled_file(home: Path) -> None:
    copy = config.copy_sample("large_demo_india")
    assert copy.parent == home / "samples"
    assert copy.read_text(encoding="utf-8").startswith("# サンプル")
    with pytest.raises(Exception, match="サンプル"):
        config.copy_sample("../etc/passwd")


def test_sample_opened_twice_never_overwrites_the_edited_copy(home: Path) -> None:
    first = config.copy_sample("large_demo_india")
    first.write_text(first.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    second = config.copy_sample("large_demo_india")
    assert second != first and second.parent == first.parent == home / "samples"
    assert first.read_text(encoding="utf-8").endswith("# edited\n")
    assert not first.with_name(first.name + ".bak").exists()
    assert config.copy_sample("large_demo_india") not in (first, second)
