"""The administration page's parts: organisations, users and memberships, peer data, audit log."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from omni.i18n import t
from omni.store import StoreError
from omni.store.access import (
    ACTIONS,
    Identity,
    add_member,
    add_user,
    audit_entries,
    create_organisation,
    delete_organisation,
    list_users,
    my_organisations,
    organisation_counts,
    remove_member,
    set_admin,
)
from omni.store.audit_owner import audit_protection
from omni.store.peer_entries import entries_with_status, peer_sets, set_status
from omni.store.schema import APPROVED, PENDING, REJECTED
from omni.store.scope import AccessDenied
from omni.ui.markup import plain
from omni.ui.tables import show_table


def _run(lang: str, action, *args) -> bool:
    """Do an administrative change; report success or a clear reason, never a traceback."""
    try:
        action(*args)
    except (StoreError, AccessDenied) as exc:
        st.error(t("admin.failed", lang, message=plain(exc.message(lang))))
        return False
    st.toast(t("admin.done", lang))
    return True


def organisations_tab(lang: str, engine) -> None:
    orgs = my_organisations(engine)
    counts = organisation_counts(engine)
    show_table(pd.DataFrame({
        t("admin.col_name", lang): [o.name for o in orgs],
        t("admin.col_members", lang): [counts.get(o.id, (0, 0))[0] for o in orgs],
        t("admin.col_saved", lang): [counts.get(o.id, (0, 0))[1] for o in orgs]}), lang, "organisations", width="stretch")
    with st.form("admin_new_org", enter_to_submit=False, clear_on_submit=True):
        name = st.text_input(t("admin.new_org", lang), max_chars=200)
        if st.form_submit_button(t("admin.create", lang), type="primary") and name.strip():
            if _run(lang, create_organisation, engine, name):
                st.rerun()
    if not orgs:
        return
    with st.expander(t("admin.delete_org", lang), icon=":material/delete:"):
        by_id = {o.id: o.name for o in orgs}
        doomed = st.selectbox(t("admin.organisation", lang), list(by_id), format_func=by_id.get, key="admin_doomed", placeholder=t("widget.choose", lang))
        sure = st.checkbox(t("admin.delete_confirm", lang, name=plain(by_id[doomed])), key="admin_sure")
        if st.button(t("admin.delete_button", lang), disabled=not sure) and _run(
                lang, lambda: delete_organisation(engine, doomed, confirm=True)):
            st.session_state.pop("admin_sure", None)
            st.rerun()


def users_tab(lang: str, engine) -> None:
    users = list_users(engine)
    waiting = [u for u in users if not u.organisations and not u.is_admin]
    if waiting:
        st.info(t("admin.waiting", lang, n=len(waiting)))
    show_table(pd.DataFrame({
        t("admin.col_name", lang): [u.name for u in users], t("admin.col_email", lang): [u.email for u in users],
        t("auth.issuer", lang): [u.issuer for u in users], t("auth.subject", lang): [u.subject for u in users],
        t("admin.col_admin", lang): [u.is_admin for u in users],
        t("admin.col_orgs", lang): [", ".join(o.name for o in u.organisations) for u in users],
        t("admin.col_last_login", lang): [u.last_login_at for u in users]}), lang, "users", width="stretch")
    orgs = {o.id: o.name for o in my_organisations(engine)}
    if users and orgs:
        labels = {u.id: f"{u.identity.label} · {u.issuer}" for u in (waiting + [u for u in users if u not in waiting])}
        left, right = st.columns(2)
        user = left.selectbox(t("admin.user", lang), list(labels), format_func=labels.get, key="admin_user", placeholder=t("widget.choose", lang))
        org = right.selectbox(t("admin.organisation", lang), list(orgs), format_func=orgs.get, key="admin_org", placeholder=t("widget.choose", lang))
        buttons = st.columns(4)
        if buttons[0].button(t("admin.add_member", lang), type="primary"):
            _run(lang, add_member, engine, user, org)
        if buttons[1].button(t("admin.remove_member", lang)):
            _run(lang, remove_member, engine, user, org)
        if buttons[2].button(t("admin.make_admin", lang)):
            _run(lang, set_admin, engine, user, True)
        if buttons[3].button(t("admin.revoke_admin", lang)):
            _run(lang, set_admin, engine, user, False)
    with st.expander(t("admin.register_heading", lang), icon=":material/person_add:"):
        st.caption(t("admin.register_help", lang))
        with st.form("admin_register", enter_to_submit=False, clear_on_submit=True):
            issuer = st.text_input(t("auth.issuer", lang), max_chars=500)
            subject = st.text_input(t("auth.subject", lang), max_chars=255)
            email = st.text_input(t("admin.col_email", lang), max_chars=320)
            if st.form_submit_button(t("admin.register_button", lang)):
                _run(lang, add_user, engine, Identity(issuer, subject, email))


def peers_tab(lang: str, engine) -> None:
    st.subheader(t("admin.peer_sets", lang))
    show_table(peer_sets(engine), lang, "peer-sets", width="stretch")
    st.subheader(t("admin.pending", lang))
    pending = entries_with_status(engine, PENDING)
    if pending.empty:
        st.caption(t("admin.no_pending", lang))
        return
    chosen = st.multiselect(t("admin.pending_ids", lang), list(pending["id"]), key="admin_pending",
                            placeholder=t("widget.choose_many", lang))
    show_table(pending, lang, "pending-peers", width="stretch")
    approve, reject = st.columns(2)
    if approve.button(t("admin.approve", lang), disabled=not chosen, type="primary"):
        _run(lang, set_status, engine, chosen, APPROVED)
    if reject.button(t("admin.reject", lang), disabled=not chosen):
        _run(lang, set_status, engine, chosen, REJECTED)


def audit_tab(lang: str, engine) -> None:
    protection = audit_protection(engine)
    if protection is not None and not protection.protected:
        st.warning(t("admin.audit_unprotected", lang), icon=":material/lock_open:")
    action = st.selectbox(t("admin.audit_action", lang), [None, *ACTIONS], key="admin_audit_action",
                          format_func=lambda a: t("admin.audit_all", lang) if a is None else t(f"audit.action.{a}", lang), placeholder=t("widget.choose", lang))
    entries = audit_entries(engine, action=action)
    entries["action"] = entries["action"].map(lambda a: t(f"audit.action.{a}", lang) if a in ACTIONS else a)
    show_table(entries.rename(columns={
        "at": t("admin.col_at", lang), "actor": t("admin.col_actor", lang), "action": t("admin.audit_action", lang),
        "organisation": t("admin.organisation", lang), "detail": t("admin.col_detail", lang),
        "issuer": t("auth.issuer", lang), "subject": t("auth.subject", lang)}), lang, "audit-log", width="stretch")
