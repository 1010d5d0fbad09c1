"""Exports read back with the real libraries, and opened by a real office suite (LibreOffice)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import struct
import subprocess
import zipfile

import pandas as pd
import pytest
from helpers import ROOT, requires, run_cli, shown
from openpyxl import load_workbook
from PIL import Image
from pptx import Presentation
from pptx.chart.plot import PlotTypeInspector
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.dml import MSO_FILL
from pptx.util import Inches

from omni import format as fmt
from omni.benchmark import MIN_PEERS, default_group, first_sufficient
from omni.charts import radar_chart
from omni.demo import demo_respondents
from omni.export.deck import (
    KICKER,
    MEDIAN_TICK,
    SCORE_TICK,
    DeckOptions,
    TemplateError,
    build_deck,
    word_width,
)
from omni.export.extras import usable_benchmark
from omni.export.images import chart_catalogue, chart_image
from omni.export.report import build_report
from omni.export.text import csv_safe
from omni.history import organisation_history
from omni.i18n import t
from omni.palette import BAND_COLOUR, CURRENT_COLOUR, MEDIAN_COLOUR
from omni.peers import ensure_demo_peers, import_peers, read_peer_file, write_peer_file
from omni.scoring import score
from omni.store import open_store
from omni.store.assessments import save_assessment, saved_dimension_scores
from omni.survey import read_survey
from omni.survey.model import RespondentAnswers
from omni.survey.reader import survey_from_answers

HOSTILE = ["=HYPERLINK(\"http://x\",\"klik\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1+1",
           "\r=1+1"]


@pytest.fixture(scope="module")
def demo():
    return score(read_survey([ROOT / "data/samples/demo-survey-nl.xlsx"]))


class Stored:
    """A temporary SQLite store with the demo peer set and three saved waves of the demo organisation."""

    def __init__(self, root, framework, demo) -> None:
        self.url = f"sqlite:///{root / 'omni.sqlite3'}"
        self.engine = open_store(self.url)
        ensure_demo_peers(self.engine)
        self.waves = {}
        for wave, seed, n in (("2024", 3, 6), ("2025", 4, 8)):
            people = demo_respondents(framework, n=n, seed=seed)
            for person in people:
                person.facts = {**person.facts, "organisation": demo.organisation}
            self.waves[wave] = score(survey_from_answers(framework, people))
        self.waves["2026"] = demo
        self.saved = [save_assessment(self.engine, assessment, wave=wave, wave_date=dt.date(int(wave), 3, 1))
                      for wave, assessment in self.waves.items()]
        # the same calls the Export page and the CLI make
        self.bench = usable_benchmark(*first_sufficient(self.engine, demo, default_group(demo)))
        self.history = organisation_history(self.engine, demo.organisation)


@pytest.fixture(scope="module")
def stored(tmp_path_factory, framework, demo):
    store = Stored(tmp_path_factory.mktemp("store"), framework, demo)
    yield store
    store.engine.dispose()


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
    assert catalogue["radar"][1]().to_json() == radar_chart(demo, "en").to_json()  # the same builder
    with pytest.raises(ValueError):
        chart_image(chart, "gif")


def _topic(slide) -> str:
    """What a slide is about: its kicker above a message title, else its title."""
    kicker = [s.text_frame.text for s in slide.shapes if s.name == KICKER]
    return kicker[0] if kicker else slide.shapes.title.text_frame.text


def _titles(prs) -> list[str]:
    return [_topic(slide) for slide in prs.slides]


def test_deck_slides_native_charts_and_notes(demo):
    prs = Presentation(io.BytesIO(build_deck(demo, "en")))
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))  # 16:9
    titles = _titles(prs)
    assert titles[:7] == ["Omnichannel maturity", "Executive summary", "Current and target by dimension",
                          "Scores by dimension", "What the level means per dimension",
                          "Where the team agrees and disagrees", "Roadmap: now, next, later"]
    assert titles[7] == "Appendix: how the scores work"
    assert len(titles) == 8 + 3  # 36 questions (2.1) on three appendix slides of at most 12
    radar = next(s.chart for s in prs.slides[2].shapes if s.has_chart)
    assert radar.chart_type == XL_CHART_TYPE.RADAR_MARKERS
    current, target = radar.plots[0].series
    assert list(current.values) == pytest.approx(list(demo.dimension_scores["current"].round(2)))
    assert list(target.values) == pytest.approx(list(demo.dimension_scores["target"].round(2)))
    assert list(radar.plots[0].categories) == ["Vision and support", "Organisation", "Audiences and measurement",
                                               "Activation", "Marketing technology"]
    bars = next(s.chart for s in prs.slides[3].shapes if s.has_chart)
    # columns: PowerPoint and LibreOffice both list the legend in series order, Current before Target
    assert bars.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert [s.name for s in bars.plots[0].series] == ["Current", "Target"]
    assert [s.name for s in radar.plots[0].series] == ["Current", "Target"]
    for slide in prs.slides:
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()
    summary = " ".join(s.text_frame.text for s in prs.slides[1].shapes if s.has_text_frame)
    assert "Level 2 · Multichannel" in summary and "largest gap" in summary  # the one-pager
    # Titles state the message, written from the data; the topic stands above them as a kicker.
    messages = [slide.shapes.title.text_frame.text for slide in prs.slides]
    gaps = demo.dimension_scores.set_index("dimension")
    worst = gaps["gap"].idxmax()
    name = demo.framework.dimension(worst).name("en")
    assert messages[2] == (f"{name} lags furthest behind: {gaps.loc[worst, 'current']:.1f} now, "
                           f"{gaps.loc[worst, 'target']:.1f} wanted")
    assert messages[3].startswith(f"The team sees the organisation at level {demo.overall.level}")
    assert radar.value_axis.minimum_scale == 1 and radar.value_axis.maximum_scale == 5  # the 1-5 scale
    assert radar.value_axis.major_unit == 1 and radar.value_axis.has_major_gridlines


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
    assert wb.sheetnames == ["Summary", "Questions", "Breakdowns", "Respondents", "Answers", "Roadmap"]
    summary = wb["Summary"]
    (radar,) = summary._charts
    assert radar.tagname == "radarChart"
    header = [c.value for c in summary[6]]
    assert header[:4] == ["Dimension", "Current", "Target", "Gap"]
    values = [summary.cell(row=7 + i, column=2).value for i in range(5)]
    assert values == pytest.approx(list(demo.dimension_scores["current"]))
    questions = len(demo.framework.questions)
    assert wb["Questions"].max_row == 1 + questions
    assert wb["Answers"].max_row == 1 + questions * 10


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


def test_libreoffice_renders_the_deck_and_the_report(demo, stored, tmp_path):
    requires(_soffice() is not None, "LibreOffice is not installed (apt-get install libreoffice-impress-nogui)")
    deck, report = tmp_path / "deck.pptx", tmp_path / "report.xlsx"
    deck.write_bytes(build_deck(demo, "nl", benchmark=stored.bench, history=stored.history))
    assert {"Vergeleken met peers", "Ontwikkeling over de metingen"} <= set(_titles(Presentation(deck)))
    report.write_bytes(build_report(demo, "nl", benchmark=stored.bench, history=stored.history))
    assert {"Benchmark", "Historie"} <= set(load_workbook(report).sheetnames)
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run([_soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                             "--outdir", str(tmp_path), str(deck), str(report)],
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    for name in ("deck.pdf", "report.pdf"):
        pdf = (tmp_path / name).read_bytes()
        assert pdf[:5] == b"%PDF-" and pdf.count(b"/Type /Page") + pdf.count(b"/Type/Page") >= 2, name
    # As rendered, no table cell breaks a word: every header word of every table is found whole.
    requires(shutil.which("pdftotext") is not None, "pdftotext is not installed (apt-get install poppler-utils)")
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "deck.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    words = set(text.split())
    headers = {w for slide in Presentation(deck).slides for shape in slide.shapes if shape.has_table
               for cell in shape.table.rows[0].cells for w in cell.text.split() if len(w) > 3}
    assert headers and not {w for w in headers if w not in words}, sorted(w for w in headers if w not in words)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_word_is_wider_than_its_table_column(demo, stored, lang):
    """Measured with the font LibreOffice renders the deck in: a header word in bold at the header's
    size, a body word at the body's size, each fits its column (so "Gewen st" cannot happen)."""
    prs = Presentation(io.BytesIO(build_deck(demo, lang, benchmark=stored.bench, history=stored.history)))
    checked = 0
    for slide in prs.slides:
        for shape in (s for s in slide.shapes if s.has_table):
            table = shape.table
            for c, column in enumerate(table.columns):
                for r, row in enumerate(table.rows):
                    for paragraph in row.cells[c].text_frame.paragraphs:
                        size = paragraph.runs[0].font.size.pt if paragraph.runs else 0
                        for word in paragraph.text.split():
                            assert word_width(word, size, bold=r == 0) <= column.width, (word, size, column.width)
                            checked += 1
    assert checked > 200


