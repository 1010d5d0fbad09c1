"""The deck reads as a consultant's deck: the executive one-pager first, and every text fits its box.

Text is measured with the deck's own font metrics (omni.export.fit: DejaVu Sans, what LibreOffice
renders the deck's Arial with when Arial is absent, and wider than Arial), from the deck as python-pptx
reads it back; LibreOffice then renders it, and pdftotext finds the one-pager's texts whole.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys

import pytest
from helpers import ROOT, requires
from PIL import Image
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Emu, Inches

from omni.actions import DONE, IN_PROGRESS, PLANNED, ActionFields
from omni.demo import demo_respondents
from omni.export.deck import KICKER, DeckOptions, build_deck, word_width
from omni.export.deck_onepager import ACTIONS, FINDINGS, PRIORITIES, TILE
from omni.export.fit import Paragraph, text_height
from omni.insights import headline_findings
from omni.peers import ensure_demo_peers
from omni.roadmap import PHASES, build_roadmap
from omni.scoring import score
from omni.services import export_extras
from omni.store import open_store
from omni.store.actions import create_actions
from omni.store.assessments import save_assessment
from omni.survey import read_survey
from omni.survey.reader import survey_from_answers

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def demo():
    return score(read_survey([ROOT / "data/samples/demo-survey-nl.xlsx"]))


@pytest.fixture(scope="module")
def store(tmp_path_factory, framework, demo):
    """A store with the demo peers, three saved waves and an action plan of the demo organisation: its
    URL and its parts as the Export page and the CLI read them (omni.services.export_extras)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'omni.sqlite3'}"
    engine = open_store(url)
    ensure_demo_peers(engine)
    for wave, seed in (("2024", 3), ("2025", 4)):
        people = demo_respondents(framework, n=6, seed=seed)
        for person in people:
            person.facts = {**person.facts, "organisation": demo.organisation}
        save_assessment(engine, score(survey_from_answers(framework, people)), wave=wave,
                        wave_date=dt.date(int(wave), 3, 1))
    save_assessment(engine, demo, wave="2026", wave_date=dt.date(2026, 3, 1))
    plan = [  # (title, dimension, owner, role, due, status)
        ("Kies een CDP en stel een datateam samen voor de eerste twee use cases", "martech",
         "Sanne de Vries", "CMO", dt.date(2027, 1, 15), IN_PROGRESS),
        ("Eén klantbeeld over winkel en webshop", "audiences", "Pieter Jansen", "CIO",
         dt.date(2026, 12, 20), PLANNED),
        ("Al klaar: KPI-dashboard", "organisation", "Anne Bakker", "", dt.date(2026, 10, 1), DONE),
        ("Omnichannel-KPI's in de bonusregeling van het hele managementteam en de winkelmanagers",
         "organisation", "Anne Bakker", "HR-directeur", dt.date(2027, 3, 1), PLANNED),
        ("Zonder deadline", "activation", "", "", None, PLANNED),
        ("Retouren van de webshop in de winkel", "activation", "Joost Smit", "", dt.date(2026, 11, 20), PLANNED),
    ]
    create_actions(engine, demo.organisation, "2026", demo.framework.id,
                   [ActionFields(title=title, dimension=dim, owner_name=owner, owner_role=role, due_date=due,
                                 status=status) for title, dim, owner, role, due, status in plan])
    found = export_extras(engine, demo, today=TODAY)
    yield url, found
    engine.dispose()


@pytest.fixture(scope="module")
def extras(store):
    return store[1]


def _deck(demo, extras, lang, **options):
    return Presentation(io.BytesIO(build_deck(demo, lang, DeckOptions(**options), benchmark=extras.benchmark,
                                              history=extras.history, actions=extras.actions)))


