"""The action plan in the exports: the deck's action plan and "what our actions did" slides, the report's
Actions sheet, the Export page and `python -m omni export`, read back with python-pptx and openpyxl."""

from __future__ import annotations

import datetime as dt
import io
import pickle
import shutil
import subprocess
import sys

import pytest
from helpers import ROOT, requires, shown
from openpyxl import load_workbook
from pptx import Presentation
from pptx.util import Inches

from omni.action_plan import add_action
from omni.demo import demo_respondents
from omni.export.action_data import STATUS_COLOURS, VERDICT_COLOURS
from omni.export.deck import KICKER, DeckOptions, build_deck
from omni.export.fit import word_width
from omni.export.report import build_report
from omni.scoring import score
from omni.services import action_export, export_extras
from omni.store import open_store
from omni.store.assessments import save_assessment
from omni.survey import read_survey
from omni.survey.reader import survey_from_answers

TODAY = dt.date(2026, 10, 1)
HOSTILE_TITLE = '=HYPERLINK("http://x","klik") and a title long enough to be cut on the slide, but kept whole ' \
                'in the report and in the speaker notes of the deck'


@pytest.fixture(scope="module")
def demo():
    return score(read_survey([ROOT / "data/samples/demo-survey-nl.xlsx"]))


class Plan:
    """A SQLite store with two saved waves of the demo organisation and actions planned in the first."""

    def __init__(self, root, framework, demo) -> None:
        self.url = f"sqlite:///{root / 'omni.sqlite3'}"
        self.engine = open_store(self.url)
        org = demo.organisation
        people = demo_respondents(framework, n=6, seed=3)
        for person in people:
            person.facts = {**person.facts, "organisation": org}
        save_assessment(self.engine, score(survey_from_answers(framework, people)), wave="2025",
                        wave_date=dt.date(2025, 3, 1))
        add = lambda **v: add_action(self.engine, org, v, framework=framework)  # noqa: E731
        self.done = add(title="Visie delen met het team", dimension="vision", questions="VIS-1,VIS-2",
                        target_level=3, owner_name="Anna de Vries", owner_role="CEO", start_date="2025-04-01",
                        due_date="2025-09-30", status="done")
        self.late = add(title=HOSTILE_TITLE, dimension="martech", target_level=4, owner_name="Bram",
                        start_date="2025-05-01", due_date="2026-06-01", status="in_progress")
        self.planned = add(title="Klantdata koppelen", dimension="audiences", questions="AUD-1", target_level=3,
                           owner_role="CMO", due_date="2026-12-15", status="planned")
        self.dropped = add(title="Oud project", dimension="activation", due_date="2026-02-01", status="dropped")
        self.undated = add(title="Zonder deadline", dimension="organisation", status="planned")
        self.second = save_assessment(self.engine, demo, wave="2026", wave_date=dt.date(2026, 3, 1))
        self.later = add(title="Next step after the second wave", dimension="vision", due_date="2027-01-31",
                         status="planned", owner_name="Anna de Vries")
        self.export = action_export(self.engine, org, TODAY)


@pytest.fixture(scope="module")
def plan(tmp_path_factory, framework, demo):
    store = Plan(tmp_path_factory.mktemp("actions"), framework, demo)
    yield store
    store.engine.dispose()


def _kicker(slide) -> str:
    found = [s.text_frame.text for s in slide.shapes if s.name == KICKER]
    return found[0] if found else ""


def _slides(prs, kicker: str) -> list:
    return [s for s in prs.slides if _kicker(s) == kicker]


def _table(slide) -> list[list[str]]:
    table = next(s.table for s in slide.shapes if s.has_table)
    return [[c.text for c in row.cells] for row in table.rows]


