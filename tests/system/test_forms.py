"""The forms we hand out: the generated Google Apps Script runs in Node against a recording FormApp
(tests/fake_formapp.js) and builds every question of the framework; the Word document for Microsoft
Forms' Quick import holds the same questions; and exports of forms built from either, written the
way Google Forms (CSV download) and Microsoft Forms (.xlsx) write them, score without any mapping.

Every dimension's page ends with its importance for the strategy (1-5 or don't know, issue 14;
docs/reviews/questionnaire-v2.1.md F17), and an export brings it back as the respondents gave it.

Expected counts and means are computed here from the answers the test gives, not by the scorer.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import itertools
import json
import random
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from docx import Document
from helpers import ROOT, requires
from openpyxl import Workbook

from omni.attributes import ROLES
from omni.cli import main as cli_main
from omni.demo import demo_respondents
from omni.forms import (
    IMPORTANCE,
    FormDefinition,
    FormItem,
    FormSection,
    apps_script,
    quick_import_docx,
    script_for,
    text_list,
)
from omni.framework import DEFAULT_FRAMEWORK_ID, get_framework
from omni.scoring import score
from omni.survey import read_survey
from omni.survey.mapping import dump_mapping, loads_mapping, mapping_from_column_map
from omni.survey.model import IMPORTANCE_PREFIX

FAKE_FORMAPP = ROOT / "tests" / "fake_formapp.js"
FRAMEWORKS = ("omnichannel-maturity", "seven-step-experience")
# What the respondent picks besides the five levels, as the form must offer them (in this order).
NOT_A_SCORE = {"nl": ("Niet van toepassing", "Weet ik niet"), "en": ("Not applicable", "Don't know")}
FIELD_LABEL = {"nl": ("Huidig", "Gewenst"), "en": ("Current", "Target")}
HORIZON = {"nl": "over 2-3 jaar", "en": "in 2-3 years"}
# The importance scale as the template and the web questionnaire word it, then don't know.
IMPORTANCE_CHOICES = {
    "nl": ["1 - nauwelijks belangrijk", "2 - beperkt belangrijk", "3 - belangrijk", "4 - zeer belangrijk",
           "5 - doorslaggevend", "Weet ik niet"],
    "en": ["1 - hardly important", "2 - of limited importance", "3 - important", "4 - very important",
           "5 - critical", "Don't know"],
}
IMPORTANCE_TITLE = {"nl": "Hoe belangrijk is verbetering op {} voor", "en": "How important is improvement in {} for"}


def _node() -> str:
    found = shutil.which("node")
    requires(found is not None, "Node is not installed (apt-get install nodejs)")
    return found


def run_in_fake_formapp(script: str, tmp_path, name: str = "survey.gs") -> subprocess.CompletedProcess:
    path = tmp_path / name
    path.write_text(script, encoding="utf-8")
    return subprocess.run([_node(), str(FAKE_FORMAPP), str(path)], capture_output=True, text=True, timeout=60)


def recorded_form(script: str, tmp_path, name: str = "survey.gs") -> dict:
    """The form the script built, as the fake FormApp recorded it."""
    done = run_in_fake_formapp(script, tmp_path, name)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["form"]


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """(framework id, lang) -> the recorded Google form, built once per module."""
    cache: dict[tuple[str, str], dict] = {}

    def get(framework_id: str, lang: str) -> dict:
        if (framework_id, lang) not in cache:
            script = apps_script(get_framework(framework_id), lang)
            cache[framework_id, lang] = recorded_form(script, tmp_path_factory.mktemp("gs"))
        return cache[framework_id, lang]
    return get


def _plain(text: str) -> str:
    return " ".join(text.split())


def expected_choices(question, lang: str) -> list[str]:
    return [f"{level} - {_plain(question.option(level)(lang))}" for level in range(1, 6)] + list(NOT_A_SCORE[lang])


def form_problems(form: dict, framework, lang: str) -> list[str]:
    """Every way the recorded form differs from the framework (empty when it asks exactly its questions)."""
    problems = []
    pages: list[list[dict]] = [[]]
    breaks = []
    for item in form["items"]:
        if item["type"] == "PAGE_BREAK":
            breaks.append(item)
            pages.append([])
        else:
            pages[-1].append(item)
    facts = {item["title"]: item for item in pages[0]}
    role = facts.get({"nl": "Rol", "en": "Role"}[lang])
    if role is None or role["type"] != "LIST" or role["choices"] != [r.label(lang) for r in ROLES]:
        problems.append("the first page does not ask the role with the template's roles")
    for title in ({"nl": ("Organisatie", "Afdeling"), "en": ("Organisation", "Department")}[lang]):
        if title not in facts:
            problems.append(f"the first page does not ask {title!r}")
    if len(breaks) != len(framework.dimensions):
        problems.append(f"{len(breaks)} sections for {len(framework.dimensions)} dimensions")
    for dimension, page_break, items in zip(framework.dimensions, breaks, pages[1:]):
        if page_break["title"] != _plain(dimension.name(lang)):
            problems.append(f"section {page_break['title']!r} is not dimension {dimension.id}")
        expected = [(q, field) for q in dimension.questions for field in (0, 1)]
        if len(items) != len(expected) + 1:
            problems.append(f"{dimension.id}: {len(items)} questions in the section, expected {len(expected) + 1}")
        if items:  # the last item of the page: the dimension's importance
            importance = items[-1]
            if not importance["title"].startswith(IMPORTANCE_TITLE[lang].format(_plain(dimension.name(lang)))) \
                    or HORIZON[lang] not in importance["title"]:
                problems.append(f"{dimension.id}: the page does not end with its importance: {importance['title']!r}")
            if importance["choices"] != IMPORTANCE_CHOICES[lang] or not importance["required"] \
                    or importance["type"] != "MULTIPLE_CHOICE":
                problems.append(f"{dimension.id}: importance choices {importance['choices']!r}")
        for item, (question, field) in zip(items, expected):
            title = item["title"]
            where = f"{dimension.id} {question.id} {FIELD_LABEL[lang][field]}"
            if item["type"] != "MULTIPLE_CHOICE" or not item["required"]:
                problems.append(f"{where}: not a required multiple choice item")
            if not title.startswith(question.id + " ") or not title.endswith(f"({FIELD_LABEL[lang][field]})"):
                problems.append(f"{where}: title {title!r} lacks the id or the field")
            if _plain(question.text(lang)) not in title:
                problems.append(f"{where}: title lacks the question text")
            if field == 1 and HORIZON[lang] not in title:
                problems.append(f"{where}: target title does not state the horizon {HORIZON[lang]!r}")
            if item["choices"] != expected_choices(question, lang):
                problems.append(f"{where}: choices {item['choices']!r}")
    return problems


# --- (a) the Apps Script in Node ----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("framework_id", FRAMEWORKS)
def test_apps_script_builds_every_question_with_its_options(recorded, framework_id, lang):
    framework = get_framework(framework_id)
    form = recorded(framework_id, lang)
    assert form_problems(form, framework, lang) == []
    questions = [i for i in form["items"] if i["type"] == "MULTIPLE_CHOICE"]
    assert len(questions) == 2 * len(framework.questions) + len(framework.dimensions)  # + importance
    assert form["title"].endswith(framework.name(lang))
    assert HORIZON[lang] in form["description"]


def test_the_comparison_fails_when_a_question_or_option_goes_missing(recorded, framework):
    form = recorded(framework.id, "nl")
    assert form_problems(form, framework, "nl") == []

    def broken(change) -> list[str]:
        other = copy.deepcopy(form)
        change(other["items"])
        return form_problems(other, framework, "nl")

    questions = [i for i, item in enumerate(form["items"]) if item["type"] == "MULTIPLE_CHOICE"]
    assert broken(lambda items: items.pop(questions[7]))  # a target question
    assert broken(lambda items: items[questions[0]]["choices"].pop(2))  # an option
    assert broken(lambda items: items[questions[0]]["choices"].pop())  # don't know
    assert broken(lambda items: items[questions[3]]["choices"].reverse())  # options out of order
    assert broken(lambda items: items.pop(next(i for i, it in enumerate(items) if it["type"] == "PAGE_BREAK")))
    assert broken(lambda items: items[questions[1]].update(title=items[questions[1]]["title"].replace(
        "(Gewenst)", "")))
    importance = [i for i, item in enumerate(form["items"]) if item["title"].startswith("Hoe belangrijk")]
    assert len(importance) == len(framework.dimensions)
    assert broken(lambda items: items.pop(importance[2]))  # a dimension's importance
    assert broken(lambda items: items[importance[0]]["choices"].pop())  # its don't know


def test_the_fake_formapp_refuses_methods_the_real_one_lacks(tmp_path):
    script = apps_script(get_framework(), "en").replace(".setChoiceValues(", ".setChoices(", 1)
    done = run_in_fake_formapp(script, tmp_path)
    assert done.returncode != 0 and "setChoices is not a function" in done.stderr


def test_any_text_reaches_the_form_exactly(tmp_path):
    """Quotes, backslashes, line separators and script-like text are data, never code."""
    nasty = ['He said "stop"; var x = 1; //', "it's \\n not a newline \\", "</script><script>alert(1)</script>",
             "line\u2028separator\u2029paragraph", "emoji 🛒 and accents éèü", "*/ FormApp.create('evil'); /*",
             "${template} `backtick`"]
    items = tuple(FormItem("choice", text, help=text, choices=(text, "2 - x"), required=True) for text in nasty)
    form = FormDefinition("fw", "1", "en", nasty[5], nasty[0], nasty[2],
                          (FormSection("About", "", ()), FormSection(nasty[1], nasty[3], items)))
    built = recorded_form(script_for(form), tmp_path)
    assert built["title"] == nasty[5] and built["description"] == nasty[0]
    assert built["confirmationMessage"] == nasty[2]
    assert built["items"][0] == {"type": "PAGE_BREAK", "title": nasty[1], "helpText": nasty[3], "required": False,
                                 "choices": None}
    assert [(i["title"], i["helpText"], i["choices"]) for i in built["items"][1:]] == [
        (text, text, [text, "2 - x"]) for text in nasty]


# --- the Word document and the text list ------------------------------------------------------


def docx_questions(data: bytes) -> tuple[list[str], list[dict]]:
    """(section headings, numbered questions with the bullet options below them) as Quick import sees them."""
    headings, questions = [], []
    for paragraph in Document(io.BytesIO(data)).paragraphs:
        numbered = re.match(r"^(\d+)\. (.+)$", paragraph.text)
        if paragraph.style.name == "Heading 1":
            headings.append(paragraph.text)
        elif paragraph.style.name == "List Bullet":
            questions[-1]["choices"].append(paragraph.text)
        elif numbered and paragraph.runs and paragraph.runs[0].bold:
            questions.append({"number": int(numbered.group(1)), "title": numbered.group(2), "choices": []})
    return headings, questions


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("framework_id", FRAMEWORKS)
def test_word_document_and_text_list_hold_the_same_questions_as_the_google_form(recorded, framework_id, lang):
    framework = get_framework(framework_id)
    google = [i for i in recorded(framework_id, lang)["items"] if i["type"] != "PAGE_BREAK"]
    headings, questions = docx_questions(quick_import_docx(framework, lang))
    assert headings[1:] == [_plain(d.name(lang)) for d in framework.dimensions]
    assert [q["number"] for q in questions] == list(range(1, len(google) + 1))
    assert [(q["title"], q["choices"]) for q in questions] == [(i["title"], i["choices"] or []) for i in google]
    text = text_list(framework, lang)
    for number, item in enumerate(google, start=1):
        block = "\n".join([f"{number}. {item['title']}", *(item["choices"] or [])]) + "\n"
        assert block in text


def test_word_document_structure_as_word_lists_it(framework):
    """Read back with python-docx: a Title, a Heading 1 per section, question paragraphs numbered in
    their text (bold "N. title", numbered on from section to section), each directly followed by
    its options, which are Word list paragraphs (the List Bullet style carries a numbering whose
    format is a bullet), and nothing but options between one question and the next."""
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(quick_import_docx(framework, "en")))
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title"
    bullet = document.styles["List Bullet"].element.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(bullet))
    abstract = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    definition = next(a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract)
    assert definition.find(qn("w:lvl")).find(qn("w:numFmt")).get(qn("w:val")) == "bullet"
    kinds = []
    for paragraph in paragraphs[1:]:
        if paragraph.style.name == "Heading 1":
            kinds.append("section")
        elif paragraph.style.name == "List Bullet":
            kinds.append("option")
        elif re.match(r"^\d+\. ", paragraph.text) and paragraph.runs and paragraph.runs[0].bold:
            kinds.append("question")
        else:
            kinds.append("text")
    numbers = [int(p.text.split(".")[0]) for p, k in zip(paragraphs[1:], kinds) if k == "question"]
    assert numbers == list(range(1, len(numbers) + 1))
    for i, kind in enumerate(kinds):
        if kind == "question":
            rest = kinds[i + 1:]
            options = len(rest) - len(list(itertools.dropwhile(lambda k: k == "option", rest)))
            follows = rest[options] if options < len(rest) else "end"
            assert follows in ("question", "section", "end")
    assert kinds.count("section") == len(framework.dimensions) + 1  # the respondent page, then one per dimension


# --- (b) exports of forms built from them score without any mapping ------------------------------


def answer_sheet(framework, questions: list[dict], lang: str, people: int, seed: int):
    """Answers for `people` respondents on a form with these questions (title, choices): the cells
    as the tool writes them (the chosen option text), and the levels given, per respondent."""
    rng = random.Random(seed)
    by_title = {q["title"]: q for q in questions}
    rows, given = [], []
    for n in range(people):
        cells: dict[str, str] = {}
        levels: dict[tuple[str, int], int | None] = {}
        for question in framework.questions:
            current = rng.randint(1, 5)
            target = rng.randint(current, 5)
            for field, level in ((0, current), (1, target)):
                (item,) = [q for t, q in by_title.items()
                           if t.startswith(question.id + " ") and t.endswith(f"({FIELD_LABEL[lang][field]})")]
                unsure = rng.random() < 0.08
                pick = rng.choice((5, 6)) if unsure else level - 1  # n/a, don't know, or the level
                cells[item["title"]] = item["choices"][pick]
                levels[question.id, field] = None if unsure else level
        for dimension in framework.dimensions:  # importance: 1-5, now and then don't know or left blank
            titles = [t for t in by_title if t.startswith(IMPORTANCE_TITLE[lang].format(_plain(dimension.name(lang))))]
            if not titles:  # a form without importance (made before it was asked)
                continue
            pick = rng.choice((0, 1, 2, 3, 4, 4, 5, 5, None))
            cells[titles[0]] = by_title[titles[0]]["choices"][pick] if pick is not None else ""
            levels[IMPORTANCE, dimension.id] = {None: None, 5: "dk"}.get(pick, (pick or 0) + 1)
        facts = {"nl": ("Rol", "Afdeling", "Organisatie", "Naam (optioneel)"),
                 "en": ("Role", "Department", "Organisation", "Name (optional)")}[lang]
        cells[facts[0]] = by_title[facts[0]]["choices"][n % len(ROLES)]
        cells[facts[1]] = ["Marketing", "IT", "Winkels"][n % 3]
        cells[facts[2]] = "Huis & Haard Wonen"
        cells[facts[3]] = f"Persoon {n + 1}" if n % 2 else ""
        rows.append(cells)
        given.append(levels)
    return rows, given


def expected_means(framework, given: list[dict]) -> dict[str, tuple[float | None, float | None]]:
    """dimension -> (current, target): per respondent the weighted mean of the answered questions
    (none with fewer than half answered), then the mean over respondents."""
    out = {}
    for dimension in framework.dimensions:
        means = []
        for field in (0, 1):
            per_person = []
            for levels in given:
                answered = [(q.weight, levels[q.id, field]) for q in dimension.questions
                            if levels[q.id, field] is not None]
                if 2 * len(answered) >= len(dimension.questions):
                    per_person.append(sum(w * v for w, v in answered) / sum(w for w, _ in answered))
            means.append(sum(per_person) / len(per_person) if per_person else None)
        out[dimension.id] = tuple(means)
    return out


def check_scores(path, framework, given, n_questions: int) -> None:
    """Read as the Start page reads it (the framework chosen there) and, for the default framework,
    as the CLI's `score` does without --framework."""
    for chosen in (framework, None) if framework.id == DEFAULT_FRAMEWORK_ID else (framework,):
        _check_scores(read_survey([path], chosen), framework, given, n_questions, path)


