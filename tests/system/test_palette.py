"""One palette and one typeface family for the screen (theme and charts) and every export."""

from __future__ import annotations

import io
import shutil
import subprocess
import tomllib

import pytest
from helpers import ROOT, requires
from openpyxl import load_workbook
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from omni import palette
from omni.charts import dimension_bars, radar_chart
from omni.export.deck import DeckOptions, build_deck
from omni.export.pdf_report import build_pdf
from omni.export.report import build_report
from omni.scoring import score
from omni.survey import read_survey

TEXT_COLOURS = ("ACCENT", "TEXT_COLOUR", "MUTED_TEXT", "AXIS_TEXT", "WARNING_TEXT")


@pytest.fixture(scope="module")
def demo():
    return score(read_survey([ROOT / "data/samples/demo-survey-nl.xlsx"]))


def test_the_app_theme_is_the_palette():
    theme = tomllib.loads((ROOT / ".streamlit/config.toml").read_text(encoding="utf-8"))["theme"]
    assert theme["primaryColor"] == palette.ACCENT
    assert theme["backgroundColor"] == palette.BACKGROUND
    assert theme["secondaryBackgroundColor"] == palette.LIGHT_FILL
    assert theme["textColor"] == palette.TEXT_COLOUR
    assert theme["font"] == palette.FONT_CSS


def test_text_colours_meet_wcag_aa():
    for name in TEXT_COLOURS:
        assert palette.contrast(getattr(palette, name)) >= 4.5, name
    assert palette.contrast("#FFFFFF", palette.ACCENT) >= 4.5  # table headers, the level tile
    assert palette.contrast(palette.WARNING_TEXT, palette.WARNING_FILL) >= 4.5
    for name, fill in {**palette.STATUS_COLOURS, **palette.VERDICT_COLOURS}.items():
        assert palette.contrast("#FFFFFF", fill) >= 4.5, name  # white text on the status colour
    assert palette.contrast(palette.OVERDUE_COLOUR) >= 4.5
    assert palette.contrast(palette.OVERDUE_TEXT, palette.OVERDUE_FILL) >= 7
    assert palette.contrast("#FFFFFF") == pytest.approx(1.0) and palette.contrast("#000000") == pytest.approx(21.0)


def test_the_screens_charts_use_the_palette_and_the_typeface(demo):
    spec = radar_chart(demo, "en").to_dict()
    assert spec["config"]["font"] == palette.FONT_CSS
    text = str(spec)
    assert palette.CURRENT_COLOUR in text and palette.TARGET_COLOUR in text
    radar = next(layer["encoding"]["color"]["scale"] for layer in spec["layer"]
                 if "color" in layer.get("encoding", {}))
    assert radar == {"domain": ["Current", "Target"], "range": [palette.CURRENT_COLOUR, palette.TARGET_COLOUR]}
    bars = dimension_bars(demo, "en").to_dict()
    scale = bars["encoding"]["color"]["scale"]
    assert scale["domain"] == ["Current", "Target"]  # the legend lists Current first, as in the deck
    assert scale["range"] == [palette.CURRENT_COLOUR, palette.TARGET_COLOUR]


def _theme_fonts(prs) -> set[str]:
    theme = prs.slide_masters[0].part.part_related_by(RT.THEME).blob.decode("utf-8")
    return {part.split('"')[0] for part in theme.split('<a:latin typeface="')[1:3]}


def test_the_deck_uses_the_palette_and_the_typeface_unless_a_template_is_given(demo):
    prs = Presentation(io.BytesIO(build_deck(demo, "en", DeckOptions(parts=("title", "summary", "scores")))))
    assert _theme_fonts(prs) == {palette.FONT_NAME}  # headings and body
    chart = next(s.chart for s in prs.slides[2].shapes if s.has_chart)
    current, target = chart.plots[0].series
    assert (str(current.format.fill.fore_color.rgb), str(target.format.fill.fore_color.rgb)) == (
        palette.bare(palette.CURRENT_COLOUR), palette.bare(palette.TARGET_COLOUR))
    table = next(s.table for s in prs.slides[2].shapes if s.has_table)
    assert str(table.cell(0, 0).fill.fore_color.rgb) == palette.bare(palette.ACCENT)
    title = prs.slides[2].shapes.title.text_frame.paragraphs[0].runs[0]
    assert str(title.font.color.rgb) == palette.bare(palette.ACCENT)
    # a corporate template keeps its own fonts
    template = io.BytesIO()
    Presentation().save(template)  # python-pptx's own template: Calibri
    on_template = Presentation(io.BytesIO(build_deck(demo, "en", DeckOptions(
        parts=("title",), template=template.getvalue(), template_name="house.pptx"))))
    assert _theme_fonts(on_template) == {"Calibri"}


def test_the_excel_report_uses_the_palette_and_the_typeface(demo):
    wb = load_workbook(io.BytesIO(build_report(demo, "en")))
    sheet = wb.worksheets[0]
    fonts = {cell.font.name for row in sheet.iter_rows(max_row=20) for cell in row if cell.value is not None}
    assert fonts == {palette.FONT_NAME}
    assert wb._named_styles["Normal"].font.name == palette.FONT_NAME  # noqa: SLF001 - the default for new cells
    assert sheet["A1"].font.color.rgb.endswith(palette.bare(palette.ACCENT))
    header = next(cell for row in sheet.iter_rows() for cell in row if cell.fill.fgColor.rgb.endswith(
        palette.bare(palette.ACCENT)))
    assert header.font.bold and header.font.color.rgb.endswith("FFFFFF")


def test_the_pdf_report_is_set_in_the_family(demo):
    requires(shutil.which("pdffonts") is not None, "pdffonts (poppler-utils) is not installed")
    done = subprocess.run(["pdffonts", "-"], input=build_pdf(demo, "en"), capture_output=True, check=True)
    names = [line.split()[0] for line in done.stdout.decode().splitlines()[2:] if line.strip()]
    family = {f.replace(" ", "").casefold() for f in palette.FONT_FAMILY}
    body = [n.split("+")[-1].split("-")[0].casefold() for n in names]
    assert body and any(b in family for b in body), names  # embedded, from the family (where installed)
