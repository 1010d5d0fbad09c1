"""Writing the survey workbook: the blank template, and the same workbook filled with answers.

Two layouts share one builder:
- `respondent`: one respondent per workbook; the answers sheet has Current/Target/Comment
  input cells next to each question and its five options, and below the questions one row per
  dimension for its importance for the strategy (over 2-3 years, 1-5).
- `respondents`: one row per respondent on a sheet with a Current, Target and Comment column per
  question and an importance column per dimension (for consultants who collect answers
  themselves); the answers sheet is the reference.

No formulas anywhere: scores are computed from the raw answers after upload. A hidden sheet
`_omni` records the framework id and version, the layout and the language.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from omni import __version__
from omni.attributes import VOCABULARIES, label
from omni.framework import Framework
from omni.i18n import check_language, t
from omni.palette import ACCENT, MUTED_TEXT, bare
from omni.survey.model import FACT_FIELDS, RespondentAnswers

META_SHEET = "_omni"
LAYOUTS = ("respondent", "respondents")
ANSWERS_HEADER_ROW = 4  # 1-based; questions start on the next row
ANSWER_COLUMNS = ("id", "dimension", "question", "options", "current", "target", "comment")
ANSWER_WIDTHS = (9, 18, 42, 70, 10, 10, 34)
FACTS_FIRST_ROW = 3  # respondent sheet: facts from this row, label in A and value in B

_ACCENT = bare(ACCENT)  # the palette of the screen and the exports (omni.palette)
_MUTED = bare(MUTED_TEXT)
_HEADER_FILL = PatternFill("solid", fgColor=_ACCENT)
_INPUT_FILL = PatternFill("solid", fgColor="FFF4CC")
_DIM_FILL = PatternFill("solid", fgColor="DCE6F1")
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)


def score_choices(lang: str, not_applicable: bool = True) -> list[str]:
    """A question's drop-down: 1-5, n/a and don't know. Importance has no n/a (every dimension
    matters to some degree; a file that still says n/a is read as before), only don't-know."""
    return ["1", "2", "3", "4", "5", *([t("not_applicable", lang)] if not_applicable else []),
            t("dontknow.answer", lang)]


def build_workbook(framework: Framework, lang: str, layout: str = "respondent",
                   respondents: Sequence[RespondentAnswers] = ()) -> Workbook:
    """The survey workbook for `framework` in `lang`, optionally filled with answers."""
    check_language(lang)
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    if layout == "respondent" and len(respondents) > 1:
        raise ValueError("the 'respondent' layout holds one respondent; use 'respondents'")
    wb = Workbook()
    _instructions_sheet(wb.active, framework, lang)
    filled = respondents[0] if respondents else RespondentAnswers()
    if layout == "respondent":
        _respondent_sheet(wb.create_sheet(t("sheet.respondent", lang)), lang, filled.facts)
    _answers_sheet(wb.create_sheet(t("sheet.answers", lang)), framework, lang,
                   filled.answers if layout == "respondent" else None,
                   filled.importance if layout == "respondent" else None)
    if layout == "respondents":
        ws = wb.create_sheet(t("sheet.respondents", lang))
        _respondents_sheet(ws, framework, lang, respondents)
        wb.active = wb.sheetnames.index(ws.title)
    else:
        wb.active = 1
    _meta_sheet(wb.create_sheet(META_SHEET), framework, lang, layout)
    return wb


def write_workbook(target: Path | str | io.BytesIO, framework: Framework, lang: str,
                   layout: str = "respondent",
                   respondents: Sequence[RespondentAnswers] = ()) -> None:
    """Build the workbook and save it to a path or a binary buffer."""
    build_workbook(framework, lang, layout, respondents).save(target)


def template_bytes(framework: Framework, lang: str, layout: str = "respondent") -> bytes:
    """The blank template as .xlsx bytes (for a download button)."""
    buffer = io.BytesIO()
    write_workbook(buffer, framework, lang, layout)
    return buffer.getvalue()


# --- sheets -----------------------------------------------------------------------------------


def _protect(ws: Worksheet) -> None:
    # Protection without a password: it guards against accidental edits, not against intent.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _print_setup(ws: Worksheet, title_rows: str | None = None) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    if title_rows:
        ws.print_title_rows = title_rows


def _header(ws: Worksheet, row: int, labels: Iterable[str]) -> None:
    for col, text in enumerate(labels, start=1):
        cell = ws.cell(row=row, column=col, value=text)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = _BORDER


