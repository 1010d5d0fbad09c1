"""Scale-out as users would run it: two app processes behind nginx, sharing one PostgreSQL.

A private PostgreSQL server (omni.store.testing), two `streamlit run serve.py` processes on free
loopback ports with OMNI_DATABASE_URL pointing at it, and Debian's nginx in the foreground with
the configuration of docs/deploy.md (bench/cluster.py) on a free loopback port. A wave saved on
the History page of one process is listed on the History page of the other; the app answers
through nginx (health, sticky routing, a page drawn over the websocket, an upload through the
proxy with XSRF protection on).

nginx, PostgreSQL and Chromium come from apt (`.ci/run`); locally the test skips when one is
missing, in CI (OMNI_REQUIRE_TOOLS=1) it fails.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from app_runs import wait_for_app, watch  # noqa: E402
from cluster import SECURITY_DIRECTIVES, AppProcess, Nginx, max_upload_mb, nginx_binary, nginx_config  # noqa: E402
from helpers import requires  # noqa: E402
from ws_session import WsSession  # noqa: E402

from omni.store.testing import PostgresUnavailable, shared_postgres  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    requires(nginx_binary() is not None, "nginx is not installed (apt-get install nginx)")
    try:
        url = shared_postgres().url("scaleout")
    except PostgresUnavailable as exc:
        requires(False, f"PostgreSQL unavailable: {exc}")  # fails in CI, else skips
        raise
    # One export worker for both processes, as docs/deploy.md has it (omni.export.shared).
    env = {"OMNI_DATABASE_URL": url, "STREAMLIT_SERVER_COOKIE_SECRET": "test-only-shared-cookie-secret",
           "OMNI_WARM_UP": "0", "OMNI_EXPORT_SOCKET": str(tmp_path_factory.mktemp("run") / "export.sock")}
    apps = []
    proxy = None
    try:
        apps = [AppProcess(env) for _ in range(2)]
        proxy = Nginx([f"127.0.0.1:{a.port}" for a in apps])
        yield apps, proxy, url
    finally:
        if proxy is not None:
            proxy.stop()
        for app in apps:
            app.stop()


class Browser:
    """Chromium driven from a thread of its own: the browser tests' session-wide Playwright keeps the
    main thread's event loop, and a second sync Playwright cannot start on it."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(1)
        self.pool.submit(self._start).result(timeout=120)

    def _start(self) -> None:
        from playwright.sync_api import sync_playwright
        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(executable_path=chromium(), headless=True,
                                                       args=CHROMIUM_ARGS)

    def run(self, steps):
        """Run `steps(browser)` on the browser's thread; its exceptions are raised here."""
        return self.pool.submit(steps, self.browser).result(timeout=300)

    def close(self) -> None:
        def stop() -> None:
            self.browser.close()
            self.playwright.stop()
        self.pool.submit(stop).result(timeout=60)
        self.pool.shutdown()


@pytest.fixture(scope="module")
def browser():
    requires(chromium() is not None, "Debian's chromium is not installed")
    browser = Browser()
    yield browser
    browser.close()


