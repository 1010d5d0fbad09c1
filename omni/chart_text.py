"""The numbers of each chart as one sentence in the reader's language: the chart's text alternative.

A screen reader cannot read a chart, so the screen puts this text on the chart (Vega-Lite's
top-level `description`, which Vega writes as the chart's aria-label). Each describer takes the
same arguments as its builder in omni.charts and says what the chart shows, number by number.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pandas as pd

from omni import charts, unit_charts
from omni import format as fmt
from omni.framework import Framework
from omni.i18n import t
from omni.scoring import Assessment, level_of
from omni.unit_admin import UnitWord


def _n(value: object, lang: str) -> str:
    return fmt.number(value, lang, 2)


def _join(title: str, parts: list[str]) -> str:
    return f"{title}. " + "; ".join(parts) + "." if parts else f"{title}."


def _scores(assessment: Assessment, lang: str, peers: pd.DataFrame | None = None) -> list[str]:
    fw = assessment.framework
    rows = assessment.dimension_scores.set_index("dimension")
    medians = peers.set_index("dimension")["median"] if peers is not None else None
    parts = []
    for dim in fw.dimensions:
        row = rows.loc[dim.id]
        text = t("charttext.current_target", lang, name=dim.name(lang), current=_n(row["current"], lang),
                 target=_n(row["target"], lang))
        if medians is not None and dim.id in medians.index:
            text += ", " + t("charttext.peer_median", lang, value=_n(medians.loc[dim.id], lang))
        parts.append(text)
    return parts


def radar(assessment: Assessment, lang: str, size: int = 0, *, peers: pd.DataFrame | None = None,
          fit: bool = False) -> str:
    return _join(t("chart.radar_title", lang), _scores(assessment, lang, peers))


def bars(assessment: Assessment, lang: str, width: int = 0) -> str:
    return _join(t("chart.bars_title", lang), _scores(assessment, lang))


def distribution(assessment: Assessment, dimension: str, lang: str, width: int = 0) -> str:
    """Per question how many respondents gave each answer (1-5, not applicable, don't know)."""
    dim = assessment.framework.dimension(dimension)
    answers = assessment.survey.answers
    parts = []
    for question in dim.questions:
        mine = answers.loc[answers["question"] == question.id]
        counts = [(str(level), int((mine["current"] == level).sum())) for level in range(1, 6)]
        counts += [(t("not_applicable", lang), int(mine["current_na"].sum())),
                   (t("dontknow.answer", lang), int(mine["current_dk"].sum()))]
        shown = ", ".join(t("charttext.answer_count", lang, count=count, answer=answer) for answer, count in counts if count)
        parts.append(f"{question.id} {question.topic(lang)}: {shown or '0'}")
    return _join(t("chart.distribution_title", lang, dimension=dim.name(lang)), parts)


def ladder(assessment: Assessment, lang: str, width: int = 0) -> str:
    """Where the index is now and where the team wants it, on the five levels and their thresholds."""
    fw = assessment.framework
    o = assessment.overall
    parts = []
    for key, value in (("col.current", o.current), ("col.target", o.target)):
        level = level_of(value)
        if level is not None:
            parts.append(t("charttext.on_level", lang, series=t(key, lang), value=_n(value, lang), level=level,
                           name=fw.level(level).name(lang)))
    parts.append(t("charttext.thresholds", lang))
    return _join(t("chart.ladder_title", lang), parts)


def _groups(safe, fw: Framework, lang: str, measure: str = "current") -> list[str]:
    """Per shown group its scores: the same safe breakdown the chart draws (omni.confidentiality), so
    the text never names a group or a cell the chart leaves out."""
    # One pass over the rows, groups in order of first appearance (a groupby with a namedtuple class
    # per group cost ~1 ms a group; the Dimensions page describes two breakdowns per run).
    table = safe.table
    scores: dict[object, list[str]] = {}
    for group, dimension, value in zip(table[safe.by].tolist(), table["dimension"].tolist(), table[measure].tolist()):
        if not pd.isna(group) and not pd.isna(value):
            scores.setdefault(group, []).append(f"{fw.dimension(dimension).name(lang)} {_n(value, lang)}")
    return [f"{safe.label(group, lang)} (n = {safe.sizes.get(group, '?')}): {', '.join(shown)}"
            for group, shown in scores.items()]


def heatmap(assessment: Assessment, by: str, lang: str, width: int = 0, *, min_group: int | None = None) -> str:
    from omni.confidentiality import breakdown

    safe = breakdown(assessment, by, min_group)
    return _join(t(f"chart.by_{by}_title", lang), _groups(safe, assessment.framework, lang))


def unit_radars(view, framework: Framework, lang: str, columns: int = 3, *, unit_label: str = "") -> str:
    return _join(UnitWord(unit_label).column(lang), _groups(view.breakdown, framework, lang))


def unit_heatmap(view, framework: Framework, measure: str, lang: str, width: int = 0, *, unit_label: str = "") -> str:
    title = f"{UnitWord(unit_label).column(lang)} ({t(f'col.{measure}', lang)})"
    return _join(title, _groups(view.breakdown, framework, lang, measure))


def peers(assessment: Assessment, rows: pd.DataFrame, lang: str, *, n: int | str, width: int = 0) -> str:
    names = {d.id: d.name(lang) for d in assessment.framework.dimensions}
    parts = [t("charttext.peer_row", lang, name=names.get(r.dimension, t("col.overall", lang)), score=_n(r.score, lang),
               p25=_n(r.p25, lang), median=_n(r.median, lang), p75=_n(r.p75, lang))
             for r in rows.dropna(subset=["median"]).itertuples()]
    return _join(t("chart.peer_distribution_title", lang, n=n), parts)


def _name(fw: Framework | None, dimension: str, lang: str) -> str:
    if dimension.startswith("_"):
        return t("col.overall", lang)
    try:
        return fw.dimension(dimension).name(lang) if fw else dimension
    except KeyError:
        return dimension


def trend(scores: pd.DataFrame, fw: Framework | None, lang: str, width: int = 0) -> str:
    parts = []
    ordered = scores.sort_values("wave_date")
    for dimension in dict.fromkeys(scores["dimension"]):
        rows = ordered.loc[ordered["dimension"] == dimension]
        waves = ", ".join(t("charttext.wave", lang, wave=str(r.wave), current=_n(r.current, lang),
                            target=_n(r.target, lang)) for r in rows.itertuples())
        parts.append(f"{_name(fw, dimension, lang)}: {waves}")
    return _join(t("chart.history_title", lang), parts)


def changes(frame: pd.DataFrame, fw: Framework | None, lang: str, width: int = 0) -> str:
    parts = [t("charttext.change", lang, name=_name(fw, r.dimension, lang), before=_n(r.before, lang),
               after=_n(r.after, lang), change=("+" if r.change >= 0 else "") + _n(r.change, lang))
             for r in frame.dropna(subset=["change"]).itertuples() if not math.isnan(r.change)]
    return _join(t("chart.changes_title", lang), parts)


DESCRIBERS: dict[Callable[..., Any], Callable[..., str]] = {
    charts.radar_chart: radar, charts.dimension_bars: bars, charts.question_distribution: distribution,
    charts.level_ladder: ladder, charts.breakdown_heatmap: heatmap, charts.peer_distribution: peers,
    charts.history_trend: trend, charts.wave_changes: changes,
    unit_charts.unit_radars: unit_radars, unit_charts.unit_heatmap: unit_heatmap,
}


def chart_text(builder: Callable[..., Any], *args: Any, **kwargs: Any) -> str:
    """The text alternative of `builder(*args, **kwargs)`; a chart without a describer is a bug (KeyError)."""
    describe = DESCRIBERS.get(builder)
    if describe is None:
        raise KeyError(f"no text alternative for {getattr(builder, '__name__', builder)}")
    return describe(*args, **kwargs)
