"""Dutch and English texts for the respondent's phone-first questionnaire (merged into omni.i18n.TEXTS)."""

from __future__ import annotations

RESPOND_TEXTS: dict[str, dict[str, object]] = {
    # shown before starting: the estimate comes from omni.rounds.estimated_minutes (reading + taps)
    "respond.duration": {
        "nl": "Duurt ongeveer **{minutes} minuten**: {questions} vragen, één per scherm. Stoppen mag: met "
              "uw persoonlijke link gaat u later verder.",
        "en": "Takes about **{minutes} minutes**: {questions} questions, one per screen. You can stop at any "
              "time: your personal link lets you continue later."},
    "respond.question_of": {"nl": "Vraag {n} van {total} · {dimension}", "en": "Question {n} of {total} · {dimension}"},
    "respond.importance_of": {"nl": "Belang · {dimension}", "en": "Importance · {dimension}"},
    "respond.review_step": {"nl": "Versturen", "en": "Submit"},
    # the two marks on every answer card
    "respond.mark_now": {"nl": "Nu", "en": "Now"},
    "respond.mark_goal": {"nl": "Doel", "en": "Goal"},
    "respond.marks_legend": {
        "nl": "Kies twee keer: {now} = {current}, {goal} = {target}.",
        "en": "Choose twice: {now} = {current}, {goal} = {target}."},
}
