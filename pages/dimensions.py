"""Dimensions: per dimension the question results, every answer, agreement, breakdowns, comments."""

import streamlit as st

from omni.charts import breakdown_heatmap, question_distribution
from omni.dimension_view import comments, question_table
from omni.i18n import t
from omni.ui.shell import guarded, page_shell
from omni.ui.widgets import fmt, level_descriptor_caption, require_assessment, show_chart

lang, result = page_shell()

with guarded(lang):
    assessment = require_assessment(result, lang)
    fw = assessment.framework
    st.title(t("nav.dimensions", lang))
    ids = [d.id for d in fw.dimensions]
    dimension_id = st.selectbox(t("dimensions.choose", lang), ids,
                                format_func=lambda d: fw.dimension(d).name(lang), key="dimension_choice")
    dimension = fw.dimension(dimension_id)
    st.caption(dimension.description(lang))
    row = assessment.dimension_scores.set_index("dimension").loc[dimension_id]
    cols = st.columns([1, 1, 1, 1.7, 1.7])
    cols[0].metric(t("col.current", lang), fmt(row["current"], 2))
    cols[1].metric(t("col.target", lang), fmt(row["target"], 2))
    cols[2].metric(t("cli.gap", lang), fmt(row["gap"], 2))
    level = row["level"]
    cols[3].metric(t("cli.level", lang), f"{int(level)} · {fw.level(int(level)).name(lang)}" if level == level and level else "–")
    level_descriptor_caption(assessment, dimension_id, lang)
    cols[4].metric(t("dimensions.agreement", lang), t(f"agreement.{row['agreement']}", lang),
                   help=f"{t('cli.spread', lang)} {fmt(row['std'], 2)}, n = {int(row['n'])}")

    show_chart(question_distribution, assessment, dimension_id, lang, width=620)
    st.subheader(t("dimensions.questions", lang))
    st.dataframe(question_table(assessment, dimension_id, lang), hide_index=True, width="stretch")
    with st.expander(t("dimensions.options", lang)):
        for question in dimension.questions:
            st.markdown(f"**{question.id} · {question.topic(lang)}** — {question.text(lang)}")
            st.markdown("\n".join(f"{i}. {o(lang)}" for i, o in enumerate(question.options, start=1)))

    role_tab, department_tab = st.tabs([t("dimensions.by_role", lang), t("dimensions.by_department", lang)])
    with role_tab:
        show_chart(breakdown_heatmap, assessment, "role", lang, width=620)
    with department_tab:
        show_chart(breakdown_heatmap, assessment, "department", lang, width=620)

    st.subheader(t("dimensions.comments", lang))
    notes = comments(assessment, dimension_id, lang)
    if notes.empty:
        st.caption(t("dimensions.no_comments", lang))
    else:
        st.dataframe(notes, hide_index=True, width="stretch")
