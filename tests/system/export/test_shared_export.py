"""One export worker shared by the app processes of a host (OMNI_EXPORT_SOCKET, omni.export.shared):
two processes get their downloads built by the same worker, builder errors arrive as such, a dead
or idle worker is replaced on the next job, a stranger without the key is refused, and no worker is
left behind when the process that started it ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from functools import partial
from multiprocessing.connection import Client

import psutil
import pytest
from helpers import ROOT

from omni.charts import radar_chart
from omni.export import offload, shared
from omni.export.images import render_chart
from omni.scoring import score
from omni.survey import read_survey


@pytest.fixture()
def sock(tmp_path, monkeypatch):
    path = tmp_path / "run" / "export.sock"
    monkeypatch.setenv(shared.SOCKET_ENV, str(path))
    monkeypatch.setenv("OMNI_EXPORT_WORKERS", "1")
    yield path
    offload.shutdown()


def _workers(path) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["cmdline"]):
        if (process.info["cmdline"] or [])[-2:] == ["omni.export.shared", str(path)]:
            found.append(process)
    return found


def _wait(condition, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def _other_process_job(path) -> int:
    """Another app process of the host: the pid of the worker that built its job."""
    code = ("import os; from functools import partial; from omni.export import offload; "
            "print(offload.run(partial(os.getpid)))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={**os.environ, shared.SOCKET_ENV: str(path)}, check=True)
    return int(out.stdout.strip().splitlines()[-1])


def test_two_processes_share_one_worker(sock):
    built_here = offload.run(partial(os.getpid))
    assert built_here != os.getpid()
    assert _other_process_job(sock) == built_here  # the other process did not start a second worker
    assert [p.pid for p in _workers(sock)] == [built_here]
    assert oct(sock.stat().st_mode & 0o777) == "0o600"
    assert oct(sock.with_name("export.sock.key").stat().st_mode & 0o777) == "0o600"
    demo = score(read_survey([ROOT / "data" / "samples" / "demo-survey-en.xlsx"]))
    assert offload.run(partial(render_chart, partial(radar_chart, demo, "en"), "svg"))[:5] in (b"<svg ", b"<?xml")
    with pytest.raises(ValueError, match="format"):  # raised in the shared worker, raised here as such
        offload.run(partial(render_chart, partial(radar_chart, demo, "en"), "gif"))


def test_export_workers_yield_the_cpu_to_the_app_processes(sock, monkeypatch):
    """A shared worker and a process's own worker run at a lower priority than the app process
    (OMNI_EXPORT_NICE, default 10 more niceness); 0 keeps them at the app's priority."""
    mine = os.nice(0)
    assert offload.run(partial(os.nice, 0)) == min(mine + 10, 19)  # the shared worker
    offload.shutdown()
    monkeypatch.delenv(shared.SOCKET_ENV)
    monkeypatch.setenv("OMNI_EXPORT_NICE", "0")
    assert offload.run(partial(os.nice, 0)) == mine  # this process's own worker, at the app's priority
    offload.shutdown()
    monkeypatch.setenv("OMNI_EXPORT_NICE", "5")
    assert offload.run(partial(os.nice, 0)) == min(mine + 5, 19)


def test_a_stranger_without_the_key_is_refused(sock):
    import threading

    worker = offload.run(partial(os.getpid))
    refused: list[BaseException] = []

    def stranger() -> None:
        try:
            Client(str(sock), family="AF_UNIX", authkey=b"not the key")
        except BaseException as exc:  # noqa: BLE001 - what the stranger gets is the point
            refused.append(exc)

    attempt = threading.Thread(target=stranger, daemon=True)  # a worker that skipped the challenge
    attempt.start()                                           # would leave it waiting
    attempt.join(10)
    assert refused, "the connection without the key was neither refused nor answered"
    assert any(word in str(refused[0]).lower() for word in ("digest", "challenge", "authentication")), refused
    assert offload.run(partial(os.getpid)) == worker  # still serving


def test_a_key_file_that_does_not_match_gets_a_new_worker_not_a_failed_download(sock):
    first = offload.run(partial(os.getpid))
    sock.with_name("export.sock.key").write_bytes(b"x" * 32)  # say, left by another worker
    second = offload.run(partial(os.getpid))
    assert second not in (first, os.getpid())
    assert offload.run(partial(os.getpid)) == second


def test_a_dead_worker_is_replaced_on_the_next_job(sock):
    first = offload.run(partial(os.getpid))
    os.kill(first, signal.SIGKILL)
    assert _wait(lambda: not psutil.pid_exists(first) or psutil.Process(first).status() == psutil.STATUS_ZOMBIE)
    second = offload.run(partial(os.getpid))
    assert second not in (first, os.getpid())


def test_an_idle_worker_ends_and_comes_back(sock, monkeypatch):
    monkeypatch.setenv("OMNI_WORKER_IDLE_SECONDS", "1")
    first = offload.run(partial(os.getpid))
    assert _wait(lambda: not _workers(sock)), "the idle worker did not end"
    assert not sock.exists()  # it took its socket with it
    assert offload.run(partial(os.getpid)) not in (first, os.getpid())


def test_no_worker_is_left_when_its_starter_ends(sock):
    worker = _other_process_job(sock)  # started by that process, which has ended
    assert _wait(lambda: not psutil.pid_exists(worker)), "the worker outlived the process that started it"


def test_without_a_reachable_socket_the_download_is_built_here(monkeypatch):
    monkeypatch.setenv(shared.SOCKET_ENV, "/proc/omni-no-such-dir/export.sock")
    assert offload.run(partial(os.getpid)) == os.getpid()


