"""The deck's action plan slides: a timeline of due dates by dimension with owners and status, and, once a
later wave is saved, "what our actions did" (projected versus realised per action and the board's findings).

Native shapes and tables only (editable in PowerPoint), sized with the deck's DejaVu metrics
(omni.export.fit) so that no word breaks in a cell and no text runs off the slide. Status is shown by
colour and by its name; an overdue action has a red ring on the timeline and its days overdue in the table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from babel.dates import format_date
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from omni.actions import STATUSES
from omni.export.action_data import (
    OVERDUE_COLOUR,
    OVERDUE_FILL,
    STATUS_COLOURS,
    VERDICT_COLOURS,
    ActionExport,
    ActionRow,
    action_rows,
    change_text,
    cut,
    plan_message,
    review_findings,
    review_message,
    reviewed,
    verdict_label,
)
from omni.export.cells import cell_grid
from omni.export.fit import fit_columns, line_count, table_font_size, text_width
from omni.export.text import clean_text
from omni.format import locale_of
from omni.i18n import t

LANE_FILLS = ("F2F4F7", "FFFFFF")
GRID_COLOUR = "C8CDD3"
TEXT_COLOUR = "262626"
WHITE = "FFFFFF"
MARKER = Inches(0.32)
CELL_PAD = Inches(0.2)  # a cell's left and right margins together
ROW_PAD = Inches(0.1)  # a cell's top and bottom margins together
MIN_ROW = Inches(0.34)


class Deck(Protocol):
    """What these slides use of omni.export.deck's deck under construction."""

    lang: str
    margin: Emu
    width: Emu
    height: Emu
    accent: RGBColor
    body_top: Emu
    body_width: Emu
    a: object  # the Assessment: its framework names the dimensions

    def slide(self, title: str, notes: str, *args, kicker: str = ""): ...


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour)


def _line_height(size: float) -> Emu:
    return Emu(int(size * 1.2 * 12700))


def _label(slide, left, top, width, height, text: str, size: float, *, colour: str = TEXT_COLOUR,
           bold: bool = False, align=PP_ALIGN.LEFT, wrap: bool = True, anchor=MSO_ANCHOR.TOP):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap, frame.vertical_anchor = wrap, anchor
    frame.margin_left = frame.margin_right = Inches(0.05)
    frame.margin_top = frame.margin_bottom = Inches(0.02)
    lines = clean_text(text, 2000).split("\n")
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text, paragraph.alignment = line, align
        for run in paragraph.runs:
            run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, _rgb(colour)
    return box


# --- tables ---------------------------------------------------------------------------------------

class Cell(tuple):
    """A table cell's text with an optional fill and text colour (a status shown by colour and name)."""

    def __new__(cls, text: str, fill: str | None = None, colour: str | None = None, bold: bool = False):
        return super().__new__(cls, (text, fill, colour, bold))


def _layout_table(header: Sequence[str], rows: Sequence[Sequence[Cell]], width: int, weights: Sequence[float],
                  size: float) -> tuple[float, list[int], list[int]]:
    """The font size, column widths and row heights (header first) a table needs at `width`."""
    body = [[c[0] for c in row] for row in rows]
    size = table_font_size(header, body, width, size)
    widths = fit_columns(header, weights, width, size, body)

    def height(texts: Sequence[str], bold: bool) -> int:
        lines = max(line_count(text, w - CELL_PAD, size, bold) for text, w in zip(texts, widths))
        return max(int(MIN_ROW), lines * _line_height(size) + ROW_PAD)

    return size, widths, [height(header, True), *(height(texts, False) for texts in body)]


def _pages(heights: Sequence[int], first_room: int, room: int) -> list[tuple[int, int]]:
    """Row ranges [start, end) of the body (heights[0] is the header) that fit `first_room`, then `room`."""
    pages, start, used, limit = [], 0, heights[0], first_room
    if len(heights) > 1 and heights[0] + heights[1] > first_room:  # not even one row: start on the next slide
        pages.append((0, 0))
        limit = room
    for i, h in enumerate(heights[1:]):
        if used + h > limit and i > start:
            pages.append((start, i))
            start, used, limit = i, heights[0], room
        used += h
    pages.append((start, len(heights) - 1))
    return pages