def _instructions_sheet(ws: Worksheet, framework: Framework, lang: str) -> None:
    ws.title = t("sheet.instructions", lang)
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 28
    ws.column_dimensions["C"].width = 100
    ws["A1"] = t("template.title", lang, framework=framework.name(lang))
    ws["A1"].font = Font(bold=True, size=16, color=_ACCENT)
    ws["A2"] = t("template.made_for", lang, framework=framework.id, version=framework.version)
    ws["A2"].font = Font(italic=True, color=_MUTED)
    ws["A3"] = framework.description(lang)
    ws["A3"].alignment = _WRAP_TOP
    ws.merge_cells("A3:C3")
    ws.row_dimensions[3].height = 48
    lines = t("template.instructions", lang, continuous=t("framework.continuous", lang),
              consent=t("framework.consent", lang)).split("\n")
    ws["A5"] = lines[0]
    ws["A5"].font = Font(bold=True, size=12)
    for offset, line in enumerate(lines[1:]):
        number, _, text = line.partition(". ")
        ws.cell(row=6 + offset, column=1, value=number + ".")
        ws.cell(row=6 + offset, column=2, value=text).alignment = _WRAP_TOP
        ws.merge_cells(start_row=6 + offset, start_column=2, end_row=6 + offset, end_column=3)
        ws.row_dimensions[6 + offset].height = 32 if len(text) < 180 else 64  # a step with definitions
    row = 7 + len(lines)
    ws.cell(row=row, column=1, value=t("template.levels_heading", lang)).font = Font(bold=True, size=12)
    for level in framework.levels:
        row += 1
        ws.cell(row=row, column=1, value=level.level).alignment = _WRAP_TOP
        ws.cell(row=row, column=2, value=level.name(lang)).font = Font(bold=True)
        ws.cell(row=row, column=3, value=level.description(lang)).alignment = _WRAP_TOP
        ws.row_dimensions[row].height = 46
    row += 2
    ws.cell(row=row, column=1, value=framework.source(lang)).font = Font(italic=True, color=_MUTED)
    _print_setup(ws)
    _protect(ws)


def _fact_validation(field_name: str, lang: str) -> DataValidation | None:
    if field_name not in VOCABULARIES:
        return None
    labels = ",".join(c.label(lang).replace(",", "") for c in VOCABULARIES[field_name])
    # Roles and departments vary; the list helps but free text stays allowed (no error stop).
    dv = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True,
                        showErrorMessage=field_name != "role")
    return dv


def _respondent_sheet(ws: Worksheet, lang: str, facts: Mapping[str, object]) -> None:
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 52
    ws["A1"] = t("sheet.respondent", lang)
    ws["A1"].font = Font(bold=True, size=14, color=_ACCENT)
    for offset, name in enumerate(FACT_FIELDS):
        row = FACTS_FIRST_ROW + offset
        ws.cell(row=row, column=1, value=t(f"fact.{name}", lang)).font = Font(bold=True)
        value = facts.get(name)
        if name in VOCABULARIES and isinstance(value, str):
            value = label(name, value, lang)
        cell = ws.cell(row=row, column=2, value=value)
        cell.protection = _UNLOCKED
        cell.fill = _INPUT_FILL
        cell.border = _BORDER
        if name == "date":
            cell.number_format = "yyyy-mm-dd"
        dv = _fact_validation(name, lang)
        if dv is not None:
            ws.add_data_validation(dv)
            dv.add(cell)
    _print_setup(ws)
    _protect(ws)


def _score_validation(lang: str, not_applicable: bool = True) -> DataValidation:
    dv = DataValidation(type="list", formula1='"' + ",".join(score_choices(lang, not_applicable)) + '"',
                        allow_blank=True, showErrorMessage=True)
    dv.errorTitle = t("col.current", lang) + " / " + t("col.target", lang)
    dv.error = t("problem.not_a_score", lang, value="…")
    return dv


def _cell_score(value: object, lang: str) -> object:
    if value == "na":
        return t("not_applicable", lang)
    if value == "dk":
        return t("dontknow.answer", lang)
    return value


