"""A survey round's respondent view, reached only through its link: no login, no dashboard around it.

/respond?token=... starts a new respondent (language, role, department, optional name);
/respond?resume=... is one respondent's personal link back to their answers. One dimension at a
time, answers saved on every step, a final submit locks them. Never shows any results.
"""

import streamlit as st

from omni.attributes import ROLES
from omni.framework import get_framework
from omni.i18n import LANGUAGES, t
from omni.rounds import MAX_COMMENT, MAX_TEXT, NA, RoundError, progress, resume_link
from omni.store.rounds import (
    find_respondent,
    find_round,
    respondent_answers,
    save_answers,
    start_respondent,
    submit,
)
from omni.ui.loading import store_engine
from omni.ui.shell import LANGUAGE_NAMES, guarded, plain

LANG, RESUME, STEP = "respond_lang", "respond_resume", "respond_step"
SCORES = (1, 2, 3, 4, 5, NA)

# The minimal shell: page config and a language choice; not the dashboard's page shell.
asked = st.query_params.get("lang")
lang = st.session_state.get(LANG) or (asked if asked in LANGUAGES else "nl")
st.set_page_config(page_title=t("respond.title", lang), page_icon=":material/edit_note:", layout="centered",
                   initial_sidebar_state="collapsed")


def language_choice(languages: tuple[str, ...], current: str) -> str:
    chosen = st.segmented_control(t("respond.language", current), languages, default=current,
                                  format_func=LANGUAGE_NAMES.get, key="respond_lang_widget")
    if chosen and chosen != current:
        st.session_state[LANG] = chosen
        st.rerun()
    return current


def start_form(engine, token: str, round_, lang: str) -> None:
    with st.form("respond_start"):
        role = st.selectbox(t("fact.role", lang), [c.code for c in ROLES], index=None,
                            format_func=lambda code: next(c.label(lang) for c in ROLES if c.code == code))
        department = st.text_input(t("respond.department", lang), max_chars=MAX_TEXT)
        name = st.text_input(t("fact.name", lang), max_chars=MAX_TEXT)
        started = st.form_submit_button(t("respond.start", lang), type="primary", width="stretch")
    if started:
        try:
            _, resume = start_respondent(engine, token, language=lang, role=role or "", department=department,
                                         name=name)
        except RoundError as exc:
            st.error(exc.message(lang))
            return
        st.session_state[RESUME], st.session_state[STEP] = resume, 0
        st.query_params.clear()
        st.query_params["resume"] = resume  # the address bar now holds the personal link
        st.rerun()


def option_text(question, lang: str):
    def show(score) -> str:
        return t("respond.na", lang) if score == NA else f"{score}. {question.option(score)(lang)}"
    return show


def dimension_form(engine, resume: str, framework, step: int, saved: dict, lang: str) -> None:
    dimension = framework.dimensions[step]
    st.subheader(dimension.name(lang))
    st.caption(dimension.description(lang))
    with st.form(f"respond_{dimension.id}"):
        given = {}
        for question in dimension.questions:
            current, target, comment = saved.get(question.id, (None, None, ""))
            st.markdown(f"**{plain(question.topic(lang))}**  \n{plain(question.text(lang))}")
            values = []
            for field, value in (("current", current), ("target", target)):
                values.append(st.radio(t(f"respond.{field}", lang), SCORES, format_func=option_text(question, lang),
                                       index=SCORES.index(value) if value in SCORES else None,
                                       key=f"respond_{field}_{question.id}"))
            values.append(st.text_input(t("respond.comment", lang), value=comment, max_chars=MAX_COMMENT,
                                        key=f"respond_comment_{question.id}"))
            given[question.id] = tuple(values)
            st.divider()
        left, right = st.columns(2)
        back = left.form_submit_button(t("respond.previous", lang), disabled=step == 0, width="stretch")
        forward = right.form_submit_button(t("respond.next", lang), type="primary", width="stretch")
    if back or forward:
        save_answers(engine, resume, given)
        st.session_state[STEP] = step + (1 if forward else -1)
        st.rerun()


def review(engine, resume: str, framework, saved: dict, lang: str) -> None:
    done = round(progress(framework, saved) * len(framework.questions))
    st.info(t("respond.review", lang, done=done, total=len(framework.questions)))
    left, right = st.columns(2)
    if left.button(t("respond.previous", lang), width="stretch"):
        st.session_state[STEP] = len(framework.dimensions) - 1
        st.rerun()
    if right.button(t("respond.submit", lang), type="primary", width="stretch"):
        submit(engine, resume)
        st.rerun()


with guarded(lang):
    engine = store_engine()
    if engine is None:
        st.error(t("store.unavailable", lang))
        st.stop()
    resume = st.query_params.get("resume") or st.session_state.get(RESUME)
    token = st.query_params.get("token")
    try:
        if resume:
            found = find_respondent(engine, resume)
            if found is None:
                raise RoundError("bad_link")
            round_, respondent = found
            if LANG not in st.session_state:
                st.session_state[LANG] = lang = respondent.language
            lang = language_choice(round_.languages, lang)
            st.title(t("respond.title", lang))
            if respondent.submitted:
                st.success(t("respond.thanks", lang))
            elif not round_.is_open():
                raise RoundError("closed")
            else:
                framework = get_framework(round_.framework_id)
                saved = respondent_answers(engine, resume)
                if STEP not in st.session_state:  # coming back: the first dimension not fully answered
                    st.session_state[STEP] = next(
                        (i for i, d in enumerate(framework.dimensions)
                         if any(saved.get(q.id, (None, None))[:2].count(None) for q in d.questions)),
                        len(framework.dimensions))
                step = min(max(st.session_state[STEP], 0), len(framework.dimensions))
                st.progress(step / len(framework.dimensions),
                            text=t("respond.progress", lang, n=min(step + 1, len(framework.dimensions)),
                                   total=len(framework.dimensions)))
                with st.expander(t("respond.resume_link", lang)):
                    st.code(resume_link(resume), language=None, wrap_lines=True)
                if step < len(framework.dimensions):
                    dimension_form(engine, resume, framework, step, saved, lang)
                else:
                    review(engine, resume, framework, saved, lang)
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
            start_form(engine, token, round_, lang)
        else:
            st.title(t("respond.title", lang))
            st.info(t("respond.no_token", lang))
    except RoundError as exc:
        if exc.key in ("closed", "submitted"):
            st.info(exc.message(lang))
        else:
            st.error(exc.message(lang))
