"""Real-world survey files: LibreOffice .ods/.xls/.xlsx, Forms exports, Dutch CSV, many files.

Files are made by the programs that make them in the field: openpyxl for our template and for
a Microsoft Forms style export, LibreOffice (headless, the real program) to save the template
as .ods, .xls and LibreOffice .xlsx, and the csv module with the encodings Excel and Google use.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from helpers import answer_row, assert_answers, fill_template, run_cli
from openpyxl import Workbook, load_workbook

from omni.demo import demo_respondents
from omni.scoring import score
from omni.survey import read_survey
from omni.template import write_workbook

# --- LibreOffice: .ods, .xls and LibreOffice-saved .xlsx ---------------------------------------


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (libreoffice-calc-nogui) is missing; .ci/run installs it")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    return found


def _convert(sources: list[Path], target: str, out: Path, profile: Path) -> None:
    """Open each file in LibreOffice and save it as `target` (ods / xls / xlsx)."""
    filters = {"ods": "ods", "xls": "xls:MS Excel 97", "xlsx": "xlsx:Calc MS Excel 2007 XML"}
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([_soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--calc",
                    "--convert-to", filters[target], "--outdir", str(out), *map(str, sources)],
                   check=True, capture_output=True, timeout=180)


@pytest.fixture(scope="module")
def libreoffice_files(tmp_path_factory, framework):
    """Our template (one respondent, and many) saved by LibreOffice in three formats."""
    base = tmp_path_factory.mktemp("lo")
    one = demo_respondents(framework, n=1, seed=5, lang="nl")
    team = demo_respondents(framework, n=6, seed=6, lang="en")
    single, wide = base / "single.xlsx", base / "team.xlsx"
    write_workbook(single, framework, "nl", "respondent", one)
    write_workbook(wide, framework, "en", "respondents", team)
    profile = base / "profile"
    for target in ("ods", "xls", "xlsx"):
        _convert([single, wide], target, base / target, profile)
    return {"one": one, "team": team, "dir": base}


@pytest.mark.parametrize("target", ["ods", "xls", "xlsx"])
def test_template_saved_by_libreoffice_scores_like_the_original(libreoffice_files, framework, target):
    folder = libreoffice_files["dir"] / target
    single = read_survey([folder / f"single.{target}"])
    assert single.ok, [p.describe("en") for p in single.errors]
    assert single.framework.id == framework.id
    assert_answers(single, framework, libreoffice_files["one"])
    assert single.respondents.iloc[0]["organisation"] == "Huis & Haard Wonen"
    team = read_survey([folder / f"team.{target}"])
    assert team.ok, [p.describe("en") for p in team.errors]
    assert_answers(team, framework, libreoffice_files["team"])
    original = score(read_survey([libreoffice_files["dir"] / "team.xlsx"]))
    assert score(team).overall == original.overall


# --- Microsoft Forms / Google Forms exports -----------------------------------------------------

OPTION_PREFIX = {1: "1 - ", 2: "2 - ", 3: "3 - ", 4: "4 - ", 5: "5 - "}


def _option_label(question, value, lang):
    if value == "na":
        return "n.v.t." if lang == "nl" else "n/a"
    if value == "dk":
        return "weet ik niet" if lang == "nl" else "don't know"
    if value is None:
        return None
    return f"{value} - {question.option(value)(lang)[:40]}"


def _question_headers(question, lang, style: int) -> tuple[str, str]:
    """Headers for one question's current and target columns, in the ways forms get written."""
    cur, tgt = ("Huidig", "Gewenst") if lang == "nl" else ("Current", "Target")
    text, topic = question.text(lang), question.topic(lang)
    styles = [
        (f"{text} - {cur}", f"{text} - {tgt}"),  # full question text with a suffix
        (f"{topic} [{cur}]", f"{topic} [{tgt}]"),  # Google Forms grid: "Title [Row]"
        (f"{text[:38]}… ({cur.lower()})", f"{text[:38]}… ({tgt.lower()})"),  # shortened
        (f"{question.id} {cur}", f"{question.id} {tgt}"),  # the question id
        (f"  {cur.upper()}:\u00a0{text.upper()} ", f"{tgt}: {text}"),  # case, nbsp, prefix
    ]
    return styles[style % len(styles)]