def _check_scores(survey, framework, given, n_questions: int, path) -> None:
    assert survey.ok, [p.describe("en") for p in survey.errors]
    assert survey.framework.id == framework.id
    assert len(survey.respondents) == len(given)
    mapped = survey.column_map.loc[survey.column_map["question"] != ""]
    importance = mapped["question"].str.startswith(IMPORTANCE_PREFIX)
    assert importance.sum() == len(framework.dimensions)  # every dimension's importance column is read
    mapped = mapped.loc[~importance]
    assert len(mapped) == n_questions and set(mapped["matched_by"]) == {"id"}
    assert not [p.describe("en") for p in survey.problems
                if p.key in ("problem.column_unmapped", "problem.column_ambiguous")]
    assessment = score(survey)
    actual = assessment.dimension_scores.set_index("dimension")
    for dimension_id, (current, target) in expected_means(framework, given).items():
        assert actual.loc[dimension_id, "current"] == pytest.approx(current), dimension_id
        assert actual.loc[dimension_id, "target"] == pytest.approx(target), dimension_id
    assert set(survey.respondents["organisation"]) == {"Huis & Haard Wonen"}
    assert survey.respondents.iloc[0]["role"] == ROLES[0].code
    # the names typed in the form's own name question (an anonymous Microsoft Form's Name column is empty)
    typed = [name for name in survey.respondents["name"] if isinstance(name, str) and name]
    assert typed == [f"Persoon {n + 1}" for n in range(len(given)) if n % 2]
    # importance, per dimension: the mean of the 1-5 ratings, don't know counted apart, blank left out
    rated = assessment.importance_scores.set_index("dimension")
    for dimension in framework.dimensions:
        given_now = [levels[IMPORTANCE, dimension.id] for levels in given]
        ratings = [g for g in given_now if isinstance(g, int)]
        assert rated.loc[dimension.id, "n"] == len(ratings), dimension.id
        assert rated.loc[dimension.id, "n_dk"] == given_now.count("dk"), dimension.id
        assert rated.loc[dimension.id, "importance"] == pytest.approx(sum(ratings) / len(ratings)), dimension.id
    # the column map as a mapping (what --mapping-out writes and the Start page's editor applies), read
    # back: the same answers and importance, nothing lost
    again = read_survey([path], survey.framework,
                        mapping=loads_mapping(dump_mapping(mapping_from_column_map(survey.column_map))))
    assert again.ok and not [p.describe("en") for p in again.problems if p.key.startswith("problem.unknown")]
    pd.testing.assert_frame_equal(again.answers, survey.answers)
    pd.testing.assert_frame_equal(again.importance, survey.importance)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("framework_id", FRAMEWORKS)
