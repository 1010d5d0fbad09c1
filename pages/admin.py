"""Administration: organisations, users and their memberships, peer data, and the audit log."""

import streamlit as st

from omni.i18n import t
from omni.ui.access import current_scope
from omni.ui.admin import audit_tab, organisations_tab, peers_tab, users_tab
from omni.ui.loading import require_store
from omni.ui.shell import guarded, page_shell

lang, _ = page_shell(needs_result=False)

with guarded(lang):
    st.title(t("nav.admin", lang))
    scope = current_scope()
    if not (scope.admin or (scope.unrestricted and scope.actor == "local")):
        st.error(t("admin.only_admins", lang))
        st.stop()
    engine = require_store(lang)
    if not scope.admin:
        st.info(t("admin.local_note", lang))
    tabs = st.tabs([t("admin.tab_orgs", lang), t("admin.tab_users", lang), t("admin.tab_peers", lang),
                    t("admin.tab_audit", lang)])
    with tabs[0]:
        organisations_tab(lang, engine)
    with tabs[1]:
        users_tab(lang, engine)
    with tabs[2]:
        peers_tab(lang, engine)
    with tabs[3]:
        audit_tab(lang, engine)
