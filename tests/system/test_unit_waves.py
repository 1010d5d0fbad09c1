"""Saved waves of one unit of a group (#19): version numbers per organisation, unit and wave; the group's
history and each unit's history never mixed; unit waves never offered to the peer set; the workflow in
omni.services, the CLI (`save --unit`, `history --unit --roadmap`), the exports naming the unit, and the
History page saving a unit's wave and showing its history. Store tests on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json

import pytest
from helpers import ROOT, requires, run_cli
from openpyxl import load_workbook
from pptx import Presentation
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from streamlit.testing.v1 import AppTest

from omni.export.deck import build_deck
from omni.export.pdf_report import report_data
from omni.export.report import build_report
from omni.history import format_history, history_dict, organisation_history
from omni.scoring import score
from omni.services import export_extras, latest_wave, save_wave, unit_assessment, wave_unit_choices
from omni.store import StoreError, open_store
from omni.store.access import Identity, account_of, add_member, sign_in
from omni.store.assessments import list_assessments, load_survey, save_assessment, wave_units
from omni.store.engine import writing
from omni.store.migrate import upgrade
from omni.store.organisations import find_organisation
from omni.store.peer_entries import contribute_assessment
from omni.store.schema import assessments, units
from omni.store.scope import scoped
from omni.store.testing import PostgresUnavailable, database_url_for
from omni.survey.model import RespondentAnswers
from omni.survey.reader import survey_from_answers
from omni.ui.state import RESULT, Result
from omni.units import assessment_title, sole_unit

ISSUER = "https://idp.example.test"
FACTS = {"organisation": "Alpha Groep", "sector": "home", "size_band": "l", "channel_model": "store_led",
         "role": "executive", "date": "2027-03-01"}


def _group(framework, units_and_scores=(("NL", 2), ("NL", 3), ("NL", 3), ("BE", 4), ("BE", 4), ("DE", 1))):
    rows = [RespondentAnswers({**FACTS, "unit": unit}, {q.id: (value, 5, "") for q in framework.questions})
            for unit, value in units_and_scores]
    return score(survey_from_answers(framework, rows))


def _plain(framework, value: int = 3, n: int = 2):
    """A file without unit facts (say, the NL team's own workbook)."""
    rows = [RespondentAnswers(dict(FACTS), {q.id: (value, 5, "") for q in framework.questions}) for _ in range(n)]
    return score(survey_from_answers(framework, rows))


# --- store (SQLite and PostgreSQL) ----------------------------------------------------------------------

def test_a_units_wave_and_the_groups_wave_of_the_same_name_are_each_version_1(engine, framework):
    group = _group(framework)
    whole = save_assessment(engine, group, wave="Q1 2027", organisation="Alpha Groep")
    nl = save_assessment(engine, _plain(framework), wave="Q1 2027", organisation="Alpha Groep", unit="NL")
    nl_again = save_assessment(engine, _plain(framework, 4), wave="Q1 2027", organisation="Alpha Groep", unit=" nl ")
    be = save_assessment(engine, _plain(framework), wave="Q1 2027", organisation="Alpha Groep", unit="BE")
    whole_again = save_assessment(engine, group, wave="Q1 2027", organisation="Alpha Groep")
    assert [(s.unit, s.version) for s in (whole, nl, nl_again, be, whole_again)] == [
        ("", 1), ("NL", 1), ("NL", 2), ("BE", 1), ("", 2)]  # " nl " is the unit NL the group save registered
    # the group's waves and each unit's, never mixed; newest version of each
    assert [(s.unit, s.version) for s in list_assessments(engine, "Alpha Groep")] == [("", 2)]
    assert [(s.unit, s.version) for s in list_assessments(engine, "Alpha Groep", unit="nl")] == [("NL", 2)]
    assert [s.version for s in list_assessments(engine, "Alpha Groep", unit="NL", all_versions=True)] == [1, 2]
    assert list_assessments(engine, "Alpha Groep", unit="Nergens") == []
    assert wave_units(engine, "Alpha Groep") == ["BE", "NL"]
    # the unit's respondents say so when the wave is loaded again (a file without unit facts included)
    assert sole_unit(score(load_survey(engine, nl.id))) == "NL"


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_store_with_saved_waves_upgrades_to_0011_and_keeps_counting(kind, tmp_path, framework):
    try:
        url = database_url_for(kind, tmp_path)
    except PostgresUnavailable as exc:
        requires(False, str(exc))
        raise
    engine = open_store(url, migrate=False)
    try:
        upgrade(engine, "0010")
        for _ in range(2):
            save_assessment(engine, _plain(framework), wave="2026", organisation="Alpha Groep")
        upgrade(engine)
        assert [s.version for s in list_assessments(engine, "Alpha Groep", all_versions=True)] == [1, 2]
        assert save_assessment(engine, _plain(framework), wave="2026", organisation="Alpha Groep",
                               unit="NL").version == 1
        assert save_assessment(engine, _plain(framework), wave="2026", organisation="Alpha Groep").version == 3
    finally:
        engine.dispose()


def test_the_database_refuses_a_second_group_version_with_the_same_number(engine, framework):
    """The uniqueness covers group waves too (a plain unique constraint would not: NULL never collides)."""
    whole = save_assessment(engine, _plain(framework), wave="2027", organisation="Alpha Groep")
    nl = save_assessment(engine, _plain(framework), wave="2027", organisation="Alpha Groep", unit="NL")
    with engine.connect() as connection:
        row = dict(connection.execute(select(assessments).where(assessments.c.id == whole.id)).first()._mapping)
    for unit_id in (None, nl and _unit_id(engine, "NL")):
        copy = {k: v for k, v in row.items() if k != "id"} | {"unit_id": unit_id}
        with pytest.raises(IntegrityError), writing(engine) as connection:
            connection.execute(assessments.insert().values(**copy))


def _unit_id(engine, name: str) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(units.c.id).where(units.c.name == name))


