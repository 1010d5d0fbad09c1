"""Parsing in separate, limited processes, so no upload can take the server down.

A parser runs in a worker process started with `python -m omni.survey.worker`: its address
space is capped (RLIMIT_AS: what it needed to start plus `parse_memory_mb`), it writes no core
dumps, and every file gets a wall-clock deadline (`parse_seconds`). Whatever happens inside -
python-calamine aborting the process on an impossible allocation, a Python MemoryError, a
runaway parse - the server sees a Problem naming the limit, and the pool starts a fresh worker.

Workers are kept ready between files (a small pool), because starting Python and importing the
parser costs more than reading a typical survey; a worker left idle for OMNI_WORKER_IDLE_SECONDS
(omni.settings.worker_idle_seconds) ends, giving its ~150 MB back, and `keep_warm` (called on every
page) starts one again in the background when the app is used. Requests and answers travel as pickles over
the worker's stdin/stdout; a worker that dies mid-request shows up as end-of-file. Large byte
strings an object hands out as `pickle.PickleBuffer` (protocol 5) travel beside the pickle and are
read straight into their own buffer, so a 20 MB template is not copied twice more on each side.
"""

from __future__ import annotations

import atexit
import dataclasses
import functools
import gc
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from omni.heap import settle_once
from omni.settings import worker_idle_seconds
from omni.survey.limits import IntakeLimits
from omni.survey.parse import ParseRequest, parse_file
from omni.survey.problems import ERROR, Problem
from omni.survey.raw import RawSurvey

_HEADER = struct.Struct(">Q")
_FRAME = struct.Struct(">QQ")  # pickle length, number of out-of-band buffers after it


def _frame(obj: object) -> list:
    """`obj` as the pieces to write: frame header, pickle, and each out-of-band buffer with its length."""
    buffers: list[pickle.PickleBuffer] = []
    payload = pickle.dumps(obj, protocol=5, buffer_callback=buffers.append)
    pieces: list = [_FRAME.pack(len(payload), len(buffers)), payload]
    for buffer in buffers:
        raw = buffer.raw()
        pieces += [_HEADER.pack(raw.nbytes), raw]
    return pieces


def _unframe(read) -> object:
    """The object `_frame` wrote, with `read(size)` giving exactly `size` bytes (a bytearray)."""
    size, count = _FRAME.unpack(read(_FRAME.size))
    payload = read(size)
    buffers = [read(_HEADER.unpack(read(_HEADER.size))[0]) for _ in range(count)]
    return pickle.loads(payload, buffers=buffers)
_ROOT = str(Path(__file__).resolve().parent.parent.parent)


