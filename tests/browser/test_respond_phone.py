"""The respondent's questionnaire on a phone (390x844, touch), in Dutch and in English.

One respondent per language answers every screen by tapping the cards, as a person would: the test
counts the taps, times the run, counts the words on every screen (at most ~250), checks the time
estimate shown up front against the words and taps it measured, runs axe-core on every kind of
screen, moves one mark with the keyboard, and reads the answers back from the store.
"""

from __future__ import annotations

import json
import time

import pytest
from axe import assert_accessible
from conftest import ARTIFACTS, Server, assert_no_exception, wait_for_app

from omni.rounds import (
    READING_WORDS_PER_MINUTE,
    SECONDS_PER_TAP,
    estimated_minutes,
    respond_screens,
    taps_to_complete,
    words_to_read,
)
from omni.store import open_store
from omni.store.rounds import open_round, respondent_answers
from omni.survey.model import importance_key

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
WORD_LIMIT = 250
CHOICES = (1, 2, 3, 4, 5, "na", "dk")  # the order of the cards
IMPORTANCE = (1, 2, 3, 4, 5, "dk")  # no n/a for importance
LABELS = {"nl": {"now": "Nu", "goal": "Doel", "next": "Volgende", "submit": "Antwoorden versturen",
                 "thanks": "Dank u wel!", "start": "Beginnen", "department": "Afdeling", "role": "Marketing"},
          "en": {"now": "Now", "goal": "Goal", "next": "Next", "submit": "Submit answers",
                 "thanks": "Thank you!", "start": "Start", "department": "Department", "role": "Marketing"}}

# words on the screen, shadow roots (the answer cards) included
WORDS_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  let text = main.innerText;
  for (const host of main.querySelectorAll('*')) {
    if (!host.shadowRoot) continue;
    for (const child of host.shadowRoot.children) { if (child.tagName !== 'STYLE') text += ' ' + child.innerText; }
  }
  return text.split(/\\s+/).filter(w => /[\\p{L}\\p{N}]/u.test(w)).length;
}"""


@pytest.fixture
def round_server(tmp_path, monkeypatch):
    monkeypatch.delenv("OMNI_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("OMNI_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("OMNI_ROUND_MIN_INTERVAL_SECONDS", "0")
    server = Server()
    yield server, open_store(f"sqlite:///{tmp_path / 'var' / 'omni.sqlite3'}")
    server.stop()


def chosen_answers(framework) -> tuple[dict, dict]:
    answers = {q.id: (CHOICES[i % 7], CHOICES[(i + 2) % 7]) for i, q in enumerate(framework.questions)}
    importance = {d.id: IMPORTANCE[i % 6] for i, d in enumerate(framework.dimensions)}
    return answers, importance


def words_on_screen(page) -> int:
    return page.evaluate(WORDS_JS)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_phone_answers_every_question_by_tapping_the_cards(round_server, browser, framework, lang):
    server, engine = round_server
    _, token = open_round(engine, "Web & Co", "2026", languages=("nl", "en"))
    words = LABELS[lang]
    context = browser.new_context(locale=f"{lang}-NL", **PHONE)
    page = context.new_page()
    page.goto(f"{server.url}/respond?token={token}&lang={lang}")
    wait_for_app(page)
    main = page.locator('[data-testid="stMain"]')
    minutes = estimated_minutes(framework, lang)
    main.get_by_text(f"{minutes} min", exact=False).first.wait_for(timeout=30_000)  # the time, up front
    if lang == "nl":
        assert "Choose an option" not in main.inner_text()  # the role's placeholder is Dutch too
    assert_accessible(page, f"start screen ({lang}, phone)")
    page.get_by_test_id("stSelectbox").tap()
    page.get_by_role("option", name=words["role"], exact=True).tap()
    page.get_by_label(words["department"]).fill("Marketing")
    page.get_by_role("button", name=words["start"]).tap()
    page.wait_for_url("**/respond?resume=*", timeout=30_000)
    wait_for_app(page)
    resume = page.url.split("resume=")[1]

    answers, importance = chosen_answers(framework)
    screens = respond_screens(framework)
    taps, most_words, checked = 0, 0, set()
    started = time.monotonic()
    for index, screen in enumerate(screens):
        wait_for_app(page)
        assert_no_exception(page)
        if screen.kind == "question":
            question = framework.question(screen.question)
            main.get_by_text(question.text(lang), exact=True).first.wait_for(timeout=30_000)
            now = page.get_by_role("radio", name=words["now"], exact=True)
            goal = page.get_by_role("radio", name=words["goal"], exact=True)
            assert now.count() == goal.count() == 7  # five options, n/a and don't know: each card once
            most_words = max(most_words, words_on_screen(page))
            if index == 0:
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / f"respond-question-{lang}.png"))  # the keyboard moves the mark too: arrow keys within the "now" group
                now.nth(0).focus()
                page.keyboard.press("Space")
                page.keyboard.press("ArrowDown")
                wait_for_app(page)
                assert now.nth(1).is_checked()
            current, target = answers[question.id]
            now.nth(CHOICES.index(current)).tap()
            wait_for_app(page)
            goal.nth(CHOICES.index(target)).tap()
            wait_for_app(page)
            taps += 2
            if "question" not in checked:
                assert_accessible(page, f"question screen ({lang}, phone)")
                checked.add("question")
        elif screen.kind == "importance":
            most_words = max(most_words, words_on_screen(page))
            options = main.get_by_test_id("stRadioOption")
            options.nth(IMPORTANCE.index(importance[screen.dimension])).tap()
            wait_for_app(page)
            taps += 1
            if "importance" not in checked:
                assert_accessible(page, f"importance screen ({lang}, phone)")
                checked.add("importance")
        else:
            main.get_by_role("button", name=words["submit"]).wait_for(timeout=30_000)
            most_words = max(most_words, words_on_screen(page))
            assert_accessible(page, f"review screen ({lang}, phone)")
            page.get_by_role("button", name=words["submit"]).tap()
            taps += 1
            break
        page.get_by_role("button", name=words["next"], exact=True).tap()
        taps += 1
    page.get_by_text(words["thanks"]).wait_for(timeout=30_000)
    seconds = time.monotonic() - started
    assert_accessible(page, f"thank-you screen ({lang}, phone)")
    page.goto(f"{server.url}/respond?token={'x' * 43}&lang={lang}")  # a mistyped link: a polite message
    wait_for_app(page)
    page.get_by_test_id("stAlert").first.wait_for(timeout=30_000)
    assert_accessible(page, f"bad-link screen ({lang}, phone)")
    context.close()

    assert most_words <= WORD_LIMIT, f"{most_words} words on one phone screen"
    assert taps == taps_to_complete(framework)
    # the estimate shown up front is reading every question once plus these taps
    expected = words_to_read(framework, lang) / READING_WORDS_PER_MINUTE * 60 + taps * SECONDS_PER_TAP
    assert minutes == -(-int(expected) // 60)
    saved = respondent_answers(engine, resume)
    (ARTIFACTS / f"respond-phone-{lang}.json").write_text(json.dumps(
        {"taps": taps, "seconds": round(seconds, 1), "most_words_on_a_screen": most_words,
         "estimated_minutes": minutes, "questions": len(framework.questions)}))
    for question in framework.questions:
        assert saved[question.id][:2] == answers[question.id], question.id
    for dimension, value in importance.items():
        assert saved[importance_key(dimension)][0] == value
    engine.dispose()
