"""Check at the next wave: did the actions move the scores they were meant to move?

For every action, the wave it was planned in is "before" and the organisation's next saved wave is
"after"; the action's dimension and questions are compared between the two (current scores), and
the dimension's level after is held against the level the action aimed for. Three findings a board
reads follow from that: done actions whose questions did not move, questions that moved without any
action, and overdue actions on the dimensions with the largest gap.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from omni.actions import DONE, Action
from omni.history import organisation_history
from omni.scoring import level_of
from omni.store.actions import list_actions
from omni.store.assessments import saved_answers
from omni.store.peer_entries import OVERALL

MOVED = 0.25  # a change in a question's mean current score smaller than this counts as "did not move"


@dataclass(frozen=True)
class ScoreChange:
    subject: str  # a dimension id or a question id
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class ActionReview:
    """Projected (the level aimed for) versus realised (the scores at the next wave) for one action."""

    action: Action
    after_wave: str | None  # None: no later wave saved yet
    dimension: ScoreChange
    questions: tuple[ScoreChange, ...]

    @property
    def level_after(self) -> int | None:
        return level_of(self.dimension.after) if self.dimension.after is not None else None

    @property
    def reached(self) -> bool | None:
        """Did the dimension reach the level aimed for (None: no aim, or no later wave yet)?"""
        if self.action.fields.target_level is None or self.level_after is None:
            return None
        return self.level_after >= self.action.fields.target_level

    @property
    def moved(self) -> bool | None:
        """Did any linked question (or, without questions, the dimension) move by MOVED or more?"""
        changes = [q.change for q in self.questions if q.change is not None] or (
            [self.dimension.change] if self.dimension.change is not None else [])
        if not changes:
            return None
        return any(c >= MOVED for c in changes)

    @property
    def verdict(self) -> str:
        """waiting (no later wave yet), reached (the level aimed for, and the action's questions moved),
        reached_unmoved (the level is there but nothing the action names moved: it was there already, or
        other questions lifted it; the board finding "did not move" says the same), moved, or not_moved."""
        if self.after_wave is None:
            return "waiting"
        if self.reached:
            return "reached_unmoved" if self.moved is False else "reached"
        return "moved" if self.moved else "not_moved"


@dataclass(frozen=True)
class PlanReview:
    reviews: tuple[ActionReview, ...]
    done_not_moved: tuple[ActionReview, ...]
    moved_without_action: tuple[ScoreChange, ...]  # questions, between the newest two waves
    overdue_on_largest_gaps: tuple[Action, ...]
    before_wave: str | None  # the newest two waves the "moved without action" finding compares
    after_wave: str | None


def _num(value: object) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value


def review_plan(engine: Engine, organisation: str, *, today: dt.date | None = None,
                top_gaps: int = 2) -> PlanReview:
    """Every action of the organisation against the next saved wave after the one it was planned in."""
    history = organisation_history(engine, organisation)
    actions = list_actions(engine, organisation)
    waves = list(history.waves)
    position = {w.wave: i for i, w in enumerate(waves)}
    scores = history.scores
    dims = {(r.assessment_id, r.dimension): _num(r.current) for r in scores.itertuples()}
    question_cache: dict[int, pd.Series] = {}

    def questions_of(assessment_id: int) -> pd.Series:
        if assessment_id not in question_cache:
            question_cache[assessment_id] = saved_answers(engine, assessment_id).groupby("question")["current"].mean()
        return question_cache[assessment_id]

    reviews = []
    for action in actions:
        f = action.fields
        index = position.get(action.wave)
        before = waves[index] if index is not None else None
        after = waves[index + 1] if index is not None and index + 1 < len(waves) else None
        dim = ScoreChange(f.dimension, dims.get((before.id, f.dimension)) if before else None,
                          dims.get((after.id, f.dimension)) if after else None)
        questions = tuple(ScoreChange(
            q, _num(questions_of(before.id).get(q)) if before else None,
            _num(questions_of(after.id).get(q)) if after else None) for q in f.questions)
        reviews.append(ActionReview(action, after.wave if after else None, dim, questions))

    done_not_moved = tuple(r for r in reviews if r.action.fields.status == DONE and r.moved is False)
    moved_without: list[ScoreChange] = []
    first = last = None
    if len(waves) >= 2:
        first, last = waves[-2], waves[-1]
        linked = {q for a in actions if a.wave == first.wave for q in a.fields.questions}
        linked_dims = {a.fields.dimension for a in actions if a.wave == first.wave and not a.fields.questions}
        qa, qb = questions_of(first.id), questions_of(last.id)
        framework = history.framework
        for question in sorted(set(qa.index) & set(qb.index)):
            change = ScoreChange(question, _num(qa[question]), _num(qb[question]))
            dimension = framework.question(question).dimension if framework and framework.has_question(
                question) else ""
            if change.change is not None and abs(change.change) >= MOVED and question not in linked \
                    and dimension not in linked_dims:
                moved_without.append(change)
        moved_without.sort(key=lambda c: -abs(c.change or 0))
    gaps = []
    if waves:
        latest = scores.loc[(scores["assessment_id"] == waves[-1].id) & scores["gap"].notna()
                            & (scores["dimension"] != OVERALL)]  # dimensions only, not the overall index
        gaps = list(latest.sort_values("gap", ascending=False)["dimension"].head(top_gaps))
    overdue = tuple(a for a in actions if a.is_overdue(today) and a.fields.dimension in gaps)
    return PlanReview(tuple(reviews), done_not_moved, tuple(moved_without), overdue,
                      first.wave if first else None, last.wave if last else None)
