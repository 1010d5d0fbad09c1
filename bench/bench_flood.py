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
    .venv/bin/python bench/bench_flood.py --via-app [--seconds 60] [--flooders 3] [--real 20]

`--via-app` does the same through the real app: it starts `streamlit run serve.py` on loopback with
`OMNI_TRUSTED_PROXIES=127.0.0.1` (as behind nginx) and drives /respond?token=... over Streamlit's
websocket (bench/ws_session.py): every attempt loads the page in a fresh tab (so a new XSRF
cookie: the rotating flood), chooses a role, types a department and presses "Beginnen"; the
addresses travel in X-Forwarded-For, as nginx would send them.
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


async def app_attempt(base: str, token: str, address: str) -> str:
    """One new respondent through the app's respondents' page: 'started' or the refusal shown."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState
    from ws_session import SessionError, WsSession

    session = WsSession(base, headers={"X-Forwarded-For": address})
    try:
        run = await session.open("respond", f"token={token}")
        role = run.of("selectbox")[0]
        department = run.of("text_input")[0]
        button = next(b for b in run.of("button") if b.label == "Beginnen")
        session.widgets = {role.id: WidgetState(id=role.id, string_value=role.options[1]),
                           department.id: WidgetState(id=department.id, string_value="Marketing"),
                           button.id: WidgetState(id=button.id, trigger_value=True)}
        try:
            after = await session._rerun(page_hash=session.page_hash, query=f"token={token}")
        except SessionError as err:
            text = str(err)
            for key, words in (("too_fast", "probeer het over een paar seconden"), ("client_limit", "apparaat"),
                               ("address_limit", "netwerk"), ("full", "maximale aantal")):
                if words in text.lower():
                    return key
            return text[:80]
        return "started" if after.of("progress") else "no progress bar"
    finally:
        await session.close()


def via_app(args) -> int:
    """The flood and the real respondents through the running app (see the module docstring)."""
    import asyncio
    import os

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from cluster import AppProcess

    with tempfile.TemporaryDirectory() as folder:
        env = {"OMNI_DATA_DIR": folder, "OMNI_TRUSTED_PROXIES": "127.0.0.1", "OMNI_DATABASE_URL": "",
               "DATABASE_URL": ""}
        os.environ.update(env)
        engine = open_store(f"sqlite:///{folder}/omni.sqlite3")
        round_, token = open_round(engine, "Vloed BV", "2026", limits=RoundLimits())
        app = AppProcess(env)
        flood = {"attempts": 0, "started": 0, "refused": {}}
        real: list[dict] = []

        async def flooder() -> None:
            while time.monotonic() < stop:
                outcome = await app_attempt(app.url, token, ATTACKER)
                flood["attempts"] += 1
                if outcome == "started":
                    flood["started"] += 1
                else:
                    flood["refused"][outcome] = flood["refused"].get(outcome, 0) + 1

        async def person(i: int, delay: float) -> None:
            await asyncio.sleep(delay)
            began, outcome, tries = time.monotonic(), "?", 0
            for tries in range(1, 11):  # noqa: B007 - the count is reported
                outcome = await app_attempt(app.url, token, f"198.51.100.{i + 1}")
                if outcome != "too_fast":
                    break
                await asyncio.sleep(2.0)
            real.append({"outcome": outcome, "tries": tries, "seconds": time.monotonic() - began})

        async def everything() -> None:
            rng = random.Random(5)
            tasks = [flooder() for _ in range(args.flooders)]
            tasks += [person(i, rng.uniform(2, args.seconds * 0.8)) for i in range(args.real)]
            await asyncio.gather(*tasks)

        try:
            stop = time.monotonic() + args.seconds
            began = time.monotonic()
            asyncio.run(everything())
            elapsed = time.monotonic() - began
        finally:
            app.stop()
        status = round_status(engine, round_.id)
        engine.dispose()
    ok = [r for r in real if r["outcome"] == "started"]
    times = sorted(r["seconds"] for r in ok)
    rate = 100 * len(ok) / len(real) if real else 0.0
    print(f"through the app (websocket, X-Forwarded-For from a trusted proxy), {elapsed:.0f} s, "
          f"{args.flooders} flooding tabs from one address, a fresh cookie on every attempt")
    print(f"flood: {flood['attempts']} attempts, {flood['started']} started, refused: "
          f"{dict(sorted(flood['refused'].items()))}")
    print(f"real respondents: {len(ok)} of {len(real)} started = {rate:.0f} %; tries "
          f"{statistics.mean(r['tries'] for r in real):.2f} mean, {max(r['tries'] for r in real)} max")
    if times:
        print(f"time to get in (page load + start, retries included): p50 {statistics.median(times):.2f} s, "
              f"max {times[-1]:.2f} s")
    print(f"round: {status.started} started (cap {round_.max_respondents})")
    failed = [r["outcome"] for r in real if r["outcome"] != "started"]
    if failed:
        print(f"real respondents refused: {failed}")
    return 0 if rate == 100 else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--flooders", type=int, default=4)
    parser.add_argument("--real", type=int, default=50)
    parser.add_argument("--office", type=int, default=10)
    parser.add_argument("--mode", choices=("rotate", "same", "none"), default="rotate")
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--via-app", action="store_true", help="through the real app over its websocket")
    args = parser.parse_args()
    if args.via_app:
        return via_app(args)
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
