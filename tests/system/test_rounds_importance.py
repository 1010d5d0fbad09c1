"""Importance through the web questionnaire and the store: saved as the respondent goes, refused when
wrong, carried into the round's Survey, kept when an assessment is saved and opened again."""

from __future__ import annotations

import pytest

from omni.rounds import RoundError, RoundLimits
from omni.scoring import score
from omni.store.assessments import load_survey, save_assessment
from omni.store.rounds import (
    close_round,
    load_round_survey,
    open_round,
    respondent_answers,
    save_answers,
    start_respondent,
    submit,
)
from omni.survey.model import importance_key

NO_LIMIT = RoundLimits(max_respondents=200, min_interval_seconds=0, address_interval_seconds=0)


def _answers(framework, importance: dict[str, object]) -> dict[str, tuple[object, object, str]]:
    answers = {q.id: (2, 4, "") for q in framework.questions}
    answers.update({importance_key(d): (v, None, "") for d, v in importance.items()})
    return answers


def test_web_importance_flows_into_the_round_survey_and_a_saved_wave(engine, framework):
    round_, token = open_round(engine, "Belang BV", "2026", limits=NO_LIMIT)
    ratings = [{"vision": 5, "organisation": 4, "martech": "na"}, {"vision": 3, "organisation": 2}]
    for role, importance in zip(("executive", "it"), ratings):
        _, resume = start_respondent(engine, token, language="nl", role=role, department="Team", limits=NO_LIMIT)
        save_answers(engine, resume, _answers(framework, importance))
        saved = respondent_answers(engine, resume)
        assert saved[importance_key("vision")][0] == importance["vision"]  # resumes with what was given
        submit(engine, resume)
    close_round(engine, round_.id)

    survey = load_round_survey(engine, round_.id)
    assert survey.ok
    assessment = score(survey)
    rated = assessment.importance_scores.set_index("dimension")
    assert rated.loc["vision", "importance"] == pytest.approx(4.0) and rated.loc["vision", "n"] == 2
    assert rated.loc["martech", "n"] == 0 and rated.loc["martech", "n_na"] == 1
    assert rated.loc["audiences", "n"] == 0

    saved = save_assessment(engine, assessment, wave="2026")
    again = score(load_survey(engine, saved.id))
    assert again.importance_scores.equals(assessment.importance_scores)
    # the scores are the same as before: importance never changes a score
    assert again.dimension_scores["current"].tolist() == assessment.dimension_scores["current"].tolist()


def test_bad_web_importance_is_refused(engine, framework):
    _, token = open_round(engine, "Fout BV", "2026", limits=NO_LIMIT)
    _, resume = start_respondent(engine, token, language="en", role="it", department="Team", limits=NO_LIMIT)
    for key, value in ((importance_key("vision"), (6, None, "")), (importance_key("strategy"), (3, None, "")),
                       (importance_key("vision"), (3, 4, ""))):
        with pytest.raises(RoundError) as info:
            save_answers(engine, resume, {key: value})
        assert info.value.message("nl") and info.value.message("en")
    assert respondent_answers(engine, resume) == {}