def test_google_forms_csv_of_the_generated_form_scores_without_mapping(recorded, tmp_path, framework_id, lang):
    framework = get_framework(framework_id)
    questions = [i for i in recorded(framework_id, lang)["items"] if i["type"] != "PAGE_BREAK"]
    rows, given = answer_sheet(framework, questions, lang, people=9, seed=len(framework_id) + len(lang))
    buffer = io.StringIO()
    # The CSV download: every field quoted, comma, UTF-8; Timestamp and Email address first; a
    # multiple choice item's header is its title and its cell the chosen choice.
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow(["Timestamp", "Email address", *(q["title"] for q in questions)])
    for n, cells in enumerate(rows):
        when = dt.datetime(2026, 10, 12, 9, 30) + dt.timedelta(minutes=17 * n)
        stamp = f"{when:%Y/%m/%d} {when:%I:%M:%S %p} GMT+2".replace(" 0", " ", 1)
        writer.writerow([stamp, f"person{n + 1}@example.nl", *(cells.get(q["title"], "") for q in questions)])
    path = tmp_path / f"{framework.name(lang)} (Responses).csv"
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    check_scores(path, framework, given, 2 * len(framework.questions))


def test_the_linked_google_sheet_saved_as_xlsx_scores_without_mapping(recorded, tmp_path, framework):
    questions = [i for i in recorded(framework.id, "nl")["items"] if i["type"] != "PAGE_BREAK"]
    rows, given = answer_sheet(framework, questions, "nl", people=6, seed=11)
    wb = Workbook()
    ws = wb.active
    ws.title = "Formulierreacties 1"
    ws.append(["Tijdstempel", "E-mailadres", *(q["title"] for q in questions)])
    for n, cells in enumerate(rows):
        ws.append([dt.datetime(2026, 10, 12, 9, 30 + n), f"p{n}@example.nl",
                   *(cells.get(q["title"]) or None for q in questions)])
    path = tmp_path / "Omnichannel-enquête (reacties).xlsx"
    wb.save(path)
    check_scores(path, framework, given, 2 * len(framework.questions))


