"""Survey rounds through AppTest: the manager's page and the respondents' page (run directly, as a deep link)."""

from __future__ import annotations

import re

import pytest
from helpers import ROOT, answer_cards, shown, tap_cards
from streamlit.testing.v1 import AppTest

from omni.rounds import estimated_minutes, respond_screens
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
    screens = respond_screens(framework)
    for step, screen in enumerate(screens[:-1]):
        assert at.progress[0].value == int(100 * step / (len(screens) - 1))
        if screen.kind == "question":
            assert answer_cards(at)[1]["question"] == screen.question
            tap_cards(at, score, "na" if screen.question.endswith("-2") else 5)
            if screen.question == framework.dimension(screen.dimension).questions[0].id:
                at.text_input(key=f"respond_comment_{screen.question}").set_value("**vet** <script>x</script>").run()
        else:
            importance = at.radio(key=f"respond_importance_{screen.dimension}")
            dimension = framework.dimension(screen.dimension)
            assert "2-3 jaar" in importance.label and dimension.name("nl") in importance.label
            importance.set_value(5 if dimension.id == "vision" else "dk" if dimension.id == "martech" else 3).run()
        assert not at.exception
        next(b for b in at.button if b.label == "Volgende").click().run()
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
    assert not respondent.exception and "Web & Co" in shown(respondent.markdown[0].value)
    assert not respondent.sidebar.children or not any(  # no dashboard navigation
        "Overzicht" in str(getattr(e, "label", "")) for e in respondent.sidebar.children.values())
    assert any(f"Duurt ongeveer **{estimated_minutes(framework, 'nl')} minuten**" in m.value
               for m in respondent.markdown)  # the time to complete, up front
    assert respondent.selectbox[0].placeholder == "Maak een keuze"  # not Streamlit's English default
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
    rated = result.assessment.importance_scores.set_index("dimension")
    assert rated.loc["vision", "importance"] == 5 and rated.loc["martech", "n_na"] == 1
    assert rated.loc["martech", "n_dk"] == 1

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
    tap_cards(at, 2, None)  # saved at once, no button needed

    again = _respond(resume=resume)  # a new session through the personal link
    assert not again.exception
    assert answer_cards(again)[1]["question"] == first and answer_cards(again)[1]["current"] == 2
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


def test_one_browser_cannot_start_many_respondents_and_the_manager_removes_them(data_dir, monkeypatch):
    """Through the real pages: the respondents' page passes who is asking (here: no cookie, loopback, as
    AppTest connects), so a fourth start from that one client is refused with a message in Dutch; the
    manager then sees the three as suspects, removes them and raises the maximum."""
    monkeypatch.setenv("OMNI_ROUND_ADDRESS_INTERVAL_SECONDS", "0")
    engine = _engine(data_dir)
    round_, token = open_round(engine, "Eén Klant BV", "2026")
    for attempt in range(4):
        at = _respond(token=token)
        at.selectbox[0].set_value("hr")
        at.text_input[0].set_value("HR")
        next(b for b in at.button if b.label == "Beginnen").click().run()
        assert not at.exception
        if attempt < 3:
            assert "resume" in at.query_params
        else:
            assert "Vanaf dit apparaat zijn al meerdere deelnemers begonnen" in at.error[0].value
    assert round_status(engine, round_.id).started == 3

    manager = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
    manager.switch_page("pages/rounds.py").run()
    assert not manager.exception
    table = manager.dataframe[-1].value
    assert len(table) == 3 and table["Waarom verdacht"].str.contains("geen cookie").all()
    assert not table.columns.isin(["Naam", "Name"]).any()  # never a name or an answer
    next(b for b in manager.button if b.label == "Alle verdachte deelnemers kiezen").click().run()
    next(b for b in manager.button if b.label == "Gekozen deelnemers verwijderen").click().run()
    assert not manager.exception
    assert round_status(engine, round_.id).started == 0
    manager.number_input[0].set_value(450)
    next(b for b in manager.button if b.label == "Maximum aanpassen").click().run()
    assert not manager.exception and any("450" in s.value for s in manager.success)
    assert round_status(engine, round_.id).round.max_respondents == 450
    engine.dispose()


def test_a_rounds_closing_date_is_written_in_the_users_language(data_dir):
    """"Sluit op 15 december 2026" / "Closes on 15 December 2026" (omni.format), never the ISO date."""
    import datetime as dt

    from omni.rounds import closes_at_end_of

    engine = _engine(data_dir)
    open_round(engine, "Datum BV", "2026", closes_at=closes_at_end_of(dt.date(2026, 12, 15)))
    engine.dispose()
    for lang, expected in (("nl", "Sluit op 15 december 2026"), ("en", "Closes on 15 December 2026")):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
        at.query_params["lang"] = lang
        at.run()
        at.switch_page("pages/rounds.py").run()
        assert not at.exception
        captions = [c.value for c in at.caption]
        assert expected in captions, captions
        assert not any("2026-12-15" in c for c in captions)
