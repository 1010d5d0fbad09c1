"""Peer benchmark: fixed peer groups, the small-group rule, percentile ranks, median and P25-P75 band.

Rules (FRAMEWORK.md, issue 5):
- a peer group is a fixed grouping: the organisation's own sector, size band and channel model,
  any of them left out, within a fixed year window (the 3 years up to the assessment's year, or
  all years); no free filters that would let someone single one organisation out;
- each organisation counts once, with its latest entry in the window; the viewer's own
  organisation never counts;
- a group is shown only with at least MIN_PEERS organisations; otherwise it says so and offers
  the next broader group (size band is dropped first, then channel model, then sector, then the
  year window);
- shown per dimension and overall: percentile rank, peer median, P25-P75 band, always with n;
  never a minimum, a maximum or any single peer's value.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from omni.attributes import label as attribute_label
from omni.framework import Framework
from omni.i18n import t
from omni.scoring import Assessment
from omni.store import organisation_key
from omni.store.assessments import organisation_facts, survey_date
from omni.store.engine import reading
from omni.store.peer_entries import OVERALL, GroupScores, PeerGroupFilter, group_scores

MIN_PEERS = 5
DECILES_FROM = 20  # P10/P90 only from this many peers, so they never sit on a single extreme peer
RECENT_YEARS = 3
YEAR_WINDOWS = ("recent", "all")
KEYS = ("sector", "size_band", "channel_model")
_SCALE = 500  # the highest score in hundredths
_DROP_ORDER = ("size_band", "channel_model", "sector")


class BenchmarkError(ValueError):
    """The benchmark cannot be computed as asked (e.g. the organisation has no sector for a sector group)."""


@dataclass(frozen=True)
class PeerGroup:
    """A fixed peer group: which of the organisation's attributes must match, and the year window."""

    framework_id: str
    year: int  # the assessment's year: the window ends there
    sector: str | None = None
    size_band: str | None = None
    channel_model: str | None = None
    years: str = "recent"

    def __post_init__(self) -> None:
        if self.years not in YEAR_WINDOWS:
            raise ValueError(f"years must be one of {YEAR_WINDOWS}")

    @property
    def year_from(self) -> int | None:
        return self.year - RECENT_YEARS + 1 if self.years == "recent" else None

    @property
    def year_to(self) -> int | None:
        return self.year if self.years == "recent" else None

    def broader(self) -> PeerGroup | None:
        """The next broader fixed group, or None for the broadest."""
        for key in _DROP_ORDER:
            if getattr(self, key) is not None:
                return replace(self, **{key: None})
        return replace(self, years="all") if self.years == "recent" else None

    def filter(self, exclude_key: str | None) -> PeerGroupFilter:
        return PeerGroupFilter(self.framework_id, self.sector, self.size_band, self.channel_model,
                               self.year_from, self.year_to, exclude_key)

    def describe(self, lang: str) -> str:
        """E.g. 'Fashion and footwear · 50 to 250 · Store-led with online, 2024-2026'."""
        parts = [attribute_label(k, getattr(self, k), lang) for k in KEYS if getattr(self, k) is not None]
        who = " · ".join(parts) if parts else t("benchmark.all_organisations", lang)
        when = (t("benchmark.years_recent", lang, first=self.year_from, last=self.year_to) if self.years == "recent"
                else t("benchmark.years_all", lang))
        return f"{who}, {when}"

    def noun(self, lang: str) -> str:
        """The group as a noun for sentences: 'fashion and footwear organisations'."""
        if self.sector is not None:
            return t("benchmark.noun_sector", lang, sector=attribute_label("sector", self.sector, lang).lower())
        if self.channel_model is not None:
            return t("benchmark.noun_channel", lang,
                     channel=attribute_label("channel_model", self.channel_model, lang).lower())
        return t("benchmark.noun_all", lang)


def assessment_year(assessment: Assessment) -> int:
    """The year an assessment belongs to: the latest respondent date, else this year."""
    found = survey_date(assessment.survey)
    return (found or dt.date.today()).year


def default_group(assessment: Assessment, *, year: int | None = None, years: str = "recent") -> PeerGroup:
    """The narrowest group: same sector, size band and channel model (those the survey gives)."""
    facts = organisation_facts(assessment.survey)
    return PeerGroup(assessment.framework.id, year or assessment_year(assessment),
                     **{k: facts.get(k) or None for k in KEYS}, years=years)


