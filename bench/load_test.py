"""Load test: N concurrent sessions against a running app on loopback, in waves.

Every session opens /start, uploads a survey, visits the pages (default Overview, Dimensions,
Roadmap, Benchmark, Export) and downloads exports from the Export page (default the Excel report
and the board deck). Two clients:

- `--client ws` (default): a protocol-level session per user (bench/ws_session.py): Streamlit's
  websocket with the BackMsgs/ForwardMsgs the frontend sends and receives, the upload PUT and
  the deferred download's media GET. A session costs a few coroutines, so the load generator
  itself uses little CPU (reported per wave) and the figures measure the app. An interaction's
  latency is from sending the BackMsg (or the first HTTP request) until `script_finished` of the
  run it causes (for a download: until the file's last byte has arrived).
- `--client browser`: one Chromium context per session (Playwright, Debian's chromium), latency
  until the page shows what the step must show. On a 2-core machine Chromium itself takes most
  of the CPU, so use it for a handful of sessions, not for capacity figures.

The report: p50/p95/max per interaction kind and overall, errors with reasons, CPU seconds of the
app processes, of the load generator and of the whole machine, and the RSS of the app processes
(alone, and with their children: the intake parser pool) before, at the peak during, and after
each wave. With --memory-stats (default when the script starts the app) it also reads every byte
the app processes hold for sessions from Streamlit's own /_stcore/metrics, measured by object graph
(`server.enableExpensiveMemoryStats`): session state (per session), uploaded files, media files,
st.cache_data, st.cache_resource, and the app's parsed-upload and chart-spec caches
(omni/ui/memory_stats.py) - at the reading during the wave with the most sessions held, and after it.

An active session is a person working through the dashboard: after each page or download they
read for a while before the next click (--think, default 10 s: uniformly 5-15 s) - the model the
goal "25 concurrent active sessions, p95 under 1.5 s" is measured with. `--think 0` has every
session click again the moment its page arrives: a stress test of throughput, not of users.

    .venv/bin/python bench/load_test.py --sessions 25 --waves 3                  # starts its own app
    .venv/bin/python bench/load_test.py --processes 2 --via-nginx --postgres --sessions 100
    .venv/bin/python bench/load_test.py --url http://127.0.0.1:8501 --pid 12345
    .venv/bin/python bench/load_test.py --client browser --sessions 5 --waves 1

Only loopback addresses are accepted as targets. Bounded: --sessions per wave (max 300),
--waves (max 10), --step-timeout per interaction and an overall --timeout after which it stops
by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import math
import os
import random
import shutil
import sys
import tempfile
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cluster import ROOT, AppProcess, Nginx, tree_pss_mb, tree_rss_mb  # noqa: E402

SAMPLE = ROOT / "data" / "samples" / "demo-survey-nl.xlsx"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
PAGES = ("overview", "dimensions", "roadmap", "benchmark", "export")
EXPORTS = {"report": "export.download_report", "deck": "export.download_deck", "chart": "export.download_chart"}
ZIP_EXPORTS = ("report", "deck")


@dataclass
class Wave:
    number: int
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    # (app processes' RSS, RSS of their trees with every worker, PSS of those trees) in MB
    memory_before: tuple[float, float, float] = (math.nan, math.nan, math.nan)
    memory_peak: tuple[float, float, float] = (0.0, 0.0, 0.0)
    memory_after: tuple[float, float, float] = (math.nan, math.nan, math.nan)
    seconds: float = 0.0
    server_cpu: float = 0.0  # CPU seconds the app processes (and parser workers) used in the wave
    finished: list[tuple[float, float]] = field(default_factory=list)  # (perf_counter at the end, seconds taken)
    slowest: list[tuple[float, float, str, str]] = field(default_factory=list)  # (end, seconds, step, process) > 2 s
    timeline: list[tuple[float, list[float], float, float]] = field(default_factory=list)  # see sample_timeline
    timeline_pids: list[int] = field(default_factory=list)
    client_cpu: float = 0.0  # CPU seconds the load generator used in the wave (its browsers included)
    machine_cpu: float = 0.0  # CPU seconds the whole machine used in the wave
    sessions_done: int = 0
    upload_parts: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    upstreams: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # sessions per app process
    by_upstream: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))  # latencies per process
    held_peak: dict[str, float] = field(default_factory=dict)  # bytes by kind at the fullest reading
    held_after: dict[str, float] = field(default_factory=dict)  # bytes by kind after the wave

    @property
    def own_cpu(self) -> dict[int, float]:
        """CPU seconds of each app process alone (without its workers) over the wave: the timeline's
        first and last readings."""
        if len(self.timeline) < 2:
            return {}
        return {pid: last - first for pid, first, last
                in zip(self.timeline_pids, self.timeline[0][1], self.timeline[-1][1])}

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
    ended = time.perf_counter()
    wave.latencies[step].append(ended - started)
    wave.finished.append((ended, ended - started))


# --- the protocol-level session (default) ------------------------------------------------------


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0][:200] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


async def ws_session(base: str, upload: Path, wave: Wave, index: int, args, delay: float) -> None:
    """One user: open Start, upload, visit the pages, download the exports; every step timed."""
    from ws_session import SessionError, WsSession

    from omni.i18n import t

    rng = random.Random(wave.number * 100_000 + index)
    lang = args.lang

    async def think() -> None:
        if args.think > 0:
            await asyncio.sleep(args.think * rng.uniform(0.5, 1.5))

    async def step(name: str, coroutine):
        started = time.perf_counter()
        result = await asyncio.wait_for(coroutine, args.step_timeout)
        ended = time.perf_counter()
        wave.latencies[name].append(ended - started)
        wave.finished.append((ended, ended - started))
        if session.upstream:
            wave.by_upstream[session.upstream].append(ended - started)
        if ended - started > 2.0:
            wave.slowest.append((ended, ended - started, name, session.upstream or "?"))
        return result

    await asyncio.sleep(delay)
    session = WsSession(base, lang=lang, timeout=args.step_timeout)
    name = "open"
    try:
        run = await step("open", session.open("start", f"lang={lang}"))
        uploader = session.uploader_id(run)
        await think()

        name = "upload"
        parts: dict[str, float] = {}
        run = await step("upload", session.upload(uploader, upload.name, upload.read_bytes(), timings=parts))
        for part, seconds in parts.items():
            wave.upload_parts[part].append(seconds)
        if not any(a.body == t("start.ready", lang) for a in run.of("alert")) or not run.charts():
            raise SessionError("upload: no 'ready' message and radar on Start")

        for name in args.pages:
            await think()
            run = await step(name, session.goto(name))
            title = t(f"nav.{name}", lang)
            if not any(h.startswith(title) for h in run.headings()):
                raise SessionError(f"page without its title '{title}' (headings: {run.headings()[:3]})")
            if name == "export":
                for export in args.exports:
                    name = f"download_{export}"
                    await think()
                    body = await step(name, session.download(run, t(EXPORTS[export], lang)))
                    if export in ZIP_EXPORTS and body[:2] != b"PK":
                        raise SessionError(f"{export}: not an Office file ({body[:8]!r})")
        wave.sessions_done += 1
    except (Exception, TimeoutError) as exc:  # noqa: BLE001 - every failure is counted and reported
        wave.errors.append(f"session {index} step {name}: {_short(exc)}")
    finally:
        if session.upstream:
            wave.upstreams[session.upstream] += 1
        await session.close()


# --- the browser session (--client browser) -----------------------------------------------------


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
        wave.sessions_done += 1
    except Exception as exc:  # noqa: BLE001 - every failure is counted and reported, the run goes on
        wave.errors.append(f"session {index} step {step}: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
    finally:
        await context.close()


async def sample_memory(pids: list[int], wave: Wave, stop: asyncio.Event, interval: float = 0.5) -> None:
    readings = 0
    while not stop.is_set():
        # PSS (the kernel adds up each process's smaps) every 5 s; RSS, which is cheap, every half second
        own, total, pss = memory(pids, pss=readings % 10 == 0)
        readings += 1
        wave.memory_peak = (max(wave.memory_peak[0], own), max(wave.memory_peak[1], total),
                            wave.memory_peak[2] if math.isnan(pss) else max(wave.memory_peak[2], pss))
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval)
        except TimeoutError:
            pass


async def sample_timeline(pids: list[int], wave: Wave, stop: asyncio.Event, interval: float = 10.0) -> None:
    """Every `interval` s: (perf_counter, CPU seconds of each app process alone, of their workers, of
    the whole machine) so far; `print_timeline` turns them into shares of a core per interval."""
    wave.timeline_pids = list(pids)
    while True:
        own = own_cpu_seconds(pids)
        wave.timeline.append((time.perf_counter(), [own.get(pid, 0.0) for pid in pids],
                              cpu_seconds(pids) - sum(own.values()), machine_cpu_seconds()))
        if stop.is_set():
            return
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval)
        except TimeoutError:
            pass


def print_timeline(wave: Wave) -> None:
    """Per interval of the wave: how busy each app process (one core at most: one interpreter lock),
    the workers and the machine were, and the p95 of the interactions that ended in it."""
    rows, pids = wave.timeline, wave.timeline_pids
    if len(rows) < 2:
        return
    cores = os.cpu_count() or 1
    start = rows[0][0]  # its perf_counter, to line up other processes' records (gc callbacks) with it
    print(f"  timeline (0 s = perf_counter {start:.2f}): from s | " + " | ".join(f"app {pid} %" for pid in pids)
          + f" | workers % | machine % of {cores} cores | interactions ended | their p95 s")
    for (t0, own0, work0, mach0), (t1, own1, work1, mach1) in zip(rows, rows[1:]):
        span = max(t1 - t0, 1e-9)
        ended = [seconds for end, seconds in wave.finished if t0 <= end < t1]
        shares = " | ".join(f"{(b - a) / span:4.0%}" for a, b in zip(own0, own1))
        print(f"    {t0 - start:5.0f} | {shares} | {(work1 - work0) / span:4.0%} | "
              f"{(mach1 - mach0) / span / cores:4.0%} | {len(ended):4d} | "
              f"{percentile(ended, 95):5.2f}")
    if wave.slowest:  # when the longest waits began and where: a pause that hits many at once shows here
        slow = sorted(wave.slowest, key=lambda item: -item[1])[:10]
        print(f"  interactions over 2 s: {len(wave.slowest)}; the longest (began at s, step, s, process): "
              + ", ".join(f"{end - seconds - start:.1f} {step} {seconds:.2f} {where.rsplit(':', 1)[-1]}"
                          for end, seconds, step, where in slow))


HELD_KINDS = {  # Streamlit's cache_type label -> what the report calls it
    "st_session_state": "session state",
    "UploadedFileManager": "uploaded files",
    "st_memory_media_file_storage": "media files",
    "st_cache_data": "st.cache_data",
    "st_cache_resource": "st.cache_resource",
    "omni_upload_cache": "parsed-upload cache",
    "omni_chart_specs": "chart-spec cache",
}


def read_held(urls: list[str]) -> dict[str, float]:
    """Bytes the app processes hold, by kind, summed over processes (their /_stcore/metrics), and the
    number of sessions connected ("sessions": Streamlit's active_sessions, whose session state is counted)."""
    import urllib.request

    held: dict[str, float] = defaultdict(float)
    for url in urls:
        with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=120) as response:
            text = response.read().decode()
        for line in text.splitlines():
            if line.startswith("cache_memory_bytes{"):
                labels, value = line.rsplit(" ", 1)
                kind = labels.split('cache_type="', 1)[1].split('"', 1)[0]
                held[HELD_KINDS.get(kind, kind)] += float(value)
            elif line.startswith("active_sessions "):
                held["sessions"] += float(line.rsplit(" ", 1)[1])
    return dict(held)


