"""One export worker for all the app processes of a host (OMNI_EXPORT_SOCKET).

Each app process has its own export worker by default (omni.export.offload): on a host that runs two
app processes that is two workers of ~180 MB each, while one of them is enough for the downloads of
both (a deck costs ~0.2 CPU-s). With OMNI_EXPORT_SOCKET set to a path that every app process of the
host can reach (the same value for all of them), the processes share one worker that listens on a
Unix socket there:

- the first process that needs it starts it (`python -m omni.export.shared PATH`) under a file lock,
  so two processes never start two; it is a child of that process and is counted in its memory;
- it builds one job at a time, as a pool of one worker does, and answers with the bytes or with the
  builder's exception, raised again in the asking process; jobs a click waits for go first, in order
  of arrival, before the jobs built ahead of the click (omni.export.ahead), unless the click for one
  of those has come (`promote`);
- a job goes to the running worker with the fewest jobs; when a download has waited 5 s, the next
  is started in the background (up to OMNI_EXPORT_SHARED_WORKERS, each on its own socket beside the
  first; default 1 on a 2-core host, 2 on a larger one), so a queue that builds up on a host with
  cores to spare gets a second worker, while downloads that overlap now and then keep one;
- it ends when it has had no job and no `keep_warm` for OMNI_WORKER_IDLE_SECONDS (0: never), or when
  the process that started it is gone; the next process that needs one starts a new one.

Only the host's own user can ask it anything: the socket and the key it was started with are files
of mode 600, and a connection must prove it knows the key (multiprocessing.connection's challenge)
before the worker unpickles a job from it. If no worker can be reached or started, `run` raises
`Unavailable` and omni.export.offload builds in the web process, so a download never fails for it.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import fcntl
import logging
import os
import pickle
import secrets
import signal
import subprocess
import sys
import threading
import time
from multiprocessing import AuthenticationError
from multiprocessing.connection import Client, Connection, Listener
from pathlib import Path

from omni.heap import settle_once
from omni.settings import env_number, worker_idle_seconds

log = logging.getLogger("omni.export")

SOCKET_ENV = "OMNI_EXPORT_SOCKET"
WORKERS_ENV = "OMNI_EXPORT_SHARED_WORKERS"
SPARE_AFTER_SECONDS = 5.0  # a job waiting this long in the least busy worker: start one more
START_SECONDS = 120.0  # a worker's imports take ~2 s on a quiet machine; a busy one may take much longer
# A job; a question how many jobs a worker has (in progress or waiting); the same, counting as use
_JOB, _STATUS, _KEEP = b"J", b"S", b"K"
# A job built ahead (omni.export.ahead: nobody waits for it yet), with its 32-byte key; the click that
# now waits for the job with that key
_AHEAD, _PROMOTE = b"A", b"P"
KEY_BYTES = 32

_started: list[subprocess.Popen] = []  # the workers this process started
_starting: set[Path] = set()  # workers this process is starting in the background
_last_ping = 0.0
_lock = threading.Lock()


class Unavailable(Exception):
    """No shared worker could be reached or started."""


def socket_path() -> Path | None:
    """The shared worker's socket (OMNI_EXPORT_SOCKET), or None: each process has its own worker."""
    value = os.environ.get(SOCKET_ENV, "").strip()
    return Path(value) if value else None


def shared_workers() -> int:
    """At most this many shared workers at once (OMNI_EXPORT_SHARED_WORKERS, default 2): the first
    builds every download; the next is started only when a download has waited SPARE_AFTER_SECONDS in
    it. Two on two cores as well: the workers run below the app processes' priority (export_niceness),
    so a second one takes only what the pages leave - at 250 sessions the end of a wave, when one
    worker was the only busy core (README, Load, ninth round)."""
    return int(env_number(WORKERS_ENV, 2, minimum=1, maximum=8))


def worker_paths(path: Path) -> list[Path]:
    """The sockets of the host's shared workers: `path`, then `<stem>-2<suffix>`, ..."""
    return [path] + [path.with_name(f"{path.stem}-{i}{path.suffix}") for i in range(2, shared_workers() + 1)]


def _key_path(path: Path) -> Path:
    return path.with_name(path.name + ".key")


