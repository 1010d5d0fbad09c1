"""How much room text takes on a slide, measured with real font metrics.

Widths are measured with DejaVu Sans, the font LibreOffice renders the deck with when the theme's
font (omni.palette.FONT_NAME, Arial) is absent and the widest of the family, so text that fits here
fits wherever the deck is opened; without its file an average advance is used. The deck uses these to
choose font sizes, and tests/test_deck_layout.py to check that no text frame overflows.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

EMU_PER_PT = 12700
EMU_PER_INCH = 914400
SAFETY = 0.97  # of a line's width: kerning and hinting differ a little between renderers
LINE_HEIGHT = 1.2  # single line spacing as PowerPoint sets it, in em (DejaVu Sans needs 1.164)
_FONT_FILES = {True: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
               False: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"}
# A text box's default insets (python-pptx and PowerPoint): 0.1 in left and right, 0.05 in top and bottom.
INSET_X, INSET_Y = EMU_PER_INCH // 10, EMU_PER_INCH // 20


@functools.cache
def _font(bold: bool):
    try:
        from PIL import ImageFont

        return ImageFont.truetype(_FONT_FILES[bold], 100)
    except OSError:
        return None


def text_width(text: str, size: float, bold: bool = False) -> int:
    """The width in EMU of `text` on one line at `size` points."""
    return int(_em(text, bold) * size * EMU_PER_PT)


@functools.lru_cache(maxsize=20000)
def _em(text: str, bold: bool) -> float:
    """The width of `text` in em (at 1 pt per em); words repeat across slides, so it is cached."""
    font = _font(bold)
    return font.getlength(text) / 100 if font else len(text) * (0.72 if bold else 0.64)


def line_count(text: str, width: int, size: float, bold: bool = False) -> int:
    """Lines `text` takes when wrapped at word boundaries into `width` EMU (a word wider than the width
    is broken, and counts the lines it takes); an empty paragraph takes one line."""
    scale = size * EMU_PER_PT
    space = _em(" ", bold) * scale
    lines, used = 0, None  # used: the width taken on the current line, None before its first word
    for word in text.split():
        w = _em(word, bold) * scale
        if used is not None and used + space + w <= width:
            used += space + w
            continue
        if used is not None:
            lines += 1
        if w > width:  # broken inside the word: it fills lines of its own
            lines += math.ceil(w / max(width, 1))
            used = None
        else:
            used = w
    return max(1, lines + (1 if used is not None else 0))


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
        lines = sum(line_count(part, inner, p.size, p.bold) for part in p.text.split("\n"))
        total += lines * p.size * LINE_HEIGHT * EMU_PER_PT
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
