"""Benchmark: seconds from uploading a survey to the radar drawn in Chromium.

Starts the real app (`streamlit run serve.py`) on a free loopback port, drives Debian's Chromium with
Playwright as a user would and prints, per file: file size, seconds from choosing the file to the
radar drawn on Start (the intake report shows it as soon as the file is scored), the ratio to the
goal (demo < 2 s, 1,000 respondents < 4 s), and seconds until the Overview page's radar is drawn
after clicking through. Each file is measured RUNS times on a fresh
browser page, after one warm-up run; the median is reported.

    .venv/bin/python bench/bench_dashboard.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # app_runs, which the browser conftest imports
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from conftest import CHROMIUM_ARGS, Server, chromium_path, wait_for_app  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from omni.demo import demo_respondents  # noqa: E402
from omni.framework import get_framework  # noqa: E402
from omni.template import write_workbook  # noqa: E402

RUNS = 3
GOALS = {"demo": 2.0, "1,000 respondents": 4.0}


RADAR_DRAWN = ("() => { const c = document.querySelector('[data-testid=stVegaLiteChart] canvas, "
               "[data-testid=stVegaLiteChart] svg'); return c && c.getBoundingClientRect().width > 250; }")


def measure(page, url: str, path: Path) -> tuple[float, float]:
    page.goto(f"{url}/start")
    wait_for_app(page)
    start = time.perf_counter()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    page.wait_for_function(RADAR_DRAWN, timeout=120_000)
    on_start = time.perf_counter() - start
    start = time.perf_counter()
    page.get_by_role("link", name="Naar het overzicht").click()
    page.get_by_text("Wat opvalt").wait_for(timeout=120_000)
    page.wait_for_function(RADAR_DRAWN, timeout=120_000)
    return on_start, time.perf_counter() - start


def main() -> None:
    framework = get_framework()
    folder = Path(tempfile.mkdtemp(prefix="bench-dashboard-"))
    files: dict[str, list[Path]] = {}
    for name, n in (("demo", 10), ("1,000 respondents", 1000)):
        files[name] = []
        for seed in range(RUNS + 1):
            path = folder / f"team-{n}-{seed}.xlsx"
            write_workbook(path, framework, "nl", "respondents", demo_respondents(framework, n=n, seed=seed))
            files[name].append(path)

    server = Server()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
            print(f"{'file':<20}{'size KB':>9}{'radar s':>9}{'goal s':>8}{'ratio':>7}{'overview s':>12}")
            for name, paths in files.items():
                timings = []
                for run, path in enumerate(paths):
                    context = browser.new_context(viewport={"width": 1400, "height": 1000})
                    page = context.new_page()
                    result = measure(page, server.url, path)
                    context.close()
                    if run:  # the first run warms up the server (imports, first render)
                        timings.append(result)
                radar = statistics.median(t[0] for t in timings)
                overview = statistics.median(t[1] for t in timings)
                goal = GOALS[name]
                print(f"{name:<20}{path.stat().st_size / 1024:>9.0f}{radar:>9.2f}{goal:>8.1f}"
                      f"{radar / goal:>7.2f}{overview:>12.2f}")
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
