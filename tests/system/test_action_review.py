"""Check at the next wave: projected versus realised per action, and the board's findings."""

from __future__ import annotations

import datetime as dt

from omni.action_plan import add_action
from omni.action_review import review_plan
from omni.scoring import score
from omni.store.assessments import save_assessment
from omni.survey.model import RespondentAnswers
from omni.survey.reader import survey_from_answers


def _assessment(framework, raised: dict[str, int]):
    people = []
    for n in range(3):
        answers = {q.id: (raised.get(q.id, 2), 4, "") for q in framework.questions}
        people.append(RespondentAnswers(facts={"organisation": "Alpha BV", "role": "executive", "department": "D",
                                               "name": f"R{n}"}, answers=answers))
    return score(survey_from_answers(framework, people, source="t.xlsx"))


def test_actions_are_checked_against_the_next_wave(engine, framework):
    save_assessment(engine, _assessment(framework, {}), wave="2026", organisation="Alpha BV",
                    wave_date=dt.date(2026, 3, 1))
    lifted = add_action(engine, "Alpha BV", {"title": "Visie delen", "dimension": "vision", "questions": "VIS-1",
                                             "target_level": 3, "status": "done"})
    idle = add_action(engine, "Alpha BV", {"title": "Data op orde", "dimension": "audiences",
                                           "questions": "AUD-1", "target_level": 4, "status": "done"})
    late = add_action(engine, "Alpha BV", {"title": "Te laat", "dimension": "martech",
                                           "due_date": "2026-06-01"})
    before = review_plan(engine, "Alpha BV", today=dt.date(2026, 9, 1))
    assert {r.after_wave for r in before.reviews} == {None} and before.done_not_moved == ()
    assert before.reviews[0].moved is None and before.reviews[0].reached is None

    save_assessment(engine, _assessment(framework, {"VIS-1": 5, "ORG-2": 4, "ACT-1": 4}), wave="2027",
                    organisation="Alpha BV", wave_date=dt.date(2027, 3, 1))
    review = review_plan(engine, "Alpha BV", today=dt.date(2027, 3, 2))
    by_id = {r.action.id: r for r in review.reviews}
    vis = by_id[lifted.id]
    assert vis.after_wave == "2027" and vis.questions[0].before == 2 and vis.questions[0].after == 5
    assert vis.moved is True and vis.dimension.change > 0
    assert vis.reached is (vis.level_after >= 3)
    aud = by_id[idle.id]
    assert aud.moved is False and aud.questions[0].change == 0 and aud.reached is False
    assert [r.action.id for r in review.done_not_moved] == [idle.id]
    assert [c.subject for c in review.moved_without_action] == ["ACT-1", "ORG-2"]  # VIS-1 had an action
    assert (review.before_wave, review.after_wave) == ("2026", "2027")
    # audiences and martech keep the largest gaps; the martech action is overdue
    assert [a.id for a in review.overdue_on_largest_gaps] == [late.id]


def test_a_level_already_reached_is_not_credited_to_an_action_that_moved_nothing(engine, framework):
    """The dimension meets the aim at the next wave, but the action's own question did not move: the
    verdict says so instead of "target reached", in line with the board finding "did not move"."""
    high = {q.id: 4 for q in framework.questions if q.dimension == "vision"}
    save_assessment(engine, _assessment(framework, high), wave="2026", organisation="Alpha BV",
                    wave_date=dt.date(2026, 3, 1))
    idle = add_action(engine, "Alpha BV", {"title": "Visie delen", "dimension": "vision", "questions": "VIS-1",
                                           "target_level": 3, "status": "done"})
    save_assessment(engine, _assessment(framework, high), wave="2027", organisation="Alpha BV",
                    wave_date=dt.date(2027, 3, 1))
    review = next(r for r in review_plan(engine, "Alpha BV").reviews if r.action.id == idle.id)
    assert review.reached is True and review.moved is False
    assert review.verdict == "reached_unmoved"
    assert [r.action.id for r in review_plan(engine, "Alpha BV").done_not_moved] == [idle.id]
