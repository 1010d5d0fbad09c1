"""The respondent view's widgets: language, start form, one question per screen, importance, review and submit.

Every change is saved in the store at once (the cards and the importance choice rerun the script, the
comment on leaving its field), so a resume link always finds what was last chosen.
"""

from __future__ import annotations

import streamlit as st

from omni.attributes import ROLES
from omni.format import integer
from omni.i18n import t
from omni.rounds import (
    DK,
    MAX_COMMENT,
    MAX_TEXT,
    NA,
    Client,
    RoundError,
    Screen,
    check_score,
    client_from_request,
    estimated_minutes,
    progress,
)
from omni.store.rounds import save_answers, start_respondent, submit
from omni.store.units import list_units
from omni.survey.model import importance_key
from omni.ui import streamlit_texts
from omni.ui.answer_cards import answer_cards
from omni.ui.shell import LANGUAGE_NAMES, plain

LANG, RESUME, STEP = "respond_lang", "respond_resume", "respond_step"
IMPORTANCE_SCORES = (1, 2, 3, 4, 5, DK)  # no n/a: every dimension matters to some degree


def language_choice(languages: tuple[str, ...], current: str) -> str:
    chosen = st.segmented_control(t("respond.language", current), languages, default=current,
                                  format_func=LANGUAGE_NAMES.get, key="respond_lang_widget")
    if chosen and chosen != current:
        st.session_state[LANG] = chosen
        st.rerun()
    streamlit_texts.install(current)
    return current


def current_client() -> Client:
    """Who is asking, from this session's connection: the address (X-Forwarded-For only from a trusted
    proxy, OMNI_TRUSTED_PROXIES) and the browser's cookie."""
    context = st.context
    peer = context.ip_address
    return client_from_request(peer if isinstance(peer, str) else None, dict(context.headers), dict(context.cookies))


def start_form(engine, token: str, round_, framework, lang: str) -> None:
    st.markdown(t("respond.duration", lang, minutes=integer(estimated_minutes(framework, lang), lang),
                  questions=integer(len(framework.questions), lang)))
    with st.form("respond_start", enter_to_submit=False):
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


def _go(step: int) -> None:
    st.session_state[STEP] = step


def navigation(step: int, last: int, lang: str) -> None:
    """Back and forward; a callback moves the step so one click is one script run."""
    with st.container(horizontal=True):
        st.button(t("respond.previous", lang), disabled=step == 0, width="stretch", key="respond_back",
                  on_click=_go, args=(step - 1,))
        st.button(t("respond.next", lang), type="primary", width="stretch", key="respond_forward",
                  disabled=step >= last, on_click=_go, args=(step + 1,))


def progress_bar(screens: tuple[Screen, ...], step: int, framework, lang: str) -> None:
    screen = screens[step]
    total = len(framework.questions)
    if screen.kind == "question":
        text = t("respond.question_of", lang, n=integer(screen.number, lang), total=integer(total, lang),
                 dimension=framework.dimension(screen.dimension).name(lang))
    elif screen.kind == "importance":
        text = t("respond.importance_of", lang, dimension=framework.dimension(screen.dimension).name(lang))
    else:
        text = t("respond.review_step", lang)
    st.progress(step / (len(screens) - 1), text=plain(text))


def question_screen(engine, resume: str, framework, screen: Screen, saved: dict, lang: str) -> None:
    question = framework.question(screen.question)
    current, target, comment = saved.get(question.id, (None, None, ""))
    st.subheader(plain(question.topic(lang)))
    options = [(score, question.option(score)(lang)) for score in range(1, 6)]
    options += [(NA, t("respond.na", lang)), (DK, t("dontknow.answer", lang))]
    answer = answer_cards(key=f"respond_cards_{question.id}", question=question.id, title=question.text(lang),
                          lang=lang, options=options,
                          legend=t("respond.marks_legend", lang, now=t("respond.mark_now", lang),
                                   goal=t("respond.mark_goal", lang), current=t("respond.current", lang),
                                   target=t("respond.target", lang)),
                          now=t("respond.mark_now", lang), goal=t("respond.mark_goal", lang),
                          current=current, target=target)
    chosen_current, chosen_target = current, target
    if answer is not None:
        chosen_current, chosen_target = check_score(answer.get("current")), check_score(answer.get("target"))
    typed = st.text_input(t("respond.comment", lang), value=comment, max_chars=MAX_COMMENT,
                          key=f"respond_comment_{question.id}")
    if (chosen_current, chosen_target, typed) != (current, target, comment):
        save_answers(engine, resume, {question.id: (chosen_current, chosen_target, typed)})
        saved[question.id] = (chosen_current, chosen_target, typed)


def importance_text(lang: str):
    def show(score) -> str:
        if score in (NA, DK):  # n/a only in rounds saved before importance offered don't-know
            return t("respond.na", lang) if score == NA else t("dontknow.answer", lang)
        return f"{score}. {t(f'importance.level.{score}', lang)}"
    return show


def importance_screen(engine, resume: str, framework, screen: Screen, saved: dict, lang: str) -> None:
    dimension = framework.dimension(screen.dimension)
    key = importance_key(dimension.id)
    importance = saved.get(key, (None, None, ""))[0]
    st.subheader(t("importance.heading", lang))
    chosen = st.radio(t("importance.question", lang, dimension=dimension.name(lang)), IMPORTANCE_SCORES,
                      format_func=importance_text(lang),
                      index=IMPORTANCE_SCORES.index(importance) if importance in IMPORTANCE_SCORES else None,
                      help=t("importance.help", lang), key=f"respond_importance_{dimension.id}")
    if chosen != importance:
        save_answers(engine, resume, {key: (chosen, None, "")})
        saved[key] = (chosen, None, "")


def review(engine, resume: str, framework, saved: dict, lang: str, link: str) -> None:
    done = round(progress(framework, saved) * len(framework.questions))
    st.info(t("respond.review", lang, done=done, total=len(framework.questions)))
    with st.expander(t("respond.resume_link", lang)):
        st.code(link, language=None, wrap_lines=True)
    if st.button(t("respond.submit", lang), type="primary", width="stretch", key="respond_submit"):
        submit(engine, resume)
        st.rerun()
