"""Table cells of the deck written straight into the slide XML: the same XML python-pptx writes, at a
fraction of its cost.

A deck has some 300 table cells; python-pptx's `cell.text = ...` and `run.font.size = ...` walk its
element classes for every cell (~0.3 ms each), about a third of the deck's build time. For a fresh
cell (as `add_table` makes it) and text without control characters (which python-pptx splits into
paragraphs and line breaks or escapes), the paragraph, run and fill are written here directly;
anything else takes python-pptx's own path. tests/unit/export/test_export_cells.py checks both give the same XML.
"""

from __future__ import annotations

import re

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.table import _Cell
from pptx.util import Emu, Pt

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_SPECIAL = re.compile(r"[\x00-\x1f]")  # python-pptx splits at \n and \v and escapes the others


def cell_grid(table) -> list[list[_Cell]]:
    """`table.cell(r, c)` for every row and column, found in one pass over the table's XML
    (python-pptx runs two XPath queries over the rows and cells for each cell it is asked for)."""
    tbl = table._tbl  # noqa: SLF001 - the table's XML element
    return [[_Cell(tc, table) for tc in tr.iterchildren(f"{_A}tc")] for tr in tbl.iterchildren(f"{_A}tr")]


def fill_cell(cell, text: str, size: float, *, bold: bool = False, colour: str | None = None,
              right: bool = False, fill: str | None = None) -> None:
    """`text` in `cell` at `size` points (bold, in hex `colour`, right-aligned when asked), the cell
    filled with hex `fill`: as `cell.text = text` and then each run's font set through python-pptx."""
    tc = cell._tc  # noqa: SLF001 - the cell's XML element
    body = tc.find(f"{_A}txBody")
    props = tc.find(f"{_A}tcPr")
    fresh = (body is not None and props is not None and len(props) == 0
             and [child.tag for child in body] == [f"{_A}bodyPr", f"{_A}lstStyle", f"{_A}p"] and len(body[2]) == 0)
    if not fresh or _SPECIAL.search(text):
        _fill_cell_slowly(cell, text, size, bold=bold, colour=colour, right=right, fill=fill)
        return
    if fill:
        solid = etree.SubElement(props, f"{_A}solidFill")
        etree.SubElement(solid, f"{_A}srgbClr", val=fill.upper())
    paragraph = body[2]
    if right:
        etree.SubElement(paragraph, f"{_A}pPr", algn="r")
    if text:
        run = etree.SubElement(paragraph, f"{_A}r")
        run_props = etree.SubElement(run, f"{_A}rPr", sz=str(Pt(size).centipoints))
        if bold:
            run_props.set("b", "1")
        if colour:
            solid = etree.SubElement(run_props, f"{_A}solidFill")
            etree.SubElement(solid, f"{_A}srgbClr", val=colour.upper())
        etree.SubElement(run, f"{_A}t").text = text


def _fill_cell_slowly(cell, text: str, size: float, *, bold: bool, colour: str | None, right: bool,
                      fill: str | None) -> None:
    cell.text = text
    if fill:
        cell.fill.solid()
        cell.fill.fore_color.rgb = RGBColor.from_string(fill.upper())
    for paragraph in cell.text_frame.paragraphs:
        if right:
            paragraph.alignment = PP_ALIGN.RIGHT
        for run in paragraph.runs:
            run.font.size = Pt(size)
            if bold:
                run.font.bold = True
            if colour:
                run.font.color.rgb = RGBColor.from_string(colour.upper())


def set_column_widths(table, widths) -> None:
    """The columns' widths in EMU and the frame's width their sum, set once (python-pptx sums every
    column again after each one)."""
    for column, width in zip(table.columns, widths):
        column._gridCol.w = Emu(width)  # noqa: SLF001
    table.notify_width_changed()
