"""The manager's defence against a flooded link: suspect respondents (never their answers or name),
removing them, and raising the round's maximum (issue 15, finding 5)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from omni import format as fmt
from omni.attributes import label
from omni.i18n import t
from omni.rounds import RoundError, RoundLimits
from omni.store.rounds import Round, remove_respondents, review_respondents, set_max_respondents
from omni.ui.tables import show_dataframe

_PICK = "round_guard_pick"


def _choose_all(ids: list[int]) -> None:
    st.session_state[_PICK] = ids


def flood_panel(engine, current: Round, lang: str) -> None:
    """Suspects with the reasons, a choice of whom to remove, and the cap (in an expander)."""
    reviews = review_respondents(engine, current.id)
    suspects = [r for r in reviews if r.suspect]
    with st.expander(t("rounds.guard_heading", lang), icon=":material/shield:", expanded=bool(suspects)):
        st.caption(t("rounds.guard_intro", lang))
        st.write(t("rounds.guard_count", lang, suspects=len(suspects), total=len(reviews),
                   maximum=current.max_respondents))
        if suspects:
            show_dataframe(pd.DataFrame([{
                t("rounds.guard_col_id", lang): r.id,
                t("rounds.guard_col_started", lang): fmt.datetime(r.started, lang),
                t("fact.role", lang): label("role", r.role, lang),
                t("rounds.guard_col_answered", lang): r.answered,
                t("rounds.submitted", lang): r.submitted,
                t("rounds.guard_col_seconds", lang): round(r.seconds),
                t("rounds.guard_col_browser", lang): r.same_browser,
                t("rounds.guard_col_address", lang): r.same_address,
                t("rounds.guard_col_why", lang): ", ".join(t(f"rounds.flag.{f}", lang) for f in r.flags),
            } for r in suspects]), lang)
            ids = [r.id for r in suspects]
            st.session_state[_PICK] = [i for i in st.session_state.get(_PICK, []) if i in ids]
            st.button(t("rounds.guard_remove_all", lang), on_click=_choose_all, args=(ids,))
            picked = st.multiselect(t("rounds.guard_pick", lang), ids, key=_PICK, placeholder=t("widget.choose_many", lang))
            if st.button(t("rounds.guard_remove", lang), disabled=not picked, type="primary"):
                removed = remove_respondents(engine, current.id, picked)
                st.session_state.pop(_PICK, None)
                st.success(t("rounds.guard_removed", lang, n=removed))
                st.rerun()
        else:
            st.caption(t("rounds.guard_none", lang))
        limits = RoundLimits.from_env()
        with st.form("round_cap", enter_to_submit=False):
            maximum = st.number_input(t("rounds.guard_cap", lang), min_value=1, max_value=limits.ceiling,
                                      value=min(current.max_respondents, limits.ceiling), step=10)
            if st.form_submit_button(t("rounds.guard_cap_button", lang)):
                try:
                    changed = set_max_respondents(engine, current.id, int(maximum), limits)
                except RoundError as exc:
                    st.error(exc.message(lang))
                else:
                    st.success(t("rounds.guard_cap_set", lang, n=changed.max_respondents))
