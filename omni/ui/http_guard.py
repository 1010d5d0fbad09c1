"""The app's own HTTP layer in front of Streamlit's routes: media per session, uploads checked before
their body, cookies `Secure` over TLS.

`serve.py` hands `HttpGuard` to Streamlit's `st.App` as middleware (Streamlit 1.67 runs user
middleware before its own routes), so this holds with or without nginx in front:

- **Media** (`GET /media/<id>`: images, chart and export downloads). Streamlit serves any stored
  file to anyone who has its URL. Here a file is served only to the browser of a session that
  holds it: the request's XSRF cookie must carry the same token as the cookie the owning session's
  websocket was opened with (`bind_session`, called by the page shell on every run from
  `st.context.cookies`). Another browser - signed in or not, with its own cookies - gets 403, as
  does a request without the cookie. Every refusal is the same 403, whether or not the file exists.
- **Uploads** (`PUT /_stcore/upload_file/<session>/<file>`). Streamlit reads the whole body before
  `omni.ui.upload_guard` can refuse it. Here the same rules are applied to the request line and
  headers first: a session that may not upload (hosted mode, not signed in), a browser that is not
  the session's own, or a declared size beyond the session's budget is answered at once, before a
  byte of the body is read; what the client still sends is then dropped unread into nothing (a
  bounded lingering close, so the client sees the answer instead of a connection reset). `upload_check` answers the same question for nginx's `auth_request`
  (`/_omni/upload-check`, the original URI in `X-Original-URI`), so nginx refuses such a request
  without buffering its body either.
- **Cookies**. Streamlit sets its cookies (sign-in, XSRF, OAuth state) without `Secure`. Over TLS -
  the app's own (`server.sslCertFile`) or a proxy's (`X-Forwarded-Proto: https` from a proxy uvicorn
  trusts) - every cookie the app sets gets `Secure` here.

Hosted mode refuses to run without this layer (`active()`, checked by the page shell).
"""

from __future__ import annotations

import binascii
import hmac
import logging
import threading
from collections.abc import Mapping

from omni.ui import upload_guard

log = logging.getLogger("omni.ui")

XSRF_COOKIE = "_streamlit_xsrf"
MEDIA_PREFIX = "/media/"
UPLOAD_PREFIX = "/_stcore/upload_file/"
UPLOAD_CHECK_PATH = "/_omni/upload-check"

_lock = threading.Lock()
_browsers: dict[str, bytes] = {}  # session id -> its browser's XSRF token (from the websocket's cookies)
_active = False


def active() -> bool:
    """True once the middleware has been built into this process's server."""
    return _active


def browser_token(cookie_value: str | None) -> bytes | None:
    """The token inside Streamlit's XSRF cookie (`2|mask|masked token|time`); None when unreadable."""
    if not cookie_value:
        return None
    value = cookie_value.strip("\"'")
    try:
        if value.startswith("2|"):
            _, mask_hex, masked_hex, _ = value.split("|")
            mask = binascii.a2b_hex(mask_hex)
            masked = binascii.a2b_hex(masked_hex)
            if len(mask) != 4 or not masked:
                return None
            return bytes(b ^ mask[i % 4] for i, b in enumerate(masked))
        token = binascii.a2b_hex(value)
        return token or None
    except (ValueError, binascii.Error):
        return None


def bind_session(session_id: str, cookies: Mapping[str, str]) -> None:
    """Remember which browser this session belongs to (its XSRF cookie at the websocket handshake)."""
    token = browser_token(cookies.get(XSRF_COOKIE))
    with _lock:
        if token is None:
            _browsers.pop(session_id, None)
            return
        if _browsers.get(session_id) == token:
            return
        if len(_browsers) > 1000:  # forget sessions that have ended
            live = _live_sessions()
            if live is not None:
                for ended in [s for s in _browsers if s not in live]:
                    del _browsers[ended]
        _browsers[session_id] = token


def _live_sessions() -> set[str] | None:
    from streamlit import runtime

    if not runtime.exists():
        return None
    instance = runtime.get_instance()
    return {s for s in list(_browsers) if instance.is_active_session(s)}


def same_browser(session_id: str, cookie_value: str | None) -> bool:
    """Does a request with this XSRF cookie come from the browser of `session_id`?"""
    token = browser_token(cookie_value)
    with _lock:
        bound = _browsers.get(session_id)
    return token is not None and bound is not None and hmac.compare_digest(token, bound)


def media_owners(file_id: str) -> set[str]:
    """Sessions that hold the stored media file `file_id` (Streamlit's manager, under its lock)."""
    from streamlit import runtime

    if not runtime.exists():
        return set()
    manager = runtime.get_instance().media_file_mgr
    lock = getattr(manager, "_lock", None)
    files = getattr(manager, "_files_by_session_and_coord", None)
    if lock is None or not isinstance(files, dict):  # Streamlit changed: nobody owns anything (fail closed)
        return set()
    with lock:
        return {session for session, by_coord in files.items() if file_id in by_coord.values()}


def may_fetch_media(path: str, cookies: Mapping[str, str]) -> bool:
    """May this request (its path under /media/ and its cookies) have the file?"""
    file_id = path[len(MEDIA_PREFIX):].split("/", 1)[0].split(".", 1)[0]
    cookie = cookies.get(XSRF_COOKIE)
    return bool(file_id) and any(same_browser(s, cookie) for s in media_owners(file_id))


