"""From gaps to a roadmap: priorities, phases (now / next / later), dependencies and next steps.

Rules (README "Scoring rules", FRAMEWORK.md):
- priority of a dimension = gap x importance x the framework's dimension weight. Importance is the
  team's mean rating (1-5, "how important for the strategy over the next 2-3 years"); the
  management team can override it (what-if). Where nobody rated a dimension (files made before
  importance was asked), every such dimension counts as EQUAL_IMPORTANCE and the item says so.
- a dimension with a gap of ON_TARGET_GAP or more is planned into now / next / later.
- dependencies (`requires` in the framework file): a dimension is never placed in an earlier phase
  than a dimension it requires while that one still has a real gap or a current level below
  SOLID_LEVEL. The plan order takes, step by step, the highest-priority dimension whose holding-up
  requirements are already placed, and is then cut in thirds: a dimension that waits records
  `moved_by`, a foundation that comes forward records `brought_for`. A required dimension that the
  team keeps low on purpose is recorded as `waits_for`.
- a dimension at target is "on target" only from level SOLID_LEVEL up; at level 1 or 2 it is a
  kept-low choice, shown as such instead of hidden as on target.
Within a phase dimensions are listed in dependency order, then framework sequence. Within a
dimension the questions with the largest weighted gaps become focus points, each with the
description of the next level up as the concrete step.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from omni.format import number
from omni.framework import Framework, LocalText
from omni.i18n import t
from omni.scoring import Assessment, level_of

PHASES = ("now", "next", "later")
KEPT_LOW = "kept_low"  # at target, but at level 1 or 2: a choice to keep it low
ON_TARGET = "on_target"
NO_SCORE = "no_score"  # too few answers to plan anything
SECTIONS = (*PHASES, KEPT_LOW, ON_TARGET, NO_SCORE)  # the order a plan is shown in
ON_TARGET_GAP = 0.25  # a gap below this needs no action: the dimension is kept where it is
SOLID_LEVEL = 3  # a required dimension below this level still holds up what builds on it
EQUAL_IMPORTANCE = 3.0  # the importance used where nobody rated it (the middle of the 1-5 scale)
FOCUS_POINTS = 3
IMPORTANCE_SOURCES = ("respondents", "what_if", "equal")


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
    phase: str  # now / next / later / kept_low / on_target / no_score
    level: int | None
    advice: tuple[LocalText, ...]
    focus: tuple[FocusPoint, ...]
    importance: float = EQUAL_IMPORTANCE  # the importance the priority used
    importance_source: str = "equal"  # respondents / what_if / equal
    importance_spread: float = math.nan  # standard deviation of the respondents' ratings
    importance_n: int = 0  # respondents who rated it
    importance_dk: int = 0  # respondents who answered "don't know" (left out of the mean, like n/a)
    weight: float = 1.0
    planned_phase: str = ""  # the phase by priority alone, before dependencies
    moved_by: tuple[str, ...] = ()  # required dimensions that moved it to a later phase
    waits_for: tuple[str, ...] = ()  # required dimensions below level 3 that the team keeps low
    brought_for: tuple[str, ...] = ()  # higher-priority dimensions that build on it: why it came forward

    @property
    def moved(self) -> bool:
        """Placed later than its priority alone would put it because of what it builds on."""
        return bool(self.moved_by) and self.phase != self.planned_phase

    @property
    def brought_forward(self) -> bool:
        """Placed earlier than its priority alone would put it: dimensions that matter more build on it."""
        return bool(self.brought_for) and self.phase != self.planned_phase


@dataclass(frozen=True)
class Roadmap:
    items: tuple[RoadmapItem, ...]  # in plan order: section, then dependency order and sequence
    importance_source: str = "equal"  # respondents: the team rated importance; equal: nobody did

    def phase(self, name: str) -> tuple[RoadmapItem, ...]:
        return tuple(i for i in self.items if i.phase == name)

    def item(self, dimension: str) -> RoadmapItem:
        return next(i for i in self.items if i.dimension == dimension)


def _check_importance(overrides: Mapping[str, float], fw: Framework) -> dict[str, float]:
    known = {d.id for d in fw.dimensions}
    checked = {}
    for did, value in overrides.items():
        if did not in known:
            raise ValueError(f"unknown dimension {did!r} in importance overrides")
        if isinstance(value, bool) or not isinstance(value, int | float) or not 1 <= value <= 5:
            raise ValueError(f"importance for {did!r} must be a number from 1 to 5, not {value!r}")
        checked[did] = float(value)
    return checked


def dependency_depth(fw: Framework) -> dict[str, int]:
    """Per dimension the length of the longest chain of dimensions it requires (0: builds on none)."""
    depth: dict[str, int] = {}

    def of(did: str) -> int:
        if did not in depth:
            depth[did] = 1 + max((of(r) for r in fw.dimension(did).requires), default=-1)
        return depth[did]

    for d in fw.dimensions:
        of(d.id)
    return depth


def build_roadmap(assessment: Assessment, target_overrides: Mapping[str, float] | None = None,
                  importance_overrides: Mapping[str, float] | None = None) -> Roadmap:
    """The prioritised roadmap; the overrides replace dimension targets and importance (what-if)."""
    fw: Framework = assessment.framework
    targets = dict(target_overrides or {})
    importance_set = _check_importance(importance_overrides or {}, fw)
    rows = assessment.dimension_scores.set_index("dimension")
    rated = assessment.importance_scores.set_index("dimension") if assessment.has_importance else None
    questions = assessment.question_scores.set_index("question")
    drafts: dict[str, dict] = {}
    for dim in fw.dimensions:
        current = float(rows.loc[dim.id, "current"])
        target = float(targets.get(dim.id, rows.loc[dim.id, "target"]))
        gap = target - current if not (math.isnan(current) or math.isnan(target)) else math.nan
        spread, n, dk = math.nan, 0, 0
        if rated is not None and dim.id in rated.index:
            spread, n = float(rated.loc[dim.id, "std"]), int(rated.loc[dim.id, "n"])
            dk = int(rated.loc[dim.id, "n_dk"]) if "n_dk" in rated.columns else 0
        if dim.id in importance_set:
            importance, source = importance_set[dim.id], "what_if"
        elif n:
            importance, source = float(rated.loc[dim.id, "importance"]), "respondents"
        else:
            importance, source = EQUAL_IMPORTANCE, "equal"
        priority = max(gap, 0.0) * importance * dim.weight if not math.isnan(gap) else 0.0
        drafts[dim.id] = {"dim": dim, "current": current, "target": target, "gap": gap, "priority": priority,
                          "importance": importance, "source": source, "spread": spread, "n": n, "dk": dk}

    active = [d for d in drafts.values() if not math.isnan(d["gap"]) and d["gap"] >= ON_TARGET_GAP]
    active.sort(key=lambda d: (-d["priority"], d["dim"].sequence))
    rank = {d["dim"].id: r for r, d in enumerate(active)}  # by priority alone
    planned = {did: min(2, r * 3 // len(active)) for did, r in rank.items()}

    # Dependencies: the plan order takes the highest priority among the dimensions whose holding-up
    # requirements are already placed, then is cut in thirds. A requirement therefore never lands in
    # a later phase than what builds on it; a foundation others need may come forward.
    holding = {did: [r for r in fw.dimension(did).requires if _holds_up(drafts[r])] for did in rank}
    waits_for = {did: [r for r in reqs if r not in rank] for did, reqs in holding.items()}  # kept low
    order: list[str] = []
    while len(order) < len(rank):
        ready = [did for did in rank if did not in order and all(r in order or r not in rank for r in holding[did])]
        order.append(min(ready, key=rank.__getitem__))
    phase_of = {did: min(2, r * 3 // len(order)) for r, did in enumerate(order)}
    moved_by = {did: [r for r in holding[did] if r in rank and rank[r] > rank[did]]
                for did in rank if phase_of[did] > planned[did]}
    brought_for = {did: [other for other in rank if did in holding[other] and rank[other] < rank[did]]
                   for did in rank if phase_of[did] < planned[did]}
    depth = dependency_depth(fw)
    rows_of = _question_rows(questions)

    items = []
    for d in drafts.values():
        dim = d["dim"]
        level = level_of(d["current"])
        if dim.id in phase_of:
            phase = PHASES[phase_of[dim.id]]
        elif math.isnan(d["gap"]):
            phase = NO_SCORE
        else:
            phase = KEPT_LOW if level is not None and level < SOLID_LEVEL else ON_TARGET
        items.append(RoadmapItem(
            dimension=dim.id, current=d["current"], target=d["target"], gap=d["gap"],
            priority=d["priority"], phase=phase, level=level,
            advice=dim.advice_for(level) if level else dim.advice_for(1),
            focus=_focus_points(fw, questions, dim.id, rows_of), importance=d["importance"],
            importance_source=d["source"], importance_spread=d["spread"], importance_n=d["n"],
            importance_dk=d["dk"], weight=dim.weight,
            planned_phase=PHASES[planned[dim.id]] if dim.id in planned else phase,
            moved_by=tuple(moved_by.get(dim.id, ())), waits_for=tuple(waits_for.get(dim.id, ())),
            brought_for=tuple(brought_for.get(dim.id, ()))))
    order = {p: i for i, p in enumerate(SECTIONS)}
    sequence = {d.id: d.sequence for d in fw.dimensions}
    items.sort(key=lambda i: (order[i.phase], depth[i.dimension], sequence[i.dimension], -i.priority))
    return Roadmap(tuple(items), "respondents" if assessment.has_importance else "equal")


def _holds_up(required: dict) -> bool:
    """A required dimension holds up what builds on it while it has a real gap or is below level 3."""
    current, gap = required["current"], required["gap"]
    if math.isnan(current):
        return False
    return (not math.isnan(gap) and gap >= ON_TARGET_GAP) or current < SOLID_LEVEL


def _question_rows(questions) -> dict[str, list[tuple[str, float, float, float, float]]]:
    """Per dimension its questions with a positive gap, in table order: (id, current, target, gap, weight)."""
    rows: dict[str, list[tuple[str, float, float, float, float]]] = {}
    for qid, dimension, current, target, gap, weight in zip(
            questions.index, questions["dimension"], questions["current"].to_numpy(dtype="float64"),
            questions["target"].to_numpy(dtype="float64"), questions["gap"].to_numpy(dtype="float64"),
            questions["weight"].to_numpy(dtype="float64")):
        if gap > 0:  # False for NaN
            rows.setdefault(dimension, []).append((qid, float(current), float(target), float(gap), float(weight)))
    return rows


def _focus_points(fw: Framework, questions, dimension: str,
                  rows_of: dict[str, list[tuple[str, float, float, float, float]]] | None = None
                  ) -> tuple[FocusPoint, ...]:
    """The questions of `dimension` with the largest weighted gap (ties: the lowest current first)."""
    if rows_of is not None:
        mine = rows_of.get(dimension, [])
        keys = [(gap * weight, current) for _qid, current, _target, gap, weight in mine]
        if not any(math.isnan(x) for key in keys for x in key):  # else pandas' order of NaN, below
            # a stable sort, as pandas' sort_values on two columns: the same order, ties in table order
            ranked = sorted(range(len(mine)), key=lambda i: (-keys[i][0], keys[i][1]))[:FOCUS_POINTS]
            points = []
            for qid, current, target, gap, _weight in (mine[i] for i in ranked):
                question = fw.question(qid)
                reached = level_of(current) or 1
                next_option = question.option(reached + 1) if reached < 5 else None
                points.append(FocusPoint(qid, current, target, gap, next_option))
            return tuple(points)
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


# --- explanations (screen, deck, report, CLI JSON) -----------------------------------------------


def _names(fw: Framework, ids: tuple[str, ...], lang: str) -> str:
    names = [fw.dimension(i).name(lang) for i in ids]
    joiner = " en " if lang == "nl" else " and "
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + joiner + names[-1]


def importance_source(item: RoadmapItem, lang: str) -> str:
    """Where the importance came from, and how many respondents did not know ("weet ik niet: 2")."""
    source = t(f"roadmap.importance_source.{item.importance_source}", lang, n=item.importance_n,
               spread=number(item.importance_spread, lang, 1))
    return source + t("roadmap.importance_dk", lang, n=item.importance_dk) if item.importance_dk else source


def explain_priority(item: RoadmapItem, lang: str) -> str:
    """How the priority was computed: gap x importance (and where it came from) x weight."""
    source = importance_source(item, lang)
    return t("roadmap.priority_trace", lang, priority=number(item.priority, lang, 2), gap=number(max(item.gap, 0.0), lang, 2)
             if not math.isnan(item.gap) else "–", importance=number(item.importance, lang, 1), source=source,
             weight=number(item.weight, lang, 1))


def explain_item(plan: Roadmap, item: RoadmapItem, fw: Framework, lang: str) -> str:
    """Why a dimension sits where it does when a dependency or a kept-low choice is involved ("" otherwise)."""
    parts = []
    if item.moved:
        details = "; ".join(_state(fw, plan.item(r), lang) for r in item.moved_by)
        parts.append(t("roadmap.moved", lang, planned=t(f"roadmap.phase.{item.planned_phase}", lang),
                       phase=t(f"roadmap.phase.{item.phase}", lang), required=_names(fw, item.moved_by, lang),
                       details=details))
    elif item.brought_forward:
        parts.append(t("roadmap.brought_forward", lang, planned=t(f"roadmap.phase.{item.planned_phase}", lang),
                       phase=t(f"roadmap.phase.{item.phase}", lang), dependents=_names(fw, item.brought_for, lang)))
    elif item.phase in PHASES and item.phase != item.planned_phase:
        parts.append(t("roadmap.displaced", lang, planned=t(f"roadmap.phase.{item.planned_phase}", lang),
                       phase=t(f"roadmap.phase.{item.phase}", lang)))
    if item.waits_for:
        details = "; ".join(_state(fw, plan.item(r), lang) for r in item.waits_for)
        parts.append(t("roadmap.waits_for", lang, required=_names(fw, item.waits_for, lang), details=details,
                       dimension=fw.dimension(item.dimension).name(lang)))
    if item.phase == KEPT_LOW:
        parts.append(t("roadmap.kept_low_note", lang, level=item.level, target=number(item.target, lang, 1)))
    return " ".join(parts)


def _state(fw: Framework, item: RoadmapItem, lang: str) -> str:
    return t("roadmap.required_state", lang, dimension=fw.dimension(item.dimension).name(lang),
             current=number(item.current, lang, 1), level=item.level or "–", gap=number(item.gap, lang, 1))


def roadmap_dict(assessment: Assessment, lang: str) -> list[dict[str, object]]:
    """The roadmap as JSON-ready rows (CLI `score --json`): phases, priorities and why."""
    fw = assessment.framework
    plan = build_roadmap(assessment)

    def num(value: float) -> float | None:
        return None if value is None or math.isnan(value) else round(float(value), 4)

    return [{"dimension": i.dimension, "name": fw.dimension(i.dimension).name(lang), "phase": i.phase,
             "planned_phase": i.planned_phase, "priority": num(i.priority), "gap": num(i.gap),
             "importance": num(i.importance), "importance_source": i.importance_source,
             "importance_dont_know": i.importance_dk,
             "moved_by": list(i.moved_by), "waits_for": list(i.waits_for), "explanation": explain_item(plan, i, fw, lang),
             "priority_trace": explain_priority(i, lang)}
            for i in plan.items]
