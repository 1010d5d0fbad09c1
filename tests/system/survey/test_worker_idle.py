"""Idle workers give their memory back and come back when needed (OMNI_WORKER_IDLE_SECONDS).

Real worker processes throughout: a parser pool reading the shipped demo survey and the export
worker building from a real assessment; "gone" is checked on the process id with psutil."""

from __future__ import annotations

import os
import time

import psutil
import pytest
from helpers import ROOT

from omni.export import offload
from omni.framework import get_framework
from omni.settings import worker_idle_seconds
from omni.survey.isolation import ParserPool
from omni.survey.parse import ParseRequest

DEMO = ROOT / "data" / "samples" / "demo-survey-en.xlsx"


def _request() -> ParseRequest:
    return ParseRequest(DEMO.name, DEMO.read_bytes(), "xlsx", (get_framework("omnichannel-maturity"),), True)


def _parsed(pool: ParserPool) -> bool:
    raw = pool.parse(_request(), 60)
    return bool(raw.questions) and not any(p.is_error for p in raw.problems)


def _gone(pid: int, within: float = 20.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.1)
    return False


def _worker_pids(pool: ParserPool) -> list[int]:
    return [worker.proc.pid for worker in pool._idle]


def test_setting(monkeypatch):
    assert worker_idle_seconds({}) == 300
    assert worker_idle_seconds({"OMNI_WORKER_IDLE_SECONDS": "0"}) == 0
    assert worker_idle_seconds({"OMNI_WORKER_IDLE_SECONDS": "12.5"}) == 12.5
    with pytest.raises(ValueError, match="OMNI_WORKER_IDLE_SECONDS"):
        worker_idle_seconds({"OMNI_WORKER_IDLE_SECONDS": "soon"})


def test_idle_parser_worker_ends_and_the_next_file_gets_a_fresh_one():
    pool = ParserPool(1, 1024, idle_seconds=1.5)
    try:
        assert _parsed(pool)
        [first] = _worker_pids(pool)
        assert not _gone(first, within=0.5)  # kept between files
        assert _gone(first), "the idle worker did not end"
        assert pool.retired == 1 and _worker_pids(pool) == [] and pool._started == 0
        assert _parsed(pool)  # the next file still works
        [second] = _worker_pids(pool)
        assert second != first and pool.restarts == 0
    finally:
        pool.close()


def test_keep_warm_starts_a_worker_and_keeps_it_while_the_app_is_used():
    pool = ParserPool(2, 1024, idle_seconds=1.5)
    try:
        pool.keep_warm()
        deadline = time.monotonic() + 10
        while not _worker_pids(pool) and time.monotonic() < deadline:
            time.sleep(0.05)
        [worker] = _worker_pids(pool)  # one, not the pool's size
        for _ in range(12):  # pages drawn for 3 s, longer than the idle time
            pool.keep_warm()
            time.sleep(0.25)
        assert _worker_pids(pool) == [worker] and pool.retired == 0
        assert _gone(worker)  # nobody around: it ends
        pool.keep_warm()  # the next visitor's first page starts one again
        deadline = time.monotonic() + 10
        while not _worker_pids(pool) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _worker_pids(pool) and _worker_pids(pool) != [worker]
    finally:
        pool.close()


def test_never_ends_with_zero():
    pool = ParserPool(1, 1024, idle_seconds=0)
    try:
        pool.warm()
        [worker] = _worker_pids(pool)
        assert pool._watcher is None and not _gone(worker, within=1.0)
    finally:
        pool.close()


def _pid() -> bytes:
    return str(os.getpid()).encode()


def test_idle_export_worker_ends_and_the_next_export_gets_a_fresh_one(monkeypatch):
    offload.shutdown()
    monkeypatch.setenv("OMNI_WORKER_IDLE_SECONDS", "1.5")
    retired = offload.retired
    try:
        first = int(offload.run(_pid))
        assert first != os.getpid()
        assert _gone(first), "the idle export worker did not end"
        assert offload.retired == retired + 1 and offload._pool is None
        second = int(offload.run(_pid))  # the next download still works, in a fresh worker
        assert second not in (first, os.getpid())
        for _ in range(12):  # the Export page drawn again and again for 3 s: the worker stays
            offload.keep_warm()
            time.sleep(0.25)
        assert int(offload.run(_pid)) == second
    finally:
        offload.shutdown()


def test_keep_warm_restarts_the_export_worker_in_the_background(monkeypatch):
    offload.shutdown()
    monkeypatch.setenv("OMNI_WORKER_IDLE_SECONDS", "300")
    try:
        assert offload._pool is None
        offload.keep_warm()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (offload._pool is not None and not offload._warming):
            time.sleep(0.05)
        assert offload._pool is not None
        assert int(offload.run(_pid)) != os.getpid()
    finally:
        offload.shutdown()


def _main_modules() -> bytes:
    import sys

    main = sys.modules["__main__"]
    return f"{'streamlit' in sys.modules} {getattr(main, '__file__', None)}".encode()


def test_export_worker_does_not_run_the_page_script(monkeypatch, tmp_path):
    """Streamlit's script runner leaves the last page script in sys.modules["__main__"]; a spawned
    worker must not run it (it imported all of Streamlit and the pages into every export worker)."""
    import sys
    import types

    marker = tmp_path / "ran"
    script = tmp_path / "page.py"
    script.write_text(f"open({str(marker)!r}, 'w').close()\nimport streamlit\n", encoding="utf-8")
    page = types.ModuleType("__main__")
    page.__file__ = str(script)
    offload.shutdown()
    monkeypatch.setitem(sys.modules, "__main__", page)
    try:
        assert offload.run(_main_modules) == b"False None"
        assert not marker.exists()
        assert sys.modules["__main__"] is page  # put back
    finally:
        offload.shutdown()
