"""Chart builders shared by the dashboard and every export.

Each builder returns a finished chart with a fixed size, a title, explicit colours (Okabe-Ito,
safe for colour-blind readers) and a white background, so that the screen (rendered with
`theme=None`) and an exported image look the same in light and dark mode. The charts every session
draws (radar, ladder, answer distribution, breakdown heatmap, peer distribution) are written as
plain Vega-Lite (omni.vegalite: the same spec in a tenth of Altair's time); the others use Altair.
Both answer to_dict() and to_json().
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from omni import format as fmt
from omni import vegalite as vl
from omni.confidentiality import breakdown
from omni.framework import Framework
from omni.i18n import t
from omni.palette import (
    AXIS_TEXT,
    CURRENT_COLOUR,
    CURRENT_TEXT,
    DK_COLOUR,
    DOWN_COLOUR,
    GRID_COLOUR,
    LADDER_BANDS,
    LIKERT,
    MEDIAN_COLOUR,
    NA_COLOUR,
    PEER_COLOUR,
    TARGET_COLOUR,
    TARGET_TEXT,
    TEXT_COLOUR,
)
from omni.scoring import Assessment

RADAR_SIZE = 420
RADAR_EXTENT = 6.6  # the plot spans -extent..extent; labels at radius 5.8 may overflow (autosize pad)


def _finish(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    # One properties() call: each configure_*() call would copy the whole chart again. The size rule
    # and the look are those of every chart, also those written without Altair (omni.vegalite).
    return chart.properties(autosize=vl.AUTOSIZE, config=vl.CONFIG)


def _layered(*layers: alt.Chart, **properties) -> alt.LayerChart:
    """Layers made into one finished chart in a single step (every properties() call on a layered
    chart deep-copies all its layers and their data)."""
    return alt.layer(*layers, autosize=vl.AUTOSIZE, config=vl.CONFIG, **properties)


def _data(frame: pd.DataFrame) -> dict:
    """A layer's rows as inline values. Given a DataFrame, Altair sanitises it column by column on
    every to_dict, and an alt.Data is checked against the schema when made (5-8 ms a layer); pandas
    writes the same JSON values in one call and a plain dict passes through (tests validate the specs)."""
    return {"values": vl.values(frame)}


def _angle(i: int, n: int) -> float:
    return 2 * math.pi * i / n


def _wrap(text: str, width: int = 16) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def radar_data(assessment: Assessment, lang: str) -> pd.DataFrame:
    """The points of the radar: one row per dimension and series, with x/y from polar coordinates."""
    fw = assessment.framework
    rows = assessment.dimension_scores.set_index("dimension")
    n = len(fw.dimensions)
    records = []
    for series, column in (("current", "current"), ("target", "target")):
        for i, dim in enumerate(fw.dimensions):
            value = float(rows.loc[dim.id, column])
            if math.isnan(value):
                continue
            a = _angle(i, n)
            records.append({"series": t(f"col.{series}", lang), "order": i,
                            "dimension": dim.name(lang), "value": round(value, 2),
                            "x": value * math.sin(a), "y": value * math.cos(a)})
    return pd.DataFrame(records)


def radar_chart(assessment: Assessment, lang: str, size: int = RADAR_SIZE, *,
                peers: pd.DataFrame | None = None, fit: bool = False) -> vl.Spec:
    """Current versus target over the dimensions, on grid rings for levels 1-5.

    With `peers` (dimension, p25, median, p75 on the 1-5 scale; see omni.benchmark) the peer
    median is drawn as a third line and the P25-P75 band as a shaded ring behind it.
    With `fit`, the chart is made to be fitted to a screen column (omni.ui.widgets.show_fitted_chart):
    the rings scale with the plot's width and the dimension names stay inside it, shortened with
    "…" only where a phone leaves no room (the tooltip and the text alternative keep them whole).
    """
    fw = assessment.framework
    n = len(fw.dimensions)
    label_radius = 5.8
    if fit:
        label_radius = 5.5
        longest = max(len(line) for d in fw.dimensions for line in _wrap(d.name(lang), 14).split("\n"))
        label_size = "(width < 420 ? 10 : 12)"  # px: a phone gets smaller names and a larger radar
        label_limit = f"min({longest} * 0.66 * {label_size}, max(56, width * 0.3))"  # bold: about 0.66 em a letter
        unit = f"min((width - 2 * {label_limit} - 12) / {2 * label_radius}, (height - 70) / {2 * label_radius})"
        x_scale = {"domainMin": {"expr": f"-width / (2 * {unit})"}, "domainMax": {"expr": f"width / (2 * {unit})"},
                   "nice": False, "zero": False}
        y_scale = {"domainMin": {"expr": f"-height / (2 * {unit})"}, "domainMax": {"expr": f"height / (2 * {unit})"},
                   "nice": False, "zero": False}
    else:
        x_scale = y_scale = {"domain": [-RADAR_EXTENT, RADAR_EXTENT], "nice": False, "zero": False}
    xy = {"x": vl.field("x:Q", scale=x_scale, axis=None), "y": vl.field("y:Q", scale=y_scale, axis=None)}

    rings = [{"ring": level, "order": i, "x": level * math.sin(_angle(i, n)), "y": level * math.cos(_angle(i, n))}
             for level in range(1, 6) for i in range(n)]
    grid = {"data": rings, "mark": {"type": "line", "interpolate": "linear-closed", "color": GRID_COLOUR,
                                    "strokeWidth": 1},
            "encoding": {**xy, "detail": vl.field("ring:N"), "order": vl.field("order:Q")}}
    spokes = {"data": [{"x": 0.0, "y": 0.0, "x2": 5 * math.sin(_angle(i, n)), "y2": 5 * math.cos(_angle(i, n))}
                       for i in range(n)],
              "mark": {"type": "rule", "color": GRID_COLOUR, "strokeWidth": 1},
              "encoding": {**xy, "x2": vl.field("x2"), "y2": vl.field("y2")}}
    # Ring numbers sit on the bisector between the first two spokes, away from the data points.
    half = _angle(1, 2 * n)
    ring_labels = {"data": [{"x": level * math.sin(half) * math.cos(math.pi / n),
                             "y": level * math.cos(half) * math.cos(math.pi / n), "label": str(level)}
                            for level in range(1, 6)],
                   "mark": {"type": "text", "align": "center", "baseline": "middle", "fontSize": 10,
                            "color": AXIS_TEXT},
                   "encoding": {**xy, "text": vl.field("label:N")}}

    labels = []
    for i, dim in enumerate(fw.dimensions):
        a = _angle(i, n)
        lx, ly = label_radius * math.sin(a), label_radius * math.cos(a)
        align = "center" if abs(lx) < 0.5 else ("left" if lx > 0 else "right")
        baseline = "bottom" if ly > 0.5 else ("top" if ly < -0.5 else "middle")
        labels.append({"x": lx, "y": ly, "label": _wrap(dim.name(lang), 14), "align": align, "baseline": baseline})
    # One text layer for all dimension names: alignment and baseline per label come from the data.
    label_layer = {"data": labels,
                   "mark": {"type": "text", "align": {"expr": "datum.align"}, "baseline": {"expr": "datum.baseline"},
                            "fontWeight": "bold", "color": TEXT_COLOUR, "lineBreak": "\n",
                            **({"limit": {"expr": label_limit}, "fontSize": {"expr": label_size}} if fit
                               else {"fontSize": 12})},
                   "encoding": {**xy, "text": vl.field("label:N")}}

    data = radar_data(assessment, lang)
    series = [t("col.current", lang), t("col.target", lang)]
    colours, dashes, band_layers = [CURRENT_COLOUR, TARGET_COLOUR], [[1, 0], [6, 4]], []
    if peers is not None:
        median, band = _radar_peer_data(fw, peers, lang)
        data = pd.concat([data, median], ignore_index=True)
        series, colours, dashes = [*series, t("chart.peer_median", lang)], [*colours, PEER_COLOUR], [*dashes, [2, 3]]
        band_layers = [{"data": vl.values(band),
                        "mark": {"type": "line", "filled": True, "fill": PEER_COLOUR, "fillOpacity": 0.18,
                                 "stroke": None, "interpolate": "linear-closed"},
                        "encoding": {**xy, "order": vl.field("order:Q")}}]
    colour = vl.field("series:N", scale={"domain": series, "range": colours}, legend={"title": None})
    dash = vl.field("series:N", scale={"domain": series, "range": dashes}, legend=None)
    tooltip = [vl.field("dimension:N", title=t("col.dimension", lang)), vl.field("series:N", title=" "),
               vl.field("value:Q", title=t("chart.score", lang), format=".2f")]
    rows = vl.values(data)
    lines = {"data": rows, "mark": {"type": "line", "interpolate": "linear-closed", "strokeWidth": 3},
             "encoding": {**xy, "color": colour, "strokeDash": dash, "detail": vl.field("series:N"),
                          "order": vl.field("order:Q")}}
    points = {"data": rows, "mark": {"type": "point", "filled": True, "size": 70},
              "encoding": {**xy, "color": colour, "tooltip": tooltip}}
    return vl.chart(layer=[grid, spokes, ring_labels, label_layer, *band_layers, lines, points],
                    width=size, height=size, title=t("chart.radar_title", lang))


def dimension_bars(assessment: Assessment, lang: str, width: int = 560) -> alt.Chart:
    """Current and target per dimension as grouped horizontal bars on the 1-5 scale."""
    fw = assessment.framework
    rows = assessment.dimension_scores
    names = [fw.dimension(d).name(lang) for d in rows["dimension"]]
    data = pd.concat([
        pd.DataFrame({"dimension": names, "series": t("col.current", lang), "value": rows["current"]}),
        pd.DataFrame({"dimension": names, "series": t("col.target", lang), "value": rows["target"]}),
    ]).dropna()
    series = [t("col.current", lang), t("col.target", lang)]
    chart = alt.Chart(_data(data)).mark_bar(height=14).encode(
        x=alt.X("value:Q", scale=alt.Scale(domain=[0, 5]), title=t("chart.score", lang),
                axis=alt.Axis(values=[1, 2, 3, 4, 5], format="d")),
        y=alt.Y("dimension:N", sort=names, title=None, axis=alt.Axis(labelLimit=220)),
        yOffset=alt.YOffset("series:N", sort=series),
        color=alt.Color("series:N", scale=alt.Scale(domain=series, range=[CURRENT_COLOUR, TARGET_COLOUR]),
                        legend=alt.Legend(title=None)),
        tooltip=[alt.Tooltip("dimension:N", title=t("col.dimension", lang)), alt.Tooltip("series:N", title=" "),
                 alt.Tooltip("value:Q", title=t("chart.score", lang), format=".2f")],
    ).properties(width=width, height=alt.Step(34), title=t("chart.bars_title", lang))
    return _finish(chart)


def question_distribution(assessment: Assessment, dimension: str, lang: str, width: int = 560) -> vl.Spec:
    """Every respondent's current answer per question of a dimension, as stacked counts (n/a and
    don't know apart)."""
    fw: Framework = assessment.framework
    dim = fw.dimension(dimension)
    answers = assessment.survey.answers
    mine = answers.loc[answers["dimension"] == dimension]
    na_label, dk_label = t("not_applicable", lang), t("dontknow.answer", lang)
    value = mine["current"].map(lambda v: "" if math.isnan(v) else str(int(v)))
    unscored = [dk_label if dk else na_label if na else "" for na, dk in zip(mine["current_na"], mine["current_dk"])]
    value = value.where(value != "", pd.Series(unscored, index=mine.index))
    counted = pd.DataFrame({"question": mine["question"], "answer": value})
    counted = counted.loc[counted["answer"] != ""].value_counts().rename("count").reset_index()
    # `question` is categorical over the whole framework: value_counts() adds every other dimension's
    # questions with a count of 0, which Vega-Lite drew as a row labelled "null".
    counted = counted.loc[counted["count"] > 0]
    topics = {q.id: f"{q.id} {q.topic(lang)}" for q in dim.questions}
    counted["label"] = counted["question"].map(topics)
    domain = ["1", "2", "3", "4", "5", na_label, dk_label]
    return vl.chart(
        data=vl.values(counted), mark={"type": "bar"},
        encoding={
            "x": vl.field("count:Q", stack="zero", title=t("chart.respondents", lang), axis={"format": "d"}),
            "y": vl.field("label:N", sort=[topics[q.id] for q in dim.questions], title=None,
                          axis={"labelLimit": 260}),
            "color": vl.field("answer:N", scale={"domain": domain, "range": [*LIKERT, NA_COLOUR, DK_COLOUR]},
                              legend={"title": t("chart.answer", lang), "orient": "bottom"}),
            "order": vl.field("answer:N", sort="ascending"),
            "tooltip": [vl.field("label:N", title=t("col.question", lang)),
                        vl.field("answer:N", title=t("chart.answer", lang)),
                        vl.field("count:Q", title=t("chart.respondents", lang))]},
        width=width, height={"step": 26}, title=t("chart.distribution_title", lang, dimension=dim.name(lang)))


