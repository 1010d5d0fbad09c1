"""Roadmap: gaps x importance into now / next / later, dependencies kept; targets and importance what-if."""

import streamlit as st

from omni.i18n import t
from omni.roadmap import SECTIONS, build_roadmap
from omni.ui.actions import add_to_plan_button
from omni.ui.loading import store_engine
from omni.ui.roadmap_view import plan_item, what_if_controls
from omni.ui.shell import guarded, page_shell
from omni.ui.widgets import require_assessment

lang, result = page_shell()

with guarded(lang):
    assessment = require_assessment(result, lang)
    fw = assessment.framework
    st.title(t("nav.roadmap", lang))
    st.caption(t("roadmap.intro", lang))
    if not assessment.has_importance:
        st.warning(t("roadmap.equal_importance", lang), icon=":material/balance:")

    team = build_roadmap(assessment)
    targets, importance = what_if_controls(assessment, {i.dimension: i.importance for i in team.items}, lang)
    roadmap = build_roadmap(assessment, targets, importance)
    for phase in SECTIONS:
        items = roadmap.phase(phase)
        if phase not in ("now", "next", "later") and not items:
            continue
        st.header(t(f"roadmap.phase.{phase}", lang))
        if not items:
            st.caption(t("roadmap.empty_phase", lang))
        for item in items:
            plan_item(roadmap, item, fw, lang)
            add_to_plan_button(lang, store_engine(), assessment, item)
