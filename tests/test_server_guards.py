"""The real server (`streamlit run app.py`), driven at the protocol level (bench/ws_session.py):

- a secrets file that cannot be read, or whose [auth] has a typo, serves only the configuration
  message (never local mode);
- in hosted mode a session that has not signed in cannot hand the server a file (HTTP 403, and
  Streamlit's own metrics show no upload bytes held);
- one session holds at most OMNI_UPLOAD_SESSION_MB of uploads (HTTP 413 beyond);
- local mode is served to this computer only: a connection that comes through a proxy from
  another address gets the "only on this computer" message;
- a file the server built for one session (/media/...) is served only to that session's browser:
  another browser with its own cookies, or a request without cookies, gets 403;
- an upload that may not be kept is refused from its headers, before its body is sent.
"""

from __future__ import annotations

import asyncio
import socket
import sys
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from cluster import AppProcess, free_port  # noqa: E402
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


def _server(tmp_path, secrets: Path | None, **env) -> AppProcess:
    env = {"OMNI_DATABASE_URL": f"sqlite:///{tmp_path / 'omni.sqlite3'}", "OMNI_INTAKE_WORKERS": "1",
           "OMNI_ADMINS": "", "OMNI_SESSION_HOURS": "", **env}
    args = ["--secrets.files", str(secrets)] if secrets else ["--secrets.files", str(tmp_path / "none.toml")]
    return AppProcess(env, log_dir=tmp_path, args=args)


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


def raw_put_head(base: str, path: str, headers: dict[str, str], length: int, sent: int = 1024,
                 wait: float = 10.0) -> tuple[int | None, float]:
    """Send an upload's request line and headers announcing `length` bytes, then only `sent` bytes of
    the body, and wait for an answer: (HTTP status or None when none came within `wait` s, seconds)."""
    host, port = base.split("//", 1)[1].split(":")
    started = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=wait) as sock:
        head = [f"PUT {path} HTTP/1.1", f"Host: {host}:{port}", f"Content-Length: {length}",
                "Content-Type: multipart/form-data; boundary=omni", *(f"{k}: {v}" for k, v in headers.items())]
        part = (b'--omni\r\nContent-Disposition: form-data; name="file"; filename="big.xlsx"\r\n'
                b"Content-Type: application/octet-stream\r\n\r\n")  # a well-formed start of the body
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + part + b"x" * sent)
        try:
            answer = sock.recv(256)
        except TimeoutError:
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