def forms_export_rows(framework, people, lang, google=False):
    """A forms responses table: leading columns, fact questions, two columns per question."""
    if google:
        lead = ["Tijdstempel", "E-mailadres"] if lang == "nl" else ["Timestamp", "Email Address"]
    else:
        lead = (["ID", "Begintijd", "Tijd van voltooien", "E-mail", "Naam"] if lang == "nl"
                else ["ID", "Start time", "Completion time", "Email", "Name"])
    facts = (["Wat is uw rol?", "Afdeling", "Organisatie"] if lang == "nl"
             else ["What is your role?", "Department", "Organisation"])
    header = [*lead, *facts]
    for i, q in enumerate(framework.questions):
        header += list(_question_headers(q, lang, i))
    header.append("Overige opmerkingen" if lang == "nl" else "Any other remarks")
    rows = [header]
    for n, person in enumerate(people, start=1):
        when = dt.datetime(2026, 10, 12, 9, 30) + dt.timedelta(hours=n)
        if google:
            row = [when.strftime("%Y/%m/%d %H:%M:%S"), f"person{n}@example.nl"]
        else:
            row = [n, when - dt.timedelta(minutes=12), when, f"person{n}@example.nl", person.facts.get("name") or ""]
        row += [person.facts["role"], person.facts["department"], person.facts["organisation"]]
        for q in framework.questions:
            current, target, _ = person.answers.get(q.id, (None, None, ""))
            row += [_option_label(q, current, lang), _option_label(q, target, lang)]
        row.append("Goed initiatief" if n == 1 else None)
        rows.append(row)
    return rows


def test_microsoft_forms_export_is_mapped_from_the_question_texts(tmp_path, framework):
    people = demo_respondents(framework, n=7, seed=21, lang="nl")
    wb = Workbook()
    ws = wb.active
    ws.title = "Form1"
    for row in forms_export_rows(framework, people, "nl"):
        ws.append(row)
    hidden = wb.create_sheet("Oud")  # a hidden sheet with stale answers is not read
    hidden.append(["VIS-1 Huidig", "VIS-1 Gewenst"])
    hidden.append([1, 1])
    hidden.sheet_state = "hidden"
    path = tmp_path / "Omnichannel-enquête(1-7).xlsx"
    wb.save(path)

    survey = read_survey([path])
    assert survey.ok, [p.describe("en") for p in survey.errors]
    assert_answers(survey, framework, people)
    assert survey.framework.id == framework.id
    assert survey.organisation == "Huis & Haard Wonen"
    facts = survey.respondents.iloc[0]
    assert facts["role"] == "executive" and facts["date"] == "2026-10-12"
    cmap = survey.column_map.set_index("header")
    assert list(survey.column_map.columns) == ["file", "sheet", "column", "header", "question", "field",
                                                "matched_by", "reason", "version", "values"]
    assert (cmap.loc["ID", "matched_by"], cmap.loc["E-mail", "matched_by"]) == ("ignored", "ignored")
    assert cmap.loc["Wat is uw rol?", ["field", "matched_by"]].tolist() == ["role", "fact"]
    assert cmap.loc["Tijd van voltooien", "field"] == "date"
    by_question = survey.column_map.loc[survey.column_map["question"] != ""]
    assert len(by_question) == 2 * len(framework.questions)
    assert set(by_question["matched_by"]) == {"id", "text"}
    assert all(fields == ["current", "target"] for fields in by_question.groupby("question")["field"].apply(sorted))
    assert cmap.loc["Overige opmerkingen", "matched_by"] == "unmapped"
    (skipped,) = [p for p in survey.warnings if p.key == "problem.column_unmapped"]
    assert skipped.sheet == "Form1" and "Overige opmerkingen" in skipped.message("nl")
    assert all(sheet == "Form1" for sheet in survey.column_map["sheet"])


