"""Browser tests: the real app (`streamlit run serve.py`) driven by Playwright in Debian's Chromium.

Chromium comes from apt (`.ci/run` installs it); Playwright never downloads a browser here. With
OMNI_REQUIRE_TOOLS=1 (set by .ci/run) a missing Chromium fails the run instead of skipping.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_runs import WatchedBrowser, wait_for_app  # noqa: F401 (the browser tests import it from here)

from omni.store.testing import REQUIRE_TOOLS, require_tools

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def pytest_collection_modifyitems(config, items):
    if chromium_path():
        return
    if require_tools():
        raise pytest.UsageError(f"Chromium is required ({REQUIRE_TOOLS}=1) but not installed")
    skip = pytest.mark.skip(reason="Debian's chromium is not installed (apt-get install chromium)")
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(skip)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`streamlit run serve.py` on a free loopback port, for as long as the test needs it."""

    def __init__(self, *, warm_up: bool = False) -> None:
        """`warm_up`: prepare the first visit as a real server does (serve.py); off by default, so
        each test server spends no ~3 CPU-s on pages and languages its test never opens."""
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = (ARTIFACTS / f"server-{self.port}.log")
        ARTIFACTS.mkdir(exist_ok=True)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "serve.py"), "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, stdout=self.log.open("wb"), stderr=subprocess.STDOUT,
            env={**os.environ, "OMNI_WARM_UP": "1" if warm_up else "0"})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early; see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("streamlit did not become healthy within 60 s")

    def alive(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=5) as r:
                return r.status == 200
        except OSError:
            return False

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def fresh_server() -> Iterator[Server]:
    """A server just started, as the first visitor after a restart finds it (warm-up running)."""
    server = Server(warm_up=True)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    server = Server()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        yield WatchedBrowser(browser)
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


def assert_no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]').first.inner_text()


# What each open page showed when a browser test failed: the run counter's log (app_runs), the
# alerts (and whether they are visible), the expanders' state and a screenshot in test-artifacts/.
# A timeout alone says only what was awaited; this says what the page was doing instead.
PAGE_STATE = """() => ({
    runs: window.__omniRuns || null,
    script: document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state'),
    alerts: Array.from(document.querySelectorAll('[data-testid="stAlert"], [data-testid="stException"]'))
        .map(a => [a.checkVisibility(), a.innerText.slice(0, 200)]),
    expanders: Array.from(document.querySelectorAll('[data-testid="stExpander"] details'))
        .map(d => [d.open, d.querySelector('summary')?.innerText.slice(0, 60)]),
    buttons: Array.from(document.querySelectorAll('button:disabled')).map(b => b.innerText.slice(0, 40)),
})"""


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    watched = item.funcargs.get("browser")
    if not isinstance(watched, WatchedBrowser):
        return
    lines = []
    for c, context in enumerate(watched.contexts):
        for p, page in enumerate(context.pages):
            try:
                state = page.evaluate(PAGE_STATE)
                shot = ARTIFACTS / f"failed-{item.name[:80]}-{c}-{p}.png".replace("/", "_")
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(shot), full_page=True)
                lines.append(f"page {c}.{p} {page.url}\n  {state}\n  screenshot: {shot.name}")
            except Exception as error:  # noqa: BLE001 - a closed page or a dead browser: say so, keep the failure
                lines.append(f"page {c}.{p}: state not readable ({error.__class__.__name__})")
    if lines:
        report.sections.append(("open pages when the test failed", "\n".join(lines)))
