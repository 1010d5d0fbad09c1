"""The units of a group through the app (AppTest): managing them on the Units page (local mode and a
signed-in member, who sees only their own organisation), the organisation's word for its units on the
page in Dutch and English, and a survey round for one unit whose results are that unit's alone."""

from __future__ import annotations

import pytest
from helpers import ISSUER, ROOT, app_as, shown
from streamlit.testing.v1 import AppTest

from omni.rounds import RoundLimits
from omni.scoring import score
from omni.store import open_store
from omni.store.access import AuditAction, Identity, add_member, add_user, audit_entries
from omni.store.assessments import save_assessment
from omni.store.rounds import list_rounds, save_answers, start_respondent, submit
from omni.store.units import list_units, set_unit_label
from omni.survey.model import RespondentAnswers
from omni.survey.reader import survey_from_answers
from omni.ui.state import INTAKE, LANG, RESULT, Result

UNLIMITED = RoundLimits(max_respondents=200, min_interval_seconds=0, address_interval_seconds=0)


def _group(framework, organisation: str = "Groep BV"):
    rows = [RespondentAnswers({"role": "marketing", "unit": unit, "organisation": organisation},
                              {q.id: (value, 5, "") for q in framework.questions})
            for unit, value in (("Noord", 4), ("Noord", 4), ("Noord", 4), ("Zuid", 2), ("Zuid", 2), ("Zuid", 3))]
    return score(survey_from_answers(framework, rows))


@pytest.fixture
def store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'omni.sqlite3'}"
    monkeypatch.setenv("OMNI_DATABASE_URL", url)
    monkeypatch.setenv("OMNI_ROUND_MIN_INTERVAL_SECONDS", "0")
    monkeypatch.setenv("OMNI_PUBLIC_URL", "https://survey.example.org")
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())
    monkeypatch.delenv("OMNI_MIN_GROUP", raising=False)
    engine = open_store(url)
    yield engine
    engine.dispose()


def _units_page(assessment, lang: str = "nl") -> AppTest:
    result = Result.of(assessment.survey, "upload", ("groep.xlsx",))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state[RESULT] = result
    at.session_state[INTAKE] = result
    at.session_state[LANG] = lang
    at.run()
    at.switch_page("pages/units.py").run()
    assert not at.exception, at.exception
    return at


def _submit(at: AppTest, label: str) -> None:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception


def test_managing_units_on_the_units_page(store, framework):
    group = _group(framework)
    save_assessment(store, group, wave="2026", organisation="Groep BV")
    at = _units_page(group)
    assert at.title[0].value == "Eenheden van de groep"
    assert at.text_input(key="unitadmin_org").value == "Groep BV"  # the organisation on screen
    table = at.dataframe[0].value
    assert list(table["Naam"]) == ["Noord", "Zuid"] and list(table["Respondenten"]) == [3, 3]

    at.text_input(key="unitadmin_add_name").set_value("Oost")
    _submit(at, "Toevoegen")
    assert shown(at.success[0].value) == "‘Oost’ is toegevoegd."
    at.selectbox(key="unitadmin_rename_which").set_value("Zuid")
    at.text_input(key="unitadmin_rename_to").set_value("Zuidwest")
    _submit(at, "Hernoemen")
    assert "heet nu ‘Zuidwest’, ook bij 3 respondent(en)" in shown(at.success[0].value)
    at.selectbox(key="unitadmin_remove_which").set_value("Noord")
    _submit(at, "Verwijderen")
    assert "eenheid ‘Noord’ kan niet weg" in shown(at.error[0].value) and "3 respondent(en)" in shown(at.error[0].value)
    at.selectbox(key="unitadmin_remove_which").set_value("Oost")
    _submit(at, "Verwijderen")
    assert shown(at.success[0].value) == "‘Oost’ is verwijderd."
    assert [u.name for u in list_units(store, "Groep BV")] == ["Noord", "Zuidwest"]

    at.text_input(key="unitadmin_label_text").set_value("merken")
    _submit(at, "Opslaan")
    assert shown(at.success[0].value) == "Opgeslagen: de eenheden heten nu ‘Merken’."
    assert at.title[0].value == "Merken van de groep"
    assert "Merken naast elkaar" in [s.value for s in at.subheader]
    radars, heatmap = at.get("vega_lite_chart")[:2]
    assert '"Huidig en gewenst per merk"' in radars.proto.spec and '"Huidige score per merk"' in heatmap.proto.spec
    assert "Merk (Huidig)" in heatmap.proto.spec  # its text alternative, with Dutch numbers
    assert at.selectbox(key="units_open").label == "Merk"
    details = set(audit_entries(store, action=AuditAction.UNIT)["detail"])
    assert {"unit added: Oost", "unit removed: Oost", "units are called: brand"} <= details