def group_for(assessment: Assessment, *, sector: str | None = None, size_band: str | None = None,
              channel_model: str | None = None, years: str = "recent", year: int | None = None) -> PeerGroup:
    """A group with the given attribute values (None leaves that attribute out)."""
    return PeerGroup(assessment.framework.id, year or assessment_year(assessment), sector, size_band,
                     channel_model, years)


@dataclass(frozen=True, eq=False)
class Benchmark:
    """An organisation compared with one peer group."""

    group: PeerGroup
    organisations: int  # peers in the group (the viewer's own organisation excluded)
    synthetic: int  # how many of them are synthetic demo peers
    rows: pd.DataFrame  # dimension, score, percentile, p25, median, p75, p10, p90, n (last row: overall)

    @property
    def sufficient(self) -> bool:
        return self.organisations >= MIN_PEERS

    @property
    def dimensions(self) -> pd.DataFrame:
        return self.rows.loc[self.rows["dimension"] != OVERALL]

    @property
    def overall(self) -> pd.Series:
        return self.rows.loc[self.rows["dimension"] == OVERALL].iloc[0]

    def to_dict(self, framework: Framework, lang: str = "en") -> dict[str, object]:
        """JSON-ready; a group that is too small carries no statistics at all."""
        out: dict[str, object] = {
            "group": {"sector": self.group.sector, "size_band": self.group.size_band,
                      "channel_model": self.group.channel_model, "years": self.group.years,
                      "year_from": self.group.year_from, "year_to": self.group.year_to,
                      "description": self.group.describe(lang)},
            "n": self.organisations if self.sufficient else None,
            "sufficient": self.sufficient, "minimum": MIN_PEERS,
            "synthetic_peers": self.synthetic > 0,
        }
        if self.sufficient:
            out["dimensions"] = [_row_dict(r, framework, lang) for r in self.rows.to_dict("records")]
        return out


def _num(value: object, digits: int = 2) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), digits)


def _row_dict(row: dict, framework: Framework, lang: str) -> dict[str, object]:
    name = t("cli.overall", lang) if row["dimension"] == OVERALL else framework.dimension(row["dimension"]).name(lang)
    return {"id": "overall" if row["dimension"] == OVERALL else row["dimension"], "name": name,
            "score": _num(row["score"]), "percentile": _num(row["percentile"], 1), "p25": _num(row["p25"]),
            "median": _num(row["median"]), "p75": _num(row["p75"]), "n": int(row["n"])}


def _kth(cumulative: np.ndarray, k: np.ndarray) -> np.ndarray:
    """The k-th smallest values (0-based) from a cumulative histogram over 0..500 hundredths."""
    return np.searchsorted(cumulative, k + 1, side="left")


def _statistics(values: np.ndarray, score: float | None) -> dict[str, float]:
    """Percentile rank of `score` among `values` (hundredths, 0 = no score) and the peer quantiles on
    the 1-5 scale (linear interpolation, as numpy's default). Scores are whole hundredths, so a
    histogram gives the exact order statistics without sorting 100,000 values."""
    counts = np.bincount(values, minlength=_SCALE + 1)[: _SCALE + 1]
    counts[0] = 0  # no score
    cumulative = np.cumsum(counts)
    n = int(cumulative[-1])
    out = {"n": n, "percentile": math.nan, "p25": math.nan, "median": math.nan, "p75": math.nan,
           "p10": math.nan, "p90": math.nan}
    if n < MIN_PEERS:
        return out
    quantiles = (0.25, 0.5, 0.75, 0.1, 0.9) if n >= DECILES_FROM else (0.25, 0.5, 0.75)
    position = (n - 1) * np.asarray(quantiles)
    low = np.floor(position).astype(int)
    high = np.minimum(low + 1, n - 1)
    low_value, high_value = _kth(cumulative, low), _kth(cumulative, high)
    found = (low_value + (high_value - low_value) * (position - low)) / 100
    out.update(zip(("p25", "median", "p75", "p10", "p90"), map(float, found)))
    if score is not None and not math.isnan(score):
        mine = min(_SCALE, max(0, round(score * 100)))
        below = int(cumulative[mine - 1]) if mine > 0 else 0
        out["percentile"] = 100.0 * (below + 0.5 * int(counts[mine])) / n
    return out