def level_ladder(assessment: Assessment, lang: str, width: int = 560) -> vl.Spec:
    """The index now and as wanted on the five maturity levels: each level is the band of scores from
    its number up (level 3 from 3.00, level 5 only at 5.00), named, with the two scores drawn across."""
    fw = assessment.framework
    top = 5.45
    y_scale = {"domain": [1, top], "nice": False, "zero": False}
    x_scale = {"domain": [0, 1], "nice": False}
    y_axis = {"values": [1, 2, 3, 4, 5], "title": t("chart.score", lang), "grid": False, "ticks": False,
              "format": "d", "domain": False}
    bands = [{"level": lv.level, "y": float(lv.level), "y2": float(min(lv.level + 1, top)) if lv.level < 5 else top,
              "label": f"{lv.level} · {lv.name(lang)}", "ym": lv.level + 0.5 if lv.level < 5 else (5 + top) / 2,
              "description": lv.description(lang)} for lv in fw.levels]
    band_layer = {"data": bands, "mark": {"type": "rect", "stroke": "white", "strokeWidth": 2},
                  "encoding": {
                      "x": {"datum": 0, "scale": x_scale, "axis": None}, "x2": {"datum": 1},
                      "y": vl.field("y:Q", scale=y_scale, axis=y_axis), "y2": vl.field("y2"),
                      "fill": vl.field("level:O", scale={"domain": [1, 2, 3, 4, 5], "range": list(LADDER_BANDS)},
                                       legend=None),
                      "tooltip": [vl.field("label:N", title=t("col.level", lang)),
                                  vl.field("description:N", title=" ")]}}
    band_names = {"data": bands, "mark": {"type": "text", "align": "left", "baseline": "middle", "dx": 8,
                                          "fontSize": 12, "color": TEXT_COLOUR},
                  "encoding": {"x": {"datum": 0, "scale": x_scale}, "y": vl.field("ym:Q", scale=y_scale),
                               "text": vl.field("label:N")}}
    o = assessment.overall
    series = [t("col.current", lang), t("col.target", lang)]
    marks = [{"series": name, "value": float(value), "baseline": baseline, "dy": dy,
              "text": f"{name} {fmt.number(value, lang, 2)}"}
             for name, value, baseline, dy in ((series[0], o.current, "top", 3), (series[1], o.target, "bottom", -3))
             if value is not None and not math.isnan(value)]
    y_value = vl.field("value:Q", scale=y_scale)
    rules = {"data": marks, "mark": {"type": "rule", "strokeWidth": 3},
             "encoding": {
                 "x": {"datum": 0, "scale": x_scale}, "x2": {"datum": 1}, "y": y_value,
                 "color": vl.field("series:N", scale={"domain": series, "range": [CURRENT_COLOUR, TARGET_COLOUR]},
                                   legend=None),
                 "strokeDash": vl.field("series:N", scale={"domain": series, "range": [[1, 0], [6, 4]]}, legend=None),
                 "tooltip": [vl.field("series:N", title=" "),
                             vl.field("value:Q", title=t("chart.score", lang), format=".2f")]}}
    values = [{"data": [mark], "mark": {"type": "text", "align": "right", "baseline": mark["baseline"], "dx": -6,
                                        "dy": mark["dy"], "fontSize": 13, "fontWeight": "bold"},
               "encoding": {"x": {"datum": 1, "scale": x_scale}, "y": y_value, "text": vl.field("text:N"),
                            "color": {"value": CURRENT_TEXT if mark["series"] == series[0] else TARGET_TEXT}}}
              for mark in marks]
    return vl.chart(layer=[band_layer, band_names, rules, *values], width=width, height=250,
                    title=t("chart.ladder_title", lang))


