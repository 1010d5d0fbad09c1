"""Exports read back with the real libraries, and opened by a real office suite (LibreOffice)."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import sys
import zipfile

import pytest
from helpers import ROOT
from openpyxl import load_workbook
from PIL import Image
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from omni.charts import radar_chart
from omni.export.deck import DeckOptions, TemplateError, build_deck
from omni.export.images import chart_catalogue, chart_image
from omni.export.report import build_report
from omni.export.text import csv_safe
from omni.scoring import score
from omni.survey import read_survey
from omni.survey.model import RespondentAnswers
from omni.survey.reader import survey_from_answers

HOSTILE = ["=HYPERLINK(\"http://x\",\"klik\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1+1",
           "\r=1+1"]


@pytest.fixture(scope="module")
def demo():
    return score(read_survey([ROOT / "data/samples/demo-survey-nl.xlsx"]))


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_chart_images_in_three_formats_from_the_screen_builder(demo):
    chart = radar_chart(demo, "nl")
    width, height = _png_size(chart_image(chart, "png"))
    assert width >= 2 * chart.to_dict()["width"]  # at least twice the screen size, for slides
    svg = chart_image(chart, "svg").decode()
    assert svg.lstrip().startswith("<svg") and "Huidig" in svg and "Visie en" in svg
    assert chart_image(chart, "pdf")[:5] == b"%PDF-"
    english = chart_image(radar_chart(demo, "en"), "svg").decode()
    assert "Current" in english and "Huidig" not in english
    catalogue = chart_catalogue(demo, "en")
    assert {"radar", "scores", "ladder", "by-role", "answers-vision"} <= set(catalogue)
    assert catalogue["radar"][1].to_json() == radar_chart(demo, "en").to_json()  # the same builder
    with pytest.raises(ValueError):
        chart_image(chart, "gif")


def _titles(prs) -> list[str]:
    return [slide.shapes.title.text_frame.text for slide in prs.slides]


def test_deck_slides_native_charts_and_notes(demo):
    prs = Presentation(io.BytesIO(build_deck(demo, "en")))
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))  # 16:9
    titles = _titles(prs)
    assert titles[:6] == ["Omnichannel maturity", "Executive summary", "Current and target by dimension",
                          "Scores by dimension", "Where the team agrees and disagrees", "Roadmap: now, next, later"]
    assert titles[6] == "Appendix: how the scores work"
    assert len(titles) == 7 + 3  # 32 questions on three appendix slides
    radar = next(s.chart for s in prs.slides[2].shapes if s.has_chart)
    assert radar.chart_type == XL_CHART_TYPE.RADAR_MARKERS
    current, target = radar.plots[0].series
    assert list(current.values) == pytest.approx(list(demo.dimension_scores["current"].round(2)))
    assert list(target.values) == pytest.approx(list(demo.dimension_scores["target"].round(2)))
    assert list(radar.plots[0].categories) == ["Vision and support", "Organisation", "Audiences and measurement",
                                               "Activation", "Marketing technology"]
    bars = next(s.chart for s in prs.slides[3].shapes if s.has_chart)
    assert bars.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    for slide in prs.slides:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()
    summary = " ".join(s.text_frame.text for s in prs.slides[1].shapes if s.has_text_frame)
    assert "Level 2 (Multichannel)" in summary and "largest gap" in summary


def test_deck_in_dutch_with_images_and_chosen_parts(demo):
    prs = Presentation(io.BytesIO(build_deck(demo, "nl", DeckOptions(parts=("title", "radar"), charts_as_images=True))))
    assert _titles(prs) == ["Omnichannel-volwassenheid", "Huidig en gewenst per onderdeel"]
    pictures = [s for s in prs.slides[1].shapes if s.shape_type == 13]
    assert len(pictures) == 1 and not any(s.has_chart for s in prs.slides[1].shapes)


def _corporate_template(tmp_path, kind: str) -> bytes:
    """A company template: 16:9, its own layout names and an example slide that must not appear."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    prs.slide_layouts[0].name = "Titeldia"
    prs.slide_layouts[5].name = "Alleen titel"
    example = prs.slides.add_slide(prs.slide_layouts[1])
    example.shapes.title.text = "Voorbeeldslide van de huisstijl"
    buffer = io.BytesIO()
    prs.save(buffer)
    data = buffer.getvalue()
    if kind == "potx":  # a template differs from a presentation only in its main content type
        source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    content = content.replace(b"presentationml.presentation.main+xml",
                                              b"presentationml.template.main+xml")
                target.writestr(item, content)
        data = out.getvalue()
    return data


