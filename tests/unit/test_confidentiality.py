"""Breakdowns never show or imply a group under min_group: the rule, the subtraction case, the threshold."""

from __future__ import annotations

import math
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from omni.confidentiality import (
    OTHER,
    MinGroupError,
    breakdown,
    configured_min_group,
    min_group_setting,
    protect,
    reported_groups,
)
from omni.framework import get_framework
from omni.scoring import score
from omni.survey.model import RespondentAnswers
from omni.survey.reader import survey_from_answers


@pytest.fixture(scope="module")
def fw():
    return get_framework()


def _survey(fw, people):
    """people: list of (role, department, current score for every question)."""
    rows = [RespondentAnswers({"role": role, "department": dep},
                              {q.id: (value, min(5, value + 1), "") for q in fw.questions})
            for role, dep, value in people]
    return score(survey_from_answers(fw, rows))


def test_no_threshold_in_local_mode_shows_every_group():
    assert protect({"a": 1, "b": 5}, 1) == {"a": "a", "b": "b"}


def test_small_groups_merge_into_other_when_other_is_big_enough():
    assert protect({"a": 5, "b": 1, "c": 2}, 3) == {"a": "a", "b": OTHER, "c": OTHER}


def test_one_small_group_takes_the_smallest_shown_group_into_other():
    # managing director alone: hiding just that one would let total - shown give their scores
    mapping = protect({"exec": 1, "marketing": 4, "it": 3, "stores": 6}, 3)
    assert mapping == {"exec": OTHER, "marketing": "marketing", "it": OTHER, "stores": "stores"}


def test_other_below_threshold_from_two_small_groups_takes_another():
    assert protect({"a": 1, "b": 1, "c": 3, "d": 9}, 3) == {"a": OTHER, "b": OTHER, "c": OTHER, "d": "d"}
    # together big enough already: nothing else needed
    assert protect({"a": 2, "b": 2, "c": 3}, 3) == {"a": OTHER, "b": OTHER, "c": "c"}


def test_hide_mode_hides_a_second_group():
    mapping = protect({"exec": 1, "marketing": 4, "it": 3}, 3, merge=False)
    assert mapping == {"exec": None, "marketing": "marketing", "it": None}


def test_everything_in_other_means_no_breakdown():
    assert protect({"a": 1, "b": 4}, 3) == {"a": None, "b": None}
    assert protect({"a": 2}, 3) == {"a": None}


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefg"), st.integers(1, 8), min_size=1), st.integers(1, 6),
       st.booleans())
def test_nothing_under_the_threshold_is_shown_or_derivable(counts, k, merge):
    mapping = protect(counts, k, merge=merge)
    total = sum(counts.values())
    reported: dict = {}
    for group, to in mapping.items():
        if to is not None:
            reported[to] = reported.get(to, 0) + counts[group]
    if k > 1:
        assert all(n >= k for n in reported.values())  # every shown group, "other" included
        # no group under the threshold appears as itself
        assert all(to != g for g, to in mapping.items() if counts[g] < k)
        # the total minus the shown groups (any of them) never isolates fewer than k respondents
        rest = total - sum(reported.values())
        assert rest == 0 or rest >= k or not reported  # nothing shown: only the total, which is shown anyway
        for size in range(1, len(reported) + 1):
            for chosen in combinations(reported.values(), size):
                assert total - sum(chosen) in (0, total) or total - sum(chosen) >= k
    else:
        assert mapping == {g: g for g in counts}


def test_breakdown_of_a_team_with_a_lone_director(fw):
    team = [("executive", "Board", 5)] + [("marketing", "Sales", 2)] * 4 + [("it", "IT", 3)] * 3 \
        + [("stores", "Shops", 4)] * 5
    a = _survey(fw, team)
    safe = breakdown(a, "role", 3)
    assert set(safe.sizes) == {"marketing", "stores", OTHER}
    assert safe.sizes[OTHER] == 4 and safe.merged == 2
    dim = fw.dimensions[0].id
    other = safe.table.set_index(["role", "dimension"]).loc[(OTHER, dim)]
    assert other["current"] == pytest.approx((5 + 3 * 3) / 4)
    assert "executive" not in set(safe.table["role"])
    assert "Other" in safe.note("en") and "Overig" in safe.note("nl")
    # local mode: everyone, the director too
    assert "executive" in set(breakdown(a, "role", 1).table["role"])
    assert breakdown(a, "role", 1).note("en") == ""
    # each respondent as the breakdown reports them
    assert reported_groups(a, "role", 3).value_counts()[OTHER] == 4


def test_a_group_too_small_everywhere_gives_no_breakdown(fw):
    a = _survey(fw, [("executive", "Board", 5), ("it", "IT", 3), ("it", "IT", 2)])
    safe = breakdown(a, "department", 3)
    assert safe.empty and safe.table.empty and safe.withheld == 2
    assert "No breakdown" in safe.note("en")
    data = safe.to_dict("nl")
    assert data["groups"] == [] and data["min_group"] == 3


