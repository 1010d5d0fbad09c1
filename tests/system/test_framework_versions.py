"""Framework versions: 2.1 is the default, 1.0 and 2.0 still ship, and whatever was made with 1.0
(workbooks, saved waves, peer entries) is read and scored against 1.0. Old seven-step ids
(ORG-n, now SORG-n) still read from files and stored rows."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from omni.demo import demo_respondents
from omni.framework import (
    DEFAULT_FRAMEWORK_ID,
    FrameworkError,
    _check_replaces,
    builtin_frameworks,
    framework_for,
    framework_versions,
    get_framework,
    load_framework,
)
from omni.peers import ensure_demo_peers
from omni.scoring import score
from omni.store import open_store
from omni.store.assessments import load_survey, save_assessment
from omni.store.migrate import upgrade
from omni.store.schema import assessment_answers, peer_entries
from omni.store.testing import database_url_for
from omni.survey.reader import read_survey, survey_from_answers
from omni.template import write_workbook
from tests.helpers import fill_template

V1 = "1.0"


@pytest.fixture(scope="module")
def v1():
    return get_framework(DEFAULT_FRAMEWORK_ID, V1)


def test_versions_api(v1):
    assert framework_versions(DEFAULT_FRAMEWORK_ID) == ("1.0", "2.0", "2.1")
    assert get_framework().version == "2.1" and get_framework(DEFAULT_FRAMEWORK_ID, None).version == "2.1"
    assert v1.version == "1.0" and v1.path.endswith("omnichannel-maturity-1.0.yaml")
    assert framework_versions("nope") == ()
    with pytest.raises(KeyError, match="no version '9.9'.*1.0, 2.0, 2.1"):
        get_framework(DEFAULT_FRAMEWORK_ID, "9.9")
    assert framework_for(DEFAULT_FRAMEWORK_ID, "1.0") is v1
    assert framework_for(DEFAULT_FRAMEWORK_ID, "0.3").version == "2.1"  # not shipped: the newest
    assert framework_for(DEFAULT_FRAMEWORK_ID, "2.0").path.endswith("omnichannel-maturity-2.0.yaml")
    # 1.0 keeps its own texts; 2.0 says which 1.0 question each of its questions continues
    assert v1.question("VIS-1").text("nl").startswith("Waarin we ons voor de klant onderscheiden")
    assert get_framework().question("VIS-1").replaces == ("VIS-1",)


def test_replaces_must_name_a_question_of_an_earlier_version(tmp_path, v1):
    text = (get_framework().path and open(get_framework().path, encoding="utf-8").read())
    path = tmp_path / "next.yaml"
    path.write_text(text.replace("replaces: VIS-1\n", "replaces: VIS-99\n", 1), encoding="utf-8")
    with pytest.raises(FrameworkError, match="VIS-99 is not a question of an earlier version"):
        _check_replaces([v1, load_framework(path)])


def test_a_1_0_workbook_is_read_and_scored_against_1_0(tmp_path, v1):
    answers = {q.id: (2, 4) for q in v1.questions}
    path = fill_template(tmp_path / "v1.xlsx", v1, "nl", answers, {"role": "Directie"})
    survey = read_survey([path])
    assert survey.ok and survey.framework.version == "1.0"
    assert set(survey.answers["question"]) == {q.id for q in v1.questions}
    assert not [p for p in survey.problems if p.key == "problem.framework_version"]
    # also when the app passes the default framework (2.1) explicitly
    assert read_survey([path], get_framework()).framework.version == "1.0"


def test_a_1_0_and_a_2_0_workbook_together_are_refused(tmp_path, v1):
    a = fill_template(tmp_path / "a.xlsx", v1, "nl", {q.id: (2, 3) for q in v1.questions})
    b = fill_template(tmp_path / "b.xlsx", get_framework(), "nl", {q.id: (2, 3) for q in get_framework().questions})
    survey = read_survey([a, b])
    errors = [p for p in survey.problems if p.key == "problem.mixed_framework_versions"]
    assert errors and "(1.0: a.xlsx; 2.1: b.xlsx)" in errors[0].message("en")  # which file is which
    assert not survey.ok


def test_a_blank_template_says_its_version(tmp_path):
    path = tmp_path / "blank.xlsx"
    write_workbook(path, get_framework(), "en")
    assert read_survey([path]).framework.version == "2.1"
    write_workbook(path, get_framework(DEFAULT_FRAMEWORK_ID, "2.0"), "en")
    assert read_survey([path]).framework.version == "2.0"  # a 2.0 workbook still scores against 2.0


def test_a_2_0_workbook_and_a_saved_2_0_wave_keep_2_0(tmp_path):
    """Waves made while 2.0 was the default keep their version: their TEC-3 and ACT-5 answers mean
    what 2.0 asked, and ACT-8 (new in 2.1) is not asked of them."""
    v2 = get_framework(DEFAULT_FRAMEWORK_ID, "2.0")
    path = fill_template(tmp_path / "v2.xlsx", v2, "nl", {q.id: (3, 4) for q in v2.questions})
    survey = read_survey([path])
    assert survey.ok and survey.framework is v2 and "ACT-8" not in set(survey.answers["question"])
    engine = _engine(tmp_path)
    saved = save_assessment(engine, score(survey), wave="2026", organisation="Twee BV")
    assert saved.framework_version == "2.0" and load_survey(engine, saved.id).framework is v2
    engine.dispose()


def _engine(tmp_path):
    return open_store(database_url_for("sqlite", tmp_path))


def test_a_saved_1_0_wave_still_opens_against_1_0(tmp_path, v1):
    engine = _engine(tmp_path)
    survey = survey_from_answers(v1, demo_respondents(v1, n=4), source="v1")
    scored = score(survey)
    saved = save_assessment(engine, scored, wave="2025", organisation="Oud BV")
    assert saved.framework_version == "1.0"
    reopened = load_survey(engine, saved.id)
    assert reopened.framework is v1
    again = score(reopened)
    assert again.dimension_scores["current"].round(6).tolist() == scored.dimension_scores["current"].round(6).tolist()
    engine.dispose()


def test_stored_seven_step_answers_under_old_ids_still_load(tmp_path, seven_step):
    engine = _engine(tmp_path)
    survey = survey_from_answers(seven_step, demo_respondents(seven_step, n=3), source="7")
    saved = save_assessment(engine, score(survey), wave="2025", organisation="Zeven BV")
    with engine.begin() as connection:  # as a wave saved before the rename stored them
        for n in range(1, 6):
            connection.execute(sa.update(assessment_answers).where(
                assessment_answers.c.assessment_id == saved.id, assessment_answers.c.question == f"SORG-{n}")
                .values(question=f"ORG-{n}"))
        assert connection.scalar(sa.select(sa.func.count()).select_from(assessment_answers).where(
            assessment_answers.c.question == "ORG-1")) == 3
    reopened = load_survey(engine, saved.id)
    before = survey.answers.set_index(["respondent", "question"])["current"]
    after = reopened.answers.set_index(["respondent", "question"])["current"]
    assert after.loc[:, "SORG-1"].fillna(-1).tolist() == before.loc[:, "SORG-1"].fillna(-1).tolist()
    assert not (reopened.answers["question"] == "ORG-1").any()
    engine.dispose()


def test_a_workbook_with_old_seven_step_ids_reads(tmp_path, seven_step):
    from openpyxl import load_workbook

    path = fill_template(tmp_path / "seven.xlsx", seven_step, "en", {q.id: (3, 4) for q in seven_step.questions})
    wb = load_workbook(path)
    ws = wb[wb.sheetnames[2]]
    for row in ws.iter_rows(min_col=1, max_col=1):
        if isinstance(row[0].value, str) and row[0].value.startswith("SORG-"):
            row[0].value = row[0].value[1:]  # the id the question had before
    wb.save(path)
    survey = read_survey([path])
    assert survey.ok and survey.framework.id == "seven-step-experience"
    assert (survey.answers.loc[survey.answers["question"] == "SORG-3", "current"] == 3).all()


def test_peer_entries_keep_their_framework_version(tmp_path):
    """Migration 0006 adds the column; rows from before it are 1.0, new ones say their version."""
    url = database_url_for("sqlite", tmp_path)
    engine = open_store(url, migrate=False)
    upgrade(engine, "0003")
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO peer_entries (org_key, peer_set, framework_id, sector, size_band, channel_model, country,"
            " year, status, synthetic, dimensions, scores, created_at)"
            " VALUES ('k', 'old', 'omnichannel-maturity', 's', 'm', 'c', '', 2024, 'approved', 0, 'vision', x'0000',"
            " :now)"), {"now": now})
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.scalar(sa.select(peer_entries.c.framework_version)) == "1.0"
    engine.dispose()
    engine = open_store(url)
    ensure_demo_peers(engine)  # the demo peer set, made with the newest versions
    with engine.connect() as connection:
        versions = set(connection.scalars(sa.select(peer_entries.c.framework_version).where(
            peer_entries.c.peer_set != "old")))
    engine.dispose()
    assert versions == {fw.version for fw in builtin_frameworks().values()}  # the newest version of each


def test_level_lines_show_what_each_dimension_level_means():
    from omni.level_view import level_line, level_lines

    fw = get_framework()
    assessment = score(survey_from_answers(fw, demo_respondents(fw, n=4), source="demo"))
    lines = level_lines(assessment, "nl")
    assert [x.dimension for x in lines] == [d.id for d in fw.dimensions]
    for line in lines:
        dimension = fw.dimension(line.dimension)
        assert line.descriptor == dimension.level_descriptor(line.level)("nl")
        assert line.next_descriptor == (dimension.level_descriptor(line.level + 1)("nl") if line.level < 5 else "")
    assert level_line(assessment, "martech", "en").descriptor == fw.dimension("martech").level_descriptor(
        level_line(assessment, "martech", "en").level)("en")
    # version 1.0 has no descriptors: nothing to show, nothing breaks
    v1 = get_framework(DEFAULT_FRAMEWORK_ID, "1.0")
    old = score(survey_from_answers(v1, demo_respondents(v1, n=3), source="demo"))
    assert all(x.descriptor == "" for x in level_lines(old, "en"))


def test_a_forms_export_with_1_0_texts_is_scored_against_1_0(tmp_path, v1):
    """No meta sheet: the header texts are 1.0's, so 1.0 maps more columns than 2.0 and wins."""
    from openpyxl import Workbook
    from test_intake_formats import forms_export_rows

    people = demo_respondents(v1, n=5, seed=4, lang="nl")
    wb = Workbook()
    for row in forms_export_rows(v1, people, "nl"):
        wb.active.append(row)
    path = tmp_path / "forms-2025.xlsx"
    wb.save(path)
    survey = read_survey([path])
    assert survey.ok and survey.framework.version == "1.0"
    assert set(survey.answers["question"]) == {q.id for q in v1.questions}
    # the same export with the default's texts reads as the default (2.1)
    wb = Workbook()
    fw = get_framework()
    for row in forms_export_rows(fw, demo_respondents(fw, n=5, seed=4, lang="nl"), "nl"):
        wb.active.append(row)
    wb.save(path)
    assert read_survey([path]).framework.version == "2.1"