def test_cli_export(tmp_path):
    # a fresh default store (OMNI_DATA_DIR): the demo peers give a benchmark, there are no saved waves
    env = {"OMNI_DATABASE_URL": None, "DATABASE_URL": None, "OMNI_DATA_DIR": str(tmp_path / "var")}
    result = run_cli("export", str(ROOT / "data/samples/demo-survey-en.xlsx"),
                     "--pptx", str(tmp_path / "d.pptx"), "--xlsx", str(tmp_path / "r.xlsx"),
                     "--charts", str(tmp_path / "charts"), "--format", "svg", "--lang", "en", env=env)
    assert result.returncode == 0, result.stderr
    assert "Benchmark: Home and interior" in result.stdout and "synthetic demo peers" in result.stdout.lower()
    assert "Trend not included: fewer than two saved waves of Huis & Haard Wonen" in result.stdout
    titles = _titles(Presentation(tmp_path / "d.pptx"))
    assert len(titles) == 12 and titles[7] == "Compared with peers" and "Trend over the waves" not in titles
    assert load_workbook(tmp_path / "r.xlsx").sheetnames == ["Summary", "Questions", "Breakdowns", "Respondents", "Answers",
                                                             "Roadmap", "Benchmark"]
    assert (tmp_path / "charts" / "radar.svg").read_text().lstrip().startswith("<svg")
    bad = run_cli("export", str(ROOT / "data/samples/demo-survey-en.xlsx"),
                  "--pptx", str(tmp_path / "x.pptx"), "--template", str(ROOT / "README.md"), "--no-store", env=env)
    assert bad.returncode == 2 and "README.md" in bad.stderr and "Traceback" not in bad.stderr
    assert "Benchmark" not in bad.stdout  # --no-store: the store is not consulted


