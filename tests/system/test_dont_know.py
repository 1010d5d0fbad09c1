"""Don't know: left out of every score like n/a, but counted apart per question and dimension and
shown on Dimensions, in the findings and the exports. Surveys go through the real reader
(`survey_from_answers`) and scoring; the expected counts are worked out here from the answers."""

from __future__ import annotations

import io
import json
import random

import pytest
from helpers import ROOT, fill_template, run_cli
from openpyxl import load_workbook
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from omni.dimension_view import dimension_dont_know, question_table
from omni.export.deck import build_deck
from omni.export.report import build_report
from omni.insights import headline_findings
from omni.rounds import NA, RoundError, RoundLimits
from omni.scoring import score
from omni.store.assessments import load_survey, save_assessment, saved_answers
from omni.store.rounds import (
    close_round,
    load_round_survey,
    open_round,
    respondent_answers,
    save_answers,
    start_respondent,
    submit,
)
from omni.survey import read_survey
from omni.survey.model import RespondentAnswers, importance_key
from omni.survey.reader import survey_from_answers
from omni.ui.state import INTAKE, RESULT, Result


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


# --- shown: findings, Dimensions, report, deck ---------------------------------------------------------

BASE = {"vision": (4, 5), "organisation": (3, 4), "audiences": (2, 3), "activation": (3, 4), "martech": (2, 4)}


def _team(framework, unknowing: int, size: int = 6) -> list[RespondentAnswers]:
    """`size` people; the first `unknowing` answer "don't know" on every martech question."""
    people = []
    for i in range(size):
        answers = {q.id: (*BASE[q.dimension], "") for q in framework.questions}
        if i < unknowing:
            answers.update({q.id: ("dk", "dk", "") for q in framework.dimension("martech").questions})
        people.append(RespondentAnswers(facts={"organisation": "Weetniet BV", "role": "finance", "name": f"P{i}"},
                                        answers=answers))
    return people


def _assess(framework, people):
    survey = survey_from_answers(framework, people, source="test")
    assert survey.ok
    return score(survey)


def test_a_third_not_knowing_is_a_headline_finding(framework):
    assessment = _assess(framework, _team(framework, unknowing=2))
    questions = len(framework.dimension("martech").questions)
    found = {f.kind: f for f in headline_findings(assessment, "nl")}
    assert found["dont_know"].dimension == "martech"
    assert found["dont_know"].text.startswith(
        f"Een derde van het team weet niet hoe ver Marketingtechnologie is: {2 * questions} van {6 * questions}")
    en = {f.kind: f for f in headline_findings(assessment, "en")}["dont_know"].text
    assert en.startswith("A third of the team does not know how far Marketing technology is")
    half = {f.kind: f for f in headline_findings(_assess(framework, _team(framework, unknowing=3)), "en")}
    assert half["dont_know"].text.startswith("Half of the team")


def test_a_few_not_knowing_is_no_finding(framework):
    kinds = [f.kind for f in headline_findings(_assess(framework, _team(framework, unknowing=1)), "en")]
    assert kinds == ["largest_gap", "strongest", "disagreement"]


def test_question_table_says_how_many_do_not_know(framework):
    people = _people(framework, seed=11)
    assessment = _assess(framework, people)
    dimension = framework.dimensions[0].id
    table = question_table(assessment, dimension, "en")
    for q, text in zip(table["ID"], table["don't know"]):
        values = [p.answers[q][0] for p in people]
        dk, given = sum(v == "dk" for v in values), sum(v is not None for v in values)
        verb = "doesn't" if dk == 1 else "don't"
        expected = "" if not dk else f"{dk} of {given} {verb} know; target: {dk} {verb} know"  # both unknown
        assert text == expected
    nl = question_table(assessment, dimension, "nl")["weet het niet"]
    assert any(v.endswith("weet het niet") and " van " in v for v in nl)
    _, _, dk_d, given_d = _expected(framework, people)
    assert dimension_dont_know(assessment, dimension, "en").startswith(
        f"{dk_d[dimension]} of the {given_d[dimension]} answers in this dimension")
    assert dimension_dont_know(_assess(framework, _team(framework, 0)), "martech", "en") == ""


