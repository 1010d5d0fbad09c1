"""Chart data for native PowerPoint charts whose embedded workbook never holds a formula or a link.

python-pptx writes each chart's data into a small Excel workbook inside the deck (PowerPoint's
"Edit data") with XlsxWriter, whose `write()` turns any text starting with "=" into a live formula
and any URL-like text into a hyperlink: a wave label `=HYPERLINK(...)` became a formula there.
Here the workbook is opened with both conversions off, so every label is stored as the text it is
(and shown as typed on the slide); control characters are removed as for every office file.
Also the plot-area layout a native radar needs to be drawn large.
"""

from __future__ import annotations

import contextlib

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from xlsxwriter import Workbook

from omni.export.text import clean_text

WORKBOOK_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                    "strings_to_numbers": False}


class _TextWorkbookWriter(CategoryWorkbookWriter):
    @contextlib.contextmanager
    def _open_worksheet(self, xlsx_file):
        workbook = Workbook(xlsx_file, WORKBOOK_OPTIONS)
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class TextCategoryChartData(CategoryChartData):
    """CategoryChartData whose categories and series names are plain text in the embedded workbook."""

    @property
    def _workbook_writer(self):
        return _TextWorkbookWriter(self)

    @CategoryChartData.categories.setter
    def categories(self, category_labels):
        CategoryChartData.categories.fset(self, [clean_text(c, 255) if isinstance(c, str) else c
                                                 for c in category_labels])

    def add_series(self, name, values=(), number_format=None):
        return super().add_series(clean_text(name, 255), values, number_format)


def square_plot(chart, width: int, height: int, share: float = 0.78) -> None:
    """Give a radar's plot area a fixed square of `share` of the chart's height, centred above the
    legend (left to itself, LibreOffice draws a small radar in the middle of a large empty chart)."""
    h = share
    w = min(0.9, share * height / width)
    layout = parse_xml(
        f'<c:layout {nsdecls("c")}><c:manualLayout><c:layoutTarget val="inner"/><c:xMode val="edge"/>'
        f'<c:yMode val="edge"/><c:x val="{(1 - w) / 2:.4f}"/><c:y val="0.05"/><c:w val="{w:.4f}"/>'
        f'<c:h val="{h:.4f}"/></c:manualLayout></c:layout>')
    plot_area = chart._chartSpace.chart.plotArea  # noqa: SLF001
    for old in plot_area.findall(qn("c:layout")):
        plot_area.remove(old)
    plot_area.insert(0, layout)
