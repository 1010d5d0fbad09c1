"""The roadmap's rules: priority = gap x importance x weight, dependencies, kept-low, what-if.

Every survey here goes through the real path: answers validated like an upload
(`survey_from_answers`), scored by `omni.scoring.score`, planned by `omni.roadmap.build_roadmap`.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omni.roadmap import (
    EQUAL_IMPORTANCE,
    KEPT_LOW,
    NO_SCORE,
    ON_TARGET,
    build_roadmap,
    explain_item,
    explain_priority,
)
from omni.scoring import score
from omni.survey.model import RespondentAnswers
from omni.survey.reader import survey_from_answers


def _respondent(framework, levels: dict[str, tuple[object, object]], importance: dict | None = None,
                role: str = "executive") -> RespondentAnswers:
    """Every question of a dimension answered with that dimension's (current, target)."""
    answers = {q.id: (*levels[q.dimension], "") for q in framework.questions if q.dimension in levels}
    return RespondentAnswers(facts={"organisation": "Test BV", "role": role}, answers=answers,
                             importance=importance or {})


def _assess(framework, *respondents: RespondentAnswers):
    survey = survey_from_answers(framework, list(respondents), source="test")
    assert survey.ok, [p.describe("en") for p in survey.errors]
    return score(survey)


# A shape the review warned about: foundations look fine, technology has the largest gap.
TECH_HEAVY = {"vision": (3, 4), "organisation": (3, 4), "audiences": (2, 3), "activation": (2, 4),
              "martech": (1, 4)}


def test_priority_is_gap_times_importance_times_weight(framework):
    importance = {"vision": 5, "organisation": 2, "audiences": 4, "activation": 1, "martech": 3}
    plan = build_roadmap(_assess(framework, _respondent(framework, TECH_HEAVY, importance)))
    for item in plan.items:
        assert item.importance == importance[item.dimension]
        assert item.importance_source == "respondents"
        assert item.priority == pytest.approx(item.gap * item.importance * item.weight)
    assert plan.importance_source == "respondents"


def test_importance_is_the_mean_of_respondents_with_spread_and_n_na_left_out(framework):
    a = _respondent(framework, TECH_HEAVY, {"vision": 5, "martech": 2, "audiences": "na"})
    b = _respondent(framework, TECH_HEAVY, {"vision": 3, "martech": 4}, role="it")
    c = _respondent(framework, TECH_HEAVY, {"vision": 4}, role="marketing")
    assessment = _assess(framework, a, b, c)
    rated = assessment.importance_scores.set_index("dimension")
    assert rated.loc["vision", "importance"] == pytest.approx(4.0)
    assert rated.loc["vision", "n"] == 3
    assert rated.loc["vision", "std"] == pytest.approx(math.sqrt(2 / 3))
    assert rated.loc["martech", "importance"] == pytest.approx(3.0) and rated.loc["martech", "n"] == 2
    assert rated.loc["audiences", "n"] == 0 and rated.loc["audiences", "n_na"] == 1
    plan = build_roadmap(assessment)
    # nobody gave audiences or activation a number: they count as equal importance, and say so
    assert plan.item("audiences").importance == EQUAL_IMPORTANCE
    assert plan.item("audiences").importance_source == "equal"
    assert plan.item("vision").importance_n == 3


def test_higher_importance_raises_a_dimension_above_a_larger_gap(framework):
    levels = {"vision": (3, 4), "organisation": (3, 4), "audiences": (2, 4), "activation": (3, 4),
              "martech": (3, 4)}
    flat = build_roadmap(_assess(framework, _respondent(framework, levels)))
    assert flat.item("audiences").phase == "now"  # largest gap, equal importance
    weighted = build_roadmap(_assess(framework, _respondent(
        framework, levels, {"vision": 5, "organisation": 5, "audiences": 1, "activation": 3, "martech": 3})))
    # audiences: 2 x 1 = 2 < vision/organisation: 1 x 5 = 5
    assert weighted.item("vision").phase == "now"
    assert weighted.item("organisation").phase == "now"
    assert weighted.item("audiences").phase != "now"


def test_without_importance_every_dimension_counts_equally(framework):
    plan = build_roadmap(_assess(framework, _respondent(framework, TECH_HEAVY)))
    assert plan.importance_source == "equal"
    assert {i.importance for i in plan.items} == {EQUAL_IMPORTANCE}
    assert all(i.importance_source == "equal" for i in plan.items)
    assert "gelijk belang" in explain_priority(plan.item("martech"), "nl")
    assert "equal importance" in explain_priority(plan.item("martech"), "en")


def test_technology_never_comes_before_the_foundations_it_builds_on(framework):
    """Martech has the largest priority, but vision and organisation still have gaps: it waits."""
    plan = build_roadmap(_assess(framework, _respondent(framework, TECH_HEAVY)))
    martech = plan.item("martech")
    assert martech.planned_phase == "now"  # by priority alone it would come first
    order = ("now", "next", "later")
    for required in ("vision", "organisation"):
        assert order.index(plan.item(required).phase) <= order.index(martech.phase)
    assert martech.phase != "now"
    assert martech.moved and set(martech.moved_by) <= {"vision", "organisation"}
    assert martech.moved_by


