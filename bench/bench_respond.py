"""Load benchmark: N respondents answer one survey round at once, through one app process.

Every respondent is a protocol-level session (bench/ws_session.py: Streamlit's websocket, no
browser) that does what a phone user does on /respond: opens the round's link, picks a role and a
department, starts, and then on every screen taps the "now" mark, the "goal" mark and "next" (on a
dimension's importance screen: one choice and "next"), and finally submits. Between two taps it
waits like a person reading a phone screen (--think, default 3 s: uniformly 1.5-4.5 s).

Measured: the latency of every saved answer (from sending the tap until the run that saved it has
finished), of "next" and of the submit (p50/p95/max); afterwards the round is closed and every
respondent's stored answers are read back from the store and compared with what the session sent:
answers lost (sent, not stored as sent) and responses not equal to what was sent must both be 0.

    .venv/bin/python bench/bench_respond.py                      # 50 respondents, starts its own app
    .venv/bin/python bench/bench_respond.py --sessions 10 --think 1

The app runs with SQLite in a temporary folder (or OMNI_DATABASE_URL when set), and the round's flood
limits relaxed for loopback (every session comes from 127.0.0.1). Bounded: --sessions up to 200,
--step-timeout per tap, --timeout overall.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cluster import AppProcess  # noqa: E402
from load_test import cpu_seconds, percentile  # noqa: E402
from ws_session import ALERT_SUCCESS, SessionError, WsSession  # noqa: E402

from omni.attributes import ROLES  # noqa: E402
from omni.framework import get_framework  # noqa: E402
from omni.i18n import t  # noqa: E402
from omni.rounds import DK, NA, respond_screens  # noqa: E402
from omni.survey.model import importance_dimension, importance_key  # noqa: E402

CHOICES = (1, 2, 3, 4, 5, NA, DK)
IMPORTANCE = (1, 2, 3, 4, 5, DK)  # as the importance screen offers (omni.ui.respond.IMPORTANCE_SCORES)
START_ATTEMPTS = 5
APP_ENV = {"OMNI_ROUND_MIN_INTERVAL_SECONDS": "0", "OMNI_ROUND_ADDRESS_INTERVAL_SECONDS": "0",
           "OMNI_ROUND_MAX_PER_ADDRESS": "1000", "OMNI_ROUND_MAX_PER_CLIENT": "1000"}


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    sent: dict[str, dict[str, tuple]] = field(default_factory=dict)  # department -> what the session sent
    errors: list[str] = field(default_factory=list)
    done: int = 0
    retries: int = 0  # starts refused as "too fast" and tried again 2 s later


def importance_label(score, lang: str) -> str:
    return t("dontknow.answer", lang) if score == DK else f"{score}. {t(f'importance.level.{score}', lang)}"


def only(run, kind: str, what: str):
    found = run.of(kind)
    if len(found) != 1:
        raise SessionError(f"{what}: {len(found)} {kind} elements on the screen")
    return found[0]


async def tap(session: WsSession, state, results: Results, step: str, timeout: float, query: str = ""):
    """Send one widget state (a tap) and wait for the run it causes; a button's trigger is dropped afterwards
    as the frontend does. `query`: the address bar's query string (after the start the session state holds the
    resume token, so the bench need not follow the page's own query-string changes)."""
    session.widgets[state.id] = state
    started = time.perf_counter()
    try:
        run = await asyncio.wait_for(session._rerun(page_hash=session.page_hash, query=query), timeout)
    finally:
        if state.HasField("trigger_value"):
            session.widgets.pop(state.id, None)
    results.latencies[step].append(time.perf_counter() - started)
    return run


def button(run, label: str):
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    found = [b for b in run.of("button") if b.label == label]
    if not found:
        raise SessionError(f"no button '{label}' (buttons: {[b.label for b in run.of('button')]})")
    return WidgetState(id=found[0].id, trigger_value=True)


async def respondent(base: str, token: str, framework, index: int, args, results: Results) -> None:
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    rng = random.Random(index)
    lang = args.lang
    department = f"bench-{index:03d}"
    sent: dict[str, tuple] = {}

    async def think() -> None:
        await asyncio.sleep(args.think * rng.uniform(0.5, 1.5))

    await asyncio.sleep(args.ramp * index / max(1, args.sessions))
    session = WsSession(base, lang=lang, timeout=args.step_timeout)
    step = "open"
    try:
        started = time.perf_counter()
        run = await session.open("respond", f"token={token}&lang={lang}")
        results.latencies["open"].append(time.perf_counter() - started)
        await think()
        step = "start"
        role = ROLES[index % len(ROLES)]
        box = only(run, "selectbox", "role")
        session.widgets[box.id] = WidgetState(id=box.id, string_value=role.label(lang))
        inputs = run.of("text_input")
        session.widgets[inputs[0].id] = WidgetState(id=inputs[0].id, string_value=department)
        for attempt in range(START_ATTEMPTS):  # told "try again in a few seconds", a person does
            try:
                run = await tap(session, button(run, t("respond.start", lang)), results, "start", args.step_timeout,
                                query=f"token={token}&lang={lang}")
                break
            except SessionError as exc:
                if "too_fast" not in str(exc) and t("round.err.too_fast", lang)[:30] not in str(exc).replace("\\", ""):
                    raise
                if attempt == START_ATTEMPTS - 1:
                    raise
                results.retries += 1
                await asyncio.sleep(2)
        for screen in respond_screens(framework):
            if screen.kind == "question":
                step = f"question {screen.question}"
                cards = only(run, "bidi_component", screen.question)
                current, target = rng.choice(CHOICES), rng.choice(CHOICES)
                await think()
                run = await tap(session, WidgetState(id=cards.id, json_value=json.dumps(
                    {"answer": {"current": current, "target": None}})), results, "save", args.step_timeout)
                await think()
                run = await tap(session, WidgetState(id=cards.id, json_value=json.dumps(
                    {"answer": {"current": current, "target": target}})), results, "save", args.step_timeout)
                sent[screen.question] = (current, target)
            elif screen.kind == "importance":
                step = f"importance {screen.dimension}"
                radio = only(run, "radio", screen.dimension)
                score = rng.choice(IMPORTANCE)
                await think()
                run = await tap(session, WidgetState(id=radio.id, string_value=importance_label(score, lang)),
                                results, "save", args.step_timeout)
                sent[importance_key(screen.dimension)] = (score,)
            else:
                step = "submit"
                await think()
                run = await tap(session, button(run, t("respond.submit", lang)), results, "submit", args.step_timeout)
                if not any(a.format == ALERT_SUCCESS and a.body == t("respond.thanks", lang) for a in run.of("alert")):
                    raise SessionError("no thank-you message after submitting")
                break
            await think()
            run = await tap(session, button(run, t("respond.next", lang)), results, "next", args.step_timeout)
        results.done += 1
    except (Exception, TimeoutError) as exc:  # noqa: BLE001 - every failure is counted and reported
        text = str(exc).splitlines()[0][:200] if str(exc) else ""
        results.errors.append(f"respondent {index} at {step}: {type(exc).__name__}: {text}")
    finally:
        results.sent[department] = sent
        await session.close()


