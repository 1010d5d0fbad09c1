"""The deck's fast table cells and speaker notes write exactly what python-pptx's own calls write
(omni.export.cells, omni.export.notes)."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Inches

from omni.export.cells import _fill_cell_slowly, cell_grid, fill_cell, set_column_widths
from omni.export.notes import NotesWriter

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


def test_the_cell_grid_holds_the_cells_python_pptx_finds():
    table = _table(4)
    grid = cell_grid(table)
    assert [len(row) for row in grid] == [4, 4]
    assert all(grid[r][c] == table.cell(r, c) for r in range(2) for c in range(4))


def _parts(prs) -> dict[str, bytes]:
    out = io.BytesIO()
    prs.save(out)
    with zipfile.ZipFile(out) as z:
        return {name: z.read(name) for name in z.namelist()}


@pytest.mark.parametrize("existing_notes", [0, 2])
def test_notes_written_as_python_pptx_writes_them(existing_notes):
    """Every part (notes slides, their relationships, content types) equals python-pptx's, also when
    the presentation has notes slides already (a corporate template's example slides)."""
    texts = ["Eerste", "", "Tweede & <meer>", "regel\nregel", "Derde"]
    decks = []
    for fast in (True, False):
        prs = Presentation()
        for i in range(existing_notes):
            prs.slides.add_slide(prs.slide_layouts[1]).notes_slide.notes_text_frame.text = f"al {i}"
        writer = NotesWriter()
        for text in texts:
            slide = prs.slides.add_slide(prs.slide_layouts[5])
            if fast:
                writer.write(slide, text)
            else:
                slide.notes_slide.notes_text_frame.text = text
        decks.append(_parts(prs))
    fast, slow = decks
    assert fast == slow
    notes = [name for name in fast if name.startswith("ppt/notesSlides/notesSlide") and name.endswith(".xml")]
    assert len(notes) == existing_notes + len(texts)
    prs = Presentation(io.BytesIO(_zip(fast)))
    assert [s.notes_slide.notes_text_frame.text for s in prs.slides][existing_notes:] == texts


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()
