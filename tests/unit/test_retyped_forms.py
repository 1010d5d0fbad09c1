"""Forms that people typed themselves instead of importing ours, exported as Google Forms and Microsoft
Forms write them: numbered titles ("3. VIS-1 ... (Current) *", "2. Organisatie"), Google grids whose
rows hold the id or a topic under a title that says today or later, and a Dutch Google CSV whose time
stamps are text and whose answers are the options' own words. Each must read every respondent and every
question column exactly (found by an independent set of such files, 2026-12-02)."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io

import pytest
from helpers import assert_answers
from openpyxl import Workbook

from omni.demo import demo_respondents
from omni.survey import read_survey


def _plain(people):
    """The same people with don't-know and n/a left blank: a linear scale or grid offers neither."""
    return [dataclasses.replace(p, answers={q: tuple(None if v in ("na", "dk") else v for v in (c, t)) + (x,)
                                            for q, (c, t, x) in p.answers.items()}) for p in people]


def _google_time(n: int, lang: str) -> str:
    """A Google Forms CSV time stamp, as an English or a Dutch account writes it (text, not a date)."""
    when = dt.datetime(2026, 11, 23, 9, 20, 52) + dt.timedelta(hours=n)
    hour = when.hour % 12 or 12
    half = ("AM" if when.hour < 12 else "PM") if lang == "en" else ("a.m." if when.hour < 12 else "p.m.")
    zone = "GMT+1" if lang == "en" else "CET"
    return f"{when:%Y/%m/%d} {hour}:{when:%M:%S} {half} {zone}"


