"""Exports built in a separate process, so a deck or report does not hold up everyone else.

One app process runs every session's script under one interpreter lock, so while it builds a board
deck (0.3-0.5 s of CPU) no other session's page moves. Building in a worker process takes that work
off the web process and onto the machine's other core: the web process only pickles the inputs
(an assessment is ~120 kB, 2 ms) and gets bytes back.

`run(job)` takes a picklable zero-argument callable - a `functools.partial` of a module-level
builder such as `build_deck` - and returns its bytes. If the worker cannot take the job (it is not
picklable, the worker died, workers are switched off with OMNI_EXPORT_WORKERS=0) the job is built
in this process instead, so a download never fails for the worker's sake. An error raised by the
builder itself is raised here, as if it had run in this process.

The worker holds ~270 MB once it has built a deck. When no job ran and no download button was drawn
(`keep_warm`) for OMNI_WORKER_IDLE_SECONDS (omni.settings.worker_idle_seconds), the pool is shut
down and its memory given back; the next download button drawn starts it again in the background.
With OMNI_EXPORT_SOCKET set, the app processes of a host share one worker instead
(omni.export.shared).
"""

from __future__ import annotations

import concurrent.futures as cf
import logging
import multiprocessing
import pickle
import sys
import threading
import time
import types
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool

from omni.export import shared
from omni.settings import env_number, worker_idle_seconds

log = logging.getLogger("omni.export")

TIMEOUT_SECONDS = 300  # a deck of a very large survey with images stays well below this

_lock = threading.Lock()
_pool: cf.ProcessPoolExecutor | None = None
_busy = 0  # jobs submitted and not yet answered
_last_used = 0.0  # time.monotonic() of the last job's end, warm-up or keep_warm
_watcher: threading.Thread | None = None
_warming = False
retired = 0  # pools shut down for being idle (for tests and benchmarks)


def workers() -> int:
    """Worker processes for exports (OMNI_EXPORT_WORKERS, default 1; 0 builds in this process)."""
    return int(env_number("OMNI_EXPORT_WORKERS", 1, minimum=0, maximum=8))


def _ready() -> bool:
    return True


def _call(payload: bytes) -> bytes:
    """In the worker: the job, pickled once by `run`, called; then the worker's heap settled
    (omni.export.shared.after_job)."""
    try:
        return pickle.loads(payload)()
    finally:
        shared.after_job()


def _submit(pool: cf.ProcessPoolExecutor, fn: Callable, *args: object) -> cf.Future:
    """`pool.submit`, which starts the worker process when none runs - with a bare `__main__`.

    "spawn" makes a new worker import the parent's `__main__` first. In the web server that is not
    Streamlit's launcher but the page script Streamlit ran last (its script runner puts each run's
    module in sys.modules["__main__"], with the script's path): every export worker ran app.py at
    start, importing all of Streamlit and the pages. A placeholder without a file or spec while the
    process starts gives the worker nothing to import. Streamlit never reads sys.modules["__main__"]
    back; a script run that replaces it meanwhile is left as it is."""
    saved = sys.modules.get("__main__")
    bare = types.ModuleType("__main__")
    sys.modules["__main__"] = bare
    try:
        return pool.submit(fn, *args)
    finally:
        if sys.modules.get("__main__") is bare and saved is not None:
            sys.modules["__main__"] = saved


def _get_pool() -> cf.ProcessPoolExecutor | None:
    global _pool, _last_used, _watcher
    count = workers()
    if count == 0:
        return None
    with _lock:
        _last_used = time.monotonic()
        if _pool is None:
            # "spawn": a fresh interpreter, never a fork of the threaded web server.
            _pool = cf.ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("spawn"),
                                           initializer=shared.warm_builders)
        if _watcher is None and worker_idle_seconds() > 0:
            _watcher = threading.Thread(target=_retire_when_idle, name="export-idle", daemon=True)
            _watcher.start()
        return _pool


def _retire_when_idle() -> None:
    """Shut the pool down once it has had no job and no keep_warm for the idle time; then end. Looks
    at most once a second while a pool exists."""
    global _pool, _watcher, retired
    while True:
        idle = worker_idle_seconds()
        with _lock:
            pool = _pool
            wait = _last_used + idle - time.monotonic()
            if pool is None or idle <= 0:
                _watcher = None
                return
            if wait <= 0 and _busy == 0:
                _pool, _watcher = None, None
                retired += 1
                break
        time.sleep(min(max(wait, 0.2), 1.0))
    pool.shutdown(wait=True)  # no job is running; the processes end and are joined


