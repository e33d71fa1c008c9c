"""When an edit is autosaved, with the times given (no clock, no UI)."""

from __future__ import annotations

import pytest

from gs_assistant.session.autosave import AutosavePolicy


def test_a_single_edit_is_saved_after_the_pause() -> None:
    policy = AutosavePolicy(pause=2.0)
    assert not policy.pending
    assert policy.edited(100.0) == 2.0
    assert not policy.due(101.999)
    assert policy.due(102.0)


def test_typing_on_moves_the_save_to_the_next_pause() -> None:
    policy = AutosavePolicy(pause=2.0)
    policy.edited(100.0)
    policy.edited(101.0)
    assert not policy.due(102.0)  # the timer set by the first key fires: too early
    assert policy.wait(102.0) == pytest.approx(1.0)
    assert policy.due(103.0)


def test_steady_typing_is_saved_at_the_longest_wait() -> None:
    """A key every half second never makes a 2 s pause: the save still comes 3 s
    (1.5 x the pause) after the first unsaved key."""
    policy = AutosavePolicy(pause=2.0)
    now = 100.0
    while not policy.due(now):
        policy.edited(now)
        now += 0.5
    assert now == 103.0


def test_a_snapshot_clears_what_is_pending() -> None:
    policy = AutosavePolicy(pause=2.0)
    policy.edited(100.0)
    policy.saved()  # ctrl+s took a snapshot
    assert not policy.pending and not policy.due(105.0)
    assert policy.edited(106.0) == 2.0  # the next edit starts a new bound
    assert not policy.due(107.9) and policy.due(108.0)


def test_the_longest_wait_is_a_setting() -> None:
    policy = AutosavePolicy(pause=1.0, longest=3.0)
    for now in (0.0, 0.9, 1.8, 2.7):
        policy.edited(now)
    assert policy.due(3.0)
