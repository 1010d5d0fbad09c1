"""Where the memory goes: one app process, its parser worker(s) and export worker(s).

Starts the app the way docs/deploy.md does (`streamlit run serve.py`: the app behind its HTTP layer, plus the
warm-up after start; `--launcher script` is the `streamlit` console script deployed before, `--launcher
module` is `python -m streamlit` as the browser tests start it), then measures every process
of the tree - RSS, USS (pages only this process holds) and PSS (shared pages split between their
users), from /proc via psutil - at these points:

1. idle: healthy, no session yet;
2. first page: one session opened Start (the parser worker is warmed in the background);
3. upload + export: that session uploaded a survey, drew Overview and downloaded the report and the
   deck from the Export page (the export worker built them);
4. after --idle seconds without any session (with OMNI_WORKER_IDLE_SECONDS set below --idle, the
   workers should be gone and their memory given back).

For each kind of process it also lists what the worker imports: the modules a fresh interpreter holds
after the worker's own imports (`sys.modules`), the largest packages among them, and the shared
libraries the running process has mapped.

    .venv/bin/python bench/bench_memory.py
    .venv/bin/python bench/bench_memory.py --idle 40 --env OMNI_WORKER_IDLE_SECONDS=20
    .venv/bin/python bench/bench_memory.py --launcher script --env OMNI_WORKER_IDLE_SECONDS=0   # as before #21

Loopback only; the app is stopped at the end. RSS/USS/PSS are not disturbed by other load on the
machine (CPU timings would be).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psutil  # noqa: E402
from cluster import ROOT, free_port, stop_process, wait_healthy  # noqa: E402

SAMPLE = ROOT / "data" / "samples" / "demo-survey-nl.xlsx"
HEAVY = ("pandas", "numpy", "pyarrow", "altair", "vl_convert", "streamlit", "openpyxl", "pptx", "lxml", "PIL",
         "python_calamine", "sqlalchemy", "babel", "yaml", "xlsxwriter", "reportlab", "jsonschema", "tornado",
         "starlette", "uvicorn", "matplotlib", "fpdf", "narwhals")


def kind_of(process: psutil.Process, app_pid: int) -> str:
    if process.pid == app_pid:
        return "app"
    try:
        cmd = " ".join(process.cmdline())
    except psutil.Error:
        return "?"
    if "omni.survey.worker" in cmd:
        return "parser worker"
    if "resource_tracker" in cmd:
        return "mp resource tracker"
    if "multiprocessing" in cmd or "spawn_main" in cmd:
        return "export worker"
    return "other: " + cmd[:60]


def snapshot(app_pid: int) -> list[dict]:
    app = psutil.Process(app_pid)
    rows = []
    for process in [app, *app.children(recursive=True)]:
        try:
            info = process.memory_full_info()
            maps = {m.path for m in process.memory_maps(grouped=True) if ".so" in m.path}
        except psutil.Error:
            continue
        rows.append({"pid": process.pid, "kind": kind_of(process, app_pid), "rss": info.rss / 2**20,
                     "uss": info.uss / 2**20, "pss": getattr(info, "pss", 0) / 2**20, "libs": len(maps)})
    return rows


def show(title: str, rows: list[dict]) -> None:
    print(f"\n{title}")
    print(f"  {'process':<22}{'pid':>8}{'RSS MB':>9}{'USS MB':>9}{'PSS MB':>9}{'.so mapped':>12}")
    for row in sorted(rows, key=lambda r: (r["kind"] != "app", r["kind"], r["pid"])):
        print(f"  {row['kind']:<22}{row['pid']:>8}{row['rss']:>9.0f}{row['uss']:>9.0f}{row['pss']:>9.0f}"
              f"{row['libs']:>12}")
    print(f"  {'total':<22}{'':>8}{sum(r['rss'] for r in rows):>9.0f}{sum(r['uss'] for r in rows):>9.0f}"
          f"{sum(r['pss'] for r in rows):>9.0f}")


def imports_of(code: str, launcher_main: str | None = None) -> tuple[int, float, list[str]]:
    """Modules, own RSS (MB) and the heavy packages of a fresh interpreter after running `code`."""
    probe = (
        "import sys, resource\n"
        + (f"import runpy; runpy.run_path({launcher_main!r}, run_name='__mp_main__')\n" if launcher_main else "")
        + code + "\n"
        "mods = sorted(sys.modules)\n"
        f"heavy = sorted({{m.split('.')[0] for m in mods}} & set({HEAVY!r}))\n"
        "print(len(mods), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, ','.join(heavy))\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=300,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    if out.returncode:
        raise RuntimeError(f"import probe failed: {out.stderr.strip().splitlines()[-1:]}")
    count, peak, *heavy = out.stdout.strip().splitlines()[-1].split(" ", 2)
    return int(count), float(peak), [h for h in "".join(heavy).split(",") if h]


async def one_session(base: str, lang: str, stages: dict, app_pid: int, settle: float,
                      timings: dict[str, float] | None = None) -> None:
    """Start, upload, Overview, Export, report and deck. With `timings` (the session after the idle
    time) nothing waits: it uploads and downloads at once, so the times show how fast the workers
    come back; without, it waits `settle` s on Start and snapshots as it goes."""
    from ws_session import WsSession

    from omni.i18n import t

    session = WsSession(base, lang=lang, timeout=180)
    try:
        run = await session.open("start", f"lang={lang}")
        if timings is None:
            await asyncio.sleep(settle)  # the parser worker starts in the background
            stages["first page (Start)"] = snapshot(app_pid)
        started = time.perf_counter()
        run = await session.upload(session.uploader_id(run), SAMPLE.name, SAMPLE.read_bytes())
        if timings is not None:
            timings["upload right after the first page"] = time.perf_counter() - started
        await session.goto("overview")
        run = await session.goto("export")
        for label in ("export.download_report", "export.download_deck"):
            started = time.perf_counter()
            body = await session.download(run, t(label, lang))
            assert body[:2] == b"PK", label
            if timings is not None:
                timings[f"{label.split('_')[-1]} right after the Export page"] = time.perf_counter() - started
        await asyncio.sleep(1)
        if timings is None:
            stages["after upload + report + deck"] = snapshot(app_pid)
    finally:
        await session.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--launcher", choices=("serve", "script", "module"), default="serve",
                        help="serve: python -m omni.ui.serve run app.py (as deployed); script: .venv/bin/streamlit "
                             "run app.py; module: python -m streamlit")
    parser.add_argument("--idle", type=float, default=0, help="seconds to wait without sessions, then measure again")
    parser.add_argument("--settle", type=float, default=8, help="seconds after start and after the first page")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the app (repeatable)")
    parser.add_argument("--lang", default="nl")
    parser.add_argument("--no-imports", action="store_true", help="skip the import listing")
    args = parser.parse_args(argv)

    env = {**os.environ, **dict(item.split("=", 1) for item in args.env)}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    script = Path(sys.executable).with_name("streamlit")
    command = {"script": [str(script)], "module": [sys.executable, "-m", "streamlit"],
               "serve": [sys.executable, "-m", "streamlit"]}[args.launcher]
    entry = "serve.py" if args.launcher == "serve" else "app.py"  # serve.py: the app behind its HTTP layer, warmed
    log = ROOT / "test-artifacts" / f"bench-memory-{port}.log"
    log.parent.mkdir(exist_ok=True)
    process = subprocess.Popen(
        [*command, "run", str(ROOT / entry), "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env)
    stages: dict[str, list[dict]] = {}
    try:
        started = time.perf_counter()
        wait_healthy(base, process, log)
        print(f"app healthy after {time.perf_counter() - started:.1f} s ({args.launcher} launcher; {base})")
        time.sleep(args.settle)
        stages["idle, no session yet"] = snapshot(process.pid)
        asyncio.run(one_session(base, args.lang, stages, process.pid, args.settle))
        comeback: dict[str, float] = {}
        if args.idle:
            time.sleep(args.idle)
            stages[f"{args.idle:.0f} s after the session left"] = snapshot(process.pid)
            asyncio.run(one_session(base, args.lang, stages, process.pid, 0, comeback))
        for title, rows in stages.items():
            show(title, rows)
        if comeback:
            print("\nThe next visitor after the idle time (workers started on demand; CPU-bound, so noisy on a "
                  "shared machine):")
            for what, seconds in comeback.items():
                print(f"  {what:<40}{seconds:>6.2f} s")
    finally:
        stop_process(process, 20)

    if not args.no_imports:
        # spawn imports the parent's __main__ in the export worker: the console script imports streamlit
        main_script = str(script) if args.launcher == "script" else None
        print("\nWhat each process imports (a fresh interpreter doing the same imports):")
        probes = {
            "app (all pages' imports)": "import streamlit, omni.ui.shell, omni.ui.loading, omni.charts, "
                                        "omni.ui.chart_specs",
            "parser worker": "import omni.survey.isolation",
            "export worker, bare (spawn)": "import multiprocessing.spawn, omni.export.offload",
            "export worker, warmed": "import omni.export.offload as o; o._warm()",
        }
        for title, code in probes.items():
            mains = [None]
            if title.startswith("export worker") and main_script:
                mains.append(main_script)  # spawn runs the launcher script as __mp_main__ in the worker
            for launcher_main in mains:
                count, peak, heavy = imports_of(code, launcher_main)
                label = title + (" + launcher as __mp_main__" if launcher_main else "")
                print(f"  {label:<52} {count:>5} modules, peak RSS {peak:>4.0f} MB: {', '.join(heavy) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
