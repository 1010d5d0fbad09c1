"""Streamlit's page told where its server is, so a link to a page connects at once.

Streamlit's front end (1.67) finds its server by trying the page's own path first: a visitor who
opens /overview asks /overview/_stcore/health and /overview/_stcore/host-config, gets two 404s,
waits 100 ms and only then asks /_stcore/health (`getPossibleBaseUris` and `doInitPings` in its
index.js). Every visit that does not start at the root - a bookmark, the link in an invitation mail,
a reload, the first visitor's /overview - paid that before the websocket opened: ~0.12 s on
loopback, and two more round trips on a phone. The front end takes the server's address from
`window.__streamlit.BACKEND_BASE_URL` when that is set; `PageBase` (ASGI middleware, serve.py)
sets it in the page Streamlit serves: the folder the page's own scripts come from (its index.html
loads `./static/js/...`), so it holds behind a proxy's path prefix as well.

Only pages change (Streamlit's index.html, which it serves for every page path), on GET and HEAD
alike; its gzip stays (the page is decompressed, the line added and compressed again: ~10 kB), and
a page in another encoding is passed on as it is. The page's ETag gets a suffix, so a browser
holding the page from before keeps asking for it whole, and a revalidation of this page still gets
its 304. Streamlit's own files at the root (favicon.png, manifest.json) are not touched.
"""

from __future__ import annotations

import gzip

SCRIPT = (b'<script>window.__streamlit=window.__streamlit||'
          b'{BACKEND_BASE_URL:new URL(".",location.href).href}</script>')
ETAG_SUFFIX = b"-omni-base"
# Paths Streamlit never answers with its page: its scripts, its own endpoints, media and components.
_NOT_PAGES = ("/static/", "/_stcore/", "/media/", "/component/", "/app/static/")


def with_base(html: bytes) -> bytes:
    """The page with the script right after <head> (unchanged when it has no <head> or has it already)."""
    if SCRIPT in html:
        return html
    at = html.find(b"<head>")
    if at < 0:
        return html
    at += len(b"<head>")
    return html[:at] + SCRIPT + html[at:]


def _header(headers, name: bytes) -> bytes | None:
    return next((value for key, value in headers if key.lower() == name), None)


def _page_path(path: str) -> bool:
    """A page's path ("/", "/overview"): not Streamlit's scripts, endpoints, media or components, and
    not a file of its own at the root (favicon.png, manifest.json: their revalidation stays Streamlit's)."""
    return not any(part in path for part in _NOT_PAGES) and "." not in path.rsplit("/", 1)[-1]


class PageBase:
    """ASGI middleware for st.App (see the module docstring)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        method = scope.get("method")
        if scope["type"] != "http" or method not in ("GET", "HEAD") or not _page_path(scope.get("path", "")):
            await self.app(scope, receive, send)
            return
        headers = scope.get("headers", [])
        asked = _header(headers, b"if-none-match")
        if asked is not None:
            headers = _revalidation(headers, asked)
        # HEAD is asked as GET, so its headers (length, ETag) are those of the page GET sends
        scope = {**scope, "method": "GET", "headers": headers}
        head = method == "HEAD"
        start: dict | None = None
        body: list[bytes] = []

        async def wrapped(message) -> None:
            nonlocal start
            kind = message["type"]
            if kind == "http.response.start":
                response_headers = message.get("headers", [])
                content_type = _header(response_headers, b"content-type") or b""
                encoding = (_header(response_headers, b"content-encoding") or b"identity").strip().lower()
                if content_type.startswith(b"text/html") and encoding in (b"identity", b"gzip"):
                    start = message  # held until the whole page is here
                    return
                if message.get("status") == 304:
                    message = {**message, "headers": _etag_marked(response_headers)}
                await send(message)
                return
            if start is None:
                if not (head and kind == "http.response.body"):
                    await send(message)
                elif not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            if kind != "http.response.body":  # a file sent another way (pathsend): passed on as it is
                held, start = start, None
                await send(held)
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            await _send_page(send, start, b"".join(body), head=head)

        await self.app(scope, receive, wrapped)


def _revalidation(headers, asked: bytes) -> list:
    """The request's headers for Streamlit: our own ETag back becomes the file's, for Streamlit to compare;
    one without our suffix is from a page served before this layer, so the conditions go (a whole page)."""
    if ETAG_SUFFIX in asked:
        return [(key, value.replace(ETAG_SUFFIX, b"") if key.lower() == b"if-none-match" else value)
                for key, value in headers]
    return [(key, value) for key, value in headers if key.lower() not in (b"if-none-match", b"if-modified-since")]


def _etag_marked(headers) -> list:
    return [(key, value[:-1] + ETAG_SUFFIX + b'"' if key.lower() == b"etag" and value.endswith(b'"') else value)
            for key, value in headers]


async def _send_page(send, start: dict, page: bytes, *, head: bool = False) -> None:
    headers = start.get("headers", [])
    if start.get("status") == 200:
        compressed = (_header(headers, b"content-encoding") or b"").strip().lower() == b"gzip"
        try:
            html = gzip.decompress(page) if compressed else page
        except (OSError, EOFError):  # not what it says it is: passed on as it came
            html = None
        if html is not None:
            changed = with_base(html)
            if changed is not html:
                page = gzip.compress(changed, compresslevel=6, mtime=0) if compressed else changed
                headers = _etag_marked([(key, value) for key, value in headers if key.lower() != b"content-length"])
                headers.append((b"content-length", str(len(page)).encode()))
    await send({**start, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head else page, "more_body": False})
