"""A Forms role question that allows several answers: a respondent who ticked two roles is warned about
(they form a group of their own in the breakdown by role), once per file; one ticked role is that role."""

from __future__ import annotations

from openpyxl import load_workbook
from test_forms_exports import make_people, ms_forms_choice_nl

from omni.attributes import ROLES
from omni.survey import read_survey


def _with_roles(path, roles: list[str]):
    """The export with a role question after Naam, as Microsoft Forms writes a multiple-answer cell."""
    wb = load_workbook(path)
    ws = wb.active
    ws.insert_cols(6)
    ws.cell(row=1, column=6, value="Wat is uw rol?")
    for row, role in enumerate(roles, start=2):
        ws.cell(row=row, column=6, value=role)
    wb.save(path)
    return path


def test_two_roles_in_one_cell_are_reported_once_per_file(tmp_path, framework):
    executive, marketing, it = ROLES[0].text["nl"], ROLES[1].text["nl"], ROLES[6].text["nl"]
    path = ms_forms_choice_nl(framework, make_people(framework, 4, seed=3), tmp_path / "Enquete.xlsx")
    _with_roles(path, [f"{marketing};", f"{executive};{marketing};", f"{it};", f"{marketing};{it};"])
    survey = read_survey([path])
    assert survey.ok
    (warning,) = [p for p in survey.problems if p.key == "problem.several_roles"]
    assert warning.file == "Enquete.xlsx"
    assert warning.message("nl") == (
        f"2 respondenten kozen meer dan één rol, zoals R02 (Enquete.xlsx: Form1 3: '{executive};{marketing}'); "
        "in de uitsplitsing per rol "
        "vormen zij een eigen groep - vraag in het formulier naar één rol, of kies per persoon één rol in het bestand")
    assert warning.message("en").startswith("2 respondents chose more than one role, such as R02")
    roles = survey.respondents.set_index("respondent")["role"]
    assert (roles["R01"], roles["R03"]) == ("marketing", "it")


def test_one_respondent_with_two_roles_reads_in_the_singular(tmp_path, framework):
    marketing, it = ROLES[1].text["en"], ROLES[6].text["en"]
    path = ms_forms_choice_nl(framework, make_people(framework, 2, seed=4), tmp_path / "Survey.xlsx")
    _with_roles(path, [f"{marketing}, {it}", "Inkoop, verkoop"])  # Google-style; a role of one's own with a comma
    survey = read_survey([path])
    (warning,) = [p for p in survey.problems if p.key == "problem.several_roles"]
    assert warning.message("nl").startswith(f"1 respondent koos meer dan één rol: R01 (Survey.xlsx: Form1 2: '{marketing}, {it}')")
    assert "this person forms a group of their own" in warning.message("en")
