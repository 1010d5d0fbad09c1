"""Benchmark script (not a test): do real respondents get in while one client floods a round's link?

A round is opened with the shipped limits (omni.rounds.RoundLimits). For `--seconds` of wall-clock
time, `--flooders` threads start new respondents through the domain function as fast as the store
lets them, all from one address (the attack of issue 15: a script filled the 200-respondent cap in
about 10 minutes and all 89 real attempts failed), with a new cookie on every attempt (`--mode
rotate`, the worst case), one cookie (`same`) or none (`none`). Meanwhile `--real` respondents arrive
at random moments, each from their own address with their own browser cookie, except `--office` of
them who share one address (a team in one office); a real respondent who is told "try again in a few
seconds" tries again after 2 s, like the message says, up to 10 times, then saves the answers of the
first dimension.

Prints the real respondents' success rate (goal: 100 %), their time to get in, and what the flood
got. Usage:

    .venv/bin/python bench/bench_flood.py [--seconds 60] [--flooders 4] [--real 50] [--office 10]
                                          [--mode rotate|same|none] [--backend sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from omni.framework import get_framework  # noqa: E402
from omni.rounds import Client, RoundError, RoundLimits  # noqa: E402
from omni.store import open_store  # noqa: E402
from omni.store.rounds import open_round, review_respondents, round_status, save_answers, start_respondent  # noqa: E402
from omni.store.testing import shared_postgres  # noqa: E402

ATTACKER = "203.0.113.66"
OFFICE = "192.0.2.10"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--flooders", type=int, default=4)
    parser.add_argument("--real", type=int, default=50)
    parser.add_argument("--office", type=int, default=10)
    parser.add_argument("--mode", choices=("rotate", "same", "none"), default="rotate")
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    limits = RoundLimits()
    framework = get_framework()
    first = {q.id: (3, 4, "") for q in framework.dimensions[0].questions}
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/flood.sqlite3" if args.backend == "sqlite" else shared_postgres().url("flood")
        engine = open_store(url)
        round_, token = open_round(engine, "Vloed BV", "2026", limits=limits)
        stop = time.monotonic() + args.seconds
        lock = threading.Lock()
        flood = {"attempts": 0, "started": 0, "refused": {}}
        real: list[dict] = []

        def flooder(n: int) -> None:
            i = 0
            while time.monotonic() < stop:
                i += 1
                cookie = {"rotate": f"flood-{n}-{i}", "same": "flood-cookie", "none": None}[args.mode]
                try:
                    start_respondent(engine, token, language="nl", role="it", department="IT", limits=limits,
                                     client=Client(ATTACKER, cookie))
                    outcome = "started"
                except RoundError as err:
                    outcome = err.key
                with lock:
                    flood["attempts"] += 1
                    if outcome == "started":
                        flood["started"] += 1
                    else:
                        flood["refused"][outcome] = flood["refused"].get(outcome, 0) + 1

        def person(i: int, delay: float) -> None:
            time.sleep(delay)
            address = OFFICE if i < args.office else f"198.51.100.{i + 1}"
            client = Client(address, f"browser-{i}")
            began, tries, outcome = time.monotonic(), 0, "?"
            for tries in range(1, 11):  # noqa: B007 - the count is reported
                try:
                    _, resume = start_respondent(engine, token, language="nl", role="marketing",
                                                 department="Marketing", limits=limits, client=client)
                    save_answers(engine, resume, first)
                    outcome = "started"
                    break
                except RoundError as err:
                    outcome = err.key
                    if err.key != "too_fast":
                        break
                    time.sleep(2.0)
            with lock:
                real.append({"outcome": outcome, "tries": tries, "seconds": time.monotonic() - began})

        rng = random.Random(5)
        threads = [threading.Thread(target=flooder, args=(n,)) for n in range(args.flooders)]
        # the office arrives together a third of the way in; the others whenever
        delays = [args.seconds / 3 + rng.uniform(0, 5) if i < args.office else rng.uniform(0, args.seconds * 0.9)
                  for i in range(args.real)]
        threads += [threading.Thread(target=person, args=(i, d)) for i, d in enumerate(delays)]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - began
        ok = [r for r in real if r["outcome"] == "started"]
        times = sorted(r["seconds"] for r in ok)
        status = round_status(engine, round_.id)
        suspects = sum(r.suspect for r in review_respondents(engine, round_.id))
        engine.dispose()
    rate = 100 * len(ok) / len(real) if real else 0.0
    print(f"{args.backend}, {elapsed:.0f} s, flood mode '{args.mode}' from one address with {args.flooders} threads")
    print(f"flood: {flood['attempts']:,} attempts ({flood['attempts'] / elapsed:.0f}/s), {flood['started']} started, "
          f"refused: {dict(sorted(flood['refused'].items()))}")
    print(f"real respondents: {len(ok)} of {len(real)} started = {rate:.0f} % "
          f"({args.office} of them behind one office address); tries: "
          f"{statistics.mean(r['tries'] for r in real):.2f} mean, {max(r['tries'] for r in real)} max")
    if times:
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        print(f"time to get in (start + first save, retries included): p50 {statistics.median(times):.2f} s, "
              f"p95 {p95:.2f} s, max {times[-1]:.2f} s")
    print(f"round: {status.started} started (cap {round_.max_respondents}); the manager sees {suspects} suspects")
    failed = [r["outcome"] for r in real if r["outcome"] != "started"]
    if failed:
        print(f"real respondents refused: {failed}")
    return 0 if rate == 100 else 1


if __name__ == "__main__":
    sys.exit(main())
