"""Scores: respondent -> dimension -> organisation, with levels, gaps, spread and traces.

Rules (FRAMEWORK.md):
- a respondent's dimension score is the weighted mean of the questions they answered;
  not-applicable and blank answers are left out, never counted as low;
- a dimension with fewer than half its questions answered is insufficient (no score, not a guess);
- the organisation's dimension score is the mean over respondents with a score, with median,
  standard deviation, min/max and an agreement indicator; the same per role and department;
- the overall index is the weighted mean of the dimension scores;
- "don't know" is left out like n/a but counted apart: n_dk per question and dimension (current
  answers), with n_answers (answers given: a score, n/a or don't know) as its denominator, and
  n_dk_target / n_answers_target the same for the target answers (not knowing where to go);
- maturity level = the whole level reached (2.9 is level 2, on its way to 3);
- gap = target - current;
- importance (how much a dimension matters for the strategy over the next 2-3 years, 1-5, asked
  per respondent and dimension) is the mean over the respondents who rated it, with its spread and
  n; n/a and blank are left out. It is kept apart from the scoring weights: it never changes a
  score, only the roadmap's priorities (omni.roadmap).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from omni.format import number
from omni.framework import Framework
from omni.i18n import t
from omni.survey.model import Survey

IMPORTANCE_COLUMNS = ("dimension", "importance", "std", "min", "max", "n", "n_na", "n_dk")

MEASURES = ("current", "target")
AGREEMENT_HIGH = 0.5  # standard deviation (points on the 1-5 scale) up to which the team agrees
AGREEMENT_MODERATE = 1.0


def level_of(score: float) -> int | None:
    """The maturity level (1-5) a score has fully reached; None for no score."""
    if score is None or math.isnan(score):
        return None
    return int(min(5, max(1, math.floor(score + 1e-9))))


def agreement_of(std: float, n: int) -> str:
    """high / moderate / low agreement from the spread of respondents' scores."""
    if n <= 1:
        return "single"
    if std <= AGREEMENT_HIGH:
        return "high"
    return "moderate" if std <= AGREEMENT_MODERATE else "low"


@dataclass(frozen=True)
class Overall:
    current: float
    target: float
    gap: float
    level: int | None


@dataclass(frozen=True, eq=False)
class Assessment:
    """An organisation scored on a framework."""

    survey: Survey
    respondent_scores: pd.DataFrame  # respondent x dimension
    dimension_scores: pd.DataFrame  # one row per dimension, framework order
    question_scores: pd.DataFrame  # one row per question, framework order
    by_role: pd.DataFrame  # role x dimension
    by_department: pd.DataFrame  # department x dimension
    overall: Overall
    # one row per dimension (IMPORTANCE_COLUMNS); importance is NaN and n 0 where nobody rated it
    importance_scores: pd.DataFrame = field(default_factory=lambda: _empty_importance_scores())

    @property
    def framework(self) -> Framework:
        return self.survey.framework

    @property
    def organisation(self) -> str:
        return self.survey.organisation

    @property
    def has_importance(self) -> bool:
        """True when at least one respondent rated the importance of at least one dimension."""
        return bool(len(self.importance_scores)) and int(self.importance_scores["n"].sum()) > 0

    @property
    def respondent_count(self) -> int:
        return len(self.survey.respondents)

    @property
    def coverage(self) -> float:
        """Share of all current-state answers given (not blank, not n/a)."""
        answers = self.survey.answers
        return float(answers["current"].notna().mean()) if len(answers) else 0.0

    def to_dict(self, lang: str = "en") -> dict[str, object]:
        """A JSON-ready summary (the CLI's `score --json`)."""
        fw = self.framework
        dims = []
        importance = self.importance_scores.set_index("dimension") if self.has_importance else None
        for row in self.dimension_scores.itertuples():
            rated = importance.loc[row.dimension] if importance is not None and row.dimension in importance.index else None
            dims.append({
                "id": row.dimension, "name": fw.dimension(row.dimension).name(lang),
                "current": _num(row.current), "target": _num(row.target), "gap": _num(row.gap),
                "level": row.level, "spread": _num(row.std), "agreement": row.agreement,
                "n": int(row.n), "coverage": _num(row.coverage), "weight": row.weight,
                "answers": int(row.n_answers), "n_dk": int(row.n_dk),
                "target_answers": int(row.n_answers_target), "n_dk_target": int(row.n_dk_target),
                "importance": None if rated is None else {
                    "mean": _num(rated["importance"]), "spread": _num(rated["std"]), "min": _num(rated["min"]),
                    "max": _num(rated["max"]), "n": int(rated["n"]), "n_na": int(rated["n_na"]),
                    "n_dk": int(rated["n_dk"])},
            })
        return {
            "framework": {"id": fw.id, "version": fw.version, "name": fw.name(lang)},
            "organisation": self.organisation,
            "respondents": self.respondent_count,
            "coverage": _num(self.coverage),
            "overall": {"current": _num(self.overall.current), "target": _num(self.overall.target),
                        "gap": _num(self.overall.gap), "level": self.overall.level,
                        "level_name": fw.level(self.overall.level).name(lang) if self.overall.level else None},
            "dimensions": dims,
            "importance_source": "respondents" if self.has_importance else "equal",
            "questions": [
                {"id": r.question, "dimension": r.dimension, "current": _num(r.current),
                 "target": _num(r.target), "gap": _num(r.gap), "n": int(r.n), "n_na": int(r.n_na),
                 "n_dk": int(r.n_dk), "n_dk_target": int(r.n_dk_target)}
                for r in self.question_scores.itertuples()
            ],
            "problems": [p.to_dict() for p in self.survey.problems],
        }


