"""Uploads before sign-in: a signed-out session PUTs N files of M MB at a hosted app (issue 15, finding 3).

Starts `streamlit run serve.py` on loopback with an `[auth]` section (the provider is never
contacted: nobody signs in), opens one session at the protocol level (bench/ws_session.py), asks
for upload URLs and PUTs the files one after another, like the attack did (20 x 24 MB). Prints
the HTTP statuses, the bytes Streamlit's uploaded-file manager holds afterwards (its own
/_stcore/metrics) and the web process's RSS before, at the peak while the PUTs ran, and after.

    .venv/bin/python bench/bench_upload_flood.py                 # 20 x 24 MB
    .venv/bin/python bench/bench_upload_flood.py --files 5 --mb 10
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cluster import AppProcess, free_port, tree_rss_mb  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from ws_session import WsSession, http_request, multipart  # noqa: E402


def held_upload_bytes(base: str) -> int:
    with urllib.request.urlopen(f"{base}/_stcore/metrics", timeout=10) as response:
        text = response.read().decode()
    return sum(int(float(line.rsplit(" ", 1)[1])) for line in text.splitlines()
               if line.startswith("cache_memory_bytes") and "UploadedFileManager" in line)


async def warm(base: str) -> None:
    """One sign-in screen first, so the app's imports are not counted as the flood's memory."""
    session = WsSession(base)
    try:
        await session.open("start")
    finally:
        await session.close()


async def flood(base: str, files: int, megabytes: float) -> list[int]:
    session = WsSession(base)
    statuses = []
    try:
        await session.open("start")
        data = b"\0" * int(megabytes * 2**20)
        for i in range(files):
            request_id = uuid.uuid4().hex
            msg = BackMsg()
            msg.file_urls_request.request_id = request_id
            msg.file_urls_request.file_names.append(f"f{i}.xlsx")
            msg.file_urls_request.session_id = session.session_id
            answer = await session._request(msg, request_id)
            content_type, body = multipart("f", f"f{i}.xlsx", "application/octet-stream", data)
            try:
                response = await http_request(base, "PUT", urllib.parse.urlsplit(answer.file_urls[0].upload_url).path, {
                    "Content-Type": content_type, "Cookie": session._cookie_header(), "Origin": base,
                    "X-Xsrftoken": session.cookies.get("_streamlit_xsrf", "")}, body)
                statuses.append(response.status)
            except (ConnectionResetError, BrokenPipeError, asyncio.IncompleteReadError):
                # refused from the headers: the server closed while the body was still being sent
                statuses.append("closed before the body")
    finally:
        await session.close()
    return statuses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--mb", type=float, default=24.0)
    args = parser.parse_args()
    if not (1 <= args.files <= 50 and 0 < args.mb <= 25):
        parser.error("--files 1-50, --mb up to 25 (Streamlit's maxUploadSize)")
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        secrets = Path(folder) / "secrets.toml"
        secrets.write_text(f"""[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "{'c' * 64}"
client_id = "bench"
client_secret = "bench-secret"
server_metadata_url = "http://127.0.0.1:9/.well-known/openid-configuration"
""")
        app = AppProcess({"OMNI_DATABASE_URL": f"sqlite:///{folder}/omni.sqlite3", "OMNI_ADMINS": ""},
                         log_dir=Path(folder), args=["--secrets.files", str(secrets)])
        try:
            asyncio.run(warm(app.url))
            time.sleep(1)
            before = tree_rss_mb(app.pid)[0]
            peak = [before]
            done = threading.Event()

            def watch() -> None:
                while not done.is_set():
                    peak[0] = max(peak[0], tree_rss_mb(app.pid)[0])
                    time.sleep(0.05)

            watcher = threading.Thread(target=watch, daemon=True)
            watcher.start()
            started = time.perf_counter()
            statuses = asyncio.run(flood(app.url, args.files, args.mb))
            seconds = time.perf_counter() - started
            done.set()
            watcher.join()
            time.sleep(1)
            after = tree_rss_mb(app.pid)[0]
            held = held_upload_bytes(app.url)
        finally:
            app.stop()
    counts = {s: statuses.count(s) for s in sorted(set(statuses), key=str)}
    print(f"signed-out session, {args.files} x {args.mb:g} MB PUTs in {seconds:.1f} s: HTTP {counts}")
    print(f"bytes held by the upload manager afterwards: {held:,}")
    print(f"web process RSS MB: before {before:.0f}, peak {peak[0]:.0f} (+{peak[0] - before:.0f}), "
          f"after {after:.0f} (+{after - before:.0f})")


if __name__ == "__main__":
    main()
