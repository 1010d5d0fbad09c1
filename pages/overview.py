"""Overview: headline figures, the radar of current versus target, the level ladder, findings."""

import streamlit as st

from omni.charts import level_ladder, radar_chart
from omni.i18n import t
from omni.insights import headline_findings
from omni.ui.shell import guarded, page_shell, plain
from omni.ui.widgets import (
    OVERVIEW_LADDER,
    OVERVIEW_RADAR,
    headline_metrics,
    level_descriptor_list,
    require_assessment,
    show_fitted_chart,
)

lang, result = page_shell()

with guarded(lang):
    assessment = require_assessment(result, lang)
    st.title(t("nav.overview", lang) + " · " + plain(assessment.organisation or t("nav.overview", lang)))
    headline_metrics(assessment, lang)
    left, right = st.columns([1.5, 1])
    with left:
        show_fitted_chart(radar_chart, assessment, lang, **OVERVIEW_RADAR)
    with right:
        st.subheader(t("overview.findings", lang))
        # one list (a screen reader hears "list, 3 items", not three lists of one)
        st.markdown("\n".join(f"- {finding.text}" for finding in headline_findings(assessment, lang)))
        show_fitted_chart(level_ladder, assessment, lang, **OVERVIEW_LADDER)
        level_descriptor_list(assessment, lang)
        st.page_link("pages/benchmark.py", label=t("overview.compare_peers", lang), icon=":material/groups:")
        st.page_link("pages/history.py", label=t("overview.save_wave", lang), icon=":material/save:")
