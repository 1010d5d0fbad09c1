"""OpenID Connect test harness: `st.login` end to end against a local mock provider, in Chromium.

Pieces (all on loopback, nothing leaves the machine):

* `MockProvider` runs `oidc-provider-mock` (a real OIDC provider built on Authlib) in a thread on a
  free 127.0.0.1 port. It accepts any client_id/client_secret and any redirect_uri, and its
  authorization page is a form with one text field, the subject (`sub`), plus an "Authorize" button.
  Other claims (email, name, ...) come from the user record, set with `PUT /users/<sub>`.
* `AuthServer` is conftest's `Server` for any script, with an extra secrets file holding the
  `[auth]` section, passed with `--secrets.files` (the project's `.streamlit/` is never written to).
* `oidc_app(...)` starts both and writes the secrets file; `login(page, ...)` / `logout(page)` drive
  the browser through the provider.

Things that must line up (or login silently fails):

* The browser must open the app at exactly the origin of `redirect_uri`: http://127.0.0.1:PORT.
  Streamlit stores the OAuth state in its session cookie (host-scoped) and, on the websocket,
  drops the user cookie when its recorded origin differs from the page's origin. `localhost` and
  `127.0.0.1` are different origins, so keep both on 127.0.0.1 (Server.url is 127.0.0.1).
* Plain http is fine on loopback: Authlib and Chromium treat 127.0.0.1/localhost as secure.
* Cookies ignore the port: two apps on 127.0.0.1 share `_streamlit_user` in one browser context,
  so use a fresh context per user / per server (the `page` fixture does).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from conftest import ARTIFACTS, ROOT, Server, free_port, wait_for_app

HOST = "127.0.0.1"
USER_COOKIE = "_streamlit_user"
CLIENT_ID = "omni-test-client"
CLIENT_SECRET = "omni-test-secret"  # the mock accepts any secret; this one is only a placeholder


class MockProvider:
    """`oidc-provider-mock` served by werkzeug in a background thread on a loopback port.

    Use as a context manager (or call `stop()`). `url` is also the issuer (`iss` in the tokens).
    """

    def __init__(self, port: int = 0) -> None:
        import oidc_provider_mock
        import werkzeug.serving

        self._server = werkzeug.serving.make_server(HOST, port, oidc_provider_mock.app(), threaded=True)
        self.port = self._server.server_port
        self.url = f"http://{HOST}:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                                        name=f"oidc-mock-{self.port}", daemon=True)
        self._thread.start()

    @property
    def issuer(self) -> str:
        return self.url

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/.well-known/openid-configuration"

    def set_user(self, subject: str, claims: Mapping[str, object]) -> None:
        """Store (replace) the claims the provider will issue for `subject` (besides `sub`)."""
        request = urllib.request.Request(f"{self.url}/users/{quote(subject, safe='')}", method="PUT",
                                         data=json.dumps(dict(claims)).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 204, response.status

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def __enter__(self) -> MockProvider:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def auth_secrets(*, redirect_uri: str, metadata_url: str, provider_name: str | None = None,
                 cookie_secret: str | None = None, client_id: str = CLIENT_ID,
                 client_secret: str = CLIENT_SECRET) -> dict:
    """The `[auth]` table for secrets.toml.

    provider_name=None writes the provider keys straight into `[auth]` (the app calls `st.login()`);
    a name writes `[auth.<name>]` (the app must call `st.login("<name>")`; no underscores allowed).
    """
    provider = {"client_id": client_id, "client_secret": client_secret, "server_metadata_url": metadata_url}
    auth: dict = {"redirect_uri": redirect_uri, "cookie_secret": cookie_secret or secrets.token_hex(32)}
    if provider_name is None:
        auth.update(provider)
    else:
        if "_" in provider_name:
            raise ValueError("Streamlit rejects provider names with an underscore")
        auth[provider_name] = provider
    return {"auth": auth}


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a valid TOML basic string
    if isinstance(value, Sequence):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} to TOML")


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def write_secrets(path: Path, data: Mapping[str, object]) -> Path:
    """Write nested dicts of str/int/float/bool/lists as TOML (enough for `[auth]` sections)."""
    lines: list[str] = []

    def table(name: str, values: Mapping[str, object]) -> None:
        scalars = {k: v for k, v in values.items() if not isinstance(v, Mapping)}
        if scalars or not name:
            if name:
                lines.append(f"[{name}]")
            lines.extend(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in scalars.items())
            lines.append("")
        for key, sub in values.items():
            if isinstance(sub, Mapping):
                table(f"{name}.{_toml_key(key)}" if name else _toml_key(key), sub)

    table("", data)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def default_secrets_files(cwd: Path) -> list[Path]:
    """Streamlit's own default secrets locations (passing --secrets.files replaces them)."""
    return [Path.home() / ".streamlit" / "secrets.toml", cwd / ".streamlit" / "secrets.toml"]