def test_google_forms_csv_in_english(tmp_path, framework):
    people = demo_respondents(framework, n=5, seed=4, lang="en")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in forms_export_rows(framework, people, "en", google=True):
        writer.writerow(["" if v is None else v for v in row])
    path = tmp_path / "Omnichannel survey (Responses) - Form responses 1.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    survey = read_survey([path])
    assert survey.ok, [p.describe("en") for p in survey.errors]
    assert_answers(survey, framework, people)
    assert survey.respondents.iloc[0]["date"] == "2026-10-12"
    cmap = survey.column_map.set_index("header")
    assert cmap.loc["Email Address", "matched_by"] == "ignored"
    assert cmap.loc["Timestamp", ["field", "matched_by"]].tolist() == ["date", "fact"]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_csv_as_dutch_excel_writes_it(tmp_path, framework, encoding):
    """`;`-separated, decimal commas, Windows-1252 or UTF-8 with BOM; 3,5 is reported, not read."""
    people = demo_respondents(framework, n=3, seed=8, lang="nl")
    header = ["Naam (optioneel)", "Rol", "Afdeling", "Organisatie", "Gemiddelde"]
    header += [f"{q.id} {f}" for q in framework.questions for f in ("Huidig", "Gewenst")]
    lines = [header]
    for person in people:
        row = [person.facts.get("name") or "Zoë", "Directie / bestuur", "Financiën", "Café Één BV", "3,25"]
        for q in framework.questions:
            current, target, _ = person.answers[q.id]
            row += [{"na": "n.v.t.", "dk": "weet ik niet"}.get(v, "" if v is None else str(v)) for v in (current, target)]
        lines.append(row)
    lines[2][6] = "3,5"  # second respondent, VIS-1 Gewenst
    lines[3][7], lines[3][8] = "4,0", "5,00"  # third respondent, VIS-2: number cells with a decimal format
    lines.insert(2, [""] * len(header))  # an empty row
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(lines)
    path = tmp_path / "enquete.csv"
    path.write_bytes(buffer.getvalue().encode(encoding))

    survey = read_survey([path])
    (error,) = survey.errors
    assert error.key == "problem.not_a_score" and error.cell == "G4" and error.file == "enquete.csv"
    assert error.message("nl") == "'3,5' is geen score van 1 tot 5 (of n.v.t.)"
    assert len(survey.respondents) == 3
    assert set(survey.respondents["organisation"]) == {"Café Één BV"}
    assert set(survey.respondents["department"]) == {"Financiën"}
    third = survey.answers.loc[survey.answers["respondent"] == "R03"].set_index("question")
    assert (third.loc["VIS-2", "current"], third.loc["VIS-2", "target"]) == (4.0, 5.0)
    mine = survey.answers.loc[survey.answers["respondent"] == "R01"].set_index("question")
    expected_current = people[0].answers["VIS-2"][0]
    assert mine.loc["VIS-2", "current"] == expected_current or mine.loc["VIS-2", "current_na"]
    assert survey.column_map.set_index("header").loc["Gemiddelde", "matched_by"] == "unmapped"


def _consultant_row(person, framework) -> list:
    """Name, role, then current and target of every question as a consultant types them."""
    row = [person.facts.get("name") or "", "Marketing"]
    for q in framework.questions:
        current, target, _ = person.answers[q.id]
        row += [{"na": "n.v.t.", "dk": "weet ik niet"}.get(v, v) if isinstance(v, str) else v for v in (current, target)]
    return row


