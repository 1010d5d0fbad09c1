"""A flooded link through the real app (issue 15, finding 5): `streamlit run serve.py` on loopback, driven over
Streamlit's websocket (bench/ws_session.py) the way a browser or a script does it, with the addresses in
X-Forwarded-For as nginx sends them. The app believes that header only from a configured trusted proxy.
"""

from __future__ import annotations

import asyncio
import random
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from bench_flood import ATTACKER, app_attempt  # noqa: E402
from cluster import AppProcess  # noqa: E402

from omni.store import open_store  # noqa: E402
from omni.store.rounds import open_round, round_status  # noqa: E402


@pytest.fixture
def store(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'omni.sqlite3'}")
    yield tmp_path, engine
    engine.dispose()


def _run(coroutine):
    """asyncio.run in a thread of its own: another test (Playwright's sync API) may have left an event
    loop running in the main thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _app(folder: Path, **env: str) -> AppProcess:
    return AppProcess({"OMNI_DATA_DIR": str(folder), "OMNI_DATABASE_URL": "", "DATABASE_URL": "",
                       "OMNI_TRUSTED_PROXIES": "", "OMNI_WARM_UP": "0", **env},
                      log_dir=folder / "logs")


def test_real_respondents_get_in_while_one_address_floods_the_app(store):
    folder, engine = store
    round_, token = open_round(engine, "Vloed BV", "2026")
    app = _app(folder, OMNI_TRUSTED_PROXIES="127.0.0.1")
    flood: list[str] = []
    real: list[str] = []

    async def flooder(stop: float) -> None:
        while time.monotonic() < stop:
            flood.append(await app_attempt(app.url, token, ATTACKER))

    async def person(i: int, delay: float) -> None:
        await asyncio.sleep(delay)
        for _ in range(5):
            outcome = await app_attempt(app.url, token, f"198.51.100.{i + 1}")
            if outcome != "too_fast":
                break
            await asyncio.sleep(2.0)
        real.append(outcome)

    async def everything() -> None:
        rng = random.Random(3)
        stop = time.monotonic() + 15
        await asyncio.gather(flooder(stop), flooder(stop), *(person(i, rng.uniform(1, 12)) for i in range(6)))

    try:
        _run(everything())
    finally:
        app.stop()
    assert real == ["started"] * 6  # 100 % of the real respondents
    assert len(flood) > 20 and set(flood) <= {"started", "too_fast", "address_limit"}
    assert 1 <= flood.count("started") <= 16  # one a second from the flooding address, at most
    assert round_status(engine, round_.id).started == 6 + flood.count("started")


@pytest.mark.parametrize("trusted", [False, True])
def test_x_forwarded_for_counts_only_from_a_trusted_proxy(store, trusted):
    """Three tabs claiming three addresses in X-Forwarded-For: without a trusted proxy they are one address
    (the connection's), so the per-address limit of 2 stops the third; behind the trusted proxy they are three.

    Streamlit's server (uvicorn) believes X-Forwarded-For from 127.0.0.1 on its own (FORWARDED_ALLOW_IPS);
    that is switched off here, so only the app's own OMNI_TRUSTED_PROXIES decides."""
    folder, engine = store
    _, token = open_round(engine, "Kop BV", "2026")
    env = {"OMNI_ROUND_MAX_PER_ADDRESS": "2", "OMNI_ROUND_ADDRESS_INTERVAL_SECONDS": "0",
           "OMNI_ROUND_MIN_INTERVAL_SECONDS": "0", "FORWARDED_ALLOW_IPS": "",
           "OMNI_TRUSTED_PROXIES": "127.0.0.1" if trusted else ""}
    app = _app(folder, **env)

    async def three() -> list[str]:
        return [await app_attempt(app.url, token, f"198.51.100.{i}") for i in (1, 2, 3)]

    try:
        outcomes = _run(three())
    finally:
        app.stop()
    assert outcomes == (["started"] * 3 if trusted else ["started", "started", "address_limit"])
