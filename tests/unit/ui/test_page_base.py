"""omni/ui/page_base.py: the line that tells Streamlit's page where its server is."""

from __future__ import annotations

import asyncio

import pytest

from omni.ui.page_base import (
    ETAG_SUFFIX,
    SCRIPT,
    PageBase,
    _etag_marked,
    _page_path,
    _revalidation,
    with_base,
)


def test_the_script_comes_right_after_head_once():
    page = b"<!DOCTYPE html><html><head><title>x</title><script type=module src=./static/js/i.js></script></head></html>"
    changed = with_base(page)
    assert changed == page.replace(b"<head>", b"<head>" + SCRIPT)
    assert changed.index(SCRIPT) < changed.index(b"./static/js/i.js")
    assert with_base(changed) is changed  # never twice
    assert with_base(b"<html><body>no head</body></html>") == b"<html><body>no head</body></html>"


def test_the_base_is_the_folder_of_the_page_own_scripts():
    # the same rule as Streamlit's `./static/js/...`: new URL(".", location.href)
    assert b'new URL(".",location.href)' in SCRIPT and b"BACKEND_BASE_URL" in SCRIPT


def test_only_page_paths():
    for path in ("/", "/overview", "/omni/overview", "/start"):
        assert _page_path(path), path
    for path in ("/static/js/index.js", "/_stcore/health", "/media/abc.png", "/component/x/index.html",
                 "/app/static/logo.png", "/omni/static/js/index.js", "/overview/_stcore/health", "/favicon.png",
                 "/manifest.json"):
        assert not _page_path(path), path


def test_etags_are_marked_and_taken_back():
    marked = _etag_marked([(b"etag", b'"abc"'), (b"content-type", b"text/html")])
    assert marked == [(b"etag", b'"abc' + ETAG_SUFFIX + b'"'), (b"content-type", b"text/html")]
    ours = marked[0][1]
    assert _revalidation([(b"if-none-match", ours), (b"accept", b"*/*")], ours) == [
        (b"if-none-match", b'"abc"'), (b"accept", b"*/*")]
    # a page kept from before this layer is asked for whole (no 304 for a page without the line)
    old = [(b"if-none-match", b'"abc"'), (b"if-modified-since", b"Wed, 02 Dec 2026 07:00:00 GMT"), (b"accept", b"*/*")]
    assert _revalidation(old, b'"abc"') == [(b"accept", b"*/*")]


# --- the middleware around a real Starlette app (static files, gzip) and plain ASGI apps ------------

PAGE = b"<!DOCTYPE html><html><head><title>t</title>" + b"<script type=module src=./static/js/i.js></script>" * 40 \
    + b"</head><body></body></html>"


@pytest.fixture
def client(tmp_path):
    from starlette.applications import Starlette
    from starlette.middleware.gzip import GZipMiddleware
    from starlette.routing import Mount
    from starlette.staticfiles import StaticFiles
    from starlette.testclient import TestClient

    (tmp_path / "index.html").write_bytes(PAGE)
    (tmp_path / "favicon.png").write_bytes(b"\x89PNG" + bytes(200))
    app = Starlette(routes=[Mount("/", StaticFiles(directory=tmp_path, html=True))])
    with TestClient(PageBase(GZipMiddleware(app, minimum_size=100))) as client:
        yield client


@pytest.mark.parametrize("encoding", ["identity", "gzip"])
def test_the_page_gets_the_line_with_its_length_and_a_marked_etag(client, encoding):
    response = client.get("/", headers={"Accept-Encoding": encoding})
    assert response.headers.get("content-encoding", "identity") == encoding
    assert response.content == with_base(PAGE)  # httpx undoes the gzip
    assert int(response.headers["content-length"]) == response.num_bytes_downloaded  # the bytes as sent
    assert response.headers["etag"].endswith(ETAG_SUFFIX.decode() + '"')
    head = client.head("/", headers={"Accept-Encoding": encoding})  # the same headers, no body
    assert (head.content, head.headers["content-length"], head.headers["etag"]) == (
        b"", response.headers["content-length"], response.headers["etag"])


def test_revalidation_of_the_page_and_of_a_root_file(client):
    page = client.get("/")
    again = client.get("/", headers={"If-None-Match": page.headers["etag"]})
    assert (again.status_code, again.headers["etag"]) == (304, page.headers["etag"])
    icon = client.get("/favicon.png")
    assert "etag" in icon.headers and ETAG_SUFFIX.decode() not in icon.headers["etag"]
    assert client.get("/favicon.png", headers={"If-None-Match": icon.headers["etag"]}).status_code == 304


def _run(coroutine):
    """asyncio.run in a thread of its own: another test's library (Playwright's sync API) may keep an
    event loop running on this thread, where asyncio.run refuses."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result(timeout=30)


async def _messages(app, method: str = "GET", path: str = "/") -> list[dict]:
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    await PageBase(app)({"type": "http", "method": method, "path": path, "headers": []}, receive, send)
    return sent


def _app(*messages):
    async def app(scope, receive, send):
        for message in messages:
            await send(message)
    return app


def _start(*headers):
    return {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html"), *headers]}


def test_a_page_in_pieces_is_put_together_once():
    pieces = [PAGE[:10], PAGE[10:20], PAGE[20:]]
    sent = _run(_messages(_app(_start((b"content-length", str(len(PAGE)).encode())),
                                      *({"type": "http.response.body", "body": p, "more_body": i < 2}
                                        for i, p in enumerate(pieces)))))
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.body"]
    assert sent[1]["body"] == with_base(PAGE)
    assert dict(sent[0]["headers"])[b"content-length"] == str(len(with_base(PAGE))).encode()


def test_a_page_in_another_encoding_or_sent_as_a_file_passes_as_it_is():
    brotli = [_start((b"content-encoding", b"br")), {"type": "http.response.body", "body": PAGE, "more_body": False}]
    assert _run(_messages(_app(*brotli))) == brotli
    by_path = [_start(), {"type": "http.response.pathsend", "path": "/tmp/index.html"}]
    assert _run(_messages(_app(*by_path))) == by_path
    other = [{"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/css")]},
             {"type": "http.response.body", "body": b"<head>", "more_body": False}]
    assert _run(_messages(_app(*other), path="/static/x.css")) == other