def test_forms_export_with_a_two_row_header_and_merged_cells(tmp_path, framework):
    """A consultant's sheet: a title row, the question merged over Huidig / Gewenst below it."""
    people = demo_respondents(framework, n=4, seed=2, lang="nl")
    wb = Workbook()
    ws = wb.active
    ws.append(["Nulmeting omnichannel - team Noord"])
    ws.merge_cells("A1:F1")
    top, sub = ["Naam", "Rol"], ["", ""]
    for q in framework.questions:
        top += [q.topic("nl"), None]
        sub += ["Huidig", "Gewenst"]
    ws.append(top)
    ws.append(sub)
    for i in range(len(framework.questions)):
        col = 3 + 2 * i
        ws.merge_cells(start_row=2, start_column=col, end_row=2, end_column=col + 1)
    for person in people:
        ws.append(_consultant_row(person, framework))
        ws.append([])  # empty rows between respondents
    ws.append(["", "Totaal", "=AVERAGE(C4:C10)"])  # a summary row with a formula at the bottom
    path = tmp_path / "nulmeting.xlsx"
    wb.save(path)
    survey = read_survey([path])
    assert survey.ok, [p.describe("en") for p in survey.errors]  # the formula is in a row that is skipped
    (summary,) = [p for p in survey.warnings if p.key == "problem.summary_row"]
    assert summary.cell == f"B{4 + 2 * len(people)}" and "Totaal" in summary.message("en")
    assert len(survey.respondents) == len(people)  # the total row is never a respondent
    assert_answers(survey, framework, people)


def _consultant_sheet(path: Path, framework, people, extra_rows) -> None:
    """A consultant's own sheet: Naam, Rol, then each question's id with huidig / gewenst."""
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Scores"
    ws.append(["Naam", "Rol"] + [f"{q.id} {f}" for q in framework.questions for f in ("huidig", "gewenst")])
    for person in people:
        ws.append(_consultant_row(person, framework))
    last = len(people) + 1
    columns = [get_column_letter(c) for c in range(3, 3 + 2 * len(framework.questions))]
    for label in extra_rows:  # a row of averages under the respondents, with this in column A
        ws.append([label, None] + [f"=AVERAGE({c}2:{c}{last})" for c in columns])
    wb.save(path)


@pytest.mark.parametrize("target", ["xlsx", "ods"])
def test_a_row_of_averages_without_a_label_is_skipped_and_said(tmp_path, framework, target):
    """Saved by LibreOffice (as Excel does, every formula cell keeps its result): the row of formulas a
    consultant added under the respondents, without a label, is no respondent - a warning naming its row,
    the file scores. With a name in it, the same formulas are a person's answers typed as formulas: an
    error on each cell, as before."""
    people = demo_respondents(framework, n=5, seed=8, lang="nl")
    _consultant_sheet(tmp_path / "gemiddeld.xlsx", framework, people, [None])
    _consultant_sheet(tmp_path / "met_naam.xlsx", framework, people, ["Piet"])
    _convert([tmp_path / "gemiddeld.xlsx", tmp_path / "met_naam.xlsx"], target, tmp_path / "lo", tmp_path / "profile")
    survey = read_survey([tmp_path / "lo" / f"gemiddeld.{target}"])
    assert survey.ok, [p.describe("en") for p in survey.errors][:3]
    (row,) = [p for p in survey.warnings if p.key == "problem.formula_row"]
    assert (row.sheet, row.cell) == ("Scores", "C7")
    assert "regel 7" in row.message("nl") and "row 7" in row.message("en") and "C7" in row.message("en")
    assert_answers(survey, framework, people)  # five respondents, their own answers, no sixth
    named = read_survey([tmp_path / "lo" / f"met_naam.{target}"])
    assert not named.ok and not [p for p in named.warnings if p.key == "problem.formula_row"]
    assert {p.key for p in named.errors} == {"problem.formula_answer"}
    assert len(named.errors) == 2 * len(framework.questions)


def test_formula_answers_are_never_trusted(tmp_path, framework):
    answers = {q.id: (3, 4, None) for q in framework.questions}
    answers["ORG-1"] = ("=1+2", 4, None)
    path = fill_template(tmp_path / "formule.xlsx", framework, "nl", answers)
    survey = read_survey([path])
    (error,) = survey.errors
    assert (error.key, error.cell, error.sheet) == ("problem.formula_answer", f"E{answer_row(framework, 'ORG-1')}",
                                                    "Antwoorden")


