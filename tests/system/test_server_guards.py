"""The real server (`streamlit run serve.py`), driven at the protocol level (bench/ws_session.py):

- a secrets file that cannot be read, or whose [auth] has a typo, serves only the configuration
  message (never local mode);
- in hosted mode a session that has not signed in cannot hand the server a file (HTTP 403, and
  Streamlit's own metrics show no upload bytes held);
- one session holds at most OMNI_UPLOAD_SESSION_MB of uploads (HTTP 413 beyond);
- local mode is served to this computer only: a connection that comes through a proxy from
  another address gets the "only on this computer" message;
- a file the server built for one session (/media/...) is served only to that session's browser:
  another browser with its own cookies, or a request without cookies, gets 403;
- an upload that may not be kept is refused from its headers, before its body is sent;
- hosted mode started without that layer (`streamlit run app.py`) serves only a message saying so;
- stopping the server (SIGTERM, as systemd does) ends its parser and export workers too;
- over TLS (the app's own certificate, or a trusted proxy's X-Forwarded-Proto) every cookie the app
  sets is Secure, without nginx.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import ssl
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from cluster import AppProcess, Nginx, free_port, nginx_binary, tree_rss_mb  # noqa: E402
from helpers import requires  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from ws_session import WsSession, http_request, multipart  # noqa: E402


def _in_thread(coroutine):
    """Run a coroutine on an event loop of its own thread: another test's library (Playwright's sync
    API) may keep an event loop running on the main thread, where asyncio.run() refuses."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result(timeout=300)


def _metrics_upload_bytes(base: str) -> int:
    """Bytes Streamlit's uploaded-file manager holds, from its own /_stcore/metrics (direct, no proxy)."""
    with urllib.request.urlopen(f"{base}/_stcore/metrics", timeout=10) as response:
        text = response.read().decode()
    return sum(int(float(line.rsplit(" ", 1)[1])) for line in text.splitlines()
               if line.startswith("cache_memory_bytes") and "UploadedFileManager" in line)


async def _put(session: WsSession, name: str, data: bytes) -> int:
    """Ask for an upload URL like the file uploader does and PUT the file; the HTTP status."""
    request_id = uuid.uuid4().hex
    msg = BackMsg()
    msg.file_urls_request.request_id = request_id
    msg.file_urls_request.file_names.append(name)
    msg.file_urls_request.session_id = session.session_id
    answer = await session._request(msg, request_id)
    url = answer.file_urls[0].upload_url
    content_type, body = multipart(name, name, "application/octet-stream", data)
    headers = {"Content-Type": content_type, "Cookie": session._cookie_header(), "Origin": session.base,
               "X-Xsrftoken": session.cookies.get("_streamlit_xsrf", "")}
    response = await http_request(session.base, "PUT", urllib.parse.urlsplit(url).path, headers, body)
    return response.status


def _texts(run) -> str:
    return "\n".join([*run.headings(), *(m.body for m in run.of("markdown")), *(a.body for a in run.of("alert"))])


