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

Published figures cannot be differenced (issue 15, finding 4): the viewer's own organisation is
left out by the signed-in organisation (the store scope), never by a name in an uploaded file; a
group's figures are computed from the store alone (`published_group`) - the quantiles rounded to
PUBLISH_STEP, n as a band - so every upload that lands in the same group sees exactly the same
figures, and the viewer's own percentile is estimated from those published figures only
(`position`), not ranked against the peers' scores.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, select

from omni import format as fmt
from omni.attributes import label as attribute_label
from omni.attributes import normalise_label
from omni.framework import Framework
from omni.i18n import t
from omni.scoring import Assessment
from omni.store import organisation_keyer
from omni.store.assessments import organisation_facts, survey_date
from omni.store.engine import reading
from omni.store.peer_entries import OVERALL, GroupScores, PeerGroupFilter, group_scores
from omni.store.schema import organisations
from omni.store.scope import scope_of, visible

MIN_PEERS = 5
DECILES_FROM = 20  # P10/P90 only from this many peers, so they never sit on a single extreme peer
RECENT_YEARS = 3
YEAR_WINDOWS = ("recent", "all")
KEYS = ("sector", "size_band", "channel_model")
_SCALE = 500  # the highest score in hundredths
_DROP_ORDER = ("size_band", "channel_model", "sector")
PUBLISH_STEP = 0.25  # published quantiles are multiples of this on the 1-5 scale
POSITION_STEP = 5  # the viewer's estimated percentile is a multiple of this
N_BANDS = (5, 10, 20, 50, 100, 250, 500, 1000, 2500, 5000, 10000)  # n is published as the band it falls in
_QUANTILES = {"p10": 10, "p25": 25, "median": 50, "p75": 75, "p90": 90}


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

    def filter(self, exclude_keys: tuple[str, ...] = ()) -> PeerGroupFilter:
        return PeerGroupFilter(self.framework_id, self.sector, self.size_band, self.channel_model,
                               self.year_from, self.year_to, tuple(exclude_keys))

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


def n_band(n: int) -> str:
    """n as published: the band it falls in ('10–19', '1000+'), never the exact count."""
    if n < N_BANDS[0]:
        return f"< {N_BANDS[0]}"
    for low, high in zip(N_BANDS, N_BANDS[1:]):
        if n < high:
            return f"{low}–{high - 1}"
    return f"{N_BANDS[-1]}+"


def _published(value: float) -> float:
    """A quantile as published: rounded to PUBLISH_STEP (half up, so it never depends on float noise)."""
    return math.floor(value / PUBLISH_STEP + 0.5) * PUBLISH_STEP


@dataclass(frozen=True, eq=False)
class PublishedGroup:
    """What may be shown about a peer group: rounded quantiles and n bands, computed from the store only.

    The same for every upload that lands in the group (the viewer's own organisation, known from the
    signed-in scope, is always left out). `organisations` is the exact count, used only to decide
    whether the group is large enough; it is never shown.
    """

    group: PeerGroup
    organisations: int
    synthetic: int
    stats: pd.DataFrame  # dimension, p25, median, p75, p10, p90, n (a band label)

    @property
    def sufficient(self) -> bool:
        return self.organisations >= MIN_PEERS

    @property
    def n_label(self) -> str:
        return n_band(self.organisations)

    def figures(self) -> tuple:
        """Everything this group publishes, as one comparable value (for tests and caches)."""
        return (self.group, self.n_label, self.synthetic > 0, self.synthetic >= self.organisations,
                tuple(tuple(None if isinstance(v, float) and math.isnan(v) else v for v in row)
                      for row in self.stats.itertuples(index=False)))


@dataclass(frozen=True, eq=False)
class Benchmark:
    """An organisation compared with one peer group's published figures."""

    group: PeerGroup
    organisations: int  # peers in the group (the viewer's own organisation excluded); never shown, see n_label
    synthetic: int  # how many of them are synthetic demo peers; never shown as a count
    rows: pd.DataFrame  # dimension, score, percentile, p25, median, p75, p10, p90, n (last row: overall)
    published: PublishedGroup | None = None

    @property
    def sufficient(self) -> bool:
        return self.organisations >= MIN_PEERS

    @property
    def n_label(self) -> str:
        """n as shown everywhere: a band (e.g. '10–19')."""
        return n_band(self.organisations)

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
            "n": self.n_label if self.sufficient else None,
            "sufficient": self.sufficient, "minimum": MIN_PEERS,
            "synthetic_peers": self.synthetic > 0,
            "step": PUBLISH_STEP,
        }
        if self.sufficient:
            out["dimensions"] = [_row_dict(r, framework, lang) for r in self.rows.to_dict("records")]
        return out


def _num(value: object, digits: int = 2) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), digits)


