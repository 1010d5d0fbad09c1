"""The respondent view's widgets: language, start form, one dimension's answers, review and submit."""

from __future__ import annotations

import streamlit as st

from omni.attributes import ROLES
from omni.i18n import t
from omni.rounds import DK, MAX_COMMENT, MAX_TEXT, NA, Client, RoundError, client_from_request, progress
from omni.store.rounds import save_answers, start_respondent, submit
from omni.store.units import list_units
from omni.survey.model import importance_key
from omni.ui.shell import LANGUAGE_NAMES, plain

LANG, RESUME, STEP = "respond_lang", "respond_resume", "respond_step"
SCORES = (1, 2, 3, 4, 5, NA, DK)  # a question: a level, not applicable or don't know
IMPORTANCE_SCORES = (1, 2, 3, 4, 5, NA)


def language_choice(languages: tuple[str, ...], current: str) -> str:
    chosen = st.segmented_control(t("respond.language", current), languages, default=current,
                                  format_func=LANGUAGE_NAMES.get, key="respond_lang_widget")
    if chosen and chosen != current:
        st.session_state[LANG] = chosen
        st.rerun()
    return current


def current_client() -> Client:
    """Who is asking, from this session's connection: the address (X-Forwarded-For only from a trusted
    proxy, OMNI_TRUSTED_PROXIES) and the browser's cookie."""
    context = st.context
    peer = context.ip_address
    return client_from_request(peer if isinstance(peer, str) else None, dict(context.headers), dict(context.cookies))


def start_form(engine, token: str, round_, lang: str) -> None:
    with st.form("respond_start"):
        role = st.selectbox(t("fact.role", lang), [c.code for c in ROLES], index=None, placeholder=t("widget.choose", lang),
                            format_func=lambda code: next(c.label(lang) for c in ROLES if c.code == code))
        department = st.text_input(t("respond.department", lang), max_chars=MAX_TEXT)
        # the organisation's units, if any (a round of one unit asks nothing: its respondents belong to it)
        known = [] if round_.unit else [u.name for u in list_units(engine, round_.organisation)]
        unit = st.selectbox(t("fact.unit", lang), known, index=None, placeholder=t("widget.choose", lang),
                            key="respond_unit") if known else ""
        name = st.text_input(t("fact.name", lang), max_chars=MAX_TEXT)
        started = st.form_submit_button(t("respond.start", lang), type="primary", width="stretch")
    if started:
        try:
            _, resume = start_respondent(engine, token, language=lang, role=role or "", department=department,
                                         name=name, client=current_client(), unit=unit or "")
        except RoundError as exc:
            st.error(plain(exc.message(lang)))
            return
        st.session_state[RESUME], st.session_state[STEP] = resume, 0
        st.query_params.clear()
        st.query_params["resume"] = resume  # the address bar now holds the personal link
        st.rerun()


def option_text(question, lang: str):
    def show(score) -> str:
        if score in (NA, DK):
            return t("respond.na" if score == NA else "dontknow.answer", lang)
        return f"{score}. {question.option(score)(lang)}"
    return show


def importance_text(lang: str):
    def show(score) -> str:
        return t("respond.na", lang) if score == NA else f"{score}. {t(f'importance.level.{score}', lang)}"
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
        key = importance_key(dimension.id)
        importance = saved.get(key, (None, None, ""))[0]
        st.markdown(f"**{t('importance.heading', lang)}**")
        chosen = st.radio(t("importance.question", lang, dimension=dimension.name(lang)), IMPORTANCE_SCORES,
                          format_func=importance_text(lang),
                          index=IMPORTANCE_SCORES.index(importance) if importance in IMPORTANCE_SCORES
                          else None, help=t("importance.help", lang), horizontal=True,
                          key=f"respond_importance_{dimension.id}")
        given[key] = (chosen, None, "")
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
