"""The rule-pack cache: used when it holds this very pack, never when the pack changed or
the cache file cannot be read, and written atomically as JSON (no code, only data)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gs_assistant.paths import rules_dir
from gs_assistant.rules import pack as pack_module
from gs_assistant.rules.pack import DEFAULT_PACK, RulePackError, load_pack
from gs_assistant.rules.pack_cache import CACHE_ENV, load_cached


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "pack"
    shutil.copytree(rules_dir() / DEFAULT_PACK, target)
    return target


@pytest.fixture
def yaml_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Counts the packs read from their YAML."""
    seen: list[Path] = []
    real = pack_module.load_pack

    def counting(folder):
        seen.append(Path(folder))
        return real(folder)

    monkeypatch.setattr(pack_module, "load_pack", counting)
    return seen


def test_the_second_load_comes_from_the_cache_and_is_the_same_pack(folder, cache,
                                                                   yaml_loads) -> None:
    first = load_cached(folder)
    files = list(cache.glob("*.json"))
    assert len(files) == 1 and yaml_loads == [folder.resolve()]
    json.loads(files[0].read_text(encoding="utf-8"))  # plain JSON data
    second = load_cached(folder)
    assert yaml_loads == [folder.resolve()]  # not read again
    assert second == first == load_pack(folder)


def test_a_changed_pack_file_is_read_again_and_replaces_the_old_cache(folder, cache,
                                                                       yaml_loads) -> None:
    before = load_cached(folder)
    params = folder / "parameters.yaml"
    text = params.read_text(encoding="utf-8")
    old = str(before.params.affiliates.subsidiary_min_percent.value)
    marker = "subsidiary_min_percent:"
    head, tail = text.split(marker, 1)
    tail = tail.replace(f"value: {old}", "value: 49", 1)
    params.write_text(head + marker + tail, encoding="utf-8")
    after = load_cached(folder)
    assert len(yaml_loads) == 2
    assert after.params.affiliates.subsidiary_min_percent.value == 49
    assert len(list(cache.glob("*.json"))) == 1  # the stale file is gone


@pytest.mark.parametrize("content", [b"", b"{not json", b'{"header": 1}', b"\xff\xfe\x00"])
def test_an_unreadable_cache_file_is_never_trusted(folder, cache, yaml_loads,
                                                   content: bytes) -> None:
    good = load_cached(folder)
    (cached,) = cache.glob("*.json")
    cached.write_bytes(content)
    assert load_cached(folder) == good
    assert len(yaml_loads) == 2  # read from the YAML again
    assert json.loads(cached.read_text(encoding="utf-8"))  # and written again


def test_a_cache_that_cannot_be_written_does_not_matter(folder, tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    assert load_cached(folder) == load_pack(folder)


def test_an_empty_setting_turns_the_cache_off(folder, tmp_path, monkeypatch,
                                              yaml_loads) -> None:
    monkeypatch.setenv(CACHE_ENV, "")
    load_cached(folder)
    load_cached(folder)
    assert len(yaml_loads) == 2


def test_a_broken_pack_is_refused_even_after_it_was_cached(folder, cache) -> None:
    load_cached(folder)
    (folder / "rules.yaml").write_text("- id: [", encoding="utf-8")
    with pytest.raises(RulePackError, match=r"rules\.yaml"):
        load_cached(folder)


def test_the_pack_models_are_built_only_when_a_pack_is_read() -> None:
    """Importing the rules core makes no validator for the pack's models (they are built
    on first use); the pack read from the cache is then whole and checked."""
    import subprocess
    import sys

    code = ("from gs_assistant.rules import pack, default_pack, check\n"
            "from gs_assistant.model import load_application\n"
            "from gs_assistant.paths import samples_dir\n"
            "print(pack.RulePack.__pydantic_complete__, pack.Localized.__pydantic_complete__)\n"
            "p = default_pack()\n"
            "print(pack.RulePack.__pydantic_complete__, len(p.rules) > 50)\n"
            "print(check(load_application(samples_dir() / 'sme_fs_vietnam.yaml'), p).summary())\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == ["False False", "True True"]
    assert "met" in lines[2]
