"""Unit waves beyond the History page (#19): the portfolio shows a client's newest unit wave (unit named)
when it has no group wave; a closed round of one unit is saved as that unit's wave, never the group's (store
on SQLite and PostgreSQL, the Rounds page in AppTest); the History save form lists the units of the
organisation chosen in the form, also when a signed-in consultant picks another client."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from helpers import ROOT, app_as, run_cli
from streamlit.testing.v1 import AppTest

from omni.portfolio import portfolio, portfolio_table
from omni.rounds import RoundError, RoundLimits
from omni.scoring import score
from omni.services import save_round
from omni.store import open_store
from omni.store.access import Identity, add_member, sign_in
from omni.store.assessments import list_assessments, save_assessment, wave_units
from omni.store.rounds import close_round, get_round, open_round, save_answers, start_respondent, submit
from omni.store.units import add_unit
from omni.survey.model import RespondentAnswers
from omni.survey.reader import survey_from_answers
from omni.ui.state import RESULT, Result
from omni.units import sole_unit

NO_LIMIT = RoundLimits(max_respondents=200, min_interval_seconds=0, address_interval_seconds=0)


def _plain(framework, value: int, n: int = 3, organisation: str = "Alpha Groep", unit: str = ""):
    facts = {"organisation": organisation, "role": "executive", "date": "2027-03-01"}
    if unit:
        facts["unit"] = unit
    rows = [RespondentAnswers(dict(facts), {q.id: (value, 5, "") for q in framework.questions}) for _ in range(n)]
    return score(survey_from_answers(framework, rows))


# --- portfolio -------------------------------------------------------------------------------------------

def _seed_portfolio(engine, framework):
    """Alpha: only unit waves (NL 2026 and 2027, BE 2026); Beta: a group wave and a newer unit wave."""
    for unit, wave, value, when in (("NL", "2026", 2, dt.date(2026, 3, 1)), ("BE", "2026", 4, dt.date(2026, 4, 1)),
                                    ("NL", "2027", 3, dt.date(2027, 3, 1))):
        save_assessment(engine, _plain(framework, value, unit=unit), organisation="Alpha Groep", wave=wave,
                        wave_date=when, unit=unit)
    save_assessment(engine, _plain(framework, 2, organisation="Beta BV"), organisation="Beta BV", wave="2025",
                    wave_date=dt.date(2025, 1, 1))
    save_assessment(engine, _plain(framework, 4, organisation="Beta BV", unit="Noord"), organisation="Beta BV",
                    wave="2027", wave_date=dt.date(2027, 1, 1), unit="Noord")


def test_a_client_with_only_unit_waves_shows_its_newest_unit_wave_and_group_waves_come_first(engine, framework):
    _seed_portfolio(engine, framework)
    clients = {c.organisation: c for c in portfolio(engine, today=dt.date(2027, 6, 1))}
    alpha = clients["Alpha Groep"]
    assert (alpha.wave, alpha.unit, alpha.wave_label) == ("2027", "NL", "2027 · NL")
    assert alpha.wave_date == dt.date(2027, 3, 1) and alpha.index == pytest.approx(3)
    assert alpha.previous_wave == "2026" and alpha.progress == pytest.approx(1)  # within NL, not BE's 4
    assert alpha.latest_id == list_assessments(engine, "Alpha Groep", unit="NL")[-1].id
    beta = clients["Beta BV"]  # a group wave: that one, though a unit's wave is newer
    assert (beta.wave, beta.unit, beta.wave_label, beta.index) == ("2025", "", "2025", pytest.approx(2))
    table = portfolio_table(list(clients.values()), "en")
    assert list(table.iloc[:, 1]) == ["2027 · NL", "2025"]


def test_the_portfolio_page_names_the_unit_of_a_unit_wave(tmp_path, monkeypatch, framework):
    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    engine = open_store(url)
    _seed_portfolio(engine, framework)
    engine.dispose()
    monkeypatch.setenv("OMNI_DATABASE_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.switch_page("pages/portfolio.py").run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert list(table.iloc[:, 1]) == ["2027 · NL", "2025"]
    assert any("nieuwste meting van één eenheid" in c.value for c in at.caption)
    opener = next(b for b in at.button if "Alpha Groep" in b.label)
    assert not opener.disabled
    opener.click().run()
    assert not at.exception, at.exception
    shown = at.session_state[RESULT]
    assert shown.source == "saved" and sole_unit(shown.assessment) == "NL"


# --- a closed round of one unit --------------------------------------------------------------------------

def _answered_round(engine, framework, organisation: str, wave: str, unit: str = "", n: int = 3, close=True):
    round_, token = open_round(engine, organisation, wave, limits=NO_LIMIT, unit=unit)
    for i in range(n):
        _, resume = start_respondent(engine, token, language="nl", role="marketing", department=f"D{i}",
                                     limits=NO_LIMIT)
        save_answers(engine, resume, {q.id: (2 + i % 2, 4, "") for q in framework.questions})
        submit(engine, resume)
    return close_round(engine, round_.id) if close else round_


def test_a_closed_round_of_one_unit_is_saved_as_that_units_wave(engine, framework):
    nl = _answered_round(engine, framework, "Alpha Groep", "Q1 2027", unit="NL")
    done = save_round(engine, nl.id)
    assert (done.saved.organisation, done.saved.unit, done.saved.wave, done.saved.version) == (
        "Alpha Groep", "NL", "Q1 2027", 1)
    assert list_assessments(engine, "Alpha Groep") == []  # not the group's
    assert [w.respondents for w in list_assessments(engine, "Alpha Groep", unit="NL")] == [3]
    assert wave_units(engine, "Alpha Groep") == ["NL"]
    assert save_round(engine, nl.id).saved.version == 2  # saving again: a new version of the unit's wave

    group = _answered_round(engine, framework, "Alpha Groep", "Q1 2027", n=2)
    saved = save_round(engine, group.id, wave="Groep Q1").saved
    assert (saved.unit, saved.wave, saved.version) == ("", "Groep Q1", 1)
    assert save_round(engine, nl.id, contribute=True).contribute_error.key == "unit_wave_not_peer"


def test_an_open_or_unanswered_round_is_not_saved(engine, framework):
    still = _answered_round(engine, framework, "Beta BV", "2027", unit="Zuid", n=1, close=False)
    with pytest.raises(RoundError) as err:
        save_round(engine, still.id)
    assert err.value.key == "still_open"
    empty = _answered_round(engine, framework, "Beta BV", "2028", unit="Zuid", n=0)
    with pytest.raises(RoundError) as err:
        save_round(engine, empty.id)
    assert err.value.key == "no_answers"
    assert list_assessments(engine, "Beta BV", unit="Zuid") == []


def test_cli_saves_a_closed_unit_round_as_the_units_wave(tmp_path, framework):
    run = {"env": {"OMNI_DATA_DIR": str(tmp_path / "var")}}
    opened = run_cli("round", "open", "--org", "Alpha Groep", "--wave", "2026", "--unit", "BE", "--json", **run)
    assert opened.returncode == 0, opened.stderr
    assert json.loads(opened.stdout)["unit"] == "BE"
    engine = open_store(f"sqlite:///{tmp_path / 'var' / 'omni.sqlite3'}")
    assert get_round(engine, json.loads(opened.stdout)["id"]).unit == "BE"
    nl = _answered_round(engine, framework, "Alpha Groep", "Q1 2027", unit="NL")
    still = _answered_round(engine, framework, "Alpha Groep", "Q2 2027", unit="NL", n=1, close=False)
    done = run_cli("round", "save", str(nl.id), "--json", **run)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["unit"], data["wave"], data["version"]) == ("NL", "Q1 2027", 1)
    text = run_cli("round", "save", str(nl.id), "--wave", "Q1 2027 bis", "--lang", "en", **run)
    assert "unit NL, wave Q1 2027 bis (version 1)" in text.stdout
    refused = run_cli("round", "save", str(still.id), "--lang", "en", **run)
    assert refused.returncode == 2 and "still open" in refused.stderr and "Traceback" not in refused.stderr
    assert list_assessments(engine, "Alpha Groep") == []
    engine.dispose()


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("OMNI_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("OMNI_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())
    return tmp_path / "var"


def test_the_rounds_page_saves_a_unit_rounds_results_as_the_units_wave(data_dir, framework):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()  # creates the store
    engine = open_store(f"sqlite:///{data_dir / 'omni.sqlite3'}")
    nl = _answered_round(engine, framework, "Alpha Groep", "Q1 2027", unit="NL")
    at.switch_page("pages/rounds.py").run()
    assert not at.exception, at.exception
    at.selectbox(key="round_chosen").set_value(nl.id).run()
    assert any("Ronde van eenheid NL" in c.value for c in at.caption)
    button = at.button(key=f"round_save_{nl.id}")
    assert button.label == "Opslaan als meting van eenheid NL"
    button.click().run()
    assert not at.exception, at.exception
    assert "eenheid NL" in at.success[0].value and "versie 1" in at.success[0].value
    assert list_assessments(engine, "Alpha Groep") == []
    assert [w.wave for w in list_assessments(engine, "Alpha Groep", unit="NL")] == ["Q1 2027"]

    # the results shown, then History: the save form offers the round's unit, preselected
    next(b for b in at.button if b.label == "Resultaten tonen in het dashboard").click().run()
    assert not at.exception, at.exception
    at.switch_page("pages/history.py").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="save_wave_unit").value == "NL"
    engine.dispose()


# --- the History save form follows the organisation chosen in it ------------------------------------------

def test_the_save_form_lists_the_units_of_the_organisation_picked_in_it(tmp_path, monkeypatch, framework):
    url = f"sqlite:///{tmp_path / 's.sqlite3'}"
    monkeypatch.setenv("OMNI_DATABASE_URL", url)
    engine = open_store(url)
    consultant = sign_in(engine, Identity("https://idp.example.test", "carla", "carla@advies.test", "Carla"))
    for org, units in (("Alpha Groep", ("NL", "BE")), ("Beta BV", ("Noord", "Zuid"))):
        saved = save_assessment(engine, _plain(framework, 3, organisation=org), organisation=org, wave="2026")
        add_member(engine, consultant.id, saved.organisation_id)
        for unit in units:
            add_unit(engine, org, unit)
    engine.dispose()
    opened = _plain(framework, 3, organisation="Alpha Groep")  # a file of Alpha without unit facts
    at = app_as("pages/history.py", {"sub": "carla", "email": "carla@advies.test", "name": "Carla"},
                **{RESULT: Result(opened.survey, opened, "upload", ("alpha.xlsx",))})
    org = at.selectbox(key="save_wave_org")
    assert org.value == "Alpha Groep"
    assert at.selectbox(key="save_wave_unit").options == ["Hele organisatie (groep)", "BE", "NL"]
    org.set_value("Beta BV").run()
    assert not at.exception, at.exception
    unit = at.selectbox(key="save_wave_unit")
    assert unit.options == ["Hele organisatie (groep)", "Noord", "Zuid"] and unit.value == ""
    unit.set_value("Zuid")
    next(b for b in at.text_input if b.label == "Meting").set_value("2027")
    next(b for b in at.button if b.label == "Opslaan").click().run()
    assert not at.exception, at.exception
    assert "Beta BV, eenheid Zuid" in at.success[0].value
    engine = open_store(url)
    assert [w.wave for w in list_assessments(engine, "Beta BV", unit="Zuid")] == ["2027"]
    engine.dispose()