@pytest.mark.parametrize("fid, version", [(DEFAULT_FRAMEWORK_ID, "2.0"), ("seven-step-experience", "1.0"),
                                          (DEFAULT_FRAMEWORK_ID, "2.1"), ("seven-step-experience", "2.0")])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_forms_export_with_the_earlier_wording_of_a_version_still_scores(tmp_path, fid, version, lang):
    """Texts corrected within a version (questionnaire-v2 and -v2.1 re-reviews) keep their earlier wording
    (`was`): a Forms export whose headers and answers are the earlier question and option texts
    reads as the same version, every answer at the level it had."""
    from openpyxl import Workbook

    fw = get_framework(fid, version)  # 2.1 and seven-step 2.0: the corrections of the 2.1 re-review's left list
    corrected = [q for q in fw.questions if q.earlier_options or q.earlier_texts]
    assert corrected
    cur, tgt = ("Huidig", "Gewenst") if lang == "nl" else ("Current", "Target")
    header = ["ID", "Start time", "Completion time", "Email", "Name",
              "Wat is uw rol?" if lang == "nl" else "What is your role?"]
    rows, expected = [], []
    for n in range(3):
        row = [n + 1, dt.datetime(2026, 10, 12, 9), dt.datetime(2026, 10, 12, 9, 20), f"p{n}@example.nl", "",
               "Directie"]
        answers = {}
        for q in corrected:
            old = dict(q.earlier_options)
            # the earlier wording where there is one, at a level that has one, otherwise the current text
            level = sorted(old)[n % len(old)] if old else n + 1
            text = (old.get(level) or q.option(level))(lang)
            row += [text, text]
            answers[q.id] = level
        rows.append(row)
        expected.append(answers)
    for q in corrected:
        stem = (q.earlier_texts[0] if q.earlier_texts else q.text)(lang)
        header += [f"{stem} - {cur}", f"{stem} - {tgt}"]
    wb = Workbook()
    wb.active.title = "Form1"
    for row in [header, *rows]:
        wb.active.append(row)
    path = tmp_path / "forms.xlsx"
    wb.save(path)
    survey = read_survey([path], framework=fw)
    assert survey.ok, survey.problems
    assert survey.framework.version == fw.version
    got = survey.answers.pivot_table(index="respondent", columns="question", values="current")
    assert set(got.columns) == {q.id for q in corrected}
    assert [dict(got.loc[r].astype(int)) for r in got.index] == expected