def _secrets(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _valid_auth(port: int) -> str:
    return f"""[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "{'c' * 64}"
client_id = "omni-test"
client_secret = "omni-test-secret"
server_metadata_url = "http://127.0.0.1:9/.well-known/openid-configuration"
"""


def _server(tmp_path, secrets: Path | None, script: str = "serve.py", **env) -> AppProcess:
    env = {"OMNI_DATABASE_URL": f"sqlite:///{tmp_path / 'omni.sqlite3'}", "OMNI_INTAKE_WORKERS": "1",
           "OMNI_ADMINS": "", "OMNI_SESSION_HOURS": "", "OMNI_WARM_UP": "0", **env}
    args = ["--secrets.files", str(secrets)] if secrets else ["--secrets.files", str(tmp_path / "none.toml")]
    return AppProcess(env, log_dir=tmp_path, args=args, script=script)


@pytest.mark.parametrize("text", [
    "[auth\nredirect_uri = 'https://omni.example.com/oauth2callback'\n",  # TOML syntax error
    "[auht]\nredirect_uri = 'https://omni.example.com/oauth2callback'\ncookie_secret = 'x'\n",  # misspelt section
])
def test_a_broken_secrets_file_serves_only_the_configuration_message(tmp_path, text):
    app = _server(tmp_path, _secrets(tmp_path / "secrets.toml", text))
    try:
        async def visit() -> str:
            session = WsSession(app.url)
            try:
                run = await session.open("history")
                return _texts(run)
            finally:
                await session.close()

        shown = _in_thread(visit())
    finally:
        app.stop()
    assert "Het dashboard is niet goed ingesteld" in shown, shown
    assert "Lokale modus" not in shown and "Metingen" not in shown


def test_a_signed_out_session_cannot_upload_and_the_server_keeps_nothing(tmp_path):
    port = free_port()
    secrets = _secrets(tmp_path / "secrets.toml", _valid_auth(port))
    app = _server(tmp_path, secrets, OMNI_UPLOAD_SESSION_MB="200")
    try:
        async def attack() -> tuple[str, list[int]]:
            session = WsSession(app.url)
            try:
                run = await session.open("start")
                statuses = [await _put(session, f"f{i}.xlsx", b"x" * (2 * 2**20)) for i in range(3)]
                return _texts(run), statuses
            finally:
                await session.close()

        shown, statuses = _in_thread(attack())
        held = _metrics_upload_bytes(app.url)
    finally:
        app.stop()
    assert "Inloggen" in shown  # the sign-in screen: hosted mode, nobody signed in
    assert statuses == [403, 403, 403]
    assert held == 0


def test_one_session_holds_at_most_its_upload_budget_and_local_mode_stays_on_this_computer(tmp_path):
    app = _server(tmp_path, None, OMNI_UPLOAD_SESSION_MB="1")
    try:
        async def steps() -> tuple[list[int], str, str]:
            session = WsSession(app.url)
            try:
                run = await session.open("start")
                statuses = [await _put(session, f"f{i}.xlsx", b"y" * 600_000) for i in range(2)]
                local = _texts(run)
            finally:
                await session.close()
            remote = WsSession(app.url)
            remote.headers = {"X-Forwarded-For": "203.0.113.7"}  # a proxy on this host, a client elsewhere
            try:
                refused = _texts(await remote.open("history"))
            finally:
                await remote.close()
            return statuses, local, refused

        statuses, local, refused = _in_thread(steps())
        held = _metrics_upload_bytes(app.url)
    finally:
        app.stop()
    assert statuses == [204, 413]
    assert held == 600_000  # the first file only: the session's budget of 1 MB holds
    assert "Lokale modus" in local
    assert "Alleen op deze computer" in refused and "Metingen" not in refused and "Lokale modus" not in refused


def test_a_file_built_for_one_session_is_served_only_to_that_sessions_browser(tmp_path):
    app = _server(tmp_path, None)
    try:
        async def steps() -> tuple[int, int, int, int]:
            owner, other = WsSession(app.url), WsSession(app.url)  # two browsers, each its own cookies
            try:
                path = await owner.download_path(await owner.open("export"), "Download de grafiek")
                await other.open("export")
                theirs = (await other._get(path, check=False)).status
                no_cookie = (await http_request(app.url, "GET", path, {})).status
                forged = (await http_request(app.url, "GET", path, {"Cookie": "_streamlit_xsrf=2|00000000|ab|1"})).status
                mine = await owner._get(path)
                assert mine.body[:4] == b"\x89PNG"
                return theirs, no_cookie, forged, mine.status
            finally:
                await owner.close()
                await other.close()

        theirs, no_cookie, forged, mine = _in_thread(steps())
    finally:
        app.stop()
    assert (theirs, no_cookie, forged, mine) == (403, 403, 403, 200)
    # Local mode audits the download with the organisation it is about (the demo's, not in the store).
    from omni.store import open_store
    from omni.store.access import audit_entries

    engine = open_store(f"sqlite:///{tmp_path / 'omni.sqlite3'}")
    try:
        exports = audit_entries(engine, action="export")
    finally:
        engine.dispose()
    assert list(exports["organisation"]) == ["Huis & Haard Wonen"] and list(exports["actor"]) == ["local"]


def raw_put_head(base: str, path: str, headers: dict[str, str], length: int, sent: int = 1024,
                 wait: float = 10.0) -> tuple[int | None, float]:
    """Send an upload's request line and headers announcing `length` bytes, then only `sent` bytes of
    the body (all of it when `sent` >= `length`), and wait for an answer: (HTTP status or None when
    none came within `wait` s, seconds)."""
    host, port = base.split("//", 1)[1].split(":")
    started = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=wait) as sock:
        head = [f"PUT {path} HTTP/1.1", f"Host: {host}:{port}", f"Content-Length: {length}",
                "Content-Type: multipart/form-data; boundary=omni", *(f"{k}: {v}" for k, v in headers.items())]
        part = (b'--omni\r\nContent-Disposition: form-data; name="file"; filename="big.xlsx"\r\n'
                b"Content-Type: application/octet-stream\r\n\r\n")  # a well-formed start of the body
        try:
            sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + part + b"x" * min(sent, length - len(part)))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before taking the whole body
        try:
            answer = sock.recv(256)
        except TimeoutError:
            return None, time.monotonic() - started
        except ConnectionResetError:
            return None, time.monotonic() - started
    line = answer.split(b"\r\n", 1)[0].split()
    return (int(line[1]) if len(line) > 1 else None), time.monotonic() - started


