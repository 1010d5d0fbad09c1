"""The action plan as Excel, CSV and .ics, read back with openpyxl, csv and icalendar; imports all or nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io

import icalendar
import openpyxl
import pytest

from omni.action_files import plan_to_csv, plan_to_ics, plan_to_xlsx, read_plan_file
from omni.action_plan import add_action, import_plan, plan
from omni.actions import DONE, IN_PROGRESS
from omni.demo import demo_respondents
from omni.scoring import score
from omni.store.access import audit_entries
from omni.store.assessments import save_assessment
from omni.survey.reader import survey_from_answers

EVIL = "=HYPERLINK(\"http://evil.test\",\"klik\")"


@pytest.fixture
def stocked(engine, framework):
    assessment = score(survey_from_answers(framework, demo_respondents(framework, n=3, seed=1), source="d.xlsx"))
    save_assessment(engine, assessment, wave="2026", organisation="Alpha BV")
    add_action(engine, "Alpha BV", {"title": "Klantreis; in kaart, brengen", "dimension": "vision",
                                    "questions": "VIS-1,VIS-2", "target_level": 3, "owner_name": "Anna",
                                    "owner_role": "CMO", "start_date": "2027-01-01", "due_date": "2027-03-31",
                                    "notes": "Regel één\nRegel twee " + "lang " * 30})
    add_action(engine, "Alpha BV", {"title": EVIL, "dimension": "martech", "status": IN_PROGRESS,
                                    "owner_name": "-Bram"})
    return engine


def _sheet(data: bytes):
    book = openpyxl.load_workbook(io.BytesIO(data))
    return book, book["Acties"]


def test_excel_has_dropdowns_real_dates_and_no_live_formulas(stocked, framework):
    data = plan_to_xlsx(plan(stocked, "Alpha BV"), framework, "nl")
    book, sheet = _sheet(data)
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["Nr", "Meting", "Actie", "Onderdeel", "Vragen"] and "Deadline" in header
    lists = book["Keuzelijsten"]
    assert lists.sheet_state == "hidden"
    assert [lists.cell(r, 1).value for r in range(2, 7)] == [d.name("nl") for d in framework.dimensions]
    assert [lists.cell(r, 2).value for r in range(2, 6)] == ["Gepland", "Bezig", "Klaar", "Vervallen"]
    rules = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
    assert rules["D2:D1001"].type == "list" and rules["D2:D1001"].formula1 == "'Keuzelijsten'!$A$2:$A$6"
    assert rules["K2:K1001"].formula1 == "'Keuzelijsten'!$B$2:$B$5"
    assert rules["F2:F1001"].type == "whole"
    due = sheet.cell(2, header.index("Deadline") + 1)
    assert due.is_date and due.value.date() == dt.date(2027, 3, 31) and due.number_format == "yyyy-mm-dd"
    evil = sheet.cell(3, 3)
    assert evil.value == EVIL and evil.data_type == "s" and evil.quotePrefix
    assert sheet.cell(3, header.index("Eigenaar") + 1).quotePrefix  # "-Bram" would be a formula too
    assert sheet.cell(2, 4).value == "Visie en draagvlak" and sheet.cell(3, 11).value == "Bezig"


def test_an_edited_excel_plan_comes_back_as_changes_and_new_rows(stocked, framework):
    book = openpyxl.load_workbook(io.BytesIO(plan_to_xlsx(plan(stocked, "Alpha BV"), framework, "en")))
    sheet = book["Actions"]  # English headers and labels this time
    sheet["K2"] = "Done"
    sheet.append([None, None, "Dashboard live", "Marketing technology", "TEC-1", 4, "Carol", None,
                  dt.datetime(2027, 2, 1), dt.datetime(2027, 5, 1), "Planned", None, None])
    out = io.BytesIO()
    book.save(out)
    outcome = import_plan(stocked, "Alpha BV", "plan.xlsx", out.getvalue())
    assert outcome.ok, outcome.messages("en")
    assert (outcome.added, outcome.changed) == (1, 1)
    details = list(audit_entries(stocked, action="plan")["detail"])
    assert details[0].startswith("imported plan.xlsx: 1 new (#3-#3, 2026), 1 changed actions")
    assert details[1].startswith("changed action #1 'Klantreis; in kaart, brengen': status")
    now = {a.fields.title: a for a in plan(stocked, "Alpha BV")}
    assert now["Klantreis; in kaart, brengen"].fields.status == DONE
    assert now["Klantreis; in kaart, brengen"].version == 2
    assert now["Dashboard live"].fields.due_date == dt.date(2027, 5, 1)
    assert now["Dashboard live"].fields.dimension == "martech" and now[EVIL].version == 1
    # The same file again is stale: the first row was based on version 1, and nothing is saved.
    again = import_plan(stocked, "Alpha BV", "plan.xlsx", out.getvalue())
    assert not again.ok and "was changed by" in again.messages("en")[0]
    assert len(plan(stocked, "Alpha BV")) == 3


def test_bad_rows_are_named_by_cell_and_nothing_is_imported(stocked, framework):
    book = openpyxl.load_workbook(io.BytesIO(plan_to_xlsx([], framework, "nl")))
    sheet = book["Acties"]
    sheet.append([None, None, "Goed", "Organisatie", None, None, None, None, None, "2027-04-01", "Gepland"])
    sheet.append([None, None, "Slechte datum", "Organisatie", None, None, None, None, None, "31-13-2027"])
    sheet.append([None, None, "Verkeerd onderdeel", "Verkoop"])
    sheet.append([None, None, None, "Activatie", None, 7])
    out = io.BytesIO()
    book.save(out)
    outcome = import_plan(stocked, "Alpha BV", "plan.xlsx", out.getvalue())
    assert not outcome.ok and outcome.added == 0
    nl, en = outcome.messages("nl"), outcome.messages("en")
    assert nl[0] == "plan.xlsx, werkblad Acties, cel J3: Deadline: '31-13-2027' is geen datum " \
                    "(verwacht JJJJ-MM-DD of DD-MM-JJJJ)"
    assert en[1].startswith("plan.xlsx, sheet Acties, cell D4: Dimension: 'Verkoop' is not a dimension")
    assert "cel C5: Actie: is verplicht" in nl[2]
    assert len(nl) == 3 and len(plan(stocked, "Alpha BV")) == 2  # the good row was not imported either


def test_csv_neutralises_formulas_and_reads_back(stocked, framework):
    data = plan_to_csv(plan(stocked, "Alpha BV"), framework, "nl")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][2] == "Actie" and rows[2][2] == "'" + EVIL and rows[2][6] == "'-Bram"
    assert rows[1][9] == "2027-03-31" and "Regel één\nRegel twee" in rows[1][11]
    read = read_plan_file("plan.csv", data, framework)
    assert read.ok and not read.new and len(read.changes) == 2
    assert {c[2].title for c in read.changes} == {"Klantreis; in kaart, brengen", EVIL}
    assert {c[2].owner_name for c in read.changes} == {"Anna", "-Bram"}


def test_csv_problems_name_row_and_column(engine, framework):
    data = b"Actie,Onderdeel,Status\nA,Activatie,bezig\nB,Activatie,half af\n"
    outcome = import_plan(engine, "Alpha BV", "p.csv", data, wave="2027")
    assert outcome.messages("en") == ["p.csv, row 3, column Status: Status: 'half af' is not a status "
                                      "(expected one of: Gepland, Bezig, Klaar, Vervallen / Planned, In progress, Done, Dropped)"]
    assert plan(engine) == []
    missing = import_plan(engine, "Alpha BV", "p.csv", b"Wat,Wie\nA,B\n", wave="2027")
    assert missing.messages("nl") == ["p.csv: kolommen ontbreken: Actie / Action, Onderdeel / Dimension"]


def test_ics_lists_due_dates_and_parses(stocked, framework):
    actions = plan(stocked, "Alpha BV")
    data = plan_to_ics(actions, framework, "nl", now=dt.datetime(2027, 1, 1, 9, tzinfo=dt.UTC))
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert data.endswith(b"END:VCALENDAR\r\n")
    calendar = icalendar.Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1  # the second action has no due date
    event = events[0]
    assert event.decoded("DTSTART") == dt.date(2027, 3, 31) and event.decoded("DTEND") == dt.date(2027, 4, 1)
    assert str(event["SUMMARY"]) == "Deadline: Klantreis; in kaart, brengen"
    assert "Eigenaar: Anna · CMO" in str(event["DESCRIPTION"])
    assert str(event["UID"]).startswith(f"action-{actions[0].id}-")


def test_a_plan_saved_again_by_libreoffice_keeps_its_dropdowns_dates_and_text(tmp_path, framework):
    """As a team would: open the exported plan in a spreadsheet program, save it, import it again."""
    import shutil
    import subprocess

    from helpers import requires

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    requires(soffice is not None, "LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    from omni.store import open_store

    engine = open_store(f"sqlite:///{tmp_path / 'omni.sqlite3'}")
    add_action(engine, "Alpha BV", {"title": EVIL, "dimension": "vision", "due_date": "2027-03-31",
                                    "status": "bezig", "target_level": 3}, wave="2026")
    source = tmp_path / "in" / "plan.xlsx"
    source.parent.mkdir()
    source.write_bytes(plan_to_xlsx(plan(engine), framework, "nl"))
    out = tmp_path / "out"
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--calc",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)
    saved = (out / "plan.xlsx").read_bytes()
    sheet = openpyxl.load_workbook(io.BytesIO(saved))["Acties"]
    assert sheet["C2"].value == EVIL and sheet["C2"].data_type == "s"  # still text, not a formula
    assert sheet["J2"].is_date and sheet["K2"].value == "Bezig"
    assert any(dv.type == "list" and "D2" in dv.sqref for dv in sheet.data_validations.dataValidation)
    outcome = import_plan(engine, "Alpha BV", "plan.xlsx", saved)
    assert outcome.ok, outcome.messages("en")
    assert (outcome.added, outcome.changed) == (0, 0)  # read back exactly as it was written
    engine.dispose()
