"""Waves scored with different framework versions: dimensions compare, questions only through
`replaces`, and the screen, the CLI and the exports say that the versions differ."""

from __future__ import annotations

import io

import numpy as np
import pytest
from openpyxl import load_workbook
from pptx import Presentation
from test_pdf_report import flat, pdf_text

from omni.export.deck import build_deck
from omni.export.pdf_report import build_pdf
from omni.export.report import build_report
from omni.framework import DEFAULT_FRAMEWORK_ID, get_framework
from omni.history import (
    comparable_questions,
    compare_waves,
    format_history,
    history_dict,
    organisation_history,
    version_note,
)
from omni.scoring import score
from omni.store import open_store
from omni.store.assessments import save_assessment
from omni.survey.model import RespondentAnswers
from omni.survey.reader import survey_from_answers

V1, V2 = get_framework(DEFAULT_FRAMEWORK_ID, "1.0"), get_framework(DEFAULT_FRAMEWORK_ID, "2.0")


def _wave(framework, currents: dict[str, int], date: str):
    person = RespondentAnswers(
        facts={"organisation": "Versie BV", "sector": "home", "size_band": "l", "channel_model": "store_led",
               "role": "executive", "date": date},
        answers={q.id: (currents[q.id], 5, "") for q in framework.questions})
    return score(survey_from_answers(framework, [person]))


@pytest.fixture
def two_versions(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'v.sqlite3'}")
    first = {q.id: 1 + i % 3 for i, q in enumerate(V1.questions)}  # 1, 2, 3, 1, ...
    later = {q.id: 4 for q in V2.questions}
    save_assessment(engine, _wave(V1, first, "2025-03-01"), wave="2025")
    save_assessment(engine, _wave(V2, later, "2026-03-01"), wave="2026")
    yield engine, first
    engine.dispose()


def test_questions_compare_only_where_the_newer_version_names_the_one_it_replaces(two_versions):
    engine, first = two_versions
    history = organisation_history(engine, "Versie BV")
    assert history.versions() == ("1.0", "2.0")
    compared = compare_waves(engine, history, history.waves[0].id, history.waves[1].id, top=100)
    new_questions = {q.id for q in V2.questions if not q.replaces}
    assert new_questions and not new_questions & set(compared.questions["question"])
    expected = {q.id: first[q.replaces[0]] for q in V2.questions if q.replaces}
    got = dict(zip(compared.questions["question"], compared.questions["before"]))
    assert got == pytest.approx(expected)
    assert np.allclose(compared.questions["after"], 4)
    assert len(compared.dimensions) == len(V2.dimensions)  # dimensions always compare


def test_comparable_questions_rules():
    assert comparable_questions(V2, V2) == {q.id: (q.id,) for q in V2.questions}
    forward = comparable_questions(V1, V2)
    assert "AUD-8" not in forward and forward["VIS-1"] == ("VIS-1",)
    backward = comparable_questions(V2, V1)  # a newer wave picked as "before"
    assert backward["VIS-1"] == ("VIS-1",) and "AUD-8" not in backward
    assert comparable_questions(V1, get_framework("seven-step-experience")) == {}


@pytest.mark.parametrize("lang, words", [("nl", "verschillende versies"), ("en", "different versions")])
def test_every_output_says_the_versions_differ(two_versions, lang, words):
    engine, _ = two_versions
    history = organisation_history(engine, "Versie BV")
    note = version_note(history, lang)
    assert words in note and "2025: 1.0" in note and "2026: 2.0" in note
    assert history_dict(history, lang)["versions_differ"] == note
    text = format_history(history, lang)
    assert note in text and ("4,00" if lang == "nl" else "4.00") in text
    latest = _wave(V2, {q.id: 4 for q in V2.questions}, "2026-03-01")
    deck = Presentation(io.BytesIO(build_deck(latest, lang, history=history)))
    deck_text = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                         if shape.has_text_frame)
    assert note in deck_text
    report = load_workbook(io.BytesIO(build_report(latest, lang, history=history)), read_only=True)
    cells = [c for sheet in report.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert note in cells
    pdf = flat(pdf_text(build_pdf(latest, lang, history=history)))
    assert words in pdf and "2026: 2.0" in pdf


def test_one_version_says_nothing(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'one.sqlite3'}")
    for year in ("2025", "2026"):
        save_assessment(engine, _wave(V2, {q.id: 3 for q in V2.questions}, f"{year}-03-01"), wave=year)
    history = organisation_history(engine, "Versie BV")
    assert version_note(history, "nl") is None and history_dict(history, "nl")["versions_differ"] is None
    engine.dispose()


def test_the_history_page_says_the_versions_differ(tmp_path, monkeypatch):
    from helpers import ROOT
    from streamlit.testing.v1 import AppTest

    monkeypatch.delenv("OMNI_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("OMNI_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())
    engine = open_store(f"sqlite:///{tmp_path / 'var' / 'omni.sqlite3'}")
    save_assessment(engine, _wave(V1, {q.id: 2 for q in V1.questions}, "2025-03-01"), wave="2025")
    save_assessment(engine, _wave(V2, {q.id: 3 for q in V2.questions}, "2026-03-01"), wave="2026")
    engine.dispose()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.switch_page("pages/history.py").run()
    assert not at.exception
    at.selectbox(key="history_org").set_value("Versie BV").run()
    assert any("verschillende versies van de vragenlijst" in i.value for i in at.info)
    questions = at.dataframe[-1].value
    assert not any(str(q).startswith(("AUD-8", "ACT-7", "TEC-7")) for q in questions.iloc[:, 0])


V21 = get_framework(DEFAULT_FRAMEWORK_ID, "2.1")


def test_a_2_0_wave_compares_with_a_2_1_wave_through_replaces(tmp_path):
    """2.1 changes TEC-3 L5 and ACT-5 L3/L5 and adds ACT-8: saved 2.0 waves keep reading as 2.0, the
    changed questions compare through `replaces`, ACT-8 has nothing to compare with, and a 1.0 wave
    compares with 2.1 exactly as it does with 2.0."""
    engine = open_store(f"sqlite:///{tmp_path / 'v21.sqlite3'}")
    before = {q.id: 1 + i % 4 for i, q in enumerate(V2.questions)}
    save_assessment(engine, _wave(V2, before, "2026-03-01"), wave="2026")
    save_assessment(engine, _wave(V21, {q.id: 5 for q in V21.questions}, "2027-03-01"), wave="2027")
    history = organisation_history(engine, "Versie BV")
    assert history.versions() == ("2.0", "2.1")
    assert "2026: 2.0" in version_note(history, "en") and "2027: 2.1" in version_note(history, "en")
    compared = compare_waves(engine, history, history.waves[0].id, history.waves[1].id, top=100)
    got = dict(zip(compared.questions["question"], compared.questions["before"]))
    assert set(got) == {q.id for q in V2.questions}  # all 35, TEC-3 and ACT-5 included; not ACT-8
    assert got == pytest.approx({qid: float(level) for qid, level in before.items()})
    engine.dispose()
    assert comparable_questions(V1, V21) == {q: old for q, old in comparable_questions(V1, V2).items()}
    assert comparable_questions(V21, V2)["TEC-3"] == ("TEC-3",) and "ACT-8" not in comparable_questions(V2, V21)