def _page_layout(layout: tuple[float, list[int], list[int]], first: int, last: int):
    size, widths, heights = layout
    return size, widths, [heights[0], *heights[1 + first:1 + last]]


def _table(deck: Deck, slide, header: Sequence[str], rows: Sequence[Sequence[Cell]], left, top, width,
           layout: tuple[float, list[int], list[int]]) -> int:
    """A table with the deck's header style and coloured cells where asked, laid out by `_layout_table`
    (`layout`'s row heights: the header's, then these rows'); returns its height."""
    size, widths, heights = layout
    shape = slide.shapes.add_table(len(rows) + 1, len(header), left, top, width, Emu(sum(heights)))
    table = shape.table
    for i, w in enumerate(widths):
        table.columns[i].width = Emu(w)
    for r, h in enumerate(heights):
        table.rows[r].height = Emu(h)
    grid = cell_grid(table)
    for r, cells in enumerate([[Cell(h, None, WHITE, True) for h in header], *rows]):
        for c, (text, fill, colour, bold) in enumerate(cells):
            cell = grid[r][c]
            cell.text = clean_text(text, 500)
            cell.margin_left = cell.margin_right = Emu(int(CELL_PAD / 2))
            cell.margin_top = cell.margin_bottom = Emu(int(ROW_PAD / 2))
            if r == 0:
                cell.fill.solid()
                cell.fill.fore_color.rgb = deck.accent
            elif fill:
                cell.fill.solid()
                cell.fill.fore_color.rgb = _rgb(fill)
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size, run.font.bold = Pt(size), bold or r == 0
                    if colour:
                        run.font.color.rgb = _rgb(colour)
    return sum(heights)


# --- the action plan slide ------------------------------------------------------------------------

