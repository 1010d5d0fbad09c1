"""Survey rounds through AppTest: the manager's page and the respondents' page (run directly, as a deep link)."""

from __future__ import annotations

import re

import pytest
from helpers import ROOT
from streamlit.testing.v1 import AppTest

from omni.store import open_store
from omni.store.rounds import close_round, open_round, round_status
from omni.ui.state import RESULT


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("OMNI_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("OMNI_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("OMNI_ROUND_MIN_INTERVAL_SECONDS", "0")
    monkeypatch.setenv("OMNI_PUBLIC_URL", "https://survey.example.org")
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())
    return tmp_path / "var"


def _engine(data_dir):
    return open_store(f"sqlite:///{data_dir / 'omni.sqlite3'}")


def _respond(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages/respond.py"), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def _answer_everything(at: AppTest, framework, score: int = 3) -> None:
    for step, dimension in enumerate(framework.dimensions):
        assert at.progress[0].value == round(100 * step / len(framework.dimensions))
        for question in dimension.questions:
            at.radio(key=f"respond_current_{question.id}").set_value(score)
            at.radio(key=f"respond_target_{question.id}").set_value("na" if question.id.endswith("-2") else 5)
        at.text_input(key=f"respond_comment_{dimension.questions[0].id}").set_value("**vet** <script>x</script>")
        next(b for b in at.button if b.label == "Opslaan en verder").click().run()
        assert not at.exception


def test_manager_opens_a_round_follows_it_closes_it_and_shows_results(data_dir, framework):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    at.switch_page("pages/rounds.py").run()
    assert not at.exception and at.title[0].value == "Enquêterondes"
    at.text_input[0].set_value("Web & Co")
    at.text_input[1].set_value("2026")
    next(b for b in at.button if b.label == "Ronde openen").click().run()
    assert not at.exception
    assert at.success and "Ronde 1" in at.success[0].value
    link = at.code[0].value
    token = re.fullmatch(r"https://survey\.example\.org/respond\?token=([\w-]{40,})", link).group(1)
    assert at.get("image")  # the QR code

    respondent = _respond(token=token)
    assert not respondent.exception and "Web & Co" in respondent.markdown[0].value
    assert not respondent.sidebar.children or not any(  # no dashboard navigation
        "Overzicht" in str(getattr(e, "label", "")) for e in respondent.sidebar.children.values())
    respondent.selectbox[0].set_value("marketing")
    respondent.text_input[0].set_value("Marketing")
    next(b for b in respondent.button if b.label == "Beginnen").click().run()
    assert not respondent.exception
    resume = respondent.query_params["resume"]
    resume = resume[0] if isinstance(resume, list) else resume
    _answer_everything(respondent, framework)
    n = len(framework.questions)
    assert f"{n} van {n} vragen beantwoord" in respondent.info[0].value
    next(b for b in respondent.button if b.label == "Antwoorden versturen").click().run()
    assert respondent.success[0].value.startswith("Dank u wel")
    assert not respondent.metric and not respondent.get("vega_lite_chart")  # never any results

    at.switch_page("pages/rounds.py").run()
    assert {m.label: m.value for m in at.metric} == {"Begonnen": "1", "Verstuurd": "1"}
    assert "Marketing" in at.dataframe[0].value.iloc[:, 0].tolist()
    next(b for b in at.button if b.label == "Ronde sluiten").click().run()
    assert not at.exception
    next(b for b in at.button if b.label == "Resultaten tonen in het dashboard").click().run()
    assert not at.exception and at.success
    result = at.session_state[RESULT]
    assert result.source == "round" and result.assessment is not None
    assert result.assessment.respondent_count == 1
    assert result.survey.answers["comment"].str.contains("<script>", regex=False).any()

    at.switch_page("pages/overview.py").run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Respondenten"] == "1"

    closed = _respond(resume=resume)
    assert closed.success[0].value.startswith("Dank u wel")  # submitted earlier: says thanks, nothing else


def test_respondent_resumes_and_closed_or_bad_links_say_so_politely(data_dir, framework):
    engine = _engine(data_dir)
    round_, token = open_round(engine, "Terug BV", "2026", languages=("en",))
    at = _respond(token=token)
    assert at.title[0].value == "Omnichannel maturity survey"  # the round's only language
    at.selectbox[0].set_value("it")
    at.text_input[0].set_value("IT")
    next(b for b in at.button if b.label == "Start").click().run()
    resume = at.session_state["respond_resume"]
    first = framework.dimensions[0].questions[0].id
    at.radio(key=f"respond_current_{first}").set_value(2)
    next(b for b in at.button if b.label == "Save and continue").click().run()

    again = _respond(resume=resume)  # a new session through the personal link
    assert not again.exception
    assert again.radio(key=f"respond_current_{first}").value == 2
    assert round_status(engine, round_.id).started == 1

    close_round(engine, round_.id)
    for params in ({"token": token}, {"resume": resume}):
        closed = _respond(**params)
        assert not closed.exception and "closed" in closed.info[0].value
    for params in ({"token": "x" * 43}, {"resume": "nope"}, {}):
        bad = _respond(**params)
        assert not bad.exception
        assert (bad.error or bad.info), params
    engine.dispose()


def test_flood_limit_is_a_clear_message(data_dir, monkeypatch):
    monkeypatch.setenv("OMNI_ROUND_MAX_RESPONDENTS", "1")
    engine = _engine(data_dir)
    _, token = open_round(engine, "Vol BV", "2026")
    for expected in (None, "maximale aantal deelnemers"):
        at = _respond(token=token)
        at.selectbox[0].set_value("hr")
        at.text_input[0].set_value("HR")
        next(b for b in at.button if b.label == "Beginnen").click().run()
        assert not at.exception
        if expected:
            assert expected in at.error[0].value
    engine.dispose()


def test_rounds_page_is_listed_and_respond_page_is_not(data_dir):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    links = [link.label for link in at.sidebar.get("page_link")]
    assert "Enquêterondes" in links and "Enquête omnichannel-volwassenheid" not in links