# A Microsoft Forms quiz (Quick import offers "form" or "quiz") exports three more columns after the
# name and, after every question, its points and feedback - in English also in other languages'
# exports (seen in public scripts that read French and Arabic exports: "Heure de début", "Nom", then
# "Total points", "Quiz feedback", "Points - <question>", "Feedback - <question>").
QUIZ_LEAD = ["Total points", "Quiz feedback", "Grade posted time"]


@pytest.mark.parametrize("quiz", [False, True], ids=["form", "quiz"])
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("framework_id", FRAMEWORKS)
def test_microsoft_forms_export_of_the_quick_import_document_scores_without_mapping(tmp_path, framework_id, lang,
                                                                                     quiz):
    framework = get_framework(framework_id)
    _, questions = docx_questions(quick_import_docx(framework, lang))
    rows, given = answer_sheet(framework, questions, lang, people=8, seed=3 * len(framework_id))
    wb = Workbook()
    ws = wb.active
    ws.title = "Form1"
    lead = (["ID", "Begintijd", "Tijd van voltooien", "E-mail", "Naam"]
            if lang == "nl" else ["ID", "Start time", "Completion time", "Email", "Name"])
    lead += QUIZ_LEAD if quiz else ["Tijd van laatste wijziging" if lang == "nl" else "Last modified time"]
    per_question = (lambda title: [title, f"Points - {title}", f"Feedback - {title}"]) if quiz else (
        lambda title: [title])
    ws.append([*lead, *(header for q in questions for header in per_question(q["title"]))])
    for n, cells in enumerate(rows):
        done = dt.datetime(2026, 10, 12, 9, 30) + dt.timedelta(minutes=23 * n)
        extra = [0, None, None] if quiz else [None]
        answers = [cells.get(q["title"]) or None for q in questions]
        ws.append([n + 1, done - dt.timedelta(minutes=19), done, "anonymous", None, *extra,
                   *(value for answer in answers for value in ([answer, 0, None] if quiz else [answer]))])
    path = tmp_path / f"{framework.name(lang)}(1-{len(rows)}).xlsx"
    wb.save(path)
    check_scores(path, framework, given, 2 * len(framework.questions))


