"""The Action plan page and the Roadmap's "add to action plan" button through AppTest, on a real store."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from helpers import ISSUER, app_as
from streamlit.testing.v1 import AppTest

from omni.action_plan import add_action, change_action, plan
from omni.demo import demo_respondents
from omni.framework import get_framework
from omni.scoring import score
from omni.store import open_store
from omni.store.access import Identity, add_member, add_user
from omni.store.assessments import save_assessment
from omni.survey.reader import survey_from_answers


@pytest.fixture
def store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'omni.sqlite3'}"
    monkeypatch.setenv("OMNI_DATABASE_URL", url)
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())
    engine = open_store(url)
    yield engine
    engine.dispose()


def _app(page: str, user: dict | None = None, **state) -> AppTest:
    return app_as(page, user, auth=user is not None, **state)


def _texts(at: AppTest) -> str:
    """Every text on the page as a reader sees it: markdown escapes and invisible word joiners removed
    (user text goes through omni.ui.markup.plain)."""
    raw = "\n".join(str(e.value) for kind in ("title", "markdown", "caption", "info", "error", "warning",
                                              "success") for e in getattr(at, kind))
    return _unescaped(raw)


def _unescaped(text: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text).replace("\u2060", "")


def test_one_click_on_the_roadmap_puts_an_action_on_the_plan(store):
    at = _app("pages/roadmap.py")
    buttons = [b for b in at.button if b.label == "Zet op het actieplan"]
    assert len(buttons) == 5  # one per dimension
    buttons[0].click().run()
    assert not at.exception, at.exception
    assert "staat op het actieplan" in _texts(at)
    [action] = plan(store)
    assert action.wave == "2026" and action.organisation  # the demo organisation, created with its first action
    assert action.fields.questions and action.fields.status == "planned" and action.fields.target_level
    at.switch_page("pages/actions.py").run()
    assert not at.exception, at.exception
    table = at.data_editor[0].value
    assert list(table["title"]) == [action.fields.title] and list(table["status"]) == ["Gepland"]


def test_the_page_warns_about_overdue_actions_filters_and_saves_edits(store):
    fw = get_framework()
    assessment = score(survey_from_answers(fw, demo_respondents(fw, n=3, seed=2), source="seed.xlsx"))
    save_assessment(store, assessment, wave="2026", organisation="Alpha BV")
    late = add_action(store, "Alpha BV", {"title": "Klantdata koppelen", "dimension": "audiences",
                                          "due_date": "2026-01-31", "owner_name": "Anna"})
    add_action(store, "Alpha BV", {"title": "Visie delen", "dimension": "vision", "due_date": "2099-01-01",
                                   "owner_name": "Bram"})
    at = _app("pages/actions.py", actions_org="Alpha BV")
    assert "Te laat (1): Klantdata koppelen" in [w.value for w in at.warning][0]
    table = at.data_editor[0].value
    assert list(table["title"]) == ["Klantdata koppelen", "Visie delen"]
    assert table["overdue"][0].startswith("⚠ te laat") and table["overdue"][1] == ""
    # ... and by colour: the overdue cell (first column) of the first row only, as sent to the browser
    styles = at.data_editor[0].proto.arrow_data.styler.styles
    assert "_row0_col0 { background-color: #FDE7E7; color: #A00000" in styles and "_row1_col0" not in styles
    at.text_input(key="actions_f_owner").input("bram").run()
    assert list(at.data_editor[0].value["title"]) == ["Visie delen"]
    at.text_input(key="actions_f_owner").input("").run()

    # An edit in the table (seeded as the browser would send it) is saved with the version it was based on.
    at.session_state["actions_editor"] = {"edited_rows": {0: {"status": "Klaar"}}, "added_rows": [
        {"title": "Nieuwe actie", "dimension": "Activatie", "due_date": "2027-02-01"}], "deleted_rows": []}
    next(b for b in at.button if b.label == "Opslaan").click().run()
    assert not at.exception, at.exception
    assert "Wijzigingen opgeslagen: 2." in _texts(at)
    now = {a.fields.title: a for a in plan(store)}
    assert now["Klantdata koppelen"].fields.status == "done" and now["Klantdata koppelen"].version == 2
    assert now["Nieuwe actie"].wave == "2026" and now["Nieuwe actie"].fields.dimension == "activation"
    assert not at.warning  # done: no longer overdue

    # Someone else changes the same action in another browser; this table still shows version 2.
    change_action(store, late.id, {"owner_name": "Carol"}, based_on=2)
    at.session_state["actions_editor"] = {"edited_rows": {0: {"owner_name": "Dirk"}}, "added_rows": [],
                                          "deleted_rows": []}
    next(b for b in at.button if b.label == "Opslaan").click().run()
    assert "Klantdata koppelen: De actie 'Klantdata koppelen' is intussen gewijzigd door" in _texts(at)
    assert {a.fields.owner_name for a in plan(store) if a.id == late.id} == {"Carol"}


def test_a_member_sees_only_her_organisations_plan(store):
    fw = get_framework()
    assessment = score(survey_from_answers(fw, demo_respondents(fw, n=3, seed=2), source="seed.xlsx"))
    for org, subject in (("Alpha BV", "alice"), ("Beta BV", "bob")):
        saved = save_assessment(store, assessment, wave="2026", organisation=org)
        add_member(store, add_user(store, Identity(ISSUER, subject)), saved.organisation_id)
        add_action(store, org, {"title": f"Plan van {org}", "dimension": "vision",
                                "due_date": dt.date(2099, 1, 1)})
    at = _app("pages/actions.py", user={"sub": "alice", "name": "Alice"})
    assert at.selectbox(key="actions_org").options == ["Alpha BV"]
    assert list(at.data_editor[0].value["title"]) == ["Plan van Alpha BV"]
    assert "Beta BV" not in _texts(at)


def test_the_page_shows_projected_versus_realised_at_the_next_wave(store):
    fw = get_framework()

    def wave(raised: dict[str, int]):
        from omni.survey.model import RespondentAnswers

        people = [RespondentAnswers(facts={"organisation": "Alpha BV", "role": "executive", "department": "D",
                                           "name": f"R{n}"},
                                    answers={q.id: (raised.get(q.id, 2), 4, "") for q in fw.questions})
                  for n in range(3)]
        return score(survey_from_answers(fw, people, source="t.xlsx"))

    save_assessment(store, wave({}), wave="2026", organisation="Alpha BV", wave_date=dt.date(2026, 3, 1))
    add_action(store, "Alpha BV", {"title": "Visie delen", "dimension": "vision", "questions": "VIS-1",
                                   "target_level": 2, "status": "done"})
    add_action(store, "Alpha BV", {"title": "Data op orde", "dimension": "audiences", "questions": "AUD-1",
                                   "status": "done"})
    at = _app("pages/actions.py", actions_org="Alpha BV")
    assert "Controle bij de volgende meting" in [h.value for h in at.subheader]
    assert "Nog geen latere meting opgeslagen" in _texts(at)
    save_assessment(store, wave({"VIS-1": 5, "ORG-2": 4}), wave="2027", organisation="Alpha BV",
                    wave_date=dt.date(2027, 3, 1))
    at = _app("pages/actions.py", actions_org="Alpha BV")
    table = at.dataframe[-1].value
    rows = {r["Actie"]: r for r in table.to_dict("records")}
    assert rows["Visie delen"]["Metingen"] == "2026 → 2027"
    assert rows["Visie delen"]["Vragen voor → na"] == "VIS-1 2,00 → 5,00"
    assert rows["Visie delen"]["Oordeel"] == "Doel gehaald"
    assert rows["Data op orde"]["Oordeel"] == "Niet bewogen"
    text = _texts(at)
    assert "Afgerond maar de scores bewogen niet: Data op orde" in text
    assert "Bewogen zonder actie (2026 → 2027): ORG-2 (2,00 → 4,00)" in text


def test_the_history_page_shows_the_check_too(store):
    fw = get_framework()
    assessment = score(survey_from_answers(fw, demo_respondents(fw, n=3, seed=2), source="seed.xlsx"))
    save_assessment(store, assessment, wave="2026", organisation="Alpha BV", wave_date=dt.date(2026, 3, 1))
    add_action(store, "Alpha BV", {"title": "Visie delen", "dimension": "vision", "status": "done"})
    save_assessment(store, assessment, wave="2027", organisation="Alpha BV", wave_date=dt.date(2027, 3, 1))
    at = _app("pages/history.py", history_org="Alpha BV")
    assert "Controle bij de volgende meting" in [h.value for h in at.subheader]
    rows = at.dataframe[-1].value.to_dict("records")
    assert rows[0]["Actie"] == "Visie delen" and rows[0]["Metingen"] == "2026 → 2027"
    assert rows[0]["Oordeel"] == "Niet bewogen"  # the same answers twice
    assert "Afgerond maar de scores bewogen niet: Visie delen" in _texts(at)


def test_import_on_the_page_reports_bad_rows_in_english_and_saves_nothing_then_imports(store):
    fw = get_framework()
    assessment = score(survey_from_answers(fw, demo_respondents(fw, n=3, seed=2), source="seed.xlsx"))
    save_assessment(store, assessment, wave="2026", organisation="Alpha BV")
    at = _app("pages/actions.py", actions_org="Alpha BV")
    at.segmented_control(key="_lang_widget").set_value("en").run()
    assert at.title[0].value == "Action plan"
    bad = b"Action,Dimension,Due\nGood one,Activation,2027-02-01\nBad one,Activation,someday\n"
    at.get("file_uploader")[0].upload("plan.csv", bad, "text/csv").run()
    next(b for b in at.button if b.label == "Import").click().run()
    assert not at.exception, at.exception
    error = _unescaped([e.value for e in at.error][0])
    assert "Nothing imported. Errors in the file: 1." in error and "row 3, column Due" in error
    assert plan(store) == []
    good = b"Action,Dimension,Due\nGood one,Activation,2027-02-01\n"
    at.get("file_uploader")[0].upload("plan.csv", good, "text/csv").run()
    next(b for b in at.button if b.label == "Import").click().run()
    assert "Imported: 1 new, 0 changed." in _texts(at)
    assert [a.fields.title for a in plan(store)] == ["Good one"]