def test_a_moved_dimension_explains_why_in_both_languages(framework):
    plan = build_roadmap(_assess(framework, _respondent(framework, TECH_HEAVY)))
    martech = plan.item("martech")
    nl = explain_item(plan, martech, framework, "nl")
    en = explain_item(plan, martech, framework, "en")
    assert "Verschoven van 'Nu'" in nl and "Moved from 'Now'" in en
    blocker = framework.dimension(martech.moved_by[0])
    assert blocker.name("nl") in nl and blocker.name("en") in en
    assert "niveau 3" in nl and "level 3" in en
    # a foundation that came forward for it says so; an item nothing moved has nothing to explain
    vision = plan.item("vision")
    assert vision.brought_forward and "martech" in vision.brought_for
    assert explain_item(plan, vision, framework, "nl").startswith("Naar voren gehaald van 'Daarna' naar 'Nu'")
    assert "Marketing technology" in explain_item(plan, vision, framework, "en")
    untouched = [i for i in plan.items if not (i.moved or i.brought_forward or i.waits_for)
                 and i.phase == i.planned_phase and i.phase in ("now", "next", "later")]
    assert all(explain_item(plan, i, framework, "en") == "" for i in untouched)


def test_dependency_rule_holds_for_every_plan(framework):
    """Whatever the answers, no dimension is in an earlier phase than a required one that holds it up."""
    order = {"now": 0, "next": 1, "later": 2}
    shapes = [TECH_HEAVY,
              {"vision": (1, 2), "organisation": (4, 5), "audiences": (1, 5), "activation": (1, 5), "martech": (1, 5)},
              {"vision": (2, 5), "organisation": (1, 2), "audiences": (3, 4), "activation": (2, 5), "martech": (3, 5)},
              {"vision": (4, 5), "organisation": (4, 5), "audiences": (1, 5), "activation": (1, 5), "martech": (1, 5)}]
    for levels in shapes:
        plan = build_roadmap(_assess(framework, _respondent(framework, levels)))
        for item in plan.items:
            if item.phase not in order:
                continue
            for required in framework.dimension(item.dimension).requires:
                other = plan.item(required)
                holds_up = other.gap >= 0.25 or other.current < 3
                if holds_up and other.phase in order:
                    assert order[item.phase] >= order[other.phase], (levels, item.dimension, required)


def test_a_solid_foundation_at_target_does_not_hold_anything_up(framework):
    levels = {"vision": (4, 4), "organisation": (3, 3), "audiences": (2, 3), "activation": (2, 3),
              "martech": (1, 5)}
    plan = build_roadmap(_assess(framework, _respondent(framework, levels)))
    assert plan.item("vision").phase == ON_TARGET
    assert plan.item("organisation").phase == ON_TARGET
    assert plan.item("martech").phase == "now"
    assert not plan.item("martech").moved_by and not plan.item("martech").waits_for


def test_a_foundation_with_a_small_gap_still_goes_first(framework):
    """Organisation at level 2 with a small gap (low priority) still holds up activation."""
    levels = {"vision": (4, 4), "organisation": (2, 2.5), "audiences": (3, 3), "activation": (1, 5),
              "martech": (4, 4)}
    # target 2.5 is not a whole answer: give half the respondents 2 and half 3
    a = _respondent(framework, {**levels, "organisation": (2, 2)})
    b = _respondent(framework, {**levels, "organisation": (2, 3)}, role="it")
    plan = build_roadmap(_assess(framework, a, b))
    organisation, activation = plan.item("organisation"), plan.item("activation")
    assert organisation.gap == pytest.approx(0.5)
    assert activation.planned_phase == "now" and organisation.planned_phase == "next"
    assert organisation.phase == "now" and organisation.brought_for == ("activation",)
    assert activation.phase == "next" and activation.moved_by == ("organisation",)


def test_at_target_on_level_1_or_2_is_a_kept_low_choice_not_on_target(framework):
    levels = {"vision": (4, 4), "organisation": (3, 4), "audiences": (2, 2), "activation": (1, 1),
              "martech": (3, 3)}
    plan = build_roadmap(_assess(framework, _respondent(framework, levels)))
    assert plan.item("audiences").phase == KEPT_LOW
    assert plan.item("activation").phase == KEPT_LOW
    assert plan.item("vision").phase == ON_TARGET
    assert plan.item("martech").phase == ON_TARGET
    note = explain_item(plan, plan.item("audiences"), framework, "nl")
    assert "niveau 2" in note and "keuze" in note
    assert "level 1" in explain_item(plan, plan.item("activation"), framework, "en")
    # kept-low and on-target come after the phases, kept-low first
    phases = [i.phase for i in plan.items]
    assert phases.index(KEPT_LOW) < phases.index(ON_TARGET)


