"""The 事業計画書's own sections (profiles, partner indicators, risks, funding): their
writing help is in the pack, in both languages, with a weak example that differs."""

from __future__ import annotations

import pytest

from gs_assistant.rules import default_pack

FREE_TEXT = ("risks.risk", "risks.mitigation", "funding.explanation",
             "lead.profile.overseas_experience", "co_applicants.profile.overseas_experience")


@pytest.mark.parametrize("path", FREE_TEXT)
def test_writing_help_for_the_new_free_text_fields(path: str) -> None:
    hint = default_pack().hints.fields[path]
    for text in (hint.looks_for, hint.example, hint.weak):
        assert text.ja.strip() and text.en.strip()
    assert hint.example.ja != hint.weak.ja