def test_a_unit_with_saved_waves_cannot_be_deleted_into_the_groups_waves(engine, framework):
    save_assessment(engine, _plain(framework), wave="2027", organisation="Alpha Groep", unit="NL")
    with pytest.raises(IntegrityError), writing(engine) as connection:
        connection.execute(delete(units).where(units.c.id == _unit_id(engine, "NL")))
    assert [s.unit for s in list_assessments(engine, "Alpha Groep", unit="NL")] == ["NL"]


def test_a_units_wave_holds_only_that_units_respondents_and_is_never_a_peer(engine, framework):
    with pytest.raises(StoreError) as refused:
        save_assessment(engine, _group(framework), wave="2027", organisation="Alpha Groep", unit="NL")
    assert refused.value.key == "unit_wave_other_units" and "BE, DE" in refused.value.message("en")
    assert list_assessments(engine, "Alpha Groep", unit="NL") == []
    nl = save_assessment(engine, _plain(framework), wave="2027", organisation="Alpha Groep", unit="NL")
    save_wave(engine, _group(framework), organisation="Alpha Groep", wave="2027", contribute=True)  # opts in
    assert find_organisation(engine, "Alpha Groep").peer_opt_in
    with pytest.raises(StoreError) as caught:
        contribute_assessment(engine, nl.id)
    assert caught.value.key == "unit_wave_not_peer"


def test_another_organisations_unit_waves_are_invisible(engine, framework):
    alpha = save_assessment(engine, _plain(framework), wave="2027", organisation="Alpha Groep", unit="NL")
    beta = save_assessment(engine, _plain(framework), wave="2027", organisation="Beta BV", unit="NL")
    alice, bob = sign_in(engine, Identity(ISSUER, "alice")), sign_in(engine, Identity(ISSUER, "bob"))
    add_member(engine, alice.id, alpha.organisation_id)
    add_member(engine, bob.id, beta.organisation_id)
    as_bob = scoped(engine, account_of(engine, bob.identity).scope())
    assert list_assessments(as_bob, "Alpha Groep", unit="NL") == []
    assert wave_units(as_bob, "Alpha Groep") == []
    assert organisation_history(as_bob, "Alpha Groep", "NL").waves == ()
    assert [s.organisation for s in list_assessments(as_bob, "Beta BV", unit="NL")] == ["Beta BV"]
    with pytest.raises(StoreError):  # saving into another organisation's unit: not yours
        save_assessment(as_bob, _plain(framework), wave="2028", organisation="Alpha Groep", unit="NL")


# --- services -------------------------------------------------------------------------------------------

def test_saving_one_unit_of_a_group_file_keeps_only_its_respondents(engine, framework):
    group = _group(framework)
    done = save_wave(engine, group, organisation="Alpha Groep", wave="2027", unit="nl", min_group=3)
    assert (done.saved.unit, done.saved.respondents) == ("NL", 3)
    expected = unit_assessment(group, "NL", 3).overall.current
    assert done.saved.overall_current == pytest.approx(expected)
    assert done.saved.overall_current != pytest.approx(group.overall.current)
    # a unit the group view would merge into "Other" cannot be saved on its own either; nothing stored
    with pytest.raises(StoreError) as small:
        save_wave(engine, group, organisation="Alpha Groep", wave="2027", unit="BE", min_group=3)
    assert small.value.key == "unit_too_small" and "3" in small.value.message("nl")
    with pytest.raises(StoreError) as absent:
        save_wave(engine, group, organisation="Alpha Groep", wave="2027", unit="FR", min_group=1)
    assert absent.value.key == "unit_not_in_survey" and "BE, DE, NL" in absent.value.message("en")
    assert wave_units(engine, "Alpha Groep") == ["NL"]


