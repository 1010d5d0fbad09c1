"""Signing in (st.login, OpenID Connect) and the organisation scope of a session.

With an ``[auth]`` section in ``.streamlit/secrets.toml`` every dashboard page needs a signed-in
user; the user is recorded by the provider's issuer and subject (omni.store.access) and sees only
their organisations' data: `store_engine()` in omni.ui.loading hands every page an engine limited
to `current_scope()`. Without that section the app runs in local mode for a single user.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from omni.confidentiality import MAX_MIN_GROUP, MinGroup, MinGroupError, min_group_setting
from omni.i18n import t
from omni.signin_config import SignInConfig, check_sign_in_config, loopback_client
from omni.store import StoreError
from omni.store.access import Account, Identity, account_of, parse_admins, record, sign_in
from omni.store.logins import issued_at, login_expired, login_revoked, revoke_login
from omni.store.scope import Scope
from omni.ui import http_guard, upload_guard
from omni.ui.markup import plain
from omni.ui.state import language

log = logging.getLogger("omni.ui")
LOCAL = Scope(None, actor="local")
NOBODY = Scope(frozenset(), actor="anonymous")  # signed-in mode, before sign-in: sees nothing
_ACCOUNT = "_account"
_IDENTITY = "_identity"
_ENDED = "_login_ended"  # this session's login was refused as signed out or expired: say so on the sign-in screen


def _secrets() -> tuple[Mapping, str | None]:
    """The secrets (empty without a secrets file) and, if a secrets file exists but cannot be read, why."""
    from streamlit.errors import StreamlitSecretNotFoundError

    try:
        return st.secrets.to_dict(), None
    except StreamlitSecretNotFoundError as exc:
        if getattr(exc, "error_id", "") == "no-secrets-found":
            return {}, None
        # Name the file, never the directory it is in (the message is shown to every visitor).
        details = getattr(exc, "_exec_kwargs", None) or {}
        if details.get("path"):
            return {}, f"{os.path.basename(str(details['path']))}: {details.get('error', '')}"
        return {}, re.sub(r"(?:[A-Za-z]:)?[/\\][^\s:]*[/\\]", "", str(exc))


def sign_in_config() -> SignInConfig:
    """Local or hosted mode, and what is wrong with the sign-in settings (omni.signin_config)."""
    secrets, error = _secrets()
    return check_sign_in_config(secrets, os.environ, secrets_error=error)


def min_group(lang: str) -> MinGroup:
    """The smallest group a breakdown may show (omni.confidentiality), from the same secrets and
    environment as the sign-in decision; a setting that is not a whole number stops the page."""
    secrets, error = _secrets()
    hosted = check_sign_in_config(secrets, os.environ, secrets_error=error).hosted
    try:
        return min_group_setting(secrets, os.environ, hosted=hosted)
    except MinGroupError:
        st.error(t("groups.bad_min_group", lang, maximum=MAX_MIN_GROUP))
        st.stop()


def require_usable_config(lang: str, *, dashboard: bool = True) -> SignInConfig:
    """Stop the page with only a message when sign-in is configured but unusable, or (dashboard pages)
    when local mode is asked for from another computer without being allowed there."""
    config = sign_in_config()
    if config.problems:
        log.error("sign-in configuration cannot be used: %s", "; ".join(
            f"{p.key} {p.params}" for p in config.problems))
        st.title(t("secauth.cfg_title", lang))
        st.write(t("secauth.cfg_intro", lang))
        st.markdown("\n".join(f"- {plain(t(p.key, lang, **p.params))}" for p in config.problems))
        st.write(t("secauth.cfg_outro", lang))
        st.stop()
    _guard_http(lang, config)
    remote = st.context.ip_address  # None on loopback; AppTest's stand-in client gives no text at all
    if dashboard and config.local and not config.local_mode_on_network and not loopback_client(
            remote if isinstance(remote, str) else None, dict(st.context.headers or {})):
        st.title(t("secauth.local_only_title", lang))
        st.write(t("secauth.local_only_text", lang))
        st.stop()
    return config


def _guard_http(lang: str, config: SignInConfig) -> None:
    """Tie this session to its browser for the HTTP layer (omni.ui.http_guard); in hosted mode, refuse
    to serve a page from a server started without that layer (`streamlit run app.py`)."""
    from streamlit import config as st_config
    from streamlit import runtime

    if not runtime.exists():  # AppTest: no server, no HTTP requests
        return
    http_guard.bind_session(_session_id(), dict(st.context.cookies or {}))
    # "starlette-managed": Streamlit's own server for `streamlit run app.py` (serve.py runs "starlette-app").
    if config.hosted and not http_guard.active() and st_config._server_mode == "starlette-managed":
        log.error("hosted mode without the HTTP guard: start the server with `streamlit run serve.py`")
        st.title(t("secauth.cfg_title", lang))
        st.write(t("sechttp.not_guarded", lang))
        st.stop()


def _auth_section() -> Mapping | None:
    section = _secrets()[0].get("auth")
    return section if isinstance(section, Mapping) and section else None


def auth_configured() -> bool:
    """Hosted mode: sign-in is configured (page_shell has stopped the page if it is unusable)."""
    return sign_in_config().hosted


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


def _session_id() -> str:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else ""


def _forget_login() -> None:
    st.session_state.pop(_ACCOUNT, None)
    st.session_state.pop(_IDENTITY, None)
    upload_guard.forbid(_session_id())


def gate(lang: str, engine, config: SignInConfig | None = None) -> Account | None:
    """Make sure the visitor may see the dashboard; stop the page with a sign-in screen if not.

    Returns the signed-in account (None in local mode). `engine` is the unscoped store engine.
    A login that was signed out (omni.store.logins) or is older than the session lifetime is
    refused on every run, whatever its cookie says. Store errors propagate (the shell says so).
    """
    config = config or sign_in_config()
    if not config.hosted:
        return None
    if not st.user.get("is_logged_in", False):
        _forget_login()
        _sign_in_screen(lang)
        st.stop()
    claims = st.user.to_dict()
    if issued_at(claims) is None:  # OpenID Connect requires iat; without it the login's age is unknown
        st.error(t("secauth.login_no_iat", lang))
        st.button(t("auth.logout", lang), on_click=st.logout)
        st.stop()
    if login_expired(claims, config.session_hours) or login_revoked(engine, claims):
        _forget_login()
        st.session_state[_ENDED] = True
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
        upload_guard.forbid(_session_id())
        st.title(t("auth.no_membership_title", lang))
        st.write(t("auth.no_membership_text", lang))
        st.code(f"{t('auth.issuer', lang)}: {identity.issuer}\n{t('auth.subject', lang)}: {identity.subject}",
                language=None)
        st.button(t("auth.logout", lang), on_click=sign_out, args=(engine,))
        st.stop()
    upload_guard.allow(_session_id())
    return account


def _sign_in_screen(lang: str) -> None:
    st.title(t("auth.login_title", lang))
    if st.session_state.get(_ENDED):
        st.info(t("secauth.session_ended", lang))
    st.write(t("auth.login_text", lang))
    for provider in providers():
        label = (t("auth.login_button", lang, provider=provider.replace("_", " ").title()) if provider
                 else t("auth.login_button_plain", lang))
        st.button(label, on_click=st.login, args=(provider,) if provider else (), type="primary",
                  icon=":material/login:", key=f"login_{provider or 'default'}")


def sign_out(engine) -> None:
    """Button callback: end the login on the server (a copy of its cookie no longer signs in), audit,
    forget the session's account, and end the provider session cookie."""
    account = current_account()
    try:
        revoke_login(engine, st.user.to_dict(), account.id if isinstance(account, Account) else None)
    except (StoreError, SQLAlchemyError):
        log.exception("recording the sign-out failed")
    try:
        from omni.store.scope import scoped

        record(scoped(engine, current_scope()), "logout")
    except (StoreError, SQLAlchemyError):
        log.exception("audit of sign-out failed")
    _forget_login()
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
    return st.selectbox(label, mine, index=mine.index(default) if default in mine else 0, key=key,
                        placeholder=t("widget.choose", language())) or ""


def not_yours(lang: str, name: str, engine) -> str:
    from omni.store.access import my_organisations

    return t("auth.not_yours", lang, name=name, names=", ".join(o.name for o in my_organisations(engine)))
