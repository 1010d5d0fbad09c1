"""The PowerPoint board deck (16:9): native, editable charts, tables, speaker notes, nl or en.

With a corporate template (.pptx or .potx) the deck uses its slide layouts, chosen by name with a
fallback, and the template's own slides are left out; a logo and an accent colour are optional.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import struct
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from omni.benchmark import MIN_PEERS, Benchmark, written_comparison
from omni.charts import history_trend, peer_distribution, radar_chart
from omni.confidentiality import breakdown
from omni.export import pptx_speed
from omni.export.action_data import ActionExport, has_actions
from omni.export.cells import cell_grid, fill_cell, set_column_widths
from omni.export.chart_data import TextCategoryChartData, square_plot
from omni.export.deck_actions import action_slides
from omni.export.deck_onepager import onepager_slide
from omni.export.deck_units import units_slide
from omni.export.extras import benchmark_rows, has_benchmark, has_trend, synthetic_label, trend
from omni.export.fit import fit_columns, fitting_size, table_font_size, word_width  # noqa: F401 - word_width is public here
from omni.export.images import chart_image
from omni.export.notes import NotesWriter
from omni.export.text import clean_text
from omni.format import number, percent
from omni.history import History
from omni.i18n import t
from omni.level_view import level_lines
from omni.palette import (
    ACCENT,
    BAND_COLOUR,
    CURRENT_COLOUR,
    FONT_NAME,
    GRID_COLOUR,
    MEDIAN_COLOUR,
    MUTED_TEXT,
    TARGET_COLOUR,
    TEXT_COLOUR,
    TREND_COLOURS,
    WARNING_FILL,
    WARNING_TEXT,
    bare,
)
from omni.roadmap import KEPT_LOW, PHASES, build_roadmap, explain_item, explain_priority
from omni.scoring import Assessment
from omni.store.peer_entries import OVERALL
from omni.units import assessment_title, has_units

pptx_speed.install()  # python-pptx's XPath and tag names worked out once, not per call

PARTS = ("title", "summary", "radar", "scores", "agreement", "roadmap", "appendix")
# Shown only when their data is given and sufficient (omni.export.extras): a benchmark with enough
# peers, and two or more saved waves.
OPTIONAL_PARTS = ("benchmark", "trend", "units", "actions")
ALL_PARTS = ("title", "summary", "radar", "scores", "agreement", "units", "roadmap", "benchmark", "trend",
             "actions", "appendix")
SYNTHETIC_FILL, SYNTHETIC_TEXT = WARNING_FILL, WARNING_TEXT
WIDE = (Inches(13.333), Inches(7.5))
QUESTIONS_PER_SLIDE = 12  # 13 rows of 0.4 in below the title
DEFAULT_ACCENT = bare(ACCENT)
KICKER = "Kicker"  # the name of the small topic line above a slide's message title
KICKER_COLOUR = MUTED_TEXT
BREAKDOWN_NOTE = "Breakdown note"  # the agreement slide's note on merged or withheld roles
# Layout names as PowerPoint and LibreOffice name them, in order of preference.
TITLE_LAYOUTS = ("Title Slide", "Titeldia", "Title")
CONTENT_LAYOUTS = ("Title Only", "Alleen titel", "Title, Content", "Title and Content")


class TemplateError(ValueError):
    """The corporate template cannot be used; the message is for the user."""


@dataclass
class DeckOptions:
    parts: Sequence[str] = ALL_PARTS
    charts_as_images: bool = False
    template: bytes | None = None
    template_name: str = ""
    logo: bytes | None = None
    accent: str = DEFAULT_ACCENT  # hex without '#'
    wave: str = ""
    target_overrides: dict[str, float] = field(default_factory=dict)
    importance_overrides: dict[str, float] = field(default_factory=dict)
    min_group: int | None = None  # smallest role shown by the agreement slide; None: the configuration
    unit_label: str = ""  # what the organisation calls its units (omni.unit_admin); "": the generic word


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper()[:6])


def _value(x: object) -> float | None:
    """A number for a chart or table cell; None (a gap) for a missing one."""
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def open_template(data: bytes, name: str, lang: str) -> Presentation:
    """Open a .pptx or .potx (a template differs only in its content type) without its slides.

    Give it a template checked by omni.export.brand.check_template (unpacked, opened and cleaned in a
    bounded worker). Unpacking here is bounded by the same limits, so unchecked bytes cannot grow the
    process by more than those allow either."""
    from omni.survey.limits import IntakeLimits
    from omni.survey.scan import ScanRefused, unpack_package

    try:
        parts = unpack_package(name or "template", data, IntakeLimits.from_env())
        if "[Content_Types].xml" not in parts:
            raise ValueError("no [Content_Types].xml")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zout:
            for part, content in parts.items():
                if part == "[Content_Types].xml":
                    content = content.replace(b"presentationml.template.main+xml",
                                              b"presentationml.presentation.main+xml")
                zout.writestr(part, content)
        del parts
        prs = Presentation(io.BytesIO(buffer.getvalue()))
    except ScanRefused as refused:
        raise TemplateError(refused.problem.describe(lang)) from None
    except Exception as exc:  # python-pptx and zipfile raise many kinds for a bad file
        raise TemplateError(t("deck.template_error", lang, name=name or "template",
                              detail=type(exc).__name__)) from exc
    slides = prs.slides._sldIdLst  # noqa: SLF001 - python-pptx has no public slide removal
    for slide_id in list(slides):
        prs.part.drop_rel(slide_id.rId)
        slides.remove(slide_id)
    return prs


def _layout(prs: Presentation, names: Sequence[str], fallback_index: int):
    by_name = {layout.name.casefold(): layout for layout in prs.slide_layouts}
    for name in names:
        if name.casefold() in by_name:
            return by_name[name.casefold()]
    for layout in prs.slide_layouts:  # any layout with a title placeholder
        if any(ph.placeholder_format.type == 1 for ph in layout.placeholders):
            return layout
    return prs.slide_layouts[min(fallback_index, len(prs.slide_layouts) - 1)]


class _Deck:
    def __init__(self, assessment: Assessment, lang: str, options: DeckOptions,
                 benchmark: Benchmark | None = None, history: History | None = None) -> None:
        self.a, self.lang, self.o = assessment, lang, options
        self.benchmark, self.history = benchmark, history
        if options.template:
            self.prs = open_template(options.template, options.template_name, lang)
        else:
            self.prs = Presentation()
            self.prs.slide_width, self.prs.slide_height = WIDE
            _theme_font(self.prs, FONT_NAME)  # a corporate template keeps its own fonts
        self.accent = _rgb(options.accent or DEFAULT_ACCENT)
        self.width, self.height = self.prs.slide_width, self.prs.slide_height
        self.margin = Emu(int(self.width * 0.045))
        self.notes = NotesWriter()

    # --- slide scaffolding ------------------------------------------------------------------
    def slide(self, title: str, notes: str, layout_names=CONTENT_LAYOUTS, fallback=5, kicker: str = ""):
        """A slide whose title states its message; `kicker`, the topic, stands small above it."""
        layout = _layout(self.prs, layout_names, fallback)
        slide = self.prs.slides.add_slide(layout)
        # the logo stands top right; the title and the kicker end before it
        right = (self.slide_logo(slide).left - Inches(0.2)) if self.o.logo else self.width - self.margin
        title_shape = slide.shapes.title
        top = Inches(0.55) if kicker else Inches(0.3)
        if title_shape is None:
            title_shape = slide.shapes.add_textbox(self.margin, top, right - self.margin, Inches(0.8))
        else:
            title_shape.left, title_shape.top = self.margin, top
            title_shape.width, title_shape.height = right - self.margin, Inches(0.8)
        title_shape.text_frame.text = clean_text(title, 250)
        title_shape.text_frame.word_wrap = True
        # a message title may take two lines: smaller then, never out of its box
        size = fitting_size([title_shape.text_frame.text], title_shape.width, title_shape.height,
                            24 if kicker else 28, minimum=16, bold=True)
        for paragraph in title_shape.text_frame.paragraphs:
            paragraph.alignment = PP_ALIGN.LEFT
            for run in paragraph.runs:
                run.font.size, run.font.bold, run.font.color.rgb = Pt(size), True, self.accent
        if kicker:
            box = slide.shapes.add_textbox(self.margin, Inches(0.2), right - self.margin, Inches(0.35))
            box.name = KICKER
            box.text_frame.text = clean_text(kicker, 120)
            box.text_frame.word_wrap = True
            box.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
            for run in box.text_frame.paragraphs[0].runs:
                run.font.size, run.font.bold, run.font.color.rgb = Pt(12), True, _rgb(KICKER_COLOUR)
        # Placeholders we do not fill would show "Click to add text" prompts: remove them.
        for ph in list(slide.placeholders):
            if ph.placeholder_format.type not in (1, 3):  # TITLE, CENTER_TITLE
                ph._element.getparent().remove(ph._element)  # noqa: SLF001
        self.notes.write(slide, clean_text(notes, 5000))
        return slide

    def slide_logo(self, slide):
        """The logo top right, 0.55 in high (a very wide one at most 2.5 in wide)."""
        picture = slide.shapes.add_picture(io.BytesIO(self.o.logo), 0, Inches(0.25), height=Inches(0.55))
        if picture.width > Inches(2.5):
            picture.height = Emu(int(picture.height * Inches(2.5) / picture.width))
            picture.width = Inches(2.5)
        picture.left = self.width - self.margin - picture.width
        return picture

    @property
    def body_top(self) -> Emu:
        return Inches(1.35)

    @property
    def body_width(self) -> Emu:
        return self.width - 2 * self.margin

    @property
    def body_height(self) -> Emu:
        return self.height - self.body_top - Inches(0.4)

    def text_box(self, slide, left, top, width, height, lines: Sequence[str], size: float = 18,
                 bold_first: bool = False):
        """A text box; its font is made smaller (down to 9 pt) until the lines fit the box."""
        box = slide.shapes.add_textbox(left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        lines = [clean_text(line, 2000) for line in lines]
        size = fitting_size(lines, width, height, size, minimum=min(size, 9), bold_first=bold_first)
        for i, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.text = clean_text(line, 2000)
            paragraph.space_after = Pt(8)
            for run in paragraph.runs:
                run.font.size = Pt(size)
                run.font.bold = bold_first and i == 0
        return box

    def table(self, slide, header: Sequence[str], rows: Sequence[Sequence[object]], left, top, width,
              col_widths: Sequence[float] | None = None, size: int = 12):
        shape = slide.shapes.add_table(len(rows) + 1, len(header), left, top, width,
                                       Inches(0.4) * (len(rows) + 1))
        table = shape.table
        shown = [[number(v, self.lang) if isinstance(v, float) else clean_text(v, 500) for v in row] for row in rows]
        header = [str(h) for h in header]
        size = table_font_size(header, shown, int(width), size)
        widths = fit_columns(header, col_widths or [1.0] * len(header), int(width), size, shown)
        set_column_widths(table, widths)  # omni.export.cells: the XML python-pptx writes, written faster
        cells = cell_grid(table)
        for c, text in enumerate(header):
            fill_cell(cells[0][c], clean_text(text, 200), size, bold=True, colour="FFFFFF", fill=str(self.accent))
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values):
                fill_cell(cells[r][c], shown[r - 1][c], size, right=isinstance(value, (int, float)))
        return table

    def colour_series(self, chart) -> None:
        for series, colour in zip(chart.plots[0].series, (CURRENT_COLOUR, TARGET_COLOUR)):
            fmt = series.format
            fmt.line.color.rgb = _rgb(colour)
            fmt.line.width = Pt(2.5)
            if chart.chart_type in (XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.COLUMN_CLUSTERED):
                fmt.fill.solid()
                fmt.fill.fore_color.rgb = _rgb(colour)
            else:
                series.marker.format.fill.solid()
                series.marker.format.fill.fore_color.rgb = _rgb(colour)

    def dimension_chart_data(self) -> TextCategoryChartData:
        fw = self.a.framework
        rows = self.a.dimension_scores
        data = TextCategoryChartData(number_format="0.00")
        data.categories = [fw.dimension(d).name(self.lang) for d in rows["dimension"]]
        for measure in ("current", "target"):
            data.add_series(t(f"col.{measure}", self.lang),
                            [None if math.isnan(v) else round(float(v), 2) for v in rows[measure]])
        return data

    # --- slides -----------------------------------------------------------------------------
    def title_slide(self) -> None:
        fw = self.a.framework
        subtitle = t("deck.subtitle", self.lang, wave=self.o.wave or _today(), framework=fw.name(self.lang))
        slide = self.slide(t("deck.title", self.lang),
                           t("deck.notes.title", self.lang, n=self.a.respondent_count, framework=fw.name(self.lang)),
                           TITLE_LAYOUTS, 0)
        title = slide.shapes.title or slide.shapes[0]
        title.top = Inches(1.5)
        for run in (r for p in title.text_frame.paragraphs for r in p.runs):
            run.font.size = Pt(40)
        self.text_box(slide, self.margin, Inches(2.6), self.body_width, Inches(2),
                      [assessment_title(self.a, self.lang), subtitle], size=24, bold_first=True)

    def radar_slide(self) -> None:
        rows = self.a.dimension_scores
        detail = "; ".join(f"{self.a.framework.dimension(r.dimension).name(self.lang)}: "
                           f"{number(r.current, self.lang)} → {number(r.target, self.lang)}" for r in rows.itertuples())
        slide = self.slide(self.largest_gap_title(), t("deck.notes.radar", self.lang, detail=detail),
                           kicker=t("deck.radar", self.lang))
        side = self.body_height
        left = Emu(int((self.width - side * 1.4) / 2))
        if self.o.charts_as_images:
            png = chart_image(radar_chart(self.a, self.lang), "png", 2.0)
            slide.shapes.add_picture(io.BytesIO(png), left, self.body_top, height=side)
            return
        frame = slide.shapes.add_chart(XL_CHART_TYPE.RADAR_MARKERS, left, self.body_top,
                                       Emu(int(side * 1.4)), side, self.dimension_chart_data())
        chart = frame.chart
        chart.has_legend, chart.legend.position, chart.legend.include_in_layout = True, XL_LEGEND_POSITION.BOTTOM, False
        axis = chart.value_axis  # the scale is 1-5: 1 at the centre, a gridline at every level
        axis.minimum_scale, axis.maximum_scale, axis.major_unit = 1, 5, 1
        axis.has_major_gridlines = True
        axis.tick_labels.font.size = Pt(11)
        self.colour_series(chart)
        square_plot(chart, frame.width, frame.height)

    def largest_gap_title(self) -> str:
        """The radar's message: where the gap between now and the target is largest."""
        rows = self.a.dimension_scores.dropna(subset=["gap"])
        if rows.empty:
            return t("deck.radar", self.lang)
        row = rows.loc[rows["gap"].idxmax()]
        return t("deck.title_largest_gap", self.lang, dimension=self.a.framework.dimension(row["dimension"]).name(self.lang),
                 current=number(row["current"], self.lang, 1), target=number(row["target"], self.lang, 1))

    def scores_slide(self) -> None:
        fw = self.a.framework
        o = self.a.overall
        title = (t("deck.title_scores", self.lang, level=o.level, name=fw.level(o.level).name(self.lang),
                   index=number(o.current, self.lang)) if o.level else t("deck.scores", self.lang))
        slide = self.slide(title, t("deck.notes.scores", self.lang), kicker=t("deck.scores", self.lang))
        rows = [[fw.dimension(r.dimension).name(self.lang), r.current, r.target, r.gap,
                 fw.level(r.level).name(self.lang) if r.level else "–", r.std, int(r.n)]
                for r in self.a.dimension_scores.itertuples()]
        # The table across the slide, the columns below it: a column chart lists its legend in series
        # order (Current, then Target) in PowerPoint and LibreOffice alike; a horizontal bar chart does
        # not (LibreOffice lists a bar chart's series bottom-up: Target first).
        self.table(slide, [t("col.dimension", self.lang), t("col.current", self.lang), t("col.target", self.lang),
                           t("col.gap", self.lang), t("col.level", self.lang), t("col.spread", self.lang), "n"],
                   rows, self.margin, self.body_top, self.body_width, [3.2, 1.4, 1.4, 1.1, 2.3, 1.4, 0.7], size=12)
        top = self.body_top + Inches(0.4) * (len(rows) + 1) + Inches(0.25)
        frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, self.margin, top, self.body_width,
                                       self.body_top + self.body_height - top, self.dimension_chart_data())
        chart = frame.chart
        chart.font.size = Pt(12)
        chart.has_legend, chart.legend.position, chart.legend.include_in_layout = True, XL_LEGEND_POSITION.BOTTOM, False
        chart.value_axis.minimum_scale, chart.value_axis.maximum_scale, chart.value_axis.major_unit = 1, 5, 1
        chart.value_axis.major_gridlines.format.line.color.rgb = _rgb(GRID_COLOUR)
        chart.plots[0].gap_width = 80
        self.colour_series(chart)

    def levels_slide(self) -> None:
        """What each dimension's level looks like, and the next one (the framework's level descriptors),
        after the scores; left out when the framework file gives no descriptors."""
        lines = [line for line in level_lines(self.a, self.lang) if line.descriptor]
        if not lines:
            return
        low = min(lines, key=lambda line: line.level)
        high = max(lines, key=lambda line: line.level)
        title = (t("deck.title_levels_same", self.lang, level=low.level) if low.level == high.level else
                 t("deck.title_levels", self.lang, low=low.name, low_level=low.level, high=high.name,
                   high_level=high.level))
        slide = self.slide(title, t("deck.notes.levels", self.lang), kicker=t("levels.title", self.lang))
        rows = [[line.name, f"{line.level} · {line.level_name}", line.descriptor, line.next_descriptor or "–"]
                for line in lines]
        self.table(slide, [t("col.dimension", self.lang), t("col.level", self.lang), t("deck.levels_now", self.lang),
                           t("deck.levels_next", self.lang)],
                   rows, self.margin, self.body_top, self.body_width, [2.3, 2.1, 4.0, 4.0], size=11)

    def agreement_slide(self) -> None:
        """Scores by role, only for roles (and cells) of at least min_group respondents (omni.confidentiality)."""
        fw = self.a.framework
        dims = [d.id for d in fw.dimensions]
        safe = breakdown(self.a, "role", self.o.min_group)
        cells = safe.table.set_index(["role", "dimension"])["current"]
        rows = [[safe.label(role, self.lang), *[float(cells.get((role, d), math.nan)) for d in dims], size]
                for role, size in safe.sizes.items()]
        spread = ["", *[f"{t('col.spread', self.lang)} {number(v, self.lang)}" for v in
                        self.a.dimension_scores.set_index("dimension").loc[dims, "std"]], ""]
        note = safe.note(self.lang)
        slide = self.slide(self.agreement_title(), " ".join(filter(None, [t("deck.notes.agreement", self.lang), note])),
                           kicker=t("deck.agreement", self.lang))
        self.table(slide, [t("fact.role", self.lang), *[fw.dimension(d).name(self.lang) for d in dims], "n"],
                   [*rows, spread], self.margin, self.body_top, self.body_width,
                   [2.4, *[1.3] * len(dims), 0.6], size=11)
        if note:
            box = self.text_box(slide, self.margin, self.height - Inches(0.9), self.body_width, Inches(0.6), [note],
                                size=11)
            box.name = BREAKDOWN_NOTE

    def agreement_title(self) -> str:
        """The agreement slide's message: the dimension the team is most divided on, or that it agrees."""
        rows = self.a.dimension_scores.loc[self.a.dimension_scores["n"] > 1].dropna(subset=["std"])
        if rows.empty:
            return t("deck.agreement", self.lang)
        row = rows.loc[rows["std"].idxmax()]
        key = "deck.title_divided" if row["std"] > 0.5 else "deck.title_agreed"
        return t(key, self.lang, dimension=self.a.framework.dimension(row["dimension"]).name(self.lang),
                 spread=number(row["std"], self.lang, 1))

    def roadmap_slide(self) -> None:
        """Three phases side by side; per dimension the importance used, and a line when a dependency
        moved it; below them the dimensions kept low by choice. The full explanations are in the notes."""
        fw, lang = self.a.framework, self.lang
        plan = build_roadmap(self.a, self.o.target_overrides, self.o.importance_overrides)
        notes = [t("deck.notes.roadmap", lang), t("roadmap.advice_scope", lang)]  # the advice: one step per dimension
        if plan.importance_source == "equal":
            notes.append(t("roadmap.equal_importance", lang))
        for item in plan.items:
            why = explain_item(plan, item, fw, lang)
            if item.phase in PHASES or why:
                notes.append(f"{fw.dimension(item.dimension).name(lang)}: {explain_priority(item, lang)}. {why}".strip())
        first = [fw.dimension(i.dimension).name(lang) for i in plan.phase("now")]
        title = t("deck.title_roadmap", lang, names=", ".join(first)) if first else t("deck.roadmap", lang)
        slide = self.slide(title, "\n".join(notes), kicker=t("deck.roadmap", lang))
        kept_low = plan.phase(KEPT_LOW)
        footer = Inches(0.9) if kept_low or plan.importance_source == "equal" else 0
        column = Emu(int((self.body_width - Inches(0.4)) / 3))
        for i, phase in enumerate(PHASES):
            left = self.margin + (column + Inches(0.2)) * i
            lines = [t(f"roadmap.phase.{phase}", lang)]
            for item in plan.phase(phase):
                lines.append(t("deck.roadmap_item", lang, dimension=fw.dimension(item.dimension).name(lang),
                               current=number(item.current, lang, 1), target=number(item.target, lang, 1),
                               importance=number(item.importance, lang, 1)))
                if item.moved:
                    lines.append(t("deck.roadmap_moved", lang, planned=t(f"roadmap.phase.{item.planned_phase}", lang),
                                   required=", ".join(fw.dimension(r).name(lang) for r in item.moved_by)))
                lines += [f"• {step(lang)}" for step in item.advice[:2]]
            if len(lines) == 1:
                lines.append(t("roadmap.empty_phase", lang))
            self.text_box(slide, left, self.body_top, column, self.body_height - footer, lines, size=14,
                          bold_first=True)
        if footer:
            lines = []
            if kept_low:
                lines.append(t("deck.roadmap_kept_low", lang, names=", ".join(
                    f"{fw.dimension(i.dimension).name(lang)} ({number(i.current, lang, 1)})" for i in kept_low)))
            if plan.importance_source == "equal":
                lines.append(t("deck.roadmap_equal", lang))
            self.text_box(slide, self.margin, self.body_top + self.body_height - footer, self.body_width, footer,
                          lines, size=11)

    def banner(self, slide, left, top, width, height, text: str):
        """A clearly visible label (e.g. that the peers are synthetic demo data)."""
        shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, left, top, width, height)
        shape.name = "Label"
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(SYNTHETIC_FILL)
        shape.line.color.rgb = _rgb(SYNTHETIC_TEXT)
        frame = shape.text_frame
        frame.word_wrap, frame.vertical_anchor = True, MSO_ANCHOR.MIDDLE
        frame.text = clean_text(text, 300)
        for paragraph in frame.paragraphs:
            paragraph.alignment = PP_ALIGN.LEFT
            for run in paragraph.runs:
                run.font.size, run.font.bold, run.font.color.rgb = Pt(16), True, _rgb(SYNTHETIC_TEXT)
        return shape

    def picture(self, slide, png: bytes, left, top, width, height):
        """A chart image as large as fits the box, keeping its proportions, centred in the box."""
        pixels_wide, pixels_high = struct.unpack(">II", png[16:24])
        scale = min(width / pixels_wide, height / pixels_high)
        w, h = Emu(int(pixels_wide * scale)), Emu(int(pixels_high * scale))
        return slide.shapes.add_picture(io.BytesIO(png), left + Emu(int((width - w) / 2)), top, w, h)

    def benchmark_slide(self) -> None:
        """The organisation against its peer group: the middle half of the peers (P25-P75) as a band,
        the peer median and the own score per dimension, as on the Benchmark page; with n."""
        bench, lang, fw = self.benchmark, self.lang, self.a.framework
        rows = benchmark_rows(bench, fw, lang)
        group = bench.group.describe(lang)
        synthetic = synthetic_label(bench, lang)
        notes = [t("deck.notes.benchmark", lang, group=group, n=bench.n_label, minimum=MIN_PEERS)]
        notes += [synthetic] if synthetic else []
        notes += written_comparison(bench, fw, lang)
        slide = self.slide(self.benchmark_title(), "\n".join(notes), kicker=t("deck.benchmark", lang))
        self.text_box(slide, self.margin, self.body_top, self.body_width, Inches(0.5),
                      [t("deck.bench_group", lang, group=group, n=bench.n_label)], size=14, bold_first=True)
        top = self.body_top + Inches(0.6)
        if synthetic:
            self.banner(slide, self.margin, top, self.body_width, Inches(0.5), synthetic)
            top += Inches(0.65)
        width = Emu(int(self.body_width * 0.5))
        height = self.height - top - Inches(0.4)
        self.table(slide, [t("col.dimension", lang), t("benchmark.col_score", lang),
                           t("benchmark.col_percentile", lang), "P25", t("benchmark.col_median", lang), "P75", "n"],
                   [[r.name, _value(r.score), None if _value(r.percentile) is None else int(r.percentile),
                     _value(r.p25), _value(r.median), _value(r.p75), str(r.n)] for r in rows.itertuples()],
                   self.margin + width + Inches(0.3), top, self.body_width - width - Inches(0.3),
                   [2.4, 0.95, 1.4, 0.85, 1.1, 0.85, 0.8], size=10)
        if self.o.charts_as_images:  # the Benchmark page's own chart
            chart = peer_distribution(self.a, bench.rows, lang, n=bench.n_label)
            self.picture(slide, chart_image(chart, "png", 2.0), self.margin, top, width, height)
            return
        # Horizontal bars, as on the Benchmark page: the dimension names stand level at the left instead
        # of being turned on their side under narrow columns. Each row is one stacked bar cut into
        # segments (benchmark_segments): the band, the median and the own score as ticks on it.
        legend_height = Inches(0.45)
        segments = benchmark_segments(rows)
        chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_STACKED, self.margin, top, width, height - legend_height,
                                       benchmark_chart_data(rows, segments)).chart
        chart.font.size = Pt(11)
        chart.has_legend = False  # the segments are no series of their own: the legend is written below
        axis = chart.value_axis
        axis.minimum_scale, axis.maximum_scale, axis.major_unit = SCALE_MIN, SCALE_MAX, 1
        axis.major_gridlines.format.line.color.rgb = _rgb(GRID_COLOUR)
        axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = "0", False
        categories = chart.category_axis
        categories.reverse_order = True  # the first dimension at the top, as in the table beside it
        # and the scale below the bars, not above them: the value axis crosses at the last category
        # (python-pptx sets only the other direction)
        axis._element.find(qn("c:crosses")).set("val", "max")
        categories.tick_labels.font.size = Pt(11)
        chart.plots[0].gap_width = 70
        fills = {"band": BAND_COLOUR, "median": MEDIAN_COLOUR, "score": CURRENT_COLOUR}
        for index, series in enumerate(chart.plots[0].series):
            series.format.line.fill.background()
            for row, parts in enumerate(segments):
                kind = parts[index][1] if index < len(parts) else "gap"
                point = series.points[row]
                point.format.line.fill.background()
                if kind == "gap":
                    point.format.fill.background()
                else:
                    point.format.fill.solid()
                    point.format.fill.fore_color.rgb = _rgb(fills[kind])
        box = self.text_box(slide, self.margin, top + height - legend_height, width, legend_height,
                            [f"■ {t('deck.bench_band', lang)}   ▮ {t('chart.peer_median', lang)}   "
                             f"▮ {t('deck.bench_yours', lang)}"], size=11)
        box.name = BENCHMARK_LEGEND
        _colour_legend_marks(box, [BAND_COLOUR, MEDIAN_COLOUR, CURRENT_COLOUR])

    def benchmark_title(self) -> str:
        """The benchmark slide's message: on how many dimensions the organisation is above the peer median,
        and where it is furthest below."""
        rows = self.benchmark.dimensions.dropna(subset=["score", "median"])
        if rows.empty:
            return t("deck.benchmark", self.lang)
        difference = rows["score"] - rows["median"]
        params = dict(above=int((difference > 0).sum()), total=len(rows))
        if (difference < 0).any():
            worst = self.a.framework.dimension(rows.loc[difference.idxmin(), "dimension"]).name(self.lang)
            key = "deck.title_benchmark_below" if params["above"] else "deck.title_benchmark_nowhere"
            return t(key, self.lang, dimension=worst, **params)
        return t("deck.title_benchmark", self.lang, **params)

    def trend_title(self, found) -> str:
        """The trend slide's message: the overall index in the first and the latest wave."""
        overall = [values for dimension, _name, values in found.series if dimension == OVERALL]
        if not overall or overall[0][0] is None or overall[0][-1] is None:
            return t("deck.trend", self.lang)
        return t("deck.title_trend", self.lang, first=number(overall[0][0], self.lang),
                 first_wave=found.waves[0], latest=number(overall[0][-1], self.lang), latest_wave=found.waves[-1])

    def trend_slide(self) -> None:
        """The current score per saved wave, overall and per dimension, and progress to target."""
        lang = self.lang
        found = trend(self.history, lang)
        data = TextCategoryChartData(number_format="0.00")
        data.categories = list(found.waves)
        for _dimension, name, values in found.series:
            data.add_series(name, list(values))
        waves = ", ".join(f"{w} ({d}, n = {n})" for w, d, n in zip(found.waves, found.dates, found.respondents))
        notes = [t("deck.notes.trend", lang, organisation=self.history.title(lang), count=len(found.waves),
                   waves=waves)]
        notes += [t("deck.notes.trend_line", lang, name=r.name, first=number(r.first_current, lang),
                    latest=number(r.latest_current, lang), share=percent(r.share_closed, lang))
                  for r in found.progress.itertuples()]
        slide = self.slide(self.trend_title(found), "\n".join(notes), kicker=t("deck.trend", lang))
        width = Emu(int(self.body_width * 0.6))
        self.progress_table(slide, found, self.margin + width + Inches(0.3), self.body_width - width - Inches(0.3))
        if self.o.charts_as_images:  # the History page's own chart
            scores = self.history.scores[["dimension", "wave", "wave_date", "current", "target"]]
            scores = scores.assign(wave_date=scores["wave_date"].astype(str))  # the chart's data goes through JSON
            chart = history_trend(scores, self.history.framework, lang)
            self.picture(slide, chart_image(chart, "png", 2.0), self.margin, self.body_top, width, self.body_height)
            return
        chart = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, self.margin, self.body_top, width,
                                       self.body_height, data).chart
        chart.font.size = Pt(11)
        chart.has_legend, chart.legend.position, chart.legend.include_in_layout = True, XL_LEGEND_POSITION.BOTTOM, False
        axis = chart.value_axis
        axis.minimum_scale, axis.maximum_scale, axis.major_unit = 1, 5, 1
        axis.major_gridlines.format.line.color.rgb = _rgb(GRID_COLOUR)
        for i, series in enumerate(chart.plots[0].series):
            colour = TEXT_COLOUR if i == 0 else TREND_COLOURS[(i - 1) % len(TREND_COLOURS)]
            series.smooth = False
            series.format.line.color.rgb = _rgb(colour)
            series.format.line.width = Pt(4 if i == 0 else 2.25)
            series.marker.style, series.marker.size = XL_MARKER_STYLE.CIRCLE, 9 if i == 0 else 7
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = _rgb(colour)
            series.marker.format.line.color.rgb = _rgb(colour)

    def progress_table(self, slide, found, left, right_width) -> None:
        lang = self.lang
        self.text_box(slide, left, self.body_top, right_width, Inches(0.5), [t("history.progress_heading", lang)],
                      size=16, bold_first=True)
        rows = [[r.name, r.first_current, r.latest_current, percent(r.share_closed, self.lang)]
                for r in found.progress.itertuples()]
        self.table(slide, [t("col.dimension", lang), t("history.first_current", lang),
                           t("history.latest_current", lang), t("history.share_closed", lang)],
                   rows, left, self.body_top + Inches(0.55), right_width, [3.0, 1.3, 1.1, 1.3], size=11)
        notes = [t("history.progress_help", lang)] + ([found.version_note] if found.version_note else [])
        self.text_box(slide, left, self.body_top + Inches(0.75) + Inches(0.4) * (len(rows) + 1), right_width,
                      Inches(1.2) * len(notes), notes, size=11)

    def method_title(self) -> str:
        """The method slide's message: what the index is made of, for this assessment."""
        o, fw = self.a.overall, self.a.framework
        if o.current is None or o.current != o.current:
            return t("deck.method", self.lang)
        return t("deck.title_method", self.lang, index=number(o.current, self.lang), dimensions=len(fw.dimensions),
                 n=self.a.respondent_count)

    def questions_title(self, chunk: Sequence[Sequence[object]]) -> str:
        """A question slide's message: the question on it with the largest gap (id, topic, current, target)."""
        gaps = [row for row in chunk if _value(row[4]) is not None]
        if not gaps:
            return t("deck.questions_topic", self.lang)
        question, topic, current, target, _gap, *_ = max(gaps, key=lambda row: row[4])
        return t("deck.title_questions", self.lang, question=question, topic=topic,
                 current=number(current, self.lang, 1), target=number(target, self.lang, 1))

    def appendix_slides(self) -> None:
        slide = self.slide(self.method_title(), t("deck.notes.summary", self.lang), kicker=t("deck.method", self.lang))
        paragraphs = [p.replace("**", "") for p in t("method.text", self.lang).split("\n\n")]
        paragraphs += self.a.framework.weight_notes(self.lang)
        self.text_box(slide, self.margin, self.body_top, self.body_width, self.body_height, paragraphs, size=13)
        fw = self.a.framework
        rows = [[r.question, fw.question(r.question).topic(self.lang), r.current, r.target, r.gap, int(r.n),
                 int(r.n_na), int(r.n_dk)] for r in self.a.question_scores.itertuples()]
        chunks = [rows[i:i + QUESTIONS_PER_SLIDE] for i in range(0, len(rows), QUESTIONS_PER_SLIDE)]
        for part, chunk in enumerate(chunks, start=1):
            slide = self.slide(self.questions_title(chunk), t("deck.notes.questions", self.lang),
                               kicker=t("deck.questions", self.lang, part=f"{part}/{len(chunks)}"))
            self.table(slide, [t("col.id", self.lang), t("dimensions.topic", self.lang), t("col.current", self.lang),
                               t("col.target", self.lang), t("col.gap", self.lang), "n",
                               t("dimensions.n_na", self.lang), t("dontknow.col", self.lang)],
                       chunk, self.margin, self.body_top, self.body_width, [1, 3.9, 1.1, 1.1, 0.9, 0.6, 0.8, 1.2],
                       size=11)