class AuthServer(Server):
    """`streamlit run SCRIPT` on a loopback port, with extra secrets files (later files win per
    top-level key: Streamlit merges secrets files shallowly, so the last `[auth]` replaces earlier ones).

    `port` must be chosen before the secrets are written, since redirect_uri contains it.
    """

    def __init__(self, script: Path, *, port: int, secrets_files: Sequence[Path], cwd: Path = ROOT,
                 extra_args: Sequence[str] = ()) -> None:
        self.port = port
        self.url = f"http://{HOST}:{port}"
        ARTIFACTS.mkdir(exist_ok=True)
        self.log = ARTIFACTS / f"server-{port}.log"
        files: list[str] = []
        for path in secrets_files:
            files += ["--secrets.files", str(path)]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
             "--server.address", HOST, "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none", *files, *extra_args],
            cwd=cwd, stdout=self.log.open("wb"), stderr=subprocess.STDOUT,
            env={**os.environ, "OMNI_WARM_UP": "0"})  # the first page pays for what it uses (conftest.Server)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early; see {self.log}")
            if self.alive():
                return
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"streamlit did not become healthy within 60 s; see {self.log}")

    def alive(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False


@dataclass
class OidcApp:
    server: AuthServer
    provider: MockProvider
    secrets_path: Path
    provider_name: str | None

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def issuer(self) -> str:
        return self.provider.issuer


@contextmanager
def oidc_app(script: Path, workdir: Path, *, provider: MockProvider | None = None,
             provider_name: str | None = None, cwd: Path = ROOT, keep_default_secrets: bool = True,
             extra_args: Sequence[str] = ()) -> Iterator[OidcApp]:
    """Start (or reuse) a mock provider and a Streamlit server of `script` configured for it.

    `workdir` (e.g. pytest's tmp_path) receives the secrets file. With keep_default_secrets the
    app still reads ~/.streamlit/secrets.toml and CWD/.streamlit/secrets.toml first (if they exist);
    the generated file comes last, so its `[auth]` wins.
    """
    own_provider = provider is None
    provider = provider or MockProvider()
    try:
        port = free_port()
        secrets_path = write_secrets(
            Path(workdir) / f"auth-secrets-{port}.toml",
            auth_secrets(redirect_uri=f"http://{HOST}:{port}/oauth2callback", metadata_url=provider.metadata_url,
                         provider_name=provider_name))
        files = [*(default_secrets_files(cwd) if keep_default_secrets else []), secrets_path]
        server = AuthServer(script, port=port, secrets_files=files, cwd=cwd, extra_args=extra_args)
        try:
            yield OidcApp(server=server, provider=provider, secrets_path=secrets_path, provider_name=provider_name)
        finally:
            server.stop()
    finally:
        if own_provider:
            provider.stop()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _user_cookie_set(page) -> bool:
    return any(c["name"] == USER_COOKIE for c in page.context.cookies(page.url))


def _locator(page, target, role: str = "button"):
    return page.get_by_role(role, name=target) if isinstance(target, str | re.Pattern) else target


def _wait_back_at_app(page, app_origin: str, provider_origin: str, timeout: float) -> None:
    """Wait until the provider has sent the browser back and /oauth2callback has redirected on."""
    page.wait_for_url(lambda url: not url.startswith(provider_origin + "/") and "/oauth2callback" not in url,
                      timeout=timeout)
    if _origin(page.url) != app_origin:
        raise AssertionError(f"the provider sent the browser to {_origin(page.url)}, not to {app_origin} where "
                             "the page was opened: redirect_uri must use the same host (127.0.0.1 vs localhost)")


def login(page, subject: str = "alice", *, email: str | None = None, name: str | None = None,
          claims: Mapping[str, object] | None = None, button="Log in", expect: str | None = None,
          timeout: float = 30_000) -> None:
    """Log in through the mock provider, starting from an app page that shows a login button.

    `button` is the login button's accessible name (str or regex) or a Playwright Locator. The
    claims the provider issues are set first (replacing earlier ones for this subject): email (plus
    email_verified=true), name, and any extra `claims`. With none of them the ID token carries only
    the standard claims (iss, sub, aud, ...). Returns when the app is back, its auth cookie is set
    and its script has finished; with `expect`, also when that text is on the page.
    """
    app_origin = _origin(page.url)
    _locator(page, button).click()
    page.wait_for_selector('input[name="sub"]', timeout=timeout)  # the mock's authorization form
    user_claims: dict[str, object] = {}
    if email is not None:
        user_claims.update(email=email, email_verified=True)
    if name is not None:
        user_claims["name"] = name
    user_claims.update(claims or {})
    # Same origin as the form, so a plain fetch does it (no handle on the provider needed).
    status = page.evaluate(
        """async ([sub, claims]) => (await fetch('/users/' + encodeURIComponent(sub), {
             method: 'PUT', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(claims)})).status""",
        [subject, user_claims])
    assert status == 204, f"setting the mock user's claims failed: HTTP {status}"
    page.fill('input[name="sub"]', subject)
    provider_origin = _origin(page.url)
    page.get_by_role("button", name="Authorize").click()
    _wait_back_at_app(page, app_origin, provider_origin, timeout)
    if not _user_cookie_set(page):
        raise AssertionError("back at the app but no auth cookie: see the server log ('OAuth token "
                             "exchange failed', 'Missing provider for OAuth callback', 'Origin mismatch')")
    wait_for_app(page, timeout=timeout)
    if expect is not None:
        page.get_by_text(expect).first.wait_for(timeout=timeout)


def logout(page, *, button="Log out", expect: str | None = None, timeout: float = 30_000) -> None:
    """Click the app's logout button; confirm on the mock's end-session page; wait for the app.

    `st.logout()` clears Streamlit's cookies and, as the provider has an end_session_endpoint,
    sends the browser there; its "End session" button returns to the app's /oauth2callback, which
    redirects to the app root (the server logs a harmless "Missing provider for OAuth callback").
    """
    app_origin = _origin(page.url)
    _locator(page, button).click()
    page.wait_for_url(re.compile(r"/oauth2/end_session\b"), timeout=timeout)
    provider_origin = _origin(page.url)
    page.get_by_role("button", name="End session").click()
    _wait_back_at_app(page, app_origin, provider_origin, timeout)
    assert not _user_cookie_set(page), "logged out but the auth cookie is still there"
    wait_for_app(page, timeout=timeout)
    if expect is not None:
        page.get_by_text(expect).first.wait_for(timeout=timeout)