class WorkerFailed(Exception):
    """The worker could not deliver a result: `key` says why (a problem text key)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key, self.params = key, params


class _Worker:
    """One parser process and its pipes."""

    def __init__(self, memory_mb: int) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_ROOT, env.get("PYTHONPATH", "")) if p)
        env["RUST_BACKTRACE"] = "0"  # a panic is reported as a problem; no backtrace needed
        self.stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "omni.survey.worker", str(int(memory_mb))],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr, env=env, cwd=_ROOT,
            close_fds=True, start_new_session=True)
        self.killed = False
        self.idle_since = time.monotonic()  # when it last finished a request (or started)

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def run(self, request: ParseRequest, timeout: float) -> RawSurvey:
        deadline = time.monotonic() + timeout
        pieces = _frame(request)
        try:
            assert self.proc.stdin is not None
            for piece in pieces:
                self.proc.stdin.write(piece)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            raise self._failure() from None
        del pieces
        reply = _unframe(lambda size: self._read(size, deadline))
        status = reply[0]
        if status == "ok":
            return reply[1]
        if status == "final":  # answered by the scan while the parser was busy; the process ends
            self.kill()
            return reply[1]
        self.kill()
        if status == "memory":
            raise WorkerFailed("problem.limit_memory")
        raise WorkerFailed("problem.parser_failed")

    def _read(self, size: int, deadline: float) -> bytearray:
        """Exactly `size` bytes from the worker, read into one buffer (no chunks joined afterwards)."""
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        buffer = bytearray(size)
        view, got = memoryview(buffer), 0
        while got < size:
            wait = deadline - time.monotonic()
            if wait <= 0:
                self.kill()
                raise WorkerFailed("problem.limit_time")
            ready, _, _ = select.select([fd], [], [], wait)
            if not ready:
                continue
            count = os.readv(fd, [view[got:got + min(size - got, 1 << 22)]])
            if not count:
                raise self._failure()
            got += count
        return buffer

    def _failure(self) -> WorkerFailed:
        """Why the worker ended: its exit signal and its last words on stderr."""
        try:
            code = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()
            code = self.proc.returncode
        self.stderr.seek(0, os.SEEK_END)
        size = self.stderr.tell()
        self.stderr.seek(max(0, size - 4096))
        said = self.stderr.read().decode("utf-8", "replace").lower()
        if "memory allocation" in said or "memoryerror" in said or "out of memory" in said \
                or code == -signal.SIGKILL:
            return WorkerFailed("problem.limit_memory")
        return WorkerFailed("problem.parser_failed")

    def kill(self) -> None:
        self.killed = True
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        self.stderr.close()


class ParserPool:
    """Up to `workers` parser processes, each used by one request at a time.

    A worker idle for `idle_seconds` (0: never) is ended by a watcher thread that runs only while
    there are idle workers; the next request or `keep_warm` starts a fresh one."""

    def __init__(self, workers: int, memory_mb: int, idle_seconds: float | None = None) -> None:
        self.size, self.memory_mb = max(1, workers), memory_mb
        self.idle_seconds = worker_idle_seconds() if idle_seconds is None else max(0.0, idle_seconds)
        self._idle: list[_Worker] = []
        self._started = 0
        self._cond = threading.Condition()
        self._stop = threading.Event()  # wakes the idle watcher on close (never shares _cond's waiters)
        self._watcher: threading.Thread | None = None
        self._warming = False
        self.restarts = 0  # workers replaced after a crash, a limit or a time-out
        self.retired = 0  # workers ended after idle_seconds without a request

    def warm(self, count: int = 1) -> None:
        """Start workers ahead of the first upload."""
        with self._cond:
            while self._started < min(count, self.size):
                self._idle.append(_Worker(self.memory_mb))
                self._started += 1
            self._watch()

    def keep_warm(self, count: int = 1) -> None:
        """The app is in use: idle workers count as used now, and if fewer than `count` run, start
        them in a background thread (cheap enough to call on every page)."""
        now = time.monotonic()
        with self._cond:
            for worker in self._idle:
                worker.idle_since = now
            if self._warming or self._started >= min(count, self.size):
                return
            self._warming = True

        def start() -> None:
            try:
                self.warm(count)
            finally:
                with self._cond:
                    self._warming = False

        threading.Thread(target=start, name="intake-warm", daemon=True).start()

    def _watch(self) -> None:
        """Start the idle watcher if workers are idle and none runs (caller holds _cond)."""
        if self.idle_seconds > 0 and self._idle and self._watcher is None and not self._stop.is_set():
            self._watcher = threading.Thread(target=self._retire_idle, name="intake-idle", daemon=True)
            self._watcher.start()

    def _retire_idle(self) -> None:
        while True:
            with self._cond:
                if not self._idle or self._stop.is_set():
                    self._watcher = None
                    return
                now = time.monotonic()
                expired = [w for w in self._idle if now - w.idle_since >= self.idle_seconds]
                for worker in expired:
                    self._idle.remove(worker)
                self._started -= len(expired)
                self.retired += len(expired)
                wait = min((w.idle_since + self.idle_seconds - now for w in self._idle), default=0.0)
            for worker in expired:  # closing its stdin ends the worker's loop; kill() makes sure
                worker.kill()
            if wait > 0:
                self._stop.wait(wait + 0.05)

    def _acquire(self) -> _Worker:
        with self._cond:
            while True:
                while self._idle:
                    worker = self._idle.pop()
                    if worker.alive:
                        return worker
                    worker.kill()
                    self._started -= 1
                if self._started < self.size:
                    self._started += 1
                    break
                self._cond.wait()
        try:
            return _Worker(self.memory_mb)
        except BaseException:
            with self._cond:
                self._started -= 1
                self._cond.notify()
            raise

    def _release(self, worker: _Worker, healthy: bool) -> None:
        with self._cond:
            if healthy and worker.alive and not worker.killed:
                worker.idle_since = time.monotonic()
                self._idle.append(worker)
                self._watch()
            else:
                worker.kill()
                self._started -= 1
                self.restarts += 1
            self._cond.notify()

    def parse(self, request: ParseRequest, timeout: float) -> RawSurvey:
        """Parse in a worker; a crash, limit or time-out raises WorkerFailed (worker replaced).

        `request` may also be any picklable object with a `run()` method (a job such as checking a
        corporate template): the worker answers with what `run()` returns, under the same limits."""
        worker = self._acquire()
        healthy = False
        try:
            raw = worker.run(request, timeout)
            healthy = True
            return raw
        finally:
            self._release(worker, healthy)

    def close(self) -> None:
        self._stop.set()
        with self._cond:
            for worker in self._idle:
                worker.kill()
            self._started -= len(self._idle)
            self._idle.clear()


_POOLS: dict[tuple[int, int], ParserPool] = {}
_POOLS_LOCK = threading.Lock()


def pool_for(limits: IntakeLimits) -> ParserPool:
    """The shared pool for these limits (one per memory limit and size, kept for the process)."""
    key = (limits.workers, limits.parse_memory_mb)
    with _POOLS_LOCK:
        if key not in _POOLS:
            _POOLS[key] = ParserPool(*key)
        return _POOLS[key]


@atexit.register
def close_pools() -> None:
    with _POOLS_LOCK:
        for pool in _POOLS.values():
            pool.close()


def parse_isolated(request: ParseRequest) -> RawSurvey:
    """Parse one file in a limited worker process; failures become a Problem naming the limit.

    When a worker dies (a parser abort, the memory limit), the file is scanned once more in a
    fresh worker, placing every cell, so the message can name the limit the file broke rather
    than only the crash. A file that ran out of time is reported as such.
    """
    limits = request.limits
    if not limits.isolate:
        return parse_file(request)
    pool = pool_for(limits)
    try:
        return pool.parse(request, limits.parse_seconds)
    except OSError:  # no worker could be started (process or file limits of the server)
        raw = RawSurvey(file=request.name)
        raw.problems.append(Problem.make(ERROR, "problem.parser_failed", file=request.name))
        return raw
    except WorkerFailed as failed:
        raw = RawSurvey(file=request.name)
        if request.kind != "csv" and not request.diagnose and failed.key != "problem.limit_time":
            try:
                diagnosis = pool.parse(dataclasses.replace(request, diagnose=True), limits.parse_seconds)
            except WorkerFailed:
                diagnosis = None
            if diagnosis is not None and any(p.is_error for p in diagnosis.problems):
                raw.problems.extend(diagnosis.problems)
                return raw
        params = {"limit": limits.parse_memory_mb} if failed.key == "problem.limit_memory" else (
            {"limit": float(limits.parse_seconds)} if failed.key == "problem.limit_time" else {})
        raw.problems.append(Problem.make(ERROR, failed.key, file=request.name, **params))
        return raw


# --- the worker process -------------------------------------------------------------------------


def _limit_memory(memory_mb: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        with open("/proc/self/statm") as statm:
            in_use = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        in_use = 0
    cap = in_use + memory_mb * 2**20
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


class _EndOfInput(Exception):
    """The server closed the pipe: the worker's work is done."""