def compare(engine, round_id: int, results: Results) -> tuple[int, int, int]:
    """(answers sent, answers lost or changed, responses not equal to what was sent), read from the store."""
    from omni.store.rounds import close_round, round_respondent_answers

    close_round(engine, round_id)
    stored = {r.facts["department"]: r for r in round_respondent_answers(engine, round_id)}
    total = lost = unequal = 0
    for department, sent in results.sent.items():
        got = stored.get(department)
        wrong = 0
        for key, values in sent.items():
            total += 1
            if got is None:
                wrong += 1
                continue
            dimension = importance_dimension(key)
            if dimension is not None:
                ok = got.importance.get(dimension) == values[0]
            else:
                ok = tuple(got.answers.get(key, (None, None))[:2]) == values
            wrong += not ok
        lost += wrong
        unequal += bool(wrong) or got is None
    return total, lost, unequal


async def run_all(base: str, token: str, framework, args) -> Results:
    results = Results()
    await asyncio.wait_for(asyncio.gather(*(respondent(base, token, framework, i, args, results)
                                            for i in range(args.sessions))), args.timeout)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=50, help="respondents answering at once (max 200)")
    parser.add_argument("--think", type=float, default=3.0,
                        help="mean seconds between two taps (uniform 0.5-1.5x); 0 taps on at once")
    parser.add_argument("--ramp", type=float, default=10, help="seconds over which the respondents start")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl")
    parser.add_argument("--step-timeout", type=float, default=60, help="seconds one tap may take")
    parser.add_argument("--timeout", type=float, default=1800, help="overall seconds before the run stops itself")
    parser.add_argument("--goal-p95", type=float, default=1.0, help="seconds, p95 per saved answer")
    args = parser.parse_args(argv)
    if not (1 <= args.sessions <= 200 and 0 <= args.think <= 60 and 0 < args.timeout <= 7200):
        parser.error("bounded: --sessions 1..200, --think 0..60 s, --timeout up to 7200 s")

    from omni.store import open_store
    from omni.store.rounds import open_round

    framework = get_framework()
    data_dir = None
    env = dict(APP_ENV)
    url = os.environ.get("OMNI_DATABASE_URL") or os.environ.get("DATABASE_URL")
    if not url:
        data_dir = tempfile.mkdtemp(prefix="omni-respond-bench-")
        env["OMNI_DATA_DIR"] = data_dir
        url = f"sqlite:///{data_dir}/omni.sqlite3"
    app = None
    try:
        app = AppProcess(env)
        engine = open_store(url)
        round_, token = open_round(engine, "Bench & Co", "2026", languages=("nl", "en"))
        print(f"target {app.url}; app process {app.pid}; {args.sessions} respondents; think {args.think} s; "
              f"{len(framework.questions)} questions; {os.cpu_count()} cores (shared machine: other work "
              f"running at the same time shows in the figures)", flush=True)
        cpu_before, wall = cpu_seconds([app.pid]), time.perf_counter()
        results = asyncio.run(run_all(app.url, token, framework, args))
        wall, cpu = time.perf_counter() - wall, cpu_seconds([app.pid]) - cpu_before
        total, lost, unequal = compare(engine, round_.id, results)
        engine.dispose()
    finally:
        if app is not None:
            app.stop()
        if data_dir:
            shutil.rmtree(data_dir, ignore_errors=True)

    print(f"{results.done}/{args.sessions} respondents submitted in {wall:.0f} s; app CPU {cpu:.0f} s "
          f"({cpu / wall:.2f} cores)")
    for kind in ("open", "start", "save", "next", "submit"):
        values = results.latencies.get(kind, [])
        if values:
            print(f"  {kind:<7} n={len(values):>5}  p50 {percentile(values, 50):.3f} s  p95 "
                  f"{percentile(values, 95):.3f} s  max {max(values):.3f} s")
    save_p95 = percentile(results.latencies.get("save", []), 95)
    print(f"starts tried again after 'too fast': {results.retries}")
    print(f"answers sent {total}, lost or changed {lost}; responses not equal to what was sent {unequal}")
    for error in results.errors[:20]:
        print(f"  error: {error}")
    ok = not results.errors and lost == 0 and unequal == 0 and save_p95 < args.goal_p95
    print(f"goal: p95 per saved answer < {args.goal_p95} s, 0 lost, all equal -> {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
