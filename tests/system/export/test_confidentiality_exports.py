"""The same breakdown rule everywhere: the Dimensions page, the CLI's JSON, the Excel and PDF reports,
the deck and the chart files, each read back with the real library."""

from __future__ import annotations

import io
import json
import shutil
import subprocess

import pyarrow as pa
import pytest
from helpers import ROOT, requires
from openpyxl import load_workbook
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from omni.cli import main
from omni.confidentiality import ENV_MIN_GROUP
from omni.export.deck import BREAKDOWN_NOTE, DeckOptions, build_deck
from omni.export.images import chart_catalogue
from omni.export.pdf_report import build_pdf, report_data
from omni.export.report import build_report
from omni.scoring import score
from omni.survey.model import RespondentAnswers
from omni.survey.reader import survey_from_answers
from omni.ui.state import INTAKE, RESULT, Result

DIRECTOR_SCORE = 5  # the managing director answered 5 everywhere: it must not be visible or derivable


@pytest.fixture(scope="module")
def team(framework):
    """A lone managing director, four in marketing, three in IT, five in the stores."""
    people = [("executive", "Directie", DIRECTOR_SCORE)] + [("marketing", "Verkoop", 2)] * 4 \
        + [("it", "IT", 3)] * 3 + [("stores", "Winkels", 4)] * 5
    rows = [RespondentAnswers({"role": role, "department": dep, "name": f"P{i}", "organisation": "Team BV"},
                              {q.id: (value, 5, "") for q in framework.questions})
            for i, (role, dep, value) in enumerate(people)]
    return survey_from_answers(framework, rows)


@pytest.fixture(scope="module")
def assessment(team):
    return score(team)


def test_excel_report_breakdowns_and_respondents(assessment):
    wb = load_workbook(io.BytesIO(build_report(assessment, "en", min_group=3)))
    sheet = wb["Breakdowns"]
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    labels = [row[0] for row in values]
    assert "Other" in labels and "Marketing" in labels and "Executive board" not in labels
    assert "IT" not in labels  # merged too: otherwise total - shown would give the director's scores
    other = next(row for row in values if row[0] == "Other")
    assert other[1] == pytest.approx((DIRECTOR_SCORE + 3 * 3) / 4) and other[-1] == 4
    assert any("combined under ‘Other’" in str(row[0]) for row in values)
    roles = {row[1] for row in wb["Respondents"].iter_rows(min_row=2, values_only=True)}  # no name column
    assert "Executive board" not in roles and "Other" in roles
    # local mode: the one user sees every group
    local = load_workbook(io.BytesIO(build_report(assessment, "en", min_group=1)))
    assert "Executive board" in [row[0] for row in local["Breakdowns"].iter_rows(values_only=True)]


def test_deck_agreement_slide(assessment):
    prs = Presentation(io.BytesIO(build_deck(assessment, "nl", DeckOptions(parts=("agreement",), min_group=3))))
    slide = prs.slides[0]
    table = next(s for s in slide.shapes if s.has_table).table
    labels = [table.cell(r, 0).text for r in range(1, len(table.rows))]
    assert "Overig" in labels and "Directie / bestuur" not in labels and "IT" not in labels
    assert any(s.name == BREAKDOWN_NOTE and "Overig" in s.text_frame.text for s in slide.shapes)
    assert "Overig" in slide.notes_slide.notes_text_frame.text


def test_pdf_report(assessment):
    data = report_data(assessment, "en", min_group=3)["by_role"]
    assert [row[0] for row in data["rows"]] == ["Marketing", "Stores / retail operations", "Other"]
    assert "3 respondents" in data["threshold"] and "Other" in data["note"]
    requires(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=build_pdf(assessment, "en", min_group=3),
                          capture_output=True, check=True).stdout.decode("utf-8")
    assert "By role" in text and "Executive board" not in text


def test_chart_files(assessment):
    spec = json.dumps(chart_catalogue(assessment, "en", min_group=3)["by-role"][1]().to_dict())
    assert "Other" in spec and "Executive board" not in spec
    assert "Executive board" in json.dumps(chart_catalogue(assessment, "en", min_group=1)["by-role"][1]().to_dict())


