"""Files of individual answers (the Excel report's Respondents and Answers sheets) when min_group > 1:
no names, no respondent ids, an order that does not follow the upload, and role, department and unit
only for groups of at least min_group. In local mode (min_group 1) they stay as they were. Read back
with openpyxl; the test fails on any leak."""

from __future__ import annotations

import io

import pytest
from helpers import run_cli
from openpyxl import load_workbook

from omni.confidentiality import ENV_MIN_GROUP, pseudonyms
from omni.export.report import build_report
from omni.scoring import score
from omni.survey.model import RespondentAnswers
from omni.survey.reader import survey_from_answers
from omni.template import write_workbook

# name, role, department, unit: one managing director, one lone unit (Merk C)
PEOPLE = [("Dirk Directeur", "executive", "Directie", "Merk A")] + [
    (f"Marketeer {i}", "marketing", "Verkoop", "Merk A") for i in range(4)] + [
    (f"Techneut {i}", "it", "IT", "Merk B") for i in range(3)] + [("Carla Cluster", "stores", "Winkels", "Merk C")]


def _survey(framework, people):
    return survey_from_answers(framework, _rows(framework, people))


def _rows(framework, people) -> list[RespondentAnswers]:
    rows = []
    for name, role, department, unit in people:
        seed = sum(map(ord, name))  # everyone answers differently, whatever their place in the upload
        rows.append(RespondentAnswers(
            {"name": name, "role": role, "department": department, "unit": unit, "organisation": "Groep BV"},
            {q.id: (1 + (seed + i) % 5, 5, "") for i, q in enumerate(framework.questions)}))
    return rows


def _cells(sheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _text(wb) -> str:
    return "\n".join(str(c) for name in ("Respondents", "Answers") for row in _cells(wb[name]) for c in row)


def test_no_names_ids_or_upload_order_beside_individual_answers(framework):
    assessment = score(_survey(framework, PEOPLE))
    wb = load_workbook(io.BytesIO(build_report(assessment, "en", min_group=3)))
    text = _text(wb)
    for name, *_ in PEOPLE:
        assert name not in text
    ids = list(assessment.survey.respondents["respondent"])
    for rid in ids:
        assert rid not in text.split("\n")
    header, *rows = _cells(wb["Respondents"])
    assert header[:4] == ["Respondent", "Role", "Department", "Unit (brand, country, business unit)"]
    assert not any(str(h).startswith("Name") for h in header)
    people = [row for row in rows if row and str(row[0]).startswith("Respondent ")]
    assert [row[0] for row in people] == [f"Respondent {i}" for i in range(1, len(PEOPLE) + 1)]
    # groups under 3: the director's role and department, Merk C, and the second merged (complementary)
    roles = {row[1] for row in people}
    assert "Executive board" not in roles and "Other" in roles
    units = [row[3] for row in people]
    assert "Merk C" not in units and units.count("Merk A") == 5 and "Merk B" not in units  # B merged with C
    assert any("without their names" in str(row[0]) for row in rows)
    # the pseudonyms do not follow the upload: not 1, 2, 3, ... for R01, R02, R03, ...
    stand_in = pseudonyms(assessment)
    assert [stand_in[r] for r in ids] != [str(i) for i in range(1, len(ids) + 1)]
    answers = [row[0] for row in _cells(wb["Answers"])[1:]]
    assert answers == sorted(answers, key=lambda label: int(label.split()[-1]))
    assert set(answers) == {row[0] for row in people}


def test_the_same_person_gets_the_same_pseudonym_whatever_the_upload_order(framework):
    forward = load_workbook(io.BytesIO(build_report(score(_survey(framework, PEOPLE)), "en", min_group=3)))
    backward = load_workbook(io.BytesIO(build_report(score(_survey(framework, PEOPLE[::-1])), "en", min_group=3)))
    assert _cells(forward["Respondents"]) == _cells(backward["Respondents"])
    assert _cells(forward["Answers"]) == _cells(backward["Answers"])
    assert _cells(forward["Respondents"])[1][0] == "Respondent 1"


def test_local_mode_keeps_names_and_ids(framework):
    assessment = score(_survey(framework, PEOPLE))
    wb = load_workbook(io.BytesIO(build_report(assessment, "en", min_group=1)))
    header, first, *_ = _cells(wb["Respondents"])
    assert header[0] == "Respondent" and header[1].startswith("Name") and first[:3] == ["R01", "Dirk Directeur", "Executive board"]
    assert _cells(wb["Answers"])[1][0] == "R01"


@pytest.mark.parametrize("min_group, named", [("3", False), ("1", True)])
def test_the_cli_export_follows_the_configured_threshold(tmp_path, framework, min_group, named):
    upload = tmp_path / "team.xlsx"
    write_workbook(upload, framework, "en", "respondents", _rows(framework, PEOPLE))  # one real workbook
    files = [str(upload)]
    out = tmp_path / "report.xlsx"
    done = run_cli("export", *files, "--xlsx", str(out), "--no-store", "--lang", "en",
                   env={ENV_MIN_GROUP: min_group})
    assert done.returncode == 0, done.stderr
    text = _text(load_workbook(out))
    assert ("Dirk Directeur" in text) is named and ("Respondent 1" in text) is not named


def test_the_method_pages_trace_names_no_respondent_when_min_group_is_above_one(framework, monkeypatch):
    """The trace table (shown, and offered as CSV) lists each respondent's dimension score."""
    from helpers import ROOT
    from streamlit.testing.v1 import AppTest

    from omni.export.text import csv_table
    from omni.ui.state import INTAKE, RESULT, Result

    survey = _survey(framework, PEOPLE)
    for min_group, named in (("3", False), ("1", True)):
        monkeypatch.setenv(ENV_MIN_GROUP, min_group)
        result = Result.of(survey, "upload", ("groep.xlsx",))
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.session_state[RESULT] = result
        at.session_state[INTAKE] = result
        at.run()
        at.switch_page("pages/method.py").run()
        at.radio[0].set_value("dimension").run()
        assert not at.exception, at.exception
        table = at.dataframe[0].value
        items = list(table.iloc[:, 0])
        assert (items[0] == "R01") is named
        if not named:
            assert items == [f"Respondent {i}" for i in range(1, len(PEOPLE) + 1)]
            assert "R0" not in csv_table(table).decode("utf-8-sig")
        at.radio[0].set_value("respondent").run()
        assert ("R01" in at.info[0].value) is named