async def _upload_url(session: WsSession, name: str) -> str:
    request_id = uuid.uuid4().hex
    msg = BackMsg()
    msg.file_urls_request.request_id = request_id
    msg.file_urls_request.file_names.append(name)
    msg.file_urls_request.session_id = session.session_id
    answer = await session._request(msg, request_id)
    return urllib.parse.urlsplit(answer.file_urls[0].upload_url).path


def test_a_signed_out_upload_is_refused_before_its_body_is_read(tmp_path):
    port = free_port()
    secrets = _secrets(tmp_path / "secrets.toml", _valid_auth(port))
    app = _server(tmp_path, secrets)
    try:
        async def attack() -> tuple[int | None, float]:
            session = WsSession(app.url)
            try:
                await session.open("start")  # the sign-in screen; the session and its cookies are real
                path = await _upload_url(session, "big.xlsx")
                headers = {"Cookie": session._cookie_header(), "Origin": session.base,
                           "X-Xsrftoken": session.cookies.get("_streamlit_xsrf", "")}
                # 24 MB announced, 1 KB sent: the answer must come from the headers alone (Streamlit
                # itself waits for the whole body before the upload guard can refuse it).
                return await asyncio.to_thread(raw_put_head, app.url, path, headers, 24 * 2**20)
            finally:
                await session.close()

        status, seconds = _in_thread(attack())
    finally:
        app.stop()
    assert status == 403 and seconds < 5, (status, seconds)


def test_through_nginx_a_signed_out_upload_is_refused_before_nginx_reads_its_body(tmp_path):
    requires(nginx_binary() is not None, "nginx is not installed (apt-get install nginx)")
    port = free_port()
    app = _server(tmp_path, _secrets(tmp_path / "secrets.toml", _valid_auth(port)))
    proxy = None
    try:
        proxy = Nginx([f"127.0.0.1:{app.port}"])

        async def attack() -> tuple[tuple[int | None, float], list[int | None], float]:
            session = WsSession(proxy.url)
            try:
                await session.open("start")  # through nginx: the sign-in screen
                headers = {"Cookie": session._cookie_header(), "Origin": session.base,
                           "X-Xsrftoken": session.cookies.get("_streamlit_xsrf", "")}
                path = await _upload_url(session, "big.xlsx")
                # nginx buffers a request body before passing it on: without its auth_request this waits.
                early = await asyncio.to_thread(raw_put_head, proxy.url, path, headers, 24 * 2**20)
                before = tree_rss_mb(app.pid)[0]
                full = [(await asyncio.to_thread(raw_put_head, proxy.url, await _upload_url(session, f"f{i}.xlsx"),
                                                 headers, 24 * 2**20, sent=24 * 2**20))[0] for i in range(5)]
                return early, full, tree_rss_mb(app.pid)[0] - before
            finally:
                await session.close()

        (status, seconds), full, grown_mb = _in_thread(attack())
        held = _metrics_upload_bytes(app.url)
    finally:
        if proxy is not None:
            proxy.stop()
        app.stop()
    assert status == 403 and seconds < 5, (status, seconds)
    assert full == [403] * 5
    assert grown_mb < 10, f"the app process grew by {grown_mb:.0f} MB from refused uploads"
    assert held == 0