def breakdown_heatmap(assessment: Assessment, by: str, lang: str, width: int = 560, *,
                      min_group: int | None = None) -> vl.Spec:
    """Mean current score per role (or department, unit) and dimension, only for groups and cells of at
    least `min_group` respondents (omni.confidentiality; None reads the configuration)."""
    fw = assessment.framework
    safe = breakdown(assessment, by, min_group)
    frame = safe.table
    data = frame.assign(
        group=[safe.label(g, lang) for g in frame[by]],
        dimension_name=[fw.dimension(d).name(lang) for d in frame["dimension"]],
    ).dropna(subset=["current"])
    data = data.assign(label=data["current"].map(lambda v: fmt.number(v, lang, 1)))
    axes = {"x": vl.field("dimension_name:N", sort=[d.name(lang) for d in fw.dimensions], title=None,
                          axis={"labelAngle": 0, "labelLimit": 120, "labelExpr": "split(datum.label, ' ')"}),
            "y": vl.field("group:N", title=None, axis={"labelLimit": 200})}
    cells = {"mark": {"type": "rect", "stroke": "white"},
             "encoding": {**axes,
                          "color": vl.field("current:Q", scale={"domain": [1, 5], "range": [LIKERT[0], LIKERT[-1]]},
                                            legend={"title": t("col.current", lang)}),
                          "tooltip": [vl.field("group:N", title=t(f"fact.{by}", lang)),
                                      vl.field("dimension_name:N", title=t("col.dimension", lang)),
                                      vl.field("current:Q", title=t("col.current", lang), format=".2f"),
                                      vl.field("target:Q", title=t("col.target", lang), format=".2f"),
                                      vl.field("n:Q", title="n")]}}
    text = {"mark": {"type": "text", "fontSize": 12},
            "encoding": {**axes, "text": vl.field("label:N"),
                         "color": {"condition": {"test": "(datum.current >= 3.5)", "value": "white"},
                                   "value": TEXT_COLOUR}}}
    return vl.chart(data=vl.values(data), layer=[cells, text], width=width, height={"step": 30},
                    title=t(f"chart.by_{by}_title", lang))