def keep_warm() -> None:
    """The Export page is in use: the worker counts as used now, and if none runs, one is started in
    the background (cheap enough to call on every download button drawn)."""
    global _last_used, _warming
    if workers() == 0:
        return
    if (path := shared.socket_path()) is not None:
        shared.keep_warm(path)
        return
    with _lock:
        _last_used = time.monotonic()
        if _pool is not None or _warming:
            return
        _warming = True

    def start() -> None:
        global _warming
        try:
            warm()
        finally:
            with _lock:
                _warming = False

    threading.Thread(target=start, name="export-warm", daemon=True).start()


def _discard(pool: cf.ProcessPoolExecutor) -> None:
    """Drop a broken or stuck pool: its processes are stopped, the next job starts a fresh one."""
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    # The executor has no public way to stop a worker that hangs (Python 3.14 adds one).
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def warm() -> bool:
    """Start the worker(s) now (in the background, when the Export page is first drawn), so the first
    export does not wait for a Python start-up. True when a worker answered."""
    if workers() > 0 and (path := shared.socket_path()) is not None:
        try:
            shared.ensure_running(path)
            return True
        except shared.Unavailable:
            log.warning("shared export worker did not start", exc_info=True)
            return False
    _count_busy(+1)  # a start-up slower than the idle time must not be shut down halfway
    try:
        pool = _get_pool()
        if pool is None:
            return False
        try:
            return _submit(pool, _ready).result(timeout=120)
        except Exception:  # noqa: BLE001 - a worker that cannot start is replaced on first use
            log.warning("export worker did not start", exc_info=True)
            _discard(pool)
            return False
    finally:
        _count_busy(-1)


class NoWorker(Exception):
    """No export worker could take a job that must not be built in the web process (`run(here=False)`)."""


def _name(job: Callable[[], bytes]) -> str:
    """The builder's name for a log line (a job's repr holds the whole assessment: many kB)."""
    func = getattr(job, "func", job)
    return f"{getattr(func, '__module__', '?')}.{getattr(func, '__qualname__', type(func).__name__)}"


def _here(job: Callable[[], bytes], here: bool) -> bytes:
    if not here:
        raise NoWorker(_name(job))
    return job()


def run(job: Callable[[], bytes], payload: bytes | None = None, here: bool = True,
        ahead: bytes | None = None) -> bytes:
    """`job()` built in an export worker; in this process when no worker can take it. `payload`: the
    job already pickled (omni.export.ahead hashes those bytes), so it is not pickled twice. `here=False`
    (a build nobody waits for yet): raise NoWorker instead of building in this process. `ahead`: the
    job's key when it is built ahead of the click: a shared worker builds it after the clicked jobs
    (until `promote(ahead)`); a worker of this process's own takes jobs in order of arrival."""
    if workers() == 0:
        return _here(job, here)
    path = shared.socket_path()
    _count_busy(+1)  # before taking the pool, so the idle watcher cannot shut it down under this job
    try:
        pool = _get_pool() if path is None else None
        try:
            # Pickled here, once: a job that cannot travel fails now, not in the pool's feeder thread.
            if payload is None:
                payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - any object that cannot travel is built here
            log.warning("export job %s cannot be sent to a worker; built in the web process", _name(job))
            return _here(job, here)
        if pool is None:
            try:
                return shared.run(path, payload, TIMEOUT_SECONDS, ahead=ahead)
            except shared.Unavailable:
                if not here:
                    raise NoWorker(_name(job)) from None
                log.error("no shared export worker for %s; built in the web process", _name(job), exc_info=True)
                return job()
        return _run_in(pool, payload, job, here)
    finally:
        _count_busy(-1)


def promote(key: bytes) -> None:
    """A click now waits for the job built ahead under `key` (see `run`)."""
    if workers() > 0 and (path := shared.socket_path()) is not None:
        shared.promote(path, key)


def _count_busy(step: int) -> None:
    global _busy, _last_used
    with _lock:
        _busy += step
        _last_used = time.monotonic()


def _run_in(pool: cf.ProcessPoolExecutor, payload: bytes, job: Callable[[], bytes], here: bool) -> bytes:
    try:
        future = _submit(pool, _call, payload)
    except (BrokenProcessPool, RuntimeError):  # a dead pool, or one shut down meanwhile
        _discard(pool)
        return _here(job, here)
    try:
        return future.result(timeout=TIMEOUT_SECONDS)
    except BrokenProcessPool:
        _discard(pool)
        if not here:
            raise NoWorker(_name(job)) from None
        log.error("export worker died while building %s; built in the web process", _name(job))
        return job()
    except cf.TimeoutError:
        log.error("export worker did not finish %s within %d s", _name(job), TIMEOUT_SECONDS)
        _discard(pool)
        raise


def shutdown() -> None:
    global _pool
    shared.stop_started()
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)
