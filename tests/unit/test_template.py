"""The blank template: sheets, input cells, drop-downs, protection, print setup, no formulas."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from omni.i18n import t
from omni.template import ANSWERS_HEADER_ROW, META_SHEET, write_workbook


@pytest.mark.parametrize("lang, sheets, na", [
    ("nl", ["Instructies", "Respondent", "Antwoorden", META_SHEET], "n.v.t."),
    ("en", ["Instructions", "Respondent", "Answers", META_SHEET], "n/a"),
])
def test_template_layout(tmp_path, framework, lang, sheets, na):
    path = tmp_path / f"survey-{lang}.xlsx"
    write_workbook(path, framework, lang)
    wb = load_workbook(path)
    assert wb.sheetnames == sheets
    ws = wb[sheets[2]]
    header = [c.value for c in ws[ANSWERS_HEADER_ROW]]
    assert header[0] == "ID" and len(header) == 7
    first, last = ANSWERS_HEADER_ROW + 1, ANSWERS_HEADER_ROW + len(framework.questions)
    assert ws.cell(row=first, column=1).value == framework.questions[0].id
    assert ws.cell(row=last, column=1).value == framework.questions[-1].id
    assert ws.cell(row=last + 1, column=1).value is None
    # the five options are shown with the question
    options = ws.cell(row=first, column=4).value
    for level, option in enumerate(framework.questions[0].options, start=1):
        assert f"{level} – {option(lang)}" in options

    # only the input cells are editable
    assert ws.protection.sheet and not ws.protection.password
    assert ws.cell(row=first, column=5).protection.locked is False
    assert ws.cell(row=first, column=7).protection.locked is False
    assert ws.cell(row=first, column=3).protection.locked is True
    assert all(wb[s].protection.sheet for s in sheets)

    # below the questions, one importance row per dimension with the 2-3 year horizon
    block = last + 2
    assert ws.cell(row=block, column=3).value == t("importance.heading", lang)
    assert ws.cell(row=block, column=5).value == t("importance.column", lang)
    for offset, dimension in enumerate(framework.dimensions, start=1):
        assert ws.cell(row=block + offset, column=1).value == dimension.id
        assert dimension.name(lang) in ws.cell(row=block + offset, column=3).value
        assert ws.cell(row=block + offset, column=5).protection.locked is False
    imp_first, imp_last = block + 1, block + len(framework.dimensions)

    # drop-down 1-5, not-applicable and don't know on Current and Target; 1-5 and don't know on Importance
    validations = ws.data_validations.dataValidation
    assert len(validations) == 2
    dv, rated = validations
    assert dv.type == "list" and dv.formula1 == f'"1,2,3,4,5,{na},{t("dontknow.answer", lang)}"'
    assert str(dv.sqref) == f"E{first}:F{last}"
    assert rated.type == "list" and rated.formula1 == f'"1,2,3,4,5,{t("dontknow.answer", lang)}"'
    assert str(rated.sqref) == f"E{imp_first}:E{imp_last}"

    # prints on A4 landscape, fitted to the page width, header repeated
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == f"${ANSWERS_HEADER_ROW}:${ANSWERS_HEADER_ROW}"

    # carries the framework id and version, hidden from the respondent
    meta = wb[META_SHEET]
    assert meta.sheet_state == "hidden"
    values = {meta.cell(row=r, column=1).value: meta.cell(row=r, column=2).value for r in range(1, 6)}
    assert values["framework_id"] == framework.id
    assert values["framework_version"] == framework.version
    assert values["lang"] == lang

    # no formulas anywhere
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}"


def test_respondent_facts_have_input_cells_and_lists(tmp_path, framework):
    path = tmp_path / "survey.xlsx"
    write_workbook(path, framework, "en")
    ws = load_workbook(path)["Respondent"]
    labels = [ws.cell(row=r, column=1).value for r in range(3, 11)]
    assert labels == ["Name (optional)", "Role", "Department", "Organisation", "Sector",
                      "Size (employees)", "Channel model", "Date"]
    assert all(ws.cell(row=r, column=2).protection.locked is False for r in range(3, 11))
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert "Fashion and footwear" in lists["B7"]  # sector
    assert "Executive board" in lists["B4"]  # role


def test_many_respondents_layout_has_a_column_per_question(tmp_path, framework):
    path = tmp_path / "wide.xlsx"
    write_workbook(path, framework, "nl", layout="respondents")
    wb = load_workbook(path)
    assert "Respondenten" in wb.sheetnames
    header = [c.value for c in wb["Respondenten"][1]]
    assert header[:3] == ["Naam (optioneel)", "Rol", "Afdeling"]
    assert "VIS-1 Huidig" in header and "VIS-1 Gewenst" in header and "TEC-1 Toelichting" in header
    assert len(header) == 9 + 3 * len(framework.questions) + len(framework.dimensions)  # 9 facts, unit last
    assert header[-len(framework.dimensions):] == [f"Belang {d.name('nl')}" for d in framework.dimensions]


def test_second_framework_template(tmp_path, seven_step):
    path = tmp_path / "seven.xlsx"
    write_workbook(path, seven_step, "en")
    ws = load_workbook(path)["Answers"]
    ids = [ws.cell(row=r, column=1).value for r in range(ANSWERS_HEADER_ROW + 1, ws.max_row + 1)]
    # the questions, a blank row, the importance header, one importance row per dimension
    assert ids == [q.id for q in seven_step.questions] + [None, "ID"] + [d.id for d in seven_step.dimensions]
