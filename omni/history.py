"""An organisation's saved waves over time: the trend, progress to target, what changed most.

Progress to target is the share of the original gap closed: (latest current - first current) /
(first target - first current), per dimension and overall; over 100% means past the first target,
below 0% means slipped back. A dimension that had no gap at first has no progress figure.

A history is of the whole organisation (the group's waves) or of one of its units (that unit's waves,
#19); the two are never mixed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from omni.format import date, number, percent
from omni.framework import Framework, framework_for
from omni.i18n import t
from omni.store.assessments import SavedAssessment, list_assessments, saved_answers, saved_dimension_scores
from omni.store.peer_entries import OVERALL

MIN_GAP = 0.05  # a first gap smaller than this has no meaningful share closed


@dataclass(frozen=True, eq=False)
class History:
    """The newest version of each saved wave of one organisation (or one unit of it), oldest first, with
    their scores."""

    organisation: str
    waves: tuple[SavedAssessment, ...]
    scores: pd.DataFrame  # assessment_id, wave, wave_date, dimension, position, current, target, gap
    unit: str = ""  # the unit whose waves these are; "" for the whole organisation

    def title(self, lang: str) -> str:
        """Whose history: the organisation, or the organisation and the unit."""
        return t("unitwaves.of_unit", lang, organisation=self.organisation, unit=self.unit) if self.unit \
            else self.organisation

    @property
    def framework(self) -> Framework | None:
        if not self.waves:
            return None
        try:
            return framework_for(self.waves[-1].framework_id, self.waves[-1].framework_version)
        except KeyError:
            return None

    def versions(self) -> tuple[str, ...]:
        """The framework versions the waves were scored with, in order of first use."""
        return tuple(dict.fromkeys(str(w.framework_version) for w in self.waves if w.framework_version))

    def wave(self, assessment_id: int) -> SavedAssessment:
        for wave in self.waves:
            if wave.id == assessment_id:
                return wave
        raise KeyError(f"assessment {assessment_id} is not a wave of {self.organisation}")


def organisation_history(engine: Engine, organisation: str, unit: str = "") -> History:
    """The history of a saved organisation, or with `unit` of that unit (no waves if it has none)."""
    waves = tuple(list_assessments(engine, organisation, unit=unit))
    name = waves[0].organisation if waves else organisation
    unit = waves[0].unit if waves else unit.strip()
    scores = saved_dimension_scores(engine, [w.id for w in waves])
    overall = pd.DataFrame([{"assessment_id": w.id, "dimension": OVERALL, "position": 10_000,
                             "current": w.overall_current, "target": w.overall_target,
                             "gap": (w.overall_target - w.overall_current
                                     if w.overall_target is not None and w.overall_current is not None else None),
                             "level": None, "n": w.respondents} for w in waves])
    frames = [f for f in (scores, overall) if len(f)]
    scores = pd.concat(frames, ignore_index=True) if frames else scores
    info = pd.DataFrame([{"assessment_id": w.id, "wave": w.wave, "wave_date": w.wave_date} for w in waves],
                        columns=["assessment_id", "wave", "wave_date"])
    scores = scores.merge(info, on="assessment_id", how="left").astype(
        {"current": "float64", "target": "float64", "gap": "float64"})
    order = {w.id: i for i, w in enumerate(waves)}
    scores = scores.assign(order=scores["assessment_id"].map(order)).sort_values(["order", "position"])
    return History(name, waves, scores.drop(columns="order").reset_index(drop=True), unit)


def dimension_name(dimension: str, framework: Framework | None, lang: str) -> str:
    if dimension == OVERALL:
        return t("col.overall", lang)
    try:
        return framework.dimension(dimension).name(lang) if framework else dimension
    except KeyError:
        return dimension


def progress_to_target(history: History) -> pd.DataFrame:
    """Per dimension (and overall): first current and target, latest current, and the share of the
    first gap closed since the first wave."""
    columns = ["dimension", "first_current", "first_target", "latest_current", "change", "share_closed"]
    if len(history.waves) < 1:
        return pd.DataFrame(columns=columns)
    first_id, last_id = history.waves[0].id, history.waves[-1].id
    scores = history.scores
    first = scores.loc[scores["assessment_id"] == first_id].set_index("dimension")
    last = scores.loc[scores["assessment_id"] == last_id].set_index("dimension")
    rows = []
    for dimension in last.index:
        if dimension not in first.index:
            continue
        f_current, f_target = first.loc[dimension, "current"], first.loc[dimension, "target"]
        l_current = last.loc[dimension, "current"]
        gap = f_target - f_current
        change = l_current - f_current
        share = change / gap if gap >= MIN_GAP and not math.isnan(change) else math.nan
        rows.append({"dimension": dimension, "first_current": f_current, "first_target": f_target,
                     "latest_current": l_current, "change": change, "share_closed": share})
    return pd.DataFrame(rows, columns=columns)


@dataclass(frozen=True, eq=False)
class WaveComparison:
    """What changed between two waves, largest change first."""

    before: SavedAssessment
    after: SavedAssessment
    dimensions: pd.DataFrame  # dimension, before, after, change
    questions: pd.DataFrame  # question, dimension, before, after, change


def _question_means(engine: Engine, assessment_id: int) -> pd.Series:
    answers = saved_answers(engine, assessment_id)
    return answers.groupby("question")["current"].mean()


def _wave_framework(wave: SavedAssessment) -> Framework | None:
    try:
        return framework_for(wave.framework_id, wave.framework_version)
    except KeyError:
        return None


def comparable_questions(before: Framework | None, after: Framework | None) -> dict[str, tuple[str, ...]]:
    """Per question of the later wave, the questions of the earlier wave it can be compared with.

    The same version: each question with itself. Different versions of one framework: only where the
    later version says which question it `replaces` (an id kept across versions is not enough, the
    question may ask something else now). Different frameworks: nothing."""
    if before is None or after is None or before.id != after.id:
        return {}
    if before.version == after.version:
        return {q.id: (q.id,) for q in after.questions}
    newer, older = (after, before) if _version_key(after.version) >= _version_key(before.version) else (before, after)
    pairs: dict[str, tuple[str, ...]] = {}
    for q in newer.questions:
        old = tuple(o for o in q.replaces if older.has_question(o))
        if not old:
            continue
        if newer is after:
            pairs[q.id] = old
        else:  # comparing a newer wave before an older one: map the older wave's ids onto the newer's
            for o in old:
                pairs.setdefault(o, ())
                pairs[o] = (*pairs[o], q.id)
    return pairs


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in str(version).split("."))


def version_note(history: History, lang: str) -> str | None:
    """Said on the History page and in the exports when the waves used different framework versions."""
    used = history.versions()
    if len(used) < 2:
        return None
    waves = "; ".join(f"{w.wave}: {w.framework_version}" for w in history.waves)
    return t("history.versions_differ", lang, waves=waves)


def compare_waves(engine: Engine, history: History, before_id: int, after_id: int, top: int = 5) -> WaveComparison:
    """The dimensions (all) and questions (the `top` largest) whose current score changed most."""
    before, after = history.wave(before_id), history.wave(after_id)
    scores = history.scores
    a = scores.loc[scores["assessment_id"] == before_id].set_index("dimension")["current"]
    b = scores.loc[scores["assessment_id"] == after_id].set_index("dimension")["current"]
    dims = pd.DataFrame({"before": a, "after": b}).dropna(how="all")
    dims = dims.assign(change=dims["after"] - dims["before"])
    dims = dims.loc[dims.index != OVERALL]
    dims = dims.reindex(dims["change"].abs().sort_values(ascending=False).index).rename_axis("dimension").reset_index()
    qa, qb = _question_means(engine, before_id), _question_means(engine, after_id)
    pairs = comparable_questions(_wave_framework(before), _wave_framework(after))
    earlier = pd.Series({q: qa.reindex(list(old)).mean() for q, old in pairs.items()}, dtype="float64")
    questions = pd.DataFrame({"before": earlier, "after": qb.reindex(earlier.index)}).dropna()
    questions = questions.assign(change=questions["after"] - questions["before"])
    questions = questions.reindex(questions["change"].abs().sort_values(ascending=False).index).head(top)
    framework = _wave_framework(after) or history.framework
    questions = questions.rename_axis("question").reset_index()
    questions.insert(1, "dimension", [framework.question(q).dimension if framework and framework.has_question(q)
                                      else "" for q in questions["question"]])
    return WaveComparison(before, after, dims, questions)


def _num(value: object) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else round(float(value), 4)


def history_dict(history: History, lang: str = "en") -> dict[str, object]:
    """JSON-ready history (the CLI's `history --json`)."""
    fw = history.framework
    progress = progress_to_target(history)
    return {
        "organisation": history.organisation,
        "unit": history.unit or None,
        "versions_differ": version_note(history, lang),
        "waves": [{"id": w.id, "wave": w.wave, "date": w.wave_date.isoformat(), "version": w.version,
                   "framework": {"id": w.framework_id, "version": w.framework_version},
                   "respondents": w.respondents, "overall": {"current": _num(w.overall_current),
                                                             "target": _num(w.overall_target)},
                   "dimensions": [{"id": r.dimension, "name": dimension_name(r.dimension, fw, lang),
                                   "current": _num(r.current), "target": _num(r.target)}
                                  for r in history.scores.loc[(history.scores["assessment_id"] == w.id)
                                                              & (history.scores["dimension"] != OVERALL)].itertuples()]}
                  for w in history.waves],
        "progress": [{"id": "overall" if r.dimension == OVERALL else r.dimension,
                      "name": dimension_name(r.dimension, fw, lang), "first_current": _num(r.first_current),
                      "first_target": _num(r.first_target), "latest_current": _num(r.latest_current),
                      "change": _num(r.change), "share_closed": _num(r.share_closed)}
                     for r in progress.itertuples()],
    }


def format_history(history: History, lang: str) -> str:
    """The history as readable text: the waves, then progress to target."""
    fw = history.framework
    lines = [f"{t('cli.organisation', lang)}: {history.organisation}", ""]
    if history.unit:
        lines.insert(1, f"{t('unitwaves.unit', lang)}: {history.unit}")
    for w in history.waves:
        lines.append(f"  {w.wave:<16}{date(w.wave_date, lang):<18}v{w.version:<4}"
                     f"{t('col.current', lang)} {number(w.overall_current, lang)}  "
                     f"{t('col.target', lang)} {number(w.overall_target, lang)}  (id {w.id})")
    if note := version_note(history, lang):
        lines += ["", note]
    progress = progress_to_target(history)
    if len(history.waves) > 1 and len(progress):
        lines += ["", t("history.progress_heading", lang)]
        width = max(len(dimension_name(d, fw, lang)) for d in progress["dimension"]) + 2
        for r in progress.itertuples():
            share = percent(r.share_closed, lang)
            lines.append(f"  {dimension_name(r.dimension, fw, lang):<{width}}{number(r.first_current, lang):>6} → "
                         f"{number(r.latest_current, lang):<6}{t('history.closed', lang, share=share)}")
    return "\n".join(lines)