def _row_dict(row: dict, framework: Framework, lang: str) -> dict[str, object]:
    name = t("col.overall", lang) if row["dimension"] == OVERALL else framework.dimension(row["dimension"]).name(lang)
    return {"id": "overall" if row["dimension"] == OVERALL else row["dimension"], "name": name,
            "score": _num(row["score"]), "percentile": _num(row["percentile"], 0), "p25": _num(row["p25"]),
            "median": _num(row["median"]), "p75": _num(row["p75"]), "n": row["n"]}


def _kth(cumulative: np.ndarray, k: np.ndarray) -> np.ndarray:
    """The k-th smallest values (0-based) from a cumulative histogram over 0..500 hundredths."""
    return np.searchsorted(cumulative, k + 1, side="left")


def _empty_stats() -> dict[str, object]:
    return {"p25": math.nan, "median": math.nan, "p75": math.nan, "p10": math.nan, "p90": math.nan}


def peer_statistics(values: np.ndarray) -> dict[str, object]:
    """The published figures of one dimension: P25, median, P75 (and P10/P90 from DECILES_FROM peers)
    rounded to PUBLISH_STEP, and n as a band; NaN below MIN_PEERS. `values` are hundredths, 0 = no score.

    The quantiles are exact before rounding (linear interpolation, as numpy's default): scores are
    whole hundredths, so a histogram gives the order statistics without sorting 100,000 values."""
    counts = np.bincount(values, minlength=_SCALE + 1)[: _SCALE + 1]
    counts[0] = 0  # no score
    cumulative = np.cumsum(counts)
    n = int(cumulative[-1])
    out = {**_empty_stats(), "n": n_band(n)}
    if n < MIN_PEERS:
        return out
    names = ("p25", "median", "p75", "p10", "p90") if n >= DECILES_FROM else ("p25", "median", "p75")
    position = (n - 1) * np.asarray([_QUANTILES[name] / 100 for name in names])
    low = np.floor(position).astype(int)
    high = np.minimum(low + 1, n - 1)
    low_value, high_value = _kth(cumulative, low), _kth(cumulative, high)
    found = (low_value + (high_value - low_value) * (position - low)) / 100
    out.update({name: _published(float(value)) for name, value in zip(names, found)})
    return out


def position(score: float | None, figures: dict[str, object] | pd.Series) -> float:
    """The viewer's percentile, estimated from the published quantiles alone (never from the peers'
    scores, so probing with many scores reveals nothing beyond the published figures).

    The published quantiles are points (score, percentile) on the peers' distribution, with 1 at 0%
    and 5 at 100%; between two points the percentile is interpolated, on a point shared by several
    quantiles it is their middle; the result is rounded to POSITION_STEP."""
    if score is None or math.isnan(score):
        return math.nan
    points: dict[float, list[float]] = {1.0: [0.0], 5.0: [100.0]}
    for name, pct in _QUANTILES.items():
        value = figures.get(name)
        if value is not None and not math.isnan(value):
            points.setdefault(float(value), []).append(float(pct))
    if len(points) == 2 and points[1.0] == [0.0] and points[5.0] == [100.0]:
        return math.nan  # no published quantile: no position either
    xs = sorted(points)
    score = min(5.0, max(1.0, float(score)))
    if score in points:
        found = (min(points[score]) + max(points[score])) / 2
    else:
        right = next(x for x in xs if x > score)
        left = max(x for x in xs if x < score)
        low, high = max(points[left]), min(points[right])
        found = low + (high - low) * (score - left) / (right - left)
    return float(min(100, max(0, POSITION_STEP * math.floor(found / POSITION_STEP + 0.5))))


def publish(group: PeerGroup, peers: GroupScores) -> PublishedGroup:
    """A group's published figures from its peers' scores (no viewer involved)."""
    records = []
    for i, name in enumerate(peers.dimensions):
        stats = peer_statistics(peers.values[:, i]) if peers.organisations >= MIN_PEERS else {
            **_empty_stats(), "n": n_band(0)}
        records.append({"dimension": name, **stats})
    stats = pd.DataFrame(records, columns=["dimension", "p25", "median", "p75", "p10", "p90", "n"])
    return PublishedGroup(group, peers.organisations, peers.synthetic, stats)


def compare_published(published: PublishedGroup, assessment: Assessment) -> Benchmark:
    """The assessment placed against a group's published figures."""
    scores = assessment.dimension_scores.set_index("dimension")["current"]
    records = []
    for row in published.stats.to_dict("records"):
        name = row["dimension"]
        score = float(assessment.overall.current) if name == OVERALL else float(scores.get(name, math.nan))
        records.append({**row, "score": score, "percentile": position(score, row)})
    rows = pd.DataFrame(records, columns=["dimension", "score", "percentile", "p25", "median", "p75", "p10", "p90",
                                          "n"])
    return Benchmark(published.group, published.organisations, published.synthetic, rows, published)


