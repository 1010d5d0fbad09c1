"""Load test: N concurrent browser sessions against a running app on loopback, in waves.

Each session (one Chromium context of one browser, Debian's chromium driven by Playwright) opens
/start, uploads a survey, visits Overview, Dimensions, Roadmap and Export and downloads the Excel
report. An interaction's latency is the time from the action (navigation, upload, click) until the
app has finished its script run and shows what that step must show. The script reports p50/p95
per step and overall, errors, and the server's memory (RSS of the app process, and with its parser
workers) before, during and after each wave.

    .venv/bin/python bench/load_test.py --sessions 25 --waves 3            # starts its own app
    .venv/bin/python bench/load_test.py --processes 2 --via-nginx --sessions 100
    .venv/bin/python bench/load_test.py --url http://127.0.0.1:8501 --pid 12345

Only loopback addresses are accepted as targets. Bounded: --sessions per wave, --waves, a
per-step timeout and an overall --timeout after which it stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import shutil
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cluster import ROOT, AppProcess, Nginx, tree_rss_mb  # noqa: E402

SAMPLE = ROOT / "data" / "samples" / "demo-survey-nl.xlsx"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
STEPS = ("open", "upload", "overview", "dimensions", "roadmap", "export", "download")


@dataclass
class Wave:
    number: int
    latencies: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in STEPS})
    errors: list[str] = field(default_factory=list)
    memory_before: tuple[float, float] = (math.nan, math.nan)
    memory_peak: tuple[float, float] = (0.0, 0.0)
    memory_after: tuple[float, float] = (math.nan, math.nan)
    seconds: float = 0.0
    server_cpu: float = 0.0  # CPU seconds the app processes (and parser workers) used in the wave
    machine_cpu: float = 0.0  # CPU seconds the whole machine used in the wave (browser included)

    def all_latencies(self) -> list[float]:
        return [v for values in self.latencies.values() for v in values]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low, high = math.floor(k), math.ceil(k)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


async def timed(wave: Wave, step: str, action, check, timeout_ms: float) -> None:
    started = time.perf_counter()
    await action()
    await check(timeout_ms)
    wave.latencies[step].append(time.perf_counter() - started)


async def run_session(browser, base: str, upload: Path, wave: Wave, index: int, timeout_ms: float,
                      delay: float) -> None:
    await asyncio.sleep(delay)
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL",
                                        accept_downloads=True)
    page = await context.new_page()
    step = "open"
    try:
        async def done(timeout: float) -> None:
            await page.wait_for_selector(DONE, timeout=timeout)

        async def heading(text: str):
            async def check(timeout: float) -> None:
                await page.locator("h1", has_text=text).first.wait_for(timeout=timeout)
                await done(timeout)
            return check

        async def chart_and(text: str):
            head = await heading(text)

            async def check(timeout: float) -> None:
                await head(timeout)
                await page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=timeout)
            return check

        async def open_start() -> None:
            await page.goto(f"{base}/start", timeout=timeout_ms)

        async def uploader_ready(timeout: float) -> None:
            await page.locator('[data-testid="stFileUploaderDropzoneInput"]').wait_for(state="attached",
                                                                                       timeout=timeout)
            await done(timeout)

        await timed(wave, "open", open_start, uploader_ready, timeout_ms)

        step = "upload"

        async def do_upload() -> None:
            await page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))

        async def ready(timeout: float) -> None:
            await page.get_by_text("Klaar: de resultaten staan klaar.").wait_for(timeout=timeout)
            await page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=timeout)
            await done(timeout)

        await timed(wave, "upload", do_upload, ready, timeout_ms)

        sidebar = page.locator('[data-testid="stSidebar"]')
        for step, link, check in (("overview", "Overzicht", await chart_and("Overzicht")),
                                  ("dimensions", "Onderdelen", await chart_and("Onderdelen")),
                                  ("roadmap", "Roadmap", await heading("Roadmap")),
                                  ("export", "Exporteren", await heading("Exporteren"))):
            async def click(link=link) -> None:
                await sidebar.get_by_role("link", name=link).click(timeout=timeout_ms)
            await timed(wave, step, click, check, timeout_ms)
            if await page.locator('[data-testid="stException"]').count():
                raise RuntimeError("stException on the page")

        step = "download"
        started = time.perf_counter()
        async with page.expect_download(timeout=timeout_ms) as info:
            await page.get_by_role("button", name="Download het rapport").click(timeout=timeout_ms)
        download = await info.value
        if await download.failure():
            raise RuntimeError(f"download failed: {await download.failure()}")
        wave.latencies["download"].append(time.perf_counter() - started)
    except Exception as exc:  # noqa: BLE001 - every failure is counted and reported, the run goes on
        wave.errors.append(f"session {index} step {step}: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
    finally:
        await context.close()


async def sample_memory(pids: list[int], wave: Wave, stop: asyncio.Event, interval: float = 0.5) -> None:
    while not stop.is_set():
        own, total = memory(pids)
        wave.memory_peak = (max(wave.memory_peak[0], own), max(wave.memory_peak[1], total))
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval)
        except TimeoutError:
            pass


def cpu_seconds(pids: list[int]) -> float:
    """CPU seconds used so far by the app processes and their children (parser workers)."""
    import psutil

    total = 0.0
    for pid in pids:
        try:
            process = psutil.Process(pid)
            for p in [process, *process.children(recursive=True)]:
                times = p.cpu_times()
                total += times.user + times.system
        except psutil.Error:
            pass
    return total


def machine_cpu_seconds() -> float:
    import psutil

    times = psutil.cpu_times()
    return times.user + times.system + getattr(times, "nice", 0.0)


def memory(pids: list[int]) -> tuple[float, float]:
    pairs = [tree_rss_mb(pid) for pid in pids]
    return sum(p[0] for p in pairs), sum(p[1] for p in pairs)


async def run(args, base: str, pids: list[int]) -> list[Wave]:
    from playwright.async_api import async_playwright

    folder = Path(tempfile.mkdtemp(prefix="omni-load-"))
    waves: list[Wave] = []
    deadline = time.monotonic() + args.timeout
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS)
            try:
                if args.warmup:  # one unmeasured session: imports, first script runs, chart library
                    await run_session(browser, base, SAMPLE, Wave(0), -1, args.step_timeout * 1000, 0)
                for number in range(1, args.waves + 1):
                    remaining = deadline - time.monotonic()
                    if remaining <= 5:
                        print(f"overall --timeout reached before wave {number}; stopping", flush=True)
                        break
                    wave = Wave(number)
                    files = (survey_files_for_wave(args.sessions, folder, number) if args.unique_files
                             else [SAMPLE] * args.sessions)
                    wave.memory_before = memory(pids)
                    cpu_before, machine_before = cpu_seconds(pids), machine_cpu_seconds()
                    stop = asyncio.Event()
                    sampler = asyncio.create_task(sample_memory(pids, wave, stop))
                    started = time.perf_counter()
                    sessions = [run_session(browser, base, files[i], wave, i, args.step_timeout * 1000,
                                            args.ramp * i / max(1, args.sessions))
                                for i in range(args.sessions)]
                    try:
                        await asyncio.wait_for(asyncio.gather(*sessions), timeout=remaining)
                    except TimeoutError:
                        wave.errors.append("overall --timeout reached during the wave")
                    wave.seconds = time.perf_counter() - started
                    wave.server_cpu = cpu_seconds(pids) - cpu_before
                    wave.machine_cpu = machine_cpu_seconds() - machine_before
                    stop.set()
                    await sampler
                    await asyncio.sleep(args.settle)  # closed sessions disconnect; let the server settle
                    wave.memory_after = memory(pids)
                    waves.append(wave)
                    report_wave(wave)
            finally:
                await browser.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return waves


def survey_files_for_wave(count: int, folder: Path, number: int) -> list[Path]:
    """Different files in every wave (seeded by wave and session), as new organisations would bring."""
    from omni.demo import demo_respondents
    from omni.framework import get_framework
    from omni.template import write_workbook

    framework = get_framework("omnichannel-maturity")
    paths = []
    for i in range(count):
        path = folder / f"wave{number}" / f"survey-{i:03d}.xlsx"
        path.parent.mkdir(parents=True, exist_ok=True)
        write_workbook(path, framework, "nl", "respondents",
                       demo_respondents(framework, n=10, seed=number * 10_000 + i, lang="nl"))
        paths.append(path)
    return paths


def fmt_mem(pair: tuple[float, float]) -> str:
    return f"{pair[0]:.0f} MB (with parser workers {pair[1]:.0f} MB)"


def report_wave(wave: Wave) -> None:
    values = wave.all_latencies()
    print(f"\nwave {wave.number}: {wave.seconds:.1f} s, {len(values)} interactions, {len(wave.errors)} errors; "
          f"p50 {percentile(values, 50):.2f} s, p95 {percentile(values, 95):.2f} s, max {max(values, default=math.nan):.2f} s")
    for step in STEPS:
        v = wave.latencies[step]
        if v:
            print(f"  {step:<11} n={len(v):<4} p50 {percentile(v, 50):.2f} s  p95 {percentile(v, 95):.2f} s  "
                  f"max {max(v):.2f} s")
    cores = os.cpu_count() or 1
    print(f"  CPU: app processes {wave.server_cpu:.0f} s, whole machine {wave.machine_cpu:.0f} s of "
          f"{wave.seconds * cores:.0f} s available ({cores} cores); the rest of the machine's CPU went to the "
          f"browser driving the load")
    print(f"  memory before {fmt_mem(wave.memory_before)}; peak during {fmt_mem(wave.memory_peak)}; "
          f"after {fmt_mem(wave.memory_after)}")
    for error in wave.errors[:10]:
        print(f"  error: {error}")
    if len(wave.errors) > 10:
        print(f"  ... and {len(wave.errors) - 10} more errors")
    sys.stdout.flush()


def report(waves: list[Wave], args) -> int:
    values = [v for w in waves for v in w.all_latencies()]
    errors = sum(len(w.errors) for w in waves)
    p95 = percentile(values, 95)
    print(f"\nsummary: {args.sessions} sessions x {len(waves)} waves, {args.processes} app process(es)"
          f"{' behind nginx' if args.via_nginx else ''}: {len(values)} interactions, p50 "
          f"{percentile(values, 50):.2f} s, p95 {p95:.2f} s, errors {errors}")
    print("| wave | interactions | p50 s | p95 s | errors | RSS before MB | RSS peak MB | RSS after MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for w in waves:
        v = w.all_latencies()
        print(f"| {w.number} | {len(v)} | {percentile(v, 50):.2f} | {percentile(v, 95):.2f} | {len(w.errors)} | "
              f"{w.memory_before[0]:.0f} ({w.memory_before[1]:.0f}) | {w.memory_peak[0]:.0f} ({w.memory_peak[1]:.0f}) | "
              f"{w.memory_after[0]:.0f} ({w.memory_after[1]:.0f}) |")
    afters = [w.memory_after[0] for w in waves]
    if len(afters) >= 2:
        growth = [b - a for a, b in zip(afters, afters[1:])]
        print("memory after each wave (app process): " + ", ".join(f"{a:.0f}" for a in afters)
              + " MB; growth wave over wave: " + ", ".join(f"{g:+.0f}" for g in growth) + " MB")
    met = errors == 0 and p95 < args.goal_p95
    print(f"goal p95 < {args.goal_p95} s and no errors: {'met' if met else 'NOT met'}")
    return 0 if met else 1


def loopback_only(url: str) -> str:
    host = urllib.parse.urlparse(url).hostname or ""
    if not (host == "localhost" or host.startswith("127.") or host == "::1"):
        raise SystemExit(f"refusing to load {url}: only loopback addresses are targets of this script")
    return url.rstrip("/")


def find_server_pid(url: str) -> list[int]:
    """The process listening on the URL's port (for --url without --pid)."""
    import psutil

    port = urllib.parse.urlparse(url).port
    try:
        return [c.pid for c in psutil.net_connections("tcp") if c.status == psutil.CONN_LISTEN
                and c.laddr and c.laddr.port == port and c.pid][:1]
    except psutil.Error:
        return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="an app already running on loopback (default: start one)")
    parser.add_argument("--pid", type=int, action="append", help="the app process(es) whose memory to sample")
    parser.add_argument("--sessions", type=int, default=25, help="concurrent sessions per wave (max 200)")
    parser.add_argument("--waves", type=int, default=3, help="waves of sessions, one after another (max 10)")
    parser.add_argument("--timeout", type=float, default=900, help="overall seconds before the run stops itself")
    parser.add_argument("--step-timeout", type=float, default=60, help="seconds one interaction may take")
    parser.add_argument("--ramp", type=float, default=5, help="seconds over which a wave's sessions start")
    parser.add_argument("--settle", type=float, default=5, help="seconds to wait after a wave before 'after'")
    parser.add_argument("--same-file", dest="unique_files", action="store_false",
                        help="every session uploads the demo sample (the parse cache then answers)")
    parser.add_argument("--no-warmup", dest="warmup", action="store_false",
                        help="measure from a cold server (no unmeasured warm-up session first)")
    parser.add_argument("--processes", type=int, default=1, help="app processes to start (with --via-nginx)")
    parser.add_argument("--via-nginx", action="store_true", help="put nginx (sticky sessions) in front")
    parser.add_argument("--goal-p95", type=float, default=1.5)
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    args = parser.parse_args(argv)
    if not (1 <= args.sessions <= 200 and 1 <= args.waves <= 10 and 1 <= args.processes <= 8):
        parser.error("bounded: --sessions 1..200, --waves 1..10, --processes 1..8")
    if args.processes > 1 and not args.via_nginx and not args.url:
        parser.error("several processes need --via-nginx (one address for the browsers)")
    if not args.chromium:
        parser.error("Debian's chromium is not installed (apt-get install chromium)")

    started: list = []
    data_dir = None
    try:
        if args.url:
            base = loopback_only(args.url)
            pids = args.pid or find_server_pid(base)
        else:
            # The processes share one store, as in production (SQLite here unless a URL is set).
            env = {}
            if not (os.environ.get("OMNI_DATABASE_URL") or os.environ.get("DATABASE_URL")):
                data_dir = tempfile.mkdtemp(prefix="omni-load-data-")
                env["OMNI_DATA_DIR"] = data_dir
            apps = [AppProcess(env) for _ in range(args.processes)]
            started.extend(apps)
            pids = [a.pid for a in apps]
            base = apps[0].url
            if args.via_nginx:
                proxy = Nginx([f"127.0.0.1:{a.port}" for a in apps])
                started.append(proxy)
                base = proxy.url
        print(f"target {base}; app processes {pids}; {args.sessions} sessions x {args.waves} waves; "
              f"{os.cpu_count()} cores", flush=True)
        waves = asyncio.run(run(args, base, pids))
        return report(waves, args)
    finally:
        for thing in reversed(started):
            thing.stop()
        if data_dir:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
