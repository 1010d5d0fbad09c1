"""A whole survey round in Chromium: three respondents answer through the link (one resumes midway),
the manager closes the round, and the Overview shows the same scores as the same answers uploaded
as filled templates."""

from __future__ import annotations

import pytest
from axe import assert_accessible
from conftest import ARTIFACTS, Server, assert_no_exception, wait_for_app
from helpers import fill_template

from omni.rounds import respond_screens
from omni.scoring import score
from omni.store import open_store
from omni.store.rounds import load_round_survey, open_round
from omni.survey import read_survey

SCORES = (1, 2, 3, 4, 5, "dk")  # the importance choices in order (no n/a)
CARDS = (1, 2, 3, 4, 5, "na", "dk")  # the answer cards in order
TEAM = [("Marketing", "marketing", "Marketing", 1), ("IT / technologie", "it", "IT", 2),
        ("Directie / bestuur", "executive", "Directie", 4)]


def answers_of(framework, seed: int) -> dict[str, tuple[object, object]]:
    answers = {}
    for index, q in enumerate(framework.questions):
        k = index + seed
        current = "na" if k % 13 == 0 else 1 + k % 4
        answers[q.id] = (current, "na" if current == "na" else min(5, current + 1 + k % 2))
    return answers


@pytest.fixture
def round_server(tmp_path, monkeypatch):
    monkeypatch.delenv("OMNI_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("OMNI_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("OMNI_ROUND_MIN_INTERVAL_SECONDS", "0")
    server = Server()
    yield server, open_store(f"sqlite:///{tmp_path / 'var' / 'omni.sqlite3'}")
    server.stop()


def importance_of(framework, seed: int) -> dict[str, object]:
    return {d.id: "dk" if (i + seed) % 7 == 0 else 1 + (i + seed) % 5 for i, d in enumerate(framework.dimensions)}


def answer_screen(page, framework, screen, answers, importance) -> None:
    """One screen: the now and goal marks on a question's cards, or a dimension's importance; then next."""
    main = page.locator('[data-testid="stMain"]')
    if screen.kind == "question":
        main.get_by_text(framework.question(screen.question).text("nl"), exact=True).first.wait_for(timeout=30_000)
        if screen.number == 1:  # one of each kind of screen: 37 checks per respondent would double the test's time
            assert_accessible(page, "respondent page: a question")
        for name, value in zip(("Nu", "Doel"), answers[screen.question], strict=True):
            page.get_by_role("radio", name=name, exact=True).nth(CARDS.index(value)).click()
            wait_for_app(page)
    else:
        options = main.get_by_test_id("stRadioOption")
        options.first.wait_for(timeout=30_000)
        if screen.dimension == framework.dimensions[0].id:
            assert_accessible(page, "respondent page: importance")
        options.nth(SCORES.index(importance[screen.dimension])).click()
        wait_for_app(page)
    page.get_by_role("button", name="Volgende", exact=True).click()
    wait_for_app(page)
    assert_no_exception(page)


def start(page, url: str, role_label: str, department: str) -> None:
    page.goto(url)
    wait_for_app(page)
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0  # no dashboard navigation
    assert_accessible(page, "respondent page: start")
    page.get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name=role_label, exact=True).click()
    page.get_by_label("Afdeling").fill(department)
    page.get_by_role("button", name="Beginnen").click()
    wait_for_app(page)
    page.wait_for_url("**/respond?resume=*", timeout=30_000)


def test_three_respondents_answer_in_the_browser_and_the_results_match_the_excel_route(
        round_server, browser, framework, tmp_path):
    server, engine = round_server
    round_, token = open_round(engine, "Web & Co", "2026")
    link = f"{server.url}/respond?token={token}"
    screens = respond_screens(framework)
    for number, (role_label, _role, department, seed) in enumerate(TEAM):
        answers = answers_of(framework, seed)
        phone = number == 0
        context = browser.new_context(viewport={"width": 390, "height": 844} if phone else
                                      {"width": 1200, "height": 900}, locale="nl-NL", is_mobile=phone)
        page = context.new_page()
        start(page, link, role_label, department)
        if phone:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "respond-phone.png"))
        for index, screen in enumerate(screens[:-1]):
            if number == 1 and index == 9:  # leaves midway and comes back through the personal link
                resume = page.url
                context.close()
                context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="nl-NL")
                page = context.new_page()
                page.goto(resume)
                wait_for_app(page)
                page.get_by_text(f"Vraag {screens[index].number} van {len(framework.questions)}").wait_for(
                    timeout=30_000)  # back where they left off
            answer_screen(page, framework, screen, answers, importance_of(framework, seed))
        page.get_by_role("button", name="Antwoorden versturen").click()
        page.get_by_text("Dank u wel!").wait_for(timeout=30_000)
        assert_accessible(page, "respondent page: thanks")
        context.close()

    manager = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    page = manager.new_page()
    page.goto(f"{server.url}/rounds")
    wait_for_app(page)
    page.get_by_text("Begonnen").first.wait_for(timeout=30_000)
    assert_accessible(page, "Rounds with an open round")
    page.get_by_role("button", name="Ronde sluiten").click()
    wait_for_app(page)
    page.get_by_role("button", name="Resultaten tonen in het dashboard").click()
    page.get_by_text("De resultaten staan nu in het dashboard").wait_for(timeout=30_000)
    assert_accessible(page, "Rounds with a closed round")
    page.locator('[data-testid="stMain"]').get_by_role("link", name="Overzicht").click()
    wait_for_app(page)
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=30_000)
    assert_no_exception(page)
    assert_accessible(page, "Overview of a closed round")
    metrics = {m.locator('[data-testid="stMetricLabel"]').inner_text().strip():
               m.locator('[data-testid="stMetricValue"]').inner_text().strip()
               for m in page.locator('[data-testid="stMetric"]').all()}
    manager.close()

    files = [fill_template(tmp_path / f"{role}.xlsx", framework, "nl",
                           {q: tuple("n.v.t." if v == "na" else v for v in values)
                            for q, values in answers_of(framework, seed).items()},
                           {"organisation": "Web & Co", "role": role, "department": department},
                           {d: "weet ik niet" if v == "dk" else v for d, v in importance_of(framework, seed).items()})
             for _, role, department, seed in TEAM]
    excel = score(read_survey(files))
    web = score(load_round_survey(engine, round_.id))
    assert metrics["Respondenten"] == "3"
    assert metrics["Index (1–5)"] == f"{excel.overall.current:.2f}".replace(".", ",")
    assert metrics["Gewenst"] == f"{excel.overall.target:.2f}".replace(".", ",")
    columns = ["dimension", "current", "target", "gap", "median", "std", "level", "n"]
    assert web.dimension_scores[columns].equals(excel.dimension_scores[columns])
    assert web.has_importance and web.importance_scores.equals(excel.importance_scores)
    engine.dispose()
