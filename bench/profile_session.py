"""Server CPU per interaction: sequential protocol-level sessions, the app's CPU time measured per step.

Where the load test asks "how long does a user wait with N others", this asks "how much CPU does one
interaction cost the app" — the figure that decides how many active sessions one process carries
(one Python process runs every session's script under one GIL). Sessions run one after another,
so other jobs on the machine change the wall time but hardly the CPU seconds.

    .venv/bin/python bench/profile_session.py --sessions 5                # starts its own app
    .venv/bin/python bench/profile_session.py --url http://127.0.0.1:8501 --pid 12345
    .venv/bin/python bench/profile_session.py --py-spy profile.txt        # also sample the app's stacks

With --py-spy (pip install py-spy; needs ptrace) the app is sampled while the measured sessions
run and the functions with the most samples (own and cumulative, threads holding the GIL only)
are printed.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cluster import AppProcess  # noqa: E402
from load_test import EXPORTS, PAGES, cpu_seconds, loopback_only, percentile, survey_files_for_wave  # noqa: E402


def own_cpu(pid: int) -> float:
    import psutil

    t = psutil.Process(pid).cpu_times()
    return t.user + t.system


async def one_session(base: str, pid: int, upload: Path, pages, exports, lang: str,
                      cpu: dict, wall: dict, tree: dict) -> None:
    from ws_session import WsSession

    from omni.i18n import t

    session = WsSession(base, lang=lang)

    async def measured(name, coroutine):
        c0, t0, w0 = own_cpu(pid), cpu_seconds([pid]), time.perf_counter()
        result = await coroutine
        await asyncio.sleep(0.05)  # let the sender task finish writing
        cpu[name].append(own_cpu(pid) - c0)
        tree[name].append(cpu_seconds([pid]) - t0)
        wall[name].append(time.perf_counter() - w0)
        return result

    try:
        run = await measured("open", session.open("start", f"lang={lang}"))
        run = await measured("upload", session.upload(session.uploader_id(run), upload.name, upload.read_bytes()))
        for page in pages:
            run = await measured(page, session.goto(page))
            if page == "export":
                for export in exports:
                    await measured(f"download_{export}", session.download(run, t(EXPORTS[export], lang)))
    finally:
        await session.close()


async def measure_sessions(base: str, pid: int, files: list[Path], pages, exports, args, cpu, wall, tree) -> None:
    """A warm-up session, then the measured ones, one after another, while a bystander session stays
    open: Streamlit drops its compiled page scripts whenever the last session closes, which a server
    with any other visitor never does (it cost ~8 % of the samples when every session was alone)."""
    from ws_session import WsSession

    bystander = WsSession(base, lang=args.lang)
    await bystander.open("start", f"lang={args.lang}")
    try:
        await one_session(base, pid, files[-1], pages, exports, args.lang,
                          *(collections.defaultdict(list) for _ in range(3)))  # warm-up
        spy = None
        if args.py_spy:
            binary = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
            spy = subprocess.Popen([binary, "record", "--pid", str(pid), "--format", "raw", "--gil", "--rate", "200",
                                    "--output", args.py_spy, "--nonblocking"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            await asyncio.sleep(1.0)
        for i in range(args.sessions):
            await one_session(base, pid, files[i], pages, exports, args.lang, cpu, wall, tree)
        if spy is not None:
            spy.send_signal(2)
            spy.wait(timeout=60)
    finally:
        await bystander.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url")
    parser.add_argument("--pid", type=int)
    parser.add_argument("--sessions", type=int, default=5)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--exports", default="report,deck")
    parser.add_argument("--lang", default="nl")
    parser.add_argument("--py-spy", dest="py_spy", help="write py-spy's collapsed stacks here and summarise them")
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= 50:
        parser.error("--sessions 1..50")
    pages = [p for p in args.pages.split(",") if p]
    exports = [e for e in args.exports.split(",") if e]
    app = None
    data_dir = tempfile.mkdtemp(prefix="omni-profile-")
    try:
        if args.url:
            base, pid = loopback_only(args.url), args.pid
        else:
            app = AppProcess({"OMNI_DATA_DIR": data_dir})
            base, pid = app.url, app.pid
        files = survey_files_for_wave(args.sessions + 1, Path(data_dir), 1)
        cpu, wall, tree = (collections.defaultdict(list) for _ in range(3))
        asyncio.run(measure_sessions(base, pid, files, pages, exports, args, cpu, wall, tree))
        print(f"{args.sessions} sequential sessions; per interaction: app process CPU (with parser workers), wall")
        print("| interaction | CPU s p50 | CPU s max | with workers p50 | wall s p50 |")
        print("|---|---:|---:|---:|---:|")
        total = 0.0
        for name in cpu:
            total += sum(cpu[name]) / len(cpu[name])
            print(f"| {name} | {percentile(cpu[name], 50):.3f} | {max(cpu[name]):.3f} | "
                  f"{percentile(tree[name], 50):.3f} | {percentile(wall[name], 50):.3f} |")
        print(f"app process CPU per session (mean sum): {total:.2f} s; with workers: "
              f"{sum(sum(v) / len(v) for v in tree.values()):.2f} s")
        if args.py_spy and Path(args.py_spy).exists():
            summarise(Path(args.py_spy))
    finally:
        if app is not None:
            app.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


def summarise(path: Path, top: int = 40) -> None:
    own: collections.Counter = collections.Counter()
    cumulative: collections.Counter = collections.Counter()
    by_project: collections.Counter = collections.Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = stack.split(";")
        own[frames[-1]] += n
        for frame in set(frames):
            cumulative[frame] += n
        project = [f for f in frames if any(f"({top}" in f for top in ("omni/", "pages/", "app.py"))]
        if project:
            by_project[project[-1]] += n
    print(f"\npy-spy: {total} samples of threads holding the GIL")
    print("top cumulative:")
    for frame, n in cumulative.most_common(top):
        print(f"  {n / total:6.1%}  {frame[:160]}")
    print("top own:")
    for frame, n in own.most_common(25):
        print(f"  {n / total:6.1%}  {frame[:160]}")
    print("innermost project frame:")
    for frame, n in by_project.most_common(25):
        print(f"  {n / total:6.1%}  {frame[:160]}")


if __name__ == "__main__":
    sys.exit(main())
