"""Benchmark: the organisation against a fixed peer group: percentile ranks, median and band, with n."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from omni import format as fmt
from omni.attributes import label as attribute_label
from omni.benchmark import (
    KEYS,
    MIN_PEERS,
    POSITION_STEP,
    PUBLISH_STEP,
    YEAR_WINDOWS,
    default_group,
    first_sufficient,
    written_comparison,
)
from omni.charts import peer_distribution, radar_chart
from omni.i18n import t
from omni.store.peer_entries import OVERALL
from omni.ui.loading import require_store
from omni.ui.markup import plain
from omni.ui.shell import guarded, page_shell
from omni.ui.tables import show_dataframe
from omni.ui.widgets import require_assessment, show_chart, show_fitted_chart

lang, result = page_shell()


def _widen(group) -> None:
    """Button callback: set the group controls to the broader group before they are drawn again."""
    for key in KEYS:
        st.session_state[f"bench_{key}"] = getattr(group, key) is not None
    st.session_state["bench_years"] = group.years


with guarded(lang):
    assessment = require_assessment(result, lang)
    fw = assessment.framework
    st.title(t("nav.benchmark", lang))
    st.caption(t("benchmark.intro", lang, minimum=MIN_PEERS))
    engine = require_store(lang)

    own = default_group(assessment)
    cols = st.columns([1, 1, 1, 1.3])
    chosen = {}
    for col, key in zip(cols, KEYS):
        value = getattr(own, key)
        shown = plain(attribute_label(key, value, lang)) if value else t("benchmark.unknown", lang)
        on = col.toggle(f"{t('fact.' + key, lang)}: {shown}", value=value is not None, disabled=value is None,
                        key=f"bench_{key}")
        chosen[key] = value if on and value else None
    years = cols[3].radio(t("benchmark.years", lang), YEAR_WINDOWS, key="bench_years", horizontal=True,
                          format_func=lambda y: t(f"benchmark.years_{y}_option", lang))
    group = replace(own, **chosen, years=years)
    bench, broader = first_sufficient(engine, assessment, group, organisation_id=result.organisation_id)

    if bench.synthetic or (broader is not None and broader.synthetic):
        st.info(t("benchmark.synthetic_note", lang), icon=":material/science:")
    if not bench.sufficient:
        st.warning(t("benchmark.too_small", lang, group=plain(group.describe(lang)), minimum=MIN_PEERS))
        if broader is None:
            st.stop()
        st.button(t("benchmark.show_broader", lang, group=plain(broader.group.describe(lang)), n=broader.n_label),
                  on_click=_widen, args=(broader.group,), type="primary")
        st.stop()

    st.subheader(f"{plain(group.describe(lang))} · n = {bench.n_label}")
    overall = bench.overall
    metrics = st.columns(4)
    metrics[0].metric(t("benchmark.col_percentile", lang), fmt.number(overall["percentile"], lang, 0),
                      help=t("benchmark.percentile_help", lang))
    metrics[1].metric(t("benchmark.your_index", lang), fmt.number(overall["score"], lang, 2))
    metrics[2].metric(t("benchmark.col_median", lang), fmt.number(overall["median"], lang, 2))
    metrics[3].metric(t("benchmark.band", lang), f"{fmt.number(overall['p25'], lang, 2)} – {fmt.number(overall['p75'], lang, 2)}")

    left, right = st.columns([1.5, 1])
    with left:
        show_fitted_chart(radar_chart, assessment, lang, size=340, peers=bench.dimensions, fit=True)
    with right:
        st.markdown(f"**{t('benchmark.comparison', lang)}**")
        st.markdown("\n".join(f"- {plain(line)}" for line in written_comparison(bench, fw, lang)))
    show_chart(peer_distribution, assessment, bench.rows, lang, n=bench.n_label)

    names = {d.id: d.name(lang) for d in fw.dimensions} | {OVERALL: t("col.overall", lang)}
    table = pd.DataFrame({
        t("col.dimension", lang): bench.rows["dimension"].map(names),
        t("benchmark.col_score", lang): bench.rows["score"].round(2),
        t("benchmark.col_percentile", lang): bench.rows["percentile"].round(0),
        "P25": bench.rows["p25"].round(2), t("benchmark.col_median", lang): bench.rows["median"].round(2),
        "P75": bench.rows["p75"].round(2), "n": bench.rows["n"]})
    show_dataframe(table, lang, width="stretch")
    st.caption(t("benchmark.privacy", lang, minimum=MIN_PEERS))
    st.caption(t("benchmark.published_note", lang, step=fmt.number(PUBLISH_STEP, lang, 2), position=POSITION_STEP))