async def sample_held(urls: list[str], wave: Wave, stop: asyncio.Event, interval: float) -> None:
    """Read what the processes hold every `interval` s during the wave; keep the fullest reading."""
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval)
            return
        except TimeoutError:
            pass
        try:
            held = await asyncio.to_thread(read_held, urls)
        except OSError as exc:
            print(f"  (metrics not read: {exc})", flush=True)
            continue
        if held.get("session state", 0) >= wave.held_peak.get("session state", 0):
            wave.held_peak = held


def fmt_held(held: dict[str, float]) -> str:
    if not held:
        return "not read"
    mb = 2**20
    sessions = held.get("sessions", 0)
    total = sum(v for k, v in held.items() if k != "sessions")
    state = held.get("session state", 0)
    per = f" = {state / sessions / mb:.2f} MB per session" if sessions else ""
    parts = ", ".join(f"{k} {held[k] / mb:.1f}" for k in HELD_KINDS.values() if k in held)
    return f"{total / mb:.1f} MB with {sessions:.0f} sessions held (session state {state / mb:.1f} MB{per}); {parts} MB"


def _cpu(process) -> float:
    """User plus system CPU seconds of one process; 0 if it has gone."""
    import psutil

    try:
        times = process.cpu_times()
    except psutil.Error:
        return 0.0
    return times.user + times.system