def test_macro_workbook_is_read_and_nothing_runs(tmp_path, framework):
    """An .xlsm with a VBA project: the data is read, the macros are reported, never run."""
    answers = {q.id: (2, 4, None) for q in framework.questions}
    source = fill_template(tmp_path / "plain.xlsx", framework, "en", answers)
    target = tmp_path / "with-macros.xlsm"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml")
                data = data.replace(b"</Types>", b'<Default Extension="bin" ContentType='
                                    b'"application/vnd.ms-office.vbaProject"/></Types>')
            zout.writestr(item, data)
        zout.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"Attribute VB_Name" * 64)
    survey = read_survey([target])
    assert survey.ok
    assert [p.key for p in survey.warnings] == ["problem.macros_ignored"]
    assert set(survey.answers["current"]) == {2.0}


def test_several_files_merge_and_duplicates_are_reported(tmp_path, framework):
    people = demo_respondents(framework, n=3, seed=9, lang="nl")
    paths = []
    for i, person in enumerate(people):
        paths.append(tmp_path / f"respondent-{i + 1}.xlsx")
        write_workbook(paths[-1], framework, "nl", "respondent", [person])
    copy = tmp_path / "respondent-1 (1).xlsx"
    copy.write_bytes(paths[0].read_bytes())  # the same file uploaded twice
    resaved = tmp_path / "respondent-2-opnieuw.xlsx"  # the same respondent, saved again
    write_workbook(resaved, framework, "nl", "respondent", [people[1]])
    wb = load_workbook(resaved)
    wb.properties.title = "opnieuw opgeslagen"
    wb.save(resaved)
    changed = demo_respondents(framework, n=1, seed=99, lang="nl")[0]
    changed.facts.update(name=people[0].facts["name"])  # same name, other answers: a resubmission
    again = tmp_path / "marieke-versie-2.xlsx"
    write_workbook(again, framework, "nl", "respondent", [changed])

    survey = read_survey([*paths, copy, resaved, again])
    assert survey.ok
    keys = [p.key for p in survey.warnings]
    assert keys.count("problem.duplicate_file") == 1
    assert keys.count("problem.duplicate_respondent_dropped") == 1
    assert keys.count("problem.resubmission_dropped") == 1
    # 3 people: the copy and the resave counted once, and the first version of a resubmission dropped
    assert len(survey.respondents) == 3
    assert list(survey.respondents["source"]).count("marieke-versie-2.xlsx") == 1
    assert "respondent-1.xlsx" not in list(survey.respondents["source"])
    dropped = next(p for p in survey.warnings if p.key == "problem.duplicate_respondent_dropped")
    assert dropped.file == "respondent-2-opnieuw.xlsx" and "respondent-2.xlsx" in dropped.message("en")
    resubmitted = next(p for p in survey.warnings if p.key == "problem.resubmission_dropped")
    assert resubmitted.file == "respondent-1.xlsx"
    assert "the same name" in resubmitted.message("en") and "dezelfde naam" in resubmitted.message("nl")
    assert "marieke-versie-2.xlsx" in resubmitted.message("en")
    assert survey.organisation == "Huis & Haard Wonen"

    kept = read_survey([*paths, copy, resaved, again], keep_duplicates=True)
    assert len(kept.respondents) == 4  # both versions count, and the pair is reported
    same_name = next(p for p in kept.warnings if p.key == "problem.duplicate_respondent")
    assert "the same name" in same_name.message("en") and "dezelfde naam" in same_name.message("nl")


def test_header_variants_and_extra_columns_in_our_respondents_layout(tmp_path, framework):
    people = demo_respondents(framework, n=3, seed=12, lang="en")
    path = tmp_path / "team.xlsx"
    write_workbook(path, framework, "en", "respondents", people)
    wb = load_workbook(path)
    ws = wb["Respondents"]
    for cell in ws[1]:
        if isinstance(cell.value, str) and cell.value.startswith("VIS-2"):
            cell.value = "  " + cell.value.lower().replace(" ", "\u00a0") + " "
    ws.insert_cols(3)
    ws.cell(row=1, column=3, value="Notes by consultant")
    ws.cell(row=2, column=3, value="called back")
    ws.insert_rows(3)  # an empty row between respondents
    wb.save(path)
    survey = read_survey([path])
    assert survey.ok, [p.describe("en") for p in survey.errors]
    assert_answers(survey, framework, people)
    cmap = survey.column_map.set_index("column")
    assert cmap.loc["C", ["header", "matched_by"]].tolist() == ["Notes by consultant", "unmapped"]
    vis2 = survey.column_map.loc[survey.column_map["question"] == "VIS-2"]
    assert sorted(vis2["field"]) == ["comment", "current", "target"]


