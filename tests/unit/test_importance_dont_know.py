"""Importance "don't know" (re-review of questionnaire 2.0, N11): offered instead of n/a in the
template and the web questionnaire, read from files, kept in the store, left out of the mean like
n/a but counted apart, and shown where importance is shown (roadmap trace, report, CLI JSON). The
question asks about the importance of *improving* a dimension; a respondent who gives every
dimension the same importance is flagged."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from omni.i18n import t
from omni.roadmap import build_roadmap, explain_priority, roadmap_dict
from omni.rounds import DK, NA, check_answers
from omni.scoring import score
from omni.store import open_store
from omni.store.assessments import load_survey, save_assessment
from omni.survey import SurveyFile, read_survey
from omni.survey.model import RespondentAnswers, importance_key
from omni.survey.reader import survey_from_answers
from omni.template import score_choices, write_workbook
from tests.helpers import fill_template


def _people(framework, ratings):
    return [RespondentAnswers(facts={"organisation": "Belang BV", "role": role},
                              answers={q.id: (2, 4, "") for q in framework.questions}, importance=rated)
            for role, rated in zip(("executive", "it", "marketing"), ratings)]


RATINGS = [{"vision": 5, "organisation": 4, "audiences": 3, "activation": 4, "martech": "dk"},
           {"vision": 4, "organisation": 4, "audiences": 2, "activation": 5, "martech": 2},
           {"vision": "dk", "organisation": 3, "audiences": 3, "activation": 4, "martech": "na"}]


@pytest.mark.parametrize("lang, dk, na", [("nl", "weet ik niet", "n.v.t."), ("en", "don't know", "n/a")])
def test_the_template_offers_dont_know_not_n_a_for_importance(tmp_path, framework, lang, dk, na):
    assert score_choices(lang, not_applicable=False) == ["1", "2", "3", "4", "5", dk]
    assert score_choices(lang) == ["1", "2", "3", "4", "5", na, dk]  # the questions keep both
    path = tmp_path / "t.xlsx"
    write_workbook(path, framework, lang)
    ws = load_workbook(path)[t("sheet.answers", lang)]
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    importance = [f for ref, f in lists.items() if ref.startswith("E") and ":F" not in ref]
    assert importance == [f'"1,2,3,4,5,{dk}"']
    help_text = t("importance.help", lang)
    assert dk in help_text and na not in help_text


@pytest.mark.parametrize("lang, dk", [("nl", "weet ik niet"), ("en", "don't know")])
def test_a_typed_dont_know_is_read_kept_apart_and_out_of_the_mean(tmp_path, framework, lang, dk):
    path = fill_template(tmp_path / "one.xlsx", framework, lang, {q.id: (2, 4) for q in framework.questions},
                         facts={"organisation": "Belang BV"},
                         importance={"vision": 5, "organisation": 3, "audiences": dk, "martech": "n/a"})
    survey = read_survey([SurveyFile(path.name, path.read_bytes())])
    assert survey.ok, [p.describe("en") for p in survey.problems]
    rated = survey.importance.set_index("dimension")
    assert bool(rated.loc["audiences", "importance_dk"]) and bool(rated.loc["audiences", "importance_na"])
    assert bool(rated.loc["martech", "importance_na"]) and not bool(rated.loc["martech", "importance_dk"])
    scores = score(survey).importance_scores.set_index("dimension")
    assert scores.loc["audiences", "n"] == 0 and scores.loc["audiences", "n_dk"] == 1
    assert scores.loc["martech", "n_dk"] == 0 and scores.loc["martech", "n_na"] == 1  # an older file's n/a


def test_dont_know_flows_from_answers_to_the_roadmap_and_json(framework):
    assessment = score(survey_from_answers(framework, _people(framework, RATINGS), source="t"))
    scores = assessment.importance_scores.set_index("dimension")
    assert scores.loc["vision", "importance"] == pytest.approx(4.5)  # dk left out of the mean
    assert scores.loc["vision", "n"] == 2 and scores.loc["vision", "n_dk"] == 1
    assert scores.loc["martech", "n_dk"] == 1 and scores.loc["martech", "n_na"] == 2  # n/a counts both
    item = next(i for i in build_roadmap(assessment).items if i.dimension == "vision")
    assert item.importance_dk == 1 and item.importance_n == 2
    assert "weet ik niet: 1" in explain_priority(item, "nl") and "don't know: 1" in explain_priority(item, "en")
    organisation = next(i for i in build_roadmap(assessment).items if i.dimension == "organisation")
    assert "weet ik niet" not in explain_priority(organisation, "nl")
    data = assessment.to_dict("en")
    dims = {d["id"]: d for d in data["dimensions"]}
    assert dims["vision"]["importance"]["n_dk"] == 1 and dims["organisation"]["importance"]["n_dk"] == 0
    plan = {i["dimension"]: i for i in roadmap_dict(assessment, "en")}
    assert plan["vision"]["importance_dont_know"] == 1 and "don't know: 1" in plan["vision"]["priority_trace"]


def test_the_report_says_how_many_did_not_know(framework):
    from omni.export.report import build_report

    assessment = score(survey_from_answers(framework, _people(framework, RATINGS), source="t"))
    book = load_workbook(io.BytesIO(build_report(assessment, "nl")), read_only=True)
    cells = [str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c]
    assert any("weet ik niet: 1" in c for c in cells)


@pytest.mark.parametrize("kind", ["sqlite"])
def test_a_saved_wave_keeps_dont_know_apart_from_n_a(tmp_path, framework, kind):
    engine = open_store(f"sqlite:///{tmp_path / 'dk.sqlite3'}")
    assessment = score(survey_from_answers(framework, _people(framework, RATINGS), source="t"))
    saved = save_assessment(engine, assessment, wave="2026", organisation="Belang BV")
    again = load_survey(engine, saved.id).importance.set_index(["respondent", "dimension"])
    before = assessment.survey.importance.set_index(["respondent", "dimension"])
    for column in ("importance_na", "importance_dk"):
        assert again[column].tolist() == before[column].tolist(), column
    assert score(load_survey(engine, saved.id)).importance_scores["n_dk"].tolist() == \
        assessment.importance_scores["n_dk"].tolist()
    engine.dispose()


def test_the_web_questionnaire_accepts_dont_know_for_importance(framework):
    checked = check_answers(framework, {importance_key("vision"): (DK, None, ""),
                                        importance_key("martech"): (NA, None, "")})  # saved before: still read
    assert checked[importance_key("vision")] == (DK, None, "")
    from omni.ui.respond import IMPORTANCE_SCORES, importance_text

    assert DK in IMPORTANCE_SCORES and NA not in IMPORTANCE_SCORES
    assert importance_text("nl")(DK) == "weet ik niet" and importance_text("en")(4).startswith("4. ")


def test_the_question_asks_about_improving_and_earlier_wordings_still_read(framework):
    assert "verbetering op Visie" in t("importance.question", "nl", dimension="Visie")
    assert "improvement in Vision" in t("importance.question", "en", dimension="Vision")
    assert "voor onze strategie" in t("importance.question", "nl", dimension="Visie")  # the questionnaire's "we"
    for wording in ("Hoe belangrijk is {dimension} voor de strategie van uw organisatie over 2-3 jaar?",
                    "Hoe belangrijk is verbetering op {dimension} voor de strategie van uw organisatie over 2-3 jaar?",
                    t("importance.question", "nl")):
        header = ["Tijdstempel"] + [f"{q.id} Huidig" for q in framework.questions] + [
            wording.format(dimension=d.name("nl")) for d in framework.dimensions]
        row = ["2026-11-02 10:00"] + ["3"] * len(framework.questions) + ["5", "weet ik niet", "3", "2", "1"]
        buffer = io.StringIO()
        csv.writer(buffer).writerows([header, row])
        survey = read_survey([SurveyFile("forms.csv", buffer.getvalue().encode("utf-8"))])
        assert survey.ok, wording
        rated = survey.importance.set_index("dimension")
        assert len(rated) == 5 and bool(rated.loc["organisation", "importance_dk"]), wording


def test_the_same_importance_for_every_dimension_is_flagged(framework):
    people = _people(framework, [dict.fromkeys(("vision", "organisation", "audiences", "activation", "martech"), 5),
                                 RATINGS[1],
                                 {"vision": 5, "organisation": 5, "audiences": 5, "activation": 5, "martech": "dk"}])
    survey = survey_from_answers(framework, people, source="t")
    flagged = [p for p in survey.problems if p.key == "problem.importance_all_same"]
    assert len(flagged) == 1 and not flagged[0].is_error  # a warning; the rating still counts
    assert "R01" in flagged[0].message("en") and "(5)" in flagged[0].message("nl")
    assert survey.ok and score(survey).importance_scores.set_index("dimension").loc["vision", "n"] == 3