def _tree_cpu(process) -> float:
    return sum(_cpu(p) for p in [process, *process.children(recursive=True)])


def cpu_seconds(pids: list[int]) -> float:
    """CPU seconds used so far by the app processes and their children (parser workers)."""
    import psutil

    total = 0.0
    for pid in pids:
        try:
            total += _tree_cpu(psutil.Process(pid))
        except psutil.Error:
            pass
    return total


def own_cpu_seconds(pids: list[int]) -> dict[int, float]:
    """CPU seconds used so far by each app process alone: the one that runs its sessions' scripts
    under one GIL, so the one that cannot use more than a core."""
    import psutil

    seconds = {}
    for pid in pids:
        try:
            seconds[pid] = _cpu(psutil.Process(pid))
        except psutil.Error:
            pass
    return seconds


def client_cpu_seconds(infrastructure: list[int]) -> float:
    """CPU seconds of this process and its children, leaving out the app, nginx and their children.

    In ws mode that is this one Python process; in browser mode Playwright's driver and Chromium too.
    """
    import psutil

    me = psutil.Process()
    excluded: set[int] = set()
    for pid in infrastructure:
        try:
            excluded.add(pid)
            excluded.update(c.pid for c in psutil.Process(pid).children(recursive=True))
        except psutil.Error:
            pass
    return _cpu(me) + sum(_cpu(child) for child in me.children(recursive=True) if child.pid not in excluded)