def _csv(path, rows) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL).writerows(["" if v is None else v for v in row] for row in rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def _question_columns(survey):
    cmap = survey.column_map
    return cmap.loc[cmap["question"] != ""]


def test_numbered_titles_with_the_id_and_a_required_mark(tmp_path, framework):
    """Google Forms, linear scales titled "3. VIS-1 Distinctive strengths (Current) *": the numbering
    and the asterisk are no part of the id (only 10 of 36 questions were read, and the file scored)."""
    people = _plain(demo_respondents(framework, n=6, seed=31, lang="en"))
    header = ["Timestamp", "Email address", "1. Your name", "2. Your role *"]
    k = 3
    for q in framework.questions:
        for field in ("Current", "Target"):
            header.append(f"{k}. {q.id} {q.topic('en')} ({field}) *")
            k += 1
    rows = [header]
    for n, person in enumerate(people, start=1):
        row = [_google_time(n, "en"), f"p{n}@example.com", person.facts.get("name") or "", "Marketing"]
        for q in framework.questions:
            row += list(person.answers[q.id][:2])
        rows.append(row)
    path = tmp_path / "Omnichannel scan (Responses) - Form responses 1.csv"
    _csv(path, rows)
    survey = read_survey([path])
    assert survey.ok, [p.describe("en") for p in survey.errors][:3]
    assert not [p for p in survey.warnings if p.key in ("problem.column_unmapped", "problem.dimension_unscored")]
    assert len(_question_columns(survey)) == 2 * len(framework.questions)
    assert_answers(survey, framework, people)


@pytest.mark.parametrize("row_text", ["id and topic", "topic"])
def test_google_grids_whose_title_says_today_or_later(tmp_path, framework, row_text):
    """One grid per dimension and moment, titled "Where are we today? - Vision and support" and "Where do
    we want to be in 2-3 years? - ...", its rows "[VIS-1 Distinctive strengths]" or the topic alone: the
    title gives the field, the row the question - also for TEC-4 "Future-readiness", whose topic holds a
    target word (its current column was read as a second target, and the file refused)."""
    people = _plain(demo_respondents(framework, n=5, seed=32, lang="en"))
    titles = ("Where are we today?", "Where do we want to be in 2-3 years?")
    header, slots = ["Timestamp", "Email address"], []
    for dimension in framework.dimensions:
        for moment, title in enumerate(titles):
            for q in dimension.questions:
                row = f"{q.id} {q.topic('en')}" if row_text == "id and topic" else q.topic("en")
                header.append(f"{title} - {dimension.name('en')} [{row}]")
                slots.append((q.id, moment))
    rows = [header]
    for n, person in enumerate(people, start=1):
        rows.append([_google_time(n, "en"), f"p{n}@example.com",
                     *(person.answers[qid][moment] for qid, moment in slots)])
    path = tmp_path / "grids.csv"
    _csv(path, rows)
    survey = read_survey([path])
    assert survey.ok, [p.describe("en") for p in survey.errors][:3]
    columns = _question_columns(survey)
    assert len(columns) == 2 * len(framework.questions)
    tec4 = columns.loc[columns["question"] == "TEC-4"]
    assert list(tec4["field"]) == ["current", "target"]
    assert_answers(survey, framework, people)


def test_microsoft_forms_typed_by_hand_with_numbered_titles(tmp_path, framework):
    """A Dutch Microsoft Form typed by hand: "1. Wat is uw functie?", "2. Organisatie" (a fact, not the
    question about support in the organisation; also without a space after the number), then "3. Onderscheidend vermogen (huidig)" ..."""
    people = demo_respondents(framework, n=5, seed=33, lang="nl")
    header = ["Id", "Begintijd", "Tijd van voltooien", "E-mail", "Naam", "1. Wat is uw functie?", "2.Organisatie"]
    k = 3
    for q in framework.questions:
        for field in ("huidig", "gewenst"):
            header.append(f"{k}. {q.topic('nl')} ({field})")
            k += 1
    wb = Workbook()
    ws = wb.active
    ws.title = "Form1"
    ws.append(header)
    for n, person in enumerate(people, start=1):
        done = dt.datetime(2026, 11, 24, 10, 0) + dt.timedelta(minutes=17 * n)
        row = [n, done - dt.timedelta(minutes=9), done, "anoniem", "", "Marketing", "WonenPlus"]
        for q in framework.questions:
            row += [{"na": "n.v.t.", "dk": "weet ik niet"}.get(v, v) if isinstance(v, str) else v
                    for v in person.answers[q.id][:2]]
        ws.append(row)
    path = tmp_path / "Omnichannel-scan(1-5).xlsx"
    wb.save(path)
    survey = read_survey([path])
    assert survey.ok, [p.describe("nl") for p in survey.errors][:3]
    assert set(survey.respondents["organisation"]) == {"WonenPlus"}
    assert len(_question_columns(survey)) == 2 * len(framework.questions)
    assert_answers(survey, framework, people)


def test_a_dutch_google_csv_with_option_texts_keeps_its_first_respondent(tmp_path, framework):
    """Google Forms from a Dutch account without e-mail collection: "Tijdstempel" as text
    ("2026/11/23 9:20:52 a.m. CET") and answers that are the options' words (no digits). The first
    response was taken for a second header row and its respondent dropped without a word."""
    people = demo_respondents(framework, n=6, seed=34, lang="nl")
    header = ["Tijdstempel", "Naam (optioneel)", "Rol", "Afdeling", "Organisatie"]
    for q in framework.questions:
        text = f"{q.id} {q.topic('nl')}: {q.text('nl')}"
        header += [f"{text} Hoe is het nu? (Huidig)", f"{text} Waar willen we over 2-3 jaar staan? (Gewenst)"]
    rows = [header]
    for n, person in enumerate(people, start=1):
        row = [_google_time(n, "nl"), person.facts.get("name") or "", "Marketing", person.facts["department"],
               person.facts["organisation"]]
        for q in framework.questions:
            row += [None if v is None else {"na": "n.v.t.", "dk": "weet ik niet"}.get(v) or q.option(v)("nl")
                    for v in person.answers[q.id][:2]]
        rows.append(row)
    path = tmp_path / "Omnichannel-scan (Reacties) - Formulierreacties 1.csv"
    _csv(path, rows)
    survey = read_survey([path])
    assert survey.ok, [p.describe("nl") for p in survey.errors][:3]
    assert len(survey.respondents) == len(people)
    assert survey.respondents.iloc[0]["date"] == "2026-11-23"
    assert_answers(survey, framework, people)


def test_a_dimension_without_any_score_is_said_once(tmp_path, framework):
    """Columns of four dimensions not recognised (here: not in the file): the file scores, and each of those
    dimensions gets one warning saying the overall index rests on the one that has scores."""
    people = _plain(demo_respondents(framework, n=4, seed=35, lang="en"))
    audiences = [q for q in framework.questions if q.dimension == "audiences"]
    rows = [["Timestamp", *(f"{q.id} {f}" for q in audiences for f in ("Current", "Target"))]]
    rows += [[_google_time(n, "en"), *(v for q in audiences for v in p.answers[q.id][:2])]
             for n, p in enumerate(people, start=1)]
    path = tmp_path / "audiences.csv"
    _csv(path, rows)
    survey = read_survey([path])
    assert survey.ok
    said = [p for p in survey.warnings if p.key == "problem.dimension_unscored"]
    assert len(said) == len(framework.dimensions) - 1
    assert said[0].message("nl").startswith("onderdeel Visie en draagvlak heeft geen enkele score: de totaalindex "
                                            "staat op 1 van de 5 onderdelen")
    assert said[0].message("en").startswith("dimension Vision and support has no score at all")
    assert not [p for p in said if "Audiences" in p.message("en")]
