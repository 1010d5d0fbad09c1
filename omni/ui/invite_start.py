"""A personal invitation link on the respondent's page: /respond?invite=TOKEN (and &stop=1 to unsubscribe).

Before the invitee starts: a start form with what the manager knew filled in. Once they started,
the link resumes their answers exactly like a resume link (the page's resume view takes over), so
a submitted invitee sees only the thanks, and nothing can be submitted twice.
"""

from __future__ import annotations

import streamlit as st

from omni.attributes import ROLES
from omni.i18n import t
from omni.invitations import STOP_PARAM
from omni.rounds import MAX_TEXT, RoundError
from omni.store.invitations import open_invitation, start_invited, unsubscribe
from omni.ui.respond import LANG, RESUME, STEP, language_choice
from omni.ui.shell import plain


def _resume_with(token: str) -> None:
    st.session_state[RESUME], st.session_state[STEP] = token, st.session_state.get(STEP, 0)
    st.query_params.clear()
    st.query_params["resume"] = token  # the address bar holds the personal link as a resume link
    st.rerun()


def invited_view(engine, token: str, lang: str) -> None:
    """The view of a personal invitation link (raises RoundError for an unknown link or a closed round)."""
    found = open_invitation(engine, token)
    if found is None:
        raise RoundError("bad_link")
    round_, invitee = found.round, found.invitee
    if LANG not in st.session_state and invitee.language in round_.languages:
        st.session_state[LANG] = lang = invitee.language
    if lang not in round_.languages:
        lang = round_.languages[0]
    if st.query_params.get(STOP_PARAM):
        # A click confirms: link scanners in mail systems open links, and must not unsubscribe anyone.
        st.title(t("respond.title", lang))
        if invitee.unsubscribed:
            st.info(t("invite.unsubscribed", lang))
        else:
            st.markdown(t("invite.stop_ask", lang))
            if st.button(t("invite.stop", lang), type="primary"):
                unsubscribe(engine, token)
                st.rerun()
        return
    if invitee.respondent_id is not None:
        _resume_with(token)
    lang = language_choice(round_.languages, lang)
    st.title(t("respond.title", lang))
    if not round_.is_open():
        raise RoundError("closed")
    params = {"organisation": plain(round_.organisation), "wave": plain(round_.wave)}
    st.markdown(t("invite.welcome", lang, name=plain(invitee.name), **params) if invitee.name
                else t("invite.welcome_team", lang, **params))
    codes = [c.code for c in ROLES]
    with st.form("invite_start", enter_to_submit=False):
        role = st.selectbox(t("fact.role", lang), codes, index=codes.index(invitee.role) if invitee.role in codes
                            else None, placeholder=t("widget.choose", lang),
                            format_func=lambda code: next(c.label(lang) for c in ROLES if c.code == code))
        department = st.text_input(t("respond.department", lang), value=invitee.department, max_chars=MAX_TEXT)
        name = st.text_input(t("fact.name", lang), value=invitee.name, max_chars=MAX_TEXT)
        started = st.form_submit_button(t("respond.start", lang), type="primary", width="stretch")
    if started:
        try:
            start_invited(engine, token, language=lang, role=role or "", department=department, name=name)
        except RoundError as exc:
            st.error(plain(exc.message(lang)))
            return
        st.session_state[STEP] = 0
        _resume_with(token)
