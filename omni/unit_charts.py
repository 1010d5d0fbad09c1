"""Charts of the group view (omni.units): a small radar per unit side by side, and a heatmap of
units x dimensions for the current or the target score. Built from the confidential unit view, so
a unit under min_group never appears (omni.confidentiality)."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from omni import vegalite as vl
from omni.charts import (
    CURRENT_COLOUR,
    GRID_COLOUR,
    LIKERT,
    TARGET_COLOUR,
    TEXT_COLOUR,
    _angle,
    _data,
)
from omni.format import number
from omni.framework import Framework
from omni.i18n import t
from omni.unit_admin import UnitWord
from omni.units import UnitView

SMALL_RADAR = 190
EXTENT = 5.6


def unit_radars(view: UnitView, framework: Framework, lang: str, columns: int = 3, *,
                unit_label: str = "") -> alt.ConcatChart:
    """One small radar per shown unit (current solid, target dashed), `columns` to a row; titled with the
    organisation's word for its units (`unit_label`, omni.unit_admin)."""
    n = len(framework.dimensions)
    scale = alt.Scale(domain=[-EXTENT, EXTENT], nice=False, zero=False)
    x, y = alt.X("x:Q", scale=scale, axis=None), alt.Y("y:Q", scale=scale, axis=None)
    rings = pd.DataFrame([{"ring": level, "order": i, "x": level * math.sin(_angle(i, n)),
                           "y": level * math.cos(_angle(i, n))} for level in (1, 3, 5) for i in range(n)])
    series = [t("col.current", lang), t("col.target", lang)]
    colour = alt.Color("series:N", scale=alt.Scale(domain=series, range=[CURRENT_COLOUR, TARGET_COLOUR]),
                       legend=alt.Legend(title=None))
    dash = alt.StrokeDash("series:N", scale=alt.Scale(domain=series, range=[[1, 0], [6, 4]]), legend=None)
    table = view.scores.set_index(["unit", "dimension"])
    charts = []
    for unit in view.units:
        points = []
        for label, measure in zip(series, ("current", "target")):
            for i, dim in enumerate(framework.dimensions):
                value = table[measure].get((unit, dim.id), math.nan)
                if value is None or math.isnan(value):
                    continue
                a = _angle(i, n)
                points.append({"series": label, "order": i, "dimension": dim.name(lang), "value": round(value, 2),
                               "x": value * math.sin(a), "y": value * math.cos(a)})
        grid = alt.Chart(_data(rings)).mark_line(interpolate="linear-closed", color=GRID_COLOUR, strokeWidth=1).encode(
            x=x, y=y, detail=alt.Detail("ring:N"), order=alt.Order("order:Q"))
        data = pd.DataFrame(points, columns=["series", "order", "dimension", "value", "x", "y"])
        lines = alt.Chart(_data(data)).mark_line(interpolate="linear-closed", strokeWidth=2).encode(
            x=x, y=y, color=colour, strokeDash=dash, detail=alt.Detail("series:N"), order=alt.Order("order:Q"),
            tooltip=[alt.Tooltip("dimension:N", title=t("col.dimension", lang)), alt.Tooltip("series:N", title=" "),
                     alt.Tooltip("value:Q", title=t("chart.score", lang), format=".2f")])
        title = f"{view.label(unit, lang)} (n = {view.breakdown.sizes[unit]})"
        charts.append(alt.layer(grid, lines, width=SMALL_RADAR, height=SMALL_RADAR, title=title))
    return alt.concat(*charts, columns=columns, autosize=vl.AUTOSIZE, config=vl.CONFIG,
                      title=UnitWord(unit_label).heading("unitadmin.radars_title", lang))


def unit_heatmap(view: UnitView, framework: Framework, measure: str, lang: str, width: int = 620, *,
                 unit_label: str = "") -> alt.LayerChart:
    """Units x dimensions, the current or target score in each cell (in the reader's number format)."""
    word = UnitWord(unit_label)
    frame = view.scores
    data = frame.assign(group=[view.label(u, lang) for u in frame["unit"]],
                        dimension_name=[framework.dimension(d).name(lang) for d in frame["dimension"]],
                        value=frame[measure]).dropna(subset=["value"])
    data = data.assign(label=data["value"].map(lambda v: number(v, lang, 1)))[
        ["group", "dimension_name", "value", "label", "n"]]
    base = alt.Chart(_data(data)).encode(
        x=alt.X("dimension_name:N", sort=[d.name(lang) for d in framework.dimensions], title=None,
                axis=alt.Axis(labelAngle=0, labelLimit=120, labelExpr="split(datum.label, ' ')")),
        y=alt.Y("group:N", title=None, sort=[view.label(u, lang) for u in view.units], axis=alt.Axis(labelLimit=200)))
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color("value:Q", scale=alt.Scale(domain=[1, 5], range=[LIKERT[0], LIKERT[-1]]),
                        legend=alt.Legend(title=t(f"col.{measure}", lang))),
        tooltip=[alt.Tooltip("group:N", title=word.column(lang)),
                 alt.Tooltip("dimension_name:N", title=t("col.dimension", lang)),
                 alt.Tooltip("value:Q", title=t(f"col.{measure}", lang), format=".2f"), alt.Tooltip("n:Q", title="n")])
    text = base.mark_text(fontSize=12).encode(
        text=alt.Text("label:N"),
        color=alt.ColorValue(**alt.condition(alt.datum.value >= 3.5, alt.value("white"), alt.value(TEXT_COLOUR))))
    title = word.heading("unitadmin.heatmap_current" if measure == "current" else "unitadmin.heatmap_target", lang)
    return alt.layer(cells, text, width=width, height=alt.Step(30), title=title, autosize=vl.AUTOSIZE, config=vl.CONFIG)
