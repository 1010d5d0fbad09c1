"""Dimensions: per dimension the question results, every answer, agreement, breakdowns, comments."""

import streamlit as st

from omni import format as fmt
from omni.charts import breakdown_heatmap, question_distribution
from omni.confidentiality import breakdown
from omni.dimension_view import comments, dimension_dont_know, question_table
from omni.i18n import t
from omni.ui.access import min_group
from omni.ui.shell import guarded, page_shell
from omni.ui.tables import show_dataframe, show_table
from omni.ui.widgets import level_descriptor_caption, level_metric, require_assessment, show_chart

lang, result = page_shell()

with guarded(lang):
    assessment = require_assessment(result, lang)
    fw = assessment.framework
    st.title(t("nav.dimensions", lang))
    ids = [d.id for d in fw.dimensions]
    dimension_id = st.selectbox(t("dimensions.choose", lang), ids,
                                format_func=lambda d: fw.dimension(d).name(lang), key="dimension_choice", placeholder=t("widget.choose", lang))
    dimension = fw.dimension(dimension_id)
    st.caption(dimension.description(lang))
    row = assessment.dimension_scores.set_index("dimension").loc[dimension_id]
    cols = st.columns([1, 1, 1, 1.7, 1.7])
    cols[0].metric(t("col.current", lang), fmt.number(row["current"], lang, 2))
    cols[1].metric(t("col.target", lang), fmt.number(row["target"], lang, 2))
    cols[2].metric(t("col.gap", lang), fmt.number(row["gap"], lang, 2))
    level = row["level"]
    level_metric(cols[3], t("col.level", lang), int(level) if level == level and level else None, fw, lang)
    level_descriptor_caption(assessment, dimension_id, lang)
    # The agreement word is too long for a metric ("enigszins verd…"): the spread is the metric's value,
    # the word stands in full beneath it.
    cols[4].metric(t("col.spread", lang), fmt.number(row["std"], lang, 2),
                   help=f"n = {int(row['n'])}")
    cols[4].caption(t(f"agreement.{row['agreement']}", lang))

    show_chart(question_distribution, assessment, dimension_id, lang, width=620)
    st.subheader(t("dimensions.questions", lang))
    show_dataframe(question_table(assessment, dimension_id, lang), lang, width="stretch")
    if unknown := dimension_dont_know(assessment, dimension_id, lang):
        st.caption(unknown)
    with st.expander(t("dimensions.options", lang)):
        for question in dimension.questions:
            st.markdown(f"**{question.id} · {question.topic(lang)}** — {question.text(lang)}")
            st.markdown("\n".join(f"{i}. {o(lang)}" for i, o in enumerate(question.options, start=1)))

    threshold = min_group(lang)
    role_tab, department_tab = st.tabs([t("dimensions.by_role", lang), t("dimensions.by_department", lang)])
    for by, tab in (("role", role_tab), ("department", department_tab)):
        with tab:
            safe = breakdown(assessment, by, threshold)
            if not safe.empty:
                show_chart(breakdown_heatmap, assessment, by, lang, width=620, min_group=threshold.value)
            if note := safe.note(lang):
                st.info(note)
            st.caption(threshold.describe(lang))

    st.subheader(t("dimensions.comments", lang))
    notes = comments(assessment, dimension_id, lang, min_group=threshold.value)
    if notes.empty:
        st.caption(t("dimensions.no_comments", lang))
    else:
        show_table(notes, lang, f"comments-{dimension_id}", width="stretch")