@pytest.mark.parametrize("kind", ["pptx", "potx"])
def test_deck_on_a_corporate_template_with_logo_and_accent(demo, tmp_path, kind):
    logo = io.BytesIO()
    Image.new("RGB", (120, 40), (200, 30, 30)).save(logo, "PNG")
    options = DeckOptions(template=_corporate_template(tmp_path, kind), template_name=f"huisstijl.{kind}",
                          logo=logo.getvalue(), accent="C0392B", parts=("title", "summary", "radar"))
    prs = Presentation(io.BytesIO(build_deck(demo, "nl", options)))
    assert _titles(prs) == ["Omnichannel-volwassenheid", "Samenvatting", "Huidig en gewenst per onderdeel"]
    assert [s.slide_layout.name for s in prs.slides] == ["Titeldia", "Alleen titel", "Alleen titel"]
    for slide in prs.slides:
        assert any(s.shape_type == 13 for s in slide.shapes)  # the logo
        title_run = slide.shapes.title.text_frame.paragraphs[0].runs[0]
        assert str(title_run.font.color.rgb) == "C0392B"


def test_broken_template_is_a_clear_error(demo):
    with pytest.raises(TemplateError, match="huisstijl.pptx"):
        build_deck(demo, "nl", DeckOptions(template=b"not a zip", template_name="huisstijl.pptx"))


def test_report_sheets_radar_and_values(demo):
    wb = load_workbook(io.BytesIO(build_report(demo, "en")))
    assert wb.sheetnames == ["Summary", "Questions", "Respondents", "Answers", "Roadmap"]
    summary = wb["Summary"]
    (radar,) = summary._charts
    assert radar.tagname == "radarChart"
    header = [c.value for c in summary[6]]
    assert header[:4] == ["Dimension", "Current", "Target", "Gap"]
    values = [summary.cell(row=7 + i, column=2).value for i in range(5)]
    assert values == pytest.approx(list(demo.dimension_scores["current"]))
    assert wb["Questions"].max_row == 1 + 32
    assert wb["Answers"].max_row == 1 + 32 * 10


def test_report_keeps_hostile_user_text_as_text(framework):
    answers = {q.id: (3, 4, "") for q in framework.questions}
    for q, text in zip(framework.questions, HOSTILE + ["bel\x07l en\x00 nul", "x" * 40_000]):
        answers[q.id] = (3, 4, text)
    person = RespondentAnswers({"organisation": "=cmd|' /C calc'!A0", "name": "@evil", "role": "+danger"}, answers)
    assessment = score(survey_from_answers(framework, [person]))
    wb = load_workbook(io.BytesIO(build_report(assessment, "en")))
    assert wb["Summary"]["A2"].value == "=cmd|' /C calc'!A0"
    assert wb["Summary"]["A2"].data_type == "s"
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} became a formula"
    comments = [c.value for c in wb["Answers"]["E"] if c.value]
    for text in HOSTILE:
        assert any(text.strip("\t\r") in (c or "") for c in comments), text
    assert all("\x07" not in c and "\x00" not in c for c in comments)
    assert max(len(c) for c in comments) <= 32_767
    assert csv_safe("=1+1") == "'=1+1" and csv_safe("@x") == "'@x" and csv_safe("ok") == "ok"


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice is not installed (apt-get install libreoffice-impress-nogui)")
def test_libreoffice_renders_the_deck_and_the_report(demo, tmp_path):
    deck, report = tmp_path / "deck.pptx", tmp_path / "report.xlsx"
    deck.write_bytes(build_deck(demo, "nl"))
    report.write_bytes(build_report(demo, "nl"))
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run([_soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                             "--outdir", str(tmp_path), str(deck), str(report)],
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    for name in ("deck.pdf", "report.pdf"):
        pdf = (tmp_path / name).read_bytes()
        assert pdf[:5] == b"%PDF-" and pdf.count(b"/Type /Page") + pdf.count(b"/Type/Page") >= 2, name


def test_cli_export(tmp_path):
    result = subprocess.run([sys.executable, "-m", "omni", "export", str(ROOT / "data/samples/demo-survey-en.xlsx"),
                             "--pptx", str(tmp_path / "d.pptx"), "--xlsx", str(tmp_path / "r.xlsx"),
                             "--charts", str(tmp_path / "charts"), "--format", "svg", "--lang", "en"],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert len(Presentation(tmp_path / "d.pptx").slides) == 10
    assert load_workbook(tmp_path / "r.xlsx").sheetnames[0] == "Summary"
    assert (tmp_path / "charts" / "radar.svg").read_text().lstrip().startswith("<svg")
    bad = subprocess.run([sys.executable, "-m", "omni", "export", str(ROOT / "data/samples/demo-survey-en.xlsx"),
                          "--pptx", str(tmp_path / "x.pptx"), "--template", str(ROOT / "README.md")],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert bad.returncode == 2 and "README.md" in bad.stderr and "Traceback" not in bad.stderr
