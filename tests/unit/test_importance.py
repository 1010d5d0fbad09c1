"""Importance per dimension: asked in both template layouts, read strictly (1-5 or n/a), absent in
old files, scored as a mean with spread, and shown in the CLI JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from omni.i18n import t
from omni.scoring import score
from omni.survey import SurveyFile, read_survey
from omni.survey.model import RespondentAnswers
from omni.survey.problems import column_letter
from omni.template import write_workbook
from tests.helpers import fill_template, run_cli


def _all(framework, current=2, target=4):
    return {q.id: (current, target) for q in framework.questions}


def _type_importance(path, values: dict[str, object]) -> None:
    """Type importance values into the one-respondent template, as a user would (by the row's ID)."""
    wb = load_workbook(path)
    ws = wb[wb.sheetnames[2]]
    rows = {ws.cell(row=r, column=1).value: r for r in range(1, ws.max_row + 1)}
    for dimension, value in values.items():
        ws.cell(row=rows[dimension], column=5, value=value)
    wb.save(path)


def _read(path):
    return read_survey([SurveyFile(path.name, path.read_bytes())])


@pytest.mark.parametrize("lang, na", [("nl", "n.v.t."), ("en", "n/a")])
def test_one_respondent_template_reads_importance(tmp_path, framework, lang, na):
    path = fill_template(tmp_path / f"one-{lang}.xlsx", framework, lang, _all(framework),
                         facts={"organisation": "Test BV"})
    _type_importance(path, {"vision": 5, "organisation": "4", "audiences": na, "martech": 2})
    survey = _read(path)
    assert survey.ok, [p.describe("en") for p in survey.problems]
    rated = survey.importance.set_index("dimension")
    assert rated.loc["vision", "importance"] == 5 and rated.loc["organisation", "importance"] == 4
    assert bool(rated.loc["audiences", "importance_na"]) and rated.loc["audiences", "importance"] != rated.loc[
        "audiences", "importance"]
    assert "activation" not in rated.index  # left blank: no rating, no problem
    assessment = score(survey)
    assert assessment.has_importance
    scores = assessment.importance_scores.set_index("dimension")
    assert scores.loc["martech", "importance"] == 2 and scores.loc["martech", "n"] == 1
    assert scores.loc["activation", "n"] == 0


def test_a_bad_importance_is_an_error_naming_file_sheet_and_cell(tmp_path, framework):
    path = fill_template(tmp_path / "bad.xlsx", framework, "nl", _all(framework))
    _type_importance(path, {"vision": 7, "martech": "heel belangrijk"})
    survey = _read(path)
    assert not survey.ok
    errors = [p for p in survey.errors if p.key == "problem.not_an_importance"]
    assert len(errors) == 2
    vision = next(p for p in errors if "'7'" in p.message("nl"))
    assert vision.file == "bad.xlsx" and vision.sheet == "Antwoorden" and vision.cell.startswith("E")
    # the dimension by its name in the reader's language, not its id
    assert vision.message("nl").endswith("voor onderdeel Visie en draagvlak")
    assert vision.message("en").endswith(framework.dimension("vision").name("en"))
    assert "1 tot 5" in vision.message("nl") and "1 to 5" in vision.message("en")


def test_a_file_without_importance_has_none(tmp_path, framework):
    """A 1.0 file: the answers sheet ends after the questions."""
    path = fill_template(tmp_path / "old.xlsx", framework, "en", _all(framework))
    wb = load_workbook(path)
    ws = wb[wb.sheetnames[2]]
    last_question = max(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "TEC-6")
    ws.delete_rows(last_question + 1, ws.max_row - last_question)
    wb.save(path)
    survey = _read(path)
    assert survey.ok and survey.importance.empty
    assessment = score(survey)
    assert not assessment.has_importance
    assert assessment.to_dict()["importance_source"] == "equal"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_many_respondents_layout_round_trips_importance(tmp_path, framework, lang):
    people = [RespondentAnswers(facts={"organisation": "Test BV", "role": "executive"},
                                answers={q.id: (2, 4, "") for q in framework.questions},
                                importance={"vision": 5, "martech": 1}),
              RespondentAnswers(facts={"organisation": "Test BV", "role": "it"},
                                answers={q.id: (3, 4, "") for q in framework.questions},
                                importance={"vision": 4, "martech": "na"})]
    buffer = io.BytesIO()
    write_workbook(buffer, framework, lang, "respondents", people)
    survey = read_survey([SurveyFile("wide.xlsx", buffer.getvalue())])
    assert survey.ok, [p.describe("en") for p in survey.problems]
    scores = score(survey).importance_scores.set_index("dimension")
    assert scores.loc["vision", "importance"] == pytest.approx(4.5)
    assert scores.loc["vision", "std"] == pytest.approx(0.5)
    assert scores.loc["martech", "n"] == 1 and scores.loc["martech", "n_na"] == 1
    shown = survey.column_map.loc[survey.column_map["field"] == "importance"]
    assert len(shown) == len(framework.dimensions)


def test_a_forms_export_with_importance_questions_is_read(framework):
    """A Forms/Google Forms sheet: each importance question is its own column, headed by its text."""
    header = ["Tijdstempel", "Rol"] + [f"{q.id} Huidig" for q in framework.questions] + [
        t("importance.question", "nl", dimension=d.name("nl")) for d in framework.dimensions]
    rows = [["2026-11-02 10:00", "Directie"] + ["3"] * len(framework.questions) + ["5", "4", "3", "2", "1"],
            ["2026-11-02 11:00", "IT"] + ["2"] * len(framework.questions) + ["3", "weet niet", "3", "x", "1"]]
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    survey = read_survey([SurveyFile("forms.csv", buffer.getvalue().encode("utf-8"))])
    problems = [p for p in survey.errors if p.key == "problem.not_an_importance"]
    assert len(problems) == 1 and problems[0].file == "forms.csv" and "'x'" in problems[0].message("en")
    assert problems[0].cell == f"{column_letter(len(header) - 2)}3"  # activation column, second data row
    rated = survey.importance.set_index(["respondent", "dimension"])
    assert rated.loc[("R01", "vision"), "importance"] == 5
    assert bool(rated.loc[("R02", "organisation"), "importance_na"])


@pytest.mark.parametrize("lang, question", [
    ("nl", "Hoe belangrijk is {dimension} voor de strategie van uw organisatie in de komende 2-3 jaar?"),
    ("en", "How important is {dimension} for your organisation's strategy in the next 2-3 years?")])
def test_a_form_generated_with_the_earlier_importance_wording_is_still_read(framework, lang, question):
    header = ["Timestamp"] + [f"{q.id} Current" for q in framework.questions] + [
        question.format(dimension=d.name(lang)) for d in framework.dimensions]
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, ["2026-11-02 10:00"] + ["3"] * len(framework.questions) + ["5"] * 5])
    survey = read_survey([SurveyFile("forms.csv", buffer.getvalue().encode("utf-8"))])
    assert survey.ok and (survey.importance["importance"] == 5).sum() == len(framework.dimensions)


def test_cli_json_carries_importance_and_the_roadmap(tmp_path, framework):
    path = fill_template(tmp_path / "cli.xlsx", framework, "en",
                         {q.id: ((1, 4) if q.dimension == "martech" else (3, 4)) for q in framework.questions},
                         facts={"organisation": "Test BV"})
    _type_importance(path, {"vision": 4, "organisation": 4, "audiences": 3, "activation": 3, "martech": 5})
    done = run_cli("score", str(path), "--json", "--lang", "en")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["importance_source"] == "respondents"
    dims = {d["id"]: d for d in data["dimensions"]}
    assert dims["martech"]["importance"] == {"mean": 5.0, "spread": 0.0, "min": 5.0, "max": 5.0, "n": 1, "n_na": 0,
                                          "n_dk": 0}
    plan = {i["dimension"]: i for i in data["roadmap"]}
    assert plan["martech"]["planned_phase"] == "now" and plan["martech"]["phase"] != "now"
    assert plan["martech"]["moved_by"] and "Moved from 'Now'" in plan["martech"]["explanation"]
    assert plan["martech"]["priority"] == pytest.approx(3 * 5 * 1.0)
    assert "importance 5.0" in plan["martech"]["priority_trace"]
