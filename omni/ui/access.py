"""Signing in (st.login, OpenID Connect) and the organisation scope of a session.

With an ``[auth]`` section in ``.streamlit/secrets.toml`` every dashboard page needs a signed-in
user; the user is recorded by the provider's issuer and subject (omni.store.access) and sees only
their organisations' data: `store_engine()` in omni.ui.loading hands every page an engine limited
to `current_scope()`. Without that section the app runs in local mode for a single user.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

import streamlit as st

from omni.i18n import t
from omni.store import StoreError
from omni.store.access import Account, Identity, account_of, parse_admins, record, sign_in
from omni.store.scope import Scope
from omni.ui.markup import plain

log = logging.getLogger("omni.ui")
LOCAL = Scope(None, actor="local")
NOBODY = Scope(frozenset(), actor="anonymous")  # signed-in mode, before sign-in: sees nothing
_ACCOUNT = "_account"
_IDENTITY = "_identity"


def _auth_section() -> Mapping | None:
    try:
        section = st.secrets.get("auth")
    except Exception:  # noqa: BLE001 - no secrets file at all: local mode
        return None
    return section if isinstance(section, Mapping) and section else None


def auth_configured() -> bool:
    return _auth_section() is not None


def providers() -> list[str | None]:
    """The configured providers: named ``[auth.NAME]`` sections, or None for a bare ``[auth]`` one."""
    section = _auth_section() or {}
    named = [name for name, value in section.items() if isinstance(value, Mapping)]
    return named or [None]


def configured_admins() -> set[tuple[str, str]]:
    """The first administrators: ``[omni] admins = ["ISSUER SUBJECT", ...]`` in secrets, or $OMNI_ADMINS."""
    found = parse_admins(os.environ.get("OMNI_ADMINS"))
    try:
        section = st.secrets.get("omni")
    except Exception:  # noqa: BLE001
        section = None
    if isinstance(section, Mapping):
        found |= parse_admins(section.get("admins"))
    return found


def current_scope() -> Scope:
    """Whose data this session may touch (see omni.store.scope)."""
    if not auth_configured():
        return LOCAL
    account = st.session_state.get(_ACCOUNT)
    return account.scope() if isinstance(account, Account) else NOBODY


def current_account() -> Account | None:
    return st.session_state.get(_ACCOUNT)


def _identity() -> Identity:
    user = st.user
    return Identity(str(user.get("iss") or ""), str(user.get("sub") or ""), str(user.get("email") or ""),
                    str(user.get("name") or ""))


def gate(lang: str, engine) -> Account | None:
    """Make sure the visitor may see the dashboard; stop the page with a sign-in screen if not.

    Returns the signed-in account (None in local mode). `engine` is the unscoped store engine.
    """
    if not auth_configured():
        return None
    if not st.user.get("is_logged_in", False):
        _sign_in_screen(lang)
        st.stop()
    identity = _identity()
    if not identity.issuer or not identity.subject:
        st.error(t("auth.login_incomplete", lang))
        st.button(t("auth.logout", lang), on_click=st.logout)
        st.stop()
    key = (identity.issuer, identity.subject)
    if st.session_state.get(_IDENTITY) != key:  # a new sign-in in this browser session: start clean
        for name in list(st.session_state):
            if name not in ("lang", "_lang_widget"):
                del st.session_state[name]
        st.session_state[_ACCOUNT] = sign_in(engine, identity, admins=configured_admins())
        st.session_state[_IDENTITY] = key
    else:  # memberships may have changed since the last run
        st.session_state[_ACCOUNT] = account_of(engine, identity) or st.session_state[_ACCOUNT]
    account: Account = st.session_state[_ACCOUNT]
    if not account.is_admin and not account.organisations:
        st.title(t("auth.no_membership_title", lang))
        st.write(t("auth.no_membership_text", lang))
        st.code(f"{t('auth.issuer', lang)}: {identity.issuer}\n{t('auth.subject', lang)}: {identity.subject}",
                language=None)
        st.button(t("auth.logout", lang), on_click=sign_out, args=(engine,))
        st.stop()
    return account


def _sign_in_screen(lang: str) -> None:
    st.title(t("auth.login_title", lang))
    st.write(t("auth.login_text", lang))
    for provider in providers():
        label = (t("auth.login_button", lang, provider=provider.replace("_", " ").title()) if provider
                 else t("auth.login_button_plain", lang))
        st.button(label, on_click=st.login, args=(provider,) if provider else (), type="primary",
                  icon=":material/login:", key=f"login_{provider or 'default'}")


def sign_out(engine) -> None:
    """Button callback: audit, forget the session's account, and end the provider session cookie."""
    try:
        from omni.store.scope import scoped

        record(scoped(engine, current_scope()), "logout")
    except StoreError:
        log.exception("audit of sign-out failed")
    st.session_state.pop(_ACCOUNT, None)
    st.session_state.pop(_IDENTITY, None)
    st.logout()


def sidebar(lang: str, account: Account | None, engine) -> None:
    """Who is signed in (or that this is local mode), and a sign-out button."""
    if account is None:
        st.caption(t("auth.local_mode", lang))
        return
    st.caption(t("auth.signed_in_as", lang, name=plain(account.identity.label)))
    if account.is_admin:
        st.caption(t("auth.role_admin", lang))
    elif account.organisations:
        st.caption(t("auth.organisations", lang, names=", ".join(plain(o.name) for o in account.organisations)))
    st.button(t("auth.logout", lang), on_click=sign_out, args=(engine,), icon=":material/logout:",
              key="sidebar_logout")


def organisation_input(label: str, engine, default: str = "", key: str | None = None) -> str:
    """Where to save: a free name in local mode and for administrators, else one of the user's organisations."""
    from omni.store.access import my_organisations

    if current_scope().unrestricted:
        return st.text_input(label, value=default, max_chars=200, key=key)
    mine = [o.name for o in my_organisations(engine)]
    return st.selectbox(label, mine, index=mine.index(default) if default in mine else 0, key=key) or ""


def not_yours(lang: str, name: str, engine) -> str:
    from omni.store.access import my_organisations

    return t("auth.not_yours", lang, name=name, names=", ".join(o.name for o in my_organisations(engine)))
