"""Action plan: the organisation's improvement actions, owned and dated, edited in a table."""

import streamlit as st

from omni.benchmark import assessment_year
from omni.i18n import t
from omni.store.access import my_organisations
from omni.ui.access import current_scope
from omni.ui.actions import show_action_plan
from omni.ui.loading import require_store
from omni.ui.shell import guarded, page_shell

lang, result = page_shell()

with guarded(lang):
    st.title(t("nav.actions", lang))
    st.caption(t("actions.intro", lang))
    engine = require_store(lang)
    assessment = result.assessment if result is not None else None
    names = [o.name for o in my_organisations(engine)]
    current = assessment.organisation if assessment is not None else ""
    if current and current not in names and current_scope().unrestricted:
        names.append(current)  # not saved yet: the organisation on screen (created with its first action)
    if not names:
        st.info(t("actions.none_org", lang))
        st.stop()
    if st.session_state.get("actions_org") not in names:
        st.session_state["actions_org"] = current if current in names else names[0]
    organisation = st.selectbox(t("actions.organisation", lang), names, key="actions_org", placeholder=t("widget.choose", lang))
    show_action_plan(lang, engine, organisation, framework=assessment.framework if assessment is not None else None,
                     fallback_wave=str(assessment_year(assessment)) if assessment is not None and
                     organisation == current else None)
