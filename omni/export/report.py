"""The Excel report: scores per dimension, question and respondent, the roadmap, a native radar.

Text that came from users (organisation, names, comments, roles) is stored as text that can never
become a live formula: cleaned of control characters, bounded in length, and marked text with a
quote prefix when it starts like a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import math

from openpyxl import Workbook
from openpyxl.chart import RadarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from omni.attributes import label
from omni.export.text import clean_text, is_formula_like
from omni.i18n import t
from omni.roadmap import build_roadmap
from omni.scoring import Assessment

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
NUMBER = "0.00"


def put(ws: Worksheet, row: int, col: int, value: object, number_format: str | None = None):
    """Write one cell; user text is written so that it stays text."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, float) and math.isnan(value):
        value = None
    if isinstance(value, str):
        text = clean_text(value)
        cell.value = text
        if is_formula_like(text):
            cell.data_type = "s"  # openpyxl would otherwise store it as a formula
            cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    else:
        cell.value = value
        if number_format and value is not None:
            cell.number_format = number_format
    return cell


def _table(ws: Worksheet, top: int, header: list[str], rows: list[list[object]], widths: list[int],
           numeric: set[int] = frozenset()) -> None:
    """A header row and data rows from `top` down; fast enough for 30,000+ answer rows."""
    for col, text in enumerate(header, start=1):
        cell = put(ws, top, col, text)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, values in enumerate(rows, start=top + 1):
        for col, value in enumerate(values, start=1):
            if isinstance(value, str) and (is_formula_like(value) or len(value) > 30 or _needs_cleaning(value)):
                put(ws, r, col, value).alignment = wrap
                continue
            if isinstance(value, float) and math.isnan(value):
                value = None
            cell = ws.cell(row=r, column=col, value=value)
            if col in numeric and value is not None:
                cell.number_format = NUMBER
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row=top + 1, column=1)


def _needs_cleaning(text: str) -> bool:
    return clean_text(text) != text


def build_report(assessment: Assessment, lang: str, target_overrides: dict[str, float] | None = None) -> bytes:
    """The report workbook as .xlsx bytes."""
    fw = assessment.framework
    wb = Workbook()
    summary = wb.active
    summary.title = t("report.sheet.summary", lang)
    put(summary, 1, 1, t("report.title", lang)).font = Font(bold=True, size=16, color="1F4E79")
    put(summary, 2, 1, assessment.organisation or "–").font = Font(bold=True, size=12)
    put(summary, 3, 1, f"{fw.name(lang)} · {fw.id} {fw.version} · {dt.date.today().isoformat()}")
    o = assessment.overall
    level = f"{o.level} · {fw.level(o.level).name(lang)}" if o.level else "–"
    put(summary, 4, 1, t("report.overall", lang, current=_f(o.current), target=_f(o.target),
                         gap=_f(o.gap), level=level, n=assessment.respondent_count))
    header = [t("col.dimension", lang), t("col.current", lang), t("col.target", lang), t("cli.gap", lang),
              t("cli.level", lang), t("cli.spread", lang), t("dimensions.agreement", lang), "n"]
    rows = []
    for r in assessment.dimension_scores.itertuples():
        rows.append([fw.dimension(r.dimension).name(lang), r.current, r.target, r.gap,
                     fw.level(r.level).name(lang) if r.level else "–", r.std,
                     t(f"agreement.{r.agreement}", lang), int(r.n)])
    top = 6
    _table(summary, top, header, rows, [30, 10, 10, 10, 24, 10, 22, 6], numeric={2, 3, 4, 6})
    radar = RadarChart(type="marker")
    radar.title = t("chart.radar_title", lang)
    radar.style = 26
    data = Reference(summary, min_col=2, max_col=3, min_row=top, max_row=top + len(rows))
    radar.add_data(data, titles_from_data=True)
    radar.set_categories(Reference(summary, min_col=1, min_row=top + 1, max_row=top + len(rows)))
    radar.y_axis.scaling.min, radar.y_axis.scaling.max = 0, 5
    radar.y_axis.majorUnit = 1
    radar.y_axis.delete = False
    radar.height, radar.width = 10, 16
    summary.add_chart(radar, f"A{top + len(rows) + 3}")

    questions = wb.create_sheet(t("report.sheet.questions", lang))
    q_rows = [[r.question, fw.dimension(r.dimension).name(lang), fw.question(r.question).topic(lang),
               r.current, r.target, r.gap, r.std, int(r.n), int(r.n_na)]
              for r in assessment.question_scores.itertuples()]
    _table(questions, 1, [t("col.id", lang), t("col.dimension", lang), t("dimensions.topic", lang),
                          t("col.current", lang), t("col.target", lang), t("cli.gap", lang),
                          t("cli.spread", lang), "n", t("dimensions.n_na", lang)],
           q_rows, [9, 26, 32, 10, 10, 10, 10, 6, 8], numeric={4, 5, 6, 7})

    people = wb.create_sheet(t("report.sheet.respondents", lang))
    facts = assessment.survey.respondents.set_index("respondent")
    per = assessment.respondent_scores.pivot(index="respondent", columns="dimension", values="current")
    dims = [d.id for d in fw.dimensions]
    p_rows = []
    for rid in facts.index:
        f = facts.loc[rid]
        p_rows.append([rid, f["name"], label("role", str(f["role"]), lang), f["department"],
                       *[per.loc[rid, d] if rid in per.index else None for d in dims]])
    _table(people, 1, [t("report.respondent", lang), t("fact.name", lang), t("fact.role", lang),
                       t("fact.department", lang), *[fw.dimension(d).name(lang) for d in dims]],
           p_rows, [10, 20, 24, 20, *[14] * len(dims)], numeric=set(range(5, 5 + len(dims))))

    answers = wb.create_sheet(t("report.sheet.answers", lang))
    a = assessment.survey.answers
    na = t("not_applicable", lang)
    a_rows = [[r.respondent, r.question, na if r.current_na else r.current, na if r.target_na else r.target,
               r.comment] for r in a.itertuples()]
    _table(answers, 1, [t("report.respondent", lang), t("col.id", lang), t("col.current", lang),
                        t("col.target", lang), t("col.comment", lang)], a_rows, [10, 9, 10, 10, 60])

    plan = wb.create_sheet(t("report.sheet.roadmap", lang))
    r_rows = []
    for item in build_roadmap(assessment, target_overrides).items:
        r_rows.append([t(f"roadmap.phase.{item.phase}", lang), fw.dimension(item.dimension).name(lang),
                       item.current, item.target, item.gap, item.priority,
                       "\n".join(step(lang) for step in item.advice),
                       ", ".join(p.question for p in item.focus)])
    _table(plan, 1, [t("report.phase", lang), t("col.dimension", lang), t("col.current", lang),
                     t("col.target", lang), t("cli.gap", lang), t("report.priority", lang),
                     t("roadmap.advice", lang), t("roadmap.focus", lang)],
           r_rows, [12, 26, 10, 10, 10, 10, 80, 24], numeric={3, 4, 5, 6})

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _f(x: float) -> str:
    return "–" if x is None or math.isnan(x) else f"{x:.2f}"
