"""Portfolio: a consultant's clients side by side, one click to a client's dashboard, as Excel too."""

from functools import partial

import streamlit as st

from omni.i18n import t
from omni.portfolio import SORT_KEYS, portfolio, portfolio_table, portfolio_workbook, sort_clients
from omni.ui import state
from omni.ui.access import current_scope
from omni.ui.loading import load_saved, require_store
from omni.ui.markup import plain
from omni.ui.shell import guarded, page_shell
from omni.ui.tables import show_table

SORT_LABELS = {"organisation": "portfolio.sort.organisation", "wave_date": "portfolio.sort.wave_date",
               "index": "portfolio.sort.index", "gap": "portfolio.sort.gap", "progress": "portfolio.sort.progress",
               "overdue": "portfolio.sort.overdue"}

lang, result = page_shell(needs_result=False)

with guarded(lang):
    st.title(t("portfolio.title", lang))
    engine = require_store(lang)
    st.write(t("portfolio.intro_all" if current_scope().unrestricted else "portfolio.intro_mine", lang))
    clients = portfolio(engine)
    if not clients:
        st.info(t("portfolio.none", lang))
        st.stop()
    left, right = st.columns([3, 1])
    key = left.selectbox(t("portfolio.sort", lang), SORT_KEYS, format_func=lambda k: t(SORT_LABELS[k], lang),
                         key="portfolio_sort", placeholder=t("widget.choose", lang))
    descending = right.toggle(t("portfolio.descending", lang), key="portfolio_descending")
    clients = sort_clients(clients, key, descending=descending)
    show_table(portfolio_table(clients, lang), lang, "portfolio", width="stretch")
    if any(c.unit for c in clients):
        st.caption(t("unitwaves2.portfolio_unit_note", lang))
    st.download_button(t("portfolio.download", lang), data=partial(portfolio_workbook, clients, lang),
                       file_name="portfolio.xlsx", on_click="ignore", icon=":material/table:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    st.subheader(t("portfolio.open_heading", lang))
    st.write(t("portfolio.open_help", lang))
    columns = st.columns(3)
    for i, client in enumerate(clients):
        label = t("portfolio.open", lang, client=plain(client.organisation))
        if columns[i % 3].button(label, key=f"portfolio_open_{client.organisation_id}",
                                 disabled=client.latest_id is None, icon=":material/open_in_new:",
                                 help=None if client.latest_id else t("portfolio.no_wave", lang)):
            state.set_result(load_saved(engine, client.latest_id))
            st.switch_page("pages/overview.py")
