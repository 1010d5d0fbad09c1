"""Breakdowns that never show or imply a group smaller than `min_group` respondents.

A breakdown (by role, department or unit) shows a group only when at least `min_group`
respondents belong to it. Smaller groups are merged into "other"; when "other" would itself stay
below the threshold (one small group, or a few that together are too few), the smallest shown
group is merged in as well, until "other" is large enough: that is the complementary suppression
that keeps a small group from being derived by subtracting the shown groups from the total. When
every group would end in "other", no breakdown is shown at all.

The same rule works per cell: a dimension's score of a shown group is left out when fewer than
`min_group` of its respondents have a score on that dimension, and a second cell goes with it
whenever the left-out cells together would be too few (the dimension's total is always shown).

`min_group` comes from the configuration (`min_group` in the ``[omni]`` section of the secrets or
the environment variable OMNI_MIN_GROUP); its default is 3 when sign-in is on and 1 in local
mode, where the one user sees every answer anyway. One pure function, `breakdown`, serves the
Dimensions page, the CLI's JSON, the Excel and PDF reports and the deck.
"""

from __future__ import annotations

import hashlib
import math
import os
import threading
import tomllib
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from omni.attributes import VOCABULARIES
from omni.attributes import label as attribute_label
from omni.i18n import t
from omni.scoring import Assessment
from omni.signin_config import check_sign_in_config

OTHER = "\x00other"  # the merged group's key; never a value a respondent can type (control character)
BY = ("role", "department", "unit")
ENV_MIN_GROUP = "OMNI_MIN_GROUP"
DEFAULT_HOSTED = 3
DEFAULT_LOCAL = 1
MAX_MIN_GROUP = 100
MEASURES = ("current", "target")
COLUMNS = ("dimension", "current", "target", "gap", "std", "n")


class MinGroupError(ValueError):
    """The configured min_group is not a whole number from 1 to MAX_MIN_GROUP."""


@dataclass(frozen=True)
class MinGroup:
    value: int
    source: str  # "hosted" (default with sign-in), "local" (default without) or "configured"

    def describe(self, lang: str) -> str:
        """The sentence the pages print: which threshold applies and why."""
        keys = {"hosted": "groups.min_group.hosted", "local": "groups.min_group.local",
                "configured": "groups.min_group.configured"}
        return t(keys[self.source], lang, n=self.value)


def min_group_setting(secrets: Mapping | None, environ: Mapping[str, str], *, hosted: bool) -> MinGroup:
    """The threshold from the environment, then the secrets' ``[omni] min_group``, else the mode's default."""
    omni = (secrets or {}).get("omni")
    raw = environ.get(ENV_MIN_GROUP, "").strip() or (omni.get("min_group") if isinstance(omni, Mapping) else None)
    if raw in (None, ""):
        return MinGroup(DEFAULT_HOSTED, "hosted") if hosted else MinGroup(DEFAULT_LOCAL, "local")
    try:
        value = int(str(raw).strip())
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_MIN_GROUP or str(raw).strip() != str(value):
        raise MinGroupError(f"min_group must be a whole number from 1 to {MAX_MIN_GROUP}, not {raw!r}")
    return MinGroup(value, "configured")


def configured_min_group(environ: Mapping[str, str] | None = None,
                         secrets_files: tuple[Path, ...] | None = None) -> MinGroup:
    """The threshold as the app would use it, read from the same secrets files and environment
    (for the CLI and for exports built outside a page). An unreadable secrets file counts as
    sign-in configured: the stricter default."""
    from omni.store.config import SECRETS_FILES, read_secrets_file

    environ = os.environ if environ is None else environ
    secrets: dict = {}
    error = None
    for path in reversed(secrets_files if secrets_files is not None else SECRETS_FILES):
        try:
            secrets.update(read_secrets_file(path) or {})
        except (OSError, tomllib.TOMLDecodeError) as exc:
            error = str(exc)
    hosted = check_sign_in_config(secrets, environ, secrets_error=error).hosted
    return min_group_setting(secrets, environ, hosted=hosted)


