"""History: progress to target and wave comparison; the Benchmark and History pages through AppTest."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
import streamlit as st
from helpers import ROOT, shown
from streamlit.testing.v1 import AppTest

from omni.demo import demo_respondents
from omni.history import compare_waves, history_dict, organisation_history, progress_to_target
from omni.scoring import score
from omni.store import open_store
from omni.store.assessments import list_assessments, save_assessment
from omni.store.peer_entries import OVERALL
from omni.survey.reader import survey_from_answers
from omni.ui.state import RESULT, Result


def _uniform(framework, current: int, target: int, organisation="Groei BV", date="2025-03-01"):
    """One respondent answering every question with the same current and target."""
    from omni.survey.model import RespondentAnswers

    person = RespondentAnswers(
        facts={"organisation": organisation, "sector": "home", "size_band": "l", "channel_model": "store_led",
               "role": "executive", "date": date},
        answers={q.id: (current, target, "") for q in framework.questions})
    return score(survey_from_answers(framework, [person]))


def test_progress_is_the_share_of_the_first_gap_closed(tmp_path, framework):
    engine = open_store(f"sqlite:///{tmp_path / 'h.sqlite3'}")
    save_assessment(engine, _uniform(framework, 2, 4), wave="2025")  # gap 2
    save_assessment(engine, _uniform(framework, 3, 5, date="2026-03-01"), wave="2026")  # +1: half the first gap
    history = organisation_history(engine, "groei bv")
    assert [w.wave for w in history.waves] == ["2025", "2026"]
    progress = progress_to_target(history).set_index("dimension")
    assert list(progress.index) == [d.id for d in framework.dimensions] + [OVERALL]
    assert np.allclose(progress["share_closed"], 0.5)
    assert progress.loc["vision", "first_target"] == 4 and progress.loc["vision", "latest_current"] == 3
    data = history_dict(history, "en")
    assert data["progress"][-1]["id"] == "overall" and data["progress"][-1]["share_closed"] == 0.5

    compared = compare_waves(engine, history, history.waves[0].id, history.waves[1].id, top=3)
    assert np.allclose(compared.dimensions["change"], 1) and OVERALL not in set(compared.dimensions["dimension"])
    assert len(compared.questions) == 3 and np.allclose(compared.questions["change"], 1)
    assert set(compared.questions["dimension"]) <= {d.id for d in framework.dimensions}
    engine.dispose()


def test_no_gap_at_first_gives_no_progress_figure(tmp_path, framework):
    engine = open_store(f"sqlite:///{tmp_path / 'h.sqlite3'}")
    save_assessment(engine, _uniform(framework, 3, 3, organisation="Vlak BV"), wave="1")
    save_assessment(engine, _uniform(framework, 4, 4, organisation="Vlak BV", date="2026-01-01"), wave="2")
    progress = progress_to_target(organisation_history(engine, "Vlak BV"))
    assert progress["share_closed"].map(math.isnan).all()
    engine.dispose()


# --- the pages ----------------------------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("OMNI_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("OMNI_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())
    return tmp_path / "var"


def _app(**state) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def _visit(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert not at.exception, f"{page}: {at.exception}"
    return at


def test_benchmark_page_opens_with_demo_peers_and_the_demo_organisation(data_dir):
    at = _visit(_app(), "pages/benchmark.py")
    assert at.title[0].value == "Benchmark"
    assert any("synthetische demogegevens" in i.value for i in at.info)  # demo peers say they are synthetic
    assert shown(at.subheader[0].value).startswith("Wonen en interieur · 250 tot 1.000 · Winkels voorop")
    labels = {m.label for m in at.metric}
    assert {"Percentiel", "Mediaan", "Middelste helft (P25–P75)"} <= labels
    assert len(at.get("vega_lite_chart")) == 2  # radar with the peer band, distribution
    assert any("Voor op" in shown(m.value) or "Achter op" in shown(m.value) for m in at.markdown)
    table = at.dataframe[0].value
    assert list(table.columns) == ["Onderdeel", "Score", "Percentiel", "P25", "Mediaan", "P75", "n"]
    assert table["n"].isin(["5–9", "10–19", "20–49"]).all()  # n as a band, never an exact count
    assert (table["P25"] / 0.25).map(float.is_integer).all()  # quantiles on the published step
    assert (data_dir / "omni.sqlite3").exists()


def test_too_small_group_offers_the_broader_group(data_dir, framework):
    people = demo_respondents(framework, n=2, seed=4)
    for person in people:  # a kind of organisation the demo peer set has few of
        person.facts = {**person.facts, "organisation": "Klein BV", "sector": "books_media", "size_band": "xl",
                        "channel_model": "pure_player"}
    assessment = score(survey_from_answers(framework, people))
    at = _visit(_app(**{RESULT: Result(assessment.survey, assessment, "upload", ("klein.xlsx",))}),
                "pages/benchmark.py")
    assert at.warning and "minder dan 5 andere organisaties" in at.warning[0].value
    assert not at.metric  # nothing about the small group is shown
    broader = next(b for b in at.button if b.label.startswith("Toon de bredere groep"))
    broader.click().run()
    assert not at.exception
    assert not at.warning and at.metric
    assert at.toggle(key="bench_size_band").value is False


def test_save_restart_and_see_the_trend(data_dir, framework):
    at = _visit(_app(), "pages/history.py")
    assert any("Nog geen opgeslagen metingen" in i.value for i in at.info)
    at.text_input[1].set_value("2025")
    at.button[0].click().run()  # the form's submit button
    assert not at.exception
    assert at.success and "versie 1" in at.success[0].value

    st.cache_resource.clear()  # the server restarts: engines and cached results are gone
    engine = open_store(f"sqlite:///{data_dir / 'omni.sqlite3'}")
    assert [a.wave for a in list_assessments(engine, "Huis & Haard Wonen")] == ["2025"]

    # next year's survey, uploaded and saved as the next wave
    people = demo_respondents(framework, n=6, seed=21)
    for person in people:
        person.facts = {**person.facts, "date": "2027-10-01"}
    next_year = score(survey_from_answers(framework, people))
    save_assessment(engine, next_year, wave="2027")
    engine.dispose()
    at = _visit(_app(**{RESULT: Result(next_year.survey, next_year, "upload", ("2027.xlsx",))}), "pages/history.py")
    assert at.selectbox(key="history_org").value == "Huis & Haard Wonen"
    assert len(at.dataframe[0].value) == 2  # both waves
    charts = at.get("vega_lite_chart")
    assert len(charts) == 2  # trend per dimension, changes between the two waves
    assert "Gat gedicht" in at.dataframe[1].value.columns

    # the waves named with their dates in the reader's language (a wave's date: its survey's date)
    waves = at.selectbox(key="history_open").options
    assert any(" · 1 oktober 2027 · v" in w for w in waves), waves
    assert not any(re.search(r"\d{4}-\d\d-\d\d", w) for w in waves), waves

    # open the older wave in the dashboard (re-scored from its raw answers)
    older = at.selectbox[1]
    older.set_value(older.options[0] if isinstance(older.options[0], int) else older.value).run()
    next(b for b in at.button if b.label == "Openen in het dashboard").click().run()
    assert not at.exception
    assert at.title[0].value.startswith("Overzicht")


def test_deleting_a_wave_needs_the_confirmation(data_dir, framework):
    engine = open_store(f"sqlite:///{data_dir / 'omni.sqlite3'}")
    save_assessment(engine, _uniform(framework, 2, 4, organisation="Huis & Haard Wonen"), wave="oud")
    at = _visit(_app(), "pages/history.py")
    delete = next(b for b in at.button if b.label == "Verwijderen")
    assert delete.disabled
    at.checkbox(key="history_sure").check().run()
    next(b for b in at.button if b.label == "Verwijderen").click().run()
    assert not at.exception
    assert not list_assessments(engine, "Huis & Haard Wonen")
    engine.dispose()