def _month(day: dt.date, months: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _ticks(start: dt.date, end: dt.date, width: int, lang: str, size: float) -> tuple[list[dt.date], str]:
    """Month starts between `start` and `end`, every 1, 2, 3, 6 or 12 months so their labels do not touch."""
    pattern = "MMM yyyy"
    months = (end.year - start.year) * 12 + end.month - start.month
    label = max(text_width(format_date(_month(start, i), pattern, locale=locale_of(lang)), size)
                for i in range(min(months, 12) + 1)) + Inches(0.15)
    for step in (1, 2, 3, 6, 12):
        if (months // step + 1) * label <= width:
            break
    first = start if step == 1 else _month(start, (-(start.month - 1)) % step)
    ticks, day = [], first
    while day <= end:
        if day >= start:
            ticks.append(day)
        day = _month(day, step)
    return ticks, pattern


def _pack(rows: Sequence[ActionRow], x_of, diameter: int) -> dict[int, int]:
    """A sub-row per action in a lane, so that markers at nearby dates stand side by side, not on top."""
    ends: list[int] = []
    placed = {}
    for row in rows:
        x = x_of(row.fields.due_date)
        for i, end in enumerate(ends):
            if x - diameter / 2 >= end + Inches(0.04):
                ends[i], placed[row.number] = x + diameter / 2, i
                break
        else:
            ends.append(x + diameter / 2)
            placed[row.number] = len(ends) - 1
    return placed


def _timeline(deck: Deck, slide, rows: Sequence[ActionRow], today: dt.date, top: int, max_height: int) -> int:
    """Due dates by dimension: one lane per dimension, a numbered marker per action in its status colour
    (a red ring when overdue), month ticks and a line for today. Returns the height used."""
    lang = deck.lang
    dated = [r for r in rows if r.fields.due_date is not None]
    if not dated:
        return 0
    left, width = deck.margin, deck.body_width
    names = list(dict.fromkeys(r.dimension for r in sorted(dated, key=lambda r: r.lane)))  # framework order
    label_size = 11
    label_w = min(Inches(2.4), max(text_width(n, label_size, True) for n in names) + Inches(0.2))
    plot_left, plot_right = left + label_w + Inches(0.2), left + width - Inches(0.25)
    start = _month(min([today, *(r.fields.due_date for r in dated)]))
    end = _month(max([today, *(r.fields.due_date for r in dated)]), 1)
    if (end.year - start.year) * 12 + end.month - start.month < 3:
        end = _month(start, 3)
    span = (end - start).days

    def x_of(day: dt.date) -> int:
        return int(plot_left + (plot_right - plot_left) * (day - start).days / span)

    packed = {name: _pack([r for r in dated if r.dimension == name], x_of, MARKER) for name in names}
    sub_rows = {name: max(p.values()) + 1 for name, p in packed.items()}
    today_h, axis_h = Inches(0.28), Inches(0.32)
    lane_lines = {n: line_count(n, label_w - Inches(0.1), label_size, True) for n in names}
    room = max_height - today_h - axis_h
    row_h = min(Inches(0.44), int(room / sum(sub_rows.values())))
    lane_h = {n: max(sub_rows[n] * row_h, lane_lines[n] * _line_height(label_size) + Inches(0.08)) for n in names}
    scale = min(1.0, room / sum(lane_h.values()))
    lane_h = {n: int(h * scale) for n, h in lane_h.items()}
    diameter = min(MARKER, int(row_h * scale * 0.85))
    y = top + today_h
    plot_top = y
    for i, name in enumerate(names):
        band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, y, width, lane_h[name])
        band.name = "Lane"
        band.fill.solid()
        band.fill.fore_color.rgb = _rgb(LANE_FILLS[i % 2])
        band.line.fill.background()
        _label(slide, left, y, label_w, lane_h[name], name, label_size, bold=True, anchor=MSO_ANCHOR.MIDDLE)
        y += lane_h[name]
    plot_bottom = y
    ticks, pattern = _ticks(start, end, plot_right - plot_left, lang, 10)
    for day in ticks:
        x = x_of(day)
        grid = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, x, plot_top, x, plot_bottom)
        grid.line.color.rgb, grid.line.width = _rgb(GRID_COLOUR), Pt(0.75)
        text = format_date(day, pattern, locale=locale_of(lang))
        w = text_width(text, 10) + Inches(0.15)
        _label(slide, x - w // 2, plot_bottom + Inches(0.03), w, axis_h - Inches(0.03), text, 10, wrap=False,
               align=PP_ALIGN.CENTER)
    x = x_of(today)
    now = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, x, top + Inches(0.22), x, plot_bottom)
    now.name = "Today"
    now.line.color.rgb, now.line.width = _rgb(OVERDUE_COLOUR), Pt(1.5)
    now.line.dash_style = 4  # MSO_LINE.DASH
    word = t("deckact.today", lang)
    w = text_width(word, 10, True) + Inches(0.15)
    _label(slide, min(x - w // 2, left + width - w), top, w, Inches(0.24), word, 10, colour=OVERDUE_COLOUR,
           bold=True, wrap=False, align=PP_ALIGN.CENTER)
    y = plot_top
    for name in names:
        rows_in_lane = max(packed[name].values()) + 1
        pitch = lane_h[name] / rows_in_lane
        for row in (r for r in dated if r.dimension == name):
            centre_y = int(y + pitch * (packed[name][row.number] + 0.5))
            _marker(slide, row, x_of(row.fields.due_date), centre_y, diameter)
        y += lane_h[name]
    return plot_bottom + axis_h - top


def _marker(slide, row: ActionRow, x: int, y: int, diameter: int) -> None:
    shape = slide.shapes.add_shape(MSO_SHAPE.OVAL, x - diameter // 2, y - diameter // 2, diameter, diameter)
    shape.name = f"Action {row.number}"
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(STATUS_COLOURS.get(row.fields.status, "666666"))
    if row.overdue_days:
        shape.line.color.rgb, shape.line.width = _rgb(OVERDUE_COLOUR), Pt(2.5)
    else:
        shape.line.color.rgb, shape.line.width = _rgb(WHITE), Pt(0.75)
    frame = shape.text_frame
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.word_wrap, frame.vertical_anchor = False, MSO_ANCHOR.MIDDLE
    frame.text = str(row.number)
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.CENTER
    size = 9 if row.number < 100 else 7
    for run in paragraph.runs:
        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), True, _rgb(WHITE)


def _legend(deck: Deck, slide, top: int, undated: int) -> int:
    """Status colours with their names, the overdue ring, and how many actions have no due date."""
    lang, x, size = deck.lang, deck.margin, 11
    swatch = Inches(0.2)
    entries = [(STATUS_COLOURS[s], WHITE, t(f"actions.status.{s}", lang)) for s in STATUSES]
    entries.append((WHITE, OVERDUE_COLOUR, t("deckact.legend_overdue", lang)))
    for fill, ring, text in entries:
        mark = slide.shapes.add_shape(MSO_SHAPE.OVAL, x, top + Inches(0.05), swatch, swatch)
        mark.name = "Legend"
        mark.fill.solid()
        mark.fill.fore_color.rgb = _rgb(fill)
        mark.line.color.rgb = _rgb(ring if ring != WHITE else fill)
        mark.line.width = Pt(2.5 if ring != WHITE else 0.75)
        w = text_width(text, size) + Inches(0.15)
        _label(slide, x + swatch + Inches(0.05), top, w, Inches(0.3), text, size, wrap=False)
        x += swatch + w + Inches(0.3)
    if undated:
        text = t("deckact.undated", lang, n=undated)
        _label(slide, x, top, deck.margin + deck.body_width - x, Inches(0.3), text, size, wrap=False)
    return Inches(0.34)


def _plan_table_rows(rows: Sequence[ActionRow], lang: str) -> list[list[Cell]]:
    out = []
    for r in rows:
        f = r.fields
        due = f.due_date.isoformat() if f.due_date else "–"
        due_cell = (Cell(f"{due}\n{t('deckact.overdue_days', lang, n=r.overdue_days)}", OVERDUE_FILL,
                         OVERDUE_COLOUR, True) if r.overdue_days else Cell(due))
        out.append([Cell(str(r.number)), Cell(cut(f.title)), Cell(r.dimension),
                    Cell(cut(r.action.owner, 60) or "–"), due_cell,
                    Cell(r.status(lang), STATUS_COLOURS.get(f.status), WHITE, True)])
    return out


def _plan_notes(found: ActionExport, rows: Sequence[ActionRow], lang: str) -> str:
    lines = [t("deckact.notes_plan", lang, organisation=found.organisation, n=len(rows),
               today=found.today.isoformat())]
    for r in rows:
        f = r.fields
        late = f" · {t('deckact.overdue_days', lang, n=r.overdue_days)}" if r.overdue_days else ""
        dates = f"{f.start_date.isoformat() if f.start_date else '…'} → {f.due_date.isoformat() if f.due_date else '…'}"
        lines.append(f"{r.number}. {f.title} — {r.dimension} — {r.action.owner or '–'} — {dates} — "
                     f"{r.status(lang)}{late}")
    return "\n".join(lines)


def action_plan_slides(deck: Deck, found: ActionExport) -> None:
    """The timeline of due dates by dimension with a numbered marker per action, the legend, and the
    actions in a table (number, title, dimension, owner, due, status); more rows on further slides."""
    lang, framework = deck.lang, deck.a.framework
    rows = action_rows(found, framework, lang)
    kicker = t("deckact.plan_kicker", lang)
    slide = deck.slide(plan_message(found, framework, lang), _plan_notes(found, rows, lang), kicker=kicker)
    bottom = deck.height - Inches(0.4)
    top = deck.body_top
    top += _timeline(deck, slide, rows, found.today, top, Inches(2.9))
    top += _legend(deck, slide, top + Inches(0.08), sum(r.fields.due_date is None for r in rows)) + Inches(0.15)
    header = ["#", t("actions.col.title", lang), t("actions.col.dimension", lang), t("actions.col.owner_name", lang),
              t("actions.col.due_date", lang), t("actions.col.status", lang)]
    weights, size = [0.35, 4.2, 2.0, 2.2, 1.5, 1.3], 11
    body = _plan_table_rows(rows, lang)
    layout = _layout_table(header, body, int(deck.body_width), weights, size)
    pages = _pages(layout[2], bottom - top, bottom - deck.body_top)
    for page, (first, last) in enumerate(pages, start=1):
        if page > 1:
            slide = deck.slide(t("deckact.title_more", lang, part=f"{page}/{len(pages)}", first=first + 1,
                                 last=last), _plan_notes(found, rows[first:last], lang), kicker=kicker)
            top = deck.body_top
        if last > first:
            _table(deck, slide, header, body[first:last], deck.margin, top, deck.body_width,
                   _page_layout(layout, first, last))


# --- what our actions did -------------------------------------------------------------------------

def _review_rows(found: ActionExport, lang: str, framework) -> list[list[Cell]]:
    names = {d.id: d.name(lang) for d in framework.dimensions}
    out = []
    for r in reviewed(found):
        f = r.action.fields
        questions = ", ".join(f"{q.subject} {change_text(q.before, q.after, lang)}" for q in r.questions[:3])
        questions += " …" if len(r.questions) > 3 else ""
        out.append([Cell(cut(f.title, 70)), Cell(names.get(f.dimension, f.dimension)),
                    Cell(t(f"actions.status.{f.status}", lang)), Cell(f"{r.action.wave} → {r.after_wave}"),
                    Cell(change_text(r.dimension.before, r.dimension.after, lang)), Cell(questions or "–"),
                    Cell(f"{f.target_level or '–'} / {r.level_after or '–'}"),
                    Cell(verdict_label(r, lang), VERDICT_COLOURS[r.verdict], WHITE, True)])
    return out


def action_review_slides(deck: Deck, found: ActionExport) -> None:
    """Projected (the level aimed for) versus realised (the dimension's and questions' scores before and after,
    the level reached) per action, with the board's findings above the table."""
    lang, framework = deck.lang, deck.a.framework
    review = found.review
    findings = review_findings(found, lang)
    notes = [t("deckact.notes_review", lang, before=review.before_wave, after=review.after_wave)]
    notes += review_findings(found, lang, limit=5000)
    notes += [f"{r.action.fields.title}: {verdict_label(r, lang)}" for r in reviewed(found)]
    kicker = t("deckact.review_kicker", lang)
    slide = deck.slide(review_message(found, lang), "\n".join(notes), kicker=kicker)
    top, bottom, size = deck.body_top, deck.height - Inches(0.4), 12
    if findings:
        lines = [f"• {line}" for line in findings]
        inner = deck.body_width - Inches(0.1)
        height = sum(line_count(line, inner, size) for line in lines) * _line_height(size) \
            + Inches(0.08) * len(lines) + Inches(0.1)
        box = _label(slide, deck.margin, top, deck.body_width, height, "\n".join(lines), size)
        box.name = "Findings"
        for paragraph in box.text_frame.paragraphs:
            paragraph.space_after = Pt(4)
        top += height + Inches(0.15)
    header = [t("actions.col.title", lang), t("actions.col.dimension", lang), t("actions.col.status", lang),
              t("actions.review_col.waves", lang), t("actions.review_col.dimension_change", lang),
              t("actions.review_col.questions_change", lang), t("actions.review_col.level", lang),
              t("actions.review_col.verdict", lang)]
    weights, table_size = [3.2, 1.8, 1.1, 1.3, 1.5, 2.4, 1.2, 1.7], 11
    body = _review_rows(found, lang, framework)
    layout = _layout_table(header, body, int(deck.body_width), weights, table_size)
    pages = _pages(layout[2], bottom - top, bottom - deck.body_top)
    for page, (first, last) in enumerate(pages, start=1):
        if page > 1:
            slide = deck.slide(t("deckact.title_review_more", lang, part=f"{page}/{len(pages)}"),
                               "\n".join(notes), kicker=kicker)
            top = deck.body_top
        if last > first:
            _table(deck, slide, header, body[first:last], deck.margin, top, deck.body_width,
                   _page_layout(layout, first, last))


def action_slides(deck: Deck, found: ActionExport) -> None:
    """The action plan, and what the actions did once a later wave is saved (omni.export.deck's hook)."""
    action_plan_slides(deck, found)
    if reviewed(found):
        action_review_slides(deck, found)

