"""Headline findings: largest gap, strongest dimension, (dis)agreement, in Dutch and English, from
surveys validated and scored through the real path."""

from __future__ import annotations

import pytest

from omni.insights import headline_findings
from omni.scoring import score
from omni.survey.model import RespondentAnswers
from omni.survey.reader import survey_from_answers


def _person(framework, levels: dict[str, tuple[object, object]], role: str = "executive") -> RespondentAnswers:
    answers = {q.id: (*levels[q.dimension], "") for q in framework.questions if q.dimension in levels}
    return RespondentAnswers(facts={"organisation": "Inzicht BV", "role": role}, answers=answers)


def _findings(framework, *people, lang="en"):
    survey = survey_from_answers(framework, list(people), source="test")
    assert survey.ok
    return {f.kind: f for f in headline_findings(score(survey), lang)}


BASE = {"vision": (4, 5), "organisation": (3, 4), "audiences": (2, 3), "activation": (3, 4), "martech": (1, 4)}


def test_largest_gap_and_strongest_dimension(framework):
    found = _findings(framework, _person(framework, BASE))
    assert found["largest_gap"].dimension == "martech"
    assert found["largest_gap"].text == ("The largest gap is in Marketing technology: now 1.0, target 4.0 (gap 3.0).")
    assert found["strongest"].dimension == "vision"
    assert found["strongest"].text == "The strongest dimension is Vision and support at 4.0 (Omnichannel)."


def test_one_respondent_says_agreement_cannot_be_judged(framework):
    found = _findings(framework, _person(framework, BASE), lang="nl")
    assert found["disagreement"].dimension is None
    assert found["disagreement"].text.startswith("Er is één respondent")


def test_disagreement_names_the_dimension_with_the_widest_spread(framework):
    other = {**BASE, "organisation": (1, 4), "audiences": (2, 3)}
    found = _findings(framework, _person(framework, {**BASE, "organisation": (5, 5)}),
                      _person(framework, other, role="it"))
    finding = found["disagreement"]
    assert finding.dimension == "organisation"
    assert "agrees least on Organisation" in finding.text
    assert "from 1.0 to 5.0" in finding.text and "spread 2.0" in finding.text and "2 respondents" in finding.text


def test_small_spread_is_reported_as_agreement(framework):
    other = {**BASE, "audiences": (3, 3)}  # audiences 2 vs 3: spread 0.5, the team largely agrees
    found = _findings(framework, _person(framework, BASE), _person(framework, other, role="it"))
    assert found["disagreement"].dimension == "audiences"
    assert found["disagreement"].text.startswith("The team largely agrees")
    assert "(spread 0.5)" in found["disagreement"].text


@pytest.mark.parametrize("lang, word", [("nl", "gat"), ("en", "gap")])
def test_findings_are_written_in_the_chosen_language(framework, lang, word):
    found = _findings(framework, _person(framework, BASE), lang=lang)
    assert word in found["largest_gap"].text
    assert framework.dimension("martech").name(lang) in found["largest_gap"].text


def test_dimensions_without_a_score_are_left_out(framework):
    """Audiences unanswered: it is neither the largest gap nor the strongest, and nothing breaks."""
    levels = {d: v for d, v in BASE.items() if d != "audiences"}
    levels["martech"] = (1, 2)
    found = _findings(framework, _person(framework, levels))
    assert found["largest_gap"].dimension in {"vision", "organisation", "activation"}
    assert found["strongest"].dimension == "vision"
