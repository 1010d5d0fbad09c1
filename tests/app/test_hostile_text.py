"""One hostile string in every field a user controls, followed to every output.

The string is at once a spreadsheet formula, HTML, a markdown image and link, an autolink, a bare
web address and LaTeX. It goes in as organisation, sector, role, department, respondent name,
every comment, file name, wave label and a signed-in user's display name; it comes out on every
page (AppTest: never as markup, only escaped or as plain table cells), in the Excel report, in the
deck and the workbooks embedded behind its charts (openpyxl: no formula, no hyperlink), and in our
CSV downloads (every cell that starts like a formula gets an apostrophe).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest
import streamlit.testing.v1.app_test as app_test_module
from helpers import ROOT
from openpyxl import load_workbook
from pptx import Presentation
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from omni.export.deck import DeckOptions, build_deck
from omni.export.report import build_report
from omni.export.text import FORMULA_START, csv_table
from omni.history import organisation_history
from omni.scoring import score
from omni.store import open_store
from omni.store.access import Identity, sign_in
from omni.store.assessments import save_assessment
from omni.store.rounds import open_round, start_respondent
from omni.survey.model import RespondentAnswers
from omni.survey.reader import survey_from_answers
from omni.ui.markup import plain
from omni.ui.state import INTAKE, RESULT, Result

# Formula + HTML + markdown image and link + autolink + bare address + LaTeX; 99 characters, so it
# fits every field (a wave label holds 100).
HOSTILE = '=HYPERLINK("http://e.vil")<b>b</b>![i](http://e.vil/i)<http://e.vil> www.e.vil $\\rule{9em}{9em}$ *m*'
# What only the hostile string brings into a page's markdown when it is not escaped.
ACTIVE = ("](", "<b>", "<http", "$", "http:", "www.", "HYPERLINK(", "{9em}")
MARKDOWN_ELEMENTS = {"markdown", "caption", "title", "header", "subheader", "success", "info", "warning", "error",
                     "toast", "exception"}
PAGES = ["pages/start.py", "pages/overview.py", "pages/dimensions.py", "pages/roadmap.py", "pages/method.py",
         "pages/benchmark.py", "pages/export.py", "pages/history.py", "pages/rounds.py", "pages/admin.py"]


def test_the_hostile_string_fits_every_field():
    assert len(HOSTILE) <= 100
    assert HOSTILE.startswith(FORMULA_START)


def _unescaped(text: str) -> str:
    """What markdown sees as syntax: `text` without its backslash-escaped characters."""
    return re.sub(r"\\.", "", text)


# GitHub autolinks and short codes are searched in the parsed text, after escapes are resolved.
AUTOLINK = re.compile(r"(?i)https?://|www\.|[-.+\w]@\w|:[\w/-]+:")


def _assert_plain(text: str, where: str) -> None:
    for token in ACTIVE:
        assert token not in _unescaped(text), f"{where}: {token!r} rendered as markup in {text!r}"
    resolved = re.sub(r"\\(.)", r"\1", text)
    assert not AUTOLINK.search(resolved), f"{where}: {AUTOLINK.search(resolved)[0]!r} would become a link in {text!r}"


def markdown_texts(at: AppTest) -> list[str]:
    """Every text the page renders as markdown: element bodies, widget labels and help, radio options,
    tab and expander labels (table cells, select options and input values are plain text)."""
    found: list[str] = []

    def walk(node) -> None:
        kind = getattr(node, "type", "")
        if kind in MARKDOWN_ELEMENTS and isinstance(getattr(node, "value", None), str):
            found.append(node.value)
        proto = getattr(node, "proto", None)
        for attribute in ("label", "help"):
            value = getattr(node, attribute, None)
            if value is None and proto is not None and hasattr(proto, attribute):
                value = getattr(proto, attribute)
            if isinstance(value, str):
                found.append(value)
        if kind == "radio":
            found.extend(str(option) for option in node.options)
        children = getattr(node, "children", None) or {}
        for child in (children.values() if isinstance(children, dict) else children):
            walk(child)

    walk(at._tree)
    return found


def plain_texts(at: AppTest) -> str:
    """Everything shown as plain text: table cells, select options, input values."""
    parts = [frame.value.to_csv() for frame in at.dataframe]
    parts += [str(s.options) for s in at.selectbox] + [str(t.value) for t in at.text_input]
    return "\n".join(parts)


@pytest.fixture
def hostile_world(tmp_path, monkeypatch, framework):
    """A store and a session where every user-controlled field holds HOSTILE."""
    url = f"sqlite:///{tmp_path / 'omni.sqlite3'}"
    monkeypatch.setenv("OMNI_DATABASE_URL", url)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())
    facts = {"organisation": HOSTILE, "sector": HOSTILE, "role": HOSTILE, "department": HOSTILE, "name": HOSTILE,
             "size_band": "large", "channel_model": "omnichannel", "date": "2026-03-01"}
    first = framework.questions[0].id  # left blank once: a warning that names the file (Start's problems table)
    people = [RespondentAnswers({**facts, "name": f"{HOSTILE} {i}"},
                                {q.id: (None, None, HOSTILE) if (i, q.id) == (0, first) else (2 + i, 4, HOSTILE)
                                 for q in framework.questions}) for i in range(2)]
    assessment = score(survey_from_answers(framework, people, source=f"{HOSTILE}.xlsx"))
    assert assessment.organisation == HOSTILE
    assert assessment.survey.problems and assessment.survey.problems[0].file == f"{HOSTILE}.xlsx"
    engine = open_store(url)
    save_assessment(engine, assessment, wave="2025", organisation=HOSTILE)
    save_assessment(engine, assessment, wave=HOSTILE, organisation=HOSTILE, source=f"{HOSTILE}.xlsx")
    sign_in(engine, Identity("https://idp.example.test", "mallory", "m@example.test", HOSTILE))
    _, token = open_round(engine, HOSTILE, HOSTILE)
    start_respondent(engine, token, language="nl", role=HOSTILE, department=HOSTILE, name=HOSTILE)
    history = organisation_history(engine, HOSTILE)
    engine.dispose()
    return assessment, history


@pytest.fixture
def media(monkeypatch):
    """The media managers of AppTest's runs, to fetch what a download button serves (Streamlit's own
    manager and storage; only remembered, not replaced)."""
    managers: list[MediaFileManager] = []

    class Remembered(MediaFileManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            managers.append(self)

    monkeypatch.setattr(app_test_module, "MediaFileManager", Remembered)
    return managers


def _csv_downloads(at: AppTest, managers: list[MediaFileManager]) -> dict[str, bytes]:
    """Our CSV downloads on the page: name -> the bytes a click serves."""
    files = {}
    for button in at.get("download_button"):
        proto = button.proto
        if not proto.id.endswith("-csv_") and "csv_" not in proto.id:
            continue
        url = managers[-1].execute_deferred(proto.deferred_file_id)
        files[proto.id] = managers[-1].read_file(url.rsplit("/", 1)[-1].split(".", 1)[0]).content
    return files


def _check_csv(data: bytes, where: str) -> int:
    """Every cell that starts like a formula is neutralised; returns how many cells held the hostile text."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    hits = 0
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_START), f"{where}: live formula {cell!r}"
            hits += HOSTILE in cell
    return hits


