"""Situations real response files are in, found by an independent set of such files (2026-12-02): a Google
Sheet with two response tabs, an answer that reads like a summary label, names people type when a form
insists on one, British dates, a response edited between two downloads, a template with the team's
averages beside it, and a legend above a consultant's table. Each must keep every respondent, and the
right version of each."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io

import pytest
from helpers import assert_answers, fill_template
from openpyxl import Workbook, load_workbook

from omni.demo import demo_respondents
from omni.survey import read_survey
from omni.template import write_workbook


def _plain(people):
    """Don't-know and n/a left blank: a linear scale offers neither."""
    return [dataclasses.replace(p, answers={q: tuple(None if v in ("na", "dk") else v for v in (c, t)) + (x,)
                                            for q, (c, t, x) in p.answers.items()}) for p in people]


def _titles(framework, lang: str) -> list[str]:
    """Question columns as our form for Google Forms titles them (omni forms --tool google)."""
    now, later = (("Hoe is het nu? (Huidig)", "Waar willen we over 2-3 jaar staan? (Gewenst)") if lang == "nl"
                  else ("Where are we today? (Current)", "Where do we want to be in 2-3 years? (Target)"))
    return [f"{q.id} {q.topic(lang)}: {q.text(lang)} {moment}" for q in framework.questions for moment in (now, later)]


def _scores(framework, person) -> list:
    return [v for q in framework.questions for v in person.answers[q.id][:2]]


