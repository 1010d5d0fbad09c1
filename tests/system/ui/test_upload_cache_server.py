"""The upload cache on a real server: two sessions over Streamlit's websocket protocol share one
entry for the same file, and closing a session (its websocket) releases what only it used."""

from __future__ import annotations

import asyncio
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from helpers import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from bench_hostile_uploads import App  # noqa: E402
from ws_session import WsSession  # noqa: E402

from omni.demo import demo_respondents  # noqa: E402
from omni.template import write_workbook  # noqa: E402


def wait_for_report(app: App, count: int, timeout: float = 20) -> list[tuple[str, int, int]]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = app.cache_lines()
        if len(lines) >= count:
            return lines
        time.sleep(0.2)
    pytest.fail(f"the upload cache reported {app.cache_lines()} (expected {count} reports); see {app.log}")


@pytest.fixture(scope="module")
def surveys(framework, tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("server-uploads")
    found = {}
    for name, seed in (("a.xlsx", 1), ("b.xlsx", 2)):
        write_workbook(folder / name, framework, "en", "respondents", demo_respondents(framework, n=30, seed=seed))
        found[name] = (folder / name).read_bytes()
    return found


def test_closing_a_session_releases_its_upload_cache_entries(surveys, tmp_path):
    app = App(tmp_path / "server.log")

    async def scenario() -> None:
        first, second = WsSession(app.url, lang="en"), WsSession(app.url, lang="en")
        try:
            run = await first.open("start", "lang=en")
            await first.upload(first.uploader_id(run), "a.xlsx", surveys["a.xlsx"])
            assert wait_for_report(app, 1)[-1][1] == 1  # kept: 1 entry
            run = await second.open("start", "lang=en")
            await second.upload(second.uploader_id(run), "a.xlsx", surveys["a.xlsx"])  # the same file: shared
            run = await second.upload(second.uploader_id(run), "b.xlsx", surveys["b.xlsx"])
            lines = wait_for_report(app, 2)
            assert lines[-1][1] == 2 and len(lines) == 2, lines  # a was not read (or kept) twice
            held = lines[-1][2]
            await first.close()  # the tab closes: 'a' is still used by the second session
            what, entries, size = wait_for_report(app, 3)[-1]
            assert what.startswith("session ended, released 0 of its 1 entries") and (entries, size) == (2, held)
            await second.close()
            what, entries, size = wait_for_report(app, 4)[-1]
            assert what.startswith("session ended, released 2 of its 2 entries") and (entries, size) == (0, 0)
        finally:
            await first.close()
            await second.close()

    try:
        # In a thread of its own: another test in this process may have left an event loop running here.
        with ThreadPoolExecutor(1) as thread:
            thread.submit(asyncio.run, scenario()).result()
        assert app.healthy()
    finally:
        app.stop()