def _empty_importance_scores() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object" if c == "dimension" else "float64") for c in IMPORTANCE_COLUMNS})


def _importance_scores(survey: Survey) -> pd.DataFrame:
    """Organisation importance per dimension: mean over respondents who rated it, spread and n."""
    fw = survey.framework
    rated = survey.importance
    ids = [d.id for d in fw.dimensions]
    if rated is None or not len(rated):
        out = pd.DataFrame({"dimension": ids, "importance": np.nan, "std": np.nan, "min": np.nan,
                            "max": np.nan, "n": 0, "n_na": 0, "n_dk": 0})
        return out.loc[:, list(IMPORTANCE_COLUMNS)]
    grouped = rated.groupby("dimension", sort=False)
    out = pd.DataFrame({
        "importance": grouped["importance"].mean(), "std": grouped["importance"].std(ddof=0),
        "min": grouped["importance"].min(), "max": grouped["importance"].max(),
        "n": grouped["importance"].count(), "n_na": grouped["importance_na"].sum(),
        "n_dk": grouped["importance_dk"].sum() if "importance_dk" in rated else 0}).reindex(ids)
    for column in ("n", "n_na", "n_dk"):
        out[column] = out[column].fillna(0).astype(int)
    return out.rename_axis("dimension").reset_index().loc[:, list(IMPORTANCE_COLUMNS)]


def _num(value: float) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else round(float(value), 4)


def _weighted(answers: pd.DataFrame, keys: list[str], measure: str) -> pd.DataFrame:
    """Weighted mean of `measure` per group over answered questions, with the answered count."""
    answered = answers[measure].notna()
    frame = answers.loc[:, keys].assign(
        wv=answers[measure].fillna(0.0) * answers["weight"] * answered,
        w=answers["weight"] * answered, answered=answered)
    sums = frame.groupby(keys, sort=False)[["wv", "w", "answered"]].sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        sums[measure] = sums["wv"] / sums["w"]
    return sums.rename(columns={"answered": f"answered_{measure}"})[[measure, f"answered_{measure}"]]