SCALE_MIN, SCALE_MAX = 1, 5
MEDIAN_TICK, SCORE_TICK = 0.03, 0.045  # half widths on the 1-5 scale of the median's and the own score's tick
BENCHMARK_LEGEND = "Benchmark legend"


def benchmark_segments(rows) -> list[list[tuple[float, str]]]:
    """Per row (dimension): the stacked bar's segments from 0, as (length, kind) with kind
    "gap" (not drawn), "band" (P25-P75), "median" or "score" (a narrow tick at that value, the own score
    drawn over the median where they meet). The starts and ends are the row's own numbers, so the
    chart's data give back P25, P75, the median and the score."""
    result = []
    for row in rows.itertuples():
        low, high, median, own = (_value(getattr(row, name)) for name in ("p25", "p75", "median", "score"))
        ticks = [(v - half, v + half, kind) for v, half, kind in ((own, SCORE_TICK, "score"), (median, MEDIAN_TICK, "median"))
                 if v is not None]
        # a stacked bar starts at 0; the axis shows 1-5, so the first (invisible) segment runs from 0
        cuts = {0, SCALE_MIN, SCALE_MAX, *(c for a, b, _k in ticks for c in (a, b))}
        if low is not None and high is not None:
            cuts |= {low, high}
        cuts = sorted(min(max(c, SCALE_MIN), SCALE_MAX) if c else 0 for c in cuts)
        parts: list[tuple[float, str]] = []
        for a, b in zip(cuts, cuts[1:]):
            if b - a < 1e-9:
                continue
            middle = (a + b) / 2
            kind = next((k for start, end, k in ticks if start <= middle <= end), None)
            if kind is None:
                kind = "band" if low is not None and high is not None and low <= middle <= high else "gap"
            if parts and parts[-1][1] == kind:
                parts[-1] = (parts[-1][0] + b - a, kind)
            else:
                parts.append((b - a, kind))
        while parts and parts[-1][1] == "gap":
            parts.pop()
        result.append([(round(length, 4), kind) for length, kind in parts])
    return result