def _set_cookies(url: str, headers: dict[str, str] | None = None, context: ssl.SSLContext | None = None) -> list[str]:
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10, context=context) as response:
        return response.headers.get_all("Set-Cookie") or []


def test_over_tls_the_apps_cookies_are_secure_without_nginx(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    port = free_port()
    log = (tmp_path / "tls.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "serve.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.sslCertFile", str(cert), "--server.sslKeyFile", str(key),
         "--secrets.files", str(tmp_path / "none.toml")],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "OMNI_DATABASE_URL": f"sqlite:///{tmp_path / 'omni.sqlite3'}"})
    insecure = ssl.create_default_context()
    insecure.check_hostname = False
    insecure.verify_mode = ssl.CERT_NONE  # our own throw-away certificate
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                over_tls = _set_cookies(f"https://127.0.0.1:{port}/_stcore/health", context=insecure)
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.5)
    finally:
        process.terminate()
        process.wait(timeout=15)
    assert over_tls and all("; Secure" in c for c in over_tls), over_tls

    app = _server(tmp_path, None)
    try:  # plain http on loopback: no Secure (the browser would drop the cookie); a proxy that says https: Secure
        plain = _set_cookies(f"{app.url}/_stcore/health")
        proxied = _set_cookies(f"{app.url}/_stcore/health", {"X-Forwarded-Proto": "https"})
    finally:
        app.stop()
    assert plain and not any("secure" in c.lower() for c in plain), plain
    assert proxied and all("; Secure" in c for c in proxied), proxied


def test_hosted_mode_without_the_http_layer_serves_only_a_message(tmp_path):
    port = free_port()
    app = _server(tmp_path, _secrets(tmp_path / "secrets.toml", _valid_auth(port)), script="app.py")
    try:
        async def visit() -> str:
            session = WsSession(app.url)
            try:
                return _texts(await session.open("start"))
            finally:
                await session.close()

        shown = _in_thread(visit())
    finally:
        app.stop()
    assert "streamlit run serve.py" in shown and "Inloggen" not in shown, shown


def test_stopping_the_server_ends_its_worker_processes(tmp_path):
    import psutil

    app = _server(tmp_path, None)
    try:
        async def work() -> None:
            session = WsSession(app.url)
            try:
                run = await session.open("start")
                sample = ROOT / "data" / "samples" / "demo-survey-en.xlsx"
                await session.upload(session.uploader_id(run), sample.name, sample.read_bytes())  # parser worker
                await session.download(await session.goto("export"), "Download het rapport")  # export worker
            finally:
                await session.close()

        _in_thread(work())
        workers = psutil.Process(app.pid).children(recursive=True)
        assert workers
    finally:
        app.stop()  # SIGTERM

    def running(process) -> bool:
        try:
            return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
        except psutil.Error:
            return False

    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        alive = [w for w in workers if running(w)]
        if not alive:
            break
        time.sleep(0.5)
    for worker in alive:  # do not leave them behind even when the test fails
        with contextlib.suppress(psutil.Error):
            worker.kill()
    assert not alive, f"worker processes {[w.pid for w in alive]} outlived the server"