def test_a_dimension_built_on_a_kept_low_foundation_says_so(framework):
    levels = {"vision": (2, 2), "organisation": (3, 4), "audiences": (2, 4), "activation": (2, 4),
              "martech": (2, 4)}
    plan = build_roadmap(_assess(framework, _respondent(framework, levels)))
    assert plan.item("vision").phase == KEPT_LOW
    audiences = plan.item("audiences")
    assert audiences.waits_for == ("vision",)
    text = explain_item(plan, audiences, framework, "en")
    assert "keeps low by choice" in text and "Vision and support" in text


def test_what_if_targets_and_importance_change_the_plan(framework):
    levels = {"vision": (3, 4), "organisation": (3, 4), "audiences": (3, 4), "activation": (3, 4),
              "martech": (3, 4)}
    assessment = _assess(framework, _respondent(framework, levels, {d.id: 3 for d in framework.dimensions}))
    base = build_roadmap(assessment)
    assert base.item("vision").phase == "now"  # equal priorities: sequence breaks the tie
    what_if = build_roadmap(assessment, importance_overrides={"martech": 1})
    assert what_if.item("martech").importance == 1 and what_if.item("martech").importance_source == "what_if"
    assert what_if.item("martech").priority == pytest.approx(1.0)
    assert what_if.item("martech").phase == "later"
    assert "wat als" in explain_priority(what_if.item("martech"), "nl")
    # a foundation everything builds on stays first even when the team rates it low
    low_vision = build_roadmap(assessment, importance_overrides={"vision": 1})
    assert low_vision.item("vision").priority == pytest.approx(1.0)
    assert low_vision.item("vision").planned_phase == "later" and low_vision.item("vision").phase == "now"
    assert low_vision.item("vision").brought_forward
    # the uploaded data is untouched: the assessment still plans as before
    assert build_roadmap(assessment).item("martech").importance == 3
    # a target override that closes the gap takes the dimension off the plan
    closed = build_roadmap(assessment, target_overrides={"martech": 3.0})
    assert closed.item("martech").phase == ON_TARGET
    assert closed.item("martech").target == 3.0


def test_what_if_importance_out_of_range_or_unknown_is_refused(framework):
    assessment = _assess(framework, _respondent(framework, TECH_HEAVY))
    with pytest.raises(ValueError, match="1 to 5"):
        build_roadmap(assessment, importance_overrides={"vision": 7})
    with pytest.raises(ValueError, match="unknown dimension"):
        build_roadmap(assessment, importance_overrides={"strategy": 3})


def test_a_dimension_without_enough_answers_is_not_called_on_target(framework):
    levels = {d: v for d, v in TECH_HEAVY.items() if d != "audiences"}
    plan = build_roadmap(_assess(framework, _respondent(framework, levels)))
    assert plan.item("audiences").phase == NO_SCORE
    # a missing score holds nothing up: activation is still planned on its own merits
    assert "audiences" not in plan.item("activation").moved_by


def test_seven_step_framework_without_dependencies_plans_on_priority(seven_step):
    levels = {d.id: (2, 4) for d in seven_step.dimensions}
    plan = build_roadmap(_assess(seven_step, _respondent(seven_step, levels)))
    assert not any(i.moved_by for i in plan.items)
    assert {i.phase for i in plan.items} == {"now", "next", "later"}


_LEVEL = st.integers(min_value=1, max_value=5)
_PAIR = st.tuples(_LEVEL, _LEVEL).map(lambda p: (min(p), max(p)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(levels=st.fixed_dictionaries({d: _PAIR for d in ("vision", "organisation", "audiences", "activation",
                                                         "martech")}),
       importance=st.fixed_dictionaries({d: st.one_of(_LEVEL, st.just("na")) for d in (
           "vision", "organisation", "audiences", "activation", "martech")}))
def test_the_rules_hold_for_any_answers(framework, levels, importance):
    plan = build_roadmap(_assess(framework, _respondent(framework, levels, importance)))
    order = {"now": 0, "next": 1, "later": 2}
    for item in plan.items:
        # priority = gap x importance x weight, with n/a counting as equal importance
        rated = importance[item.dimension]
        assert item.importance == (EQUAL_IMPORTANCE if rated == "na" else rated)
        assert item.priority == pytest.approx(max(item.gap, 0) * item.importance * item.weight)
        # at target: on target from level 3, kept low below
        if item.gap < 0.25:
            assert item.phase == (KEPT_LOW if item.current < 3 else ON_TARGET)
        else:
            assert item.phase in order
        # never before a required dimension that still has a gap or is below level 3
        for required in framework.dimension(item.dimension).requires:
            other = plan.item(required)
            if item.phase in order and other.phase in order:
                assert order[item.phase] >= order[other.phase]
            if item.phase in order and other.phase == KEPT_LOW:
                assert required in item.waits_for
        if item.phase != item.planned_phase:  # every change against priority alone is explained
            text = explain_item(plan, item, framework, "en")
            assert text.startswith(("Moved from", "Brought forward from", "By priority alone"))
            assert item.moved or item.brought_forward or text.startswith("By priority alone")