# --- the command line --------------------------------------------------------------------------


def test_cli_writes_each_form(tmp_path, capsys, framework):
    script, document, listing = tmp_path / "form.gs", tmp_path / "form.docx", tmp_path / "form.txt"
    assert cli_main(["forms", "--tool", "google", "--lang", "en", "-o", str(script)]) == 0
    assert script.read_text(encoding="utf-8") == apps_script(framework, "en")
    assert cli_main(["forms", "--tool", "microsoft", "--lang", "nl", "-o", str(document)]) == 0
    assert docx_questions(document.read_bytes())[1] == docx_questions(quick_import_docx(framework, "nl"))[1]
    assert cli_main(["forms", "--tool", "microsoft", "--lang", "nl", "-o", str(listing),
                     "--framework", "seven-step-experience"]) == 0
    assert listing.read_text(encoding="utf-8") == text_list(get_framework("seven-step-experience"), "nl")
    assert str(script) in capsys.readouterr().out


def test_cli_forms_refuses_bad_input_without_a_traceback(tmp_path, capsys):
    assert cli_main(["forms", "--tool", "google", "--framework", "nope", "-o", str(tmp_path / "x.gs")]) == 2
    err = capsys.readouterr().err
    assert "unknown framework 'nope'" in err and "Traceback" not in err
    assert cli_main(["forms", "--tool", "google", "-o", str(tmp_path / "missing" / "x.gs")]) == 2
    assert "Traceback" not in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        cli_main(["forms", "--tool", "typeform", "-o", str(tmp_path / "x")])
    assert exited.value.code == 2


