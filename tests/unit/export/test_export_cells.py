"""The deck's fast table cells write exactly the XML python-pptx's own calls write (omni.export.cells)."""

from __future__ import annotations

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Inches

from omni.export.cells import _fill_cell_slowly, fill_cell, set_column_widths

TEXTS = ["Gewenst", "", "3,5", "=SUM(A1)", "Ä & <b>", "two\nlines", "tab\there", "bell\x07", "soft\vbreak"]


def _table(columns: int):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    return slide.shapes.add_table(2, columns, Inches(0.5), Inches(1), Inches(8), Inches(1)).table


@pytest.mark.parametrize("kwargs", [{}, {"right": True}, {"bold": True, "colour": "ffffff", "fill": "1f4e79"}])
def test_fast_cells_write_what_python_pptx_writes(kwargs):
    fast, slow = _table(len(TEXTS)), _table(len(TEXTS))
    for c, text in enumerate(TEXTS):
        fill_cell(fast.cell(1, c), text, 10.5, **kwargs)
        _fill_cell_slowly(slow.cell(1, c), text, 10.5, **{"bold": False, "colour": None, "right": False,
                                                           "fill": None, **kwargs})
    assert etree.tostring(fast._tbl) == etree.tostring(slow._tbl)  # noqa: SLF001


def test_a_cell_written_twice_takes_the_slow_path_and_keeps_the_last_text():
    table = _table(1)
    fill_cell(table.cell(0, 0), "first", 12)
    fill_cell(table.cell(0, 0), "second", 12, right=True)
    assert table.cell(0, 0).text == "second"
    assert table.cell(0, 0).text_frame.paragraphs[0].runs[0].font.size.pt == 12


def test_column_widths_set_once_give_the_frame_their_sum():
    fast, slow = _table(3), _table(3)
    widths = [Inches(1), Inches(2.5), Inches(3)]
    set_column_widths(fast, widths)
    for column, width in zip(slow.columns, widths):
        column.width = width
    assert etree.tostring(fast._graphic_frame._element) == etree.tostring(slow._graphic_frame._element)  # noqa: SLF001
