"""Units: the units of a group side by side (small radars, heatmaps, spread, leader and lagger) and
the group's score rolled up from them, by respondents or equally per unit."""

import pandas as pd
import streamlit as st

from omni import format as fmt
from omni.confidentiality import OTHER
from omni.i18n import t
from omni.ui import state
from omni.ui.access import min_group
from omni.ui.loading import store_engine
from omni.ui.markup import plain
from omni.ui.shell import guarded, page_shell
from omni.ui.state import Result
from omni.ui.tables import show_table
from omni.ui.unit_admin import unit_admin_panel, unit_word
from omni.ui.widgets import require_assessment, show_chart
from omni.unit_charts import unit_heatmap, unit_radars
from omni.units import (
    WEIGHTING_LABELS,
    WEIGHTINGS,
    explain_roll_up,
    has_units,
    roll_up,
    unit_survey,
    unit_view,
)

GROUP_RESULT = "_units_group"  # the whole group, to come back to after opening one unit

lang, result = page_shell()

with guarded(lang):
    engine = store_engine()
    organisation = result.assessment.organisation if result is not None and result.assessment is not None else ""
    word = unit_word(engine, organisation)  # what the organisation calls its units: "Merken", "Landen"
    st.title(word.heading("unitadmin.title", lang))
    if engine is not None:
        # a popover, as on the Rounds page: a collapsed expander's forms stay laid out under what follows
        with st.popover(word.heading("unitadmin.manage", lang), icon=":material/edit:"):
            unit_admin_panel(engine, lang, organisation)
    assessment = require_assessment(result, lang)
    fw = assessment.framework
    group_result = st.session_state.get(GROUP_RESULT)
    if group_result is not None and group_result.assessment is not None and group_result is not result:
        if st.button(t("units.back_to_group", lang), icon=":material/arrow_back:", key="units_back"):
            state.set_result(group_result)
            st.rerun()
    if not has_units(assessment):
        st.info(t("units.none", lang))
        st.stop()
    threshold = min_group(lang)
    view = unit_view(assessment, threshold)
    st.caption(threshold.describe(lang))
    if note := view.breakdown.note(lang):
        st.info(note)
    if view.breakdown.empty:
        st.stop()

    st.subheader(t("units.rollup", lang))
    weighting = st.radio(t("units.weighting", lang), WEIGHTINGS, format_func=lambda w: t(WEIGHTING_LABELS[w], lang),
                         horizontal=True, key="units_weighting")
    group = roll_up(view, assessment, weighting)
    st.write(t("units.rollup_says", lang, weighting=t(WEIGHTING_LABELS[weighting], lang), n=len(view.units)))
    cols = st.columns(4)
    cols[0].metric(t("units.group_index", lang), fmt.number(group.current, lang, 2))
    cols[1].metric(t("col.target", lang), fmt.number(group.target, lang, 2))
    cols[2].metric(t("col.gap", lang), fmt.number(group.gap, lang, 2))
    cols[3].metric(t("col.level", lang), str(group.level or "–"))
    with st.expander(t("units.trace_heading", lang)):
        dimension = st.selectbox(t("dimensions.choose", lang), [d.id for d in fw.dimensions],
                                 format_func=lambda d: fw.dimension(d).name(lang), key="units_trace_dimension",
                                 placeholder=t("widget.choose", lang))
        trace = explain_roll_up(view, assessment, dimension, weighting=weighting, lang=lang)
        st.info(plain(trace.formula))
        show_table(trace.inputs.rename(columns={
            "item": word.column(lang), "value": t("method.value", lang),
            "weight": t("method.weight", lang), "counted": t("method.counted", lang)}), lang, "units-trace",
            width="stretch")

    st.subheader(word.heading("unitadmin.side_by_side", lang))
    show_chart(unit_radars, view, fw, lang, unit_label=word.label)
    current_tab, target_tab = st.tabs([t("col.current", lang), t("col.target", lang)])
    with current_tab:
        show_chart(unit_heatmap, view, fw, "current", lang, unit_label=word.label)
    with target_tab:
        show_chart(unit_heatmap, view, fw, "target", lang, unit_label=word.label)

    st.subheader(word.heading("unitadmin.spread", lang))
    spread = view.spread
    show_table(pd.DataFrame({
        t("col.dimension", lang): [fw.dimension(d).name(lang) for d in spread["dimension"]],
        t("units.range", lang): spread["range"].round(2),
        t("units.leader", lang): [f"{view.label(u, lang)} · {fmt.number(s, lang, 2)} (n = {n})" if isinstance(u, str)
                                  else "–" for u, s, n in zip(spread["leader"], spread["leader_score"],
                                                               spread["leader_n"])],
        t("units.lagger", lang): [f"{view.label(u, lang)} · {fmt.number(s, lang, 2)} (n = {n})" if isinstance(u, str)
                                  else "–" for u, s, n in zip(spread["lagger"], spread["lagger_score"],
                                                               spread["lagger_n"])],
    }), lang, "units-spread", width="stretch")

    st.subheader(word.heading("unitadmin.open_heading", lang))
    st.write(t("units.open_help", lang))
    named = [u for u in view.units if u != OTHER]
    left, right = st.columns([3, 1])
    chosen = left.selectbox(word.column(lang), named, format_func=lambda u: view.label(u, lang), key="units_open",
                            placeholder=t("widget.choose", lang))
    if right.button(t("units.open", lang), icon=":material/open_in_new:", key="units_open_button", disabled=not named):
        st.session_state[GROUP_RESULT] = result
        state.set_result(Result.of(unit_survey(assessment, chosen, threshold), result.source,
                                   (*result.files, chosen), result.organisation_id))
        st.switch_page("pages/overview.py")
