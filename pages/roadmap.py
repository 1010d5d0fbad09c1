"""Roadmap: gaps prioritised into now / next / later with advice; targets adjustable (what-if)."""

import streamlit as st

from omni import format as fmt
from omni.i18n import t
from omni.roadmap import PHASES, build_roadmap
from omni.ui import state
from omni.ui.actions import add_to_plan_button
from omni.ui.loading import store_engine
from omni.ui.shell import guarded, page_shell
from omni.ui.widgets import require_assessment

lang, result = page_shell()

with guarded(lang):
    assessment = require_assessment(result, lang)
    fw = assessment.framework
    st.title(t("nav.roadmap", lang))
    st.caption(t("roadmap.intro", lang))

    overrides = state.what_if()
    scores = assessment.dimension_scores.set_index("dimension")
    with st.expander(t("roadmap.what_if", lang), expanded=bool(overrides)):
        st.caption(t("roadmap.what_if_help", lang))
        cols = st.columns(len(fw.dimensions))
        for col, dim in zip(cols, fw.dimensions):
            original = scores.loc[dim.id, "target"]
            if original != original:  # no target: nothing to adjust
                continue
            value = col.slider(dim.name(lang), 1.0, 5.0, float(round(overrides.get(dim.id, original), 1)),
                               step=0.1, key=f"what_if_{dim.id}")
            if abs(value - round(original, 1)) > 1e-9:
                overrides[dim.id] = value
            else:
                overrides.pop(dim.id, None)
        if overrides and st.button(t("roadmap.reset", lang)):
            overrides.clear()
            for dim in fw.dimensions:
                st.session_state.pop(f"what_if_{dim.id}", None)
            st.rerun()

    roadmap = build_roadmap(assessment, overrides)
    for phase in (*PHASES, "on_target"):
        items = roadmap.phase(phase)
        if phase == "on_target" and not items:
            continue
        st.header(t(f"roadmap.phase.{phase}", lang))
        if not items:
            st.caption(t("roadmap.empty_phase", lang))
        for item in items:
            dim = fw.dimension(item.dimension)
            with st.container(border=True):
                st.subheader(dim.name(lang))
                st.write(t("roadmap.item", lang, current=fmt.number(item.current, lang, 2), target=fmt.number(item.target, lang, 2),
                           gap=fmt.number(item.gap, lang, 2), priority=fmt.number(item.priority, lang, 2)))
                advice, focus = st.columns(2)
                advice.markdown(f"**{t('roadmap.advice', lang)}**")
                advice.markdown("\n".join(f"- {step(lang)}" for step in item.advice))
                if item.focus:
                    focus.markdown(f"**{t('roadmap.focus', lang)}**")
                    for point in item.focus:
                        question = fw.question(point.question)
                        line = f"- **{point.question} {question.topic(lang)}** ({fmt.number(point.current, lang, 1)} → {fmt.number(point.target, lang, 1)})"
                        if point.next_option is not None:
                            line += f"  \n  {t('roadmap.next_step', lang)}: {point.next_option(lang)}"
                        focus.markdown(line)
                add_to_plan_button(lang, store_engine(), assessment, item)
