"""The Rounds page's two forms: opening a round, and what can be done with a closed one (show its
results in the dashboard, save it as a wave of its organisation or unit, reopen it). The page arranges
them; the workflows themselves live in omni.store.rounds and omni.services."""

import datetime as dt

import streamlit as st

from omni.framework import get_framework
from omni.i18n import LANGUAGES, t
from omni.rounds import RoundError, closes_at_end_of, round_link
from omni.services import save_round
from omni.store import StoreError
from omni.store.rounds import list_rounds, open_round, reopen_round
from omni.ui import state
from omni.ui.access import min_group, not_yours, organisation_input
from omni.ui.loading import load_round
from omni.ui.shell import LANGUAGE_NAMES, framework_choices, plain
from omni.ui.wave_save import announce_saved


def open_round_panel(engine, lang: str, links: dict[int, str]) -> None:
    """The form that opens a round; a new round's link goes into `links` (this session only)."""
    # With rounds to show, opening another sits in a popover: a collapsed expander's form stays laid out
    # (unpainted) over the round shown below it, where axe-core took its buttons for the text's background.
    opener = (st.popover(t("rounds.open_heading", lang), icon=":material/add:") if list_rounds(engine)
              else st.container(border=True))
    with opener:
        with st.form("open_round", enter_to_submit=False):
            org = organisation_input(t("rounds.organisation", lang), engine)
            wave = st.text_input(t("rounds.wave", lang), value=str(dt.date.today().year), max_chars=100)
            unit = st.text_input(t("units.round_unit", lang), max_chars=200, key="round_unit",
                                 help=t("units.round_unit_help", lang))
            framework_id = st.selectbox(t("rounds.framework", lang), framework_choices(),
                                        format_func=lambda f: get_framework(f).name(lang),
                                        placeholder=t("widget.choose", lang))
            languages = st.multiselect(t("rounds.languages", lang), LANGUAGES, default=list(LANGUAGES),
                                       placeholder=t("widget.choose_many", lang), format_func=LANGUAGE_NAMES.get)
            closing = st.checkbox(t("rounds.has_closing", lang))
            closes_on = st.date_input(t("rounds.closes_on", lang), value=dt.date.today() + dt.timedelta(days=14),
                                      format=t("widget.date_format", lang))
            opened = st.form_submit_button(t("rounds.open_button", lang), type="primary")
        if not opened:
            return
        if not (org.strip() and wave.strip()):
            st.error(t("rounds.required", lang))
            return
        closes_at = closes_at_end_of(closes_on) if closing else None
        try:
            new, token = open_round(engine, org, wave, framework_id=framework_id,
                                    languages=tuple(languages), closes_at=closes_at, unit=unit)
            links[new.id] = round_link(token)
            st.session_state["round_chosen"] = new.id
            st.success(t("rounds.opened", lang, id=new.id))
        except RoundError as exc:
            st.error(plain(exc.message(lang)))
        except StoreError:
            st.error(plain(not_yours(lang, org, engine)))


def closed_round_panel(engine, current, lang: str) -> None:
    """A closed round: its results in the dashboard, saved as a wave (a round of one unit is that
    unit's wave, never the group's), or reopened."""
    if st.button(t("rounds.results", lang), type="primary"):
        try:
            state.set_result(load_round(engine, current))
            st.success(t("rounds.results_shown", lang))
            st.page_link("pages/overview.py", label=t("nav.overview", lang), icon=":material/radar:")
        except (RoundError, StoreError) as exc:
            st.warning(plain(exc.message(lang)))
    save_label = (t("unitwaves2.round_save_unit", lang, unit=plain(current.unit)) if current.unit
                  else t("unitwaves2.round_save_group", lang))
    if st.button(save_label, icon=":material/save:", key=f"round_save_{current.id}",
                 help=t("unitwaves2.round_save_help", lang, wave=plain(current.wave))):
        try:
            announce_saved(save_round(engine, current.id, min_group=min_group(lang)).saved, lang)
            st.page_link("pages/history.py", label=t("nav.history", lang), icon=":material/history:")
        except (RoundError, StoreError) as exc:
            st.warning(plain(exc.message(lang)))
    if st.button(t("rounds.reopen", lang)):
        reopen_round(engine, current.id)
        st.rerun()