def test_a_units_wave_is_not_contributed_and_leaves_the_opt_in_alone(engine, framework):
    done = save_wave(engine, _plain(framework), organisation="Alpha Groep", wave="2027", unit="NL", contribute=True)
    assert done.contributed is None and done.contribute_error.key == "unit_wave_not_peer"
    assert not find_organisation(engine, "Alpha Groep").peer_opt_in
    assert [s.unit for s in list_assessments(engine, "Alpha Groep", unit="NL")] == ["NL"]  # saved all the same


def test_unit_history_roadmap_and_export_extras_follow_the_unit(engine, framework):
    for wave, value in (("2026", 2), ("2027", 4)):
        save_wave(engine, _plain(framework, value), organisation="Alpha Groep", wave=wave, unit="NL")
    save_wave(engine, _plain(framework, 3), organisation="Alpha Groep", wave="2027")
    history = organisation_history(engine, "Alpha Groep", "NL")
    assert [w.wave for w in history.waves] == ["2026", "2027"] and history.unit == "NL"
    assert history.title("nl") == "Alpha Groep · eenheid NL"
    data = history_dict(history, "en")
    assert data["unit"] == "NL" and data["progress"][-1]["change"] == pytest.approx(2.0)
    assert "Eenheid: NL" in format_history(history, "nl")
    assert [w.wave for w in organisation_history(engine, "Alpha Groep").waves] == ["2027"]  # the group's own
    assert history_dict(organisation_history(engine, "Alpha Groep"), "en")["unit"] is None

    latest = latest_wave(engine, "Alpha Groep", "NL")
    assert latest.saved.wave == "2027" and latest.saved.unit == "NL"
    assert latest.assessment.overall.current == pytest.approx(4.0)
    assert latest_wave(engine, "Alpha Groep", "BE") is None
    # exporting the unit's wave: the trend is the unit's, the title names the unit
    extras = export_extras(engine, latest.assessment, organisation="Alpha Groep")
    assert extras.history is not None and extras.history.unit == "NL" and len(extras.history.waves) == 2
    assert assessment_title(latest.assessment, "en") == "Alpha Groep · unit NL"
    group_extras = export_extras(engine, _plain(framework), organisation="Alpha Groep")
    assert group_extras.history is None  # one group wave: no trend, and never the unit's waves


def test_the_save_form_offers_the_organisations_units_and_defaults_to_the_opened_unit(engine, framework):
    save_assessment(engine, _group(framework), wave="2026", organisation="Alpha Groep")  # registers BE, DE, NL
    choices, default = wave_unit_choices(engine, "Alpha Groep", _group(framework))
    assert (choices, default) == (["", "BE", "DE", "NL"], "")
    one = unit_assessment(_group(framework), "NL", 1)
    assert wave_unit_choices(engine, "Alpha Groep", one)[1] == "NL"
    assert wave_unit_choices(engine, "Nieuw BV", _plain(framework)) == ([""], "")


def test_exports_of_a_units_wave_name_the_unit(engine, framework):
    saved = save_wave(engine, _plain(framework), organisation="Alpha Groep", wave="2027", unit="NL").saved
    assessment = score(load_survey(engine, saved.id))
    book = load_workbook(io.BytesIO(build_report(assessment, "en", min_group=1)))
    first = book.worksheets[0]
    assert "Alpha Groep · unit NL" in [c.value for row in first.iter_rows(max_row=4) for c in row]
    assert report_data(assessment, "nl", min_group=1)["organisation"] == "Alpha Groep · eenheid NL"
    deck = Presentation(io.BytesIO(build_deck(assessment, "en")))
    title_texts = [shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame]
    assert any(text.startswith("Alpha Groep · unit NL") for text in title_texts)
    group = _group(framework)  # several units: the organisation alone, as before
    assert report_data(group, "en", min_group=1)["organisation"] == "Alpha Groep"


# --- CLI (in process) -----------------------------------------------------------------------------------