def test_cli_json(monkeypatch, capsys):
    monkeypatch.setenv(ENV_MIN_GROUP, "2")
    assert main(["score", str(ROOT / "data/samples/demo-survey-nl.xlsx"), "--json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)["breakdowns"]
    assert data["min_group"] == 2
    groups = {g["group"]: g["respondents"] for g in data["role"]["groups"]}
    assert groups == {"marketing": 2, "stores": 2, "other": 6}
    monkeypatch.setenv(ENV_MIN_GROUP, "3")
    assert main(["score", str(ROOT / "data/samples/demo-survey-nl.xlsx"), "--json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)["breakdowns"]
    assert data["role"]["groups"] == [] and data["role"]["withheld"] == 8 and "No breakdown" in data["role"]["note"]
    monkeypatch.setenv(ENV_MIN_GROUP, "none")
    assert main(["score", str(ROOT / "data/samples/demo-survey-nl.xlsx"), "--json"]) == 2
    assert "min_group must be a whole number" in capsys.readouterr().err


def _chart_text(at: AppTest) -> str:
    """Every chart's spec and data (sent apart, as Arrow tables) as one text."""
    out = []
    for chart in at.get("vega_lite_chart"):
        out.append(chart.proto.spec)
        for named in chart.proto.datasets:
            out.append(pa.ipc.open_stream(named.data.data).read_pandas().to_csv())
    return " ".join(out)


def _dimensions_page(team) -> AppTest:
    result = Result.of(team, "upload", ("team.xlsx",))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state[RESULT] = result
    at.session_state[INTAKE] = result
    at.run()
    at.switch_page("pages/dimensions.py").run()
    assert not at.exception, at.exception
    return at


def test_dimensions_page_with_a_threshold(team, monkeypatch):
    monkeypatch.setenv(ENV_MIN_GROUP, "3")
    at = _dimensions_page(team)
    specs = _chart_text(at)
    assert "Overig" in specs and "Directie / bestuur" not in specs
    assert any("Overig" in i.value for i in at.info)
    assert any("vanaf 3 respondenten" in c.value for c in at.caption)


def test_dimensions_page_in_local_mode(team, monkeypatch):
    monkeypatch.delenv(ENV_MIN_GROUP, raising=False)
    at = _dimensions_page(team)
    specs = _chart_text(at)
    assert "Directie / bestuur" in specs
    assert any("lokale modus" in c.value for c in at.caption)


def test_exports_build_when_no_group_is_large_enough():
    from omni.survey import read_survey

    demo = score(read_survey([ROOT / "data/samples/demo-survey-nl.xlsx"]))  # eight roles, at most two each
    prs = Presentation(io.BytesIO(build_deck(demo, "en", DeckOptions(parts=("agreement",), min_group=3))))
    table = next(s for s in prs.slides[0].shapes if s.has_table).table
    assert len(table.rows) == 2  # the header and the spread row: no role at all
    assert any(s.name == BREAKDOWN_NOTE and "No breakdown" in s.text_frame.text for s in prs.slides[0].shapes)
    sheet = load_workbook(io.BytesIO(build_report(demo, "en", min_group=3)))["Breakdowns"]
    assert sum("No breakdown" in str(r[0]) for r in sheet.iter_rows(values_only=True)) == 2
    assert report_data(demo, "en", min_group=3)["by_role"]["rows"] == []
    assert build_pdf(demo, "en", min_group=3).startswith(b"%PDF")


def test_the_method_page_names_a_lone_role_as_other(team, monkeypatch):
    monkeypatch.setenv(ENV_MIN_GROUP, "3")
    result = Result.of(team, "upload", ("team.xlsx",))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state[RESULT] = result
    at.session_state[INTAKE] = result
    at.run()
    at.switch_page("pages/method.py").run()
    at.radio[0].set_value("respondent").run()
    assert not at.exception, at.exception
    chooser = at.selectbox[-1]
    labels = list(chooser.options)  # as shown
    director = next(label for label in labels if label.endswith("· Overig"))  # merged, not named
    assert director.startswith("Respondent ") and not any(label.startswith("R0") for label in labels)
    assert not any("Directie" in label or "executive" in label for label in labels)
