"""Don't know in the web questionnaire through AppTest: a separate choice next to n/a, stored apart
and read back as don't-know (the respondent's page run directly, as from a deep link)."""

from __future__ import annotations

import pytest
from helpers import ROOT, answer_cards, tap_cards
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
    _, cards = answer_cards(at)
    assert [o["value"] for o in cards["options"]][-2:] == ["na", "dk"]  # two answers, not one
    assert [o["text"] for o in cards["options"]][-2:] == ["n.v.t.", "weet ik niet"]
    tap_cards(at, "dk", "dk")
    next(b for b in at.button if b.label == "Volgende").click().run()
    tap_cards(at, "na", 4)
    assert not at.exception
    for _ in framework.dimensions[0].questions[1:]:
        next(b for b in at.button if b.label == "Volgende").click().run()
    importance = at.radio(key=f"respond_importance_{framework.dimensions[0].id}")
    assert "weet ik niet" in importance.options and "n.v.t." not in importance.options  # importance: no n/a

    saved = respondent_answers(engine, resume)
    assert saved[first.id][:2] == ("dk", "dk") and saved[second.id][:2] == ("na", 4)
    again = _respond(resume=resume)  # through the personal link: the choice comes back as chosen
    assert not again.exception
    _, cards = answer_cards(again)
    assert cards["question"] == framework.dimensions[0].questions[2].id  # the first question left open
    again.session_state["respond_step"] = 0
    again.run()
    assert answer_cards(again)[1]["current"] == "dk" and answer_cards(again)[1]["target"] == "dk"
    engine.dispose()
