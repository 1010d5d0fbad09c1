"""Don't know: left out of every score like n/a, but counted apart per question and dimension and
shown on Dimensions, in the findings and the exports. Surveys go through the real reader
(`survey_from_answers`) and scoring; the expected counts are worked out here from the answers."""

from __future__ import annotations

import json
import random

from omni.scoring import score
from omni.survey.model import RespondentAnswers
from omni.survey.reader import survey_from_answers


def _people(framework, seed: int = 7, n: int = 10) -> list[RespondentAnswers]:
    """n respondents answering at random: a score, n/a, don't know or blank."""
    rng = random.Random(seed)
    people = []
    for i in range(n):
        answers = {}
        for q in framework.questions:
            pick = rng.choice([1, 2, 3, 4, 5, 3, 4, "na", "dk", "dk", None])
            answers[q.id] = (pick, pick if pick in ("na", "dk", None) else min(5, pick + 1), "")
        people.append(RespondentAnswers(facts={"organisation": "Weetniet BV", "role": "executive",
                                               "name": f"P{i}"}, answers=answers))
    return people


def _expected(framework, people):
    """Per question and per dimension: don't-know count, n/a count (n/a + don't know) and answers given."""
    dk_q, na_q, dk_d, given_d = {}, {}, {}, {}
    for q in framework.questions:
        values = [p.answers[q.id][0] for p in people]
        dk_q[q.id] = sum(v == "dk" for v in values)
        na_q[q.id] = sum(v in ("dk", "na") for v in values)
        dk_d[q.dimension] = dk_d.get(q.dimension, 0) + dk_q[q.id]
        given_d[q.dimension] = given_d.get(q.dimension, 0) + sum(v is not None for v in values)
    return dk_q, na_q, dk_d, given_d


def test_dont_know_is_counted_per_question_and_dimension_and_left_out_of_scores(framework):
    people = _people(framework)
    survey = survey_from_answers(framework, people, source="test")
    assert survey.ok
    assessment = score(survey)
    dk_q, na_q, dk_d, given_d = _expected(framework, people)
    assert sum(dk_q.values()) > 0
    questions = assessment.question_scores.set_index("question")
    assert questions["n_dk"].to_dict() == dk_q
    assert questions["n_na"].to_dict() == na_q  # n/a still counts both kinds
    dims = assessment.dimension_scores.set_index("dimension")
    assert dims["n_dk"].to_dict() == dk_d
    assert dims["n_answers"].to_dict() == given_d
    # left out of the mean: the question mean is over the numbers only
    q = framework.questions[0]
    numbers = [p.answers[q.id][0] for p in people if isinstance(p.answers[q.id][0], int)]
    assert questions.loc[q.id, "current"] == sum(numbers) / len(numbers)


def test_score_json_carries_dont_know(framework):
    people = _people(framework, seed=3)
    assessment = score(survey_from_answers(framework, people, source="test"))
    data = json.loads(json.dumps(assessment.to_dict("nl")))
    dk_q, _, dk_d, given_d = _expected(framework, people)
    assert {q["id"]: q["n_dk"] for q in data["questions"]} == dk_q
    assert {d["id"]: d["n_dk"] for d in data["dimensions"]} == dk_d
    assert {d["id"]: d["answers"] for d in data["dimensions"]} == given_d