def _cell_fill(slide, row: int, column: int) -> str:
    table = next(s.table for s in slide.shapes if s.has_table)
    return str(table.cell(row, column).fill.fore_color.rgb)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_action_plan_slide_timeline_owners_and_status(demo, plan, lang):
    prs = Presentation(io.BytesIO(build_deck(demo, lang, actions=plan.export)))
    kicker = {"en": "Action plan", "nl": "Actieplan"}[lang]
    slides = _slides(prs, kicker)
    assert len(slides) == 1
    slide = slides[0]
    title = slide.shapes.title.text_frame.text
    # the message: one open action (the martech one) is overdue
    assert title == {"en": "1 of 6 actions is overdue, on Marketing technology",
                     "nl": "1 van 6 acties is te laat, bij Marketingtechnologie"}[lang]
    rows = _table(slide)
    assert rows[0] == {"en": ["#", "Action", "Dimension", "Owner", "Due", "Status"],
                       "nl": ["#", "Actie", "Onderdeel", "Eigenaar", "Deadline", "Status"]}[lang]
    body = rows[1:]
    assert [r[0] for r in body] == ["1", "2", "3", "4", "5", "6"]  # numbered by due date, undated last
    assert [r[4].split("\n")[0] for r in body] == ["2025-09-30", "2026-02-01", "2026-06-01", "2026-12-15",
                                                   "2027-01-31", "–"]
    by_title = {r[1]: r for r in body}
    done = by_title["Visie delen met het team"]
    assert done[3] == "Anna de Vries · CEO" and done[5] == {"en": "Done", "nl": "Klaar"}[lang]
    late = body[2]
    assert late[1].startswith('=HYPERLINK("http://x"') and late[1].endswith("…") and len(late[1]) <= 90
    assert late[4] == "2026-06-01\n" + {"en": "122 days overdue", "nl": "122 dagen te laat"}[lang]
    assert late[5] == {"en": "In progress", "nl": "Bezig"}[lang]
    assert by_title["Klantdata koppelen"][3] == "CMO" and by_title["Zonder deadline"][3] == "–"
    # status by colour and by its name
    for r, row in enumerate(body, start=1):
        code = {"Done": "done", "Klaar": "done", "In progress": "in_progress", "Bezig": "in_progress",
                "Planned": "planned", "Gepland": "planned", "Dropped": "dropped", "Vervallen": "dropped"}[row[5]]
        assert _cell_fill(slide, r, 5) == STATUS_COLOURS[code]
    assert _cell_fill(slide, 3, 4) == "FDE7E7"  # the overdue due date stands out
    # the timeline: a numbered marker per dated action, coloured by status, a red ring when overdue
    markers = {s.name: s for s in slide.shapes if s.name.startswith("Action ")}
    assert set(markers) == {f"Action {n}" for n in range(1, 6)}  # the undated action is in the table only
    assert markers["Action 3"].text_frame.text == "3"
    assert str(markers["Action 3"].fill.fore_color.rgb) == STATUS_COLOURS["in_progress"]
    assert str(markers["Action 3"].line.color.rgb) == "C00000"
    assert str(markers["Action 1"].line.color.rgb) != "C00000"
    today = next(s for s in slide.shapes if s.name == "Today")
    assert markers["Action 3"].left < today.left < markers["Action 4"].left  # overdue left of today
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    assert {"en": "today", "nl": "vandaag"}[lang] in texts
    assert {"en": "1 action without a due date: in the table only",
            "nl": "1 actie zonder deadline: alleen in de tabel"}[lang] in texts
    lanes = [s for s in slide.shapes if s.name == "Lane"]
    assert len(lanes) == 4  # vision, martech, audiences, activation (organisation has no dated action)
    # everything on the slide, nothing over its bottom edge
    for shape in slide.shapes:
        assert shape.top + shape.height <= prs.slide_height - Inches(0.3), shape.name
        assert shape.left >= 0 and shape.left + shape.width <= prs.slide_width, shape.name
    notes = slide.notes_slide.notes_text_frame.text
    assert HOSTILE_TITLE in notes and "2025-05-01 → 2026-06-01" in notes


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_what_our_actions_did_slide(demo, plan, lang):
    prs = Presentation(io.BytesIO(build_deck(demo, lang, actions=plan.export)))
    slides = _slides(prs, {"en": "What our actions did", "nl": "Wat onze acties deden"}[lang])
    assert len(slides) == 1
    slide = slides[0]
    review = plan.export.review
    checked = [r for r in review.reviews if r.after_wave]
    assert len(checked) == 5  # the five actions of 2025; the 2026 one waits for the next wave
    rows = _table(slide)
    assert rows[0][-1] == {"en": "Verdict", "nl": "Oordeel"}[lang]
    by_title = {r[0]: r for r in rows[1:]}
    vis = next(r for r in checked if r.action.id == plan.done.id)
    row = by_title["Visie delen met het team"]
    assert row[3] == "2025 → 2026"
    assert row[6] == f"3 / {vis.level_after}"
    assert row[5].startswith("VIS-1 ") and "VIS-2 " in row[5]
    verdicts = {"reached": {"en": "Target reached", "nl": "Doel gehaald"},
                "reached_unmoved": {"en": "Level reached, but this action moved nothing",
                                    "nl": "Niveau gehaald, maar deze actie bewoog niets"},
                "moved": {"en": "Improved, target not yet reached", "nl": "Verbeterd, doel nog niet gehaald"},
                "not_moved": {"en": "Did not move", "nl": "Niet bewogen"}}
    assert row[7] == verdicts[vis.verdict][lang]
    r = list(by_title).index("Visie delen met het team") + 1
    assert _cell_fill(slide, r, 7) == VERDICT_COLOURS[vis.verdict]
    title = slide.shapes.title.text_frame.text
    if review.done_not_moved:
        assert "did not move" in title or "bewogen niet" in title
    else:
        assert ("reached the level" in title) or ("beoogde niveau" in title)
    findings = next((s.text_frame.text for s in slide.shapes if s.name == "Findings"), "")
    if review.moved_without_action:
        assert {"en": "Moved without an action (2025 → 2026)", "nl": "Bewogen zonder actie (2025 → 2026)"}[lang] \
            in findings
    if review.overdue_on_largest_gaps:
        assert {"en": "Overdue on the dimensions", "nl": "Te laat op de onderdelen"}[lang] in findings
    for shape in slide.shapes:
        assert shape.top + shape.height <= prs.slide_height - Inches(0.3), shape.name