def benchmark_chart_data(rows, segments: Sequence[Sequence[tuple[float, str]]]) -> TextCategoryChartData:
    """The stacked segments as series (series i holds every row's i-th segment; rows with fewer get 0)."""
    data = TextCategoryChartData(number_format="0.00")
    data.categories = list(rows["name"])
    for index in range(max((len(parts) for parts in segments), default=0)):
        data.add_series(f"{index + 1}", [parts[index][0] if index < len(parts) else 0 for parts in segments])
    return data


def _colour_legend_marks(box, colours: Sequence[str]) -> None:
    """Colour the legend's marks (■ ▮ ▮) in the chart's colours, the words in the text colour."""
    paragraph = box.text_frame.paragraphs[0]
    text = paragraph.runs[0].text
    size = paragraph.runs[0].font.size
    marks = [i for i, char in enumerate(text) if char in "■▮"]
    pieces, last = [], 0
    for i in marks:
        pieces += [(text[last:i], None), (text[i], colours[len(pieces) // 2])]
        last = i + 1
    pieces.append((text[last:], None))
    paragraph.clear()
    for piece, colour in pieces:
        if not piece:
            continue
        run = paragraph.add_run()
        run.text, run.font.size = piece, size
        if colour:
            run.font.color.rgb = _rgb(colour)


def _theme_font(prs: Presentation, typeface: str) -> None:
    """Set the theme's heading and body fonts (every text and chart without a font of its own)."""
    theme = prs.slide_masters[0].part.part_related_by(RT.THEME)
    xml = parse_xml(theme.blob)
    for latin in xml.iter(qn("a:latin")):
        if latin.getparent().tag in (qn("a:majorFont"), qn("a:minorFont")):
            latin.set("typeface", typeface)
    theme._blob = etree.tostring(xml, xml_declaration=True, encoding="UTF-8", standalone=True)  # noqa: SLF001


def _today() -> str:
    return dt.date.today().isoformat()


def build_deck(assessment: Assessment, lang: str, options: DeckOptions | None = None, *,
               benchmark: Benchmark | None = None, history: History | None = None,
               actions: ActionExport | None = None) -> bytes:
    """The board deck as .pptx bytes.

    `benchmark` (omni.benchmark) and `history` (omni.history) are fetched by the caller; their slides
    are added only when asked for in `options.parts` and when there is enough data: a peer group of
    at least MIN_PEERS organisations, two or more saved waves. `actions` (omni.export.action_data) adds the
    action plan slides (omni.export.deck_actions) when the organisation has actions, and puts the open
    actions due first on the executive one-pager.
    """
    options = options or DeckOptions()
    deck = _Deck(assessment, lang, options, benchmark, history)
    builders = {"title": deck.title_slide, "summary": lambda: onepager_slide(deck, actions), "radar": deck.radar_slide,
                "scores": lambda: (deck.scores_slide(), deck.levels_slide()), "agreement": deck.agreement_slide,
                "roadmap": deck.roadmap_slide, "benchmark": deck.benchmark_slide, "trend": deck.trend_slide,
                "actions": lambda: action_slides(deck, actions), "appendix": deck.appendix_slides}
    builders["units"] = partial(units_slide, deck)  # omni.export.deck_units: only when respondents name units
    available = {"benchmark": has_benchmark(benchmark), "trend": has_trend(history), "units": has_units(assessment),
                 "actions": has_actions(actions)}
    for part in ALL_PARTS:
        if part in options.parts and available.get(part, True):
            builders[part]()
    buffer = io.BytesIO()
    deck.prs.save(buffer)
    return buffer.getvalue()
