"""Survey rounds: open a round, share its link (and QR code), follow progress, close, show the results."""

import urllib.parse

import pandas as pd
import streamlit as st

from omni import format as fmt
from omni.attributes import label
from omni.i18n import t
from omni.rounds import qr_png, round_link
from omni.store.rounds import close_round, delete_round, list_rounds, renew_link, round_status
from omni.ui.invite_panel import invitations_panel
from omni.ui.loading import require_store
from omni.ui.round_guard import flood_panel
from omni.ui.round_panels import closed_round_panel, open_round_panel
from omni.ui.shell import guarded, page_shell, plain
from omni.ui.tables import show_table

LINKS = "round_links"  # round id -> shared link, for this session only (the store keeps only hashes)

lang, _ = page_shell(needs_result=False)

with guarded(lang):
    st.title(t("nav.rounds", lang))
    if (deleted := st.session_state.pop("round_deleted", None)) is not None:
        st.success(t("rounds.deleted", lang, id=deleted))
    st.caption(t("rounds.intro", lang))
    engine = require_store(lang)
    links: dict[int, str] = st.session_state.setdefault(LINKS, {})

    open_round_panel(engine, lang, links)

    rounds = list_rounds(engine)
    if not rounds:
        st.info(t("rounds.none", lang))
        st.stop()
    by_id = {r.id: r for r in rounds}
    if st.session_state.get("round_chosen") not in by_id:
        st.session_state["round_chosen"] = rounds[0].id
    chosen = st.selectbox(
        t("rounds.choose", lang), list(by_id), key="round_chosen",
        format_func=lambda i: f"{i} · {by_id[i].organisation} · {by_id[i].wave} · "
                              f"{t('rounds.status_open' if by_id[i].is_open() else 'rounds.status_closed', lang)}", placeholder=t("widget.choose", lang))
    status = round_status(engine, chosen)
    current = status.round
    st.subheader(f"{plain(current.organisation)} · {plain(current.wave)}")
    if current.unit:
        st.caption(t("unitwaves2.round_of_unit", lang, unit=plain(current.unit)))
    if current.closes_at and current.is_open():
        st.caption(t("rounds.closes", lang, date=fmt.date(current.closes_at.date(), lang)))
    st.caption(t("rounds.status_open" if current.is_open() else "rounds.status_closed", lang).capitalize())
    left, right = st.columns(2)
    left.metric(t("rounds.started", lang), status.started)
    right.metric(t("rounds.submitted", lang), status.submitted)
    if status.by_role:
        st.markdown(f"**{t('rounds.by_role', lang)}**")
        show_table(pd.DataFrame([
            {t("fact.role", lang): label("role", role, lang), t("rounds.started", lang): started,
             t("rounds.submitted", lang): submitted} for role, (started, submitted) in status.by_role.items()]),
            lang, f"round-{current.id}-roles")
    st.caption(t("rounds.privacy", lang))
    flood_panel(engine, current, lang)

    if current.is_open():
        st.markdown(f"**{t('rounds.link', lang)}**")
        link = links.get(current.id)
        if link:
            st.code(link, language=None, wrap_lines=True)
            image = qr_png(link)
            st.image(image, width=220)
            st.download_button(t("rounds.qr", lang), image, file_name=f"round-{current.id}-qr.png",
                               mime="image/png", on_click="ignore")
            subject = t("rounds.mail_subject", lang)
            st.link_button(t("rounds.mail", lang), "mailto:?" + urllib.parse.urlencode(
                {"subject": subject, "body": link}, quote_via=urllib.parse.quote))
        else:
            st.caption(t("rounds.link_once", lang))
        if st.button(t("rounds.new_link", lang)):
            links[current.id] = round_link(renew_link(engine, current.id))
            st.rerun()
        if st.button(t("rounds.close", lang), type="primary"):
            close_round(engine, current.id)
            st.rerun()
    else:
        closed_round_panel(engine, current, lang)

    st.divider()
    with st.container(key="invitations"):
        invitations_panel(engine, current, lang)

    with st.expander(t("rounds.delete_heading", lang), icon=":material/delete:"):
        st.write(t("rounds.delete_explain", lang))
        sure = st.checkbox(t("rounds.delete_confirm", lang, id=current.id, wave=plain(current.wave)),
                           key=f"round_delete_sure_{current.id}")
        if st.button(t("rounds.delete_button", lang), disabled=not sure, key=f"round_delete_{current.id}"):
            delete_round(engine, current.id, confirm=True)
            links.pop(current.id, None)
            st.session_state["round_deleted"] = current.id
            st.rerun()