def test_no_action_slides_without_actions_and_no_review_with_one_wave(demo, plan, framework, tmp_path):
    titles = {_kicker(s) for s in Presentation(io.BytesIO(build_deck(demo, "en"))).slides}
    assert "Action plan" not in titles
    engine = open_store(f"sqlite:///{tmp_path / 'one.sqlite3'}")
    save_assessment(engine, demo, wave="2026")
    assert action_export(engine, demo.organisation) is None
    add_action(engine, demo.organisation, {"title": "Eerste stap", "dimension": "vision", "due_date": "2026-12-01"},
               framework=framework)
    one = action_export(engine, demo.organisation, TODAY)
    prs = Presentation(io.BytesIO(build_deck(demo, "en", actions=one)))
    assert len(_slides(prs, "Action plan")) == 1 and not _slides(prs, "What our actions did")
    assert _slides(prs, "Action plan")[0].shapes.title.text_frame.text == \
        "1 action open, not overdue; due 2026-12-01 (Vision and support)"
    engine.dispose()


def test_many_actions_continue_on_further_slides_without_overflow(demo, plan, framework, tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'many.sqlite3'}")
    save_assessment(engine, demo, wave="2026")
    dims = [d.id for d in framework.dimensions]
    for i in range(30):
        add_action(engine, demo.organisation, {
            "title": f"Actie {i + 1}: " + "een wat langere omschrijving van de stap " * (1 + i % 3),
            "dimension": dims[i % len(dims)], "owner_name": f"Eigenaar {i % 4}",
            "due_date": (TODAY + dt.timedelta(days=7 * i - 60)).isoformat(),
            "status": ("planned", "in_progress", "done", "dropped")[i % 4]}, framework=framework)
    found = action_export(engine, demo.organisation, TODAY)
    prs = Presentation(io.BytesIO(build_deck(demo, "nl", actions=found)))
    slides = _slides(prs, "Actieplan")
    assert len(slides) >= 3
    numbers = [r[0] for s in slides if any(sh.has_table for sh in s.shapes) for r in _table(s)[1:]]
    assert numbers == [str(n) for n in range(1, 31)]
    assert len([s for s in slides[0].shapes if s.name.startswith("Action ")]) == 30
    for slide in slides:
        for shape in slide.shapes:
            assert shape.top + shape.height <= prs.slide_height - Inches(0.3), shape.name
    engine.dispose()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_word_is_wider_than_its_column_on_the_action_slides(demo, plan, lang):
    prs = Presentation(io.BytesIO(build_deck(demo, lang, DeckOptions(parts=("actions",)), actions=plan.export)))
    checked = 0
    for slide in prs.slides:
        for shape in (s for s in slide.shapes if s.has_table):
            for c, column in enumerate(shape.table.columns):
                for r, row in enumerate(shape.table.rows):
                    for paragraph in row.cells[c].text_frame.paragraphs:
                        size = paragraph.runs[0].font.size.pt if paragraph.runs else 0
                        for word in paragraph.text.split():
                            if word.startswith('=HYPERLINK("http://x","klik")'):
                                continue  # one user "word" longer than any column: it wraps
                            assert word_width(word, size, bold=r == 0) <= column.width, (word, size)
                            checked += 1
    assert checked > 60


