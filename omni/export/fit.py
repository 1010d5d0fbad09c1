"""Text that fits a slide: no word broken inside a table cell or a label box, no text frame overflowing.

Widths are measured with DejaVu Sans (see below), shared by the deck's tables and its other slide modules:
what LibreOffice renders the deck's theme font (omni.palette.FONT_NAME, Arial) with when it is absent, and
wider than Arial, so text that fits here fits wherever the deck is opened. The deck uses these to choose
font sizes, and tests/system/export/test_deck_layout.py to check that no text frame overflows.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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
    return text_width(word, size, bold) + _CELL_MARGINS


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
    return int(_em(text, bold) * size * EMU_PER_PT)


@functools.lru_cache(maxsize=20000)
def _em(text: str, bold: bool) -> float:
    """The width of `text` in em; words repeat across slides, so it is cached."""
    font = _font(bold)
    return font.getlength(text) / 100 if font else len(text) * (0.72 if bold else 0.64)


def line_count(text: str, width: int, size: float, bold: bool = False) -> int:
    """How many lines `text` takes in a box `width` EMU wide (inner width, margins already taken off),
    wrapped at spaces as PowerPoint and LibreOffice wrap it; explicit line breaks start a new line, and a
    word wider than the box is broken and fills the lines it needs."""
    scale = size * EMU_PER_PT
    space = _em(" ", bold) * scale
    lines = 0
    for paragraph in str(text).split("\n"):
        count, used = 0, None  # used: the width taken on the current line, None before its first word
        for word in paragraph.split():
            w = _em(word, bold) * scale
            if used is not None and used + space + w <= width:
                used += space + w
                continue
            if used is not None:
                count += 1
            if w > width:
                count += math.ceil(w / max(width, 1))
                used = None
            else:
                used = w
        lines += max(1, count + (1 if used is not None else 0))
    return max(lines, 1)


EMU_PER_PT = 12700
EMU_PER_INCH = 914400
SAFETY = 0.97  # of a line's width: kerning and hinting differ a little between renderers
LINE_HEIGHT = 1.2  # single line spacing as PowerPoint sets it, in em (DejaVu Sans needs 1.164)
# A text box's default insets (python-pptx and PowerPoint): 0.1 in left and right, 0.05 in top and bottom.
INSET_X, INSET_Y = EMU_PER_INCH // 10, EMU_PER_INCH // 20


@dataclass(frozen=True)
class Paragraph:
    text: str
    size: float  # points
    bold: bool = False
    space_after: float = 0.0  # points


def text_height(paragraphs: Iterable[Paragraph], width: int, *, inset_x: int = INSET_X,
                inset_y: int = INSET_Y) -> int:
    """The height in EMU the paragraphs take in a frame `width` EMU wide, insets included."""
    inner = int((width - 2 * inset_x) * SAFETY)
    total = 0.0
    items = list(paragraphs)
    for i, p in enumerate(items):
        total += line_count(p.text, inner, p.size, p.bold) * p.size * LINE_HEIGHT * EMU_PER_PT
        if i < len(items) - 1:
            total += p.space_after * EMU_PER_PT
    return int(total) + 2 * inset_y


def fitting_size(lines: Sequence[str], width: int, height: int, size: float, *, minimum: float = 10,
                 bold_first: bool = False, bold: bool = False, space_after: float = 8, step: float = 1) -> float:
    """The largest size from `size` down to `minimum` at which `lines` (one paragraph each) fit the
    frame; `minimum` if none does."""
    while size > minimum:
        paragraphs = [Paragraph(line, size, bold or (bold_first and i == 0), space_after)
                      for i, line in enumerate(lines)]
        if text_height(paragraphs, width) <= height:
            return size
        size -= step
    return minimum
