"""Downloads built while the user reads the Export page, so the click finds the file ready.

A board deck or a report is built when its button is clicked (`st.download_button(data=callable)`),
and the click then waits for the export worker: ~0.2 s on a quiet machine, several seconds when many
sessions ask at once (the downloads set the p95 of the 250-session load test). The Export page is
read for a while before anyone clicks, so the page starts the build of its main downloads as it is
drawn (`Prepared.start`), in the export worker as a click would, and the click takes the result.

Per session and download (a "slot"): the build is started once for the same inputs - a rerun of the
page with the same choices starts nothing; a changed choice (parts, wave name, template) starts a new
build and forgets the old one. The click takes the bytes once and drops them (Streamlit holds the
downloaded file from then on); a second click, or a return to the page with the same choices, builds
on demand again. A build that has not reached the worker when the click comes is withdrawn and built
at once, as if never started; one waiting in a shared worker, where builds ahead wait for the builds
a click waits for (omni.export.shared), is moved up to a clicked job's place; a build that failed is
built again on the click, so its error is raised where the click is answered, as it was before.

Only the inputs decide: the key is a hash of the pickled job (builder and every argument), the very
bytes the worker unpickles, so the click never gets a file made from other choices. A build ahead is
only ever made by an export worker: with workers switched off (OMNI_EXPORT_WORKERS=0), or none to be
had, nothing is built before the click.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import logging
import pickle
import threading
from collections.abc import Callable

from omni.export import offload

log = logging.getLogger("omni.export")

# Builds waiting for the export worker, per app process: they wait in the worker's queue anyway, so
# a few threads keep it fed without holding a connection for every session that opened the page.
_THREADS = 4
_pool: cf.ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()
started = 0  # builds started ahead in this process (for tests and benchmarks)
taken = 0  # clicks answered with a build started ahead


def _executor() -> cf.ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = cf.ThreadPoolExecutor(max_workers=_THREADS, thread_name_prefix="export-ahead")
        return _pool


def _build(payload: bytes, job: Callable[[], bytes], key: bytes) -> bytes:
    # Never in the web process: a build nobody waits for yet must not hold up the pages; in a shared
    # worker after the downloads someone waits for.
    return offload.run(job, payload=payload, here=False, ahead=key)


class Prepared:
    """One session's downloads built ahead: per slot the hash of the job's inputs and its build
    (None once the click took it)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._slots: dict[str, tuple[bytes, cf.Future | None]] = {}

    def start(self, slot: str, job: Callable[[], bytes]) -> Callable[[], bytes]:
        """Start building `job` (a picklable partial of a module-level builder) unless the same job
        was started for this slot before; return what the click calls for its bytes."""
        global started
        if offload.workers() == 0:  # exports are built in the web process: only when clicked
            return lambda: offload.run(job)
        try:
            payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - a job that cannot travel is built on the click, in this process
            return lambda: offload.run(job)
        digest = hashlib.sha256(payload).digest()
        with self._lock:
            held = self._slots.get(slot)
            if held is None or held[0] != digest:
                if held is not None and held[1] is not None:
                    held[1].cancel()  # other choices now: an old build not yet under way is dropped
                self._slots[slot] = (digest, _executor().submit(_build, payload, job, digest))
                started += 1

        def take() -> bytes:  # holds the job (objects the session holds anyway), not its pickled bytes
            return self._take(slot, digest, job)

        return take

    def _take(self, slot: str, digest: bytes, job: Callable[[], bytes]) -> bytes:
        global taken
        with self._lock:
            held = self._slots.get(slot)
            future = held[1] if held is not None and held[0] == digest else None
            if future is not None:
                self._slots[slot] = (digest, None)  # taken: the bytes are the download's from now on
        if future is None or future.cancel():  # none ahead (or not under way yet): built now
            return offload.run(job)
        if not future.done():
            offload.promote(digest)  # waiting in the worker behind other clicks' jobs: its turn now
        try:
            data = future.result()
        except offload.NoWorker:  # the worker was gone (ended, restarting): built now, as a click does
            return offload.run(job)
        except Exception:  # noqa: BLE001 - built again on the click, so the error is raised here
            log.info("a download built ahead failed; building it on the click", exc_info=True)
            return offload.run(job)
        taken += 1
        return data

    def pending(self) -> int:
        """Builds started ahead and not yet taken (for tests)."""
        with self._lock:
            return sum(1 for _, future in self._slots.values() if future is not None)
