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
    std = round(std, 9)  # a spread on a boundary is on it, whatever the summation order's last bit says
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
    ids = pd.Index([d.id for d in fw.dimensions])
    if rated is None or not len(rated):
        out = pd.DataFrame({"dimension": list(ids), "importance": np.nan, "std": np.nan, "min": np.nan,
                            "max": np.nan, "n": 0, "n_na": 0, "n_dk": 0})
        return out.loc[:, list(IMPORTANCE_COLUMNS)]
    groups = _Groups.of(rated["dimension"])
    stats = groups.stats(rated["importance"], extremes=True)
    n_na = groups.sum(rated["importance_na"]).astype(int)
    n_dk = groups.sum(rated["importance_dk"]).astype(int) if "importance_dk" in rated else np.zeros(groups.count, int)
    at = groups.position_in(ids)  # each dimension's group, -1 where nobody rated it
    out = pd.DataFrame({"dimension": ids, "importance": _take(stats["mean"], at), "std": _take(stats["std"], at),
                        "min": _take(stats["min"], at), "max": _take(stats["max"], at),
                        "n": _take(stats["n"], at, 0), "n_na": _take(n_na, at, 0), "n_dk": _take(n_dk, at, 0)})
    return out.loc[:, list(IMPORTANCE_COLUMNS)]


def _num(value: float) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else round(float(value), 4)


# --- group-wise sums and statistics over integer group codes (numpy) ------------------------------
# Scoring used pandas group-bys (about 0.13 s for 10,000 respondents, most of it finding the groups
# again for every aggregate). Here the groups are found once per key (pd.factorize, in order of first
# appearance like groupby(sort=False); rows with a missing key belong to no group, like groupby's
# dropna) and every aggregate is an np.bincount over the codes. Sums skip NaN like pandas' sum;
# std is the population standard deviation (ddof=0) computed in two passes; median, min and max come
# from one sort per aggregate. tests/unit/test_scoring_numpy.py checks the results against the former
# pandas code on random surveys.


def _take(values: np.ndarray, at: np.ndarray, missing: object = np.nan) -> np.ndarray:
    """values[at], with `missing` where at is -1 (the result is float when missing is NaN)."""
    values = np.asarray(values)
    out = values[np.maximum(at, 0)] if len(values) else np.zeros(len(at), dtype=values.dtype)
    absent = at < 0
    if absent.any():
        if isinstance(missing, float) and math.isnan(missing) and out.dtype.kind in "iub":
            out = out.astype(float)
        out[absent] = missing
    return out