def test_a_forms_export_with_2_0_texts_keeps_every_answer_at_its_level(tmp_path):
    """A Forms export has no meta sheet. 2.1 asks the 2.0 questions in the same words, so an export
    made from 2.0 is read as 2.1 (the newest wins a tie), and the answer texts of 2.0 (TEC-3 L5, ACT-5
    L3/L5, the top-team wording) still give the level they had; ACT-8, new in 2.1, is simply missing."""
    from openpyxl import Workbook
    from test_intake_formats import forms_export_rows

    v2 = get_framework(DEFAULT_FRAMEWORK_ID, "2.0")
    people = demo_respondents(v2, n=6, seed=11, lang="nl")
    wb = Workbook()
    for row in forms_export_rows(v2, people, "nl"):
        wb.active.append(row)
    path = tmp_path / "forms-2-0.xlsx"
    wb.save(path)
    survey = read_survey([path])
    assert survey.ok and survey.framework.version == "2.1"
    act8 = survey.answers.loc[survey.answers["question"] == "ACT-8"]
    assert act8["current"].isna().all() and not act8["current_na"].any()  # not asked: no answer, not n/a
    got = survey.answers.pivot_table(index="respondent", columns="question", values="current")
    for n, person in enumerate(people):
        for qid in ("TEC-3", "ACT-5", "VIS-1", "VIS-6"):
            given = person.answers[qid][0]
            if isinstance(given, int):
                assert got.iloc[n][qid] == given, (n, qid)
