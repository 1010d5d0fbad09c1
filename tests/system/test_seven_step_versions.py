"""The seven-step model's version 2.0 (the 2.0 quality pass) next to its version 1.0: new surveys
get 2.0, and whatever was made with 1.0 (workbooks, Forms exports, saved waves, ids from before
the SORG rename) is still read and scored against 1.0. Waves of the two versions compare per
dimension and, because every 2.0 question names the 1.0 question it continues, per question."""

from __future__ import annotations

import numpy as np
import pytest
from openpyxl import Workbook

from omni.demo import demo_respondents
from omni.framework import builtin_frameworks, framework_for, framework_versions, get_framework
from omni.history import comparable_questions, compare_waves, organisation_history, version_note
from omni.scoring import score
from omni.store import open_store
from omni.store.assessments import load_survey, save_assessment
from omni.store.testing import database_url_for
from omni.survey.model import RespondentAnswers
from omni.survey.reader import read_survey, survey_from_answers
from tests.helpers import fill_template

SEVEN = "seven-step-experience"
V1, V2 = get_framework(SEVEN, "1.0"), get_framework(SEVEN, "2.0")


def test_2_0_is_offered_and_1_0_still_ships():
    assert framework_versions(SEVEN) == ("1.0", "2.0")
    assert builtin_frameworks()[SEVEN] is V2 and get_framework(SEVEN) is V2
    assert V1.path.endswith("seven-step-experience-1.0.yaml")
    assert framework_for(SEVEN, "1.0") is V1 and framework_for(SEVEN, None) is V2
    # the same dimensions and ids; every 2.0 question continues the 1.0 question with its id
    assert [d.id for d in V1.dimensions] == [d.id for d in V2.dimensions]
    assert [q.id for q in V1.questions] == [q.id for q in V2.questions]
    assert all(q.replaces == (q.id,) for q in V2.questions)
    # 1.0 keeps its own texts; 2.0 asks in new words (so a file in 1.0 texts is told apart)
    assert V1.question("BCR-3").option(4)("nl").startswith("Een meerjarige roadmap volgt de bouwstenen")
    old_stems = {s(lang)[:38].lower() for q in V1.questions for s in q.question_texts() for lang in ("nl", "en")}
    assert not {q.text(lang)[:38].lower() for q in V2.questions for lang in ("nl", "en")} & old_stems
    # the old ids of the organisation questions (ORG-n, until the default framework's 2.0) still read
    assert V2.canonical_id("ORG-3") == "SORG-3" == V1.canonical_id("ORG-3")


def test_a_1_0_workbook_is_read_and_scored_against_1_0(tmp_path):
    path = fill_template(tmp_path / "seven-1.0.xlsx", V1, "nl", {q.id: (2, 4) for q in V1.questions})
    for framework in (None, V2):  # detected from the file, and when the app names the newest version
        survey = read_survey([path], framework)
        assert survey.ok and survey.framework is V1, survey.problems
        assert set(survey.answers["question"]) == {q.id for q in V1.questions}
    assert read_survey([fill_template(tmp_path / "seven-2.0.xlsx", V2, "en", {})]).framework is V2


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_forms_export_is_scored_against_the_version_its_texts_come_from(tmp_path, lang):
    """No meta sheet: the header texts say which version the form was built from."""
    from test_intake_formats import forms_export_rows

    for framework in (V1, V2):
        people = demo_respondents(framework, n=4, seed=3, lang=lang)
        wb = Workbook()
        for row in forms_export_rows(framework, people, lang):
            wb.active.append(row)
        path = tmp_path / f"forms-{framework.version}.xlsx"
        wb.save(path)
        survey = read_survey([path])
        assert survey.ok, [p.describe("en") for p in survey.errors][:3]
        assert survey.framework.id == SEVEN and survey.framework.version == framework.version
        assert set(survey.answers["question"]) == {q.id for q in framework.questions}


def _wave(framework, current: dict[str, int], date: str):
    person = RespondentAnswers(
        facts={"organisation": "Zeven BV", "sector": "home", "size_band": "m", "channel_model": "store_led",
               "role": "executive", "date": date},
        answers={q.id: (current[q.id], 5, "") for q in framework.questions})
    return score(survey_from_answers(framework, [person]))


def test_a_saved_1_0_wave_reopens_against_1_0_and_compares_with_a_2_0_wave(tmp_path):
    engine = open_store(database_url_for("sqlite", tmp_path))
    first = {q.id: 1 + i % 3 for i, q in enumerate(V1.questions)}
    before = _wave(V1, first, "2025-03-01")
    saved = save_assessment(engine, before, wave="2025")
    save_assessment(engine, _wave(V2, {q.id: 4 for q in V2.questions}, "2026-03-01"), wave="2026")
    assert saved.framework_version == "1.0"
    reopened = load_survey(engine, saved.id)
    assert reopened.framework is V1
    assert np.allclose(score(reopened).dimension_scores["current"], before.dimension_scores["current"])

    history = organisation_history(engine, "Zeven BV")
    assert history.versions() == ("1.0", "2.0")
    assert "2025: 1.0" in version_note(history, "nl") and "2026: 2.0" in version_note(history, "en")
    compared = compare_waves(engine, history, history.waves[0].id, history.waves[1].id, top=100)
    assert len(compared.dimensions) == len(V2.dimensions)
    assert dict(zip(compared.questions["question"], compared.questions["before"])) == pytest.approx(first)
    assert comparable_questions(V1, V2) == {q.id: (q.id,) for q in V2.questions}
    assert comparable_questions(V1, get_framework()) == {}  # another framework never compares per question
    engine.dispose()


def test_2_0_shows_level_descriptors_and_advice_plans():
    """The seven-step 2.0 descriptors reach the level lines shown on screen, and its 90-day plans
    the roadmap and the report, as the default framework's do; 1.0 has none and still exports."""
    import io

    from openpyxl import load_workbook

    from omni.export.report import build_report
    from omni.level_view import level_lines
    from omni.roadmap import build_roadmap

    assessment = score(survey_from_answers(V2, demo_respondents(V2, n=4, seed=5)))
    lines = level_lines(assessment, "nl")
    assert all(x.descriptor == V2.dimension(x.dimension).level_descriptor(x.level)("nl") for x in lines)
    plan = build_roadmap(assessment)
    steps = {d.advice_plan(level).step("nl") for d in V2.dimensions for level in range(1, 6)}
    report = load_workbook(io.BytesIO(build_report(assessment, "nl")), read_only=True)
    cells = " ".join(str(c) for sheet in report.worksheets for row in sheet.iter_rows(values_only=True)
                     for c in row if c)
    for item in plan.items:
        assert item.advice[0]("nl") in steps and item.advice[0]("nl") in cells, item.dimension
    old = score(survey_from_answers(V1, demo_respondents(V1, n=3, seed=5)))
    assert all(x.descriptor == "" for x in level_lines(old, "en"))
    assert build_report(old, "en")[:2] == b"PK"