def _csv(path, rows) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(["" if v is None else v for v in row] for row in rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def test_a_google_sheet_with_two_response_tabs_reads_the_fuller_one_and_names_the_other(tmp_path, framework):
    """The form was linked to the sheet again: "Formulierreacties 2" holds every response, the old tab the
    first three. The fuller tab is read (the first one was, in silence) and the other one named."""
    people = _plain(demo_respondents(framework, n=6, seed=41, lang="nl"))
    header = ["Tijdstempel", "E-mailadres", *_titles(framework, "nl")]
    wb = Workbook()
    old = wb.active
    old.title = "Formulierreacties 1"
    new = wb.create_sheet("Formulierreacties 2")
    for tab, who in ((old, people[:3]), (new, people)):
        tab.append(header)
        for n, person in enumerate(who, start=1):
            tab.append([dt.datetime(2026, 11, 20, 9) + dt.timedelta(hours=n), f"p{n}@voorbeeld.nl",
                        *_scores(framework, person)])
    path = tmp_path / "Omnichannel-scan (antwoorden).xlsx"
    wb.save(path)
    survey = read_survey([path])
    assert survey.ok, [p.describe("nl") for p in survey.errors][:3]
    assert_answers(survey, framework, people)
    (said,) = [p for p in survey.warnings if p.key == "problem.responses_not_read"]
    assert said.sheet == "Formulierreacties 1" and "alleen blad 'Formulierreacties 2' is gelezen" in said.message("nl")
    one_tab = tmp_path / "een.xlsx"  # one tab: nothing to say
    wb.remove(old)
    wb.save(one_tab)
    assert not [p for p in read_survey([one_tab]).warnings if p.key == "problem.responses_not_read"]


def test_an_answer_that_reads_like_a_summary_label_is_a_respondent(tmp_path, framework):
    """"Average" answered to a question of the form's own (how well do you know omnichannel?) is no
    summary row; a row labelled Average whose scores are means still is."""
    people = _plain(demo_respondents(framework, n=5, seed=42, lang="en"))
    header = ["Timestamp", "How would you rate your own knowledge of omnichannel retail?", *_titles(framework, "en")]
    rows = [header]
    for n, person in enumerate(people, start=1):
        rows.append([f"2026/11/2{n} 10:0{n}:00 AM GMT+1", ("Basic", "Average", "Expert")[n % 3],
                     *_scores(framework, person)])
    path = tmp_path / "responses.csv"
    _csv(path, rows)
    survey = read_survey([path])
    assert survey.ok and not [p for p in survey.warnings if p.key == "problem.summary_row"]
    assert_answers(survey, framework, people)
    means = [round(sum(p.answers[q.id][i] or 0 for p in people) / len(people), 2) + 0.001
             for q in framework.questions for i in (0, 1)]
    _csv(path, [*rows, ["", "Average", *means]])  # a consultant's row of means under the responses
    survey = read_survey([path])
    (summary,) = [p for p in survey.warnings if p.key == "problem.summary_row"]
    assert summary.cell == f"B{len(people) + 2}"
    assert_answers(survey, framework, people)


def test_what_people_type_when_a_form_insists_on_a_name_is_no_person(tmp_path, framework):
    """A required name answered "n.v.t.", "x" or "-": different people, never one person's resubmissions;
    the same real name twice still is (the later response counts)."""
    people = _plain(demo_respondents(framework, n=6, seed=43, lang="nl"))
    names = ["n.v.t.", "x", "-", "N.v.t.", "Marieke", "Marieke"]
    rows = [["Tijdstempel", "Naam", *_titles(framework, "nl")]]
    for n, (name, person) in enumerate(zip(names, people), start=1):
        rows.append([f"2026/11/2{n} 9:1{n}:00 a.m. CET", name, *_scores(framework, person)])
    path = tmp_path / "antwoorden.csv"
    _csv(path, rows)
    survey = read_survey([path])
    dropped = [p for p in survey.warnings if p.key == "problem.resubmission_dropped"]
    assert len(dropped) == 1 and dropped[0].file == "antwoorden.csv: 6"  # Marieke's first response, row 6
    assert_answers(survey, framework, people[:4] + people[5:])


def test_day_first_time_stamps_of_a_british_google_sheet_decide_the_latest(tmp_path, framework):
    """10/11/2026 and 03/12/2026 in a sheet that also has 23/11/2026: November the 10th and December the
    3rd, so the response of 3 December counts (it was read as March the 12th and dropped)."""
    people = _plain(demo_respondents(framework, n=4, seed=44, lang="en"))
    when = ["10/11/2026 09:12:00", "23/11/2026 14:02:11", "24/11/2026 08:45:40", "03/12/2026 10:00:00"]
    mails = ["ann@example.co.uk", "bob@example.co.uk", "cy@example.co.uk", "ann@example.co.uk"]
    rows = [["Timestamp", "Email address", *_titles(framework, "en")]]
    rows += [[w, m, *_scores(framework, p)] for w, m, p in zip(when, mails, people)]
    path = tmp_path / "uk.csv"
    _csv(path, rows)
    survey = read_survey([path])
    (dropped,) = [p for p in survey.warnings if p.key == "problem.resubmission_dropped"]
    assert dropped.file == "uk.csv: 2"  # the response of 10 November
    assert_answers(survey, framework, people[1:])


def test_a_response_edited_between_two_downloads_counts_as_edited(tmp_path, framework):
    """Microsoft Forms, "Open in Excel" twice; in between a respondent edited his response, which fills
    "Last modified time" (the completion time stays). Uploaded together, newest download first as a
    file dialog sorts "(1)" before the plain name: the edited answers count."""
    people = _plain(demo_respondents(framework, n=4, seed=45, lang="en"))
    edited = _plain(demo_respondents(framework, n=1, seed=46, lang="en"))[0]
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time", *_titles(framework, "en")]

    def download(path, first, modified):
        wb = Workbook()
        ws = wb.active
        ws.title = "Form1"
        ws.append(header)
        for n, person in enumerate([first, *people[1:]], start=1):
            done = dt.datetime(2026, 11, 20, 10) + dt.timedelta(hours=n)
            ws.append([n, done - dt.timedelta(minutes=8), done, f"p{n}@example.com", f"Person {n}",
                       modified if n == 1 else None, *_scores(framework, person)])
        wb.save(path)

    older, newer = tmp_path / "Omnichannel-scan(1-4).xlsx", tmp_path / "Omnichannel-scan(1-4) (1).xlsx"
    download(older, people[0], None)
    download(newer, edited, dt.datetime(2026, 11, 28, 16, 30))
    survey = read_survey([newer, older])
    assert_answers(survey, framework, [edited, *people[1:]])  # the newer download first, as uploaded


def test_a_team_template_with_the_dimensions_averages_beside_it(tmp_path, framework):
    """Our respondents template with "Organisatie (huidig)" and the like added on the right (a dimension's
    average, typed or computed): no question of that dimension - a column skipped and said; the file was
    refused because "Organisatie" was read as a question about the organisation."""
    people = demo_respondents(framework, n=4, seed=47, lang="nl")
    path = tmp_path / "team.xlsx"
    write_workbook(path, framework, "nl", "respondents", people)
    wb = load_workbook(path)
    ws = wb["Respondenten"]
    right = ws.max_column + 1
    for i, dimension in enumerate(framework.dimensions):
        for j, field in enumerate(("huidig", "gewenst")):
            col = right + 2 * i + j
            ws.cell(row=1, column=col, value=f"{dimension.name('nl')} ({field})")
            for r in range(2, 2 + len(people)):
                ws.cell(row=r, column=col, value=3.25)
    wb.save(path)
    survey = read_survey([path])
    assert survey.ok, [p.describe("nl") for p in survey.errors][:3]
    skipped = [p for p in survey.warnings if p.key == "problem.column_unmapped"]
    assert len(skipped) == 2 * len(framework.dimensions) and "Organisatie (huidig)" in skipped[2].message("nl")
    assert set(survey.respondents["organisation"]) == {people[0].facts["organisation"]}
    assert_answers(survey, framework, people)


def test_a_consultants_table_below_a_legend_of_fourteen_rows(tmp_path, framework):
    """A workshop sheet: a title, a legend of the levels and notes, then the table on row 16."""
    people = _plain(demo_respondents(framework, n=3, seed=48, lang="nl"))
    wb = Workbook()
    ws = wb.active
    ws.append(["Workshop omnichannel - scores per deelnemer"])
    for level in framework.levels:
        ws.append([level.level, level.name("nl")])
    ws.append([])
    for note in ("Vul per vraag huidig en gewenst in (1 tot 5).", "n.v.t. mag.", "Bron: teamsessie 24 november.",
                 "", "Gemaakt door: adviseur", "", ""):
        ws.append([note])
    ws.append(["Naam", *(f"{q.id} {f}" for q in framework.questions for f in ("huidig", "gewenst"))])
    header_row = ws.max_row
    for n, person in enumerate(people, start=1):
        ws.append([f"Deelnemer {n}", *_scores(framework, person)])
    path = tmp_path / "workshop.xlsx"
    wb.save(path)
    assert header_row > 12
    survey = read_survey([path])
    assert survey.ok, [p.describe("nl") for p in survey.errors][:3]
    assert_answers(survey, framework, people)
    empty = Workbook()
    empty.active.append(["Alleen een titel"])
    empty.save(tmp_path / "leeg.xlsx")
    (error,) = read_survey([tmp_path / "leeg.xlsx"]).errors
    assert "in de eerste 30 regels" in error.message("nl") and "within the first 30 rows" in error.message("en")


def test_importance_asked_as_one_likert_with_the_dimensions_as_statements(tmp_path, framework):
    """Microsoft Forms: one Likert question on importance, its statements the dimensions; the export heads
    each statement's column with the dimension's name alone. Five such columns side by side are importance
    (they were skipped, and "Organisatie" among them taken for the organisation); the form's own
    "Organisatie" question elsewhere stays the organisation's name."""
    people = _plain(demo_respondents(framework, n=4, seed=49, lang="nl"))
    labels = {1: "1 - nauwelijks belangrijk", 3: "3 - belangrijk", 4: "4 - zeer belangrijk", 5: "5 - cruciaal"}
    given = [[4, 3, 5, 1, "dk"], [5, 3, 4, 4, 4], [4, 1, 5, 3, 5], [3, 4, 4, 5, 4]]
    header = ["ID", "Begintijd", "Tijd van voltooien", "E-mail", "Naam", "Organisatie", *_titles(framework, "nl"),
              *(d.name("nl") for d in framework.dimensions)]
    wb = Workbook()
    ws = wb.active
    ws.title = "Form1"
    ws.append(header)
    for n, (person, rated) in enumerate(zip(people, given), start=1):
        done = dt.datetime(2026, 11, 24, 10) + dt.timedelta(hours=n)
        ws.append([n, done - dt.timedelta(minutes=9), done, "anoniem", "", "BuitenSport BV", *_scores(framework, person),
                   *("Weet ik niet" if v == "dk" else labels[v] for v in rated)])
    path = tmp_path / "Omnichannel-scan(1-4).xlsx"
    wb.save(path)
    survey = read_survey([path])
    assert survey.ok, [p.describe("nl") for p in survey.errors][:3]
    assert set(survey.respondents["organisation"]) == {"BuitenSport BV"}
    assert_answers(survey, framework, people)
    means = survey.importance.groupby("dimension")["importance"].mean()
    for i, dimension in enumerate(framework.dimensions):
        values = [row[i] for row in given if row[i] != "dk"]
        assert abs(means[dimension.id] - sum(values) / len(values)) < 1e-9, dimension.id
    assert int(survey.importance["importance_dk"].sum()) == 1


@pytest.mark.parametrize("below", ["topics", "texts", "fields"])
def test_a_two_row_header_of_ids_above_topics_texts_or_fields(tmp_path, framework, below):
    """A consultant's header of two rows: the question ids, and under them the topics, the question texts
    or Huidig / Gewenst. The second row is header, not a respondent (a response whose answers are option
    texts is: test_retyped_forms)."""
    people = _plain(demo_respondents(framework, n=3, seed=51, lang="nl"))
    top, sub = ["Naam"], [""]
    for q in framework.questions:
        top += [q.id, q.id]
        sub += {"topics": [q.topic("nl")] * 2, "texts": [q.text("nl")] * 2, "fields": ["Huidig", "Gewenst"]}[below]
    wb = Workbook()
    ws = wb.active
    ws.append(top)
    ws.append(sub)
    for n, person in enumerate(people, start=1):
        ws.append([f"Deelnemer {n}", *_scores(framework, person)])
    path = tmp_path / "scores.xlsx"
    wb.save(path)
    survey = read_survey([path])
    assert survey.ok, [p.describe("en") for p in survey.errors][:2]
    assert_answers(survey, framework, people)


def test_a_team_template_with_averages_headed_by_the_dimensions_names_alone(tmp_path, framework):
    """The team's averages beside the template under the bare dimension names ("Visie en draagvlak",
    "Organisatie", ...): side by side they look like a Likert of importance, but they hold means (3,25), not
    answers - skipped and said, and "Organisatie" among them is no organisation's name."""
    people = demo_respondents(framework, n=4, seed=52, lang="nl")
    path = tmp_path / "team.xlsx"
    write_workbook(path, framework, "nl", "respondents", people)
    importance = read_survey([path]).importance  # the template's own importance columns
    wb = load_workbook(path)
    ws = wb["Respondenten"]
    right = ws.max_column + 1
    for i, dimension in enumerate(framework.dimensions):
        ws.cell(row=1, column=right + i, value=dimension.name("nl"))
        for r in range(2, 2 + len(people)):
            ws.cell(row=r, column=right + i, value=3.25 if r % 2 else 3)
    wb.save(path)
    survey = read_survey([path])
    assert survey.ok, [p.describe("nl") for p in survey.errors][:3]
    assert len([p for p in survey.warnings if p.key == "problem.column_unmapped"]) == len(framework.dimensions)
    assert set(survey.respondents["organisation"]) == {people[0].facts["organisation"]}
    assert survey.importance.equals(importance)
    assert_answers(survey, framework, people)


@pytest.mark.parametrize("dash", ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212"])
def test_option_labels_with_the_dashes_word_and_pdfs_write(dash):
    """"3 − Grotendeels" pasted from Word or a PDF (the minus sign, a figure dash, a non-breaking hyphen) is
    option 3, as "3 - Grotendeels" is; "3 − 4" stays a range, an error."""
    import numpy as np

    from omni.survey.cells import BAD_CODE, classify

    codes = classify(np.array([f"3 {dash} Grotendeels", f"4{dash}Volledig", f"3 {dash} 4"], dtype=object))
    assert codes.tolist() == [3, 4, BAD_CODE]


@pytest.mark.parametrize("header", ["Your role", "Uw rol", "2. Your role *"])
def test_a_short_fact_question_is_no_question_that_shares_a_word_with_it(seven_step, header):
    """Seven-step's STR-4 "Role of each channel" shares "role" with a form's "Your role": the fact, not a
    weak match on one word (the file was refused: 'Executive board' is not a score)."""
    from omni.survey.headers import match_header

    (match,) = match_header([header], seven_step)
    assert (match.matched_by, match.field) == ("fact", "role")


def test_more_people_in_the_one_person_template_are_said(tmp_path, framework):
    """Our one-person template used for a workshop: two more people as columns "Daan huidig", "Daan gewenst"
    beside Huidig and Gewenst. The sheet is one person's; the other columns are named in a warning (they
    were left out in silence); the template as it is says nothing of the kind."""
    answers = {q.id: (2, 4, "") for q in framework.questions}
    path = fill_template(tmp_path / "workshop.xlsx", framework, "nl", answers, {"organisation": "Huis BV"})
    assert not [p for p in read_survey([path]).warnings if p.key == "problem.columns_not_read"]
    wb = load_workbook(path)
    ws = wb["Antwoorden"]
    header_row = next(r for r in range(1, 20) if ws.cell(row=r, column=1).value in ("ID", "Id"))
    right = ws.max_column + 1
    for i, name in enumerate(("Daan", "Sophie")):
        for j, field in enumerate(("huidig", "gewenst")):
            ws.cell(row=header_row, column=right + 2 * i + j, value=f"{name} {field}")
            for r in range(header_row + 1, header_row + 1 + len(framework.questions)):
                ws.cell(row=r, column=right + 2 * i + j, value=3 + j)
    wb.save(path)
    survey = read_survey([path])
    assert survey.ok and len(survey.respondents) == 1
    (said,) = [p for p in survey.warnings if p.key == "problem.columns_not_read"]
    assert said.sheet == "Antwoorden" and "H 'Daan huidig', I 'Daan gewenst', J 'Sophie huidig'" in said.message("nl")
    assert "dit blad telt als de antwoorden van één persoon" in said.message("nl")


def test_a_table_turned_on_its_side_is_said_as_such(tmp_path, framework):
    """Questions down column A ("VIS-1 huidig", "VIS-1 gewenst" ...), one column per respondent: refused, with
    what happened and how to turn it (was "no question columns found" while the ids stood in column A)."""
    people = _plain(demo_respondents(framework, n=4, seed=53, lang="nl"))
    wb = Workbook()
    ws = wb.active
    ws.title = "Scores"
    ws.append(["Vraag", *(f"Deelnemer {n}" for n in range(1, 5))])
    ws.append(["Functie", "Directie / bestuur", "Marketing", "Marketing", "IT / technologie"])
    for q in framework.questions:
        for i, field in enumerate(("huidig", "gewenst")):
            ws.append([f"{q.id} {field}", *(p.answers[q.id][i] for p in people)])
    wb.save(tmp_path / "gedraaid.xlsx")
    (error,) = read_survey([tmp_path / "gedraaid.xlsx"]).errors
    assert (error.key, error.sheet, error.cell) == ("problem.questions_in_rows", "Scores", "A3")
    assert f"{len(framework.questions)} vraag-ID's vanaf VIS-1 huidig" in error.message("nl")
    assert "Paste Special > Transpose" in error.message("en")


def test_a_form_of_an_earlier_version_among_this_years_forms_is_refused_naming_each_file(tmp_path, framework):
    """Last year's form typed with framework 1.0's texts (no ids) uploaded with this year's export: two
    versions, refused with which file is which - it was scored on 1.0 for all, with this year's answers to
    the questions 1.0 did not ask (AUD-8, ACT-7 ...) dropped."""
    from omni.framework import same_version_of

    old = same_version_of(framework, "1.0")
    new_only = [q for q in framework.questions if not old.has_question(q.id)]
    assert new_only
    wb = Workbook()
    ws = wb.active
    ws.append(["Tijdstempel", *(f"{q.text('nl')} (huidig)" for q in old.questions)])
    ws.append([dt.datetime(2025, 11, 3, 9), *([3] * len(old.questions))])
    wb.save(tmp_path / "vorig-jaar.xlsx")
    people = _plain(demo_respondents(framework, n=2, seed=54, lang="nl"))
    rows = [["Tijdstempel", *_titles(framework, "nl")]]
    rows += [[f"2026/11/2{n} 9:00:00 a.m. CET", *_scores(framework, p)] for n, p in enumerate(people, start=1)]
    _csv(tmp_path / "dit-jaar.csv", rows)
    survey = read_survey([tmp_path / "vorig-jaar.xlsx", tmp_path / "dit-jaar.csv"])
    (error,) = survey.errors
    assert error.key == "problem.mixed_framework_versions"
    assert f"(1.0: vorig-jaar.xlsx; {framework.version}: dit-jaar.csv)" in error.message("nl")
    assert read_survey([tmp_path / "vorig-jaar.xlsx"]).framework.version == "1.0"  # alone: its own version


def test_importance_asked_at_the_end_of_each_section_is_that_sections(tmp_path, framework):
    """A form with a section per dimension, each ending in the same rating "Hoe belangrijk is dit onderdeel
    voor ons?" (Excel numbers the repeats "...ons?2" ... "...ons?5"): each is the importance of the dimension
    of the questions before it (all five were skipped)."""
    people = _plain(demo_respondents(framework, n=4, seed=55, lang="nl"))
    stars = [[4, 3, 5, 2, 4], [5, 3, 4, 4, 3], [3, 4, 5, 3, 2], [4, 4, 4, 5, 3]]
    header = ["ID", "Begintijd", "Tijd van voltooien", "E-mail", "Naam"]
    for d, dimension in enumerate(framework.dimensions):
        header += [f"{q.id} {q.topic('nl')} ({f})" for q in dimension.questions for f in ("huidig", "gewenst")]
        header.append("Hoe belangrijk is dit onderdeel voor ons?" + (str(d + 1) if d else ""))
    wb = Workbook()
    ws = wb.active
    ws.title = "Form1"
    ws.append(header)
    for n, (person, rated) in enumerate(zip(people, stars), start=1):
        done = dt.datetime(2026, 11, 25, 10) + dt.timedelta(hours=n)
        row = [n, done - dt.timedelta(minutes=7), done, "anoniem", ""]
        for d, dimension in enumerate(framework.dimensions):
            row += [v for q in dimension.questions for v in person.answers[q.id][:2]] + [rated[d]]
        ws.append(row)
    wb.save(tmp_path / "secties.xlsx")
    survey = read_survey([tmp_path / "secties.xlsx"])
    assert survey.ok, [p.describe("nl") for p in survey.errors][:3]
    assert_answers(survey, framework, people)
    means = survey.importance.groupby("dimension")["importance"].mean()
    for d, dimension in enumerate(framework.dimensions):
        assert means[dimension.id] == sum(row[d] for row in stars) / len(stars), dimension.id
