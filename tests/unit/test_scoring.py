"""Scoring: hand-computed values, the round trip from a filled template, invariants, traces."""

from __future__ import annotations

import math

import pytest
from helpers import fill_template, weighted_framework
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omni.scoring import explain, level_of, score
from omni.survey import read_survey
from omni.survey.model import RespondentAnswers
from omni.survey.reader import survey_from_answers


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """Two dimensions with unequal weights, small enough to compute by hand."""
    return weighted_framework(tmp_path_factory.mktemp("fw"), "tiny", [
        ("a", 2, [("AA-1", 1), ("AA-2", 3)]), ("b", 1, [("BB-1", 1), ("BB-2", 1)])])


def test_hand_computed_scores(tiny):
    people = [
        RespondentAnswers({"role": "marketing"}, {"AA-1": (2, 4, ""), "AA-2": (4, 5, ""),
                                                  "BB-1": (1, 3, ""), "BB-2": ("na", "na", "")}),
        RespondentAnswers({"role": "it"}, {"AA-1": (3, 3, ""), "AA-2": ("na", 4, ""),
                                           "BB-1": (2, 2, ""), "BB-2": (4, 5, "")}),
        RespondentAnswers({"role": "it"}, {"AA-1": (5, 5, ""), "AA-2": (5, 5, ""),
                                           "BB-1": (None, None, ""), "BB-2": ("na", "na", "")}),
    ]
    a = score(survey_from_answers(tiny, people))
    per = a.respondent_scores.set_index(["respondent", "dimension"])
    assert per.loc[("R01", "a"), "current"] == pytest.approx((2 * 1 + 4 * 3) / 4)
    assert per.loc[("R01", "a"), "target"] == pytest.approx((4 + 5 * 3) / 4)
    assert per.loc[("R01", "b"), "current"] == 1.0  # one of two answered: enough
    assert per.loc[("R02", "a"), "current"] == 3.0  # n/a left out, not counted as low
    assert per.loc[("R02", "a"), "target"] == pytest.approx((3 + 4 * 3) / 4)
    assert math.isnan(per.loc[("R03", "b"), "current"])  # none answered: insufficient
    assert not per.loc[("R03", "b"), "sufficient"]

    org = a.dimension_scores.set_index("dimension")
    a_current = (3.5 + 3.0 + 5.0) / 3
    assert org.loc["a", "current"] == pytest.approx(a_current)
    assert org.loc["a", "n"] == 3 and org.loc["b", "n"] == 2
    assert org.loc["b", "current"] == pytest.approx(2.0)
    assert org.loc["b", "std"] == pytest.approx(1.0)
    assert org.loc["b", "agreement"] == "moderate"
    assert org.loc["b", "level"] == 2
    assert org.loc["a", "gap"] == pytest.approx(org.loc["a", "target"] - a_current)
    assert a.overall.current == pytest.approx((a_current * 2 + 2.0) / 3)
    assert a.overall.level == level_of(a.overall.current) == 3

    roles = a.by_role.set_index(["role", "dimension"])
    assert roles.loc[("it", "a"), "current"] == pytest.approx(4.0)
    assert roles.loc[("it", "b"), "n"] == 1

    q = a.question_scores.set_index("question")
    assert q.loc["AA-2", "current"] == pytest.approx(4.5) and q.loc["AA-2", "n_na"] == 1


def test_round_trip_template_to_score(tmp_path, framework):
    """Generate the template, fill it, read it back, and compare with arithmetic done here
    (question weights included: the default's ACT-8 counts half)."""
    answers = {}
    for i, q in enumerate(framework.questions):
        answers[q.id] = (1 + i % 5, 5 if i % 3 else 4, None)
    path = fill_template(tmp_path / "r.xlsx", framework, "en", answers)
    a = score(read_survey([path]))
    overall_current = 0.0
    for d in framework.dimensions:
        weights = [q.weight for q in d.questions]
        current = sum(w * answers[q.id][0] for w, q in zip(weights, d.questions)) / sum(weights)
        target = sum(w * answers[q.id][1] for w, q in zip(weights, d.questions)) / sum(weights)
        row = a.dimension_scores.set_index("dimension").loc[d.id]
        assert row["current"] == pytest.approx(current)
        assert row["target"] == pytest.approx(target)
        assert row["n"] == 1 and row["agreement"] == "single"
        overall_current += d.weight * current
    assert a.overall.current == pytest.approx(overall_current / sum(d.weight for d in framework.dimensions))


def test_levels():
    assert [level_of(x) for x in (1.0, 1.99, 2.0, 2.999999999999, 4.5, 5.0)] == [1, 1, 2, 3, 4, 5]
    assert level_of(float("nan")) is None


