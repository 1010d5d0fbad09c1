"""Don't know in the web questionnaire through AppTest: a separate choice next to n/a, stored apart
and read back as don't-know (the respondent's page run directly, as from a deep link)."""

from __future__ import annotations

import pytest
from helpers import ROOT
from streamlit.testing.v1 import AppTest

from omni.store import open_store
from omni.store.rounds import open_round, respondent_answers


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("OMNI_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("OMNI_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("OMNI_ROUND_MIN_INTERVAL_SECONDS", "0")
    monkeypatch.setenv("OMNI_PUBLIC_URL", "https://survey.example.org")
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())
    return tmp_path / "var"


def _respond(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages/respond.py"), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_respondent_chooses_dont_know_apart_from_not_applicable(data_dir, framework):
    engine = open_store(f"sqlite:///{data_dir / 'omni.sqlite3'}")
    _, token = open_round(engine, "Weetniet BV", "2026", languages=("nl",))
    at = _respond(token=token)
    at.selectbox[0].set_value("finance")
    at.text_input[0].set_value("Financiën")
    next(b for b in at.button if b.label == "Beginnen").click().run()
    resume = at.session_state["respond_resume"]
    first, second = framework.dimensions[0].questions[:2]
    current = at.radio(key=f"respond_current_{first.id}")
    assert current.options[-2:] == ["n.v.t.", "weet ik niet"]  # two answers, not one
    importance = at.radio(key=f"respond_importance_{framework.dimensions[0].id}")
    assert "weet ik niet" not in importance.options
    current.set_value("dk")
    at.radio(key=f"respond_target_{first.id}").set_value("dk")
    at.radio(key=f"respond_current_{second.id}").set_value("na")
    at.radio(key=f"respond_target_{second.id}").set_value(4)
    next(b for b in at.button if b.label == "Opslaan en verder").click().run()
    assert not at.exception

    saved = respondent_answers(engine, resume)
    assert saved[first.id][:2] == ("dk", "dk") and saved[second.id][:2] == ("na", 4)
    again = _respond(resume=resume)  # through the personal link: the choice comes back as chosen
    assert not again.exception
    assert again.radio(key=f"respond_current_{first.id}").value == "dk"
    assert again.radio(key=f"respond_current_{second.id}").value == "na"
    engine.dispose()
