"""The units of a group side by side, and the group's score rolled up from its units.

A respondent's `unit` fact (brand, country, business unit: one level, named by the organisation)
splits one upload into units. The group view shows per unit and dimension the current and target
score, per dimension the spread between units and which unit leads and which lags (with n).

Units are a breakdown like role and department, so the same confidentiality rule applies
(omni.confidentiality): a unit of fewer than `min_group` respondents is merged into "Other" (with a
second one when needed), and the roll-up is computed from the units as shown, so nothing about a
small unit can be worked out from the group score either.

Roll-up: per dimension the mean of the units' scores, weighted by their respondents (which equals
the mean over all respondents) or equally per unit; the overall index is the framework-weighted
mean of the rolled-up dimensions, as for one organisation. `explain_roll_up` traces it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

from omni.confidentiality import OTHER, Breakdown, MinGroup, breakdown, group_of, reported_groups
from omni.format import number
from omni.i18n import t
from omni.scoring import MEASURES, Assessment, Trace, level_of
from omni.survey.model import Survey

WEIGHTINGS = ("respondents", "equal")
MIN_UNITS = 2


def unit_names(assessment: Assessment) -> list[str]:
    """The units named in the survey (without "not given"), sorted."""
    return sorted(u for u in group_of(assessment, "unit").unique() if u != "?")


def sole_unit(assessment: Assessment) -> str:
    """The unit every respondent belongs to (a unit's saved wave, or one unit opened from the group view);
    "" when respondents name several units or none."""
    named = group_of(assessment, "unit").unique()
    return str(named[0]) if len(named) == 1 and named[0] != "?" else ""


def assessment_title(assessment: Assessment, lang: str) -> str:
    """Whose scores these are, as the exports' title says it: the organisation, and the unit when all
    respondents belong to one."""
    organisation = assessment.organisation or "–"
    unit = sole_unit(assessment)
    return t("unitwaves.of_unit", lang, organisation=organisation, unit=unit) if unit else organisation


def has_units(assessment: Assessment) -> bool:
    """True when respondents name at least two units: a group view makes sense."""
    return len(unit_names(assessment)) >= MIN_UNITS


def unit_survey(assessment: Assessment, unit: str, min_group: int | MinGroup | None = None) -> Survey:
    """Only the respondents of one unit, to view (and export, plan, save) that unit on its own.

    Only a unit the group view shows by name may be opened: a unit under `min_group` is merged into
    "Other" there, and opening it alone would show what the merge hides (ValueError)."""
    view = unit_view(assessment, min_group)
    if unit not in view.units or unit == OTHER:
        raise ValueError(f"unit {unit!r} cannot be shown on its own")
    survey = assessment.survey
    members = set(group_of(assessment, "unit").loc[lambda s: s == unit].index)
    keep = survey.respondents["respondent"].isin(members)
    return replace(survey, respondents=survey.respondents.loc[keep].reset_index(drop=True),
                   answers=survey.answers.loc[survey.answers["respondent"].isin(members)].reset_index(drop=True),
                   importance=survey.importance.loc[survey.importance["respondent"].isin(members)]
                   .reset_index(drop=True))


@dataclass(frozen=True, eq=False)
class UnitView:
    """The units as they may be shown, with the spread and leader/lagger per dimension."""

    breakdown: Breakdown
    spread: pd.DataFrame  # dimension, units, min, max, range, std, leader, leader_score, leader_n, lagger, lagger_score, lagger_n

    @property
    def units(self) -> list[str]:
        return list(self.breakdown.sizes)

    @property
    def scores(self) -> pd.DataFrame:
        return self.breakdown.table

    def label(self, unit: str, lang: str) -> str:
        return self.breakdown.label(unit, lang)


def unit_view(assessment: Assessment, min_group: int | MinGroup | None = None) -> UnitView:
    safe = breakdown(assessment, "unit", min_group)
    rows = []
    for dim in assessment.framework.dimensions:
        mine = safe.table.loc[(safe.table["dimension"] == dim.id)].dropna(subset=["current"])
        if mine.empty:
            rows.append({"dimension": dim.id, "units": 0})
            continue
        lead, lag = mine.loc[mine["current"].idxmax()], mine.loc[mine["current"].idxmin()]
        rows.append({"dimension": dim.id, "units": len(mine), "min": float(mine["current"].min()),
                     "max": float(mine["current"].max()),
                     "range": float(mine["current"].max() - mine["current"].min()),
                     "std": float(mine["current"].std(ddof=0)),
                     "leader": lead["unit"], "leader_score": float(lead["current"]), "leader_n": int(lead["n"]),
                     "lagger": lag["unit"], "lagger_score": float(lag["current"]), "lagger_n": int(lag["n"])})
    columns = ["dimension", "units", "min", "max", "range", "std", "leader", "leader_score", "leader_n",
               "lagger", "lagger_score", "lagger_n"]
    return UnitView(safe, pd.DataFrame(rows, columns=columns))


@dataclass(frozen=True, eq=False)
class RollUp:
    weighting: str  # "respondents" or "equal"
    dimension_scores: pd.DataFrame  # dimension, current, target, gap, units
    current: float
    target: float

    @property
    def gap(self) -> float:
        return self.target - self.current

    @property
    def level(self) -> int | None:
        return level_of(self.current)


def _weights(cells: pd.DataFrame, weighting: str, measure: str) -> pd.Series:
    have = cells[measure].notna()
    if weighting == "equal":
        return have.astype(float)
    # the respondents behind each unit's score (n counts current scores; target has its own count)
    return cells["n_" + measure].where(have, 0).astype(float)


def _cells(view: UnitView, assessment: Assessment, dimension: str) -> pd.DataFrame:
    """The shown units' scores on `dimension`, with the respondents behind each (per measure)."""
    cells = view.breakdown.table.loc[view.breakdown.table["dimension"] == dimension].copy()
    per = assessment.respondent_scores.loc[assessment.respondent_scores["dimension"] == dimension]
    per = per.assign(unit=per["respondent"].map(reported_groups(assessment, "unit", view.breakdown.min_group)))
    for measure in MEASURES:
        counts = per.loc[per[measure].notna()].groupby("unit")["respondent"].count()
        cells["n_" + measure] = [int(counts.get(u, 0)) for u in cells["unit"]]
    return cells


def roll_up(view: UnitView, assessment: Assessment, weighting: str = "respondents") -> RollUp:
    """The group's scores from its units as shown (see the module's docstring)."""
    if weighting not in WEIGHTINGS:
        raise ValueError(f"weighting must be one of {WEIGHTINGS}")
    fw = assessment.framework
    rows = []
    for dim in fw.dimensions:
        cells = _cells(view, assessment, dim.id)
        row = {"dimension": dim.id, "units": int(cells["current"].notna().sum())}
        for measure in MEASURES:
            w = _weights(cells, weighting, measure)
            row[measure] = float((cells[measure].fillna(0) * w).sum() / w.sum()) if w.sum() else math.nan
        row["gap"] = row["target"] - row["current"]
        rows.append(row)
    scores = pd.DataFrame(rows, columns=["dimension", "current", "target", "gap", "units"])
    weights = {d.id: d.weight for d in fw.dimensions}
    overall = {}
    for measure in MEASURES:
        usable = scores.loc[scores[measure].notna()]
        w = usable["dimension"].map(weights)
        overall[measure] = float((usable[measure] * w).sum() / w.sum()) if w.sum() else math.nan
    return RollUp(weighting, scores, overall["current"], overall["target"])


def explain_roll_up(view: UnitView, assessment: Assessment, dimension: str, *, weighting: str = "respondents",
                    measure: str = "current", lang: str = "en") -> Trace:
    """How a rolled-up dimension score was computed: each unit's score and weight."""
    cells = _cells(view, assessment, dimension)
    w = _weights(cells, weighting, measure)
    inputs = pd.DataFrame({"item": [view.label(u, lang) for u in cells["unit"]], "value": cells[measure].to_numpy(),
                           "weight": w.to_numpy(), "counted": cells[measure].notna().to_numpy()})
    used = inputs.loc[inputs["counted"]]
    num, den = float((used["value"] * used["weight"]).sum()), float(used["weight"].sum())
    value = num / den if den else math.nan
    formula = t("units.trace", lang, dimension=assessment.framework.dimension(dimension).name(lang),
                measure=t(f"field.{measure}", lang), weighting=t(WEIGHTING_LABELS[weighting], lang), n=len(used),
                numerator=number(num, lang), denominator=number(den, lang), value=number(value, lang))
    return Trace(value, formula, inputs)


WEIGHTING_LABELS = {"respondents": "units.weighting.respondents", "equal": "units.weighting.equal"}