def test_the_organisations_word_in_english_and_its_own_word(store, framework):
    group = _group(framework)
    save_assessment(store, group, wave="2026", organisation="Groep BV")
    set_unit_label(store, "Groep BV", "Land")
    at = _units_page(group, "en")
    assert at.title[0].value == "Countries of the group"
    assert {"Countries side by side", "Countries: spread per dimension", "View one country"} <= {
        s.value for s in at.subheader}
    set_unit_label(store, "Groep BV", "Cluster/Clusters")
    at = _units_page(group, "nl")
    assert at.title[0].value == "Clusters van de groep" and at.selectbox(key="units_open").label == "Cluster"


def test_a_member_manages_only_their_own_organisations_units(store, framework, monkeypatch):
    for org, subject in (("Alpha BV", "alice"), ("Beta BV", "bob")):
        saved = save_assessment(store, _group(framework, org), wave="2026", organisation=org)
        add_member(store, add_user(store, Identity(ISSUER, subject)), saved.organisation_id)
    at = app_as("pages/units.py", {"sub": "alice", "name": "Alice"})
    chooser = at.selectbox(key="unitadmin_org")
    assert chooser.options == ["Alpha BV"]  # never Beta's
    at.text_input(key="unitadmin_add_name").set_value("Alpha Oost")
    _submit(at, "Toevoegen")
    assert [u.name for u in list_units(store, "Alpha BV")] == ["Alpha Oost", "Noord", "Zuid"]
    assert [u.name for u in list_units(store, "Beta BV")] == ["Noord", "Zuid"]
    entry = audit_entries(store, action=AuditAction.UNIT).iloc[0]
    assert entry["actor"] == "Alice" and entry["organisation"] == "Alpha BV"


def test_a_round_for_one_unit_gives_that_units_results(store, framework):
    save_assessment(store, _group(framework), wave="2025", organisation="Groep BV")  # Noord and Zuid known
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.switch_page("pages/rounds.py").run()
    at.text_input[0].set_value("Groep BV")
    at.text_input[1].set_value("2026")
    at.text_input(key="round_unit").set_value("Noord")
    _submit(at, "Ronde openen")
    (opened,) = list_rounds(store)
    assert opened.unit == "Noord"
    token = at.code[0].value.rsplit("token=", 1)[1]

    # the respondents' page asks nothing about the unit: everyone in this round belongs to Noord
    respond = AppTest.from_file(str(ROOT / "pages/respond.py"), default_timeout=90)
    respond.query_params["token"] = token
    respond.run()
    assert not respond.exception and not any("Eenheid" in s.label for s in respond.selectbox)

    for value in (5, 4, 4):  # three managers answer (the store calls the page makes)
        _, resume = start_respondent(store, token, language="nl", role="marketing", department="Verkoop",
                                     limits=UNLIMITED)
        save_answers(store, resume, {q.id: (value, 5, "") for q in framework.questions})
        submit(store, resume)

    at.switch_page("pages/rounds.py").run()
    _submit(at, "Ronde sluiten")
    _submit(at, "Resultaten tonen in het dashboard")
    result = at.session_state[RESULT]
    assert result.source == "round" and result.assessment.respondent_count == 3
    assert set(result.survey.respondents["unit"]) == {"Noord"}  # that unit's, nobody else's
    assert result.assessment.overall.current == pytest.approx(13 / 3)
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    assert any("Noord" in str(getattr(e, "value", "")) for e in at.sidebar.markdown) or any(
        "Noord" in str(getattr(e, "value", "")) for e in at.sidebar.caption)  # the sidebar names the unit
