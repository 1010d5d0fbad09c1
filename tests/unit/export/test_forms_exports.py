"""Real survey exports score like the same answers in our template.

Each layout is written here the way the tool writes it (looked up, not invented):
- Microsoft Forms "Open in Excel": sheet `Form1`, leading `ID, Start time, Completion time, Email,
  Name[, Last modified time]` (Dutch: `ID, Begintijd, Tijd van voltooien, E-mail, Naam[, Tijd van
  laatste wijziging]`), times as Excel date-times; a Choice question's cell is the option text as
  the form's builder typed it; a Likert question is one column per statement whose header is the
  statement only, a statement asked twice comes back as "Statement" and "Statement 2";
- Google Forms "Download responses (.csv)": every field quoted, comma, UTF-8, `Timestamp` as
  "2026/10/12 9:30:00 AM GMT+2", `Email address`; a multiple-choice grid is one column per row,
  headed "Title [Row]", holding the chosen column's label; a linear scale holds the number;
- the linked Google Sheet saved as .xlsx: tab `Formulierreacties 1`, `Tijdstempel` a date-time;
- a consultant's own sheet saved by Dutch Excel as CSV: `;`, Windows-1252, question ids with
  huidig/gewenst, and an average row under the respondents.

Every layout is checked for the respondent count and the dimension means, which the test computes
itself from the answers it generated, and against the same answers in our template.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import random
from pathlib import Path

import pytest
import yaml
from helpers import run_cli
from openpyxl import Workbook

from omni.framework import FRAMEWORK_DIR, load_framework
from omni.scoring import score
from omni.survey import IntakeLimits, read_survey
from omni.survey.cells import DK_CODE, NA_CODE, code_of_text
from omni.survey.model import RespondentAnswers
from omni.template import write_workbook

START = dt.datetime(2026, 10, 12, 9, 30)
MS_FORMS_TIME = "m/d/yy h:mm:ss"  # how Forms' Excel download formats Start/Completion time


@dataclasses.dataclass
class Person:
    name: str
    email: str
    when: dt.datetime
    answers: dict[str, tuple[object, object]]  # question -> (current, target): 1..5, "na", "dk" or None


def make_people(framework, n: int, seed: int) -> list[Person]:
    rng = random.Random(seed)
    people = []
    for i in range(n):
        answers = {}
        for q in framework.questions:
            current = rng.randint(1, 4)
            target = min(5, current + rng.randint(0, 2))
            roll = rng.random()
            if roll < 0.06:
                current = "na"
            elif roll < 0.12:
                current = "dk"
            elif roll < 0.15:
                target = "na"
            answers[q.id] = (current, target)
        people.append(Person(f"Persoon {i + 1}", f"persoon{i + 1}@voorbeeld.nl",
                             START + dt.timedelta(hours=i, minutes=rng.randint(0, 50)), answers))
    return people


def expected_means(framework, people) -> dict[tuple[str, str], float]:
    """Dimension means computed here from the generated answers: a respondent's weighted mean
    of the questions answered (at least half of the dimension's), then the mean over respondents."""
    out = {}
    for d in framework.dimensions:
        for f, name in enumerate(("current", "target")):
            per = []
            for p in people:
                given = [(p.answers[q.id][f], q.weight) for q in d.questions if isinstance(p.answers[q.id][f], int)]
                if given and 2 * len(given) >= len(d.questions):
                    per.append(sum(v * w for v, w in given) / sum(w for _, w in given))
            out[(d.id, name)] = sum(per) / len(per)
    return out


def assert_scores(survey, framework, people):
    assert survey.ok, [p.describe("en") for p in survey.errors][:5]
    assert len(survey.respondents) == len(people)
    got = score(survey).dimension_scores.set_index("dimension")
    for (dim, name), value in expected_means(framework, people).items():
        assert got.loc[dim, name] == pytest.approx(value), (dim, name)


def template_scores(framework, people, tmp_path):
    """The same answers in our template (respondents layout), read and scored."""
    rows = [RespondentAnswers({"name": p.name},
                              {qid: (*("na" if v == "dk" else v for v in pair), "") for qid, pair in p.answers.items()})
            for p in people]
    path = tmp_path / "template.xlsx"
    write_workbook(path, framework, "nl", "respondents", rows)
    survey = read_survey([path])
    assert survey.ok
    return score(survey).dimension_scores.set_index("dimension")[["current", "target"]]


def assert_like_template(survey, framework, people, tmp_path):
    got = score(survey).dimension_scores.set_index("dimension")[["current", "target"]]
    expected = template_scores(framework, people, tmp_path)
    assert got.to_numpy() == pytest.approx(expected.to_numpy())


def read_layout(path, framework, people, tmp_path, scored=None):
    """Read an export and check it: the count and means computed here, the template's numbers,
    n/a and don't know apart (`scored`: the answers as they count, when the layout blanks some)."""
    survey = read_survey([path])
    assert_scores(survey, framework, scored or people)
    assert_like_template(survey, framework, scored or people, tmp_path)
    assert_na_and_dk_apart(survey, framework, people)
    return survey


def assert_na_and_dk_apart(survey, framework, people):
    """n/a and don't know are both out of the scores, but kept apart in the tidy table."""
    table = survey.answers.set_index(["respondent", "question"])
    rids = list(survey.respondents["respondent"])
    seen = set()
    for rid, person in zip(rids, people):
        for qid, (current, _) in person.answers.items():
            row = table.loc[(rid, qid)]
            if current == "na":
                assert row["current_na"] and not row["current_dk"], (rid, qid)
            elif current == "dk":
                assert row["current_na"] and row["current_dk"], (rid, qid)
            else:
                assert not row["current_na"] and not row["current_dk"]
            seen.add(current if current in ("na", "dk") else "score")
    assert {"na", "dk"} <= seen


# --- how the tools write cells ------------------------------------------------------------------


def as_typed(text: str, style: int) -> str:
    """An option text as a form builder may have pasted it: trailing spaces, other quotes or
    dashes, or shortened with an ellipsis."""
    if style % 4 == 1:
        return text + "  "
    if style % 4 == 2:
        return text.replace("'", "\u2019").replace(" - ", " \u2013 ").replace(",", " ,")
    if style % 4 == 3:
        return text[:70].rstrip() + "\u2026"
    return text


def ms_choice_cell(question, value, style: int) -> str | None:
    if value == "na":
        return "n.v.t."
    if value == "dk":
        return "Weet ik niet"
    return as_typed(question.option(value)("nl"), style)


def ms_forms_choice_nl(framework, people, path: Path, extra: list[Person] = ()) -> Path:
    """Microsoft Forms, Dutch account: Choice questions answered with the option texts."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Form1"
    header = ["ID", "Begintijd", "Tijd van voltooien", "E-mail", "Naam", "Tijd van laatste wijziging"]
    for i, q in enumerate(framework.questions):
        text = q.text("nl")
        header += [f"Nu: {text}", f"Doel: {text}"] if i % 2 else [f"{text} (huidig)", f"{text} (gewenst)"]
    ws.append(header)
    for n, person in enumerate([*people, *extra], start=1):
        row = [n, person.when - dt.timedelta(minutes=14), person.when, person.email, person.name, None]
        for i, q in enumerate(framework.questions):
            current, target = person.answers[q.id]
            row += [ms_choice_cell(q, current, i + n), ms_choice_cell(q, target, i + n + 1)]
        ws.append(row)
        for col in (2, 3):
            ws.cell(row=n + 1, column=col).number_format = MS_FORMS_TIME
    wb.save(path)
    return path


def likert_label(framework, value, style: int) -> str:
    if value == "na":
        return "N/A"
    if value == "dk":
        return "Don't know"
    level = framework.level(value).name("en")
    return (level, f"{value} - {level}", str(value))[style % 3]


def ms_forms_likert_en(framework, people, path: Path) -> Path:
    """Microsoft Forms, English, an older export (no Last modified time): Likert questions, the
    statement asked twice (Excel appends " 2") or marked [Today] / [Ambition]."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Form1"
    header = ["ID", "Start time", "Completion time", "Email", "Name"]
    for i, q in enumerate(framework.questions):
        text = q.text("en")
        header += [text, f"{text} 2"] if i % 2 else [f"{text} [Today]", f"{text} [Ambition]"]
    ws.append(header)
    for n, person in enumerate(people, start=1):
        row = [n, person.when - dt.timedelta(minutes=9), person.when, "anonymous", None]
        for i, q in enumerate(framework.questions):
            current, target = person.answers[q.id]
            row += [likert_label(framework, current, i + n), likert_label(framework, target, i)]
        ws.append(row)
        for col in (2, 3):
            ws.cell(row=n + 1, column=col).number_format = MS_FORMS_TIME
    wb.save(path)
    return path


def google_time(when: dt.datetime) -> str:
    return f"{when:%Y/%m/%d} {when.hour % 12 or 12}:{when:%M:%S} {'PM' if when.hour >= 12 else 'AM'} GMT+2"


def google_csv_en(framework, people, path: Path) -> Path:
    """Google Forms CSV download: current as a multiple-choice grid per dimension ("Title [Row]"),
    target as a linear scale 1-5 per question (N/A typed into an "other" answer, don't know left blank)."""
    header = ["Timestamp", "Email address"]
    for d in framework.dimensions:
        header += [f"{d.name('en')} - current situation [{q.text('en')}]" for q in d.questions]
    header += [f"{q.topic('en')} (target)" for q in framework.questions]
    rows = [header]
    order = [q for d in framework.dimensions for q in d.questions]
    for person in people:
        row = [google_time(person.when), person.email]
        for q in order:
            current = person.answers[q.id][0]
            row.append({"na": "N/A", "dk": "Don't know"}.get(current, str(current)))
        for q in framework.questions:
            target = person.answers[q.id][1]
            row.append({"na": "N/A", "dk": ""}.get(target, target))
        rows.append(row)
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


def google_sheet_nl(framework, people, path: Path) -> Path:
    """The linked Google Sheet (Dutch account) downloaded as .xlsx: grids whose columns are the
    level names."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Formulierreacties 1"
    header = ["Tijdstempel", "E-mailadres"]
    for d in framework.dimensions:
        for fld in ("huidige situatie", "gewenste situatie"):
            header += [f"{d.name('nl')} - {fld} [{q.text('nl')}]" for q in d.questions]
    ws.append(header)
    for person in people:
        row = [person.when, person.email]
        for d in framework.dimensions:
            for f in (0, 1):
                for q in d.questions:
                    value = person.answers[q.id][f]
                    row.append({"na": "N.v.t.", "dk": "Weet ik niet"}.get(value) or framework.level(value).name("nl"))
        ws.append(row)
        ws.cell(row=ws.max_row, column=1).number_format = "d-m-yyyy H:mm:ss"
    wb.save(path)
    return path


def consultant_csv_nl(framework, people, path: Path) -> Path:
    """A consultant's sheet saved by Dutch Excel as CSV: ids with huidig/gewenst, an average row."""
    header = ["Naam", "Rol"] + [f"{q.id} {f}" for q in framework.questions for f in ("huidig", "gewenst")]
    rows = [header]
    for person in people:
        row = [person.name, "Directie"]
        for q in framework.questions:
            row += [{"na": "nvt", "dk": "weet niet"}.get(v, str(v)) for v in person.answers[q.id]]
        rows.append(row)
    averages = ["Gemiddelde", ""]
    for q in framework.questions:
        for f in (0, 1):
            given = [p.answers[q.id][f] for p in people if isinstance(p.answers[q.id][f], int)]
            averages.append(f"{sum(given) / len(given):.2f}".replace(".", ","))
    rows.append(averages)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    return path


# --- every layout scores -------------------------------------------------------------------------


def test_microsoft_forms_choice_answers_given_as_option_texts(tmp_path, framework):
    people = make_people(framework, 9, seed=1)
    path = ms_forms_choice_nl(framework, people, tmp_path / "Omnichannel-nulmeting(1-9).xlsx")
    survey = read_layout(path, framework, people, tmp_path)
    cmap = survey.column_map
    by_question = cmap.loc[cmap["question"] != ""]
    assert len(by_question) == 2 * len(framework.questions)
    assert set(by_question["version"]) == {framework.version} and survey.text_versions == (framework.version,)
    assert set(cmap.set_index("header").loc[["Begintijd", "Tijd van laatste wijziging"], "matched_by"]) == {"ignored"}
    values = " ".join(by_question["values"])
    assert "option text" in values and "shortened option" in values and "n/a" in values and "don't know" in values
    assert survey.respondents["date"].iloc[0] == people[0].when.date().isoformat()


def test_microsoft_forms_likert_statements_asked_twice(tmp_path, framework):
    people = make_people(framework, 8, seed=2)
    path = ms_forms_likert_en(framework, people, tmp_path / "Omnichannel survey.xlsx")
    survey = read_layout(path, framework, people, tmp_path)
    cmap = survey.column_map.set_index("header")
    q1, q2 = framework.questions[:2]
    assert cmap.loc[f"{q2.text('en')} 2", ["question", "field"]].tolist() == [q2.id, "target"]
    assert "repeated (2)" in cmap.loc[f"{q2.text('en')} 2", "reason"]
    assert cmap.loc[f"{q1.text('en')} [Ambition]", ["question", "field"]].tolist() == [q1.id, "target"]
    assert "level name" in " ".join(survey.column_map["values"])
    # "anonymous" in every Email cell and no names: eight people, not one resubmitting seven times
    assert not [p for p in survey.warnings if "resubmission" in p.key]


def test_google_forms_csv_with_grids_and_linear_scales(tmp_path, framework):
    people = make_people(framework, 7, seed=3)
    path = google_csv_en(framework, people, tmp_path / "Omnichannel survey (Responses).csv")
    assert path.read_text(encoding="utf-8").startswith('"Timestamp","Email address",')
    blanks = {(p.email, q) for p in people for q, (_, t) in p.answers.items() if t == "dk"}
    scored = [dataclasses.replace(p, answers={q: (c, None if (p.email, q) in blanks else t)
                                              for q, (c, t) in p.answers.items()}) for p in people]
    survey = read_layout(path, framework, people, tmp_path, scored)
    grid = survey.column_map.loc[survey.column_map["reason"].str.startswith("grid row")]
    assert len(grid) == len(framework.questions) and set(grid["field"]) == {"current"}
    assert survey.respondents["date"].iloc[0] == people[0].when.date().isoformat()


def test_google_sheet_saved_as_xlsx_with_level_names(tmp_path, framework):
    people = make_people(framework, 6, seed=4)
    path = google_sheet_nl(framework, people, tmp_path / "Nulmeting (antwoorden).xlsx")
    survey = read_layout(path, framework, people, tmp_path)
    assert set(survey.column_map["sheet"]) == {"Formulierreacties 1"}


def test_dutch_excel_csv_with_an_average_row(tmp_path, framework):
    people = make_people(framework, 5, seed=5)
    path = consultant_csv_nl(framework, people, tmp_path / "scores team.csv")
    survey = read_layout(path, framework, people, tmp_path)
    (summary,) = [p for p in survey.warnings if p.key == "problem.summary_row"]
    assert (summary.file, summary.cell) == ("scores team.csv", f"A{len(people) + 2}")
    assert summary.message("nl") == f"regel {len(people) + 2} ('Gemiddelde') is een samenvattingsregel, " \
                                    "geen respondent, en is overgeslagen"
    assert "summary row" in summary.message("en")
    row = survey.column_map.loc[survey.column_map["matched_by"] == "summary row"]
    assert row["column"].tolist() == [str(len(people) + 2)]


# --- resubmissions -------------------------------------------------------------------------------


def test_a_resubmission_counts_once_with_the_latest_answers(tmp_path, framework):
    people = make_people(framework, 5, seed=6)
    second = make_people(framework, 1, seed=60)[0]
    again = dataclasses.replace(people[2], answers=second.answers, when=people[2].when + dt.timedelta(days=1))
    path = ms_forms_choice_nl(framework, people, tmp_path / "form.xlsx", extra=[again])
    latest = [again if p is people[2] else p for p in people]

    survey = read_survey([path])
    assert_scores(survey, framework, [p for p in latest if p is not again] + [again])
    (dropped,) = [p for p in survey.warnings if p.key == "problem.resubmission_dropped"]
    assert dropped.file == "form.xlsx: Form1 4"  # the earlier response, row 4
    assert "form.xlsx: Form1 7" in dropped.message("en") and "hetzelfde e-mailadres" in dropped.message("nl")
    assert dropped.message("en").startswith("respondent R03 (form.xlsx: Form1 4) is not counted: R06 (form.xlsx: "
                                            "Form1 7) has the same e-mail address and was submitted later")
    assert dropped.message("nl").startswith("respondent R03 (form.xlsx: Form1 4) telt niet mee: R06")

    kept = read_survey([path], keep_duplicates=True)
    assert_scores(kept, framework, [*people, again])
    assert [p.key for p in kept.warnings if "duplicate_respondent" in p.key] == ["problem.duplicate_respondent"]


def test_the_latest_submission_wins_even_in_a_higher_row(tmp_path, framework):
    """Rows sorted newest first: the time decides, not the position."""
    people = make_people(framework, 3, seed=7)
    older = dataclasses.replace(people[0], answers=make_people(framework, 1, seed=70)[0].answers,
                                when=people[0].when - dt.timedelta(days=2))
    path = google_csv_en(framework, [*people, older], tmp_path / "responses.csv")
    survey = read_survey([path])
    assert len(survey.respondents) == 3
    (dropped,) = [p for p in survey.warnings if p.key == "problem.resubmission_dropped"]
    assert dropped.file == "responses.csv: 5"


def test_cli_keep_duplicates(tmp_path, framework):
    people = make_people(framework, 3, seed=8)
    path = ms_forms_choice_nl(framework, people, tmp_path / "form.xlsx", extra=[people[0]])
    counts = []
    for extra in ([], ["--keep-duplicates"]):
        result = run_cli("score", str(path), "--lang", "en", *extra)
        assert result.returncode == 0, result.stderr
        counts.append(next(line for line in result.stdout.splitlines() if line.startswith("Respondents:")))
    assert counts == ["Respondents: 3", "Respondents: 4"]


# --- texts that cannot be read --------------------------------------------------------------------


def test_unknown_option_text_names_the_cell_and_the_nearest_options(tmp_path, framework):
    people = make_people(framework, 3, seed=9)
    path = ms_forms_choice_nl(framework, people, tmp_path / "form.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb["Form1"]["G3"] = "Daar hebben we het nooit over gehad"
    wb.save(path)
    survey = read_survey([path])
    (error,) = survey.errors
    assert (error.key, error.file, error.sheet, error.cell) == ("problem.option_unknown", "form.xlsx", "Form1", "G3")
    q = framework.questions[0]
    assert error.message("nl").startswith("'Daar hebben we het nooit over gehad' is geen score van 1 tot 5")
    assert q.id in error.message("nl") and "dichtst in de buurt" in error.message("nl")
    assert "closest" in error.message("en") and q.id in error.message("en")

    result = run_cli("score", str(path), "--lang", "en")
    assert result.returncode == 2
    assert "form.xlsx: Form1!G3" in result.stderr and "Traceback" not in result.stdout + result.stderr


@pytest.fixture
def near_twins(tmp_path):
    """A framework whose VIS-1 options 1 and 2 start alike (so a shortened text fits both)."""
    raw = yaml.safe_load((FRAMEWORK_DIR / "omnichannel-maturity.yaml").read_text(encoding="utf-8"))
    raw["id"] = "near-twins"
    options = raw["dimensions"][0]["questions"][0]["options"]
    for lang in ("nl", "en"):
        options[1][lang] = options[0][lang] + (" Daarnaast is er veel meer." if lang == "nl" else " And much more.")
    path = tmp_path / "near-twins.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return load_framework(path)


def test_a_text_that_fits_two_options_is_never_guessed(tmp_path, near_twins):
    people = make_people(near_twins, 2, seed=10)
    path = ms_forms_choice_nl(near_twins, people, tmp_path / "form.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(path)
    shortened = near_twins.questions[0].option(1)("nl")[:60] + "…"
    wb["Form1"]["G2"] = shortened
    wb["Form1"]["G3"] = near_twins.questions[0].option(1)("nl")  # the whole text: exactly option 1
    for cell in ("H2", "H3"):  # the targets: a level no shortening confuses (the people are random)
        wb["Form1"][cell] = near_twins.questions[0].option(3)("nl")
    wb.save(path)
    survey = read_survey([path], near_twins)
    (error,) = survey.errors
    assert (error.key, error.cell) == ("problem.option_ambiguous", "G2")
    assert "1 '" in error.message("nl") and "2 '" in error.message("nl") and " of " in error.message("nl")
    assert "1 '" in error.message("en") and " or " in error.message("en")
    assert survey.answers.set_index(["respondent", "question"]).loc[("R02", "VIS-1"), "current"] == 1


# --- n/a and don't know --------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["n.v.t.", "NVT", "nvt.", "N/A", "n/a", "NA", "n.a.", "Not applicable",
                                  "niet van toepassing", "-", "–", "Don't know / N.A.", "n.v.t. / weet niet"])
def test_not_applicable_spellings(text):
    assert code_of_text(text) == NA_CODE


@pytest.mark.parametrize("text", ["weet ik niet", "Weet niet", "WEET IK NIET!", "geen idee", "Geen idee.",
                                  "don't know", "Don\u2019t know", "dont know", "I don't know", "?",
                                  "weet niet / geen idee", "n.b.", "N.B.", "niet bekend", "Niet bekend."])
def test_dont_know_spellings(text):
    assert code_of_text(text) == DK_CODE


@pytest.mark.parametrize("text", ["3-4", "3 - 4", "3–4", "2 tot 3", "3 t/m 4", "3 of 4", "3 à 4", "3 a 4",
                                  "3 -> 4", "3 ... 4", "3…4", "4 - 5", "5 - 3", "3 en 4", "2 to 3", "3 or 4",
                                  "3 tot en met 4", "3 tm 4", "3 á 4", "3 en/of 4", "3 tot4", "3 of4", "3 à4",
                                  "3 - 4 (twijfel)"])
def test_a_range_is_not_its_first_number(text):
    assert code_of_text(text) < 0  # an error on the cell (it was read as the first number)


@pytest.mark.parametrize("text, level", [("3", 3), ("3 - Grotendeels", 3), ("3. Goed", 3), ("3) Goed", 3),
                                         ("3 Goed", 3), ("4-", 4), ("3 en meer", 3), ("5 - Eén platform", 5),
                                         ("4 - 80% gerealiseerd", 4), ("5 - 24/7 bereikbaar", 5), ("3. 2e fase", 3)])
def test_an_option_label_is_its_number(text, level):
    assert code_of_text(text) == level


def test_no_option_text_starts_with_a_digit():
    """What tells a range ("3 - 4") from an option label ("3 - <text>") in every shipped framework file."""
    for path in FRAMEWORK_DIR.glob("*.yaml"):
        for dimension in yaml.safe_load(path.read_text(encoding="utf-8"))["dimensions"]:
            for question in dimension["questions"]:
                for option in question.get("options") or []:
                    for text in option.values() if isinstance(option, dict) else [option]:
                        assert not str(text).lstrip()[:1].isdigit(), (path.name, question["id"], text)


# --- every shipped framework version -------------------------------------------------------------


def test_a_form_built_from_an_earlier_version_still_scores(tmp_path, framework, monkeypatch):
    """Last year's texts (another YAML with the same id and an older version) map to today's
    questions, and the column map says which version matched."""
    from omni.survey import headers, options, versions

    shipped = tmp_path / "frameworks"
    shipped.mkdir()
    current = (FRAMEWORK_DIR / "omnichannel-maturity.yaml").read_text(encoding="utf-8")
    (shipped / "omnichannel-maturity.yaml").write_text(current, encoding="utf-8")
    old = yaml.safe_load(current)
    old["version"] = "0.9"
    q = old["dimensions"][0]["questions"][0]
    q["text"]["nl"] = "Wij hebben opgeschreven waarin wij ons voor klanten onderscheiden van concurrenten."
    q["options"][2]["nl"] = "Een lijst met onze sterke punten is bekend bij alle kanalen en wordt overal gebruikt."
    (shipped / "archive").mkdir()
    (shipped / "archive" / "omnichannel-maturity-0.9.yaml").write_text(yaml.safe_dump(old, allow_unicode=True),
                                                                       encoding="utf-8")
    monkeypatch.setattr(versions, "FRAMEWORK_DIR", shipped)
    for cached in (versions._shipped, versions.text_versions, headers.question_index, options.option_index):
        cached.cache_clear()
    try:
        people = make_people(framework, 3, seed=11)
        for p in people:
            p.answers["VIS-1"] = (3, 4)
        path = ms_forms_choice_nl(framework, people, tmp_path / "vorig-jaar.xlsx")
        from openpyxl import load_workbook

        wb = load_workbook(path)
        ws = wb["Form1"]
        ws["G1"], ws["H1"] = f"{q['text']['nl']} (huidig)", f"{q['text']['nl']} (gewenst)"
        for row in (2, 3, 4):
            ws.cell(row=row, column=7).value = q["options"][2]["nl"]
        wb.save(path)
        limits = dataclasses.replace(IntakeLimits.from_env(), isolate=False)  # the patched files, in this process
        survey = read_survey([path], limits=limits)
        assert_scores(survey, framework, people)
        cmap = survey.column_map.set_index("header")
        assert cmap.loc[ws["G1"].value, ["question", "version"]].tolist() == ["VIS-1", "0.9"]
        assert "(v0.9)" in cmap.loc[ws["G1"].value, "values"]
        assert survey.text_versions == (framework.version, "0.9")
    finally:
        for cached in (versions._shipped, versions.text_versions, headers.question_index, options.option_index):
            cached.cache_clear()


def test_a_header_that_fits_two_questions_is_never_guessed(tmp_path, framework):
    """Two questions whose texts differ in two letters: a header one letter from either is near
    both, so the column is reported with both candidates and not read (one that is clearly
    nearer one of them is read, see the Likert test's fuzzy matches)."""
    raw = yaml.safe_load((FRAMEWORK_DIR / "omnichannel-maturity-1.0.yaml").read_text(encoding="utf-8"))
    raw["id"] = "twin-questions"
    first, second = raw["dimensions"][0]["questions"][:2]
    second["text"]["nl"] = first["text"]["nl"].replace("klantcontact", "klantcontacten")
    path = tmp_path / "twins.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    twins = load_framework(path)
    people = make_people(twins, 2, seed=12)
    form = ms_forms_choice_nl(twins, people, tmp_path / "form.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(form)
    typo = first["text"]["nl"].replace("klantcontact", "klantcontacte")  # one letter from either
    wb["Form1"]["G1"] = f"{typo} (huidig)"
    wb.save(form)
    survey = read_survey([form], twins)
    (warning,) = [p for p in survey.warnings if p.key == "problem.column_ambiguous"]
    assert warning.cell == "G1" and "VIS-1" in warning.message("nl") and "VIS-2" in warning.message("en")
    row = survey.column_map.set_index("column").loc["G"]
    assert (row["matched_by"], row["question"]) == ("unmapped", "") and row["reason"].startswith("ambiguous")