def _answers_sheet(ws: Worksheet, framework: Framework, lang: str,
                   answers: Mapping[str, tuple[object, object, str]] | None,
                   importance: Mapping[str, object] | None = None) -> None:
    """Questions with their options; input cells only in the one-respondent layout."""
    with_inputs = answers is not None
    ws["A1"] = t("template.title", lang, framework=framework.name(lang))
    ws["A1"].font = Font(bold=True, size=14, color=_ACCENT)
    ws["A2"] = (t("template.made_for", lang, framework=framework.id, version=framework.version)
                if with_inputs else t("template.wide_hint", lang))
    ws["A2"].font = Font(italic=True, color=_MUTED)
    columns = ANSWER_COLUMNS if with_inputs else ANSWER_COLUMNS[:4]
    _header(ws, ANSWERS_HEADER_ROW, [t(f"col.{c}", lang) for c in columns])
    for col, width in enumerate(ANSWER_WIDTHS[: len(columns)], start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    dv = _score_validation(lang)
    row = ANSWERS_HEADER_ROW
    for dimension in framework.dimensions:
        for question in dimension.questions:
            row += 1
            options = "\n".join(f"{i} – {o(lang)}" for i, o in enumerate(question.options, start=1))
            values = [question.id, dimension.name(lang),
                      f"{question.topic(lang)}\n{question.text(lang)}", options]
            for col, value in enumerate(values, start=1):
                cell = ws.cell(row=row, column=col, value=value)
                cell.alignment = _WRAP_TOP
                cell.border = _BORDER
            ws.cell(row=row, column=2).fill = _DIM_FILL
            ws.row_dimensions[row].height = max(90, 15 * (2 + len(options) // 60))
            if with_inputs:
                current, target, comment = answers.get(question.id, (None, None, ""))
                for col, value in ((5, _cell_score(current, lang)), (6, _cell_score(target, lang)),
                                   (7, comment or None)):
                    cell = ws.cell(row=row, column=col, value=value)
                    cell.protection = _UNLOCKED
                    cell.fill = _INPUT_FILL
                    cell.border = _BORDER
                    cell.alignment = Alignment(wrap_text=True, vertical="top",
                                               horizontal="center" if col < 7 else None)
    last = _importance_block(ws, framework, lang, row + 2, importance if with_inputs else None, with_inputs)
    if with_inputs:
        ws.add_data_validation(dv)
        dv.add(f"E{ANSWERS_HEADER_ROW + 1}:F{row}")
        rated = _score_validation(lang, not_applicable=False)
        ws.add_data_validation(rated)
        rated.add(f"E{row + 3}:E{last}")  # the importance cells take 1-5 or don't know
    ws.freeze_panes = f"C{ANSWERS_HEADER_ROW + 1}"
    _print_setup(ws, f"{ANSWERS_HEADER_ROW}:{ANSWERS_HEADER_ROW}")
    _protect(ws)


def _importance_block(ws: Worksheet, framework: Framework, lang: str, first_row: int,
                      importance: Mapping[str, object] | None, with_inputs: bool) -> int:
    """Below the questions: a header row, then one row per dimension asking its importance for the
    strategy over the next 2-3 years (an input cell in the one-respondent layout)."""
    labels = [t("col.id", lang), t("col.dimension", lang), t("importance.heading", lang), t("col.options", lang)]
    if with_inputs:
        labels.append(t("importance.column", lang))
    _header(ws, first_row, labels)
    row = first_row
    for dimension in framework.dimensions:
        row += 1
        values = [dimension.id, dimension.name(lang), t("importance.question", lang, dimension=dimension.name(lang)),
                  t("importance.scale", lang)]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.alignment = _WRAP_TOP
            cell.border = _BORDER
        ws.cell(row=row, column=2).fill = _DIM_FILL
        ws.row_dimensions[row].height = 80
        if with_inputs:
            cell = ws.cell(row=row, column=5, value=_cell_score((importance or {}).get(dimension.id), lang))
            cell.protection = _UNLOCKED
            cell.fill = _INPUT_FILL
            cell.border = _BORDER
            cell.alignment = Alignment(horizontal="center", vertical="top")
    return row


def importance_header(dimension, lang: str) -> str:
    """The many-respondents sheet's importance column of a dimension ("Belang Visie en draagvlak")."""
    return t("importance.wide_header", lang, dimension=dimension.name(lang))


def respondents_header(framework: Framework, lang: str) -> list[str]:
    """Column headers of the many-respondents sheet: facts, per question current/target/comment, then
    per dimension its importance for the strategy."""
    header = [t(f"fact.{name}", lang) for name in FACT_FIELDS]
    for question in framework.questions:
        header += [f"{question.id} {t('col.current', lang)}", f"{question.id} {t('col.target', lang)}",
                   f"{question.id} {t('col.comment', lang)}"]
    header += [importance_header(d, lang) for d in framework.dimensions]
    return header


def _respondents_sheet(ws: Worksheet, framework: Framework, lang: str,
                       respondents: Sequence[RespondentAnswers]) -> None:
    header = respondents_header(framework, lang)
    _header(ws, 1, header)
    for col in range(1, len(header) + 1):
        ws.column_dimensions[get_column_letter(col)].width = 14
    for offset, respondent in enumerate(respondents):
        row = 2 + offset
        values: list[object] = []
        for name in FACT_FIELDS:
            value = respondent.facts.get(name)
            if name in VOCABULARIES and isinstance(value, str):
                value = label(name, value, lang)
            values.append(value)
        for question in framework.questions:
            current, target, comment = respondent.answers.get(question.id, (None, None, ""))
            values += [_cell_score(current, lang), _cell_score(target, lang), comment or None]
        values += [_cell_score(respondent.importance.get(d.id), lang) for d in framework.dimensions]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            if isinstance(value, (dt.date, dt.datetime)):
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "D2"
    _print_setup(ws, "1:1")


def _meta_sheet(ws: Worksheet, framework: Framework, lang: str, layout: str) -> None:
    rows = [("framework_id", framework.id), ("framework_version", framework.version),
            ("layout", layout), ("lang", lang), ("generator", f"omni {__version__}")]
    for row, (key, value) in enumerate(rows, start=1):
        ws.cell(row=row, column=1, value=key)
        ws.cell(row=row, column=2, value=value)
    ws.sheet_state = "hidden"
    _protect(ws)