def _codes(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes of a column (-1 for a missing value) and the value of each code. A categorical
    column's own codes are used (no hashing of its texts); its values keep the categorical dtype."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        categories = pd.Index(pd.Categorical.from_codes(np.arange(len(column.cat.categories)), dtype=column.dtype))
        return column.cat.codes.to_numpy().astype(np.int64), categories
    codes, uniques = pd.factorize(column, sort=False)
    return codes.astype(np.int64), pd.Index(uniques)


@dataclass(frozen=True, eq=False)
class _Groups:
    codes: np.ndarray  # group of each row; -1 where a key is missing
    keys: tuple[pd.Index, ...]  # per key column, its value in each group
    key_codes: tuple[np.ndarray, ...]  # per key column, the code of that value in each group

    @property
    def count(self) -> int:
        return len(self.keys[0])

    @classmethod
    def of(cls, *columns: pd.Series | tuple[np.ndarray, pd.Index]) -> _Groups:
        """Groups of equal keys in order of first appearance (like groupby(sort=False)); a column is
        a Series or already (codes, values) as _codes gives them."""
        coded = [c if isinstance(c, tuple) else _codes(c) for c in columns]
        combined = np.zeros(len(coded[0][0]), dtype=np.int64)
        valid = np.ones(len(combined), dtype=bool)
        for codes, values in coded:
            combined = combined * max(len(values), 1) + codes
            valid &= codes >= 0
        group = np.full(len(combined), -1, dtype=np.int64)
        if valid.all():
            found, firsts = pd.factorize(combined, sort=False)
            group = found.astype(np.int64)
        else:
            found, firsts = pd.factorize(combined[valid], sort=False)
            group[valid] = found
        firsts = np.asarray(firsts, dtype=np.int64)
        keys, key_codes = [], []
        for _, values in reversed(coded):
            size = max(len(values), 1)
            key_codes.append(firsts % size)
            keys.append(values.take(key_codes[-1]))
            firsts = firsts // size
        return cls(group, tuple(reversed(keys)), tuple(reversed(key_codes)))

    def sum(self, values: pd.Series | np.ndarray) -> np.ndarray:
        """Per group the sum of `values` (bool or float), NaN counted as 0 like pandas' sum."""
        values = np.asarray(values, dtype=float)
        missing = np.isnan(values)
        if missing.any():
            values = np.where(missing, 0.0, values)
        if (self.codes < 0).any():
            inside = self.codes >= 0
            return np.bincount(self.codes[inside], weights=values[inside], minlength=self.count)
        return np.bincount(self.codes, weights=values, minlength=self.count)

    def stats(self, values: pd.Series | np.ndarray, *, extremes: bool = False, median: bool = False,
              ascending: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """Per group over the values that are not NaN: n, mean, std (ddof=0); min and max, median.
        `ascending` (np.argsort of the values, to share between groupings) saves a sort."""
        values = np.asarray(values, dtype=float)
        used = (self.codes >= 0) & ~np.isnan(values)
        codes, x = self.codes[used], values[used]
        n = np.bincount(codes, minlength=self.count)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.bincount(codes, weights=x, minlength=self.count) / n
            deviation = x - mean[codes]
            out = {"n": n, "mean": mean,
                   "std": np.sqrt(np.bincount(codes, weights=deviation * deviation, minlength=self.count) / n)}
        if extremes or median:
            if ascending is None:
                ascending = np.argsort(values, kind="stable")  # NaN last
            ascending = ascending[used[ascending]]  # the used values, ascending
            # by group, ascending within each (a stable sort of small integers is a radix sort)
            groups = self.codes[ascending]
            if self.count < 2**15:
                groups = groups.astype(np.int16)
            ordered = values[ascending[np.argsort(groups, kind="stable")]]
            first = np.cumsum(n) - n
            some = n > 0
            for name, at in (("min", first), ("max", first + n - 1),
                             ("low", first + (n - 1) // 2), ("high", first + n // 2)):
                column = np.full(self.count, np.nan)
                column[some] = ordered[at[some]]
                out[name] = column
            if median:
                out["median"] = (out["low"] + out["high"]) / 2
        return out

    def position_in(self, index: pd.Index) -> np.ndarray:
        """For each value of `index`, the group with that (single) key; -1 where there is none."""
        return self.keys[0].get_indexer(index)


def _spread(groups: _Groups, names: list[str], current: np.ndarray, target: np.ndarray,
            ascending: np.ndarray | None = None) -> pd.DataFrame:
    """Per group: mean current and target, gap, and median, std, min, max, n of current; the keys
    as columns `names` first. `ascending`: np.argsort of current, when known."""
    now = groups.stats(current, extremes=True, median=True, ascending=ascending)
    aim = groups.stats(target)
    columns = dict(zip(names, groups.keys))
    columns.update({"current": now["mean"], "target": aim["mean"], "gap": aim["mean"] - now["mean"],
                    "median": now["median"], "std": now["std"], "min": now["min"], "max": now["max"],
                    "n": now["n"].astype(np.int64)})
    return pd.DataFrame(columns)


def _fact_codes(respondents: pd.DataFrame, fact: str, position: np.ndarray) -> tuple[np.ndarray, pd.Index]:
    """Codes of a respondent fact (blank or missing read as "?") for rows whose respondent is at
    `position` in `respondents` (-1: not there, also "?")."""
    values = respondents[fact].fillna("").replace("", "?") if len(respondents) else pd.Series([], dtype=object)
    codes, uniques = pd.factorize(pd.concat([values, pd.Series(["?"])], ignore_index=True), sort=False)
    codes = codes.astype(np.int64)
    # the values' dtype inferred again (texts: str), as a group-by's result index has it
    return codes[np.where(position >= 0, position, len(values))], pd.Index(list(uniques))


@dataclass(frozen=True, eq=False)
class _Sums:
    """What scoring needs from the answers table, summed once: per (respondent, dimension) cell in
    order of first appearance, per question and per dimension."""

    respondent: pd.Index  # each cell's respondent
    dimension: pd.Index  # each cell's dimension (the answers' dtype)
    dimension_code: np.ndarray  # each cell's dimension as a code into dimension_values
    dimension_values: pd.Index
    weighted: dict[str, np.ndarray]  # measure -> per cell, sum of score x question weight over answered
    weights: dict[str, np.ndarray]  # measure -> per cell, sum of the answered questions' weights
    answered: dict[str, np.ndarray]  # measure -> per cell, questions answered with a score
    questions: pd.Index  # the questions present
    question_stats: dict[str, dict[str, np.ndarray]]  # measure -> n, mean, std per question
    question_counts: dict[str, np.ndarray]  # current_na, current_dk, target_dk -> per question
    dimensions: pd.Index  # the dimensions present
    dimension_counts: dict[str, np.ndarray]  # n_answers(_target), n_dk(_target) -> per dimension


def _sums(answers: pd.DataFrame, weights: dict[str, float]) -> _Sums:
    """_Sums of an answers table: as grids when it is one row per respondent and question in
    the same question order for everyone (what build_survey makes), else by group codes."""
    return _grid_sums(answers, weights) or _group_sums(answers, weights)


def _given(answers: pd.DataFrame, measure: str) -> np.ndarray:
    """A score, n/a or don't know given (not blank)."""
    return answers[measure].notna().to_numpy() | answers[f"{measure}_na"].to_numpy(dtype=bool)


def _grid_sums(answers: pd.DataFrame, weights: dict[str, float]) -> _Sums | None:
    columns = [answers[c] for c in ("respondent", "question", "dimension")]
    if not all(isinstance(c.dtype, pd.CategoricalDtype) for c in columns) or not len(answers):
        return None
    respondent, question, dimension = (c.cat.codes.to_numpy() for c in columns)
    k = len(columns[1].cat.categories)
    if len(answers) % k:
        return None
    m = len(answers) // k
    grid_q, grid_r, grid_d = question.reshape(m, k), respondent.reshape(m, k), dimension.reshape(m, k)
    if not ((grid_q == np.arange(k)).all() and (grid_r == np.arange(m)[:, None]).all()
            and (grid_d == grid_d[0]).all() and (grid_d[0] >= 0).all()
            and len(columns[0].cat.categories) == m):
        return None
    dimension_values = _codes(columns[2])[1]
    first_dimension = grid_d[0].astype(np.int64)
    present, first = np.unique(first_dimension, return_index=True)
    order = present[np.argsort(first, kind="stable")]  # dimensions in order of first appearance
    # questions grouped by dimension (in that order), to add each dimension's columns with reduceat
    rank = np.empty(len(order) + 1, dtype=np.int64)
    rank[order] = np.arange(len(order))
    by_dimension = np.argsort(rank[first_dimension], kind="stable")
    starts = np.searchsorted(rank[first_dimension][by_dimension], np.arange(len(order)))

    def per_dimension_of(grid: np.ndarray) -> np.ndarray:
        return np.add.reduceat(grid[..., by_dimension], starts, axis=-1)

    question_weight = np.array([weights.get(q, np.nan) for q in columns[1].cat.categories], dtype=float)
    sums: dict[str, dict[str, np.ndarray]] = {"weighted": {}, "weights": {}, "answered": {}}
    stats: dict[str, dict[str, np.ndarray]] = {}
    for measure in MEASURES:
        values = answers[measure].to_numpy(dtype=float).reshape(m, k)
        answered = ~np.isnan(values)
        w = np.where(answered & ~np.isnan(question_weight), question_weight, 0.0)
        scores = np.where(answered, values, 0.0)
        sums["weighted"][measure] = per_dimension_of(scores * w).ravel()
        sums["weights"][measure] = per_dimension_of(w).ravel()
        sums["answered"][measure] = per_dimension_of(answered.astype(np.int64)).ravel()
        n = answered.sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = scores.sum(axis=0) / n
            deviation = np.where(answered, values - mean, 0.0)
            stats[measure] = {"n": n, "mean": mean, "std": np.sqrt((deviation * deviation).sum(axis=0) / n)}
    counts = {name: answers[name].to_numpy(dtype=bool).reshape(m, k).sum(axis=0)
              for name in ("current_na", "current_dk", "target_dk")}
    per_dimension = {}
    for suffix, measure in (("", "current"), ("_target", "target")):
        per_dimension[f"n_answers{suffix}"] = per_dimension_of(_given(answers, measure).reshape(m, k).sum(axis=0))
        per_dimension[f"n_dk{suffix}"] = per_dimension_of(
            answers[f"{measure}_dk"].to_numpy(dtype=bool).reshape(m, k).sum(axis=0))
    cell_dimension = np.tile(order, m)
    return _Sums(
        respondent=pd.Index(np.asarray(columns[0].cat.categories, dtype=object), dtype=object).repeat(len(order)),
        dimension=dimension_values.take(cell_dimension), dimension_code=cell_dimension,
        dimension_values=dimension_values, **sums,
        questions=_codes(columns[1])[1], question_stats=stats, question_counts=counts,
        dimensions=dimension_values.take(order), dimension_counts=per_dimension)


def _group_sums(answers: pd.DataFrame, weights: dict[str, float]) -> _Sums:
    questions = _Groups.of(answers["question"])
    weight = _take(np.array([weights.get(q, np.nan) for q in questions.keys[0]], dtype=float), questions.codes)
    respondent_codes, respondent_ids = _codes(answers["respondent"])
    dimension_codes, dimension_values = _codes(answers["dimension"])
    cells = _Groups.of((respondent_codes, respondent_ids), (dimension_codes, dimension_values))
    sums: dict[str, dict[str, np.ndarray]] = {"weighted": {}, "weights": {}, "answered": {}}
    for measure in MEASURES:
        values = answers[measure].to_numpy(dtype=float)
        answered = ~np.isnan(values)
        w = np.where(answered & ~np.isnan(weight), weight, 0.0)
        sums["weighted"][measure] = cells.sum(np.where(answered, values, 0.0) * w)
        sums["weights"][measure] = cells.sum(w)
        sums["answered"][measure] = cells.sum(answered).astype(np.int64)
    dimensions = _Groups.of((dimension_codes, dimension_values))
    per_dimension = {}
    for suffix, measure in (("", "current"), ("_target", "target")):
        per_dimension[f"n_answers{suffix}"] = dimensions.sum(_given(answers, measure))
        per_dimension[f"n_dk{suffix}"] = dimensions.sum(answers[f"{measure}_dk"])
    return _Sums(
        respondent=pd.Index(np.asarray(cells.keys[0], dtype=object), dtype=object), dimension=cells.keys[1],
        dimension_code=cells.key_codes[1], dimension_values=dimension_values, **sums,
        questions=questions.keys[0],
        question_stats={m: questions.stats(answers[m]) for m in MEASURES},
        question_counts={c: questions.sum(answers[c]) for c in ("current_na", "current_dk", "target_dk")},
        dimensions=dimensions.keys[0], dimension_counts=per_dimension)


def score(survey: Survey) -> Assessment:
    """Score a validated survey. Raises ValueError if the survey still has errors."""
    if not survey.ok:
        raise ValueError("survey has errors; fix them before scoring")
    fw = survey.framework
    answers = survey.answers
    sums = _sums(answers, {q.id: q.weight for q in fw.questions})
    sizes = {d.id: len(d.questions) for d in fw.dimensions}

    per: dict[str, object] = {"respondent": pd.Series(sums.respondent, dtype=object), "dimension": sums.dimension}
    for measure in MEASURES:
        with np.errstate(invalid="ignore", divide="ignore"):
            per[measure] = sums.weighted[measure] / sums.weights[measure]
        per[f"answered_{measure}"] = sums.answered[measure]
    # as plain integers: a categorical column mapped one-to-one (every dimension a different number of
    # questions) stays categorical in pandas, and dividing by it raised TypeError
    size = np.array([sizes.get(d, 0) for d in sums.dimension_values] or [0], dtype=np.int64)[sums.dimension_code]
    per["questions"] = size
    per["coverage"] = per["answered_current"] / size
    for measure in MEASURES:
        per[measure] = np.where(per[f"answered_{measure}"] * 2 >= size, per[measure], np.nan)
    per["sufficient"] = ~np.isnan(per["current"])
    per["gap"] = per["target"] - per["current"]
    people = survey.respondents
    position = pd.Index(people["respondent"]).get_indexer(sums.respondent) if len(people) else np.full(
        len(size), -1)
    for fact in ("role", "department"):
        per[fact] = pd.Series(_take(people[fact].to_numpy(dtype=object), position), dtype=object)
    per_frame = pd.DataFrame(per)  # respondent, role and department: object columns, as a join made them

    dimension_ids = pd.Index([d.id for d in fw.dimensions])
    by_dimension = _Groups.of((sums.dimension_code, sums.dimension_values))
    ascending = np.argsort(per["current"], kind="stable")
    org = _spread(by_dimension, ["dimension"], per["current"], per["target"], ascending).set_index("dimension")
    org = org.reindex(dimension_ids)
    org["coverage"] = _take(by_dimension.stats(per["coverage"])["mean"], by_dimension.position_in(dimension_ids))
    org["n"] = org["n"].fillna(0).astype(int)
    extra = {"level": [level_of(v) for v in org["current"]],
             "agreement": [agreement_of(s, n) for s, n in zip(org["std"], org["n"])],
             "weight": [fw.dimension(d).weight for d in org.index]}
    # current answers given at all (a score, n/a or don't know) and of those "don't know", for the findings
    at = sums.dimensions.get_indexer(dimension_ids)
    for name in ("n_answers", "n_dk", "n_answers_target", "n_dk_target"):
        extra[name] = _take(sums.dimension_counts[name], at, 0).astype(int)
    org = pd.concat([org, pd.DataFrame(extra, index=org.index)], axis=1)
    org = org.rename_axis("dimension").reset_index()

    overall = _overall(org)
    question_scores = _question_scores(sums, fw)
    per_dimension = (by_dimension.codes, by_dimension.keys[0])
    breakdowns = [
        _spread(_Groups.of(_fact_codes(people, fact, position), per_dimension), [fact, "dimension"],
                per["current"], per["target"], ascending)
        for fact in ("role", "department")]
    return Assessment(survey, per_frame, org, question_scores, *breakdowns, overall, _importance_scores(survey))


def _overall(org: pd.DataFrame) -> Overall:
    values = {}
    for measure in MEASURES:
        usable = org.loc[org[measure].notna()]
        weight = usable["weight"].sum()
        values[measure] = float((usable[measure] * usable["weight"]).sum() / weight) if weight else math.nan
    return Overall(values["current"], values["target"], values["target"] - values["current"],
                   level_of(values["current"]))


def _question_scores(sums: _Sums, fw: Framework) -> pd.DataFrame:
    ids = pd.Index([q.id for q in fw.questions])
    at = sums.questions.get_indexer(ids)
    current, target = sums.question_stats["current"], sums.question_stats["target"]
    now, aim = _take(current["mean"], at), _take(target["mean"], at)
    columns = {"question": ids, "current": now, "target": aim, "gap": aim - now, "std": _take(current["std"], at),
               "n": _take(current["n"], at, 0).astype(int)}
    for column, source in (("n_na", "current_na"), ("n_dk", "current_dk"), ("n_dk_target", "target_dk")):
        columns[column] = _take(sums.question_counts[source], at, 0).astype(int)
    columns["dimension"] = [fw.question(q).dimension for q in ids]
    columns["weight"] = [fw.question(q).weight for q in ids]
    return pd.DataFrame(columns)


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
