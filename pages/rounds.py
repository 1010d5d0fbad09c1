"""Survey rounds: open a round, share its link (and QR code), follow progress, close, show the results."""

import datetime as dt
import urllib.parse

import pandas as pd
import streamlit as st

from omni.attributes import label
from omni.framework import get_framework
from omni.i18n import LANGUAGES, t
from omni.rounds import RoundError, closes_at_end_of, qr_png, round_link
from omni.services import save_round
from omni.store import StoreError
from omni.store.rounds import (
    close_round,
    delete_round,
    list_rounds,
    open_round,
    renew_link,
    reopen_round,
    round_status,
)
from omni.ui import state
from omni.ui.access import min_group, not_yours, organisation_input
from omni.ui.invite_panel import invitations_panel
from omni.ui.loading import load_round, require_store
from omni.ui.round_guard import flood_panel
from omni.ui.shell import LANGUAGE_NAMES, framework_choices, guarded, page_shell, plain
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
                                        format_func=lambda f: get_framework(f).name(lang), placeholder=t("widget.choose", lang))
            languages = st.multiselect(t("rounds.languages", lang), LANGUAGES, default=list(LANGUAGES), placeholder=t("widget.choose_many", lang),
                                       format_func=LANGUAGE_NAMES.get)
            closing = st.checkbox(t("rounds.has_closing", lang))
            closes_on = st.date_input(t("rounds.closes_on", lang), value=dt.date.today() + dt.timedelta(days=14),
                                      format=t("widget.date_format", lang))
            opened = st.form_submit_button(t("rounds.open_button", lang), type="primary")
        if opened:
            if not (org.strip() and wave.strip()):
                st.error(t("rounds.required", lang))
            else:
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
        st.caption(t("rounds.closes", lang, date=current.closes_at.date().isoformat()))
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
        if st.button(t("rounds.results", lang), type="primary"):
            try:
                state.set_result(load_round(engine, current))
                st.success(t("rounds.results_shown", lang))
                st.page_link("pages/overview.py", label=t("nav.overview", lang), icon=":material/radar:")
            except (RoundError, StoreError) as exc:
                st.warning(plain(exc.message(lang)))
        # the answers as a saved wave: a round of one unit is that unit's wave, never the group's
        save_label = (t("unitwaves2.round_save_unit", lang, unit=plain(current.unit)) if current.unit
                      else t("unitwaves2.round_save_group", lang))
        if st.button(save_label, icon=":material/save:", key=f"round_save_{current.id}",
                     help=t("unitwaves2.round_save_help", lang, wave=plain(current.wave))):
            try:
                saved = save_round(engine, current.id, min_group=min_group(lang)).saved
                if saved.unit:
                    st.success(t("unitwaves.saved", lang, organisation=plain(saved.organisation),
                                 unit=plain(saved.unit), wave=plain(saved.wave), version=saved.version))
                else:
                    st.success(t("history.saved", lang, organisation=plain(saved.organisation),
                                 wave=plain(saved.wave), version=saved.version))
                st.session_state["history_org"], st.session_state["history_unit"] = saved.organisation, saved.unit
                st.page_link("pages/history.py", label=t("nav.history", lang), icon=":material/history:")
            except (RoundError, StoreError) as exc:
                st.warning(plain(exc.message(lang)))
        if st.button(t("rounds.reopen", lang)):
            reopen_round(engine, current.id)
            st.rerun()

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
