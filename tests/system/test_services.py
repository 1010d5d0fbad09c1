"""Workflows the app and the CLI share (omni.services), on a real store (SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers import ROOT

from omni.cli import main
from omni.demo import demo_respondents
from omni.scoring import score
from omni.services import save_wave
from omni.store import StoreError
from omni.store.assessments import list_assessments
from omni.store.organisations import find_organisation
from omni.store.peer_entries import entries_with_status
from omni.survey.reader import survey_from_answers


def _assessment(framework, *, drop: str | None = None):
    people = demo_respondents(framework, n=3, seed=4)
    if drop:
        people = [replace(p, facts={k: v for k, v in p.facts.items() if k != drop}) for p in people]
    return score(survey_from_answers(framework, people))


def test_a_wave_is_saved_opted_in_and_offered_to_the_peer_set(engine, framework):
    plain = save_wave(engine, _assessment(framework), organisation="Golf BV", wave="2025")
    assert plain.saved.version == 1 and plain.contributed is None and plain.contribute_error is None
    assert not find_organisation(engine, "Golf BV").peer_opt_in

    done = save_wave(engine, _assessment(framework), organisation="Golf BV", wave="2026", contribute=True,
                     source="golf.xlsx")
    assert done.contribute_error is None
    assert find_organisation(engine, "Golf BV").peer_opt_in
    pending = entries_with_status(engine, "pending")
    assert list(pending["id"]) == [done.contributed]
    assert [s.wave for s in list_assessments(engine, "Golf BV")] == ["2025", "2026"]


def test_a_failed_contribution_is_reported_and_the_wave_stays_saved(engine, framework):
    done = save_wave(engine, _assessment(framework, drop="sector"), organisation="Zonder Sector BV", wave="2026",
                     contribute=True)
    assert done.contributed is None
    assert isinstance(done.contribute_error, StoreError)
    assert done.contribute_error.message("en") == StoreError("peer_facts_missing", missing="sector").message("en")
    assert [s.id for s in list_assessments(engine, "Zonder Sector BV")] == [done.saved.id]
    assert len(entries_with_status(engine, "pending")) == 0


def test_a_refused_save_stores_nothing(engine, framework):
    refused = [("   ", "2026", StoreError("organisation_empty")),
               ("G" * 201, "2026", StoreError("organisation_long", limit=200)),
               ("Golf BV", " ", StoreError("wave_empty")),
               ("Golf BV", "w" * 101, StoreError("wave_long", limit=100))]
    for organisation, wave, expected in refused:
        with pytest.raises(StoreError) as caught:
            save_wave(engine, _assessment(framework), organisation=organisation, wave=wave, contribute=True)
        assert caught.value.message("nl") == expected.message("nl"), (organisation, wave)
    assert list_assessments(engine, "Golf BV") == []


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """The default SQLite store in a temporary data directory (what the app and the CLI open)."""
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())
    for name in ("OMNI_DATABASE_URL", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OMNI_DATA_DIR", str(tmp_path / "var"))
    return tmp_path / "var"


def test_the_cli_saves_and_contributes_through_the_same_workflow(data_dir, capsys):
    sample = str(ROOT / "data/samples/demo-survey-en.xlsx")
    assert main(["save", sample, "--wave", "2026", "--contribute", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "version 1" in out and "Offered to the peer set as entry" in out, out


def test_the_history_page_saves_and_contributes_through_the_same_workflow(data_dir, framework):
    from streamlit.testing.v1 import AppTest

    from omni.i18n import t
    from omni.ui.state import RESULT, Result

    def save(assessment, organisation: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
        at.session_state[RESULT] = Result(assessment.survey, assessment, "upload", ("x.xlsx",))
        at.run()
        at.switch_page("pages/history.py").run()
        at.text_input[0].set_value(organisation)
        at.text_input[1].set_value("2026")
        at.checkbox[0].check()
        at.button[0].click().run()  # the form's submit button
        assert not at.exception, at.exception
        return at

    at = save(_assessment(framework), "Golf BV")
    assert [s.value for s in at.success][1:] == [t("history.contributed", "nl")]
    assert not at.warning
    at = save(_assessment(framework, drop="sector"), "Zonder Sector BV")
    assert "versie 1" in at.success[0].value and len(at.success) == 1
    assert [w.value for w in at.warning] == [t("history.contribute_failed", "nl")]


def test_the_cli_closes_a_round_at_the_end_of_its_closing_day(data_dir, capsys):
    import datetime as dt
    import json

    from omni.rounds import closes_at_end_of

    assert main(["round", "open", "--org", "Golf BV", "--wave", "2026", "--closes", "2026-12-31", "--json"]) == 0
    opened = json.loads(capsys.readouterr().out)
    assert main(["round", "status", str(opened["id"]), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    closes = dt.datetime.fromisoformat(status["closes_at"])
    assert closes.replace(tzinfo=closes.tzinfo or dt.UTC) == closes_at_end_of(dt.date(2026, 12, 31))
    assert main(["round", "open", "--org", "Golf BV", "--wave", "2027", "--closes", "31-12-2026"]) == 2
    assert "--closes must be a date YYYY-MM-DD" in capsys.readouterr().err


def test_export_extras_say_what_an_export_can_include_and_why_not(engine, framework):
    from omni.peers import ensure_demo_peers
    from omni.services import export_extras

    first = _assessment(framework)
    name = first.organisation
    none = export_extras(engine, first)
    assert none.benchmark is None and none.benchmark_missing == "export.reason.few_peers"
    assert none.history is None and none.trend_missing == "export.reason.few_waves" and none.organisation == name

    ensure_demo_peers(engine)
    save_wave(engine, first, organisation=name, wave="2025")
    save_wave(engine, first, organisation=name, wave="2026")
    both = export_extras(engine, first)
    assert both.benchmark is not None and both.benchmark.sufficient and both.benchmark_missing is None
    assert [w.wave for w in both.history.waves] == ["2025", "2026"] and both.trend_missing is None

    nameless = export_extras(engine, _assessment(framework, drop="organisation"))
    assert nameless.history is None and nameless.trend_missing == "export.reason.no_organisation"
    assert export_extras(engine, first, organisation="Niemand BV").trend_missing == "export.reason.few_waves"


def test_a_closed_round_without_answers_gives_no_results(engine):
    from omni.rounds import RoundError
    from omni.store.rounds import close_round, open_round
    from omni.ui.loading import load_round

    round_, _token = open_round(engine, "Golf BV", "2026")
    closed = close_round(engine, round_.id)
    with pytest.raises(RoundError) as caught:
        load_round(engine, closed)
    assert caught.value.message("en") == "Nobody submitted answers in this round."
