"""History: save the assessment as a wave (of the organisation or of one unit); an organisation's or a
unit's waves, trend, progress to target, changes."""


import pandas as pd
import streamlit as st

from omni import format as fmt
from omni.charts import history_trend, wave_changes
from omni.export.extras import has_trend
from omni.history import compare_waves, dimension_name, organisation_history, progress_to_target, version_note
from omni.i18n import t
from omni.store.assessments import delete_assessment, wave_units
from omni.store.organisations import list_organisations
from omni.ui import state
from omni.ui.actions import show_review
from omni.ui.loading import load_saved, require_store
from omni.ui.markup import plain
from omni.ui.shell import guarded, page_shell
from omni.ui.tables import show_dataframe, show_table
from omni.ui.wave_save import save_wave_panel
from omni.ui.widgets import show_chart

lang, result = page_shell()

with guarded(lang):
    st.title(t("nav.history", lang))
    engine = require_store(lang)

    if result is not None and result.assessment is not None:
        save_wave_panel(engine, result, lang)

    organisations = [o.name for o in list_organisations(engine)]
    if not organisations:
        st.info(t("history.none_saved", lang))
        st.stop()
    current = result.survey.organisation if result is not None else ""
    if st.session_state.get("history_org") not in organisations:
        st.session_state["history_org"] = current if current in organisations else organisations[0]
    name = st.selectbox(t("fact.organisation", lang), organisations, key="history_org", placeholder=t("widget.choose", lang))
    units = ["", *wave_units(engine, name)]  # the group's waves, or one unit's (never mixed)
    if st.session_state.get("history_unit") not in units:
        st.session_state["history_unit"] = ""
    unit = st.selectbox(t("unitwaves.view_for", lang), units, key="history_unit",
                        format_func=lambda u: u or t("unitwaves.whole", lang)) if len(units) > 1 else ""
    history = organisation_history(engine, name, unit)
    if st.session_state.get("_history_scope") != (name, unit):  # another organisation or unit: other waves
        # set, not only dropped: a dropped key leaves the browser showing the other scope's wave
        ids = [w.id for w in history.waves]
        for key, value in (("history_open", ids[-1:]), ("history_before", ids[:1]), ("history_after", ids[-1:]),
                           ("history_delete", ids[:1])):
            if value:
                st.session_state[key] = value[0]
            else:
                st.session_state.pop(key, None)
        st.session_state["history_sure"] = False
        st.session_state["_history_scope"] = (name, unit)
    if not history.waves:
        st.info(t("history.none_saved", lang))
        st.stop()
    fw = history.framework
    labels = {w.id: f"{w.wave} · {fmt.date(w.wave_date, lang)} · v{w.version}" for w in history.waves}

    st.subheader(t("history.waves", lang))
    if history.unit:
        st.caption(plain(history.title(lang)))
    show_table(pd.DataFrame([{
        t("history.wave", lang): w.wave, t("fact.date", lang): w.wave_date, t("history.version", lang): w.version,
        t("overview.respondents", lang): w.respondents, t("col.current", lang): w.overall_current,
        t("col.target", lang): w.overall_target} for w in history.waves]), lang, "waves", width="stretch",
        digits={t("col.current", lang): 2, t("col.target", lang): 2})
    pick, go = st.columns([3, 1], vertical_alignment="bottom")
    chosen = pick.selectbox(t("history.open_wave", lang), list(labels), format_func=labels.get,  # the newest
                            placeholder=t("widget.choose", lang), key="history_open")
    if go.button(t("history.open_button", lang), icon=":material/open_in_new:"):
        state.set_result(load_saved(engine, chosen))
        st.switch_page("pages/overview.py")
    if st.button(t("unitwaves.latest_roadmap", lang), icon=":material/route:", key="history_latest_roadmap"):
        state.set_result(load_saved(engine, history.waves[-1].id))  # of the group, or of the unit shown
        st.switch_page("pages/roadmap.py")

    if not has_trend(history):
        st.info(t("history.one_wave", lang))
    else:
        if note := version_note(history, lang):
            st.info(plain(note), icon=":material/compare_arrows:")
        show_chart(history_trend, history.scores, fw, lang)
        st.subheader(t("history.progress_heading", lang))
        st.caption(t("history.progress_help", lang))
        progress = progress_to_target(history)
        show_dataframe(pd.DataFrame({
            t("col.dimension", lang): [dimension_name(d, fw, lang) for d in progress["dimension"]],
            t("history.first_current", lang): progress["first_current"].round(2),
            t("history.first_target", lang): progress["first_target"].round(2),
            t("history.latest_current", lang): progress["latest_current"].round(2),
            t("history.share_closed", lang): progress["share_closed"]}), lang, width="stretch",
            digits=dict.fromkeys((t("history.first_current", lang), t("history.first_target", lang),
                                  t("history.latest_current", lang)), 2),
            percent=[t("history.share_closed", lang)])

        st.subheader(t("history.compare_heading", lang))
        ids = list(labels)
        a, b = st.columns(2)
        before = a.selectbox(t("history.before", lang), ids, format_func=labels.get, key="history_before", placeholder=t("widget.choose", lang))
        after = b.selectbox(t("history.after", lang), ids, format_func=labels.get,
                            key="history_after", placeholder=t("widget.choose", lang))
        if before == after:
            st.caption(t("history.same_wave", lang))
        else:
            comparison = compare_waves(engine, history, before, after)
            show_chart(wave_changes, comparison.dimensions, fw, lang)
            questions = comparison.questions
            st.markdown(f"**{t('history.questions_changed', lang)}**")
            show_dataframe(pd.DataFrame({
                t("col.question", lang): [f"{q} {fw.question(q).topic(lang)}" if fw and fw.has_question(q) else q
                                          for q in questions["question"]],
                t("history.before", lang): questions["before"].round(2),
                t("history.after", lang): questions["after"].round(2),
                t("history.change", lang): questions["change"].round(2)}), lang, width="stretch",
                digits=dict.fromkeys((t("history.before", lang), t("history.after", lang), t("history.change", lang)), 2))

    if fw is not None and not unit:
        show_review(lang, engine, name, fw)  # what the action plan (the organisation's) did between its waves
    with st.expander(t("history.delete_heading", lang), icon=":material/delete:"):
        doomed = st.selectbox(t("history.delete_which", lang), list(labels), format_func=labels.get,
                              key="history_delete", placeholder=t("widget.choose", lang))
        sure = st.checkbox(t("history.delete_confirm", lang, wave=plain(labels.get(doomed, ""))), key="history_sure")
        if st.button(t("history.delete_button", lang), disabled=not sure, type="secondary"):
            delete_assessment(engine, doomed, confirm=True)
            st.session_state.pop("history_sure", None)
            st.rerun()
