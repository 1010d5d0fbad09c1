"""Benchmark: the first visitor after a restart - seconds until the Overview radar is drawn in Chromium.

For each run a fresh app process is started (`streamlit run app.py` on a free loopback port, as
bench/bench_dashboard.py does); once `/_stcore/health` answers, and --delay seconds later (a visitor
rarely arrives in the very second of a restart; 0 = at once), a fresh Chromium page opens /overview
and the time until the radar is drawn is taken. Chromium is started once, before the first server,
so its own start-up is not counted. Also printed: seconds from process start to healthy (the
restart itself must not get slower), a second visit in a new page (warm), and for both visits when
the page's scripts had run (DOMContentLoaded) and when the websocket opened: what comes before is
the browser's, what comes after the server's script run and the browser drawing.

Also printed: the CPU seconds the app process spent on each visit (psutil), the page's script run and
everything it served. `--via nginx` puts the deployment's nginx in front (bench/cluster.py, which
serves Streamlit's front end itself, compressed), `--via nginx-app-static` the same nginx leaving
/static/ to the app (as before); `--network 4g` makes each page's network a phone's (Chromium's
throttling: 9 Mbit/s down, 1.5 Mbit/s up, 60 ms latency) instead of loopback.

    .venv/bin/python bench/bench_first_visit.py --runs 5 --delay 0 --delay 10
    .venv/bin/python bench/bench_first_visit.py --launcher serve --runs 3
    .venv/bin/python bench/bench_first_visit.py --launcher serve --delay 10 --via nginx --via nginx-app-static --network 4g
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # app_runs, which the browser conftest imports
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from conftest import ARTIFACTS, CHROMIUM_ARGS, chromium_path, free_port  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

RADAR_DRAWN = ("() => { const c = document.querySelector('[data-testid=stVegaLiteChart] canvas, "
               "[data-testid=stVegaLiteChart] svg'); return c && c.getBoundingClientRect().width > 250; }")


LAUNCHERS = {"serve": ["-m", "streamlit", "run", "serve.py"], "streamlit": ["-m", "streamlit", "run", "app.py"]}


def start_server(launcher: str) -> tuple[subprocess.Popen, str, float]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / f"first-visit-{port}.log"
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, *LAUNCHERS[launcher], "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"], cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early; see {log}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url, time.perf_counter() - started
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("not healthy within 90 s")


# Chromium's network throttling for --network (bytes per second, milliseconds)
NETWORKS = {"loopback": None,
            "4g": {"offline": False, "downloadThroughput": 9_000_000 / 8, "uploadThroughput": 1_500_000 / 8,
                   "latency": 60}}
VIAS = ("direct", "nginx", "nginx-app-static")


@dataclass
class Visit:
    """Seconds from the click: the page's own scripts run (DOMContentLoaded), the websocket to the
    server open, the radar drawn. What comes before the websocket is the browser's alone. `cpu`: the
    app process's CPU seconds for the visit (nan when not measured)."""

    loaded: float
    websocket: float
    drawn: float
    cpu: float = float("nan")


def _cpu(pid: int) -> float:
    import psutil

    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


def measured_visit(browser, url: str, pid: int, network: str = "loopback") -> Visit:
    """`visit`, with the app process's CPU seconds until the radar is drawn and half a second after."""
    before = _cpu(pid)
    found = visit(browser, url, network)
    time.sleep(0.5)
    found.cpu = _cpu(pid) - before
    return found


def visit(browser, url: str, network: str = "loopback") -> Visit:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        if NETWORKS[network] is not None:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", NETWORKS[network])
        opened: list[float] = []
        started = time.perf_counter()
        page.on("websocket", lambda _ws: opened.append(time.perf_counter() - started))
        page.goto(f"{url}/overview?lang=nl")
        page.wait_for_function(RADAR_DRAWN, timeout=120_000)
        drawn = time.perf_counter() - started
        loaded = page.evaluate("() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd") / 1000
        return Visit(loaded, opened[0] if opened else float("nan"), drawn)
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--launcher", action="append", choices=tuple(LAUNCHERS),
                        help="serve: python -m omni.ui.serve (warms up after start, as deployed); streamlit: "
                             "python -m streamlit (no warm-up); repeatable, default both")
    parser.add_argument("--delay", type=float, action="append", help="seconds after healthy (repeatable)")
    parser.add_argument("--via", action="append", choices=VIAS,
                        help="direct (default), nginx (as deployed: nginx serves /static/) or nginx-app-static "
                             "(nginx leaves /static/ to the app); repeatable, alternated run by run")
    parser.add_argument("--network", choices=tuple(NETWORKS), default="loopback")
    args = parser.parse_args(argv)
    delays = args.delay or [0.0, 10.0]
    vias = args.via or ["direct"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        visit_browser_warm = browser.new_context()  # Chromium's own first-page costs, paid once
        visit_browser_warm.new_page().goto("about:blank")
        visit_browser_warm.close()
        print(f"network: {args.network}")
        print(f"{'launcher':<10}{'via':<18}{'delay s':>8}{'healthy s':>11}{'first visit s':>15}{'second visit s':>16}"
              f"   page loaded / websocket open, first and second visit s; app CPU s, first and second")
        for launcher, delay in [(launcher, delay) for delay in delays
                                for launcher in (args.launcher or ["streamlit", "serve"])]:
            firsts: dict[str, list[float]] = {via: [] for via in vias}
            cpus: dict[str, list[float]] = {via: [] for via in vias}
            for _ in range(args.runs):
                for via in vias:  # alternated, so a change of machine load hits each alike
                    first, second, healthy = _run(browser, launcher, via, delay, args.network)
                    firsts[via].append(first.drawn)
                    cpus[via] += [first.cpu, second.cpu]
                    print(f"{launcher:<10}{via:<18}{delay:>8.0f}{healthy:>11.2f}{first.drawn:>15.2f}"
                          f"{second.drawn:>16.2f}   {first.loaded:.2f} / {first.websocket:.2f}, {second.loaded:.2f} / "
                          f"{second.websocket:.2f}; {first.cpu:.2f}, {second.cpu:.2f}", flush=True)
            for via in vias:
                print(f"{'':<10}{via:<18}{'':>8}{'median':>11}{statistics.median(firsts[via]):>15.2f}   (min "
                      f"{min(firsts[via]):.2f}, max {max(firsts[via]):.2f}); app CPU per visit, median "
                      f"{statistics.median(cpus[via]):.2f} s")
        browser.close()
    return 0


def _run(browser, launcher: str, via: str, delay: float, network: str) -> tuple[Visit, Visit, float]:
    """A fresh app process (behind a fresh nginx unless direct), then two visits in fresh pages."""
    from cluster import Nginx, stop_process

    process, url, healthy = start_server(launcher)
    proxy = None
    try:
        if via != "direct":
            proxy = Nginx([url.removeprefix("http://")], static=via == "nginx")
            url = proxy.url
        time.sleep(delay)
        first = measured_visit(browser, url, process.pid, network)
        second = measured_visit(browser, url, process.pid, network)
        return first, second, healthy
    finally:
        if proxy is not None:
            proxy.stop()
        stop_process(process)


if __name__ == "__main__":
    sys.exit(main())
