"""How scores work: the method in plain words and the trace behind any number."""

import pandas as pd
import streamlit as st

from omni import format as fmt
from omni.confidentiality import OTHER, group_label, reported_groups, respondent_labels
from omni.i18n import t
from omni.scoring import explain
from omni.ui.access import min_group
from omni.ui.markup import plain
from omni.ui.shell import guarded, page_shell
from omni.ui.tables import show_dataframe, show_table
from omni.ui.widgets import require_assessment

lang, result = page_shell()

with guarded(lang):
    st.title(t("nav.method", lang))
    st.markdown(t("method.text", lang))
    st.markdown(t("method.roadmap", lang))
    assessment = require_assessment(result, lang)
    fw = assessment.framework

    st.header(t("method.trace_heading", lang))
    kinds = ["overall", "dimension", "respondent"]
    kind = st.radio(t("method.number", lang), kinds, format_func=lambda k: t(f"method.{k}", lang), horizontal=True)
    measure = st.radio(t("method.measure", lang), ["current", "target"],
                       format_func=lambda m: t(f"col.{m}", lang), horizontal=True)
    dimension = respondent = None
    if kind != "overall":
        dimension = st.selectbox(t("dimensions.choose", lang), [d.id for d in fw.dimensions],
                                 format_func=lambda d: fw.dimension(d).name(lang), placeholder=t("widget.choose", lang))
    threshold = min_group(lang)
    # with min_group > 1 respondents are "Respondent n", never their ids, which follow the upload
    labels = respondent_labels(assessment, threshold, lang)
    if kind == "respondent":
        roles = reported_groups(assessment, "role", threshold)  # a lone role reads "other" here too
        respondent = st.selectbox(t("overview.respondents", lang), list(labels),
                                  format_func=lambda r: f"{labels[r]} · {group_label('role', roles.get(r) or OTHER, lang)}",
                                  placeholder=t("widget.choose", lang))
    trace = explain(assessment, measure=measure, dimension=dimension, respondent=respondent, lang=lang,
                    labels=labels)
    st.info(plain(trace.formula))
    show_table(trace.inputs.rename(columns={
        "item": t("method.item", lang), "value": t("method.value", lang),
        "weight": t("method.weight", lang), "counted": t("method.counted", lang)}), lang, "trace", width="stretch")

    with st.expander(t("method.weights", lang)):
        rated = assessment.importance_scores.set_index("dimension")["importance"]
        show_dataframe(pd.DataFrame([
            {t("col.dimension", lang): d.name(lang), t("method.weight", lang): d.weight,
             t("method.importance", lang): rated.get(d.id),
             t("method.requires", lang): ", ".join(fw.dimension(r).name(lang) for r in d.requires),
             t("dimensions.questions", lang): ", ".join(f"{q.id} ×{fmt.flexible_number(q.weight, lang)}"
                                                         for q in d.questions)}
            for d in fw.dimensions]), lang, width="stretch", digits={t("method.importance", lang): 2})
        for note in fw.weight_notes(lang):  # why a question weighs other than 1, in the framework's words
            st.caption(note)