def test_every_page_shows_the_hostile_string_only_as_text(hostile_world, media):
    assessment, _ = hostile_world
    result = Result(assessment.survey, assessment, "upload", (f"{HOSTILE}.xlsx",))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state[RESULT] = result
    at.session_state[INTAKE] = result
    at.run()
    csv_hits, downloads = 0, set()
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, f"{page}: {at.exception}"
        rendered = markdown_texts(at)
        for text in rendered:
            _assert_plain(text, page)
        shown = "\n".join(rendered) + plain_texts(at)
        assert plain(HOSTILE) in shown or plain(HOSTILE.lower()) in shown or HOSTILE in plain_texts(at), \
            f"{page}: the hostile text never reached the page"
        for name, data in _csv_downloads(at, media).items():
            csv_hits += _check_csv(data, f"{page} {name}")
            downloads.add(name)
        if page == "pages/history.py":  # save a wave labelled with it: the success message
            at.text_input[1].set_value(HOSTILE)
            at.button[0].click().run()  # the form's submit button
            assert not at.exception
            assert at.success, "the wave was not saved"
            for text in markdown_texts(at):
                _assert_plain(text, "history saved")
            assert any(plain(HOSTILE) in s.value for s in at.success)
    assert csv_hits >= 5
    for table in ("problems", "comments-", "waves", "trace", "-roles", "organisations", "users", "audit-log"):
        assert any(table in name for name in downloads), f"no CSV download of {table}: {downloads}"


