"""Units in the store (SQLite and PostgreSQL): registered from the respondents when a wave is saved,
kept per respondent so a saved wave shows its units again, named by the organisation, and scoped."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from omni.scoring import score
from omni.store import StoreError
from omni.store.access import Identity, account_of, add_member, sign_in
from omni.store.assessments import load_survey, save_assessment
from omni.store.engine import reading
from omni.store.schema import units
from omni.store.scope import scoped
from omni.store.units import add_unit, list_units, set_unit_label, unit_label
from omni.survey.model import RespondentAnswers
from omni.survey.reader import survey_from_answers
from omni.units import roll_up, unit_names, unit_view

ISSUER = "https://idp.example.test"


def _group(framework):
    rows = [RespondentAnswers({"role": "marketing", "unit": unit}, {q.id: (value, 5, "") for q in framework.questions})
            for unit, value in (("Merk A", 2), ("Merk A", 3), ("Merk B", 4), ("Merk B", 4), ("Merk C", 1))]
    return score(survey_from_answers(framework, rows))


def _people(engine, alpha_id: int, beta_id: int):
    alice = sign_in(engine, Identity(ISSUER, "alice"))
    bob = sign_in(engine, Identity(ISSUER, "bob"))
    add_member(engine, alice.id, alpha_id)
    add_member(engine, bob.id, beta_id)
    return (scoped(engine, account_of(engine, alice.identity).scope()),
            scoped(engine, account_of(engine, bob.identity).scope()))


def test_units_are_saved_with_the_wave_and_stay_with_their_organisation(engine, framework):
    group = _group(framework)
    saved = save_assessment(engine, group, wave="2026", organisation="Alpha Groep")
    beta = save_assessment(engine, group, wave="2026", organisation="Beta BV")
    alice, bob = _people(engine, saved.organisation_id, beta.organisation_id)
    assert [u.name for u in list_units(alice, "Alpha Groep")] == ["Merk A", "Merk B", "Merk C"]
    assert list_units(bob, "Alpha Groep") == []  # another organisation's units read as none
    again = score(load_survey(alice, saved.id))  # the saved wave shows its units again
    assert unit_names(again) == ["Merk A", "Merk B", "Merk C"]
    assert roll_up(unit_view(again, 1), again, "equal").current == pytest.approx(
        roll_up(unit_view(group, 1), group, "equal").current)
    # saving again adds no duplicate unit
    save_assessment(engine, group, wave="2027", organisation="Alpha Groep")
    assert len(list_units(alice, "Alpha Groep")) == 3


def test_adding_units_and_naming_them_is_for_members_only(engine, framework):
    group = _group(framework)
    alpha = save_assessment(engine, group, wave="2026", organisation="Alpha Groep")
    beta = save_assessment(engine, group, wave="2026", organisation="Beta BV")
    alice, bob = _people(engine, alpha.organisation_id, beta.organisation_id)
    assert add_unit(alice, "Alpha Groep", "  Merk D ").name == "Merk D"
    assert add_unit(alice, "alpha groep", "merk d").name == "Merk D"  # the same unit
    with pytest.raises(StoreError):
        add_unit(bob, "Alpha Groep", "Inbreker")
    with pytest.raises(StoreError):
        add_unit(alice, "Alpha Groep", "   ")
    set_unit_label(alice, "Alpha Groep", "Merk")
    # a known kind is kept by its key, said in each reader's language (omni.unit_admin)
    assert unit_label(alice, "Alpha Groep") == "brand" and unit_label(bob, "Alpha Groep") == ""
    with pytest.raises(StoreError):
        set_unit_label(bob, "Alpha Groep", "Land")


def test_row_level_security_hides_other_units(pg_engine, framework):
    group = _group(framework)
    alpha = save_assessment(pg_engine, group, wave="2026", organisation="Alpha Groep")
    beta = save_assessment(pg_engine, group, wave="2026", organisation="Beta BV")
    _, bob = _people(pg_engine, alpha.organisation_id, beta.organisation_id)
    with reading(bob) as connection:  # a query without any filter still sees only Beta's units
        seen = set(connection.scalars(select(units.c.organisation_id)))
    assert seen == {beta.organisation_id}


def test_web_respondents_choose_their_unit(engine, framework):
    from omni.rounds import RoundLimits
    from omni.store.rounds import (
        close_round,
        load_round_survey,
        open_round,
        save_answers,
        start_respondent,
        submit,
    )

    unlimited = RoundLimits(max_respondents=200, min_interval_seconds=0, address_interval_seconds=0)
    round_, token = open_round(engine, "Web Groep", "2026", limits=unlimited)
    for unit, value in (("Merk A", 2), ("Merk A", 3), ("Merk B", 4)):
        person, resume = start_respondent(engine, token, language="nl", role="it", department="IT",
                                          limits=unlimited, unit=unit)
        assert person.unit == unit
        save_answers(engine, resume, {q.id: (value, 5, "") for q in framework.questions})
        submit(engine, resume)
    close_round(engine, round_.id)
    web = score(load_round_survey(engine, round_.id))
    assert unit_names(web) == ["Merk A", "Merk B"]
    saved = save_assessment(engine, web, wave="2026", organisation="Web Groep")
    assert [u.name for u in list_units(engine, "Web Groep")] == ["Merk A", "Merk B"]
    assert unit_names(score(load_survey(engine, saved.id))) == ["Merk A", "Merk B"]


def test_the_questionnaire_offers_the_organisations_units(tmp_path, monkeypatch, framework):
    from helpers import ROOT
    from streamlit.testing.v1 import AppTest

    from omni.store import open_store
    from omni.store.rounds import open_round

    url = f"sqlite:///{tmp_path / 'q.sqlite3'}"
    monkeypatch.setenv("OMNI_DATABASE_URL", url)
    monkeypatch.setenv("OMNI_ROUND_MIN_INTERVAL_SECONDS", "0")
    engine = open_store(url)
    add_unit(engine, "Vragen Groep", "Merk A")
    add_unit(engine, "Vragen Groep", "Merk B")
    _, token = open_round(engine, "Vragen Groep", "2026")
    at = AppTest.from_file(str(ROOT / "pages/respond.py"), default_timeout=90)
    at.query_params["token"] = token
    at.run()
    assert not at.exception, at.exception
    unit = at.selectbox(key="respond_unit")
    assert unit.options == ["Merk A", "Merk B"]
    at.selectbox[0].set_value("marketing")
    at.text_input[0].set_value("Marketing")
    unit.set_value("Merk B")
    next(b for b in at.button if b.label == "Beginnen").click().run()
    assert not at.exception, at.exception
    from omni.store.schema import round_respondents

    with reading(engine) as connection:
        assert list(connection.scalars(select(round_respondents.c.unit))) == ["Merk B"]


def test_a_round_of_one_unit(engine, framework):
    from omni.rounds import RoundLimits
    from omni.store.rounds import (
        close_round,
        get_round,
        load_round_survey,
        open_round,
        save_answers,
        start_respondent,
    )
    from omni.store.rounds import submit as submit_answers

    unlimited = RoundLimits(max_respondents=200, min_interval_seconds=0, address_interval_seconds=0)
    round_, token = open_round(engine, "Ronde Groep", "2026", limits=unlimited, unit="Land NL")
    assert round_.unit == "Land NL" and get_round(engine, round_.id).unit == "Land NL"
    assert [u.name for u in list_units(engine, "Ronde Groep")] == ["Land NL"]
    person, resume = start_respondent(engine, token, language="nl", role="it", department="IT", limits=unlimited,
                                      unit="Iets anders")
    assert person.unit == "Land NL"  # the round's unit, whatever was sent
    save_answers(engine, resume, {q.id: (3, 5, "") for q in framework.questions})
    submit_answers(engine, resume)
    close_round(engine, round_.id)
    assert unit_names(score(load_round_survey(engine, round_.id))) == ["Land NL"]
    plain, _ = open_round(engine, "Ronde Groep", "2027", limits=unlimited)
    assert plain.unit == ""
