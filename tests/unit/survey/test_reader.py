"""Reading filled templates: the tidy table, respondent facts, and problems with cell references."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import answer_row, fill_template

from omni.demo import demo_respondents
from omni.survey import SurveyFile, read_survey
from omni.template import write_workbook


def _all(framework, current, target, comment=None):
    return {q.id: (current, target, comment) for q in framework.questions}


def test_filled_template_reads_into_a_tidy_table(tmp_path, framework):
    answers = _all(framework, 2, 4)
    answers["VIS-1"] = (1, 3, "Alleen de directie kent de visie")
    answers["AUD-2"] = ("n.v.t.", "n.v.t.", None)
    facts = {"name": "Eva", "role": "Marketing", "department": "Marketing",
             "organisation": "Winkelketen BV", "sector": "Mode en schoenen", "size_band": "50 tot 250",
             "channel_model": "Winkels voorop, online erbij", "date": dt.datetime(2026, 11, 2)}
    path = fill_template(tmp_path / "eva.xlsx", framework, "nl", answers, facts)
    survey = read_survey([path])
    assert survey.ok and not survey.warnings
    assert survey.framework.id == framework.id
    a = survey.answers
    assert list(a.columns) == ["respondent", "question", "dimension", "current", "target",
                               "current_na", "target_na", "comment", "current_dk", "target_dk"]
    assert len(a) == len(framework.questions)
    row = a.set_index("question").loc["VIS-1"]
    assert (row["current"], row["target"], row["comment"]) == (1.0, 3.0, "Alleen de directie kent de visie")
    na = a.set_index("question").loc["AUD-2"]
    assert na["current_na"] and na["target_na"] and na["current"] != na["current"]  # NaN
    facts_row = survey.respondents.iloc[0]
    assert facts_row["role"] == "marketing" and facts_row["sector"] == "fashion"
    assert facts_row["size_band"] == "m" and facts_row["channel_model"] == "store_led"
    assert facts_row["date"] == "2026-11-02" and facts_row["name"] == "Eva"
    assert survey.organisation == "Winkelketen BV"


def test_bad_score_names_file_sheet_and_cell_in_both_languages(tmp_path, framework):
    answers = _all(framework, 3, 4)
    qid = framework.questions[9].id
    answers[qid] = (7, 4, None)
    path = fill_template(tmp_path / "team.xlsx", framework, "nl", answers)
    survey = read_survey([path])
    assert not survey.ok
    (error,) = survey.errors
    row = answer_row(framework, qid)
    assert (error.file, error.sheet, error.cell) == ("team.xlsx", "Antwoorden", f"E{row}")
    assert error.describe("nl") == f"team.xlsx: Antwoorden!E{row}: '7' is geen score van 1 tot 5 (of n.v.t.) [fout]"
    assert error.message("en") == "'7' is not a score from 1 to 5 (or n/a)"
    as_dict = error.to_dict()
    assert as_dict["cell"] == f"E{row}" and as_dict["message_nl"].startswith("'7'")


@pytest.mark.parametrize("value, shown", [
    ("3,5", "3,5"), (3.5, "3.5"), (True, "TRUE"), (dt.datetime(2026, 3, 1), "2026-03-01"),
    ("1e3", "1e3"), (1000, "1000"), (0, "0"), ("veel", "veel"), ("4,05", "4,05"), ("6,0", "6,0"), ("4,", "4,"),
])
def test_values_that_are_not_scores_are_reported_not_converted(tmp_path, framework, value, shown):
    answers = _all(framework, 3, 4)
    answers["ORG-2"] = (3, value, None)
    path = fill_template(tmp_path / "x.xlsx", framework, "en", answers)
    survey = read_survey([path])
    (error,) = survey.errors
    assert error.cell == f"F{answer_row(framework, 'ORG-2')}" and error.sheet == "Answers"
    assert f"'{shown}'" in error.message("en")


def test_warnings_do_not_block_scoring(tmp_path, framework):
    answers = _all(framework, 3, 4)
    answers["VIS-2"] = (None, 4, None)
    answers["TEC-1"] = (4, 2, None)
    path = fill_template(tmp_path / "w.xlsx", framework, "en", answers)
    survey = read_survey([path])
    assert survey.ok
    messages = {(p.cell, p.message("en")) for p in survey.warnings}
    assert (f"E{answer_row(framework, 'VIS-2')}", "question VIS-2 is not answered (current)") in messages
    assert (f"F{answer_row(framework, 'TEC-1')}", "target 2 is below current 4 for question TEC-1") in messages


def test_blank_template_cannot_be_scored(tmp_path, framework):
    path = tmp_path / "blank.xlsx"
    write_workbook(path, framework, "nl")
    survey = read_survey([path])
    assert [p.key for p in survey.errors] == ["problem.no_answers"]
    assert len(survey.problems) == 1  # not one warning per empty cell


def test_several_files_merge_into_one_organisation(tmp_path, framework):
    people = demo_respondents(framework, n=3, seed=1, lang="en")
    paths = []
    for i, person in enumerate(people):
        paths.append(tmp_path / f"r{i}.xlsx")
        write_workbook(paths[-1], framework, "en", "respondent", [person])
    survey = read_survey(paths)
    assert survey.ok
    assert list(survey.respondents["respondent"]) == ["R01", "R02", "R03"]
    assert len(survey.answers) == 3 * len(framework.questions)
    assert survey.organisation == "Huis & Haard Wonen"


def test_many_respondent_workbook(tmp_path, framework):
    people = demo_respondents(framework, n=9, seed=3, lang="nl")
    path = tmp_path / "team.xlsx"
    write_workbook(path, framework, "nl", "respondents", people)
    survey = read_survey([SurveyFile(path.name, path.read_bytes())])
    assert survey.ok
    assert len(survey.respondents) == 9
    # every answer cell made it across unchanged
    for rid, person in zip(survey.respondents["respondent"], people):
        mine = survey.answers.loc[survey.answers["respondent"] == rid].set_index("question")
        for qid, (current, target, comment) in person.answers.items():
            for field, value in (("current", current), ("target", target)):
                if value in ("na", "dk"):  # both out of the scores, don't know kept apart
                    assert mine.loc[qid, f"{field}_na"]
                    assert mine.loc[qid, f"{field}_dk"] == (value == "dk")
                elif value is None:
                    assert mine.loc[qid, field] != mine.loc[qid, field]  # NaN: blank
                else:
                    assert mine.loc[qid, field] == value
            assert mine.loc[qid, "comment"] == comment


def test_not_a_workbook_is_a_clear_error(tmp_path, framework):
    fake = tmp_path / "survey.xlsx"
    fake.write_bytes(b"%PDF-1.4 not really a workbook")
    survey = read_survey([fake])
    (error,) = survey.errors
    assert error.file == "survey.xlsx" and "Excel" in error.message("en")
    other = read_survey([SurveyFile("notes.docx", b"PK\x03\x04")])
    assert other.errors[0].key == "problem.unsupported_format"


def test_file_for_another_framework_is_refused_when_one_is_chosen(tmp_path, framework, seven_step):
    path = tmp_path / "seven.xlsx"
    write_workbook(path, seven_step, "en", "respondents", demo_respondents(seven_step, n=2))
    assert read_survey([path]).framework.id == "seven-step-experience"  # detected from the file
    refused = read_survey([path], framework)
    assert [p.key for p in refused.errors] == ["problem.framework_mismatch"]


def test_an_option_pasted_as_its_text_into_the_template_is_its_level(tmp_path, framework):
    """As in a Forms export: the option's own text (either language, a trailing space) is that option;
    a text near no option is an error naming the cell and the nearest options."""
    answers = _all(framework, 3, 4)
    first, second = framework.questions[2], framework.questions[3]
    answers[first.id] = (first.options[1]("nl"), first.options[3]("en") + " ", None)
    answers[second.id] = ("We doen iets met een businesscase voor de kanalen en zo verder", 4, None)
    path = fill_template(tmp_path / "plakken.xlsx", framework, "nl", answers)
    survey = read_survey([path])
    row = survey.answers.set_index("question").loc[first.id]
    assert (row["current"], row["target"]) == (2.0, 4.0)
    (error,) = survey.errors
    assert (error.key, error.cell) == ("problem.option_unknown", f"E{answer_row(framework, second.id)}")
    assert "het dichtst in de buurt: 2 'Elk kanaal maakt een businesscase" in error.message("nl")