def test_cli_export_with_saved_waves(stored, tmp_path):
    result = run_cli("export", str(ROOT / "data/samples/demo-survey-nl.xlsx"),
                     "--pptx", str(tmp_path / "d.pptx"), "--xlsx", str(tmp_path / "r.xlsx"),
                     "--database", stored.url, "--lang", "nl")
    assert result.returncode == 0, result.stderr
    assert "Ontwikkeling: 3 metingen van Huis & Haard Wonen" in result.stdout
    titles = _titles(Presentation(tmp_path / "d.pptx"))
    assert titles[7:9] == ["Vergeleken met peers", "Ontwikkeling over de metingen"] and len(titles) == 13
    assert load_workbook(tmp_path / "r.xlsx").sheetnames[-2:] == ["Benchmark", "Historie"]


# --- the benchmark and the trend over waves ------------------------------------------------------


def _slide(prs, title: str):
    found = [s for s in prs.slides if _topic(s) == title]
    assert len(found) <= 1
    return found[0] if found else None


def _texts(slide) -> str:
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    texts += [c.text for s in slide.shapes if s.has_table for row in s.table.rows for c in row.cells]
    return "\n".join(texts)


@pytest.mark.parametrize(("lang", "title", "label"), [
    ("en", "Compared with peers", "Synthetic demo peers: these are not real organisations"),
    ("nl", "Vergeleken met peers", "Synthetische demo-peers: dit zijn geen echte organisaties")])
