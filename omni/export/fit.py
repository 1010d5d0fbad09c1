"""Text that fits a slide: no word broken inside a table cell or a label box.

Widths are measured with DejaVu Sans (see below), shared by the deck's tables and its other slide modules.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from pptx.util import Inches

# No word may break inside a table cell ("Gewen st"): a column is at least as wide as its longest word
# (headers in bold) at the table's font size. Widths are measured with DejaVu Sans, the font LibreOffice
# renders the deck's theme font with when Calibri is absent and the widest of the usual sans-serif
# fonts, so the check holds wherever the deck is opened; without its file, an average advance is used.
_FONT_FILES = {True: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
               False: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"}
_CELL_MARGINS = Inches(0.3)  # 0.1 in each side, and room for borders and rounding


@functools.cache
def _font(bold: bool):
    try:
        from PIL import ImageFont

        return ImageFont.truetype(_FONT_FILES[bold], 100)
    except OSError:
        return None


def word_width(word: str, size: float, bold: bool = True) -> int:
    """The width in EMU a cell needs to hold `word` at `size` points, margins included."""
    font = _font(bold)
    em = font.getlength(word) / 100 if font else len(word) * (0.72 if bold else 0.64)
    return int(em * size * 12700) + _CELL_MARGINS


def fit_columns(header: Sequence[str], weights: Sequence[float], total: int, size: float,
                body: Sequence[Sequence[str]] = ()) -> list[int]:
    """Column widths in proportion to `weights`, each widened to hold its longest word (the header's
    in bold, the body's in regular), the widening taken from the columns that have room."""
    total_weight = sum(weights)
    widths = [int(total * w / total_weight) for w in weights]
    needed = _needed(header, body, size)
    for _ in range(len(widths)):
        short = [i for i, (w, n) in enumerate(zip(widths, needed)) if w < n]
        if not short:
            break
        missing = sum(needed[i] - widths[i] for i in short)
        spare = {i: widths[i] - needed[i] for i in range(len(widths)) if widths[i] > needed[i]}
        room = sum(spare.values())
        if room <= 0:
            break
        take = min(missing, room)
        for i in short:
            widths[i] += int((needed[i] - widths[i]) * take / missing)
        for i, extra in spare.items():
            widths[i] -= int(extra * take / room)
    return widths


def _needed(header: Sequence[str], body: Sequence[Sequence[str]], size: float) -> list[int]:
    needed = [max((word_width(w, size) for w in str(h).split()), default=0) for h in header]
    for row in body:
        for i, text in enumerate(row[:len(needed)]):
            needed[i] = max([needed[i], *(word_width(w, size, bold=False) for w in str(text).split())])
    return needed


def table_font_size(header: Sequence[str], body: Sequence[Sequence[str]], total: int, size: float) -> float:
    """The largest size up to `size` (at least 8 pt) at which the longest word of every column fits
    in the table's width together."""
    while size > 8 and sum(_needed(header, body, size)) > total:
        size -= 0.5
    return size


def text_width(text: str, size: float, bold: bool = False) -> int:
    """The width in EMU of `text` on one line at `size` points, without margins."""
    font = _font(bold)
    em = font.getlength(text) / 100 if font else len(text) * (0.72 if bold else 0.64)
    return int(em * size * 12700)


def line_count(text: str, width: int, size: float, bold: bool = False) -> int:
    """How many lines `text` takes in a box `width` EMU wide (inner width, margins already taken off),
    wrapped at spaces as PowerPoint and LibreOffice wrap it; explicit line breaks start a new line."""
    lines = 0
    space = text_width(" ", size, bold)
    for paragraph in str(text).split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split():
            w = text_width(word, size, bold)
            if used and used + space + w > width:
                lines += 1
                used = w
            else:
                used += (space if used else 0) + w
    return max(lines, 1)