async def background_cpu(pids: list[int], infrastructure: list[int], seconds: float = 2.0) -> float:
    """Cores' worth of CPU the rest of the machine used over a short idle moment (other jobs)."""
    before = machine_cpu_seconds() - cpu_seconds(pids) - client_cpu_seconds(infrastructure)
    await asyncio.sleep(seconds)
    after = machine_cpu_seconds() - cpu_seconds(pids) - client_cpu_seconds(infrastructure)
    return max(0.0, (after - before) / seconds)


def machine_cpu_seconds() -> float:
    import psutil

    times = psutil.cpu_times()
    return times.user + times.system + getattr(times, "nice", 0.0)


def memory(pids: list[int], pss: bool = True) -> tuple[float, float, float]:
    """(RSS of the app processes, RSS of their trees, PSS of their trees) in MB. RSS counts a page
    shared by several processes (a library's code, read-only data) in each of them; PSS splits it
    among them, so the PSS of all the trees is the memory the deployment takes from the machine."""
    pairs = [tree_rss_mb(pid) for pid in pids]
    return (sum(p[0] for p in pairs), sum(p[1] for p in pairs),
            sum(tree_pss_mb(pid) for pid in pids) if pss else math.nan)


class BrowserDriver:
    """Playwright + Chromium for --client browser; one browser, one context per session."""

    def __init__(self, args) -> None:
        self.args = args

    async def __aenter__(self):
        from playwright.async_api import async_playwright

        self._pw = await async_playwright().start()
        self.browser = await self._pw.chromium.launch(executable_path=self.args.chromium, headless=True,
                                                      args=CHROMIUM_ARGS)
        return self

    async def __aexit__(self, *exc) -> None:
        try:
            await self.browser.close()
        finally:
            await self._pw.stop()

    def session(self, base: str, upload: Path, wave: Wave, index: int, delay: float):
        return run_session(self.browser, base, upload, wave, index, self.args.step_timeout * 1000, delay)


class WsDriver:
    def __init__(self, args) -> None:
        self.args = args

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc) -> None:
        return None

    def session(self, base: str, upload: Path, wave: Wave, index: int, delay: float):
        return ws_session(base, upload, wave, index, self.args, delay)