def test_values_that_are_not_scores_in_a_wide_sheet(tmp_path, framework):
    people = demo_respondents(framework, n=2, seed=3, lang="nl")
    path = tmp_path / "team.xlsx"
    write_workbook(path, framework, "nl", "respondents", people)
    wb = load_workbook(path)
    ws = wb["Respondenten"]
    columns = {c.value: c.column for c in ws[1]}
    ws.cell(row=2, column=columns["VIS-1 Huidig"], value=3).number_format = "yyyy-mm-dd"  # date format
    ws.cell(row=2, column=columns["VIS-2 Huidig"], value=True)
    ws.cell(row=3, column=columns["VIS-3 Huidig"], value="1e3")
    ws.cell(row=3, column=columns["VIS-4 Huidig"], value="3,5")
    wb.save(path)
    survey = read_survey([path])
    shown = sorted(p.message("en") for p in survey.errors)
    assert shown == ["'1900-01-03' is not a score from 1 to 5 (or n/a)", "'1e3' is not a score from 1 to 5 (or n/a)",
                     "'3,5' is not a score from 1 to 5 (or n/a)", "'TRUE' is not a score from 1 to 5 (or n/a)"]


def test_cli_scores_a_forms_csv_and_prints_the_mapping_problems(tmp_path, framework):
    people = demo_respondents(framework, n=3, seed=4, lang="en")
    buffer = io.StringIO()
    csv.writer(buffer).writerows([["" if v is None else v for v in row]
                                  for row in forms_export_rows(framework, people, "en", google=True)])
    path = tmp_path / "responses.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    result = run_cli("score", str(path), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "Respondents: 3" in result.stdout
    assert "Any other remarks" in result.stdout and "Traceback" not in result.stdout + result.stderr


def test_identical_rows_in_one_sheet_are_reported_but_both_count(tmp_path, framework):
    people = demo_respondents(framework, n=2, seed=14, lang="nl")
    people.append(people[1])  # two people in one sheet who answered exactly alike
    path = tmp_path / "team.xlsx"
    write_workbook(path, framework, "nl", "respondents", people)
    survey = read_survey([path])
    assert survey.ok and len(survey.respondents) == 3
    (alike,) = [p for p in survey.warnings if p.key == "problem.duplicate_respondent"]
    assert "dezelfde gegevens en antwoorden" in alike.message("nl") and alike.file.endswith("Respondenten 4")


