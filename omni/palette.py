"""The one palette and typeface family of the screen and every export.

The charts (omni.charts), the deck, the Excel and PDF reports and the Streamlit theme
(.streamlit/config.toml, checked by tests/system/test_palette.py) take their colours from here, so what the
board sees in a deck is what the dashboard showed. A corporate template given to the deck still wins
for its own fonts and colours; only the accent colour chosen on the Export page replaces ACCENT there.

Colours are hex strings with '#'; `bare()` gives the form python-pptx and openpyxl take. Data colours
are the Okabe-Ito set (distinguishable for colour-blind readers). Every colour used for TEXT meets
WCAG 2.1 AA (4.5:1) on white, and white text meets it on ACCENT (tests/system/test_palette.py); the names
are stable because the screen's accessibility checks and styles refer to them.
"""

from __future__ import annotations

# --- data: the same meaning in every chart and table ---------------------------------------------
CURRENT_COLOUR = "#0072B2"  # blue: how the team sees the organisation now
TARGET_COLOUR = "#E69F00"  # orange: where the team wants to be
PEER_COLOUR = "#009E73"  # green: the peer group
MEDIAN_COLOUR = "#00694D"  # the peer median tick (darker green)
BAND_COLOUR = "#A6D9C9"  # PEER_COLOUR at 35% on white: the middle half of the peers
NA_COLOUR = "#BBBBBB"  # not applicable
DK_COLOUR = "#E3C26F"  # don't know: apart from n/a, a finding of its own
DOWN_COLOUR = "#D55E00"  # a score that went down
LIKERT = ("#D7E3EF", "#A6C4DF", "#6A9FCB", "#2F74B0", "#0B4A80")  # answer levels 1..5, light to dark
TREND_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999", "#F0E442")

# --- brand and text -------------------------------------------------------------------------------
ACCENT = "#1F4E79"  # titles, table headers, the app's primary colour (white text on it: 9.0:1)
# body text (19:1 on white); Streamlit draws captions in it at 60 % opacity, which this dark keeps
# at 4.8:1 or more on the app's backgrounds (#1B1F24 gave 4.3:1 on the sidebar)
TEXT_COLOUR = "#0E1117"
MUTED_TEXT = "#595959"  # kickers, captions, notes (7.0:1 on white)
AXIS_TEXT = "#4B5563"  # small chart labels such as the radar's scale (7.6:1 on white)
GRID_COLOUR = "#D0D5DB"  # gridlines and rules (not text)
LIGHT_FILL = "#F2F5F9"  # panels, the app's secondary background, alternate rows
# the level ladder's five bands, level 1 lightest (dark text on the darkest: 10.7:1)
LADDER_BANDS = ("#F3F6FA", "#E6EDF5", "#D9E4F0", "#CCDBEA", "#BFD2E5")
# CURRENT_COLOUR and TARGET_COLOUR darkened for text on white and on every ladder band (4.7:1 or more)
CURRENT_TEXT = "#005A8C"
TARGET_TEXT = "#6E4800"
BACKGROUND = "#FFFFFF"

# --- statuses (actions), verdicts (what the actions did), overdue ------------------------------------
# Dark enough for white text on them (WCAG AA), told apart by hue and always named next to them.
STATUS_COLOURS = {"planned": "#0063A3", "in_progress": "#9C4F00", "done": "#00704A", "dropped": "#666666"}
VERDICT_COLOURS = {"reached": "#00704A", "reached_unmoved": "#4D5B2A", "moved": "#0063A3", "not_moved": "#9C4F00",
                   "waiting": "#666666"}
OVERDUE_COLOUR = "#C00000"  # overdue marks and text on white
OVERDUE_FILL, OVERDUE_TEXT = "#FDE7E7", "#A00000"  # an overdue cell: dark red on light red (7:1)
WARNING_FILL, WARNING_TEXT = "#FFF4CE", "#7A4B00"  # a label such as "synthetic demo peers"

# --- typeface -------------------------------------------------------------------------------------
# One sans-serif family: Arial where it exists (Windows, macOS, Office), its metric twin Liberation
# Sans on Linux, Helvetica; DejaVu Sans last (the widest of them, and what the layout checks measure).
FONT_NAME = "Arial"  # the deck's theme font and the Excel report's font
FONT_FAMILY = ("Arial", "Liberation Sans", "Helvetica", "DejaVu Sans")
FONT_CSS = ", ".join(FONT_FAMILY) + ", sans-serif"  # the CSS font stack (charts, the app's theme)


def bare(colour: str) -> str:
    """'#1F4E79' -> '1F4E79' (python-pptx, openpyxl)."""
    return colour.lstrip("#").upper()


def contrast(foreground: str, background: str = BACKGROUND) -> float:
    """The WCAG 2.1 contrast ratio of two colours (1-21)."""

    def luminance(colour: str) -> float:
        channels = [int(bare(colour)[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)