async def run(args, base: str, pids: list[int], infrastructure: list[int]) -> list[Wave]:
    folder = Path(tempfile.mkdtemp(prefix="omni-load-"))
    waves: list[Wave] = []
    deadline = time.monotonic() + args.timeout
    driver_class = BrowserDriver if args.client == "browser" else WsDriver
    try:
        async with driver_class(args) as driver:
            if args.warmup:  # unmeasured sessions: imports, first script runs, store, caches
                warm = Wave(0)
                await asyncio.gather(*(driver.session(base, SAMPLE, warm, -1 - i, 0)
                                       for i in range(max(1, args.processes))))
                if warm.errors:
                    print(f"warm-up errors: {warm.errors[:3]}", flush=True)
            for number in range(1, args.waves + 1):
                remaining = deadline - time.monotonic()
                if remaining <= 5:
                    print(f"overall --timeout reached before wave {number}; stopping", flush=True)
                    break
                wave = Wave(number)
                files = (survey_files_for_wave(args.sessions, folder, number) if args.unique_files
                         else [SAMPLE] * args.sessions)
                busy = await background_cpu(pids, infrastructure)
                if busy > 0.1:
                    print(f"note: before wave {number} other processes used {busy:.0%} of a core; "
                          f"the figures share the machine with them", flush=True)
                wave.memory_before = memory(pids)
                cpu_before, machine_before = cpu_seconds(pids), machine_cpu_seconds()
                client_before = client_cpu_seconds(infrastructure)
                stop = asyncio.Event()
                sampler = asyncio.create_task(sample_memory(pids, wave, stop))
                timeline = asyncio.create_task(sample_timeline(pids, wave, stop))
                held_sampler = (asyncio.create_task(sample_held(args.metrics_urls, wave, stop, args.metrics_every))
                                if args.metrics_urls else None)
                started = time.perf_counter()
                sessions = [driver.session(base, files[i], wave, i, args.ramp * i / max(1, args.sessions))
                            for i in range(args.sessions)]
                try:
                    await asyncio.wait_for(asyncio.gather(*sessions), timeout=remaining)
                except TimeoutError:
                    wave.errors.append("overall --timeout reached during the wave")
                wave.seconds = time.perf_counter() - started
                wave.server_cpu = cpu_seconds(pids) - cpu_before
                wave.machine_cpu = machine_cpu_seconds() - machine_before
                wave.client_cpu = client_cpu_seconds(infrastructure) - client_before
                stop.set()
                await sampler
                await timeline
                if held_sampler is not None:
                    await held_sampler
                await asyncio.sleep(args.settle)  # closed sessions disconnect; let the server settle
                wave.memory_after = memory(pids)
                if args.metrics_urls:  # Streamlit keeps a byte reading for 5 s: take a fresh one
                    await asyncio.sleep(max(0.0, 6 - args.settle))
                    wave.held_after = await asyncio.to_thread(read_held, args.metrics_urls)
                waves.append(wave)
                report_wave(wave, args)
            if args.final_settle > 0 and waves:
                await asyncio.sleep(args.final_settle)
                final = memory(pids)
                print(f"\nmemory {args.final_settle:.0f} s after the last wave: {fmt_mem(final)}", flush=True)
                if args.metrics_urls:
                    held = await asyncio.to_thread(read_held, args.metrics_urls)
                    print(f"held {args.final_settle:.0f} s after the last wave: {fmt_held(held)}", flush=True)
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


def fmt_mem(reading: tuple[float, float, float]) -> str:
    return f"{reading[0]:.0f} MB (with workers {reading[1]:.0f} MB RSS, {reading[2]:.0f} MB PSS)"


def step_order(wave: Wave) -> list[str]:
    known = ["open", "upload", *PAGES, "method", "history", "download", *(f"download_{e}" for e in EXPORTS)]
    return [s for s in known if wave.latencies.get(s)] + [s for s in wave.latencies if s not in known]