def test_report_and_deck_carry_the_count(framework):
    people = _people(framework, seed=5)
    assessment = _assess(framework, people)
    dk_q, *_ = _expected(framework, people)
    ws = load_workbook(io.BytesIO(build_report(assessment, "en")))["Questions"]
    header = [c.value for c in ws[1]]
    col = header.index("don't know")
    assert {r[0]: r[col] for r in ws.iter_rows(min_row=2, values_only=True)} == dk_q
    answers = load_workbook(io.BytesIO(build_report(assessment, "nl")))["Antwoorden"]
    shown = [r[2] for r in answers.iter_rows(min_row=2, values_only=True)]
    assert shown.count("weet het niet") == sum(dk_q.values())
    prs = Presentation(io.BytesIO(build_deck(assessment, "en")))
    cells = {}
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_table and len(shape.table.columns) == 8 and shape.table.cell(0, 7).text == "don't know":
                for row in list(shape.table.rows)[1:]:
                    cells[row.cells[0].text] = int(row.cells[7].text)
    assert cells == dk_q


def test_dimensions_and_overview_pages_show_dont_know(framework):
    survey = survey_from_answers(framework, _team(framework, unknowing=2), source="test")
    result = Result(survey, score(survey), "upload", ("test.xlsx",))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state[RESULT] = result
    at.session_state[INTAKE] = result
    at.run()
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    n = len(framework.dimension("martech").questions)
    findings = [line for m in at.markdown for line in m.value.splitlines()]  # the findings: one list, a line each
    assert any(line.startswith(f"- Een derde van het team weet niet hoe ver Marketingtechnologie is: {2 * n} van "
                               f"{6 * n}") for line in findings)
    at.switch_page("pages/dimensions.py").run()
    at.selectbox(key="dimension_choice").select("martech").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["weet het niet"]) == ["2 van 6 weet het niet; doel: 2 weten het niet"] * n
    assert any(c.value.startswith(f"{2 * n} van de {6 * n} antwoorden in dit onderdeel zijn ‘weet ik niet’")
               and f"Bij de gewenste situatie zijn {2 * n} van de {6 * n}" in c.value for c in at.caption)


# --- input routes: template, web questionnaire, store -------------------------------------------------

NO_LIMIT = RoundLimits(max_respondents=200, min_interval_seconds=0, address_interval_seconds=0)


def _web_answers(framework, seed: int) -> dict[str, tuple[object, object, str]]:
    """A level, n/a or don't know per question (deterministic), current and target alike."""
    out = {}
    for index, q in enumerate(framework.questions):
        k = index + seed
        value = "dk" if k % 5 == 0 else "na" if k % 7 == 0 else 1 + k % 5
        out[q.id] = (value, value, "")
    return out


@pytest.mark.parametrize("lang, typed", [("nl", "weet ik niet"), ("en", "don't know")])
def test_template_offers_dont_know_and_the_reader_keeps_it_apart(tmp_path, framework, lang, typed):
    from openpyxl import load_workbook

    answers = {q.id: (3, 4, None) for q in framework.questions}
    unknown = [q.id for q in framework.dimension("martech").questions]
    answers.update({q: (typed, typed, None) for q in unknown})
    na = framework.questions[0].id
    answers[na] = ("n.v.t." if lang == "nl" else "n/a", 4, None)
    path = fill_template(tmp_path / "t.xlsx", framework, lang, answers, {"organisation": "Drop BV", "role": "finance"})
    ws = load_workbook(path)[load_workbook(path).sheetnames[2]]
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert any(typed in f and ("n.v.t." if lang == "nl" else "n/a") in f for f in lists)
    survey = read_survey([path])
    assert survey.ok
    dk = survey.answers.set_index("question")["current_dk"]
    assert sorted(dk[dk].index) == sorted(unknown)
    assessment = score(survey)
    assert int(assessment.dimension_scores.set_index("dimension").loc["martech", "n_dk"]) == len(unknown)
    assert int(assessment.question_scores.set_index("question").loc[na, "n_dk"]) == 0


