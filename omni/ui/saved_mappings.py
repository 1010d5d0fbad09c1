"""On Start, beside the column map editor: the column mappings saved for the user's organisations,
to look at and delete (omni.store.mappings; scoped like all data, the deletion audited)."""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from omni import format as fmt
from omni.i18n import t
from omni.survey.mapping import dump_mapping
from omni.ui.markup import plain
from omni.ui.tables import show_dataframe

_FLASH = "saved_mappings_flash"  # session state: the message of a deletion, shown after the rerun
CHOOSE, CONFIRM = "saved_mappings_choose", "saved_mappings_confirm"


def show(lang: str) -> None:
    """The saved mappings as a table, one of them shown as YAML, and a confirmed delete. Nothing
    when there is no store or nothing saved yet."""
    from omni.store import StoreError
    from omni.store.mappings import delete_mapping, list_mappings
    from omni.ui.loading import store_engine

    engine = store_engine()
    if engine is None:
        return
    try:
        saved = list_mappings(engine)
    except Exception:  # noqa: BLE001 - an unavailable store must not take the page down
        logging.getLogger("omni.ui").exception("saved mappings unavailable")
        st.caption(t("savedmaps.unavailable", lang))
        return
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.success(flash)
    if not saved:
        return
    with st.expander(t("savedmaps.heading", lang, n=len(saved))):
        st.caption(t("savedmaps.intro", lang))
        show_dataframe(pd.DataFrame({
            t("savedmaps.col.organisation", lang): [m.organisation for m in saved],
            t("savedmaps.col.name", lang): [m.name for m in saved],
            t("savedmaps.col.columns", lang): [len(m.rules) for m in saved],
            t("savedmaps.col.updated", lang): [fmt.datetime(m.updated_at, lang) for m in saved],
            t("savedmaps.col.by", lang): [m.updated_by or "–" for m in saved]}), lang, width="stretch")
        by_id = {m.id: m for m in saved}
        chosen = by_id[st.selectbox(t("savedmaps.choose", lang), list(by_id), key=CHOOSE, format_func=lambda i: t(
            "savedmaps.option", lang, name=by_id[i].name, organisation=by_id[i].organisation))]
        st.code(dump_mapping(chosen.rules), language="yaml")
        sure = st.checkbox(t("savedmaps.confirm", lang, name=plain(chosen.name),
                             organisation=plain(chosen.organisation)), key=f"{CONFIRM}_{chosen.id}")
        if st.button(t("savedmaps.delete", lang), icon=":material/delete:", disabled=not sure):
            try:
                gone = delete_mapping(engine, chosen.organisation, chosen.name)
            except StoreError as exc:
                st.error(t("savedmaps.failed", lang, reason=exc.message(lang)))
                return
            st.session_state[_FLASH] = t("savedmaps.deleted", lang, name=plain(gone.name),
                                         organisation=plain(gone.organisation))
            st.session_state.pop(CHOOSE, None)
            st.rerun()