def report_wave(wave: Wave, args) -> None:
    values = wave.all_latencies()
    print(f"\nwave {wave.number}: {wave.seconds:.1f} s, {wave.sessions_done}/{args.sessions} sessions complete, "
          f"{len(values)} interactions, {len(wave.errors)} errors; p50 {percentile(values, 50):.2f} s, "
          f"p95 {percentile(values, 95):.2f} s, max {max(values, default=math.nan):.2f} s")
    for step in step_order(wave):
        v = wave.latencies[step]
        print(f"  {step:<16} n={len(v):<4} p50 {percentile(v, 50):.2f} s  p95 {percentile(v, 95):.2f} s  "
              f"max {max(v):.2f} s")
    if wave.upload_parts:
        print("  upload parts (p50/p95): " + ", ".join(
            f"{k} {percentile(v, 50):.3f}/{percentile(v, 95):.3f} s" for k, v in wave.upload_parts.items()))
    if len(wave.upstreams) > 1 or args.via_nginx:
        print("  sessions per app process (nginx X-Omni-Upstream): "
              + ", ".join(f"{k} {v} (p95 {percentile(wave.by_upstream[k], 95):.2f} s)"
                          for k, v in sorted(wave.upstreams.items())))
    cores = os.cpu_count() or 1
    other = max(0.0, wave.machine_cpu - wave.server_cpu - wave.client_cpu)
    if wave.own_cpu:
        print("  CPU seconds of each app process alone (without its workers), share of a core over the wave: "
              + ", ".join(f"{pid} {seconds:.1f} ({seconds / max(wave.seconds, 1e-9):.0%})"
                          for pid, seconds in wave.own_cpu.items()))
    print(f"  CPU seconds: app processes {wave.server_cpu:.1f}, load generator ({args.client}) {wave.client_cpu:.1f}, "
          f"other processes (nginx, database, anything else running) {other:.1f}; whole machine "
          f"{wave.machine_cpu:.1f} of {wave.seconds * cores:.0f} available ({cores} cores)")
    print_timeline(wave)
    print(f"  memory before {fmt_mem(wave.memory_before)}; peak during {fmt_mem(wave.memory_peak)}; "
          f"after {fmt_mem(wave.memory_after)}")
    if args.metrics_urls:
        print(f"  held at the fullest reading: {fmt_held(wave.held_peak)}")
        print(f"  held after the wave: {fmt_held(wave.held_after)}")
    reasons: dict[str, int] = defaultdict(int)
    for error in wave.errors:
        reasons[error.split(": ", 1)[-1] if ": " in error else error] += 1
    for error in wave.errors[:10]:
        print(f"  error: {error}")
    if len(wave.errors) > 10:
        print(f"  ... and {len(wave.errors) - 10} more errors; by reason:")
        for reason, count in sorted(reasons.items(), key=lambda kv: -kv[1])[:10]:
            print(f"    {count} x {reason}")
    sys.stdout.flush()