def _read_exactly(stream, size: int) -> bytearray:
    buffer = bytearray(size)
    view, got = memoryview(buffer), 0
    while got < size:
        count = stream.readinto(view[got:])
        if not count:
            raise _EndOfInput
        got += count
    return buffer


def _write(stream, obj: object) -> None:
    for piece in _frame(obj):
        stream.write(piece)
    stream.flush()


def serve(memory_mb: int) -> None:
    """The worker's loop: read a request, parse, answer; until the server closes the pipe."""
    requests = sys.stdin.buffer
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print must not corrupt replies
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _limit_memory(memory_mb)
    # A parse makes a million short-lived objects and no cycles worth chasing: collect between
    # requests (after answering), not during them; what the first request loaded for good (modules
    # imported on first use, caches) is frozen then, so later collections walk only a request's own
    # objects (omni.heap: 15 ms of a ~35 ms upload went to walking the libraries after every file).
    gc.disable()
    lock = threading.Lock()

    def answer_now(problem: Problem, name: str) -> None:
        # The scan refused the file while the parser is still busy: answer, and end the process
        # (the only way to stop python-calamine); the pool starts a new worker.
        raw = RawSurvey(file=name)
        raw.problems.append(problem)
        with lock:
            _write(replies, ("final", raw))
            os._exit(0)

    while True:
        try:
            request = _unframe(lambda size: _read_exactly(requests, size))
        except _EndOfInput:
            return
        done = False
        try:
            if isinstance(request, ParseRequest):
                result = parse_file(request, on_refused=functools.partial(answer_now, name=request.name))
            else:  # another bounded job (omni.export.brand: a template or logo to check): it answers itself
                result = request.run()
            reply = ("ok", result)
        except MemoryError:
            reply, done = ("memory",), True
        except BaseException as exc:  # noqa: BLE001 - a Rust panic surfaces as BaseException
            print(f"parser failed: {type(exc).__name__}", file=sys.stderr)
            reply, done = ("failed", type(exc).__name__), True
        del request
        try:
            with lock:
                _write(replies, reply)
        except MemoryError:  # no room to pickle the answer: say so in a few bytes
            with lock:
                _write(replies, ("memory",))
            done = True
        del reply
        if not settle_once():
            gc.collect()
        if done:  # after a memory error or panic the process state is not to be trusted
            return
