"""The deck's roadmap slide and the report's roadmap sheet show the importance used and why a
dependency moved a dimension (or why it is kept low), in Dutch and English, with what-if applied."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from omni import format as fmt
from omni.export.deck import KICKER, DeckOptions, build_deck
from omni.export.report import build_report
from omni.i18n import t
from omni.scoring import score
from omni.survey.model import RespondentAnswers
from omni.survey.reader import survey_from_answers

LEVELS = {"vision": (3, 4), "organisation": (3, 4), "audiences": (2, 2), "activation": (2, 4), "martech": (1, 4)}
IMPORTANCE = {"vision": 4, "organisation": 4, "audiences": 2, "activation": 3, "martech": 5}


def _assessment(framework, importance=IMPORTANCE):
    answers = {q.id: (*LEVELS[q.dimension], "") for q in framework.questions}
    people = [RespondentAnswers(facts={"organisation": "Export BV", "role": "executive"}, answers=answers,
                                importance=importance)]
    return score(survey_from_answers(framework, people, source="test"))


def _roadmap_rows(data: bytes, lang: str) -> dict[str, dict[str, object]]:
    ws = load_workbook(io.BytesIO(data))[t("report.sheet.roadmap", lang)]
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    return {row[1]: dict(zip(header, row)) for row in rows[1:] if row[1]}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_report_roadmap_sheet_shows_importance_and_why(framework, lang):
    rows = _roadmap_rows(build_report(_assessment(framework), lang), lang)
    martech = rows[framework.dimension("martech").name(lang)]
    assert martech[t("roadmap.importance_used", lang)] == 5
    assert martech[t("report.priority", lang)] == pytest.approx(3 * 5)
    assert martech[t("report.moved_from", lang)] == t("roadmap.phase.now", lang)
    why = martech[t("roadmap.why", lang)]
    assert ("Verschoven van" if lang == "nl" else "Moved from") in why
    audiences = rows[framework.dimension("audiences").name(lang)]
    assert audiences[t("report.phase", lang)] == t("roadmap.phase.kept_low", lang)
    assert str(audiences[t("report.importance_source", lang)]).startswith(
        "gemiddelde van 1" if lang == "nl" else "mean of 1")


def test_report_roadmap_sheet_uses_what_if_importance(framework):
    rows = _roadmap_rows(build_report(_assessment(framework), "en", importance_overrides={"martech": 1}), "en")
    martech = rows["Marketing technology"]
    assert martech["Importance"] == 1 and martech["Priority"] == pytest.approx(3)
    assert martech["Importance from"] == "set under 'what if'"


def _slide_texts(data: bytes, title: str) -> tuple[str, str]:
    """The texts and notes of the slide about `title` (its kicker; the title itself states the message)."""
    prs = Presentation(io.BytesIO(data))
    for slide in prs.slides:
        if any(s.name == KICKER and s.text_frame.text == title for s in slide.shapes):
            body = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
            return body, slide.notes_slide.notes_text_frame.text
    raise AssertionError(f"no slide {title!r}")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_deck_roadmap_slide_shows_importance_moves_and_kept_low(framework, lang):
    data = build_deck(_assessment(framework), lang, DeckOptions(parts=("roadmap",)))
    body, notes = _slide_texts(data, t("deck.roadmap", lang))
    word = "belang" if lang == "nl" else "importance"
    one, four, five = (fmt.number(x, lang, 1) for x in (1, 4, 5))  # 1,0 in Dutch
    assert f"{framework.dimension('martech').name(lang)} ({one} → {four}, {word} {five})" in body
    assert ("wacht op" if lang == "nl" else "waits for") in body
    assert t("roadmap.phase.kept_low", lang).split()[0] in body and framework.dimension("audiences").name(lang) in body
    assert ("Verschoven van" if lang == "nl" else "Moved from") in notes


def test_deck_says_when_importance_was_not_given(framework):
    data = build_deck(_assessment(framework, importance={}), "en", DeckOptions(parts=("roadmap",)))
    body, notes = _slide_texts(data, t("deck.roadmap", "en"))
    assert t("deck.roadmap_equal", "en") in body
    assert "Nobody rated the importance" in notes