def test_the_sector_from_a_file_is_escaped_on_the_benchmark_page(hostile_world):
    assessment, _ = hostile_world
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state[RESULT] = Result(assessment.survey, assessment, "upload", ("x.xlsx",))
    at.run()
    at.switch_page("pages/benchmark.py").run()
    sector = at.toggle(key="bench_sector")
    assert plain(HOSTILE) in sector.label
    assert at.warning and plain(HOSTILE) in at.warning[0].value  # the group is too small: named, escaped


def _no_formulas_or_links(data: bytes, where: str) -> int:
    """Opens a workbook with openpyxl: no formula cell, no hyperlink; returns the cells holding HOSTILE."""
    workbook = load_workbook(io.BytesIO(data))
    hits = 0
    for sheet in workbook.worksheets:
        assert not sheet._hyperlinks, f"{where}: {sheet.title} has hyperlinks"
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{where}: {sheet.title}!{cell.coordinate} is a formula"
                assert cell.hyperlink is None, f"{where}: {sheet.title}!{cell.coordinate} is a link"
                hits += isinstance(cell.value, str) and HOSTILE in cell.value
    return hits


def test_report_deck_and_the_decks_chart_workbooks_hold_no_formula(hostile_world):
    assessment, history = hostile_world
    assert _no_formulas_or_links(build_report(assessment, "en", history=history), "report") >= 3

    deck = build_deck(assessment, "en", DeckOptions(wave=HOSTILE), history=history)
    presentation = Presentation(io.BytesIO(deck))
    embedded = 0
    for slide in presentation.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                blob = shape.chart.part.chart_workbook.xlsx_part.blob
                embedded += _no_formulas_or_links(blob, f"chart on slide {presentation.slides.index(slide) + 1}")
    assert embedded >= 1  # the trend chart: one category per wave, one of them labelled HOSTILE
    with zipfile.ZipFile(io.BytesIO(deck)) as package:
        texts = [package.read(n).decode("utf-8", "replace") for n in package.namelist() if n.endswith(".xml")]
    assert not any('TargetMode="External"' in text for text in texts)  # nothing fetched when the deck opens


def test_csv_neutralises_every_formula_start():
    import pandas as pd

    frame = pd.DataFrame({"text": [HOSTILE, "+1", "-x", "@SUM(A1)", "\t=1", "\r=1", "ok", None],
                          "n": [1, -2, 3, 4, 5, 6, 7, 8]})
    rows = list(csv.reader(io.StringIO(csv_table(frame).decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["'" + HOSTILE, "'+1", "'-x", "'@SUM(A1)", "'\t=1", "'\r=1", "ok", ""]
    assert [r[1] for r in rows[1:]] == ["1", "-2", "3", "4", "5", "6", "7", "8"]  # numbers stay numbers


def test_a_refused_templates_name_is_shown_as_text(hostile_world):
    assessment, _ = hostile_world
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state[RESULT] = Result(assessment.survey, assessment, "upload", ("x.xlsx",))
    at.run()
    at.switch_page("pages/export.py").run()
    at.get("file_uploader")[0].upload(f"{HOSTILE}.pptx", b"not a presentation").run()
    assert not at.exception and at.error
    _assert_plain(at.error[0].value, "template error")
    assert plain(HOSTILE) in at.error[0].value