def new_page(browser):
    context = watch(browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL"))
    return context, context.new_page()


def fetch(url: str, cookie: str | None = None) -> tuple[int, dict[str, list[str]]]:
    """Status and headers (lower-case names, every value) of a GET, errors included."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        response = urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        headers: dict[str, list[str]] = {}
        for name, value in response.headers.items():
            headers.setdefault(name.lower(), []).append(value)
        return response.status, headers


def get(url: str, cookie: str | None = None, timeout: float = 10) -> tuple[int, str, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        route = [c for c in response.headers.get_all("Set-Cookie") or [] if c.startswith("omni_route=")]
        return response.status, response.headers.get("X-Omni-Upstream", ""), route[0] if route else ""


def test_nginx_config_has_sticky_sessions_and_websocket_upgrade():
    conf = nginx_config(["127.0.0.1:8501", "127.0.0.1:8502"], "80")
    assert "least_conn;" in conf and "server 127.0.0.1:8502 max_fails=3" in conf
    # Each process has a group of its own that the route cookie names; the other is its backup.
    assert "upstream omni_app_2 {\n        server 127.0.0.1:8502 max_fails=3 fail_timeout=10s;\n" \
           "        server 127.0.0.1:8501 backup;\n    }" in conf
    assert '"127.0.0.1:8502" "omni_route=2; Path=/; HttpOnly; SameSite=Lax";' in conf
    assert "proxy_set_header Upgrade $http_upgrade;" in conf
    assert "proxy_set_header Connection $connection_upgrade;" in conf
    assert "hash $omni_route consistent;" in nginx_config(["127.0.0.1:8501"], "80", balance="hash")


class Backend:
    """A tiny HTTP server on loopback in a thread: answers 200; /slow waits until released (a process
    busy with a request). Stands in for an app process where only nginx's routing is under test."""

    def __init__(self) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.release = threading.Event()
        self.in_flight = 0
        backend = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the name http.server calls
                if self.path.startswith("/slow"):
                    backend.in_flight += 1
                    backend.release.wait(50)
                    backend.in_flight -= 1
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.address = f"127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def test_nginx_sends_new_browsers_to_the_less_busy_process_and_fails_over():
    """The routing of docs/deploy.md on real nginx: a browser's first request avoids a process with a
    request in flight, its route cookie keeps it on that process, and when that process stops the
    browser is answered by the other (its session starts afresh) instead of getting an error."""
    import time

    requires(nginx_binary() is not None, "nginx is not installed (apt-get install nginx)")
    one, two = Backend(), Backend()
    proxy = None

    def until(condition) -> None:
        deadline = time.monotonic() + 10
        while not condition():
            assert time.monotonic() < deadline, "timed out"
            time.sleep(0.02)

    try:
        proxy = Nginx([one.address, two.address])
        with ThreadPoolExecutor(2) as pool:
            # Two browsers' slow first requests: one on each process (the second avoids the busy one). They
            # wait well past the steps below even on a busy machine: a request given up on is no longer
            # in flight for nginx either.
            slow = [pool.submit(get, f"{proxy.url}/slow/{n}", None, 55) for n in range(2)]
            until(lambda: (one.in_flight, two.in_flight) == (1, 1))
            one.release.set()
            until(lambda: one.in_flight == 0 and any(r.done() for r in slow))
            # `two` still busy: every new browser goes to `one` and is told so by its cookie.
            fresh = [get(f"{proxy.url}/_stcore/health") for _ in range(6)]
            assert {upstream for _, upstream, _ in fresh} == {one.address}
            assert {cookie.split(";")[0] for _, _, cookie in fresh} == {"omni_route=1"}
            two.release.set()
            assert {r.result(10)[1] for r in slow} == {one.address, two.address}
        # The route cookie of the second process keeps a browser there ...
        assert get(f"{proxy.url}/_stcore/health", "omni_route=2")[1:] == (two.address, "")
        # ... until that process stops: then the other answers, and the cookie stays as it is.
        two.stop()
        status, upstream, cookie = get(f"{proxy.url}/_stcore/health", "omni_route=2")
        assert (status, upstream.split(", ")[-1], cookie) == (200, one.address, "")
    finally:
        if proxy is not None:
            proxy.stop()
        one.stop()
        two.stop()


def test_the_documented_nginx_configuration_is_the_tested_one():
    docs = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    for directive in (*SECURITY_DIRECTIVES, "location ^~ /_stcore/metrics", "location ^~ /media/",
                      'if ($cookie__streamlit_xsrf = "")', "location ^~ /_stcore/upload_file/",
                      "auth_request /_omni_upload_check;", "location = /_omni_upload_check",
                      "proxy_pass http://$omni_upstream/_omni/upload-check;",
                      "proxy_pass http://$omni_upstream;", "proxy_pass_request_body off;",
                      "proxy_set_header X-Original-URI $request_uri;",
                      "proxy_set_header X-Original-Content-Length $content_length;", "location ^~ /_omni/",
                      f"client_max_body_size {max_upload_mb() + 1}m;", "location ^~ /static/",
                      "gzip_types application/javascript text/css image/svg+xml;",
                      'add_header Cache-Control "public, immutable, max-age=31536000" always;'):
        assert directive in docs, directive
        assert directive in nginx_config(["127.0.0.1:8501"], "80"), directive


def lines(text: str) -> list[str]:
    """An nginx configuration's lines without comments, indentation or blank lines."""
    return [line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()]


def test_the_documented_routing_is_the_tested_one():
    """docs/deploy.md's maps and upstream groups say, line for line, what the tested configuration
    says for the documented two processes (with the TLS site's Secure cookie)."""
    from cluster import least_conn_routing

    docs = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    block = docs.split("`/etc/nginx/conf.d/omni.conf`", 1)[1].split("```nginx", 1)[1].split("```", 1)[0]
    routing = least_conn_routing(["127.0.0.1:8501", "127.0.0.1:8502"], secure="; Secure")

    documented = lines(block)
    start = documented.index("map $cookie_omni_route $omni_upstream {")
    assert documented[start:start + len(lines(routing))] == lines(routing)
    assert len(lines(routing)) > 25


def test_the_documented_static_snippet_is_the_tested_one():
    """docs/deploy.md's snippets/omni-static.conf says, line for line, what the tested configuration's
    /static/ location says (types, compression, caching, the site's headers)."""
    from cluster import STATIC

    docs = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    snippet = docs.split("`/etc/nginx/snippets/omni-static.conf`:", 1)[1].split("```nginx", 1)[1].split("```", 1)[0]

    assert lines(snippet) == lines(STATIC) and len(lines(STATIC)) > 15


def test_nginx_refuses_a_body_larger_than_streamlit_would_take():
    # Streamlit's limit plus one megabyte of multipart framing: nginx answers 413 before the app sees it.
    assert f"client_max_body_size {max_upload_mb() + 1}m;" in nginx_config(["127.0.0.1:8501"], "80")
    assert max_upload_mb() == 25


def test_nginx_closes_what_streamlit_leaves_open(cluster):
    apps, proxy, _ = cluster
    assert fetch(f"{apps[0].url}/_stcore/metrics")[0] == 200  # Streamlit serves its metrics to anyone
    assert fetch(f"{proxy.url}/_stcore/metrics")[0] == 403
    assert fetch(f"{proxy.url}/_stcore/metrics?x=1")[0] == 403
    direct = fetch(f"{apps[0].url}/")[1]
    assert "x-frame-options" not in direct and "content-security-policy" not in direct
    for path in ("/", "/_stcore/health", "/history", "/_stcore/host-config"):
        status, headers = fetch(f"{proxy.url}{path}")
        assert status == 200, path
        assert headers["x-frame-options"] == ["SAMEORIGIN"]
        assert headers["content-security-policy"] == ["frame-ancestors 'self'"]
        assert headers["x-content-type-options"] == ["nosniff"]
        assert headers["referrer-policy"] == ["no-referrer"]
    # The app's own cookies (XSRF here) get Secure from the proxy; Streamlit sets none itself.
    _, headers = fetch(f"{proxy.url}/_stcore/health")
    app_cookies = [c for c in headers.get("set-cookie", []) if not c.startswith("omni_route=")]
    assert app_cookies and all("secure" in c.lower() for c in app_cookies), app_cookies
    assert not any("secure" in c.lower() for c in fetch(f"{apps[0].url}/_stcore/health")[1].get("set-cookie", []))
    # A media or download URL alone, without the site's cookies, opens nothing (nginx); with cookies
    # it reaches the app, which serves a file only to the browser of a session that holds it.
    status, headers = fetch(f"{proxy.url}/media/0123456789abcdef.xlsx")
    assert status == 403 and headers["x-frame-options"] == ["SAMEORIGIN"]
    assert fetch(f"{proxy.url}/media/0123456789abcdef.xlsx", "_streamlit_xsrf=abc")[0] == 403
    # The app's upload check is for nginx's subrequest only; an upload without a session's cookies is
    # refused by that check.
    assert fetch(f"{proxy.url}/_omni/upload-check")[0] == 404
    assert fetch(f"{apps[0].url}/_omni/upload-check")[0] == 403


def test_nginx_serves_streamlits_front_end_itself(cluster):
    """The page's scripts, styles and fonts come from nginx (no upstream), byte for byte what the app
    would send, compressed for a browser that asks, with the app's year of caching and the site's
    headers; a name outside the front end is not found."""
    import gzip
    import re

    apps, proxy, _ = cluster
    page = urllib.request.urlopen(f"{apps[0].url}/", timeout=10).read().decode()
    script = re.search(r'src="\./(static/js/[^"]+\.js)"', page).group(1)
    with urllib.request.urlopen(f"{apps[0].url}/{script}", timeout=10) as response:
        own = response.read()
    request = urllib.request.Request(f"{proxy.url}/{script}", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        headers = {name.lower(): value for name, value in response.headers.items()}
        body = response.read()
    assert "x-omni-upstream" not in headers  # answered by nginx, not proxied
    assert headers["content-type"] == "application/javascript"
    assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == own and len(body) < len(own) / 2
    assert headers["cache-control"] == "public, immutable, max-age=31536000"
    assert headers["x-frame-options"] == "SAMEORIGIN" and headers["x-content-type-options"] == "nosniff"
    with urllib.request.urlopen(f"{proxy.url}/{script}", timeout=10) as response:
        assert response.read() == own and response.headers.get("Content-Encoding") is None
    assert fetch(f"{proxy.url}/static/js/no-such-file.js")[0] == 404


def test_a_wave_saved_through_one_process_is_listed_through_the_other(cluster, browser):
    (first, second), _, url = cluster
    organisation = "Schaal Uit BV"
    browser.run(lambda b: save_wave(b, first.url, organisation))
    browser.run(lambda b: find_wave(b, second.url, organisation))

    from omni.store import open_store
    from omni.store.organisations import list_organisations

    engine = open_store(url)
    try:
        assert organisation in [o.name for o in list_organisations(engine)]
    finally:
        engine.dispose()


def save_wave(browser, base: str, organisation: str) -> None:
    context, page = new_page(browser)
    try:
        page.goto(f"{base}/history")
        wait_for_app(page)
        page.get_by_text("Deze meting opslaan").click()
        field = page.get_by_label("Organisatie").first
        saved = page.locator('[data-testid="stAlert"]', has_text=organisation).first
        # Under load a click can reach the form before the typed name does (seen once in CI with two
        # test workers): leave the field first, and submit once more if nothing was saved.
        for attempt in range(2):
            field.fill(organisation)
            field.press("Tab")
            page.get_by_role("button", name="Opslaan").click()
            try:
                saved.wait_for(timeout=45_000)
                break
            except Exception as exc:  # say what the page showed instead
                if attempt == 1:
                    raise AssertionError(page.locator('[data-testid="stMain"]').inner_text()[:2000]) from exc
                wait_for_app(page)
        wait_for_app(page)
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        context.close()


def find_wave(browser, base: str, organisation: str) -> None:
    context, page = new_page(browser)
    try:
        page.goto(f"{base}/history")
        wait_for_app(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        # The organisation chooser lists the wave saved through the other process.
        chooser = page.locator('[data-testid="stSelectbox"]').first
        chooser.wait_for(timeout=30_000)
        assert organisation in chooser.inner_html()
        assert page.get_by_text("Er is één meting").count() == 1
    finally:
        context.close()


def test_the_app_answers_through_nginx_with_sticky_sessions(cluster, browser):
    apps, proxy, _ = cluster
    status, _, _ = get(f"{proxy.url}/_stcore/health")
    assert status == 200
    ports = {str(a.port) for a in apps}
    # Without a cookie each request is balanced afresh: one after the other, none in flight, they
    # take turns (a random hash split 16 browsers unevenly as often as not).
    seen = Counter(get(f"{proxy.url}/_stcore/health")[1].rsplit(":", 1)[-1] for _ in range(16))
    assert set(seen) == ports and max(seen.values()) - min(seen.values()) <= 2, seen
    # With the route cookie nginx handed out, a browser stays on the process it names.
    _, upstream, set_cookie = get(f"{proxy.url}/_stcore/health")
    cookie = set_cookie.split(";", 1)[0]
    assert cookie in ("omni_route=1", "omni_route=2")
    for _ in range(8):
        _, answered, again = get(f"{proxy.url}/_stcore/health", cookie)
        assert (answered, again) == (upstream, "")  # the same process, and no new cookie
    # A cookie that names no process (made up, or from a larger deployment) is balanced again and
    # replaced by one that does.
    status, answered, replaced = get(f"{proxy.url}/_stcore/health", "omni_route=9")
    assert status == 200 and answered in {f"127.0.0.1:{p}" for p in ports}
    assert replaced == f"omni_route={1 + [f'127.0.0.1:{a.port}' for a in apps].index(answered)}; Path=/; " \
                       "HttpOnly; SameSite=Lax"

    browser.run(lambda b: page_and_upload_through(b, proxy.url))
    assert all(get(f"{a.url}/_stcore/health")[0] == 200 for a in apps)


def page_and_upload_through(browser, base: str) -> None:
    context, page = new_page(browser)
    try:
        page.goto(f"{base}/overview")  # the page is drawn over the websocket through nginx
        wait_for_app(page)
        assert "Huis & Haard Wonen" in page.locator("h1").first.inner_text()
        page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=30_000)
        page.locator('[data-testid="stSidebar"]').get_by_role("link", name="Start").click()
        wait_for_app(page)
        upload = ROOT / "data" / "samples" / "demo-survey-en.xlsx"
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
        page.get_by_text("Klaar: de resultaten staan klaar.").wait_for(timeout=60_000)
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        context.close()


def test_both_processes_build_their_downloads_in_one_shared_worker(cluster):
    """A report downloaded from each process: both are built by the one export worker of the host
    (OMNI_EXPORT_SOCKET), which runs under the process that needed it first."""
    import psutil

    from omni.i18n import t

    apps, _, _ = cluster

    async def download(base: str) -> bytes:
        session = WsSession(base, lang="en")
        try:
            run = await session.open("export", "lang=en")
            return await session.download(run, t("export.download_report", "en"))
        finally:
            await session.close()

    with ThreadPoolExecutor(1) as thread:  # another test may have left an event loop on this thread
        bodies = [thread.submit(asyncio.run, download(a.url)).result(timeout=180) for a in apps]
    assert all(body[:2] == b"PK" and len(body) > 5_000 for body in bodies)
    workers = [p for a in apps for p in psutil.Process(a.pid).children(recursive=True)
               if "omni.export.shared" in " ".join(p.cmdline())]
    assert len(workers) == 1, workers
    spawned = [p for a in apps for p in psutil.Process(a.pid).children(recursive=True)
               if "spawn_main" in " ".join(p.cmdline())]
    assert spawned == []  # no export worker of their own