def _connect(path: Path) -> Connection:
    try:
        key = _key_path(path).read_bytes()
        return Client(str(path), family="AF_UNIX", authkey=key)
    except (OSError, EOFError, ValueError, AuthenticationError) as exc:
        # no worker, a stale socket, a worker just ending, a key file of another worker
        raise Unavailable(str(exc)) from exc


def _status(path: Path, message: bytes = _STATUS) -> tuple[int, float] | None:
    """(the jobs the worker at `path` has, in progress or waiting; how long the longest-waiting one has
    waited, seconds); None when no worker answers there."""
    try:
        with contextlib.closing(_connect(path)) as conn:
            conn.send_bytes(message)
            if not conn.poll(10):
                return None
            answer = conn.recv_bytes()
    except (Unavailable, OSError, EOFError):
        return None
    try:
        jobs, waited = answer.split()
        return int(jobs), float(waited)
    except ValueError:
        return None


def _answers(path: Path) -> bool:
    return _status(path) is not None


def ensure_running(path: Path) -> None:
    """A worker answers at `path` when this returns; started by this process if none did."""
    if _answers(path):
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = open(path.with_name(path.name + ".lock"), "a+b")  # noqa: SIM115 - closed by the with below
    except OSError as exc:  # a path no process of this host can use: each builds for itself
        raise Unavailable(f"{path}: {exc}") from exc
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be starting one right now
        try:
            if _answers(path):
                return
            env = {**os.environ, "PYTHONPATH": os.pathsep.join(
                p for p in (str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH", "")) if p)}
            process = subprocess.Popen([sys.executable, "-m", "omni.export.shared", str(path)],
                                       stdin=subprocess.DEVNULL, env=env, close_fds=True)
            with _lock:
                _started.append(process)
            threading.Thread(target=process.wait, name="export-shared-reaper", daemon=True).start()
            deadline = time.monotonic() + START_SECONDS
            while time.monotonic() < deadline:
                if process.poll() is not None:
                    raise Unavailable(f"the shared export worker ended at start (exit code {process.returncode})")
                if _answers(path):
                    return
                time.sleep(0.05)
            process.kill()
            raise Unavailable(f"the shared export worker did not answer within {START_SECONDS:.0f} s")
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _start_in_background(path: Path, *, keep: bool = False) -> None:
    """Make sure a worker runs at `path`, in a thread of its own (once at a time per path); `keep`:
    and tell it that it is in use."""
    with _lock:
        if path in _starting:
            return
        _starting.add(path)

    def start() -> None:
        try:
            ensure_running(path)
            if keep:
                _status(path, _KEEP)
        except Unavailable:
            log.warning("a shared export worker could not be started", exc_info=True)
        finally:
            with _lock:
                _starting.discard(path)

    threading.Thread(target=start, name="export-shared-start", daemon=True).start()


def _pick(path: Path) -> Path:
    """The worker for the next job: the running one with the fewest jobs (the first on a tie). When
    even that one has a job that has waited more than SPARE_AFTER_SECONDS and fewer than
    shared_workers() run, the next one is started in the background for the jobs after this one:
    downloads that queue now and then (100 sessions: a deck takes ~0.3 s) keep one worker; a queue
    that builds up (250 sessions) gets a second."""
    loads = [(candidate, _status(candidate)) for candidate in worker_paths(path)]
    running = [(candidate, status) for candidate, status in loads if status is not None]
    if not running:
        ensure_running(path)
        return path
    best, (jobs, waited) = min(running, key=lambda item: item[1][0])
    if jobs > 0 and waited > SPARE_AFTER_SECONDS and (
            spare := next((c for c, status in loads if status is None), None)) is not None:
        _start_in_background(spare)
    return best


def run(path: Path, payload: bytes, timeout: float, ahead: bytes | None = None) -> bytes:
    """The pickled job `payload` built by a shared worker: its bytes, or the builder's exception
    raised here. Raises Unavailable when no worker can take it (the caller builds it itself).
    `ahead`: the key of a job built ahead - it waits in the worker until no clicked job does, unless
    `promote(path, ahead)` says a click now waits for it."""
    if ahead is not None and len(ahead) != KEY_BYTES:
        raise ValueError(f"a job's key is {KEY_BYTES} bytes")
    message = _JOB + payload if ahead is None else _AHEAD + ahead + payload
    for attempt in (1, 2):  # a worker that ended between the check and the job: start one, once more
        try:
            target = _pick(path)
            with contextlib.closing(_connect(target)) as conn:
                conn.send_bytes(message)
                answered = conn.poll(timeout)
                if answered:
                    status, value = pickle.loads(conn.recv_bytes())
        except (Unavailable, OSError, EOFError) as exc:
            if attempt == 2:
                raise Unavailable(str(exc)) from exc
            continue
        if not answered:  # a stuck build: not built again here, as with a worker of one's own
            raise cf.TimeoutError(f"the shared export worker did not answer within {timeout:.0f} s")
        if status == "error":
            raise value
        return value
    raise Unavailable("unreachable")


def promote(path: Path, key: bytes) -> bool:
    """A click waits for the job built ahead under `key`: whichever worker holds it builds it next
    (with the clicked jobs, in order of arrival). True when a worker held it waiting."""
    found = False
    for candidate in worker_paths(path):
        try:
            with contextlib.closing(_connect(candidate)) as conn:
                conn.send_bytes(_PROMOTE + key)
                found = (conn.poll(10) and conn.recv_bytes() == b"1") or found
        except (Unavailable, OSError, EOFError):
            continue
    return found


def keep_warm(path: Path) -> None:
    """Downloads are on screen: the worker counts as used now, and is started (in the background) if
    none runs. Tells it at most every 5 s per process."""
    global _last_ping
    with _lock:
        now = time.monotonic()
        if now - _last_ping < 5.0:
            return
        _last_ping = now
    _start_in_background(path, keep=True)


def stop_started() -> None:
    """End the worker this process started (at server shutdown); the other processes start another
    when they next need one."""
    with _lock:
        processes = list(_started)
        _started.clear()
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)


def warm_builders() -> None:
    """Import the builders once when a worker starts (this one, or a process's own in
    omni.export.offload), not on its first job; and, as the web process does (omni.ui.chart_specs),
    no schema check of every chart object as it is made. The worker then runs at a lower priority than
    the app processes (omni.settings.export_niceness), so a page someone waits for is never queued
    behind a deck built ahead."""
    from altair.utils import schemapi

    from omni.settings import export_niceness

    if niceness := export_niceness():
        with contextlib.suppress(OSError):
            os.nice(niceness)

    schemapi.disable_debug_mode()
    import omni.export.deck  # noqa: F401
    import omni.export.images  # noqa: F401
    import omni.export.pdf_report  # noqa: F401
    import omni.export.report  # noqa: F401


_trim = None


def after_job() -> None:
    """In an export worker after each job: the first one's lasting loads (fonts, locale data, modules
    a builder imports on first use) frozen with the imports (omni.heap), then the freed heap given back."""
    settle_once()
    give_back_memory()


def give_back_memory() -> None:
    """After a job in an export worker: glibc's allocator returns the free pages of its heaps to the
    system (malloc_trim). A worker that built a few hundred decks held ~37 MB of freed heap that it
    did not give back on its own (measured with gdb on a worker under load); the call costs ~20 µs."""
    global _trim
    if _trim is None:
        import ctypes

        try:
            _trim = ctypes.CDLL(None).malloc_trim
        except (OSError, AttributeError):  # not glibc
            _trim = False
    if _trim:
        _trim(0)


# --- the worker -------------------------------------------------------------------------------------


class _Turns:
    """One job at a time, in order of arrival, clicked jobs first: a job built ahead (with a key)
    waits while any clicked job waits, until a click promotes it (then it counts as clicked, from the
    moment it arrived). A click can come while its job is still on the way here: the key is kept
    (the last EARLY_KEYS of them) and the job counts as clicked when it arrives."""

    EARLY_KEYS = 256

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._busy = False
        self._queue: dict[int, list] = {}  # token -> [0 clicked / 1 ahead, arrival number, key]
        self._arrivals = 0
        self._early: dict[bytes, None] = {}  # promoted before their job arrived, oldest first

    @contextlib.contextmanager
    def turn(self, token: int, key: bytes | None):
        with self._changed:
            self._arrivals += 1
            clicked = key is None or self._early.pop(key, False) is None
            self._queue[token] = [0 if clicked else 1, self._arrivals, key]
            while self._busy or min(self._queue, key=lambda t: self._queue[t][:2]) != token:
                self._changed.wait()
            del self._queue[token]
            self._busy = True
        try:
            yield
        finally:
            with self._changed:
                self._busy = False
                self._changed.notify_all()

    def promote(self, key: bytes) -> bool:
        """True when the job was waiting here; else its key is kept for when it arrives."""
        with self._changed:
            for entry in self._queue.values():
                if entry[2] == key:
                    entry[0] = 0
                    self._changed.notify_all()
                    return True
            self._early[key] = None
            while len(self._early) > self.EARLY_KEYS:
                del self._early[next(iter(self._early))]
        return False


def serve(path: Path) -> None:
    """Listen at `path` until idle for OMNI_WORKER_IDLE_SECONDS or the starting process is gone."""
    warm_builders()
    key = secrets.token_bytes(32)
    key_file = _key_path(path)
    temporary = key_file.with_name(key_file.name + f".{os.getpid()}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(key)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()  # a socket left by a worker that was killed (the starter holds the lock)
    old_mask = os.umask(0o177)
    try:
        listener = Listener(str(path), family="AF_UNIX", authkey=key)
    finally:
        os.umask(old_mask)
    os.replace(temporary, key_file)  # clients read the key of the listener that is up
    inode = path.stat().st_ino
    state = {"last": time.monotonic(), "busy": 0}
    waiting: dict[int, float] = {}  # job -> when it arrived, while it waits for the one before it
    guard = threading.Lock()
    turns = _Turns()
    parent = os.getppid()

    def handle(conn: Connection) -> None:
        with contextlib.closing(conn):
            try:
                message = conn.recv_bytes()
            except (EOFError, OSError):
                return
            kind = message[:1]
            if kind == _PROMOTE:
                conn.send_bytes(b"1" if turns.promote(message[1:]) else b"0")
                return
            if kind not in (_JOB, _AHEAD):
                with guard:
                    now = time.monotonic()
                    if message[:1] == _KEEP:
                        state["last"] = now
                    jobs = state["busy"]
                    waited = now - min(waiting.values(), default=now)
                conn.send_bytes(f"{jobs} {waited:.3f}".encode())
                return
            token = id(conn)
            key, job = (None, message[1:]) if kind == _JOB else (message[1:1 + KEY_BYTES], message[1 + KEY_BYTES:])
            with guard:
                state["busy"] += 1
                state["last"] = waiting[token] = time.monotonic()
            try:
                with turns.turn(token, key):
                    with guard:
                        waiting.pop(token, None)
                    try:
                        answer = ("ok", pickle.loads(job)())
                    except Exception as exc:  # noqa: BLE001 - the builder's own error goes back to the caller
                        answer = ("error", exc)
                    after_job()
                try:
                    data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
                except Exception:  # noqa: BLE001 - an exception that cannot travel goes back as its text
                    data = pickle.dumps(("error", RuntimeError(repr(answer[1]))))
                with contextlib.suppress(OSError):
                    conn.send_bytes(data)
            finally:
                with guard:
                    waiting.pop(token, None)
                    state["busy"] -= 1
                    state["last"] = time.monotonic()

    def end(*_: object) -> None:
        with contextlib.suppress(OSError):
            if path.stat().st_ino == inode:  # not a newer worker's socket
                path.unlink()
        os._exit(0)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            idle = worker_idle_seconds()
            with guard:
                quiet = state["busy"] == 0 and idle > 0 and time.monotonic() - state["last"] > idle
            if quiet or os.getppid() != parent:
                end()

    signal.signal(signal.SIGTERM, end)
    threading.Thread(target=watch, name="export-shared-idle", daemon=True).start()
    while True:
        try:
            conn = listener.accept()
        except Exception:  # noqa: BLE001 - a client that did not know the key (AuthenticationError), or left
            continue
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    serve(Path(sys.argv[1]))
