"""Is sign-in configured, and usable? Decided once from the secrets and the environment, failing closed.

The app runs in local mode (one user, no sign-in, everything visible) only when *nothing* about
sign-in is configured. Any mention of sign-in - an ``[auth]`` section or one of its parts, a
section whose name looks like a misspelt ``[auth]``, configured administrators, an ``OMNI_`` sign-in
setting - means hosted mode, and a hosted configuration that cannot be used stops the app with
the problems listed (`SignInConfig.problems`): never a silent fall back to local mode.

Plain Python: the page shell (omni.ui.access) hands in ``st.secrets`` and ``os.environ``.
"""

from __future__ import annotations

import difflib
import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

# Keys Streamlit's st.login reads in [auth] itself, and in a provider's table.
AUTH_KEYS = frozenset({"redirect_uri", "cookie_secret"})
PROVIDER_KEYS = frozenset({"client_id", "client_secret", "server_metadata_url"})
PROVIDER_OPTIONAL = frozenset({"client_kwargs", "expose_tokens"})
PLACEHOLDER = "CHANGE-ME"  # .streamlit/secrets.toml.example's placeholders
MIN_COOKIE_SECRET = 32
# Section names that mean sign-in when they are not exactly "auth" (a typo must not give local mode).
AUTH_LOOKALIKES = ("auth", "oauth", "oidc", "login", "signin", "sign_in", "openid", "sso")
# Environment settings about sign-in: set, they mean hosted mode.
ENV_ADMINS = "OMNI_ADMINS"
ENV_SESSION_HOURS = "OMNI_SESSION_HOURS"
ENV_ALLOW_NETWORK = "OMNI_LOCAL_MODE_ON_NETWORK"
ENV_SIGN_IN_PREFIXES = ("OMNI_AUTH", "OMNI_LOGIN", "OMNI_OIDC", "OMNI_SIGN_IN", "OMNI_SIGNIN")
DEFAULT_SESSION_HOURS = 12.0
MAX_SESSION_HOURS = 24.0 * 30  # Streamlit's identity cookie itself lives 30 days


@dataclass(frozen=True)
class Problem:
    """One reason the sign-in configuration cannot be used: a text key of omni.i18n_secauth and its values."""

    key: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SignInConfig:
    hosted: bool  # users sign in (or, with problems, nobody gets in)
    problems: tuple[Problem, ...] = ()
    session_hours: float = DEFAULT_SESSION_HOURS
    local_mode_on_network: bool = False  # explicitly allowed: local mode served to other computers

    @property
    def usable(self) -> bool:
        return not self.problems

    @property
    def local(self) -> bool:
        return not self.hosted and not self.problems


