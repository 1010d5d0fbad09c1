"""The Units page's "manage units" panel: list an organisation's units with what refers to each, add,
rename, remove, and say what the organisation calls them (omni.store.units, omni.unit_admin). The
store decides who may (members of the organisation, administrators) and audits every change."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from omni.i18n import t
from omni.store import StoreError
from omni.store.units import (
    add_unit,
    list_units,
    remove_unit,
    rename_unit,
    set_unit_label,
    unit_label,
    unit_uses,
)
from omni.ui.access import not_yours, organisation_input
from omni.ui.markup import plain
from omni.ui.tables import show_table
from omni.unit_admin import UnitWord

DONE = "_unitadmin_done"  # the last change's message, shown after the rerun that follows it


def unit_word(engine, organisation: str) -> UnitWord:
    """What the organisation calls its units; the generic word without a store or an organisation."""
    if engine is None or not organisation.strip():
        return UnitWord()
    try:
        return UnitWord(unit_label(engine, organisation))
    except StoreError:
        return UnitWord()


def _refused(lang: str, exc: StoreError, organisation: str, engine) -> None:
    st.error(plain(not_yours(lang, organisation, engine) if exc.key == "not_yours" else exc.message(lang)))


def unit_admin_panel(engine, lang: str, organisation: str = "") -> None:
    """The panel (inside the caller's expander or container)."""
    st.caption(t("unitadmin.manage_help", lang))
    if done := st.session_state.pop(DONE, None):
        st.success(plain(done))
    org = organisation_input(t("unitadmin.organisation", lang), engine, default=organisation, key="unitadmin_org")
    if not org.strip():
        return
    try:
        known = list_units(engine, org)
    except StoreError as exc:
        _refused(lang, exc, org, engine)
        return
    word = unit_word(engine, org)
    if known:
        rows = []
        for unit in known:
            uses = unit_uses(engine, org, unit.name)
            rows.append({t("unitadmin.col.name", lang): unit.name, t("unitadmin.col.waves", lang): uses.waves,
                         t("unitadmin.col.rounds", lang): uses.rounds,
                         t("unitadmin.col.respondents", lang): uses.respondents})
        show_table(pd.DataFrame(rows), lang, "units", width="stretch")
    else:
        st.info(t("unitadmin.none", lang))
    names = [u.name for u in known]

    def act(change) -> None:
        try:
            message = change()
        except StoreError as exc:
            _refused(lang, exc, org, engine)
            return
        st.session_state[DONE] = message
        st.rerun()

    with st.form("unitadmin_label", enter_to_submit=False):
        label = st.text_input(t("unitadmin.label", lang), value=word.typed(lang),
                              max_chars=64, help=t("unitadmin.label_help", lang), key="unitadmin_label_text")
        if st.form_submit_button(t("unitadmin.label_button", lang)):
            def save_label() -> str:
                set_unit_label(engine, org, label)
                return t("unitadmin.label_saved", lang, units=unit_word(engine, org).many(lang))
            act(save_label)
    with st.form("unitadmin_add", clear_on_submit=True, enter_to_submit=False):
        new = st.text_input(t("unitadmin.add", lang), max_chars=200, key="unitadmin_add_name")
        if st.form_submit_button(t("unitadmin.add_button", lang)):
            if not new.strip():
                st.error(t("unitadmin.required", lang))
            else:
                act(lambda: t("unitadmin.added", lang, unit=add_unit(engine, org, new).name))
    if not names:
        return
    with st.form("unitadmin_rename", enter_to_submit=False):
        old = st.selectbox(t("unitadmin.rename_which", lang), names, key="unitadmin_rename_which",
                           placeholder=t("widget.choose", lang))
        to = st.text_input(t("unitadmin.rename_to", lang), max_chars=200, key="unitadmin_rename_to")
        if st.form_submit_button(t("unitadmin.rename_button", lang)):
            if not (old and to.strip()):
                st.error(t("unitadmin.required", lang))
            else:
                def rename() -> str:
                    renamed, uses = rename_unit(engine, org, old, to)
                    return t("unitadmin.renamed", lang, old=old, new=renamed.name, respondents=uses.respondents)
                act(rename)
    with st.form("unitadmin_remove", enter_to_submit=False):
        gone = st.selectbox(t("unitadmin.remove_which", lang), names, key="unitadmin_remove_which",
                            placeholder=t("widget.choose", lang), help=t("unitadmin.remove_help", lang))
        if st.form_submit_button(t("unitadmin.remove_button", lang)) and gone:
            act(lambda: t("unitadmin.removed", lang, unit=remove_unit(engine, org, gone).name))