def test_trace_explains_respondent_org_and_overall(tiny):
    people = [RespondentAnswers({}, {"AA-1": (2, 4, ""), "AA-2": (4, 5, ""), "BB-1": ("na", 3, ""),
                                     "BB-2": (3, 4, "")})]
    a = score(survey_from_answers(tiny, people))
    tr = explain(a, dimension="a", respondent="R01", lang="en")
    assert tr.value == pytest.approx(3.5)
    assert "14.00 / 4.00 = 3.50" in tr.formula
    assert list(tr.inputs["weight"]) == [1.0, 3.0]
    tb = explain(a, dimension="b", respondent="R01", lang="nl")
    assert "1 vraag n.v.t. of leeg" in tb.formula and list(tb.inputs["counted"]) == [False, True]
    org = explain(a, dimension="a", lang="en")
    assert org.value == pytest.approx(3.5) and "mean over 1 respondent = 3.50" in org.formula
    overall = explain(a, lang="en")
    assert overall.value == pytest.approx(a.overall.current)
    assert list(overall.inputs["weight"]) == [2.0, 1.0]


def test_second_framework_scores_without_specific_code(tmp_path, seven_step):
    from omni.demo import demo_respondents
    a = score(survey_from_answers(seven_step, demo_respondents(seven_step, n=5)))
    assert len(a.dimension_scores) == 7
    assert a.dimension_scores["current"].between(1, 5).all()
    assert a.overall.level in (1, 2, 3, 4, 5)


# --- invariants -------------------------------------------------------------------------------

ANSWER = st.sampled_from([1, 2, 3, 4, 5, "na", None])


def _people(framework, draw_answers):
    return [RespondentAnswers({"role": role}, {q.id: (c, t, "") for q, (c, t) in zip(framework.questions, ans)})
            for role, ans in draw_answers]


def respondents_strategy(framework):
    n = len(framework.questions)
    person = st.tuples(st.sampled_from(["marketing", "it", "stores"]),
                       st.lists(st.tuples(ANSWER, ANSWER), min_size=n, max_size=n))
    return st.lists(person, min_size=1, max_size=5)


def _answered(people):
    return any(isinstance(c, int) or c == "na" or isinstance(t, int) or t == "na"
               for p in people for c, t in p.answers.values())


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(data=st.data())
def test_scores_stay_within_1_and_5(framework, data):
    people = _people(framework, data.draw(respondents_strategy(framework)))
    survey = survey_from_answers(framework, people)
    if not survey.ok:
        assert not _answered(people)
        return
    a = score(survey)
    for frame in (a.respondent_scores, a.dimension_scores):
        for col in ("current", "target"):
            values = frame[col].dropna()
            assert ((values >= 1 - 1e-9) & (values <= 5 + 1e-9)).all()
    for value in (a.overall.current, a.overall.target):
        assert math.isnan(value) or 1 - 1e-9 <= value <= 5 + 1e-9


@SETTINGS
@given(data=st.data())
def test_not_applicable_never_lowers_a_score(framework, data):
    people = _people(framework, data.draw(respondents_strategy(framework)))
    survey = survey_from_answers(framework, people)
    if not survey.ok:
        return
    as_lowest = [RespondentAnswers(p.facts, {q: (1 if c == "na" else c, 1 if t == "na" else t, "")
                                             for q, (c, t, _) in p.answers.items()}) for p in people]
    with_na = score(survey).respondent_scores.set_index(["respondent", "dimension"])
    lowest = score(survey_from_answers(framework, as_lowest)).respondent_scores.set_index(
        ["respondent", "dimension"])
    both = with_na.join(lowest, suffixes=("", "_low"))
    for col in ("current", "target"):
        rows = both.loc[both[col].notna() & both[f"{col}_low"].notna()]
        assert (rows[col] >= rows[f"{col}_low"] - 1e-9).all()


@SETTINGS
@given(data=st.data())
def test_respondent_order_does_not_matter(framework, data):
    people = _people(framework, data.draw(respondents_strategy(framework)))
    survey = survey_from_answers(framework, people)
    if not survey.ok:
        return
    order = data.draw(st.permutations(range(len(people))))
    shuffled = survey_from_answers(framework, [people[i] for i in order])
    a, b = score(survey), score(shuffled)
    for col in ("current", "target", "std", "n"):
        left, right = a.dimension_scores[col].to_numpy(), b.dimension_scores[col].to_numpy()
        assert all((math.isnan(x) and math.isnan(y)) or x == pytest.approx(y) for x, y in zip(left, right))
    assert (math.isnan(a.overall.current) and math.isnan(b.overall.current)) or \
        a.overall.current == pytest.approx(b.overall.current)


@SETTINGS
@given(n=st.integers(min_value=1, max_value=6), roles=st.data())
def test_answering_3_everywhere_scores_3_everywhere(framework, n, roles):
    people = [RespondentAnswers({"role": roles.draw(st.sampled_from(["it", "hr", ""]))},
                                {q.id: (3, 3, "") for q in framework.questions}) for _ in range(n)]
    a = score(survey_from_answers(framework, people))
    assert (a.respondent_scores[["current", "target"]] == 3.0).all().all()
    assert (a.dimension_scores[["current", "target"]] == 3.0).all().all()
    assert (a.dimension_scores["gap"] == 0).all() and (a.dimension_scores["level"] == 3).all()
    assert a.overall.current == 3.0 and a.overall.level == 3
