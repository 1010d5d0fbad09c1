"""Numbers from environment variables: one rule for every setting (omni/settings.py)."""

from __future__ import annotations

import pytest

from omni.export import offload
from omni.rounds import RoundLimits
from omni.settings import env_number


def test_missing_or_empty_keeps_the_default_and_bounds_apply():
    assert env_number("X", 3, environ={}) == 3 and env_number("X", 3, environ={"X": " "}) == 3
    assert env_number("X", 3, environ={"X": "7"}) == 7
    assert env_number("X", 3, minimum=1, environ={"X": "-5"}) == 1
    assert env_number("X", 3, maximum=8, environ={"X": "80"}) == 8
    assert env_number("X", 1.5, environ={"X": "0.25"}) == 0.25


@pytest.mark.parametrize("bad", ["many", "1,5", "3 rounds"])
def test_a_value_that_is_not_a_number_is_an_error_naming_the_variable(bad):
    with pytest.raises(ValueError, match=f"X must be a whole number, not '{bad}'"):
        env_number("X", 3, environ={"X": bad})


def test_round_limits_and_export_workers_report_a_bad_value(monkeypatch):
    monkeypatch.setenv("OMNI_ROUND_MAX_PER_CLIENT", "drie")
    with pytest.raises(ValueError, match="OMNI_ROUND_MAX_PER_CLIENT"):
        RoundLimits.from_env()  # was: every default kept without a word
    monkeypatch.setenv("OMNI_ROUND_MAX_PER_CLIENT", "5")
    monkeypatch.setenv("OMNI_ROUND_MAX_RESPONDENTS", "900")
    limits = RoundLimits.from_env()
    assert limits.max_per_client == 5 and limits.max_respondents == 900 and limits.ceiling == 5000
    monkeypatch.setenv("OMNI_EXPORT_WORKERS", "twee")
    with pytest.raises(ValueError, match="OMNI_EXPORT_WORKERS"):
        offload.workers()
    monkeypatch.setenv("OMNI_EXPORT_WORKERS", "20")
    assert offload.workers() == 8
