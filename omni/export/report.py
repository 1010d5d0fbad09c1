"""The Excel report: scores per dimension, question and respondent, the roadmap, a native radar; the
peer benchmark and the trend over saved waves when they are available.

Text that came from users (organisation, names, comments, roles) is stored as text that can never
become a live formula: cleaned of control characters, bounded in length, and marked text with a
quote prefix when it starts like a formula.

The workbook is written in openpyxl's write-only mode (rows streamed in order, only the cells that
need a style get one): a 1,000-respondent report has 160,000+ cells.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import LineChart, RadarChart, Reference
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList

from omni.benchmark import MIN_PEERS, Benchmark, written_comparison
from omni.confidentiality import (
    OTHER,
    breakdown,
    configured_min_group,
    group_label,
    group_of,
    pseudonyms,
    reported_groups,
)
from omni.export.action_data import ActionExport, action_rows, has_actions, review_findings, verdict_label
from omni.export.extras import benchmark_rows, has_benchmark, has_trend, synthetic_label, trend
from omni.export.text import FORMULA_START, clean_text, is_formula_like, needs_cleaning
from omni.format import number
from omni.history import History
from omni.i18n import t
from omni.level_view import level_lines
from omni.palette import (
    ACCENT,
    CURRENT_COLOUR,
    FONT_NAME,
    TARGET_COLOUR,
    TEXT_COLOUR,
    TREND_COLOURS,
    WARNING_FILL,
    WARNING_TEXT,
    bare,
)
from omni.roadmap import build_roadmap, explain_item, importance_source
from omni.scoring import Assessment
from omni.unit_admin import UnitWord
from omni.units import WEIGHTING_LABELS, WEIGHTINGS, assessment_title, has_units, roll_up, unit_view

# The palette and typeface of the screen and the deck (omni.palette).
HEADER_FILL = PatternFill("solid", fgColor=bare(ACCENT))
HEADER_FONT = Font(name=FONT_NAME, bold=True, color="FFFFFF")
TITLE_FONT = Font(name=FONT_NAME, bold=True, size=16, color=bare(ACCENT))
SUBTITLE_FONT = Font(name=FONT_NAME, bold=True, size=12)
LABEL_FILL = PatternFill("solid", fgColor=bare(WARNING_FILL))
LABEL_FONT = Font(name=FONT_NAME, bold=True, size=12, color=bare(WARNING_TEXT))
NUMBER = "0.00"
PERCENT = "0%"
SHORT_TEXT = 30  # longer text wraps
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")  # not allowed in an Excel sheet's name (nor a quote at its ends)
_HEAD = Alignment(wrap_text=True, vertical="center")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _colour(series: Sequence, colours: Sequence[str]) -> None:
    """Lines and markers in the palette's colours (the same as the screen and the deck)."""
    for one, colour in zip(series, [*colours] * (len(series) // max(len(colours), 1) + 1)):
        one.graphicalProperties.line.solidFill = bare(colour)
        one.graphicalProperties.line.width = 28575  # 2.25 pt
        one.marker.symbol = "circle"
        one.marker.graphicalProperties = GraphicalProperties(solidFill=bare(colour))
        one.marker.graphicalProperties.line.solidFill = bare(colour)
        one.smooth = False


def _workbook() -> Workbook:
    """A write-only workbook whose default font is the palette's typeface (Calibri otherwise)."""
    wb = Workbook(write_only=True)
    wb._fonts = IndexedList([Font(name=FONT_NAME, size=11)])  # noqa: SLF001 - openpyxl's default style
    wb._named_styles["Normal"].font = Font(name=FONT_NAME, size=11)  # noqa: SLF001
    return wb


class _Sheet:
    """A write-only worksheet: column widths and the frozen header first, then rows in order."""

    def __init__(self, wb: Workbook, title: str, widths: Sequence[int], freeze_below: int | None = None) -> None:
        self.ws = wb.create_sheet(title)
        for col, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(col)].width = width
        if freeze_below:
            self.ws.freeze_panes = f"A{freeze_below + 1}"
        self.rows = 0

    def append(self, values: Sequence[object] = ()) -> int:
        self.ws.append(list(values))
        self.rows += 1
        return self.rows

    def text(self, value: object, *, font: Font | None = None, fill: PatternFill | None = None,
             alignment: Alignment | None = None) -> WriteOnlyCell:
        """A cell of user (or any) text that stays text: cleaned, bounded, never a formula."""
        text = clean_text(value)
        cell = WriteOnlyCell(self.ws, value=text)
        if is_formula_like(text):
            cell.data_type = "s"  # openpyxl would otherwise store it as a formula
            cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if alignment is not None:
            cell.alignment = alignment
        return cell

    def line(self, value: object, **style: object) -> int:
        """One row with a single text cell in column A."""
        return self.append([self.text(value, **style)])

    def header(self, names: Sequence[str]) -> int:
        return self.append([self.text(n, font=HEADER_FONT, fill=HEADER_FILL, alignment=_HEAD) for n in names])

    def number(self, value: object, number_format: str = NUMBER) -> object:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        cell = WriteOnlyCell(self.ws, value=value)
        cell.number_format = number_format
        return cell

    def table(self, header: Sequence[str], rows: Sequence[Sequence[object]], numeric: frozenset[int] = frozenset(),
              formats: dict[int, str] | None = None) -> tuple[int, int]:
        """A header row and data rows (columns numbered from 1); returns the first and last row written.
        Only cells that need it get a style, so 30,000+ answer rows stay fast."""
        formats = {**{c: NUMBER for c in numeric}, **(formats or {})}
        first = self.header(header)
        for values in rows:
            out = []
            for col, value in enumerate(values, start=1):
                if isinstance(value, str):
                    if not value:
                        value = None
                    elif len(value) > SHORT_TEXT or value.startswith(FORMULA_START) or needs_cleaning(value):
                        value = self.text(value, alignment=_WRAP)
                elif value is None or (isinstance(value, float) and math.isnan(value)):
                    value = None
                elif col in formats:
                    value = self.number(value, formats[col])
                out.append(value)
            self.append(out)
        return first, self.rows


def _summary(wb: Workbook, assessment: Assessment, lang: str) -> None:
    fw = assessment.framework
    top = 6
    sheet = _Sheet(wb, t("report.sheet.summary", lang), [30, 10, 10, 10, 24, 10, 22, 6, 70], freeze_below=top)
    sheet.line(t("report.title", lang), font=TITLE_FONT)
    sheet.line(assessment_title(assessment, lang), font=SUBTITLE_FONT)  # names the unit of a unit's wave
    sheet.line(f"{fw.name(lang)} · {fw.id} {fw.version} · {dt.date.today().isoformat()}")
    o = assessment.overall
    level = f"{o.level} · {fw.level(o.level).name(lang)}" if o.level else "–"
    sheet.line(t("report.overall", lang, current=number(o.current, lang), target=number(o.target, lang), gap=number(o.gap, lang), level=level,
                 n=assessment.respondent_count))
    sheet.append()
    header = [t("col.dimension", lang), t("col.current", lang), t("col.target", lang), t("col.gap", lang),
              t("col.level", lang), t("col.spread", lang), t("dimensions.agreement", lang), "n",
              t("deck.levels_now", lang)]
    described = {line.dimension: line.descriptor for line in level_lines(assessment, lang)}
    rows = [[fw.dimension(r.dimension).name(lang), r.current, r.target, r.gap,
             fw.level(r.level).name(lang) if r.level else "–", r.std, t(f"agreement.{r.agreement}", lang), int(r.n),
             described.get(r.dimension) or "–"]
            for r in assessment.dimension_scores.itertuples()]
    _, last = sheet.table(header, rows, numeric=frozenset({2, 3, 4, 6}))
    radar = RadarChart(type="marker")
    radar.title = t("chart.radar_title", lang)
    radar.add_data(Reference(sheet.ws, min_col=2, max_col=3, min_row=top, max_row=last), titles_from_data=True)
    radar.set_categories(Reference(sheet.ws, min_col=1, min_row=top + 1, max_row=last))
    radar.y_axis.scaling.min, radar.y_axis.scaling.max = 1, 5  # the 1-5 scale, 1 at the centre
    radar.y_axis.majorUnit = 1
    _colour(radar.series, (CURRENT_COLOUR, TARGET_COLOUR))
    radar.y_axis.delete = False
    radar.height, radar.width = 10, 16
    sheet.ws.add_chart(radar, f"A{last + 3}")


def _questions(wb: Workbook, assessment: Assessment, lang: str) -> None:
    fw = assessment.framework
    sheet = _Sheet(wb, t("report.sheet.questions", lang), [9, 26, 32, 10, 10, 10, 10, 6, 8, 12, 14],
                   freeze_below=1)
    rows = [[r.question, fw.dimension(r.dimension).name(lang), fw.question(r.question).topic(lang),
             r.current, r.target, r.gap, r.std, int(r.n), int(r.n_na), int(r.n_dk), int(r.n_dk_target)]
            for r in assessment.question_scores.itertuples()]
    sheet.table([t("col.id", lang), t("col.dimension", lang), t("dimensions.topic", lang), t("col.current", lang),
                 t("col.target", lang), t("col.gap", lang), t("col.spread", lang), "n", t("dimensions.n_na", lang),
                 t("dontknow.col", lang), t("dontknow.col_target", lang)],
                rows, numeric=frozenset({4, 5, 6, 7}))


def _respondents(wb: Workbook, assessment: Assessment, lang: str, min_group: int,
                 stand_in: dict[str, str] | None) -> None:
    """One row per respondent; role, department and unit as the breakdowns report them ("other" for a
    group under min_group), so a lone role's scores do not stand here under its name. With `stand_in`
    (min_group > 1) no name and no respondent id either: "Respondent 1", ... in the order of
    omni.confidentiality.pseudonyms, which says nothing about the upload's order."""
    fw = assessment.framework
    dims = [d.id for d in fw.dimensions]
    facts = assessment.survey.respondents
    with_units = "unit" in facts.columns and bool((group_of(assessment, "unit") != "?").any())
    kinds = ("role", "department", "unit") if with_units else ("role", "department")
    named = stand_in is None
    widths = [10, *([20] if named else []), *[22] * len(kinds), *[14] * len(dims)]
    sheet = _Sheet(wb, t("report.sheet.respondents", lang), widths, freeze_below=1)
    per = assessment.respondent_scores.pivot(index="respondent", columns="dimension", values="current")
    scores = per.reindex(index=facts["respondent"], columns=dims).to_numpy(dtype=float)
    groups = {by: reported_groups(assessment, by, min_group) for by in kinds}
    keyed = []
    for i, (f, values) in enumerate(zip(facts.itertuples(), scores)):
        who = [f.respondent, f.name] if named else [_pseudonym(stand_in, f.respondent, lang)]
        keyed.append((i if named else int(stand_in[str(f.respondent)]),
                      [*who, *[group_label(by, groups[by].get(f.respondent) or OTHER, lang) for by in kinds],
                       *map(float, values)]))
    rows = [row for _, row in sorted(keyed, key=lambda pair: pair[0])]
    header = [t("report.respondent", lang), *([t("fact.name", lang)] if named else []),
              *[t(f"fact.{by}", lang) for by in kinds], *[fw.dimension(d).name(lang) for d in dims]]
    first = len(header) - len(dims) + 1
    sheet.table(header, rows, numeric=frozenset(range(first, first + len(dims))))
    if not named:
        sheet.append()
        sheet.line(t("report.pseudonymised", lang, k=min_group))


def _pseudonym(stand_in: dict[str, str], respondent: object, lang: str) -> str:
    return t("report.pseudonym", lang, n=stand_in[str(respondent)])


def _breakdowns(wb: Workbook, assessment: Assessment, lang: str, min_group: int) -> None:
    """Current score per role and per department: only groups and cells of at least `min_group`
    respondents (omni.confidentiality), with the note on what was merged or left out."""
    fw = assessment.framework
    dims = [d.id for d in fw.dimensions]
    sheet = _Sheet(wb, t("report.sheet.breakdowns", lang), [28, *[14] * len(dims), 8])
    sheet.line(t("report.sheet.breakdowns", lang), font=TITLE_FONT)
    sheet.line(t("groups.threshold", lang, n=min_group))
    for by in ("role", "department"):
        safe = breakdown(assessment, by, min_group)
        sheet.append()
        sheet.line(t(f"dimensions.by_{by}", lang), font=Font(bold=True, size=12))
        if note := safe.note(lang):
            sheet.line(note)
        if safe.empty:
            continue
        cells = safe.table.set_index([by, "dimension"])["current"]
        rows = [[safe.label(g, lang), *[float(cells.get((g, d), math.nan)) for d in dims], size]
                for g, size in safe.sizes.items()]
        sheet.table([t(f"fact.{by}", lang), *[fw.dimension(d).name(lang) for d in dims], "n"], rows,
                    numeric=frozenset(range(2, 2 + len(dims))))


def _units(wb: Workbook, assessment: Assessment, lang: str, min_group: int, word: UnitWord) -> None:
    """The units side by side (current and target per dimension, n), the group's roll-up both ways,
    and per dimension the spread, leader and lagger (omni.units); small units merged as everywhere.
    Headed with the organisation's word for its units (omni.unit_admin)."""
    fw = assessment.framework
    dims = [d.id for d in fw.dimensions]
    view = unit_view(assessment, min_group)
    tab = t("report.sheet.units", lang) if word.is_default else _SHEET_UNSAFE.sub(" ", word.many(lang))[:31].strip(" '")
    sheet = _Sheet(wb, tab or t("report.sheet.units", lang), [28, *[14] * len(dims), 8])
    sheet.line(word.heading("unitadmin.title", lang), font=TITLE_FONT)
    sheet.line(t("groups.threshold", lang, n=min_group))
    if note := view.breakdown.note(lang):
        sheet.line(note)
    if view.breakdown.empty:
        return
    cells = view.scores.set_index(["unit", "dimension"])
    for measure in ("current", "target"):
        sheet.append()
        sheet.line(t(f"col.{measure}", lang), font=Font(bold=True, size=12))
        rows = [[view.label(u, lang), *[float(cells[measure].get((u, d), math.nan)) for d in dims], size]
                for u, size in view.breakdown.sizes.items()]
        for weighting in WEIGHTINGS:
            group = roll_up(view, assessment, weighting).dimension_scores.set_index("dimension")[measure]
            rows.append([f"{t('units.group', lang)} ({t(WEIGHTING_LABELS[weighting], lang)})",
                         *[float(group.get(d, math.nan)) for d in dims], assessment.respondent_count])
        sheet.table([word.column(lang), *[fw.dimension(d).name(lang) for d in dims], "n"], rows,
                    numeric=frozenset(range(2, 2 + len(dims))))
    sheet.append()
    sheet.line(word.heading("unitadmin.spread", lang), font=Font(bold=True, size=12))
    rows = [[fw.dimension(r.dimension).name(lang), r.range,
             view.label(r.leader, lang) if isinstance(r.leader, str) else "", r.leader_score, r.leader_n,
             view.label(r.lagger, lang) if isinstance(r.lagger, str) else "", r.lagger_score, r.lagger_n]
            for r in view.spread.itertuples()]
    sheet.table([t("col.dimension", lang), t("units.range", lang), t("units.leader", lang), t("col.current", lang),
                 "n", t("units.lagger", lang), t("col.current", lang), "n"], rows, numeric=frozenset({2, 4, 7}))


def _answers(wb: Workbook, assessment: Assessment, lang: str, stand_in: dict[str, str] | None) -> None:
    """Every answer; with `stand_in` (min_group > 1) under the respondent's pseudonym, sorted by it, so
    neither the ids nor the row order lead back to the upload."""
    sheet = _Sheet(wb, t("report.sheet.answers", lang), [14, 9, 10, 10, 60], freeze_below=1)
    a = assessment.survey.answers
    na, dk = t("not_applicable", lang), t("dontknow.col", lang)
    if stand_in is not None:
        order = a["respondent"].astype(str).map(lambda r: int(stand_in[r]))
        a = a.assign(_order=order.to_numpy()).sort_values(["_order"], kind="stable")
    rows = [[r.respondent if stand_in is None else _pseudonym(stand_in, r.respondent, lang), r.question,
             dk if r.current_dk else na if r.current_na else r.current,
             dk if r.target_dk else na if r.target_na else r.target, r.comment] for r in a.itertuples()]
    sheet.table([t("report.respondent", lang), t("col.id", lang), t("col.current", lang), t("col.target", lang),
                 t("col.comment", lang)], rows)


def _roadmap(wb: Workbook, assessment: Assessment, lang: str, target_overrides: dict[str, float] | None,
             importance_overrides: dict[str, float] | None = None) -> None:
    """The plan: per dimension its phase, the importance used and where it came from, the priority,
    why a dependency moved it (or why it is kept low), the advice and the focus questions."""
    fw = assessment.framework
    plan = build_roadmap(assessment, target_overrides, importance_overrides)
    sheet = _Sheet(wb, t("report.sheet.roadmap", lang), [20, 26, 10, 10, 10, 10, 34, 10, 14, 60, 80, 24],
                   freeze_below=1)
    rows = [[t(f"roadmap.phase.{item.phase}", lang), fw.dimension(item.dimension).name(lang), item.current,
             item.target, item.gap, item.importance,
             importance_source(item, lang),
             item.priority, t(f"roadmap.phase.{item.planned_phase}", lang), explain_item(plan, item, fw, lang),
             "\n".join(step(lang) for step in item.advice), ", ".join(p.question for p in item.focus)]
            for item in plan.items]
    sheet.table([t("report.phase", lang), t("col.dimension", lang), t("col.current", lang), t("col.target", lang),
                 t("col.gap", lang), t("roadmap.importance_used", lang), t("report.importance_source", lang),
                 t("report.priority", lang), t("report.moved_from", lang), t("roadmap.why", lang),
                 t("roadmap.advice", lang), t("roadmap.focus", lang)],
                rows, numeric=frozenset({3, 4, 5, 6, 8}))


def _benchmark(wb: Workbook, assessment: Assessment, lang: str, bench: Benchmark) -> None:
    """The organisation against its peer group: percentile, P25, median, P75 and n per dimension."""
    fw = assessment.framework
    synthetic = synthetic_label(bench, lang)
    top = 6 if synthetic else 5
    sheet = _Sheet(wb, t("report.sheet.benchmark", lang), [30, 12, 12, 10, 10, 10, 10], freeze_below=top)
    sheet.line(t("report.bench_title", lang), font=TITLE_FONT)
    sheet.line(f"{t('benchmark.group', lang)}: {bench.group.describe(lang)}", font=SUBTITLE_FONT)
    sheet.line(t("report.bench_n", lang, n=bench.n_label, minimum=MIN_PEERS))
    if synthetic:
        sheet.append([sheet.text(synthetic, font=LABEL_FONT, fill=LABEL_FILL),
                      *[sheet.text("", fill=LABEL_FILL) for _ in range(6)]])
    sheet.append()
    rows = [[r.name, r.score, r.percentile, r.p25, r.median, r.p75, r.n]
            for r in benchmark_rows(bench, fw, lang).itertuples()]
    sheet.table([t("col.dimension", lang), t("deck.bench_yours", lang), t("benchmark.col_percentile", lang), "P25",
                 t("benchmark.col_median", lang), "P75", "n"], rows, numeric=frozenset({2, 4, 5}), formats={3: "0"})
    sheet.append()
    for sentence in written_comparison(bench, fw, lang):
        sheet.line(sentence)


def _history(wb: Workbook, lang: str, history: History) -> None:
    """The current score per saved wave (overall and per dimension), progress to target, a line chart."""
    found = trend(history, lang)
    names = [name for _d, name, _v in found.series]
    top = 4
    sheet = _Sheet(wb, t("report.sheet.history", lang), [30, 12, 12, *[14] * (len(names) + 1)], freeze_below=top)
    sheet.line(t("report.history_title", lang), font=TITLE_FONT)
    sheet.line(history.title(lang), font=SUBTITLE_FONT)
    sheet.append()
    targets = [w.overall_target for w in history.waves]
    rows = [[wave, dt.date.fromisoformat(date), n, *[values[i] for _d, _n, values in found.series], targets[i]]
            for i, (wave, date, n) in enumerate(zip(found.waves, found.dates, found.respondents))]
    _, last = sheet.table([t("history.wave", lang), t("fact.date", lang), t("overview.respondents", lang), *names,
                           t("report.overall_target", lang)], rows,
                          numeric=frozenset(range(4, 5 + len(names))), formats={2: "yyyy-mm-dd"})
    chart = LineChart()
    chart.title = t("report.history_title", lang)
    chart.add_data(Reference(sheet.ws, min_col=4, max_col=3 + len(names), min_row=top, max_row=last),
                   titles_from_data=True)
    chart.set_categories(Reference(sheet.ws, min_col=1, min_row=top + 1, max_row=last))
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 1, 5
    chart.y_axis.majorUnit = 1
    chart.y_axis.delete = chart.x_axis.delete = False
    _colour(chart.series, (TEXT_COLOUR, *TREND_COLOURS))  # overall first, as in the deck
    chart.height, chart.width = 9, 18
    sheet.append()
    progress = [[r.name, r.first_current, r.first_target, r.latest_current, r.share_closed]
                for r in found.progress.itertuples()]
    _, end = sheet.table([t("col.dimension", lang), t("history.first_current", lang), t("history.first_target", lang),
                          t("history.latest_current", lang), t("history.share_closed", lang)], progress,
                         numeric=frozenset({2, 3, 4}), formats={5: PERCENT})
    sheet.line(t("history.progress_help", lang))
    if found.version_note:
        sheet.line(found.version_note)
    sheet.ws.add_chart(chart, f"A{end + 3 + bool(found.version_note)}")


def _actions(wb: Workbook, assessment: Assessment, lang: str, found: ActionExport) -> None:
    """The action plan, numbered as on the deck's timeline, with dates as dates; when a later wave is saved,
    projected (the level aimed for) versus realised (the dimension's score before and after, the level
    reached, the linked questions) per action, and the board's findings."""
    rows = action_rows(found, assessment.framework, lang)
    reviews = {r.action.id: r for r in found.review.reviews} if found.review is not None else {}
    with_review = any(r.after_wave for r in reviews.values())
    header = ["#", t("actions.col.title", lang), t("actions.col.dimension", lang), t("actions.col.questions", lang),
              t("actions.col.target_level", lang), t("actions.col.owner_name", lang),
              t("actions.col.owner_role", lang), t("actions.col.start_date", lang), t("actions.col.due_date", lang),
              t("actions.col.status", lang), t("reportact.col_overdue_days", lang), t("actions.col.notes", lang),
              t("actions.col.wave", lang)]
    widths = [5, 40, 24, 14, 10, 20, 18, 12, 12, 13, 10, 50, 10]
    if with_review:
        header += [t("reportact.col_next_wave", lang), t("reportact.col_dim_before", lang),
                   t("reportact.col_dim_after", lang), t("reportact.col_level_after", lang),
                   t("actions.review_col.questions_change", lang), t("actions.review_col.verdict", lang)]
        widths += [12, 12, 12, 10, 36, 24]
    top = 4
    sheet = _Sheet(wb, t("actions.sheet", lang), widths, freeze_below=top)
    sheet.line(t("reportact.title", lang, organisation=found.organisation), font=TITLE_FONT)
    sheet.line(t("reportact.counted", lang, today=found.today.isoformat()))
    sheet.append()
    table = []
    for r in rows:
        f = r.fields
        values = [r.number, f.title, r.dimension, ", ".join(f.questions), f.target_level, f.owner_name,
                  f.owner_role, f.start_date, f.due_date, r.status(lang), r.overdue_days or None, f.notes,
                  r.action.wave]
        review = reviews.get(r.action.id)
        if with_review and review is not None and review.after_wave is not None:
            values += [review.after_wave, _rounded(review.dimension.before), _rounded(review.dimension.after),
                       review.level_after,
                       ", ".join(f"{q.subject} {number(q.before, lang)} → {number(q.after, lang)}"
                                 for q in review.questions), verdict_label(review, lang)]
        elif with_review:
            values += [None, None, None, None, None, verdict_label(review, lang) if review is not None else None]
        table.append(values)
    sheet.table(header, table, numeric=frozenset({15, 16}), formats={8: "yyyy-mm-dd", 9: "yyyy-mm-dd"})
    findings = review_findings(found, lang, limit=5000) if with_review else []
    if findings:
        sheet.append()
        sheet.line(t("reportact.findings", lang), font=Font(bold=True, size=12))
        for line in findings:
            sheet.line(line)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def build_report(assessment: Assessment, lang: str, target_overrides: dict[str, float] | None = None, *,
                 benchmark: Benchmark | None = None, history: History | None = None,
                 importance_overrides: dict[str, float] | None = None, min_group: int | None = None,
                 actions: ActionExport | None = None, unit_label: str = "") -> bytes:
    """The report workbook as .xlsx bytes.

    Breakdowns (and the role and department beside each respondent) show only groups of at least
    `min_group` respondents (omni.confidentiality; None reads the configuration).

    A Benchmark sheet is added when `benchmark` has enough peers, a History sheet when `history` has
    two or more saved waves, an Actions sheet when `actions` (omni.export.action_data) holds any; all are
    fetched by the caller (omni.benchmark, omni.history, omni.services.export_extras). `unit_label`:
    what the organisation calls its units (omni.unit_admin; "" for the generic word).
    """
    wb = _workbook()
    _summary(wb, assessment, lang)
    _questions(wb, assessment, lang)
    k = configured_min_group().value if min_group is None else max(1, int(min_group))
    _breakdowns(wb, assessment, lang, k)
    if has_units(assessment):
        _units(wb, assessment, lang, k, UnitWord(unit_label))
    stand_in = pseudonyms(assessment) if k > 1 else None  # no names or ids beside individual answers
    _respondents(wb, assessment, lang, k, stand_in)
    _answers(wb, assessment, lang, stand_in)
    _roadmap(wb, assessment, lang, target_overrides, importance_overrides)
    if has_benchmark(benchmark):
        _benchmark(wb, assessment, lang, benchmark)
    if has_trend(history):
        _history(wb, lang, history)
    if has_actions(actions):
        _actions(wb, assessment, lang, actions)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
