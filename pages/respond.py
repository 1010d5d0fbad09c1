"""A survey round's respondent view, reached only through its link: no login, no dashboard around it.

/respond?token=... starts a new respondent (language, role, department, optional name) and says up front
how long the survey takes; /respond?resume=... is one respondent's personal link back to their answers.
One question per screen (phone first), each dimension's importance after its questions, every change
saved at once, a final submit locks them. Never shows any results.
"""

import streamlit as st

from omni.framework import framework_for
from omni.i18n import LANGUAGES, t
from omni.rounds import RoundError, first_open_screen, respond_screens, resume_link
from omni.store.rounds import find_respondent, find_round, respondent_answers
from omni.ui.access import require_usable_config
from omni.ui.invite_start import invited_view
from omni.ui.loading import require_store
from omni.ui.respond import (
    LANG,
    RESUME,
    STEP,
    importance_screen,
    language_choice,
    navigation,
    progress_bar,
    question_screen,
    review,
    start_form,
)
from omni.ui.shell import guarded, plain

# The minimal shell: page config and a language choice; not the dashboard's page shell.
asked = st.query_params.get("lang")
lang = st.session_state.get(LANG) or (asked if asked in LANGUAGES else "nl")
st.set_page_config(page_title=t("respond.title", lang), page_icon=":material/edit_note:", layout="centered",
                   initial_sidebar_state="collapsed")
require_usable_config(lang, dashboard=False)  # a broken sign-in setting stops this page too


with guarded(lang):
    engine = require_store(lang, system=True)  # the link's token is the permission here, not a sign-in
    resume = st.query_params.get("resume") or st.session_state.get(RESUME)
    token = st.query_params.get("token")
    invite = st.query_params.get("invite")  # a personal invitation link (omni.invitations)
    try:
        if invite and not st.query_params.get("resume"):
            invited_view(engine, invite, lang)
        elif resume:
            found = find_respondent(engine, resume)
            if found is None:
                raise RoundError("bad_link")
            round_, respondent = found
            if LANG not in st.session_state:
                st.session_state[LANG] = lang = respondent.language
            lang = language_choice(round_.languages, lang)
            if respondent.submitted:
                st.title(t("respond.title", lang))
                st.success(t("respond.thanks", lang))
            elif not round_.is_open():
                raise RoundError("closed")
            else:
                framework = framework_for(round_.framework_id, round_.framework_version)
                saved = respondent_answers(engine, resume)
                screens = respond_screens(framework)
                if STEP not in st.session_state:  # coming back: the first screen not fully answered
                    st.session_state[STEP] = first_open_screen(framework, saved)
                step = min(max(st.session_state[STEP], 0), len(screens) - 1)
                screen = screens[step]
                if screen.kind == "review":  # on a question the phone's screen is for the question
                    st.title(t("respond.title", lang))
                progress_bar(screens, step, framework, lang)
                if screen.kind == "question":
                    question_screen(engine, resume, framework, screen, saved, lang)
                elif screen.kind == "importance":
                    importance_screen(engine, resume, framework, screen, saved, lang)
                else:
                    review(engine, resume, framework, saved, lang, resume_link(resume))
                navigation(step, len(screens) - 1, lang)
        elif token:
            round_ = find_round(engine, token)
            if round_ is None:
                raise RoundError("bad_link")
            if lang not in round_.languages:
                lang = round_.languages[0]
            lang = language_choice(round_.languages, lang)
            st.title(t("respond.title", lang))
            if not round_.is_open():
                raise RoundError("closed")
            st.markdown(t("respond.intro", lang, organisation=plain(round_.organisation), wave=plain(round_.wave)))
            start_form(engine, token, round_, framework_for(round_.framework_id, round_.framework_version), lang)
        else:
            st.title(t("respond.title", lang))
            st.info(t("respond.no_token", lang))
    except RoundError as exc:
        if exc.key in ("closed", "submitted"):
            st.info(plain(exc.message(lang)))
        else:
            st.error(plain(exc.message(lang)))