def report(waves: list[Wave], args) -> int:
    values = [v for w in waves for v in w.all_latencies()]
    errors = sum(len(w.errors) for w in waves)
    p95 = percentile(values, 95)
    print(f"\nsummary ({args.client} client): {args.sessions} sessions x {len(waves)} waves, "
          f"{args.processes} app process(es){' behind nginx' if args.via_nginx else ''}"
          f"{', PostgreSQL' if args.postgres else ''}, think time {args.think:g} s: {len(values)} interactions, "
          f"p50 {percentile(values, 50):.2f} s, p95 {p95:.2f} s, max {max(values, default=math.nan):.2f} s, "
          f"errors {errors}")
    kinds: list[str] = []
    for w in waves:
        kinds += [k for k in step_order(w) if k not in kinds]
    for kind in kinds:
        v = [x for w in waves for x in w.latencies.get(kind, [])]
        print(f"  {kind:<16} n={len(v):<4} p50 {percentile(v, 50):.2f} s  p95 {percentile(v, 95):.2f} s  "
              f"max {max(v, default=math.nan):.2f} s")
    print("| wave | interactions | p50 s | p95 s | errors | app CPU s | client CPU s | RSS before MB | RSS peak MB "
          "| RSS after MB | PSS with workers before / peak / after MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for w in waves:
        v = w.all_latencies()
        print(f"| {w.number} | {len(v)} | {percentile(v, 50):.2f} | {percentile(v, 95):.2f} | {len(w.errors)} | "
              f"{w.server_cpu:.0f} | {w.client_cpu:.1f} | "
              f"{w.memory_before[0]:.0f} ({w.memory_before[1]:.0f}) | {w.memory_peak[0]:.0f} ({w.memory_peak[1]:.0f}) | "
              f"{w.memory_after[0]:.0f} ({w.memory_after[1]:.0f}) | "
              f"{w.memory_before[2]:.0f} / {w.memory_peak[2]:.0f} / {w.memory_after[2]:.0f} |")
    afters = [w.memory_after[0] for w in waves]
    if len(afters) >= 2:
        growth = [b - a for a, b in zip(afters, afters[1:])]
        print("memory after each wave (app process(es)): " + ", ".join(f"{a:.0f}" for a in afters)
              + " MB; growth wave over wave: " + ", ".join(f"{g:+.0f}" for g in growth) + " MB")
        # Flat: the last two steps each within 1 % of the memory (bounded caches fill during the first
        # waves: parsed uploads, chart specs; more waves show where it levels off).
        tail = growth[-2:]
        flat = len(growth) >= 2 and all(abs(g) <= 0.01 * afters[-1] for g in tail)
        print(f"memory plateau over the last three waves: {'yes' if flat else 'not shown (run more --waves)'}")
        pss = [w.memory_after[2] for w in waves]
        print("PSS of the whole deployment (app processes and every worker) after each wave: "
              + ", ".join(f"{a:.0f}" for a in pss) + " MB")
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


def quiet_collector() -> None:
    """Keep the load generator's own collector pauses out of the latencies it measures.

    The generator is one Python process for every simulated user, so each full collection stops all of
    them at once (26 over two 250-session waves, up to 0.27 s each, counted into every interaction in
    flight), where real users' browsers pause one at a time. What is loaded by now is frozen and the
    young generation collected less often: a few full collections in a run instead of dozens."""
    from omni.heap import settle

    settle()
    gc.set_threshold(50_000, 20, 20)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--client", choices=("ws", "browser"), default="ws",
                        help="protocol-level sessions (default) or Chromium contexts")
    parser.add_argument("--url", help="an app already running on loopback (default: start one)")
    parser.add_argument("--pid", type=int, action="append", help="the app process(es) whose memory to sample")
    parser.add_argument("--sessions", type=int, default=25, help="concurrent sessions per wave (max 300)")
    parser.add_argument("--waves", type=int, default=3, help="waves of sessions, one after another (max 10)")
    parser.add_argument("--timeout", type=float, default=900, help="overall seconds before the run stops itself")
    parser.add_argument("--step-timeout", type=float, default=60, help="seconds one interaction may take")
    parser.add_argument("--ramp", type=float, default=5, help="seconds over which a wave's sessions start")
    parser.add_argument("--think", type=float, default=10,
                        help="mean seconds a user reads between interactions (uniform 0.5-1.5x, ws client); "
                             "0: every session clicks on at once, a stress test")
    parser.add_argument("--pages", default=",".join(PAGES),
                        help=f"pages visited after the upload, in order (ws client; default {','.join(PAGES)})")
    parser.add_argument("--exports", default="report,deck",
                        help=f"downloads on the Export page ({','.join(EXPORTS)}; ws client; '' for none)")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl")
    parser.add_argument("--settle", type=float, default=5, help="seconds to wait after a wave before 'after'")
    parser.add_argument("--final-settle", type=float, default=0,
                        help="seconds to wait after the last wave before one more memory reading (disconnected "
                             "sessions are kept for server.disconnectedSessionTTL, 120 s)")
    parser.add_argument("--same-file", dest="unique_files", action="store_false",
                        help="every session uploads the demo sample (the parse cache then answers)")
    parser.add_argument("--no-warmup", dest="warmup", action="store_false",
                        help="measure from a cold server (no unmeasured warm-up session first)")
    parser.add_argument("--processes", type=int, default=1, help="app processes to start (with --via-nginx)")
    parser.add_argument("--memory-stats", action=argparse.BooleanOptionalAction, default=None,
                        help="read the bytes held per session and in every cache from /_stcore/metrics (started "
                             "apps get server.enableExpensiveMemoryStats; default: on when the script starts the "
                             "app; with --url the app must have been started with that option)")
    parser.add_argument("--metrics-every", type=float, default=15.0,
                        help="seconds between held-bytes readings during a wave (each reading walks the object "
                             "graph of every session and pauses the app briefly)")
    parser.add_argument("--shared-export", action=argparse.BooleanOptionalAction, default=None,
                        help="the started app processes share one export worker (OMNI_EXPORT_SOCKET; default: "
                             "on with several processes, as docs/deploy.md recommends)")
    parser.add_argument("--intake-workers", type=int, default=None,
                        help="parser workers per started app process (OMNI_INTAKE_WORKERS; default: the app's "
                             "own, 2, or 1 with several processes, as docs/deploy.md recommends)")
    parser.add_argument("--via-nginx", action="store_true", help="put nginx (sticky sessions) in front")
    parser.add_argument("--balance", choices=("least_conn", "hash"), default="least_conn",
                        help="with --via-nginx: how nginx spreads new browsers over the processes "
                             "(least_conn: docs/deploy.md; hash: a random route cookie hashed, as before)")
    parser.add_argument("--postgres", action="store_true",
                        help="start a private PostgreSQL (omni.store.testing) as the shared store")
    parser.add_argument("--goal-p95", type=float, default=1.5)
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    args = parser.parse_args(argv)
    args.pages = [p for p in args.pages.split(",") if p]
    args.exports = [e for e in args.exports.split(",") if e]
    if not (1 <= args.sessions <= 300 and 1 <= args.waves <= 10 and 1 <= args.processes <= 8):
        parser.error("bounded: --sessions 1..300, --waves 1..10, --processes 1..8")
    if not (0 < args.timeout <= 7200 and 0 < args.step_timeout <= 600 and 0 <= args.think <= 60):
        parser.error("bounded: --timeout up to 7200 s, --step-timeout up to 600 s, --think up to 60 s")
    if unknown := [e for e in args.exports if e not in EXPORTS]:
        parser.error(f"unknown export(s) {unknown}; choose from {list(EXPORTS)}")
    if args.exports and "export" not in args.pages:
        parser.error("--exports needs 'export' in --pages")
    if args.processes > 1 and not args.via_nginx and not args.url:
        parser.error("several processes need --via-nginx (one address for the clients)")
    if args.client == "browser" and not args.chromium:
        parser.error("Debian's chromium is not installed (apt-get install chromium)")

    started: list = []
    cleanup_dirs: list[str] = []
    infrastructure: list[int] = []
    data_dir = None
    try:
        if args.url:
            base = loopback_only(args.url)
            pids = args.pid or find_server_pid(base)
            args.metrics_urls = [base] if args.memory_stats else []
        else:
            # The processes share one store, as in production (SQLite here unless a URL is set).
            env = {}
            if args.postgres:
                from omni.store.testing import TemporaryPostgres

                postgres = TemporaryPostgres()
                started.append(postgres)
                env["OMNI_DATABASE_URL"] = postgres.url("omni_load")
            elif not (os.environ.get("OMNI_DATABASE_URL") or os.environ.get("DATABASE_URL")):
                data_dir = tempfile.mkdtemp(prefix="omni-load-data-")
                env["OMNI_DATA_DIR"] = data_dir
            if args.shared_export is None:
                args.shared_export = args.processes > 1
            if args.intake_workers is None and args.processes > 1:
                args.intake_workers = 1  # docs/deploy.md: one parser worker per process on a 2-core host
            if args.intake_workers is not None:
                env["OMNI_INTAKE_WORKERS"] = str(args.intake_workers)
            if args.shared_export:  # one export worker for the host's processes (docs/deploy.md)
                socket_dir = tempfile.mkdtemp(prefix="omni-load-export-")
                cleanup_dirs.append(socket_dir)
                env["OMNI_EXPORT_SOCKET"] = str(Path(socket_dir) / "export.sock")
            if args.memory_stats is None:
                args.memory_stats = True
            extra = ["--server.enableExpensiveMemoryStats", "true"] if args.memory_stats else []
            apps = [AppProcess(env, args=extra) for _ in range(args.processes)]
            args.metrics_urls = [a.url for a in apps] if args.memory_stats else []
            started.extend(apps)
            pids = [a.pid for a in apps]
            base = apps[0].url
            if args.via_nginx:
                proxy = Nginx([f"127.0.0.1:{a.port}" for a in apps], balance=args.balance)
                started.append(proxy)
                infrastructure.append(proxy.process.pid)
                base = proxy.url
        infrastructure.extend(pids)
        print(f"target {base}; app processes {pids}; {args.client} client; {args.sessions} sessions x "
              f"{args.waves} waves; {os.cpu_count()} cores", flush=True)
        quiet_collector()
        waves = asyncio.run(run(args, base, pids, infrastructure))
        return report(waves, args)
    finally:
        for thing in reversed(started):
            thing.stop()
        if data_dir:
            shutil.rmtree(data_dir, ignore_errors=True)
        for folder in cleanup_dirs:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