def _resolve(min_group: int | MinGroup | None) -> int:
    if min_group is None:
        return configured_min_group().value
    value = min_group.value if isinstance(min_group, MinGroup) else int(min_group)
    return max(1, value)


def protect(counts: Mapping[str, int], min_group: int, *, merge: bool = True) -> dict[str, str | None]:
    """Which group each group is reported as: itself, OTHER (merged) or None (not shown).

    `counts` are the respondents per group. With `merge`, groups below `min_group` go into OTHER,
    then the smallest shown groups follow until OTHER holds at least `min_group`; without it they
    are hidden, and the smallest shown groups are hidden too until the hidden ones together hold at
    least `min_group`. Either way, whatever the total minus the shown groups reveals is a set of at
    least `min_group` respondents. When nothing but OTHER (or nothing) would be left, nothing is shown.
    """
    present = {g: int(n) for g, n in counts.items() if n and n > 0}
    if min_group <= 1 or all(n >= min_group for n in present.values()):
        return {g: g for g in present}
    away = {g for g, n in present.items() if n < min_group}
    shown = sorted((g for g in present if g not in away), key=lambda g: (present[g], str(g)))
    while sum(present[g] for g in away) < min_group and shown:
        away.add(shown.pop(0))
    if not shown:
        return {g: None for g in present}
    gone = OTHER if merge else None
    return {g: (gone if g in away else g) for g in present}


@dataclass(frozen=True, eq=False)
class Breakdown:
    """A breakdown that is safe to show: only groups (and cells) of at least `min_group` respondents."""

    by: str
    min_group: int
    table: pd.DataFrame  # columns: <by>, dimension, current, target, gap, std, n (n: scores behind the cell)
    sizes: dict[str, int]  # shown group (OTHER included) -> respondents
    merged: int  # groups merged into OTHER
    withheld: int  # groups not shown at all (no breakdown possible)
    cells_hidden: int  # cells left out in shown groups

    @property
    def empty(self) -> bool:
        return not self.sizes

    def note(self, lang: str) -> str:
        """What was merged or left out, and why; "" when nothing was."""
        parts = []
        if self.withheld:
            parts.append(t("groups.note.withheld", lang, k=self.min_group))
        elif self.merged:
            parts.append(t("groups.note.merged", lang, n=self.merged, k=self.min_group))
        if self.cells_hidden:
            parts.append(t("groups.note.cells", lang, n=self.cells_hidden, k=self.min_group))
        return " ".join(parts)

    def label(self, group: str, lang: str) -> str:
        return group_label(self.by, group, lang)

    def to_dict(self, lang: str = "en") -> dict[str, object]:
        """JSON-ready: the shown groups with their size and per-dimension scores (None where left out)."""
        groups = []
        for group, size in self.sizes.items():
            rows = self.table.loc[self.table[self.by] == group]
            groups.append({
                "group": "other" if group == OTHER else group, "label": self.label(group, lang), "respondents": size,
                "dimensions": {r.dimension: {"current": _num(r.current), "target": _num(r.target), "gap": _num(r.gap),
                                             "n": int(r.n)} for r in rows.itertuples()}})
        return {"by": self.by, "min_group": self.min_group, "groups": groups, "merged": self.merged,
                "withheld": self.withheld, "cells_hidden": self.cells_hidden, "note": self.note(lang)}


def group_label(by: str, group: str, lang: str) -> str:
    if group == OTHER:
        return t("groups.other", lang)
    if group in ("", "?"):
        return t("groups.unknown", lang)
    return attribute_label(by, group, lang) if by in VOCABULARIES else group


def group_of(assessment: Assessment, by: str) -> pd.Series:
    """Each respondent's group (index: respondent); "?" where the fact was not given."""
    if by not in BY:
        raise ValueError(f"by must be one of {BY}")
    facts = assessment.survey.respondents
    # set_axis on the one column, not set_index on the table: that copies every column (~5 ms a call
    # on a wide table, and the exports ask 9 times).
    index = pd.Index(facts["respondent"], name="respondent")
    values = facts[by].set_axis(index) if by in facts.columns else pd.Series("", index=index)
    return values.fillna("").astype(str).str.strip().replace("", "?")


