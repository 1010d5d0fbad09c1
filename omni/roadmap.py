"""From gaps to a roadmap: priorities, phases (now / next / later) and concrete next steps.

Priority of a dimension = gap x dimension weight x an order bonus: building blocks that come
earlier in the framework's sequence (vision and support before technology) get up to
FOUNDATION_BONUS more, so with equal gaps the foundation always comes first. The dimensions with
a real gap are split in thirds by priority into now / next / later and listed in framework order
within a phase. Within a dimension the questions with the largest weighted gaps become focus
points, each with the description of the next level up as the concrete step.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from omni.framework import Framework, LocalText
from omni.scoring import Assessment, level_of

PHASES = ("now", "next", "later")
ON_TARGET_GAP = 0.25  # a gap below this needs no action: the dimension is kept where it is
FOUNDATION_BONUS = 0.5  # the first building block's priority counts 50% more than the last one's
FOCUS_POINTS = 3


@dataclass(frozen=True)
class FocusPoint:
    question: str
    current: float
    target: float
    gap: float
    next_option: LocalText | None  # what the next level looks like for this question


@dataclass(frozen=True)
class RoadmapItem:
    dimension: str
    current: float
    target: float
    gap: float
    priority: float
    phase: str  # now / next / later / on_target
    level: int | None
    advice: tuple[LocalText, ...]
    focus: tuple[FocusPoint, ...]


@dataclass(frozen=True)
class Roadmap:
    items: tuple[RoadmapItem, ...]  # in plan order: phase, then framework sequence

    def phase(self, name: str) -> tuple[RoadmapItem, ...]:
        return tuple(i for i in self.items if i.phase == name)


def build_roadmap(assessment: Assessment, target_overrides: Mapping[str, float] | None = None) -> Roadmap:
    """The prioritised roadmap; `target_overrides` replaces dimension targets (what-if)."""
    fw: Framework = assessment.framework
    overrides = dict(target_overrides or {})
    rows = assessment.dimension_scores.set_index("dimension")
    questions = assessment.question_scores.set_index("question")
    sequences = sorted(d.sequence for d in fw.dimensions)
    first, last = sequences[0], sequences[-1]
    drafts = []
    for dim in fw.dimensions:
        current = float(rows.loc[dim.id, "current"])
        target = float(overrides.get(dim.id, rows.loc[dim.id, "target"]))
        gap = target - current if not (math.isnan(current) or math.isnan(target)) else math.nan
        bonus = 1 + FOUNDATION_BONUS * ((last - dim.sequence) / (last - first) if last > first else 0)
        priority = max(gap, 0.0) * dim.weight * bonus if not math.isnan(gap) else 0.0
        drafts.append({"dim": dim, "current": current, "target": target, "gap": gap, "priority": priority})

    active = [d for d in drafts if not math.isnan(d["gap"]) and d["gap"] >= ON_TARGET_GAP]
    active.sort(key=lambda d: (-d["priority"], d["dim"].sequence))
    phase_of = {d["dim"].id: min(2, rank * 3 // len(active)) for rank, d in enumerate(active)}

    items = []
    for d in drafts:
        dim = d["dim"]
        phase = PHASES[phase_of[dim.id]] if dim.id in phase_of else "on_target"
        level = level_of(d["current"])
        focus = _focus_points(fw, questions, dim.id)
        items.append(RoadmapItem(
            dimension=dim.id, current=d["current"], target=d["target"], gap=d["gap"],
            priority=d["priority"], phase=phase, level=level,
            advice=dim.advice_for(level) if level else dim.advice_for(1), focus=focus))
    order = {p: i for i, p in enumerate((*PHASES, "on_target"))}
    sequence = {d.id: d.sequence for d in fw.dimensions}
    items.sort(key=lambda i: (order[i.phase], sequence[i.dimension], -i.priority))
    return Roadmap(tuple(items))


def _focus_points(fw: Framework, questions, dimension: str) -> tuple[FocusPoint, ...]:
    rows = questions.loc[questions["dimension"] == dimension]
    rows = rows.loc[rows["gap"].notna() & (rows["gap"] > 0)]
    rows = rows.assign(weighted=rows["gap"] * rows["weight"]).sort_values(
        ["weighted", "current"], ascending=[False, True])
    points = []
    for qid, row in rows.head(FOCUS_POINTS).iterrows():
        question = fw.question(qid)
        reached = level_of(row["current"]) or 1
        next_option = question.option(reached + 1) if reached < 5 else None
        points.append(FocusPoint(qid, float(row["current"]), float(row["target"]), float(row["gap"]),
                                 next_option))
    return tuple(points)
