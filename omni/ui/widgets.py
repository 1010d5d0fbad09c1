"""Reusable pieces of the pages: charts, metric rows, problem tables, the no-data notice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from omni import format as fmt
from omni.i18n import t
from omni.scoring import Assessment
from omni.survey import Survey
from omni.survey.problems import grouped
from omni.ui.chart_specs import chart_description, screen_spec
from omni.ui.tables import show_table
from omni.vegalite import Chart

# The Overview's two charts as the page draws them; the warm-up (omni.ui.warmup) builds the same for the
# demo, so the first visitor after a restart finds them cached.
OVERVIEW_RADAR: dict[str, Any] = {"size": 340, "fit": True}
OVERVIEW_LADDER: dict[str, Any] = {}


def show_chart(builder: Callable[..., Chart], *args: Any, **kwargs: Any) -> None:
    """Show `builder(*args, **kwargs)` exactly as built (theme=None, fixed size), so screen and export
    match; the spec and its rows as Arrow are made once per assessment and arguments
    (omni.ui.chart_specs). The chart's numbers in words (omni.chart_text) become its aria-label, the
    text a screen reader reads."""
    spec = {**screen_spec(builder, *args, **kwargs), "description": chart_description(builder, *args, **kwargs)}
    st.vega_lite_chart(spec, theme=None, width="content")


def show_fitted_chart(builder: Callable[..., Chart], *args: Any, **kwargs: Any) -> None:
    """Like show_chart, but fitted to its column's width, labels included (the radar: it keeps its
    height and its rings stay round, see omni.charts.radar_chart), so it never runs into the column
    beside it or off a phone's screen."""
    spec = {**screen_spec(builder, *args, **kwargs), "description": chart_description(builder, *args, **kwargs),
            "autosize": {"type": "fit-x", "contains": "padding"}}
    st.vega_lite_chart(spec, theme=None, width="stretch")




def upload_help(lang: str, types: list[str], text: str = "") -> str:
    """The help of a file uploader: `text`, then its file types and size limit in the user's language."""
    limits = t("upload.limits", lang, types=", ".join(f".{kind}" for kind in types),
               mb=fmt.integer(st.get_option("server.maxUploadSize"), lang))
    return f"{text} {limits}".strip()


def problems_table(survey: Survey, lang: str) -> None:
    """Every problem with its file, sheet and cell, errors first; the same message on the same sheet
    is one line naming all its cells (a 10,000-respondent file can have thousands of blanks)."""
    if not survey.problems:
        return
    frame = pd.DataFrame([{
        t("col.severity", lang): t(f"severity.{g.first.severity}", lang),
        t("col.file", lang): g.first.file, t("col.sheet", lang): g.first.sheet,
        t("col.cell", lang): g.cell_list(lang), t("col.count", lang): g.count,
        t("col.message", lang): g.first.message(lang)} for g in grouped(survey.problems)])
    with st.expander(t("start.problems", lang, n=len(survey.problems)), expanded=not survey.ok):
        show_table(frame, lang, "problems", width="stretch")


def headline_metrics(assessment: Assessment, lang: str) -> None:
    fw = assessment.framework
    o = assessment.overall
    cols = st.columns([2.2, 1, 1, 1, 1, 1])
    level_metric(cols[0], t("overview.level", lang), o.level, fw, lang)
    cols[1].metric(t("overview.index", lang), fmt.number(o.current, lang, 2))
    scored = int(assessment.dimension_scores["current"].notna().sum())
    if 0 < scored < len(fw.dimensions):  # a dimension without any score: the index stands on the others
        cols[1].caption(t("overview.index_partial", lang, scored=scored, total=len(fw.dimensions)))
    cols[2].metric(t("overview.target", lang), fmt.number(o.target, lang, 2))
    cols[3].metric(t("overview.gap", lang), fmt.number(o.gap, lang, 2))
    cols[4].metric(t("overview.respondents", lang), assessment.respondent_count)
    cols[5].metric(t("overview.coverage", lang), fmt.percent(assessment.coverage, lang))


def level_metric(column, label: str, level: int | None, framework, lang: str) -> None:
    """A level as a metric: the number as its value and the level's name in full beneath it (a name
    like "Klantgedreven ecosysteem" does not fit a metric's value on a column or a phone)."""
    column.metric(label, str(int(level)) if level else "–")
    if level:
        column.caption(framework.level(int(level)).name(lang))


def no_data(lang: str) -> None:
    st.info(t("ui.no_data", lang))
    st.page_link("pages/start.py", label=t("nav.start", lang), icon=":material/home:")


def require_assessment(result, lang: str) -> Assessment:
    """The assessment to show; without one, point to Start and end the page here."""
    if result is None or result.assessment is None:
        no_data(lang)
        st.stop()
    return result.assessment


def level_descriptor_list(assessment: Assessment, lang: str) -> None:
    """Per dimension, in small print: its level and what that level looks like for it."""
    from omni.level_view import level_lines

    lines = [line for line in level_lines(assessment, lang) if line.descriptor]
    if not lines:
        return
    with st.expander(t("levels.title", lang)):
        for line in lines:
            st.caption(t("levels.line", lang, name=line.name, level=line.level, level_name=line.level_name,
                         text=line.descriptor))


def level_descriptor_caption(assessment: Assessment, dimension_id: str, lang: str) -> None:
    """Under a dimension's level: what that level and the next one look like for the dimension."""
    from omni.level_view import level_line

    line = level_line(assessment, dimension_id, lang)
    if line is None or not line.descriptor:
        return
    st.caption(t("levels.line", lang, name=line.name, level=line.level, level_name=line.level_name,
                 text=line.descriptor))
    if line.next_descriptor:
        st.caption(t("levels.next", lang, level=line.level + 1, text=line.next_descriptor))