def reported_groups(assessment: Assessment, by: str, min_group: int | MinGroup | None) -> pd.Series:
    """Each respondent's group as a breakdown may show it: the group, OTHER, or None (not shown)."""
    k = _resolve(min_group)
    groups = group_of(assessment, by)
    mapping = protect(groups.value_counts().to_dict(), k)
    return groups.map(mapping)


# Breakdowns already worked out, per assessment (weakly held: gone with their assessment) and (by, k).
# An assessment never changes (a frozen dataclass of frames nobody writes to), so neither does its
# breakdown: the Dimensions page's chart, its text alternative and the page itself, and the deck and
# reports, ask for the same one several times per run.
_MEMO: weakref.WeakKeyDictionary[Assessment, dict[tuple[str, int], Breakdown]] = weakref.WeakKeyDictionary()
_MEMO_LOCK = threading.Lock()


def breakdown(assessment: Assessment, by: str, min_group: int | MinGroup | None = None) -> Breakdown:
    """The scores per group and dimension, with every group and cell under `min_group` merged or left
    out (see the module's docstring). `min_group` None reads the configuration. Worked out once per
    assessment, `by` and threshold; treat the returned table as read-only."""
    k = _resolve(min_group)
    key = (by, k)
    with _MEMO_LOCK:
        known = _MEMO.get(assessment, {}).get(key)
    if known is not None:
        return known
    result = _breakdown(assessment, by, k)
    with _MEMO_LOCK:
        return _MEMO.setdefault(assessment, {}).setdefault(key, result)


def _breakdown(assessment: Assessment, by: str, k: int) -> Breakdown:
    groups = group_of(assessment, by)
    counts = groups.value_counts().to_dict()
    mapping = protect(counts, k)
    reported = groups.map(mapping)
    per = assessment.respondent_scores[["respondent", "dimension", *MEASURES]]
    shown = per["respondent"].map(reported).to_numpy(dtype=object)
    keep_rows = pd.notna(shown)
    # One grouping pass (row positions per dimension and group, in row order) instead of a boolean
    # selection per dimension and group: the breakdown runs on several pages and in every export.
    positions: dict[tuple[str, str], list[int]] = {}
    for i, (dimension, g) in enumerate(zip(per["dimension"].to_numpy(dtype=object)[keep_rows], shown[keep_rows])):
        positions.setdefault((dimension, g), []).append(i)
    values_of = {m: per[m].to_numpy(dtype="float64")[keep_rows] for m in MEASURES}
    empty = np.empty(0, dtype="float64")
    dims = [d.id for d in assessment.framework.dimensions]
    order = [g for g in sorted({v for v in mapping.values() if v is not None}, key=lambda g: (g == OTHER, str(g)))]
    rows = []
    cells_hidden = 0
    for dimension in dims:
        cell = {g: {m: values_of[m][positions[(dimension, g)]] if (dimension, g) in positions else empty
                    for m in MEASURES} for g in order}
        keep = {}
        for measure in MEASURES:
            have = {g: int(np.count_nonzero(~np.isnan(frame[measure]))) for g, frame in cell.items()}
            keep[measure] = protect(have, k, merge=False)
        for g in order:
            frame = cell[g]
            values = {}
            for measure in MEASURES:
                ok = keep[measure].get(g) is not None
                if not ok and not np.isnan(frame[measure]).all():
                    cells_hidden += measure == "current"
                values[measure] = _mean(frame[measure]) if ok else math.nan
            std = _std(frame["current"]) if not math.isnan(values["current"]) else math.nan
            rows.append({by: g, "dimension": dimension, "current": values["current"], "target": values["target"],
                         "gap": values["target"] - values["current"], "std": std,
                         "n": int(np.count_nonzero(~np.isnan(frame["current"])))})
    table = pd.DataFrame(rows, columns=[by, *COLUMNS])
    sizes = {g: int(sum(counts[x] for x, to in mapping.items() if to == g)) for g in order}
    merged = sum(1 for to in mapping.values() if to == OTHER)
    withheld = len(counts) if not order and len(counts) > 0 and k > 1 else 0
    return Breakdown(by, k, table, sizes, merged, withheld, cells_hidden)