def _is_loopback_host(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url_problem(name: str, value: object, *, path_end: str | None = None) -> Problem | None:
    """An absolute https URL (http only on loopback), optionally with a fixed path ending."""
    if not isinstance(value, str) or not value.strip():
        return Problem("secauth.cfg_missing", {"setting": name})
    if PLACEHOLDER in value:
        return Problem("secauth.cfg_placeholder", {"setting": name})
    parts = urlsplit(value.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return Problem("secauth.cfg_url", {"setting": name})
    if parts.scheme == "http" and not _is_loopback_host(parts.hostname):
        return Problem("secauth.cfg_https", {"setting": name})
    if path_end and not parts.path.rstrip("/").endswith(path_end):
        return Problem("secauth.cfg_redirect_path", {"setting": name, "path": path_end})
    return None


def _provider_problems(label: str, section: Mapping) -> list[Problem]:
    found: list[Problem] = []
    for key in sorted(PROVIDER_KEYS):
        name = f"{label}.{key}"
        value = section.get(key)
        if key == "server_metadata_url":
            problem = _url_problem(name, value)
            if problem:
                found.append(problem)
        elif not isinstance(value, str) or not value.strip():
            found.append(Problem("secauth.cfg_missing", {"setting": name}))
        elif PLACEHOLDER in value:
            found.append(Problem("secauth.cfg_placeholder", {"setting": name}))
    return found


def _auth_problems(auth: object) -> list[Problem]:
    if not isinstance(auth, Mapping):
        return [Problem("secauth.cfg_not_table", {"setting": "auth"})]
    found: list[Problem] = []
    problem = _url_problem("auth.redirect_uri", auth.get("redirect_uri"), path_end="/oauth2callback")
    if problem:
        found.append(problem)
    secret = auth.get("cookie_secret")
    if not isinstance(secret, str) or not secret.strip():
        found.append(Problem("secauth.cfg_missing", {"setting": "auth.cookie_secret"}))
    elif PLACEHOLDER in secret:
        found.append(Problem("secauth.cfg_placeholder", {"setting": "auth.cookie_secret"}))
    elif len(secret.strip()) < MIN_COOKIE_SECRET:
        found.append(Problem("secauth.cfg_short_secret", {"setting": "auth.cookie_secret", "n": str(MIN_COOKIE_SECRET)}))
    named = {name: value for name, value in auth.items() if isinstance(value, Mapping) and name != "client_kwargs"}
    bare = {k for k in auth if k in PROVIDER_KEYS}
    for key in auth:
        if key in AUTH_KEYS or key in PROVIDER_KEYS or key in PROVIDER_OPTIONAL or key in named:
            continue
        found.append(Problem("secauth.cfg_unknown_key", {"setting": f"auth.{key}"}))
    if bare:
        found += _provider_problems("auth", auth)
    for name, section in named.items():
        if "_" in name:
            found.append(Problem("secauth.cfg_provider_name", {"setting": f"auth.{name}"}))
        unknown = [k for k in section if k not in PROVIDER_KEYS and k not in PROVIDER_OPTIONAL]
        found += [Problem("secauth.cfg_unknown_key", {"setting": f"auth.{name}.{k}"}) for k in unknown]
        found += _provider_problems(f"auth.{name}", section)
    if not bare and not named:
        found.append(Problem("secauth.cfg_no_provider", {}))
    return found


def _lookalike(name: str) -> bool:
    squashed = name.strip().lower().replace("-", "_").replace(" ", "")
    return name != "auth" and (any(word in squashed for word in AUTH_LOOKALIKES)
                               or bool(difflib.get_close_matches(squashed, ["auth"], n=1, cutoff=0.6)))


def _truthy(value: object) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def check_sign_in_config(secrets: Mapping | None, environ: Mapping[str, str] | None = None, *,
                         secrets_error: str | None = None) -> SignInConfig:
    """Decide local or hosted mode from the secrets (None: no secrets file) and the environment.

    `secrets_error` is the reason a secrets file exists but could not be read: that fails closed
    too, since it may hold the ``[auth]`` section.
    """
    environ = os.environ if environ is None else environ
    secrets = secrets or {}
    problems: list[Problem] = []
    mentions = False
    if secrets_error:
        problems.append(Problem("secauth.cfg_unreadable", {"error": secrets_error}))
        mentions = True
    if "auth" in secrets:
        mentions = True
        problems += _auth_problems(secrets["auth"])
    for name in secrets:
        if _lookalike(str(name)):
            mentions = True
            problems.append(Problem("secauth.cfg_lookalike", {"setting": str(name)}))
    omni = secrets.get("omni")
    omni = omni if isinstance(omni, Mapping) else {}
    admins = [v for v in (omni.get("admins"), environ.get(ENV_ADMINS, "").strip() or None) if v]
    for value in admins:
        mentions = True
        entries = value.replace(";", ",").split(",") if isinstance(value, str) else value
        if not isinstance(entries, list | tuple) or any(len(str(e).split()) not in (0, 2) for e in entries):
            problems.append(Problem("secauth.cfg_admins", {}))
    signin_env = sorted(k for k in environ if k.startswith(ENV_SIGN_IN_PREFIXES) and environ[k].strip())
    for name in signin_env:
        mentions = True
        problems.append(Problem("secauth.cfg_unknown_env", {"setting": name}))
    hours = DEFAULT_SESSION_HOURS
    raw_hours = environ.get(ENV_SESSION_HOURS, "").strip() or omni.get("session_hours")
    if raw_hours not in (None, ""):
        mentions = True
        try:
            hours = float(raw_hours)
            if not 0 < hours <= MAX_SESSION_HOURS:
                raise ValueError
        except (TypeError, ValueError):
            problems.append(Problem("secauth.cfg_session_hours", {"max": f"{MAX_SESSION_HOURS:.0f}"}))
            hours = DEFAULT_SESSION_HOURS
    if mentions and "auth" not in secrets and not secrets_error:
        problems.append(Problem("secauth.cfg_no_auth", {}))
    network = _truthy(environ.get(ENV_ALLOW_NETWORK, "")) or _truthy(omni.get("local_mode_on_network", ""))
    return SignInConfig(hosted=mentions, problems=tuple(problems), session_hours=hours,
                        local_mode_on_network=network and not mentions)


def loopback_client(remote_ip: str | None, headers: Mapping[str, str]) -> bool:
    """Whether a browser connection comes from this computer (and not through a proxy from elsewhere).

    `remote_ip` is the websocket peer (None: loopback, as st.context reports it); any forwarding
    header that names another address counts as a remote client, since a proxy on this host
    connects from loopback too. A client can add such a header only to lock itself out.
    """
    if remote_ip is not None and not _is_loopback_host(remote_ip):
        return False
    lowered = {str(k).lower(): str(v) for k, v in headers.items()}
    for name in ("x-forwarded-for", "x-real-ip"):
        for part in lowered.get(name, "").split(","):
            if part.strip() and not _is_loopback_host(part.strip()):
                return False
    forwarded = lowered.get("forwarded", "")
    for element in forwarded.replace(";", ",").split(","):
        key, _, value = element.strip().partition("=")
        if key.lower() == "for":
            host = value.strip('"').strip("[]")
            host = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
            if not _is_loopback_host(host):
                return False
    return True
