"""The deck's executive one-pager: the whole result on the first slide after the title.

Left, the level and index as a tile and the radar (native, or the screen's chart as an image);
right, the headline findings (three, and a fourth when much of a dimension is "don't know"), the top three priorities of the roadmap and, when the organisation keeps an
action plan (omni.actions), the open actions due first. The title states the message; the topic
stands above it as the kicker, as on the other slides.

`deck` below is the deck being built (omni.export.deck; not imported here, which imports this module).
"""

from __future__ import annotations

from collections.abc import Sequence

from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from omni.actions import CLOSED, Action, status_label
from omni.charts import radar_chart
from omni.export.action_data import ActionExport
from omni.export.chart_data import square_plot
from omni.export.fit import Paragraph, fitting_size, text_height
from omni.export.images import chart_image
from omni.export.text import clean_text
from omni.format import date, number
from omni.i18n import t
from omni.insights import headline_findings
from omni.roadmap import PHASES, RoadmapItem, build_roadmap

TILE = "Level"  # the shape names a reader (and the tests) find the parts by
FINDINGS, PRIORITIES, ACTIONS = "Findings", "Priorities", "Actions"
TOP = 3


def open_actions(actions: Sequence[Action], limit: int = TOP) -> list[Action]:
    """The open actions (neither done nor dropped), by due date (none last), then as planned."""
    open_ = [a for a in actions if a.fields.status not in CLOSED]
    return sorted(open_, key=lambda a: (a.fields.due_date is None, a.fields.due_date or 0, a.id))[:limit]


def top_priorities(deck, limit: int = TOP) -> list[RoadmapItem]:
    """The first dimensions of the roadmap, in plan order (now, then next, then later)."""
    plan = build_roadmap(deck.a, deck.o.target_overrides, deck.o.importance_overrides)
    return [i for i in plan.items if i.phase in PHASES][:limit]


def onepager_title(deck, priorities: Sequence[RoadmapItem]) -> str:
    fw, o, lang = deck.a.framework, deck.a.overall, deck.lang
    if not o.level:
        return t("deck.summary", lang)
    names = " en " if lang == "nl" else " and "
    first = [fw.dimension(i.dimension).name(lang) for i in priorities if i.phase == PHASES[0]][:2]
    params = dict(level=o.level, name=fw.level(o.level).name(lang), current=number(o.current, lang),
                  target=number(o.target, lang))
    if first:
        return t("onepager.title", lang, names=names.join(first), **params)
    return t("onepager.title_no_priority", lang, **params)


