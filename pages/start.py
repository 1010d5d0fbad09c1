"""Start: language and framework, the blank template, uploads with an intake report, the demo."""

import streamlit as st

from omni import format as fmt
from omni.charts import radar_chart
from omni.framework import builtin_frameworks
from omni.i18n import t
from omni.store.audit import AuditAction
from omni.template import template_bytes
from omni.ui import forms, saved_mappings, state
from omni.ui.loading import audit, load_demo, load_uploads
from omni.ui.mapping_editor import column_map_editor
from omni.ui.shell import guarded, page_shell
from omni.ui.widgets import problems_table, show_fitted_chart, upload_help

lang, _ = page_shell(needs_result=False)
frameworks = builtin_frameworks()

with guarded(lang):
    st.title(t("app.title", lang))
    st.write(t("start.intro", lang))

    framework_id = st.selectbox(
        t("start.framework", lang), list(frameworks), format_func=lambda f: frameworks[f].name(lang),
        index=list(frameworks).index(st.session_state.get(state.FRAMEWORK, next(iter(frameworks)))), placeholder=t("widget.choose", lang))
    st.session_state[state.FRAMEWORK] = framework_id
    framework = frameworks[framework_id]

    demo_col, template_col = st.columns(2)
    with demo_col:
        st.subheader(t("start.demo_heading", lang))
        st.write(t("start.demo_text", lang))
        if st.button(t("start.demo_button", lang), type="primary", icon=":material/radar:"):
            state.set_result(load_demo(lang, framework_id))
            st.switch_page("pages/overview.py")
    with template_col:
        st.subheader(t("start.template_heading", lang))
        for layout, label in (("respondent", "start.template_one"), ("respondents", "start.template_many")):
            st.download_button(
                t(label, lang), data=lambda layout=layout: template_bytes(framework, lang, layout),
                file_name=f"{framework.id}-{layout}-{lang}.xlsx", on_click="ignore", icon=":material/download:",
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        forms.show(framework, lang)

    st.subheader(t("start.upload_heading", lang))
    kinds = ["xlsx", "xlsm", "xls", "ods", "csv"]
    uploads = st.file_uploader(t("start.upload_label", lang), type=kinds, accept_multiple_files=True,
                               help=upload_help(lang, kinds, t("start.upload_help", lang)))
    keep_duplicates = st.checkbox(t("start.keep_duplicates", lang), key="keep_duplicates",
                                  help=t("start.keep_duplicates_help", lang))
    if uploads:
        with st.spinner(t("start.reading", lang)):
            files = tuple((f.name, f.getvalue()) for f in uploads)
            st.session_state[state.UPLOAD_FILES] = files
            loaded = load_uploads(list(files), framework_id, keep_duplicates, st.session_state.get(state.MAPPING, ()))
        if st.session_state.get(state.INTAKE) is not loaded:
            audit(AuditAction.UPLOAD, f"{', '.join(loaded.files)}: {len(loaded.survey.respondents)} respondents",
                  organisation=loaded.survey.organisation or "")
        st.session_state[state.INTAKE] = loaded
        if loaded.assessment is not None and state.result() is not loaded:
            state.set_result(loaded)

    intake = st.session_state.get(state.INTAKE)
    if intake is not None:
        survey = intake.survey
        st.subheader(t("start.intake_heading", lang))
        answers = survey.answers
        given = int(answers["current"].notna().sum() + answers["target"].notna().sum())
        total = 2 * len(answers)
        st.write(t("start.intake_summary", lang,
                   files=t("start.intake_files", lang, n=len(intake.files)),
                   respondents=t("start.intake_respondents", lang, n=len(survey.respondents)),
                   answered=fmt.integer(given, lang), total=fmt.integer(total, lang),
                   coverage=fmt.percent(given / total if total else None, lang)))
        if survey.ok:
            st.success(t("start.ready", lang))
            st.page_link("pages/overview.py", label=t("start.go_overview", lang), icon=":material/radar:")
            show_fitted_chart(radar_chart, intake.assessment, lang, size=340, fit=True)
        else:
            st.error(t("start.blocked", lang))
        problems_table(survey, lang)
        column_map_editor(survey, framework_id, keep_duplicates, lang)

    saved_mappings.show(lang)  # beside the editor, also before any upload: to clean up what was saved