def test_cells_with_too_few_scores_are_left_out_with_a_second_one(fw):
    people = [("marketing", "S", 3)] * 3 + [("it", "I", 4)] * 3 + [("stores", "W", 2)] * 3
    rows = []
    first = fw.dimensions[0]
    for i, (role, dep, value) in enumerate(people):
        answers = {q.id: (value, 5, "") for q in fw.questions}
        if role == "marketing" and i > 0:  # two of three marketing people skip the first dimension
            answers.update({q.id: ("na", "na", "") for q in first.questions})
        rows.append(RespondentAnswers({"role": role, "department": dep}, answers))
    a = score(survey_from_answers(fw, rows))
    safe = breakdown(a, "role", 3)
    cells = safe.table.set_index(["role", "dimension"])
    assert math.isnan(cells.loc[("marketing", first.id), "current"])
    # one hidden cell of one person would be total - the others: a second cell goes too
    hidden = [r for r in ("it", "stores") if math.isnan(cells.loc[(r, first.id), "current"])]
    assert len(hidden) == 1
    assert not math.isnan(cells.loc[("marketing", fw.dimensions[1].id), "current"])
    assert safe.cells_hidden == 2
    assert "2 scores" in safe.note("en")


def test_threshold_setting():
    assert min_group_setting({}, {}, hosted=True).value == 3
    assert min_group_setting({}, {}, hosted=False).value == 1
    assert min_group_setting({"omni": {"min_group": 5}}, {}, hosted=False).value == 5
    assert min_group_setting({"omni": {"min_group": 5}}, {"OMNI_MIN_GROUP": "4"}, hosted=True).source == "configured"
    for bad in ("0", "three", "2.5", "-1"):
        with pytest.raises(MinGroupError):
            min_group_setting({}, {"OMNI_MIN_GROUP": bad}, hosted=True)
    assert "3" in min_group_setting({}, {}, hosted=True).describe("nl")


def test_threshold_from_the_secrets_file(tmp_path):
    secrets = tmp_path / "secrets.toml"
    assert configured_min_group({}, (secrets,)).value == 1  # no file: local mode
    secrets.write_text('[auth]\nredirect_uri = "http://localhost:8501/oauth2callback"\n', encoding="utf-8")
    assert configured_min_group({}, (secrets,)).value == 3  # sign-in mentioned (even half configured)
    secrets.write_text("[omni]\nmin_group = 4\n", encoding="utf-8")
    assert configured_min_group({}, (secrets,)).value == 4
    secrets.write_text("[omni\nbroken", encoding="utf-8")
    assert configured_min_group({}, (secrets,)).value == 3  # unreadable: the stricter default


def test_the_chart_text_alternative_never_names_a_group_the_chart_leaves_out(fw):
    """The heatmap's aria text (omni.chart_text) reads the same safe breakdown as the chart."""
    from omni.attributes import label
    from omni.chart_text import chart_text
    from omni.charts import breakdown_heatmap

    team = [("executive", "Board", 5)] + [("marketing", "Sales", 2)] * 4 + [("it", "IT", 3)] * 3 \
        + [("stores", "Shops", 4)] * 5
    a = _survey(fw, team)
    for lang in ("nl", "en"):
        text = chart_text(breakdown_heatmap, a, "role", lang, width=620, min_group=3)
        assert label("role", "executive", lang) not in text and label("role", "marketing", lang) in text
        assert "n = 4" in text  # "other": the director with the IT people
        assert label("role", "executive", lang) in chart_text(breakdown_heatmap, a, "role", lang, min_group=1)


def test_a_breakdown_is_worked_out_once_per_assessment_kind_and_threshold(fw, monkeypatch):
    """The Dimensions page's chart, its text alternative and the page ask for the same breakdown: the
    first call works it out, the others get the same object; another threshold or kind is its own, and
    the memo lets its assessment go."""
    import gc
    import weakref

    import omni.confidentiality as confidentiality

    calls = []
    real = confidentiality._breakdown
    monkeypatch.setattr(confidentiality, "_breakdown", lambda *args: calls.append(args[1:]) or real(*args))
    a = _survey(fw, [("marketing", "Sales", 2)] * 4 + [("it", "IT", 3)] * 3)
    first = breakdown(a, "role", 3)
    assert breakdown(a, "role", 3) is first
    assert breakdown(a, "role", 1) is not first and breakdown(a, "department", 3) is not first
    assert calls == [("role", 3), ("role", 1), ("department", 3)]
    gone = weakref.ref(a)
    del a, first
    gc.collect()
    assert gone() is None