def upload_refusal(path: str, cookies: Mapping[str, str], content_length: str | None) -> tuple[int, str] | None:
    """Why an upload request (path under /_stcore/upload_file/, cookies, declared length) must be
    refused before its body is read: (HTTP status, reason), or None when it may go on."""
    session_id = path[len(UPLOAD_PREFIX):].split("/", 1)[0]
    if not upload_guard.may_upload(session_id):
        return 403, "sign in before uploading"
    if not same_browser(session_id, cookies.get(XSRF_COOKIE)):
        return 403, "not this browser's session"
    try:
        declared = int(content_length) if content_length else 0
    except ValueError:
        return 400, "invalid Content-Length"
    limit = upload_guard.session_limit_bytes()
    if declared and upload_guard.held_bytes(session_id) + declared > limit + 64 * 1024:  # multipart framing
        return 413, f"this session holds at most {limit // 2**20} MB of uploads"
    return None


def _cookies(headers: list[tuple[bytes, bytes]]) -> dict[str, str]:
    from http.cookies import SimpleCookie

    jar: dict[str, str] = {}
    for name, value in headers:
        if name == b"cookie":
            parsed = SimpleCookie()
            try:
                parsed.load(value.decode("latin-1"))
            except Exception:  # noqa: BLE001 - a malformed cookie header: no cookies
                continue
            jar.update({key: morsel.value for key, morsel in parsed.items()})
    return jar


def _header(headers: list[tuple[bytes, bytes]], wanted: bytes) -> str | None:
    for name, value in headers:
        if name == wanted:
            return value.decode("latin-1")
    return None


def app_path(path: str, base: str | None = None) -> str:
    """The request path without Streamlit's `server.baseUrlPath` (the routes are mounted under it)."""
    if base is None:
        from streamlit import config

        base = config.get_option("server.baseUrlPath") or ""
    base = "/" + base.strip("/") if base.strip("/") else ""
    return path[len(base):] if base and path.startswith(base + "/") else path


def secure_cookie(value: bytes) -> bytes:
    """A Set-Cookie value with the Secure attribute (unchanged if it has one)."""
    attributes = [part.strip().lower() for part in value.split(b";")[1:]]
    return value if b"secure" in attributes else value + b"; Secure"


# A refused upload's body is discarded after the answer has gone out, like nginx's lingering close:
# closing a connection with unread data makes the kernel send a reset, and the client would lose
# the answer. Nothing of it is kept; at most this many bytes and seconds, and a pause ends it.
LINGER_BYTES = 64 * 2**20
LINGER_SECONDS = 30.0
LINGER_PAUSE = 5.0


async def _refuse(send, status: int, reason: str, receive=None) -> None:
    """Answer at once; with `receive`, then discard what the client still sends (see LINGER_*)."""
    body = reason.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body, "more_body": receive is not None})
    if receive is None:
        return
    await _discard_body(receive)
    await send({"type": "http.response.body", "body": b"", "more_body": False})


async def _discard_body(receive) -> int:
    """Read and drop the request body (bounded by LINGER_*); the bytes dropped."""
    import asyncio

    dropped = 0
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LINGER_SECONDS
    while dropped < LINGER_BYTES:
        wait = min(LINGER_PAUSE, deadline - loop.time())
        if wait <= 0:
            break
        try:
            message = await asyncio.wait_for(receive(), timeout=wait)
        except TimeoutError:
            break
        if message.get("type") != "http.request":
            break
        dropped += len(message.get("body", b""))
        if not message.get("more_body"):
            break
    return dropped


class HttpGuard:
    """ASGI middleware for st.App (see the module docstring)."""

    def __init__(self, app) -> None:
        global _active
        self.app = app
        _active = True
        log.info("HTTP guard in front of Streamlit: media per session, uploads checked first, Secure over TLS")

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = app_path(scope.get("path", ""))
        method: str = scope.get("method", "GET")
        headers = scope.get("headers", [])
        if path.startswith(MEDIA_PREFIX) and method in ("GET", "HEAD"):
            if not may_fetch_media(path, _cookies(headers)):
                await _refuse(send, 403, "not this session's file")
                return
        elif path.startswith(UPLOAD_PREFIX) and method == "PUT":
            refusal = upload_refusal(path, _cookies(headers), _header(headers, b"content-length"))
            if refusal is not None:
                log.warning("upload refused before its body for session %s: %s",
                            path[len(UPLOAD_PREFIX):][:8], refusal[1])
                await _refuse(send, *refusal, receive=receive)
                return
        if scope.get("scheme") == "https":
            send = _secure_cookies(send)
        await self.app(scope, receive, send)


def _secure_cookies(send):
    async def wrapped(message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [(name, secure_cookie(value) if name.lower() == b"set-cookie" else value)
                                              for name, value in message.get("headers", [])]}
        await send(message)
    return wrapped


async def upload_check(request):
    """nginx `auth_request` for uploads: 204 when the original request (X-Original-URI) may go on."""
    from starlette.responses import Response

    uri = request.headers.get("x-original-uri", "")
    path = app_path(uri.split("?", 1)[0])
    if not path.startswith(UPLOAD_PREFIX):
        return Response(status_code=403)
    refusal = upload_refusal(path, request.cookies, request.headers.get("x-original-content-length"))
    return Response(status_code=204 if refusal is None else refusal[0] if refusal[0] in (401, 403) else 403)
