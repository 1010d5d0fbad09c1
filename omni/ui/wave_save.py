"""The History page's save form: the assessment on screen saved as a wave of an organisation or of
one of its units (omni.services.save_wave), with the outcome said in the user's language."""

import datetime as dt

import streamlit as st

from omni.benchmark import assessment_year
from omni.i18n import t
from omni.services import save_wave, wave_unit_choices
from omni.store import StoreError
from omni.store.assessments import survey_date
from omni.ui.access import min_group, not_yours, organisation_input
from omni.ui.markup import plain


def save_wave_panel(engine, result, lang: str) -> None:
    """The "save as a wave" expander; after a save, the page's history selectors point at what was saved."""
    assessment = result.assessment
    with st.expander(t("history.save_heading", lang), expanded=False, icon=":material/save:"):
        # outside the form: the units offered are those of the organisation chosen here
        org = organisation_input(t("fact.organisation", lang), engine, assessment.organisation,
                                 key="save_wave_org")
        unit_choices, unit_default = wave_unit_choices(engine, org.strip(), assessment)
        if st.session_state.get("_save_wave_for") != org.strip():  # another organisation: its default
            st.session_state.pop("save_wave_unit", None)
            st.session_state["_save_wave_for"] = org.strip()
        with st.form("save_wave", enter_to_submit=False):
            unit = st.selectbox(t("unitwaves.save_for", lang), unit_choices,  # once the organisation has units
                                index=unit_choices.index(unit_default), accept_new_options=True,
                                format_func=lambda u: u or t("unitwaves.whole", lang),
                                help=t("unitwaves.save_for_help", lang),
                                key="save_wave_unit") if len(unit_choices) > 1 else ""
            wave = st.text_input(t("history.wave", lang), value=str(assessment_year(assessment)), max_chars=100)
            date = st.date_input(t("fact.date", lang), value=survey_date(assessment.survey) or dt.date.today(),
                                 format=t("widget.date_format", lang))
            contribute = st.checkbox(t("history.contribute", lang), help=t("history.contribute_help", lang))
            submitted = st.form_submit_button(t("history.save_button", lang), type="primary")
        if submitted and not (org.strip() and wave.strip()):
            st.error(t("history.name_required", lang))
        elif submitted:
            try:
                done = save_wave(engine, assessment, organisation=org, wave=wave, wave_date=date,
                                 source=", ".join(result.files), contribute=contribute, unit=unit or "",
                                 min_group=min_group(lang))
            except StoreError as exc:
                st.error(plain(not_yours(lang, org, engine) if exc.key == "not_yours" else exc.message(lang)))
                st.stop()
            announce_saved(done.saved, lang)
            if done.contribute_error is not None and done.contribute_error.key == "unit_wave_not_peer":
                st.warning(done.contribute_error.message(lang))
            elif done.contribute_error is not None:
                st.warning(t("history.contribute_failed", lang))
            elif done.contributed is not None:
                st.success(t("history.contributed", lang))


def announce_saved(saved, lang: str) -> None:
    """Say what was saved (a unit's wave names its unit) and point the History page's selectors at it;
    the History save form and the Rounds page's "save as wave" both end here."""
    st.session_state["history_org"], st.session_state["history_unit"] = saved.organisation, saved.unit
    if saved.unit:
        st.success(t("unitwaves.saved", lang, organisation=plain(saved.organisation),
                     unit=plain(saved.unit), wave=plain(saved.wave), version=saved.version))
    else:
        st.success(t("history.saved", lang, organisation=plain(saved.organisation),
                     wave=plain(saved.wave), version=saved.version))