def test_benchmark_slide_shows_the_peer_numbers_n_and_the_synthetic_label(demo, stored, lang, title, label):
    bench = stored.bench
    assert bench.sufficient and bench.synthetic == bench.organisations >= MIN_PEERS  # the demo peer set
    prs = Presentation(io.BytesIO(build_deck(demo, lang, benchmark=bench)))
    titles = _titles(prs)
    assert len(titles) == 12 and titles[7] == title  # after the roadmap, before the appendix
    slide = _slide(prs, title)
    charts = [s.chart for s in slide.shapes if s.has_chart]
    assert len(charts) == 1
    # horizontal bars (the names stand level at the left), one stacked bar per dimension cut into the
    # band, the median's tick and the own score's tick
    (bars,) = charts[0].plots
    assert PlotTypeInspector.chart_type(bars) == XL_CHART_TYPE.BAR_STACKED
    names = [demo.framework.dimension(d).name(lang) for d in bench.rows["dimension"][:-1]]
    assert list(bars.categories) == [*names, "Overall" if lang == "en" else "Totaal"]
    rows = bench.rows
    kinds = {c.lstrip("#").upper(): k for c, k in ((BAND_COLOUR, "band"), (MEDIAN_COLOUR, "median"), (CURRENT_COLOUR, "score"))}
    for index, row in enumerate(rows.itertuples()):
        start, found = 0.0, {}
        for series in bars.series:
            length, fill = series.values[index], series.points[index].format.fill
            kind = kinds[str(fill.fore_color.rgb)] if fill.type == MSO_FILL.SOLID else "gap"
            found.setdefault(kind, []).append((start, start + length))
            start += length
        (score_tick,) = found["score"]
        assert sum(score_tick) / 2 == pytest.approx(round(row.score, 2), abs=1e-3)  # the chart carries 2 decimals
        if abs(row.median - row.score) > MEDIAN_TICK + SCORE_TICK:
            (median_tick,) = found["median"]
            assert sum(median_tick) / 2 == pytest.approx(round(row.median, 2), abs=1e-3)
        drawn = sorted(found["band"] + found.get("median", []) + found["score"])
        inside = [(a, b) for a, b in drawn if b > row.p25 - 1e-6 and a < row.p75 + 1e-6]
        assert min(a for a, _ in inside) <= row.p25 + 1e-3 and max(b for _, b in inside) >= row.p75 - 1e-3
    assert list(rows["score"])[:-1] == pytest.approx(list(demo.dimension_scores["current"]))
    text = _texts(slide)
    assert f"n = {bench.n_label}" in text and bench.group.describe(lang) in text
    assert f"n = {bench.organisations} " not in text  # n is published as a band, never exactly
    assert label in [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    for row in rows.itertuples():  # the table: percentile, P25, median, P75 as on the Benchmark page
        assert fmt.number(row.median, lang) in text and f"{row.percentile:.0f}" in text
    notes = slide.notes_slide.notes_text_frame.text
    assert f"n = {bench.n_label}" in notes and label in notes and "P25" in notes


def test_no_benchmark_slide_or_sheet_with_too_few_peers(demo, framework, tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'few.sqlite3'}")  # no demo peers: four real ones only
    dims = [d.id for d in framework.dimensions]
    frame = pd.DataFrame([{"peer_id": f"p{i}", "sector": "home", "size_band": "l", "channel_model": "store_led",
                           "country": "NL", "year": 2026, **dict.fromkeys(dims, 2.0 + i / 4), "synthetic": False}
                          for i in range(MIN_PEERS - 1)])
    import_peers(engine, read_peer_file(write_peer_file(frame, tmp_path / "few.csv"), framework), peer_set="few")
    asked, broader = first_sufficient(engine, demo, default_group(demo))
    engine.dispose()
    assert asked.organisations == MIN_PEERS - 1 and not asked.sufficient and broader is None
    assert usable_benchmark(asked, broader) is None
    for bench in (asked, None):  # the builders also refuse a group that is too small
        prs = Presentation(io.BytesIO(build_deck(demo, "en", benchmark=bench)))
        assert len(prs.slides) == 11 and "Compared with peers" not in _titles(prs)
        assert "Benchmark" not in load_workbook(io.BytesIO(build_report(demo, "en", benchmark=bench))).sheetnames


def test_trend_slide_has_one_category_per_wave_and_the_saved_scores(demo, stored):
    prs = Presentation(io.BytesIO(build_deck(demo, "en", benchmark=stored.bench, history=stored.history)))
    titles = _titles(prs)
    assert titles[7:9] == ["Compared with peers", "Trend over the waves"] and len(titles) == 13
    slide = _slide(prs, "Trend over the waves")
    chart = next(s.chart for s in slide.shapes if s.has_chart)
    assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
    assert list(chart.plots[0].categories) == ["2024", "2025", "2026"]
    series = {s.name: list(s.values) for s in chart.plots[0].series}
    fw = demo.framework
    assert list(series) == ["Overall", *[d.name("en") for d in fw.dimensions]]
    saved = saved_dimension_scores(stored.engine, [w.id for w in stored.saved])
    for dim in fw.dimensions:
        expected = [saved.loc[(saved["assessment_id"] == w.id) & (saved["dimension"] == dim.id), "current"].item()
                    for w in stored.saved]
        assert series[dim.name("en")] == pytest.approx([round(v, 2) for v in expected])
        scored = [a.dimension_scores.set_index("dimension").loc[dim.id, "current"] for a in stored.waves.values()]
        assert series[dim.name("en")] == pytest.approx(scored, abs=0.006)
    assert series["Overall"] == pytest.approx([a.overall.current for a in stored.waves.values()], abs=0.006)
    notes = slide.notes_slide.notes_text_frame.text
    assert "2024 (2024-03-01, n = 6)" in notes and "of the gap closed" in notes
    # one saved wave is not a trend
    one = organisation_history(stored.engine, "nobody")
    assert "Trend over the waves" not in _titles(Presentation(io.BytesIO(build_deck(demo, "en", history=one))))


def test_the_trend_leaves_a_gap_where_a_wave_has_no_score(stored):
    """A dimension missing from a wave, or without a score in it, is a gap (None) in its series; a
    dimension without any score is all gaps; the other values are the waves' scores, rounded."""
    import dataclasses

    from omni.export.extras import trend

    history = stored.history
    scores = history.scores
    first, second = history.waves[0].id, history.waves[1].id
    gone, blank = scores["dimension"].iloc[1], scores["dimension"].iloc[2]
    changed = scores.loc[~((scores["assessment_id"] == first) & (scores["dimension"] == gone))].copy()
    changed.loc[(changed["assessment_id"] == second) & (changed["dimension"] == blank), "current"] = float("nan")
    found = {d: values for d, _, values in trend(dataclasses.replace(history, scores=changed), "en").series}
    whole = {d: values for d, _, values in trend(history, "en").series}
    assert found[gone] == (None, *whole[gone][1:])
    assert found[blank] == (whole[blank][0], None, *whole[blank][2:])
    assert all(found[d] == whole[d] for d in whole if d not in (gone, blank))
    none = changed.assign(current=lambda f: f["current"].where(f["dimension"] != gone))
    assert dict((d, v) for d, _, v in trend(dataclasses.replace(history, scores=none), "en").series)[gone] == \
        (None,) * len(history.waves)


def test_report_benchmark_and_history_sheets(demo, stored):
    bench = stored.bench
    data = build_report(demo, "en", benchmark=bench, history=stored.history)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Summary", "Questions", "Breakdowns", "Respondents", "Answers", "Roadmap", "Benchmark", "History"]
    ws = wb["Benchmark"]
    column_a = [c.value for c in ws["A"]]
    assert f"n = {bench.n_label} organisations in the peer group" in column_a[2]
    assert column_a[3] == "Synthetic demo peers: these are not real organisations"
    header = column_a.index("Dimension") + 1
    assert [c.value for c in ws[header]] == ["Dimension", "Your score", "Percentile", "P25", "Median", "P75", "n"]
    assert ws.freeze_panes == f"A{header + 1}"
    for i, row in enumerate(bench.rows.itertuples(), start=header + 1):
        values = [c.value for c in ws[i]]
        assert values[1:] == pytest.approx([round(row.score, 2), round(row.percentile), round(row.p25, 2),
                                            round(row.median, 2), round(row.p75, 2), row.n])
        assert ws.cell(row=i, column=5).number_format == "0.00"
    hist = wb["History"]
    waves = [r for r in hist.iter_rows(values_only=True) if r[0] in ("2024", "2025", "2026")]
    assert [w[0] for w in waves] == ["2024", "2025", "2026"] and [w[2] for w in waves] == [6, 8, 10]
    assert [w[3] for w in waves] == pytest.approx([a.overall.current for a in stored.waves.values()], abs=0.006)
    assert [w[4] for w in waves] == pytest.approx(
        [a.dimension_scores["current"].iloc[0] for a in stored.waves.values()], abs=0.006)
    charts = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 2  # the radar on the summary and the trend on the history sheet



@pytest.mark.parametrize("saved_waves", [True, False])
def test_export_page_offers_benchmark_and_trend_when_available(stored, tmp_path, monkeypatch, saved_waves):
    from streamlit.testing.v1 import AppTest

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())
    if saved_waves:  # the store with three saved waves of the demo organisation
        monkeypatch.setenv("OMNI_DATABASE_URL", stored.url)
    else:  # a fresh default store: the demo peers only
        monkeypatch.delenv("OMNI_DATABASE_URL", raising=False)
        monkeypatch.setenv("OMNI_DATA_DIR", str(tmp_path / "var"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.switch_page("pages/export.py").run()
    assert not at.exception
    bench, trend = at.checkbox[0], at.checkbox[1]
    bench_label, trend_label = shown(bench.label), shown(trend.label)
    assert bench_label.startswith("Vergeleken met peers (Wonen en interieur") and "n = " in bench_label
    assert "Synthetische demo-peers" in bench_label and bench.value and not bench.disabled
    if saved_waves:
        assert trend_label == "Ontwikkeling over de metingen (3 metingen van Huis & Haard Wonen)"
        assert trend.value and not trend.disabled
    else:
        assert trend_label == ("Ontwikkeling over de metingen — niet beschikbaar: minder dan twee opgeslagen "
                               "metingen van Huis & Haard Wonen")
        assert not trend.value and trend.disabled
    assert [b.label for b in at.get("download_button")][:2] == ["Download de presentatie", "Download het rapport"]


def test_benchmark_and_trend_as_the_pages_chart_images_on_a_template(demo, stored, tmp_path):
    options = DeckOptions(parts=("title", "benchmark", "trend"), charts_as_images=True,
                          template=_corporate_template(tmp_path, "potx"), template_name="huisstijl.potx")
    prs = Presentation(io.BytesIO(build_deck(demo, "en", options, benchmark=stored.bench, history=stored.history)))
    assert _titles(prs) == ["Omnichannel maturity", "Compared with peers", "Trend over the waves"]
    for slide in list(prs.slides)[1:]:
        assert slide.slide_layout.name == "Alleen titel"
        assert not any(s.has_chart for s in slide.shapes)
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        assert len(pictures) == 1 and pictures[0].left + pictures[0].width <= prs.slide_width


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_method_slide_says_why_a_question_weighs_less(demo, lang):
    """The deck's method slide ends with the framework's weight notes (ACT-8 counts half, and why)."""
    prs = Presentation(io.BytesIO(build_deck(demo, lang)))
    method = next(slide for slide in prs.slides if _topic(slide) == t("deck.method", lang))
    text = "\n".join(shape.text_frame.text for shape in method.shapes if shape.has_text_frame)
    notes = demo.framework.weight_notes(lang)
    assert notes and all(note in text for note in notes)


def test_the_roadmap_slide_notes_say_the_advice_is_one_step_per_dimension(demo):
    prs = Presentation(io.BytesIO(build_deck(demo, "nl")))
    roadmap = next(slide for slide in prs.slides if _topic(slide) == t("deck.roadmap", "nl"))
    assert t("roadmap.advice_scope", "nl") in roadmap.notes_slide.notes_text_frame.text