def test_an_export_worker_gives_freed_heap_back():
    """What a worker frees after a job goes back to the system (glibc keeps it otherwise while a
    later allocation pins the top of its heap)."""
    code = """
import psutil
from omni.export.shared import give_back_memory
me = psutil.Process()
blocks = [bytearray(1024) for i in range(200_000)]   # ~200 MB through malloc
kept = blocks[::64]                                  # one in 64 stays: the heap cannot shrink from its top
del blocks
before = me.memory_info().rss
give_back_memory()
print(before >> 20, me.memory_info().rss >> 20)
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         check=True)
    before, after = map(int, out.stdout.split())
    assert before - after > 100, (before, after)


def test_a_second_worker_starts_only_while_the_first_has_a_job(sock, monkeypatch):
    import threading

    monkeypatch.setenv(shared.WORKERS_ENV, "2")

    first = offload.run(partial(os.getpid))
    assert len(_workers(sock)) == 1  # jobs one after another: one worker
    for _ in range(3):
        assert offload.run(partial(os.getpid)) == first
    assert len(_workers(sock)) == 1
    busy = threading.Thread(target=offload.run, args=(partial(time.sleep, 1.5),))
    busy.start()
    assert _wait(lambda: shared._status(sock)[0] == 1, 10)
    assert offload.run(partial(os.getpid)) == first  # a short wait in the queue: no second worker for it
    busy.join()
    assert not sock.with_name("export-2.sock").exists()
    busy = threading.Thread(target=offload.run, args=(partial(time.sleep, shared.SPARE_AFTER_SECONDS + 4),))
    busy.start()
    assert _wait(lambda: shared._status(sock)[0] == 1, 10)
    waiting = threading.Thread(target=offload.run, args=(partial(os.getpid),))
    waiting.start()  # waits behind the long job
    time.sleep(shared.SPARE_AFTER_SECONDS + 0.5)
    assert offload.run(partial(os.getpid)) == first  # a queue that has waited: a second one starts meanwhile
    waiting.join()
    second_sock = sock.with_name("export-2.sock")
    assert _wait(lambda: shared._status(second_sock) is not None, 60), "no second worker was started"
    busy.join()
    busy = threading.Thread(target=offload.run, args=(partial(time.sleep, 3),))
    busy.start()
    assert _wait(lambda: shared._status(sock)[0] == 1, 10)
    second = offload.run(partial(os.getpid))  # the first is busy: the idle second one builds it
    busy.join()
    assert second not in (first, os.getpid()) and len(_workers(sock)) + len(_workers(second_sock)) == 2


def test_one_shared_worker_when_so_configured(sock, monkeypatch):
    import threading

    monkeypatch.setenv(shared.WORKERS_ENV, "1")
    assert shared.worker_paths(sock) == [sock]
    first = offload.run(partial(os.getpid))
    busy = threading.Thread(target=offload.run, args=(partial(time.sleep, 3),))
    busy.start()
    assert _wait(lambda: shared._status(sock)[0] == 1, 10)
    assert offload.run(partial(os.getpid)) == first
    busy.join()
    time.sleep(1)
    assert not sock.with_name("export-2.sock").exists()


def test_how_many_shared_workers(monkeypatch):
    monkeypatch.delenv(shared.WORKERS_ENV, raising=False)
    assert shared.shared_workers() == 2  # the second below the pages' priority, on two cores too
    monkeypatch.setenv(shared.WORKERS_ENV, "3")
    assert shared.shared_workers() == 3
    monkeypatch.setenv(shared.WORKERS_ENV, "1")
    assert shared.shared_workers() == 1
    monkeypatch.setenv(shared.WORKERS_ENV, "0")
    assert shared.shared_workers() == 1  # never none: OMNI_EXPORT_WORKERS=0 is how to build in-process


def test_clicked_jobs_go_before_jobs_built_ahead_until_the_click_for_one_comes(sock, monkeypatch, tmp_path):
    """omni.export.ahead: a build nobody waits for yet waits for the builds a click waits for; when its
    own click comes (promote), it takes its place by arrival among the clicked ones."""
    import threading

    monkeypatch.setenv(shared.WORKERS_ENV, "1")
    log = tmp_path / "order"

    def note(tag: str):
        return partial(os.system, f"echo {tag} >> {log}")

    def jobs() -> int:
        return shared._status(sock)[0]

    offload.run(partial(os.getpid))  # the worker is up
    early = b"e" * shared.KEY_BYTES
    assert not shared.promote(sock, early)  # the click came before its job reached the worker
    for promoted in (False, True, "early"):
        key = early if promoted == "early" else (b"p" if promoted else b"k") * shared.KEY_BYTES
        runs = [threading.Thread(target=offload.run, args=(partial(time.sleep, 2),))]
        runs[-1].start()
        assert _wait(lambda: jobs() == 1, 10)
        runs.append(threading.Thread(target=offload.run, args=(note(f"ahead-{promoted}"),), kwargs={"ahead": key}))
        runs[-1].start()
        assert _wait(lambda: jobs() == 2, 10)
        runs.append(threading.Thread(target=offload.run, args=(note(f"clicked-{promoted}"),)))
        runs[-1].start()
        assert _wait(lambda: jobs() == 3, 10)
        if promoted is True:
            assert shared.promote(sock, key)
        for run in runs:
            run.join(30)
    assert log.read_text().split() == ["clicked-False", "ahead-False", "ahead-True", "clicked-True",
                                       "ahead-early", "clicked-early"]