# --- peers and history (omni.benchmark, omni.history) -------------------------------------------


def _radar_peer_data(fw: Framework, peers: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The peer median as radar points, and the P25-P75 band as one ring-shaped polygon."""
    n = len(fw.dimensions)
    rows = peers.set_index("dimension")
    median, outer, inner = [], [], []
    for i, dim in enumerate(fw.dimensions):
        if dim.id not in rows.index or math.isnan(float(rows.loc[dim.id, "median"])):
            continue
        a = _angle(i, n)
        value = float(rows.loc[dim.id, "median"])
        median.append({"series": t("chart.peer_median", lang), "order": i, "dimension": dim.name(lang),
                       "value": round(value, 2), "x": value * math.sin(a), "y": value * math.cos(a)})
        outer.append((float(rows.loc[dim.id, "p75"]) * math.sin(a), float(rows.loc[dim.id, "p75"]) * math.cos(a)))
        inner.append((float(rows.loc[dim.id, "p25"]) * math.sin(a), float(rows.loc[dim.id, "p25"]) * math.cos(a)))
    # Outer ring one way, inner ring back the other way: filled, the inside stays empty.
    ring = [*outer, *outer[:1], *inner[:1], *reversed(inner)] if outer else []
    band = pd.DataFrame([{"order": k, "x": px, "y": py} for k, (px, py) in enumerate(ring)],
                        columns=["order", "x", "y"])
    return pd.DataFrame(median, columns=["series", "order", "dimension", "value", "x", "y"]), band


def peer_distribution(assessment: Assessment, rows: pd.DataFrame, lang: str, *, n: int | str,
                      width: int = 520) -> vl.Spec:
    """Per dimension (and overall) the peers' P25-P75 band (and P10-P90 from 20 peers), the median,
    and the organisation's own score marked; no single peer's value is drawn."""
    fw = assessment.framework
    overall = t("col.overall", lang)
    names = {d.id: d.name(lang) for d in fw.dimensions}
    data = rows.assign(name=[names.get(d, overall) for d in rows["dimension"]]).dropna(subset=["median"])
    order = [names[d.id] for d in fw.dimensions] + [overall]
    x_scale = {"domain": [1, 5], "nice": False}
    y = vl.field("name:N", sort=order, title=None, axis={"labelLimit": 220})
    tooltip = [vl.field("name:N", title=t("col.dimension", lang)),
               vl.field("score:Q", title=t("col.current", lang), format=".2f"),
               vl.field("percentile:Q", title=t("benchmark.col_percentile", lang), format=".0f"),
               vl.field("p25:Q", title="P25", format=".2f"),
               vl.field("median:Q", title=t("benchmark.col_median", lang), format=".2f"),
               vl.field("p75:Q", title="P75", format=".2f"), vl.field("n:N", title="n")]
    layers = []
    deciles = data.dropna(subset=["p10", "p90"])
    if len(deciles):
        layers.append({"data": vl.values(deciles),
                       "mark": {"type": "bar", "height": 6, "color": PEER_COLOUR, "opacity": 0.25},
                       "encoding": {"x": vl.field("p10:Q", scale=x_scale), "x2": vl.field("p90"), "y": y,
                                    "tooltip": tooltip}})
    rows_all = vl.values(data)
    layers.append({"data": rows_all, "mark": {"type": "bar", "height": 16, "color": PEER_COLOUR, "opacity": 0.45},
                   "encoding": {"x": vl.field("p25:Q", scale=x_scale, title=t("chart.score", lang),
                                              axis={"values": [1, 2, 3, 4, 5], "format": "d"}),
                                "x2": vl.field("p75"), "y": y, "tooltip": tooltip}})
    layers.append({"data": rows_all, "mark": {"type": "tick", "thickness": 3, "size": 22, "color": MEDIAN_COLOUR},
                   "encoding": {"x": vl.field("median:Q", scale=x_scale), "y": y, "tooltip": tooltip}})
    layers.append({"data": vl.values(data.dropna(subset=["score"])),
                   "mark": {"type": "point", "filled": True, "size": 110, "color": CURRENT_COLOUR, "shape": "diamond"},
                   "encoding": {"x": vl.field("score:Q", scale=x_scale), "y": y, "tooltip": tooltip}})
    return vl.chart(layer=layers, width=width, height={"step": 34},
                    title=t("chart.peer_distribution_title", lang, n=n))


def history_trend(scores: pd.DataFrame, fw: Framework | None, lang: str, width: int = 170) -> alt.FacetChart:
    """One small chart per dimension (and overall): current (line) and target (dashed) per wave."""
    overall = t("col.overall", lang)

    def name(d: str) -> str:
        if d.startswith("_"):
            return overall
        try:
            return fw.dimension(d).name(lang) if fw else d
        except KeyError:
            return d

    order = list(dict.fromkeys(scores["dimension"]))
    long = pd.concat([
        scores.assign(series=t("col.current", lang), value=scores["current"]),
        scores.assign(series=t("col.target", lang), value=scores["target"]),
    ]).dropna(subset=["value"])
    long = long.assign(name=long["dimension"].map(name), label=long["wave"].astype(str))
    series = [t("col.current", lang), t("col.target", lang)]
    waves = list(dict.fromkeys(scores.sort_values("wave_date")["wave"].astype(str)))
    chart = alt.Chart(_data(long)).mark_line(point=True, strokeWidth=2.5).encode(
        x=alt.X("label:N", sort=waves, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("value:Q", scale=alt.Scale(domain=[1, 5]), title=None, axis=alt.Axis(values=[1, 2, 3, 4, 5])),
        color=alt.Color("series:N", scale=alt.Scale(domain=series, range=[CURRENT_COLOUR, TARGET_COLOUR]),
                        legend=alt.Legend(title=None)),
        strokeDash=alt.StrokeDash("series:N", scale=alt.Scale(domain=series, range=[[1, 0], [6, 4]]), legend=None),
        tooltip=[alt.Tooltip("name:N", title=t("col.dimension", lang)), alt.Tooltip("label:N", title=t("history.wave", lang)),
                 alt.Tooltip("series:N", title=" "), alt.Tooltip("value:Q", title=t("chart.score", lang), format=".2f")],
    ).properties(width=width, height=130).facet(
        facet=alt.Facet("name:N", sort=[name(d) for d in order], title=None), columns=3,
    ).properties(title=t("chart.history_title", lang))
    return _finish(chart)


def wave_changes(changes: pd.DataFrame, fw: Framework | None, lang: str, width: int = 480) -> alt.LayerChart:
    """The change in current score per dimension between two waves, largest first."""
    def name(d: str) -> str:
        try:
            return fw.dimension(d).name(lang) if fw else d
        except KeyError:
            return d

    data = changes.dropna(subset=["change"]).assign(name=lambda f: f["dimension"].map(name))
    data = data.assign(direction=(data["change"] >= 0).map({True: "up", False: "down"}))
    bars = alt.Chart(_data(data)).mark_bar(height=16).encode(
        x=alt.X("change:Q", title=t("history.change", lang), scale=alt.Scale(domain=[-2, 2], clamp=True)),
        y=alt.Y("name:N", sort=list(data["name"]), title=None, axis=alt.Axis(labelLimit=220)),
        color=alt.Color("direction:N", scale=alt.Scale(domain=["up", "down"], range=[PEER_COLOUR, DOWN_COLOUR]),
                        legend=None),
        tooltip=[alt.Tooltip("name:N", title=t("col.dimension", lang)),
                 alt.Tooltip("before:Q", format=".2f", title=t("history.before", lang)),
                 alt.Tooltip("after:Q", format=".2f", title=t("history.after", lang)),
                 alt.Tooltip("change:Q", format="+.2f", title=t("history.change", lang))])
    zero = alt.Chart(_data(pd.DataFrame({"x": [0.0]}))).mark_rule(color=TEXT_COLOUR).encode(x=alt.X("x:Q"))
    return _layered(bars, zero, width=width, height=alt.Step(30), title=t("chart.changes_title", lang))