def test_web_answers_keep_dont_know_apart_through_the_store(engine, framework):
    round_, token = open_round(engine, "Weetniet BV", "2026", limits=NO_LIMIT)
    given = {}
    for role, seed in (("finance", 1), ("it", 2), ("marketing", 3)):
        _, resume = start_respondent(engine, token, language="nl", role=role, department="X", limits=NO_LIMIT)
        answers = _web_answers(framework, seed)
        answers[importance_key("martech")] = (NA, None, "")
        save_answers(engine, resume, answers)
        assert respondent_answers(engine, resume) == answers  # "dk" comes back as "dk", "na" as "na"
        # importance takes don't-know too (the re-review's N11); n/a, saved before, still reads
        save_answers(engine, resume, {importance_key("audiences"): ("dk", None, "")})
        assert respondent_answers(engine, resume)[importance_key("audiences")][0] == "dk"
        with pytest.raises(RoundError) as err:  # but only for a dimension of the framework, without a target
            save_answers(engine, resume, {importance_key("nope"): ("dk", None, "")})
        assert err.value.key == "importance"
        submit(engine, resume)
        given[role] = answers
    close_round(engine, round_.id)
    survey = load_round_survey(engine, round_.id)
    assert survey.ok
    assessment = score(survey)
    expected = {q.id: sum(a[q.id][0] == "dk" for a in given.values()) for q in framework.questions}
    assert assessment.question_scores.set_index("question")["n_dk"].to_dict() == expected
    na = {q.id: sum(a[q.id][0] in ("dk", "na") for a in given.values()) for q in framework.questions}
    assert assessment.question_scores.set_index("question")["n_na"].to_dict() == na

    saved = save_assessment(engine, assessment, wave="2026", organisation="Weetniet BV")
    raw = saved_answers(engine, saved.id)
    assert int(raw["current_dk"].sum()) == sum(expected.values())
    assert raw.loc[raw["current_na"], "current"].isna().all()  # the marker is never read as a score
    again = score(load_survey(engine, saved.id))
    assert again.question_scores["n_dk"].tolist() == assessment.question_scores["n_dk"].tolist()
    rated = again.importance_scores.set_index("dimension")
    assert rated.loc["audiences", "n_dk"] == 3 and rated.loc["martech", "n_dk"] == 0
    assert rated.loc["martech", "n_na"] == 3
    assert again.dimension_scores["current"].equals(assessment.dimension_scores["current"])


# --- the demo organisation ------------------------------------------------------------------------------

def test_demo_team_says_dont_know_far_from_its_topics_and_the_samples_carry_it(framework):
    from omni.demo import _FAR_FROM, demo_respondents

    people = demo_respondents(framework)
    unknown = [(p.facts["role"], framework.question(q).dimension)
               for p in people for q, (current, _, _) in p.answers.items() if current == "dk"]
    assert unknown and all(d in _FAR_FROM[role] for role, d in unknown)  # only far from one's own work
    assert ("stores", "martech") in unknown
    assessment = _assess(framework, people)
    assert int(assessment.question_scores["n_dk"].sum()) == len(unknown)
    for lang in ("nl", "en"):
        sample = score(read_survey([ROOT / f"data/samples/demo-survey-{lang}.xlsx"]))
        assert int(sample.question_scores["n_dk"].sum()) == len(unknown)
        assert sample.dimension_scores["current"].round(9).equals(assessment.dimension_scores["current"].round(9))


def test_answer_distribution_shows_dont_know_apart_from_not_applicable(framework):
    from omni.charts import question_distribution

    people = _people(framework, seed=13)
    assessment = _assess(framework, people)
    dimension = framework.dimensions[1]
    spec = question_distribution(assessment, dimension.id, "en").to_dict()
    rows = next(iter(spec["datasets"].values()))
    for answer, code in (("don't know", "dk"), ("n/a", "na")):
        shown = {r["question"]: r["count"] for r in rows if r["answer"] == answer}
        expected = {q.id: n for q in dimension.questions
                    if (n := sum(p.answers[q.id][0] == code for p in people))}
        assert shown == expected


