"""The rule-pack cache: used when it holds this very pack, never when the pack changed or
the cache file cannot be read or does not match its SHA-256, and written atomically as JSON
(no code, only data)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from gs_assistant import cache_models
from gs_assistant.paths import rules_dir
from gs_assistant.rules import pack as pack_module
from gs_assistant.rules.pack import DEFAULT_PACK, RulePackError, load_pack
from gs_assistant.rules.pack_cache import CACHE_ENV, load_cached, pack_key


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


def test_the_cached_pack_is_the_validated_pack_without_validating_it(folder, cache) -> None:
    """Read back, every value is the validated one, of the same type (enum keys, dates,
    fractions, the models' classes), and which fields were set is kept too."""
    validated = load_pack(folder)
    load_cached(folder)
    cached = load_cached(folder)
    assert cached.model_dump() == validated.model_dump()
    assert cached.model_dump_json() == validated.model_dump_json()
    assert cached == validated

    def walk(a, b) -> None:
        assert type(a) is type(b)
        if isinstance(a, pack_module.BaseModel):
            assert a.model_fields_set == b.model_fields_set
            for name in type(a).model_fields:
                walk(getattr(a, name), getattr(b, name))
        elif isinstance(a, dict):
            assert list(a) == list(b)
            for key in a:
                assert type(key) is type(next(k for k in b if k == key))
                walk(a[key], b[key])
        elif isinstance(a, list):
            for x, y in zip(a, b, strict=True):
                walk(x, y)

    walk(cached, validated)


def _entry(cache: Path) -> tuple[Path, dict]:
    (path,) = cache.glob("*.json")
    return path, json.loads(path.read_text(encoding="utf-8"))


def test_a_tampered_cache_is_not_used(folder, cache, yaml_loads) -> None:
    """A payload changed while its SHA-256 was kept is refused: the pack is validated from
    its YAML and the file written again."""
    load_cached(folder)
    path, entry = _entry(cache)
    text = path.read_text(encoding="utf-8")
    assert entry["sha256"] == hashlib.sha256(
        json.dumps(entry["payload"], ensure_ascii=False, separators=(",", ":"))
        .encode()).hexdigest()
    old = str(load_pack(folder).params.affiliates.subsidiary_min_percent.value)
    tampered = text.replace(f'"subsidiary_min_percent":{{"$m":"Cited[int]","v":{{"value":{old},',
                            '"subsidiary_min_percent":{"$m":"Cited[int]","v":{"value":1,', 1)
    assert tampered != text
    path.write_text(tampered, encoding="utf-8")
    pack = load_cached(folder)
    assert pack.params.affiliates.subsidiary_min_percent.value == int(old)
    assert len(yaml_loads) == 2
    assert path.read_text(encoding="utf-8") == text  # written again


@pytest.mark.parametrize("payload", [
    {"$m": "Path", "v": {}},  # not a class of the pack
    {"$m": "RulePack", "v": {"path": "FOLDER"}},  # fields missing
    {"$m": "Localized", "v": {"ja": "a", "en": "b"}},  # not a pack
    {"$e": "Track", "v": "nowhere"},
    ["not", "a", "model"],
    {"$m": "RulePack", "v": {"path": {"$n": "not a number"}}},
    {"$m": "RulePack", "v": {"path": {"$d": 5}}},
    {"$m": "RulePack", "v": {"path": {"$k": [[1, 2, 3]]}}},
    {"$m": ["unhashable"], "v": {}},
    {"$m": "RulePack", "v": [], "u": 5},
    "DEEP",  # nested deeper than the JSON reader can go
])
def test_an_entry_with_a_good_hash_must_still_be_the_pack(folder, cache, yaml_loads,
                                                          payload) -> None:
    """Its hash only says the file is whole: an entry naming anything but the pack's own
    classes and fields is not used either."""
    good = load_cached(folder)
    path, _ = _entry(cache)
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    text = text.replace('"FOLDER"', json.dumps(str(folder.resolve())))
    text = text.replace('"DEEP"', "[" * 100_000 + "]" * 100_000)
    digest = hashlib.sha256(text.encode()).hexdigest()
    path.write_text(f'{{"format": 2, "sha256": "{digest}", "payload": {text}}}',
                    encoding="utf-8")
    assert load_cached(folder) == good
    assert len(yaml_loads) == 2


def test_the_cache_is_named_by_the_pydantic_version(folder, monkeypatch) -> None:
    from gs_assistant.rules import pack_cache

    key = pack_key(folder)
    monkeypatch.setattr(pack_cache, "PYDANTIC_VERSION", "2.999")
    assert pack_key(folder) != key


def test_a_value_the_cache_cannot_keep_is_refused_when_writing() -> None:
    with pytest.raises(TypeError):
        cache_models.dumps(pack_module.Localized.model_construct(ja={1, 2}, en="x"))


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


def test_the_pack_models_are_built_only_when_a_pack_is_validated(tmp_path, fresh_python) -> None:
    """Importing the rules core makes no validator for the pack's models; reading the pack
    from its YAML builds them, reading it from the cache does not, and the cached pack is
    whole and checks."""
    import os

    code = ("from gs_assistant.rules import pack, default_pack, check\n"
            "from gs_assistant.model import load_application\n"
            "from gs_assistant.paths import samples_dir\n"
            "print(pack.RulePack.__pydantic_complete__, pack.Localized.__pydantic_complete__)\n"
            "p = default_pack()\n"
            "print(pack.RulePack.__pydantic_complete__, len(p.rules) > 50)\n"
            "print(check(load_application(samples_dir() / 'sme_fs_vietnam.yaml'), p).summary())\n")
    env = {**os.environ, CACHE_ENV: str(tmp_path / "cache")}
    first, second = (fresh_python(code, env) for _ in range(2))
    assert first[:2] == ["False False", "True True"]  # from the YAML: validated
    assert second[:2] == ["False False", "False True"]  # from the cache: not validated
    assert "met" in second[2] and first[2] == second[2]


def test_the_package_file_is_kept_like_the_pack(folder, cache, monkeypatch) -> None:
    """package.yaml is validated once, then put back from the cache without its models
    being validated; a damaged entry is validated again from the YAML."""
    from gs_assistant.rules import submission

    validated_files: list[Path] = []
    real = submission.load_package_file

    def counting(path, sources):
        validated_files.append(path)
        return real(path, sources)

    monkeypatch.setattr(submission, "load_package_file", counting)
    pack = load_cached(folder)
    sources = frozenset(pack.header.sources)
    first = submission._load.__wrapped__(pack.path, sources)
    (entry,) = cache.glob("package-*.json")
    second = submission._load.__wrapped__(pack.path, sources)
    assert len(validated_files) == 1
    assert second == first == real(folder.resolve(), set(sources))
    assert second.model_dump() == first.model_dump()
    entry.write_text(entry.read_text(encoding="utf-8").replace('"documents"', '"Documents"'),
                     encoding="utf-8")
    assert submission._load.__wrapped__(pack.path, sources) == first
    assert len(validated_files) == 2