def compare(group: PeerGroup, peers: GroupScores, assessment: Assessment) -> Benchmark:
    """The benchmark of an assessment against a group's scores (no database needed)."""
    scores = assessment.dimension_scores.set_index("dimension")["current"]
    records = []
    for i, name in enumerate(peers.dimensions):
        score = float(assessment.overall.current) if name == OVERALL else float(scores.get(name, math.nan))
        stats = _statistics(peers.values[:, i], score) if peers.organisations >= MIN_PEERS else {
            "n": 0, "percentile": math.nan, "p25": math.nan, "median": math.nan, "p75": math.nan,
            "p10": math.nan, "p90": math.nan}
        records.append({"dimension": name, "score": score, **stats})
    rows = pd.DataFrame(records, columns=["dimension", "score", "percentile", "p25", "median", "p75", "p10", "p90",
                                          "n"])
    return Benchmark(group, peers.organisations, peers.synthetic, rows)


def run_benchmark(engine: Engine, assessment: Assessment, group: PeerGroup,
                  organisation: str | None = None) -> Benchmark:
    """Compare an assessment with a peer group from the store (its own organisation excluded)."""
    name = organisation if organisation is not None else assessment.organisation
    dimensions = [d.id for d in assessment.framework.dimensions] + [OVERALL]
    with reading(engine) as connection:
        own = organisation_key(connection, name) if name else None
        peers = group_scores(connection, group.filter(own), dimensions)
    return compare(group, peers, assessment)


def first_sufficient(engine: Engine, assessment: Assessment, group: PeerGroup,
                     organisation: str | None = None) -> tuple[Benchmark, Benchmark | None]:
    """The benchmark for `group` and, if that group is too small, the nearest broader group that is not."""
    asked = run_benchmark(engine, assessment, group, organisation)
    if asked.sufficient:
        return asked, None
    broader = group.broader()
    while broader is not None:
        found = run_benchmark(engine, assessment, broader, organisation)
        if found.sufficient:
            return asked, found
        broader = broader.broader()
    return asked, None


def written_comparison(bench: Benchmark, framework: Framework, lang: str) -> list[str]:
    """Short sentences: 'Ahead of 70% of fashion and footwear organisations on Activation (n = 23).'"""
    if not bench.sufficient:
        return []
    noun = bench.group.noun(lang)
    lines = []
    for row in bench.rows.itertuples():
        if math.isnan(row.percentile):
            continue
        what = (t("benchmark.overall_index", lang) if row.dimension == OVERALL
                else framework.dimension(row.dimension).name(lang))
        position = ("benchmark.sentence_ahead" if row.percentile >= 50 else "benchmark.sentence_behind")
        share = row.percentile if row.percentile >= 50 else 100 - row.percentile
        lines.append(t(position, lang, share=f"{share:.0f}", group=noun, dimension=what, n=int(row.n),
                       median=f"{row.median:.2f}"))
    return lines


def format_benchmark(bench: Benchmark, framework: Framework, lang: str) -> str:
    """The benchmark as a readable plain-text table (the CLI's output)."""
    lines = [f"{t('benchmark.group', lang)}: {bench.group.describe(lang)}",
             f"n = {bench.organisations}"]
    if bench.synthetic:
        lines.append(t("benchmark.synthetic_note", lang))
    width = max(len(d.name(lang)) for d in framework.dimensions) + 2
    head = (f"{'':<{width}}{t('benchmark.col_score', lang):>8}{t('benchmark.col_percentile', lang):>12}"
            f"{'P25':>7}{t('benchmark.col_median', lang):>9}{'P75':>7}{'n':>6}")
    lines += ["", head, "-" * len(head)]
    for row in bench.rows.itertuples():
        name = t("cli.overall", lang) if row.dimension == OVERALL else framework.dimension(row.dimension).name(lang)

        def f(v: float, digits: int = 2) -> str:
            return "–" if v is None or math.isnan(v) else f"{v:.{digits}f}"

        lines.append(f"{name:<{width}}{f(row.score):>8}{f(row.percentile, 0):>12}{f(row.p25):>7}"
                     f"{f(row.median):>9}{f(row.p75):>7}{int(row.n):>6}")
    lines += [""] + written_comparison(bench, framework, lang)
    return "\n".join(lines)