def test_cli_score_names_dont_know_per_dimension(tmp_path, framework):

    people = _team(framework, unknowing=2)
    answers = {q: (("weet ik niet",) * 2 if c == "dk" else (c, t)) + (None,)
               for q, (c, t, _) in people[0].answers.items()}
    files = [fill_template(tmp_path / f"p{i}.xlsx", framework, "nl",
                           answers if i < 2 else {q: (*BASE[framework.question(q).dimension], None) for q in answers},
                           {"organisation": "Weetniet BV", "role": "finance", "name": f"P{i}"}) for i in range(6)]
    done = run_cli("score", *map(str, files), "--lang", "nl")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    n = len(framework.dimension("martech").questions)
    assert f"  Marketingtechnologie: {2 * n} van {6 * n} weet het niet" in out
    assert f"Een derde van het team weet niet hoe ver Marketingtechnologie is: {2 * n} van {6 * n}" in out
    assert "Visie en draagvlak: " not in out.split("weet het niet:")[-1]  # only dimensions with don't know


def test_deck_summary_carries_the_dont_know_finding(framework):
    assessment = _assess(framework, _team(framework, unknowing=2))
    prs = Presentation(io.BytesIO(build_deck(assessment, "nl")))
    texts = [shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame]
    assert any("Een derde van het team weet niet hoe ver Marketingtechnologie is" in text for text in texts)


def test_not_knowing_the_target_is_counted_apart_from_not_knowing_today(framework):
    """Someone who knows where the organisation stands but not where it should go: counted as a
    target don't-know, per question and dimension, in the JSON, on screen and in the report."""
    people = []
    for i in range(4):
        answers = {q.id: (3, "dk" if (i < 2 and q.dimension == "martech") else 4, "") for q in framework.questions}
        people.append(RespondentAnswers(facts={"organisation": "Doel BV", "role": "executive", "name": f"P{i}"},
                                        answers=answers))
    assessment = score(survey_from_answers(framework, people, source="test"))
    dims = assessment.dimension_scores.set_index("dimension")
    n_martech = sum(q.dimension == "martech" for q in framework.questions)
    assert dims.loc["martech", "n_dk_target"] == 2 * n_martech and dims.loc["martech", "n_dk"] == 0
    assert dims.loc["martech", "n_answers_target"] == 4 * n_martech
    assert dims.loc["vision", "n_dk_target"] == 0
    assert (assessment.question_scores.set_index("question").loc["TEC-1", ["n_dk", "n_dk_target"]] == [0, 2]).all()
    assert dims.loc["martech", "target"] == 4  # left out of the target mean, never counted as low
    data = assessment.to_dict("nl")
    martech = next(d for d in data["dimensions"] if d["id"] == "martech")
    assert martech["n_dk_target"] == 2 * n_martech and martech["n_dk"] == 0
    assert next(q for q in data["questions"] if q["id"] == "TEC-1")["n_dk_target"] == 2
    assert "Bij de gewenste situatie zijn" in dimension_dont_know(assessment, "martech", "nl")
    assert "For the target" in dimension_dont_know(assessment, "martech", "en")
    assert dimension_dont_know(assessment, "vision", "nl") == ""
    table = question_table(assessment, "martech", "nl")
    assert set(table["weet het niet"]) == {"doel: 2 weten het niet"}
    report = load_workbook(io.BytesIO(build_report(assessment, "en")), read_only=True)
    rows = list(report["Questions"].iter_rows(values_only=True)) if "Questions" in report.sheetnames else []
    header = next(r for r in rows if r and "target: don't know" in r)
    column = header.index("target: don't know")
    assert sum(r[column] or 0 for r in rows[rows.index(header) + 1:] if isinstance(r[column], int)) == 2 * n_martech