def _google_csv(framework, lang: str, path: Path) -> Path:
    """A Google Forms CSV download of the form built from `framework`'s Quick import questions."""
    _, questions = docx_questions(quick_import_docx(framework, lang))
    rows, _ = answer_sheet(framework, questions, lang, people=2, seed=1)
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow(["Timestamp", "Email address", *(q["title"] for q in questions)])
    for n, cells in enumerate(rows):
        writer.writerow([f"2026/10/12 9:3{n}:00 AM GMT+2", "", *(cells.get(q["title"], "") for q in questions)])
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_seven_step_export_is_recognised_without_naming_the_framework(tmp_path, seven_step, lang):
    survey = read_survey([_google_csv(seven_step, lang, tmp_path / "seven.csv")])
    assert survey.ok and survey.framework.id == seven_step.id, [p.describe("en") for p in survey.errors][:3]
    assert len(survey.respondents) == 2


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_default_framework_export_is_never_taken_for_the_seven_step_framework(tmp_path, lang):
    default = get_framework()
    survey = read_survey([_google_csv(default, lang, tmp_path / "default.csv")])
    assert survey.ok and survey.framework.id == default.id and len(survey.respondents) == 2
    # ORG-1..5 were the seven-step questions' ids until version 2.0: a file by ids alone still reads as default
    people = demo_respondents(default, n=3, seed=2, lang=lang)
    book = tmp_path / "ids.csv"
    header = [f"{q.id} {f}" for q in default.questions for f in ("current", "target")]
    lines = [header] + [[str(p.answers[q.id][i] if p.answers.get(q.id) and p.answers[q.id][i] not in (None, "na", "dk")
                          else "") for q in default.questions for i in (0, 1)] for p in people]
    book.write_text("\n".join(",".join(line) for line in lines), encoding="utf-8")
    survey = read_survey([book])
    assert survey.framework.id == default.id and not [p for p in survey.problems
                                                       if p.key == "problem.framework_ambiguous"]


def test_columns_that_fit_two_frameworks_alike_ask_which_framework_is_meant(tmp_path):
    # ORG-1..5: questions of the default framework, and the earlier ids of five seven-step questions
    path = tmp_path / "org.csv"
    header = [f"ORG-{n} {f}" for n in range(1, 6) for f in ("current", "target")]
    path.write_text("\n".join([",".join(header), ",".join(["3", "4"] * 5)]), encoding="utf-8")
    survey = read_survey([path])
    (problem,) = [p for p in survey.errors if p.key == "problem.framework_ambiguous"]
    assert problem.file == "org.csv" and "(10)" in problem.message("en")
    assert "Seven" in problem.message("en") or "7" in problem.message("en"), problem.message("en")
    assert "kies het raamwerk" in problem.message("nl") and "choose the framework" in problem.message("en")
    named = read_survey([path], get_framework("seven-step-experience"))
    assert not [p for p in named.problems if p.key == "problem.framework_ambiguous"]
    assert cli_main(["score", str(path)]) == 2  # the CLI says so, without a traceback
    assert cli_main(["score", "--framework", "seven-step-experience", str(path)]) == 0