def onepager_slide(deck, actions: ActionExport | None = None) -> None:
    """`actions` (omni.export.action_data): the organisation's plan; its open actions due first are shown."""
    a, lang, fw = deck.a, deck.lang, deck.a.framework
    o = a.overall
    priorities = top_priorities(deck)
    due_first = open_actions(actions.actions if actions is not None else ())
    today = actions.today if actions is not None else None
    notes = [t("onepager.notes", lang, actions=t("onepager.notes_actions", lang) if due_first else "")]
    notes.append(t("deck.summary_level", lang, level=f"{o.level} ({fw.level(o.level).name(lang)})" if o.level else "–",
                   current=number(o.current, lang), target=number(o.target, lang), gap=number(o.gap, lang),
                   n=a.respondent_count))
    if priorities:
        notes.append(t("deck.priorities", lang, names=", ".join(fw.dimension(i.dimension).name(lang)
                                                               for i in priorities)))
    slide = deck.slide(onepager_title(deck, priorities), "\n".join(notes), kicker=t("deck.summary", lang))

    left_width = Emu(int(deck.body_width * 0.40))
    gap = Inches(0.35)
    right_left = deck.margin + left_width + gap
    right_width = deck.body_width - left_width - gap
    tile_top, tile_height = deck.body_top + Inches(0.1), Inches(1.3)
    _level_tile(deck, slide, deck.margin, tile_top, left_width, tile_height)
    radar_top = tile_top + tile_height + Inches(0.15)
    _radar(deck, slide, deck.margin, radar_top, left_width, deck.body_top + deck.body_height - radar_top)

    sections = [(FINDINGS, t("onepager.findings", lang), [f"• {f.text}" for f in headline_findings(a, lang)])]
    lines = [f"{n}. " + t("onepager.priority", lang, dimension=fw.dimension(i.dimension).name(lang),
                          phase=t(f"roadmap.phase.{i.phase}", lang), current=number(i.current, lang, 1),
                          target=number(i.target, lang, 1))
             + (f": {i.advice[0](lang)}" if i.advice else "")
             for n, i in enumerate(priorities, start=1)]
    sections.append((PRIORITIES, t("onepager.priorities", lang), lines or [t("onepager.no_priorities", lang)]))
    if due_first:
        sections.append((ACTIONS, t("onepager.actions", lang), [
            "• " + t("onepager.action", lang, title=clean_text(x.fields.title, 120),
                     owner=clean_text(x.owner, 80) or t("onepager.no_owner", lang),
                     due=date(x.fields.due_date, lang) if x.fields.due_date else t("onepager.no_due", lang),
                     status=status_label(x.fields.status, lang))
            + (" · " + t("deckact.overdue_days", lang, n=(today - x.fields.due_date).days) if x.is_overdue(today) else "")
            for x in due_first]))
    # One font size for the whole column: the largest at which every section fits, one under the other.
    gap = Inches(0.15)
    room = deck.body_top + deck.body_height - tile_top - gap * (len(sections) - 1)
    for size in range(16, 9, -1):
        heights = [text_height([Paragraph(line, size, i == 0, 8) for i, line in enumerate([heading, *body])],
                               right_width) for _name, heading, body in sections]
        if sum(heights) <= room:
            break
    spare = (room - sum(heights)) // len(sections) if sum(heights) <= room else 0
    top = tile_top
    for (name, heading, body), height in zip(sections, heights):
        box = deck.text_box(slide, right_left, top, right_width, Emu(height + spare), [heading, *body], size=size,
                            bold_first=True)
        box.name = name
        for run in box.text_frame.paragraphs[0].runs:
            run.font.color.rgb = deck.accent
        top += height + spare + gap


def _level_tile(deck, slide, left, top, width, height) -> None:
    """The level as a large number with its name, and the index against the target below it."""
    a, lang, fw = deck.a, deck.lang, deck.a.framework
    o = a.overall
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, height)
    shape.name = TILE
    shape.fill.solid()
    shape.fill.fore_color.rgb = deck.accent
    shape.line.fill.background()
    frame = shape.text_frame
    frame.word_wrap, frame.vertical_anchor = True, MSO_ANCHOR.MIDDLE
    level = (t("onepager.level", lang, level=o.level) + f" · {fw.level(o.level).name(lang)}") if o.level else "–"
    index = t("onepager.index", lang, current=number(o.current, lang), target=number(o.target, lang),
              gap=number(o.gap, lang), n=a.respondent_count)
    sizes = (fitting_size([level], width, Emu(int(height * 0.55)), 28, minimum=16, bold=True),
             fitting_size([index], width, Emu(int(height * 0.4)), 15, minimum=10))
    for i, (text, size) in enumerate(zip((level, index), sizes)):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = clean_text(text, 200)
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size, run.font.bold = Pt(size), i == 0
            run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


def _radar(deck, slide, left, top, width, height) -> None:
    if deck.o.charts_as_images:  # the screen's own radar
        deck.picture(slide, chart_image(radar_chart(deck.a, deck.lang), "png", 2.0), left, top, width, height)
        return
    frame = slide.shapes.add_chart(XL_CHART_TYPE.RADAR_MARKERS, left, top, width, height,
                                   deck.dimension_chart_data())
    chart = frame.chart
    chart.font.size = Pt(10)
    chart.has_legend, chart.legend.position, chart.legend.include_in_layout = True, XL_LEGEND_POSITION.BOTTOM, False
    axis = chart.value_axis  # the scale is 1-5, as on the radar slide
    axis.minimum_scale, axis.maximum_scale, axis.major_unit = 1, 5, 1
    axis.has_major_gridlines = True
    axis.tick_labels.font.size = Pt(9)
    deck.colour_series(chart)
    square_plot(chart, width, height, 0.72)