def test_report_actions_sheet(demo, plan):
    data = build_report(demo, "en", actions=plan.export)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames[-1] == "Actions"
    ws = wb["Actions"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "Action plan of Huis & Haard Wonen"
    header_at = next(i for i, r in enumerate(rows) if r[0] == "#")
    header = rows[header_at]
    assert list(header[:13]) == ["#", "Action", "Dimension", "Questions", "Target level", "Owner", "Owner role",
                                 "Start", "Due", "Status", "Days overdue", "Notes", "Wave"]
    assert "Next wave" in header and "Verdict" in header and "Level reached" in header
    body = {r[1]: r for r in rows[header_at + 1:] if r[0] is not None and isinstance(r[0], int)}
    late = body[HOSTILE_TITLE]
    assert late[8] == dt.datetime(2026, 6, 1) and late[9] == "In progress" and late[10] == 122
    cell = next(c for c in ws.iter_rows(min_row=header_at + 2) if c[1].value == HOSTILE_TITLE)[1]
    assert cell.data_type == "s" and cell.quotePrefix  # text, never a live formula
    done = body["Visie delen met het team"]
    assert done[2] == "Vision and support" and done[3] == "VIS-1, VIS-2" and done[4] == 3
    assert done[7] == dt.datetime(2025, 4, 1) and done[9] == "Done" and done[10] is None
    due_cell = next(c for c in ws.iter_rows(min_row=header_at + 2) if c[1].value == "Klantdata koppelen")[8]
    assert due_cell.number_format == "yyyy-mm-dd" and due_cell.is_date
    column = {name: i for i, name in enumerate(header)}
    vis = next(r for r in plan.export.review.reviews if r.action.id == plan.done.id)
    assert done[column["Next wave"]] == "2026"
    assert done[column["Dimension before"]] == pytest.approx(round(vis.dimension.before, 2))
    assert done[column["Dimension after"]] == pytest.approx(round(vis.dimension.after, 2))
    assert done[column["Level reached"]] == vis.level_after
    waiting = body["Next step after the second wave"]
    assert waiting[column["Verdict"]] == "Waiting for the next wave"
    dutch = load_workbook(io.BytesIO(build_report(demo, "nl", actions=plan.export)))
    assert dutch.sheetnames[-1] == "Acties"
    assert "Actions" not in load_workbook(io.BytesIO(build_report(demo, "en"))).sheetnames


def test_export_extras_and_cli_take_the_actions_from_the_store(demo, plan, tmp_path):
    extras = export_extras(plan.engine, demo, today=TODAY)
    assert extras.actions is not None and len(extras.actions.actions) == 6 and extras.actions_reviewed
    assert extras.actions_missing is None
    assert pickle.loads(pickle.dumps(extras.actions)) == extras.actions  # goes to the export worker as is
    result = subprocess.run([sys.executable, "-m", "omni", "export", str(ROOT / "data/samples/demo-survey-en.xlsx"),
                             "--pptx", str(tmp_path / "d.pptx"), "--xlsx", str(tmp_path / "r.xlsx"),
                             "--database", plan.url, "--lang", "en"],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Action plan: 6 actions of Huis & Haard Wonen; checked at the next wave" in result.stdout
    kickers = [_kicker(s) for s in Presentation(tmp_path / "d.pptx").slides]
    assert "Action plan" in kickers and "What our actions did" in kickers
    assert kickers.index("What our actions did") == kickers.index("Action plan") + 1
    assert load_workbook(tmp_path / "r.xlsx").sheetnames[-1] == "Actions"
    empty = subprocess.run([sys.executable, "-m", "omni", "export", str(ROOT / "data/samples/demo-survey-en.xlsx"),
                            "--pptx", str(tmp_path / "e.pptx"), "--database",
                            f"sqlite:///{tmp_path / 'empty.sqlite3'}", "--lang", "nl"],
                           capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert empty.returncode == 0, empty.stderr
    assert "Actieplan niet opgenomen: Huis & Haard Wonen heeft geen acties op het actieplan" in empty.stdout
    assert "Actieplan" not in [_kicker(s) for s in Presentation(tmp_path / "e.pptx").slides]


@pytest.mark.parametrize("with_actions", [True, False])
def test_export_page_offers_the_action_plan_when_there_is_one(plan, tmp_path, monkeypatch, with_actions):
    from streamlit.testing.v1 import AppTest

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())
    if with_actions:
        monkeypatch.setenv("OMNI_DATABASE_URL", plan.url)
    else:
        monkeypatch.delenv("OMNI_DATABASE_URL", raising=False)
        monkeypatch.setenv("OMNI_DATA_DIR", str(tmp_path / "var"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.switch_page("pages/export.py").run()
    assert not at.exception
    box = next(c for c in at.checkbox if shown(c.label).startswith("Actieplan"))
    if with_actions:
        assert shown(box.label) == "Actieplan (6 acties van Huis & Haard Wonen; gecontroleerd bij de volgende meting)"
        assert box.value and not box.disabled
    else:
        assert shown(box.label) == ("Actieplan — niet beschikbaar: Huis & Haard Wonen heeft geen acties op het "
                                    "actieplan")
        assert not box.value and box.disabled


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def test_libreoffice_converts_the_deck_and_the_report_with_the_actions(demo, plan, tmp_path):
    requires(_soffice() is not None, "LibreOffice is not installed (apt-get install libreoffice-impress-nogui)")
    deck, report = tmp_path / "deck.pptx", tmp_path / "report.xlsx"
    deck.write_bytes(build_deck(demo, "nl", DeckOptions(parts=("title", "actions")), actions=plan.export))
    report.write_bytes(build_report(demo, "nl", actions=plan.export))
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run([_soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                             "--outdir", str(tmp_path), str(deck), str(report)], capture_output=True, text=True,
                            timeout=240)
    assert result.returncode == 0, result.stderr
    for name in ("deck.pdf", "report.pdf"):
        assert (tmp_path / name).read_bytes()[:5] == b"%PDF-", name
    requires(shutil.which("pdftotext") is not None, "pdftotext is not installed (apt-get install poppler-utils)")
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "deck.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    words = set(text.split())
    assert {"Actieplan", "vandaag", "Klantdata", "koppelen", "Oordeel", "Eigenaar", "Deadline"} <= words
    assert "122 dagen te laat" in " ".join(text.split())


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_status_and_overdue_colours_keep_text_readable():
    """WCAG AA (4.5:1) for the white names on status and verdict fills, the red overdue text on its light
    fill in the deck, and the overdue cells of the Action plan page's table."""
    from omni.export.action_data import OVERDUE_COLOUR, OVERDUE_FILL
    from omni.ui.actions import OVERDUE_CSS

    for colour in (*STATUS_COLOURS.values(), *VERDICT_COLOURS.values()):
        assert _contrast(colour, "FFFFFF") >= 4.5, colour
    assert _contrast(OVERDUE_COLOUR, OVERDUE_FILL) >= 4.5
    css = dict(part.split(": ") for part in OVERDUE_CSS.split("; "))
    assert _contrast(css["color"], css["background-color"]) >= 4.5


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_pdf_report_has_the_action_plan_and_what_the_actions_did(demo, plan, framework, lang, tmp_path):
    from omni.export.pdf_report import build_pdf

    requires(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=build_pdf(demo, lang, actions=plan.export),
                          capture_output=True, check=True).stdout.decode()
    flat = " ".join(text.split())
    assert {"en": "1 of 6 actions is overdue, on Marketing technology",
            "nl": "1 van 6 acties is te laat, bij Marketingtechnologie"}[lang] in flat
    assert {"en": "122 days overdue", "nl": "122 dagen te laat"}[lang] in flat
    assert {"en": "What our actions did", "nl": "Wat onze acties deden"}[lang] in flat
    assert "Klantdata koppelen" in flat and "2025 → 2026" in flat and "Bram" in flat
    assert '=HYPERLINK("http://x","klik")' in flat  # the whole title, as text
    # Typst markup in a title stays text
    engine = open_store(f"sqlite:///{tmp_path / 'typst.sqlite3'}")
    save_assessment(engine, demo, wave="2026")
    hostile = "#set page(width: 1cm) $x$ *b* _i_ [c] {d} // f"
    add_action(engine, demo.organisation, {"title": hostile, "dimension": "vision"}, framework=framework)
    data = build_pdf(demo, lang, actions=action_export(engine, demo.organisation, TODAY))
    again = " ".join(subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True,
                                    check=True).stdout.decode().split())  # text in drawing order: cell by cell
    assert hostile in again
    engine.dispose()
    assert "Action plan" not in " ".join(subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=build_pdf(demo, "en"), capture_output=True,
        check=True).stdout.decode().split())