def test_our_template_with_its_sheets_renamed_or_copied(tmp_path, framework):
    """As people keep the template: its sheets renamed ('Mijn antwoorden', 'Over mij'; the hidden
    _omni sheet still says what the file is), or the answers sheet copied for a second person in
    the same file (Excel names the copy 'Antwoorden (2)'): read, or said, never dropped in silence."""
    answers = {q.id: (2, 4) for q in framework.questions}
    path = fill_template(tmp_path / "anna.xlsx", framework, "nl", answers, {"organisation": "Huis BV"})
    expected = score(read_survey([path])).dimension_scores

    renamed = tmp_path / "hernoemd.xlsx"
    wb = load_workbook(path)
    wb["Antwoorden"].title, wb["Respondent"].title = "Mijn antwoorden", "Over mij"
    wb.save(renamed)
    survey = read_survey([renamed])
    assert survey.ok, [p.describe("nl") for p in survey.errors]
    assert list(survey.respondents["organisation"]) == ["Huis BV"]
    assert score(survey).dimension_scores.equals(expected)

    copied = tmp_path / "twee.xlsx"
    wb = load_workbook(path)
    wb.copy_worksheet(wb["Antwoorden"]).title = "Antwoorden (2)"
    wb.save(copied)
    survey = read_survey([copied])
    assert len(survey.respondents) == 1
    (said,) = [p for p in survey.problems if p.key == "problem.sheet_not_read"]
    assert (said.file, said.sheet) == ("twee.xlsx", "Antwoorden (2)")
    assert "alleen blad 'Antwoorden' telt" in said.describe("nl")

    # the original hidden and its visible copy filled in (Excel: Move or Copy, then Hide): the copy counts
    hid = tmp_path / "verborgen.xlsx"
    other = fill_template(tmp_path / "ander.xlsx", framework, "nl", {q.id: (4, 5) for q in framework.questions},
                          {"organisation": "Huis BV"})
    wb = load_workbook(other)
    copy = wb.copy_worksheet(wb["Antwoorden"])
    copy.title = "Antwoorden (2)"
    for row in load_workbook(path)["Antwoorden"].iter_rows():  # the original keeps Anna's first answers
        for cell in row:
            if not isinstance(cell.value, str) or not cell.value.startswith("="):
                wb["Antwoorden"][cell.coordinate].value = cell.value
    wb["Antwoorden"].sheet_state = "hidden"
    wb.save(hid)
    survey = read_survey([hid])
    assert survey.ok, [p.describe("nl") for p in survey.errors]
    assert score(survey).dimension_scores.equals(score(read_survey([other])).dimension_scores)
    (said,) = [p for p in survey.problems if p.key == "problem.hidden_original"]
    assert (said.sheet, said.severity) == ("Antwoorden", "warning")
    assert "het zichtbare blad 'Antwoorden (2)'" in said.describe("nl") and "unhide this sheet" in said.describe("en")
    assert not [p for p in survey.problems if p.key == "problem.sheet_not_read"]


def test_a_respondents_list_continued_on_a_copied_sheet_is_said(tmp_path, framework):
    people = demo_respondents(framework, n=4, seed=5, lang="nl")
    path = tmp_path / "team.xlsx"
    write_workbook(path, framework, "nl", "respondents", people)
    wb = load_workbook(path)
    rest = wb.copy_worksheet(wb["Respondenten"])
    rest.title = "Respondenten (2)"
    wb.save(path)
    survey = read_survey([path])
    assert len(survey.respondents) == 4
    (said,) = [p for p in survey.problems if p.key == "problem.rows_not_read"]
    assert said.sheet == "Respondenten (2)" and "only sheet 'Respondenten' counts" in said.describe("en")
    # a sheet of one's own beside it (a count, notes) or a hidden old list: nothing to say
    wb = load_workbook(path)
    wb.create_sheet("Respondenten overzicht").append(["Aantal", 4])
    wb["Respondenten (2)"].sheet_state = "hidden"
    wb.save(path)
    assert not [p for p in read_survey([path]).problems if p.key == "problem.rows_not_read"]


@pytest.mark.parametrize("separator, named", [(",", "komma's"), (";", "puntkomma's")])
def test_a_csv_opened_in_excel_with_the_wrong_separator_is_named_as_such(tmp_path, framework, separator, named):
    """A Google Forms CSV (commas) double-clicked in Dutch Excel (which splits on semicolons) lands in
    column A; saved as a workbook it is refused with what happened and how to mend it, not with
    'no question columns found'."""
    from openpyxl import Workbook

    header = ["Tijdstempel", "Naam"] + [f"{q.id} Huidig" for q in framework.questions[:6]]
    wb = Workbook()
    ws = wb.active
    ws.title = "enquete"
    ws.append([separator.join(header)])
    for i in range(3):
        ws.append([separator.join(["2026/10/12 9:30:00", f"Persoon {i}", *"342315"])])
    wb.save(tmp_path / "enquete.xlsx")
    survey = read_survey([tmp_path / "enquete.xlsx"])
    (error,) = survey.errors
    assert (error.key, error.sheet, error.cell) == ("problem.csv_in_one_column", "enquete", "A1")
    assert error.message("nl").startswith(f"alle gegevens staan in kolom A, gescheiden door {named}: Excel heeft")
    assert "Data > Text to Columns" in error.message("en")