def _mean(values: np.ndarray) -> float:
    """As pandas' Series.mean (skipping NaN), bit for bit: NaN put to 0, summed by numpy, divided by the count."""
    missing = np.isnan(values)
    count = values.size - int(missing.sum())
    if count == 0:
        return math.nan
    return float(np.where(missing, 0.0, values).sum(dtype=np.float64) / np.float64(count))


def _std(values: np.ndarray) -> float:
    """As pandas' Series.std(ddof=0) (skipping NaN), bit for bit: its two-pass variance, then the root."""
    missing = np.isnan(values)
    count = values.size - int(missing.sum())
    if count == 0:
        return math.nan
    filled = np.where(missing, 0.0, values)
    squares = (filled.sum(dtype=np.float64) / np.float64(count) - filled) ** 2
    np.putmask(squares, missing, 0)
    return float(np.sqrt(squares.sum(dtype=np.float64) / np.float64(count)))


def breakdowns_dict(assessment: Assessment, lang: str = "en", min_group: int | MinGroup | None = None
                    ) -> dict[str, object]:
    """The role and department (and, when respondents name units, unit) breakdowns for JSON (the CLI's
    `score --json`), protected alike."""
    k = _resolve(min_group)
    kinds = ["role", "department"]
    if (group_of(assessment, "unit") != "?").any():
        kinds.append("unit")
    return {"min_group": k, **{by: breakdown(assessment, by, k).to_dict(lang) for by in kinds}}


def _num(value: float) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else round(float(value), 4)


def pseudonyms(assessment: Assessment) -> dict[str, str]:
    """Each respondent's stand-in for files of individual answers when `min_group` > 1: "1", "2", ... in
    an order that says nothing about who was uploaded or answered first. The order is a hash of each
    respondent's facts and answers (the same data gives the same numbers every time, in any upload
    order); respondents identical in both keep their relative order among themselves."""
    answers = assessment.survey.answers
    respondents = list(assessment.survey.respondents["respondent"].astype(str))
    if answers.empty:
        return {r: str(i) for i, r in enumerate(respondents, start=1)}
    frame = answers[["respondent", "question", "current", "target", "current_na", "target_na", "comment"]].astype(object).fillna("").astype(str)
    frame = frame.assign(respondent=answers["respondent"].astype(str)).sort_values(["respondent", "question"])
    cells = frame["question"] + ":" + frame["current"] + ":" + frame["target"] + ":" + frame["current_na"] + ":" \
        + frame["target_na"] + ":" + frame["comment"]
    joined = cells.groupby(frame["respondent"], sort=False).agg("\x1f".join)
    facts = assessment.survey.respondents.set_index(assessment.survey.respondents["respondent"].astype(str))
    who = facts.reindex(columns=["name", "role", "department", "unit"]).fillna("").astype(str).agg("\x1f".join, axis=1)
    digest = {r: hashlib.sha256(f"{who.get(r, '')}\x1e{joined.get(r, '')}".encode()).hexdigest() for r in respondents}
    order = sorted(respondents, key=lambda r: digest[r])
    return {r: str(i) for i, r in enumerate(order, start=1)}


def respondent_labels(assessment: Assessment, min_group: int | MinGroup | None, lang: str) -> dict[str, str]:
    """How screens and files of individual answers name each respondent, in the order to list them: their
    id in local mode (min_group 1), else "Respondent n" by `pseudonyms` (never an id that follows the upload)."""
    ids = [str(r) for r in assessment.survey.respondents["respondent"]]
    if _resolve(min_group) <= 1:
        return {r: r for r in ids}
    stand_in = pseudonyms(assessment)
    return {r: t("report.pseudonym", lang, n=stand_in[r]) for r in sorted(ids, key=lambda r: int(stand_in[r]))}