def test_cli_saves_a_units_wave_and_shows_its_history_and_roadmap(tmp_path):
    run = {"env": {"OMNI_DATA_DIR": str(tmp_path / "var")}}
    sample = str(ROOT / "data/samples/demo-survey-en.xlsx")
    unit = run_cli("save", sample, "--wave", "2025", "--date", "2025-10-01", "--unit", "NL", "--lang", "en", **run)
    assert unit.returncode == 0, unit.stderr
    assert "unit NL" in unit.stdout and "version 1" in unit.stdout
    group = run_cli("save", sample, "--wave", "2025", "--lang", "en", **run)
    assert "version 1" in group.stdout and "unit" not in group.stdout
    again = run_cli("save", sample, "--wave", "2025", "--unit", "NL", "--lang", "en", **run)
    assert "version 2" in again.stdout

    shown = run_cli("history", "Huis & Haard Wonen", "--unit", "NL", "--roadmap", "--json", **run)
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["unit"] == "NL" and [(w["wave"], w["version"]) for w in data["waves"]] == [("2025", 2)]
    assert data["roadmap"]["wave"] == "2025" and data["roadmap"]["items"]
    assert {"dimension", "phase", "gap"} <= set(data["roadmap"]["items"][0])
    text = run_cli("history", "Huis & Haard Wonen", "--unit", "NL", "--roadmap", "--lang", "en", **run)
    assert "Unit: NL" in text.stdout and "Roadmap of the latest wave (2025)" in text.stdout
    whole = json.loads(run_cli("history", "Huis & Haard Wonen", "--json", **run).stdout)
    assert whole["unit"] is None and [(w["wave"], w["version"]) for w in whole["waves"]] == [("2025", 1)]

    missing = run_cli("history", "Huis & Haard Wonen", "--unit", "BE", "--lang", "en", **run)
    assert missing.returncode == 2 and "unit BE" in missing.stderr and "Traceback" not in missing.stderr
    peer = run_cli("save", sample, "--wave", "2026", "--unit", "NL", "--contribute", "--lang", "en", **run)
    assert peer.returncode == 2 and "not a wave of one unit" in peer.stderr and "Traceback" not in peer.stderr
    assert "version 1" in peer.stdout  # saved all the same


# --- History page (AppTest, local mode) -----------------------------------------------------------------

@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("OMNI_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("OMNI_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())
    return tmp_path / "var"


def test_history_page_saves_a_units_wave_and_shows_that_units_history(data_dir, framework):
    group = _group(framework)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state[RESULT] = Result(group.survey, group, "upload", ("groep.xlsx",))
    at.run()
    at.switch_page("pages/history.py").run()
    assert not at.exception
    unit = at.selectbox(key="save_wave_unit")
    assert unit.options == ["Hele organisatie (groep)", "BE", "DE", "NL"] and unit.value == ""
    unit.set_value("NL")
    at.text_input[1].set_value("Q1 2027")
    next(b for b in at.button if b.label == "Opslaan").click().run()
    assert not at.exception
    assert at.success and "eenheid NL" in at.success[0].value and "versie 1" in at.success[0].value
    assert at.selectbox(key="history_unit").value == "NL"
    waves = at.dataframe[0].value
    assert list(waves.iloc[:, 0]) == ["Q1 2027"] and list(waves.iloc[:, 3]) == [3]  # NL's three respondents
    assert any("eenheid NL" in c.value for c in at.caption)

    # the group's history is separate: the same wave name saved for the group is its version 1
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state[RESULT] = Result(group.survey, group, "upload", ("groep.xlsx",))
    at.run()
    at.switch_page("pages/history.py").run()
    assert at.selectbox(key="history_unit").value == ""  # a new visit starts with the group's waves
    at.text_input[1].set_value("Q1 2027")
    next(b for b in at.button if b.label == "Opslaan").click().run()
    assert not at.exception and "versie 1" in at.success[0].value and "eenheid" not in at.success[0].value
    assert at.selectbox(key="history_unit").value == ""
    assert list(at.dataframe[0].value.iloc[:, 3]) == [6]
    at.selectbox(key="history_unit").set_value("NL").run()
    assert list(at.dataframe[0].value.iloc[:, 3]) == [3]

    # the roadmap of the unit's latest wave: that wave re-read, NL's respondents only
    next(b for b in at.button if b.key == "history_latest_roadmap").click().run()
    assert not at.exception
    assert at.title[0].value == "Roadmap"
    shown = at.session_state[RESULT]
    assert shown.source == "saved" and shown.assessment.respondent_count == 3
    assert sole_unit(shown.assessment) == "NL"