def _spread(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    grouped = frame.groupby(keys, sort=False)
    out = grouped[["current", "target"]].mean()
    out["gap"] = out["target"] - out["current"]
    out["median"] = grouped["current"].median()
    out["std"] = grouped["current"].std(ddof=0)
    out["min"] = grouped["current"].min()
    out["max"] = grouped["current"].max()
    out["n"] = grouped["current"].count()
    return out


def score(survey: Survey) -> Assessment:
    """Score a validated survey. Raises ValueError if the survey still has errors."""
    if not survey.ok:
        raise ValueError("survey has errors; fix them before scoring")
    fw = survey.framework
    weights = {q.id: q.weight for q in fw.questions}
    answers = survey.answers.assign(weight=survey.answers["question"].map(weights))
    sizes = {d.id: len(d.questions) for d in fw.dimensions}

    per = _weighted(answers, ["respondent", "dimension"], "current").join(
        _weighted(answers, ["respondent", "dimension"], "target"))
    per = per.reset_index()
    per["questions"] = per["dimension"].map(sizes)
    per["coverage"] = per["answered_current"] / per["questions"]
    for measure in MEASURES:
        enough = per[f"answered_{measure}"] * 2 >= per["questions"]
        per[measure] = per[measure].where(enough)
    per["sufficient"] = per["current"].notna()
    per["gap"] = per["target"] - per["current"]
    facts = survey.respondents.set_index("respondent")[["role", "department"]]
    per = per.join(facts, on="respondent")

    org = _spread(per, ["dimension"]).reindex([d.id for d in fw.dimensions])
    org["coverage"] = per.groupby("dimension")["coverage"].mean().reindex(org.index)
    org["n"] = org["n"].fillna(0).astype(int)
    org["level"] = [level_of(v) for v in org["current"]]
    org["agreement"] = [agreement_of(s, n) for s, n in zip(org["std"], org["n"])]
    org["weight"] = [fw.dimension(d).weight for d in org.index]
    # current answers given at all (a score, n/a or don't know) and of those "don't know", for the findings
    given = answers["current"].notna() | answers["current_na"]
    org["n_answers"] = given.groupby(answers["dimension"]).sum().reindex(org.index).fillna(0).astype(int)
    org["n_dk"] = answers["current_dk"].groupby(answers["dimension"]).sum().reindex(org.index).fillna(0).astype(int)
    given = answers["target"].notna() | answers["target_na"]
    org["n_answers_target"] = given.groupby(answers["dimension"]).sum().reindex(org.index).fillna(0).astype(int)
    org["n_dk_target"] = (answers["target_dk"].groupby(answers["dimension"]).sum().reindex(org.index)
                          .fillna(0).astype(int))
    org = org.rename_axis("dimension").reset_index()

    overall = _overall(org)
    questions = _question_scores(answers, fw)
    by_role = _spread(per.assign(role=per["role"].fillna("").replace("", "?")), ["role", "dimension"]).reset_index()
    by_department = _spread(per.assign(department=per["department"].fillna("").replace("", "?")),
                            ["department", "dimension"]).reset_index()
    return Assessment(survey, per, org, questions, by_role, by_department, overall, _importance_scores(survey))


def _overall(org: pd.DataFrame) -> Overall:
    values = {}
    for measure in MEASURES:
        usable = org.loc[org[measure].notna()]
        weight = usable["weight"].sum()
        values[measure] = float((usable[measure] * usable["weight"]).sum() / weight) if weight else math.nan
    return Overall(values["current"], values["target"], values["target"] - values["current"],
                   level_of(values["current"]))


def _question_scores(answers: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    grouped = answers.groupby("question", sort=False)
    out = grouped[["current", "target"]].mean()
    out["gap"] = out["target"] - out["current"]
    out["std"] = grouped["current"].std(ddof=0)
    out["n"] = grouped["current"].count()
    out["n_na"] = grouped["current_na"].sum()
    out["n_dk"] = grouped["current_dk"].sum()
    out["n_dk_target"] = grouped["target_dk"].sum()
    out = out.reindex([q.id for q in fw.questions])
    out["dimension"] = [fw.question(q).dimension for q in out.index]
    out["weight"] = [fw.question(q).weight for q in out.index]
    out["n"] = out["n"].fillna(0).astype(int)
    out["n_na"] = out["n_na"].fillna(0).astype(int)
    out["n_dk"] = out["n_dk"].fillna(0).astype(int)
    out["n_dk_target"] = out["n_dk_target"].fillna(0).astype(int)
    return out.rename_axis("question").reset_index()


# --- traces -----------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Trace:
    """How one number was computed: the inputs, which of them counted, and the formula."""

    value: float
    formula: str
    inputs: pd.DataFrame  # columns: item, value, weight, counted


def explain(assessment: Assessment, *, measure: str = "current", dimension: str | None = None,
            respondent: str | None = None, lang: str = "en", labels: Mapping[str, str] | None = None) -> Trace:
    """The trace behind a respondent's dimension score, an organisation's dimension score, or the
    overall index (no dimension given). `labels` names the respondents (and orders them), e.g. the
    pseudonyms of omni.confidentiality.respondent_labels; without it, their ids in upload order."""
    fw = assessment.framework
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}")
    measure_label = t(f"field.{measure}", lang)
    if dimension is None:
        org = assessment.dimension_scores
        inputs = pd.DataFrame({
            "item": [fw.dimension(d).name(lang) for d in org["dimension"]],
            "value": org[measure], "weight": org["weight"], "counted": org[measure].notna()})
        used = inputs.loc[inputs["counted"]]
        num, den = float((used["value"] * used["weight"]).sum()), float(used["weight"].sum())
        value = getattr(assessment.overall, measure)
        formula = t("trace.overall", lang, measure=measure_label, n=len(used), numerator=number(num, lang),
                    denominator=number(den, lang), value=number(value, lang))
        return Trace(value, formula, inputs)
    name = fw.dimension(dimension).name(lang)
    if respondent is None:
        per = assessment.respondent_scores.loc[assessment.respondent_scores["dimension"] == dimension]
        inputs = pd.DataFrame({"item": per["respondent"], "value": per[measure],
                               "weight": 1.0, "counted": per[measure].notna()})
        if labels is not None:
            order = {r: i for i, r in enumerate(labels)}
            inputs = inputs.assign(_order=inputs["item"].astype(str).map(order)).sort_values("_order", kind="stable")
            inputs = inputs.assign(item=inputs["item"].astype(str).map(labels)).drop(columns="_order")
        row = assessment.dimension_scores.set_index("dimension").loc[dimension]
        formula = t("trace.organisation_dimension", lang, dimension=name, measure=measure_label,
                    n=int(inputs["counted"].sum()), value=number(row[measure], lang))
        return Trace(float(row[measure]), formula, inputs.reset_index(drop=True))
    answers = assessment.survey.answers
    mine = answers.loc[(answers["respondent"] == respondent) & (answers["dimension"] == dimension)]
    weights = mine["question"].map(lambda q: fw.question(q).weight)
    inputs = pd.DataFrame({"item": mine["question"], "value": mine[measure], "weight": weights,
                           "counted": mine[measure].notna()}).reset_index(drop=True)
    used = inputs.loc[inputs["counted"]]
    num, den = float((used["value"] * used["weight"]).sum()), float(used["weight"].sum())
    per = assessment.respondent_scores
    value = float(per.loc[(per["respondent"] == respondent) & (per["dimension"] == dimension), measure].iloc[0])
    shown = labels.get(str(respondent), respondent) if labels is not None else respondent
    formula = t("trace.respondent_dimension", lang, respondent=shown, dimension=name,
                measure=measure_label, n=len(used), numerator=number(num, lang), denominator=number(den, lang),
                value=number(value, lang))
    skipped = len(inputs) - len(used)
    if skipped:
        formula += "; " + t("trace.excluded_na", lang, n=skipped)
    if math.isnan(value):
        formula += " (" + t("score.insufficient", lang) + ")"
    return Trace(value, formula, inputs)