def _by_name(slide, name):
    return next(s for s in slide.shapes if s.name == name)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_one_pager_comes_first_with_level_radar_findings_priorities_and_actions(demo, extras, lang):
    assert [a.fields.status for a in extras.actions.actions].count(DONE) == 1  # export_extras passes the whole plan
    prs = _deck(demo, extras, lang)
    slide = prs.slides[1]  # the first content slide, after the title
    kicker = _by_name(slide, KICKER).text_frame.text
    assert kicker == {"nl": "Samenvatting", "en": "Executive summary"}[lang]
    fw, o = demo.framework, demo.overall
    title = slide.shapes.title.text_frame.text
    assert title.startswith({"nl": f"Niveau {o.level}, ", "en": f"Level {o.level}, "}[lang])  # the message
    assert fw.level(o.level).name(lang) in title
    tile = _by_name(slide, TILE).text_frame.text
    assert fw.level(o.level).name(lang) in tile and f"{o.current:.2f}".replace(".", "," if lang == "nl" else ".") in tile
    radar = next(s.chart for s in slide.shapes if s.has_chart)
    assert radar.chart_type == XL_CHART_TYPE.RADAR_MARKERS
    assert [s.name for s in radar.plots[0].series] == [{"nl": "Huidig", "en": "Current"}[lang],
                                                       {"nl": "Gewenst", "en": "Target"}[lang]]
    assert list(radar.plots[0].series[0].values) == pytest.approx(list(demo.dimension_scores["current"].round(2)))
    findings = _by_name(slide, FINDINGS).text_frame.paragraphs
    assert [p.text.removeprefix("• ") for p in findings[1:]] == [f.text for f in headline_findings(demo, lang)]
    plan = build_roadmap(demo)
    top = [fw.dimension(i.dimension).name(lang) for i in plan.items if i.phase in PHASES][:3]
    priorities = [p.text for p in _by_name(slide, PRIORITIES).text_frame.paragraphs[1:]]
    assert len(priorities) == 3 and all(p.startswith(f"{n}. {name} (") for n, (p, name) in
                                         enumerate(zip(priorities, top), start=1))
    actions = [p.text for p in _by_name(slide, ACTIONS).text_frame.paragraphs[1:]]
    # open ones only, the earliest due date first; the done one and the one without a date are not shown
    assert [a.split(" · ")[0].removeprefix("• ") for a in actions] == [
        "Retouren van de webshop in de winkel", "Eén klantbeeld over winkel en webshop",
        "Kies een CDP en stel een datateam samen voor de eerste twee use cases"]
    assert actions[0].endswith({"nl": "20 november 2026 · Gepland · 11 dagen te laat",
                                "en": "20 November 2026 · Planned · 11 days overdue"}[lang])
    assert {"nl": "20 december 2026", "en": "20 December 2026"}[lang] in actions[1]
    assert "Pieter Jansen · CIO" in actions[1] and {"nl": "Bezig", "en": "In progress"}[lang] in actions[2]


def test_no_actions_no_actions_section_and_images_on_request(demo, extras):
    prs = Presentation(io.BytesIO(build_deck(demo, "en", DeckOptions(parts=("title", "summary"), charts_as_images=True))))
    slide = prs.slides[1]
    assert {s.name for s in slide.shapes} >= {TILE, FINDINGS, PRIORITIES} and ACTIONS not in {s.name for s in slide.shapes}
    assert not any(s.has_chart for s in slide.shapes) and any(s.shape_type == 13 for s in slide.shapes)  # a picture


def _paragraphs(frame) -> list[Paragraph]:
    out = []
    for p in frame.paragraphs:
        run = p.runs[0] if p.runs else None
        size = run.font.size.pt if run is not None and run.font.size else 18.0
        after = p.space_after.pt if p.space_after is not None else 0.0
        out.append(Paragraph(p.text, size, bool(run is not None and run.font.bold), after))
    return out


def _table_height(shape) -> int:
    """The table's height as drawn: each row as tall as its tallest cell's text (or its set height)."""
    table = shape.table
    total = 0
    for row in table.rows:
        needed = [text_height(_paragraphs(cell.text_frame), table.columns[c].width,
                              inset_x=cell.margin_left, inset_y=cell.margin_top)
                  for c, cell in enumerate(row.cells)]
        total += max(row.height, *needed)
    return total


def _box(shape) -> tuple[int, int, int, int]:
    height = _table_height(shape) if shape.has_table else shape.height
    return shape.left, shape.top, shape.left + shape.width, shape.top + height