def compare(group: PeerGroup, peers: GroupScores, assessment: Assessment) -> Benchmark:
    """The benchmark of an assessment against a group's scores (no database needed)."""
    return compare_published(publish(group, peers), assessment)


def own_organisation_keys(connection: Connection, *, organisation_id: int | None = None,
                          organisation: str | None = None) -> tuple[str, ...]:
    """The peer keys of the viewer's own organisation(s), which never count as their own peers.

    Signed in (a scope limited to organisations): every organisation of the scope, whatever the
    uploaded file says - a name in a file never decides who is left out, so naming another
    organisation cannot take it out of the group. Unrestricted (local mode, an administrator, the
    CLI): the stored organisation of the data on screen - `organisation_id` (a saved wave, a
    round), else the stored organisation called `organisation`, else none. An unrestricted scope
    can read every organisation's data already, so this reveals nothing new.
    """
    o = organisations.c
    scope = scope_of(connection)
    if not scope.unrestricted:
        query = select(o.name).where(visible(connection, o.id))
    elif organisation_id is not None:
        query = select(o.name).where(o.id == organisation_id)
    elif organisation:
        query = select(o.name).where(o.name_key == normalise_label(organisation))
    else:
        return ()
    org_key = organisation_keyer(connection)
    return tuple(sorted({org_key(name) for (name,) in connection.execute(query)}))


def published_group(engine: Engine, group: PeerGroup, dimensions: tuple[str, ...], *,
                    organisation_id: int | None = None, organisation: str | None = None) -> PublishedGroup:
    """A group's published figures, from the store only (the viewer's own organisations left out)."""
    with reading(engine) as connection:
        own = own_organisation_keys(connection, organisation_id=organisation_id, organisation=organisation)
        peers = group_scores(connection, group.filter(own), dimensions)
    return publish(group, peers)


def run_benchmark(engine: Engine, assessment: Assessment, group: PeerGroup, organisation: str | None = None, *,
                  organisation_id: int | None = None) -> Benchmark:
    """Compare an assessment with a peer group from the store (its own organisation excluded, see
    own_organisation_keys; `organisation` names a stored organisation and counts only in an
    unrestricted scope, defaulting to the assessment's)."""
    name = organisation if organisation is not None else assessment.organisation
    dimensions = tuple(d.id for d in assessment.framework.dimensions) + (OVERALL,)
    published = published_group(engine, group, dimensions, organisation_id=organisation_id, organisation=name)
    return compare_published(published, assessment)


def first_sufficient(engine: Engine, assessment: Assessment, group: PeerGroup,
                     organisation: str | None = None, *,
                     organisation_id: int | None = None) -> tuple[Benchmark, Benchmark | None]:
    """The benchmark for `group` and, if that group is too small, the nearest broader group that is not."""
    asked = run_benchmark(engine, assessment, group, organisation, organisation_id=organisation_id)
    if asked.sufficient:
        return asked, None
    broader = group.broader()
    while broader is not None:
        found = run_benchmark(engine, assessment, broader, organisation, organisation_id=organisation_id)
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
        key = ("benchmark.sentence_ahead" if row.percentile >= 50 else "benchmark.sentence_behind")
        share = row.percentile if row.percentile >= 50 else 100 - row.percentile
        lines.append(t(key, lang, share=f"{share:.0f}", group=noun, dimension=what, n=row.n,
                       median=fmt.number(row.median, lang, 2)))
    return lines


def format_benchmark(bench: Benchmark, framework: Framework, lang: str) -> str:
    """The benchmark as a readable plain-text table (the CLI's output)."""
    lines = [f"{t('benchmark.group', lang)}: {bench.group.describe(lang)}",
             f"n = {bench.n_label}"]
    if bench.synthetic:
        lines.append(t("benchmark.synthetic_note", lang))
    width = max(len(d.name(lang)) for d in framework.dimensions) + 2
    head = (f"{'':<{width}}{t('benchmark.col_score', lang):>8}{t('benchmark.col_percentile', lang):>12}"
            f"{'P25':>7}{t('benchmark.col_median', lang):>9}{'P75':>7}{'n':>10}")
    lines += ["", head, "-" * len(head)]
    for row in bench.rows.itertuples():
        name = t("col.overall", lang) if row.dimension == OVERALL else framework.dimension(row.dimension).name(lang)

        def f(v: float, digits: int = 2) -> str:
            return "–" if v is None or math.isnan(v) else f"{v:.{digits}f}"

        lines.append(f"{name:<{width}}{f(row.score):>8}{f(row.percentile, 0):>12}{f(row.p25):>7}"
                     f"{f(row.median):>9}{f(row.p75):>7}{row.n:>10}")
    lines += [""] + written_comparison(bench, framework, lang)
    return "\n".join(lines)
