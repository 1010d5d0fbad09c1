"""The peer benchmark and the trend over saved waves, shaped once for the deck and the report.

Both exports take the same plain inputs the Benchmark and History pages use: a
`omni.benchmark.Benchmark` and a `omni.history.History`, fetched by the caller (the Export page or
the CLI). Nothing here opens the store; a part is shown only when its data is there: a benchmark
whose peer group has at least omni.benchmark.MIN_PEERS organisations, and at least MIN_WAVES saved waves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from omni.benchmark import Benchmark
from omni.format import is_missing
from omni.framework import Framework
from omni.history import History, dimension_name, progress_to_target, version_note
from omni.i18n import t
from omni.store.peer_entries import OVERALL

MIN_WAVES = 2
BENCHMARK_COLUMNS = ("dimension", "name", "score", "percentile", "p25", "median", "p75", "n")


def has_benchmark(bench: Benchmark | None) -> bool:
    return bench is not None and bench.sufficient


def has_trend(history: History | None) -> bool:
    return history is not None and len(history.waves) >= MIN_WAVES


def usable_benchmark(asked: Benchmark, broader: Benchmark | None) -> Benchmark | None:
    """From `omni.benchmark.first_sufficient`: the asked group if it is large enough, else the nearest
    broader group that is (the export names the group it used), else None."""
    if asked.sufficient:
        return asked
    return broader if broader is not None and broader.sufficient else None


def _round(value: object, digits: int = 2) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), digits)


def benchmark_rows(bench: Benchmark, framework: Framework, lang: str) -> pd.DataFrame:
    """Per dimension, then overall: name, own score, percentile, P25, median, P75 and n (a band), as
    the exports show them (scores to 2 decimals, percentile to a whole number; the peer figures are
    the published ones, omni.benchmark). Never a minimum, a maximum or any single peer's value."""
    if not bench.sufficient:
        return pd.DataFrame(columns=BENCHMARK_COLUMNS)
    records = []
    for row in bench.rows.itertuples():
        name = t("col.overall", lang) if row.dimension == OVERALL else framework.dimension(row.dimension).name(lang)
        records.append({"dimension": row.dimension, "name": name, "score": _round(row.score),
                        "percentile": _round(row.percentile, 0), "p25": _round(row.p25),
                        "median": _round(row.median), "p75": _round(row.p75), "n": str(row.n)})
    return pd.DataFrame(records)


def synthetic_label(bench: Benchmark, lang: str) -> str:
    """The warning that (some of) the peers are synthetic demo data; '' for real peers only."""
    if not bench.synthetic:
        return ""
    if bench.synthetic >= bench.organisations:
        return t("export.synthetic_all", lang)
    return t("export.synthetic_some_share", lang)  # never the counts: they would give n exactly


@dataclass(frozen=True)
class Trend:
    """The current score per saved wave: one category per wave (oldest first), one series per
    dimension with the overall index first."""

    waves: tuple[str, ...]
    dates: tuple[str, ...]
    respondents: tuple[int, ...]
    series: tuple[tuple[str, str, tuple[float | None, ...]], ...]  # (dimension id, name, values per wave)
    progress: pd.DataFrame  # name, first_current, first_target, latest_current, share_closed (omni.history)
    version_note: str | None = None  # when the waves used different framework versions (omni.history)


def trend(history: History, lang: str) -> Trend:
    fw = history.framework
    scores = history.scores
    ids = [w.id for w in history.waves]
    # The first score of each wave and dimension, missing ones skipped (as a pivot with "first" gives
    # it; the pivot was ~5 % of a deck with history)
    first: dict[tuple[object, object], float] = {}
    for wave_id, dimension, value in zip(scores["assessment_id"].tolist(), scores["dimension"].tolist(),
                                         scores["current"].tolist()):
        if not is_missing(value):
            first.setdefault((wave_id, dimension), value)
    order = list(dict.fromkeys(scores.sort_values("position")["dimension"]))
    order = [OVERALL] + [d for d in order if d != OVERALL] if OVERALL in order else order
    series = tuple((d, dimension_name(d, fw, lang), tuple(_round(first.get((i, d))) for i in ids)) for d in order)
    progress = progress_to_target(history)
    if len(progress):
        rank = {d: i for i, d in enumerate(order)}
        progress = progress.assign(name=[dimension_name(d, fw, lang) for d in progress["dimension"]],
                                   rank=progress["dimension"].map(rank)).sort_values("rank").drop(columns="rank")
    return Trend(tuple(w.wave for w in history.waves), tuple(w.wave_date.isoformat() for w in history.waves),
                 tuple(int(w.respondents) for w in history.waves), series, progress.reset_index(drop=True),
                 version_note(history, lang))