def _logo(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("variant", ["native", "images", "logo"])
def test_every_text_fits_its_frame_and_nothing_overlaps(demo, extras, lang, variant):
    options = {"native": {}, "images": {"charts_as_images": True},
               "logo": {"logo": _logo(1200, 100), "accent": "C0392B"}}[variant]  # a wide logo: 2.5 in at most
    prs = _deck(demo, extras, lang, **options)
    width, height = prs.slide_width, prs.slide_height
    frames = 0
    for number, slide in enumerate(prs.slides, start=1):
        where = f"slide {number} ({slide.shapes.title.text_frame.text[:40]!r})"
        boxes = []
        for shape in slide.shapes:
            left, top, right, bottom = _box(shape)
            assert left >= 0 and top >= 0 and right <= width and bottom <= height - Inches(0.1), (where, shape.name)
            content = shape.has_table or shape.has_chart or shape.shape_type == 13 or (
                shape.has_text_frame and shape.text_frame.text.strip())
            if content:  # backgrounds without text (a timeline's lanes and bars, rules) may lie under content
                boxes.append((shape.name, (left, top, right, bottom)))
            if shape.has_text_frame and shape.text_frame.text.strip():
                frame = shape.text_frame
                needed = text_height(_paragraphs(frame), shape.width, inset_x=frame.margin_left,
                                     inset_y=frame.margin_top)
                assert needed <= shape.height, (where, shape.name, frame.text[:60], Emu(needed).inches,
                                                Emu(shape.height).inches)
                frames += 1
            if shape.has_table:  # no header (in bold, at its size) is wider than its column
                for c, cell in enumerate(shape.table.rows[0].cells):
                    size = cell.text_frame.paragraphs[0].runs[0].font.size.pt
                    for word in cell.text.split():
                        assert word_width(word, size, bold=True) <= shape.table.columns[c].width, (where, word)
        for i, (name, (l1, t1, r1, b1)) in enumerate(boxes):  # no two shapes cover each other
            for other, (l2, t2, r2, b2) in boxes[i + 1:]:
                assert min(r1, r2) <= max(l1, l2) or min(b1, b2) <= max(t1, t2), (where, name, other)
    assert frames > 25


def test_the_measure_finds_an_overflow():
    """The check above can fail: ten words at 18 pt do not fit one inch by half an inch."""
    words = "Marketingtechnologie blijft het verst achter: 2,1 nu, 3,8 gewenst"
    assert text_height([Paragraph(words, 18)], Inches(1)) > Inches(0.5)
    assert text_height([Paragraph("Ja", 18)], Inches(1)) <= Inches(0.5)
    one_line = text_height([Paragraph(words, 12)], Inches(12))
    assert text_height([Paragraph(words, 12), Paragraph(words, 12, space_after=8)], Inches(12)) > 2 * one_line - Inches(0.1)


def test_libreoffice_renders_the_one_pager_with_its_texts_whole(demo, extras, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    requires(soffice is not None, "LibreOffice is not installed (apt-get install libreoffice-impress-nogui)")
    requires(shutil.which("pdftotext") is not None, "pdftotext is not installed (apt-get install poppler-utils)")
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(build_deck(demo, "nl", DeckOptions(parts=("title", "summary")), benchmark=extras.benchmark,
                                history=extras.history, actions=extras.actions))
    result = subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(tmp_path / "deck.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for expected in ("Samenvatting", "Bevindingen", "Top drie prioriteiten", "Eerstvolgende acties",
                     "Eén klantbeeld over winkel en webshop", "Huidig", "Gewenst"):
        assert expected in flat, expected


def test_the_cli_puts_the_stored_actions_on_the_one_pager(store, tmp_path):
    url, _extras = store
    result = subprocess.run([sys.executable, "-m", "omni", "export", str(ROOT / "data/samples/demo-survey-nl.xlsx"),
                             "--pptx", str(tmp_path / "d.pptx"), "--database", url, "--lang", "en"],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    actions = _by_name(Presentation(tmp_path / "d.pptx").slides[1], ACTIONS).text_frame.paragraphs
    assert actions[0].text == "Next actions"
    assert actions[1].text.startswith("• Retouren van de webshop in de winkel · Joost Smit · 20 November 2026")


def test_the_export_page_passes_the_stored_actions_to_the_deck(store, demo):
    """What the Export page hands to build_deck (omni.ui.exports.stored_parts) carries the plan."""
    from omni.ui.exports import stored_parts

    url, extras = store
    engine = open_store(url)
    try:
        parts = stored_parts(engine, demo, "nl")
    finally:
        engine.dispose()
    assert parts.actions.actions == extras.actions.actions and len(parts.actions.actions) == 6


def test_benchmark_and_trend_titles_state_their_message(demo, extras):
    from omni.export.extras import trend

    prs = _deck(demo, extras, "en")
    titles = {_by_name(s, KICKER).text_frame.text: s.shapes.title.text_frame.text
              for s in prs.slides if any(shape.name == KICKER for shape in s.shapes)}
    dims = extras.benchmark.dimensions
    above = int((dims["score"] > dims["median"]).sum())
    worst = demo.framework.dimension(dims.loc[(dims["score"] - dims["median"]).idxmin(), "dimension"]).name("en")
    expected = (f"Above the peer median on {above} of {len(dims)} dimensions; furthest below on {worst}" if above
                else f"Nowhere above the peer median; furthest below on {worst}")
    assert titles["Compared with peers"] == expected
    overall = next(values for dimension, _name, values in trend(extras.history, "en").series if dimension == "_overall")
    assert titles["Trend over the waves"] == f"The index went from {overall[0]:.2f} (2024) to {overall[-1]:.2f} (2026)"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_appendix_titles_state_their_message_from_the_data(demo, lang):
    """The method slide says what this index is made of; each question slide names its largest gap.
    (The text-fit test above measures these titles too.)"""
    from omni.format import number

    prs = Presentation(io.BytesIO(build_deck(demo, lang, DeckOptions())))
    appendix = [s for s in prs.slides if any(sh.name == KICKER and sh.text_frame.text.startswith(
        {"nl": "Bijlage", "en": "Appendix"}[lang]) for sh in s.shapes)]
    assert len(appendix) == 4
    method, *questions = appendix
    index = number(demo.overall.current, lang)
    assert method.shapes.title.text_frame.text == {
        "nl": f"De index {index} is het gewogen gemiddelde van 5 onderdelen, uit de antwoorden van 10 respondenten",
        "en": f"The index {index} is the weighted mean of 5 dimensions, from the answers of 10 respondents"}[lang]
    rows = demo.question_scores.reset_index(drop=True)
    for part, slide in enumerate(questions):
        chunk = rows.iloc[part * 12:(part + 1) * 12]
        worst = chunk.loc[chunk["gap"].idxmax()]
        topic = demo.framework.question(worst["question"]).topic(lang)
        expected = {"nl": f"{worst['question']} {topic} heeft hier het grootste gat: "
                          f"{number(worst['current'], lang, 1)} nu, {number(worst['target'], lang, 1)} gewenst",
                    "en": f"{worst['question']} {topic} has the largest gap here: "
                          f"{number(worst['current'], lang, 1)} now, {number(worst['target'], lang, 1)} wanted"}[lang]
        assert slide.shapes.title.text_frame.text == expected
        kicker = _by_name(slide, KICKER).text_frame.text
        assert kicker.endswith(f"({part + 1}/3)") and kicker != slide.shapes.title.text_frame.text


def test_benchmark_chart_names_stand_level_in_libreoffice(demo, extras, tmp_path):
    """The benchmark chart is a horizontal bar chart: the dimension names stand level at its left
    (under narrow columns LibreOffice turned them on their side). Checked in the rendered PDF: every
    name's words are wider than tall, and they stand left of the chart's scale."""
    import re

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    requires(soffice is not None, "LibreOffice is not installed (apt-get install libreoffice-impress-nogui)")
    requires(shutil.which("pdftotext") is not None, "pdftotext is not installed (apt-get install poppler-utils)")
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(build_deck(demo, "nl", DeckOptions(parts=("title", "benchmark")), benchmark=extras.benchmark))
    from omni.charts import peer_distribution

    screen = peer_distribution(demo, extras.benchmark.rows, "nl", n=extras.benchmark.n_label).to_dict()
    for layer in screen["layer"]:  # on screen too: the names on the vertical axis, level
        assert layer["encoding"]["y"]["field"] == "name" and layer["encoding"]["x"]["type"] == "quantitative"
        assert layer["encoding"]["y"].get("axis", {}).get("labelAngle", 0) == 0
    prs = Presentation(str(deck))
    (chart,) = [s.chart for s in prs.slides[1].shapes if s.has_chart]
    assert chart.chart_type == XL_CHART_TYPE.BAR_STACKED and chart.category_axis.reverse_order
    result = subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    html = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-bbox", str(tmp_path / "deck.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    words = [(w, float(x0), float(y0), float(x1), float(y1)) for x0, y0, x1, y1, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)]
    scale = [x0 for w, x0, _y0, _x1, _y1 in words if w == "5"]
    for name in ("Marketingtechnologie", "Organisatie", "Activatie", "Totaal", "measurement"):
        assert scale
        in_chart = [(x0, y0, x1, y1) for w, x0, y0, x1, y1 in words if w == name and x1 < max(scale)]
        assert in_chart, (name, [w for w, *_ in words])  # the chart's label (the table stands right of it)
        x0, y0, x1, y1 = in_chart[0]
        assert x1 - x0 > y1 - y0, (name, "turned on its side")
