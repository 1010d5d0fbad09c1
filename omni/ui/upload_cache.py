"""The parsed-upload cache: bounded by bytes, and a session's entries released when the session ends.

Reading and scoring an upload is cached on a hash of its bytes, the framework and the organisation
scope, so a page that reruns with the same files, or a second tab with the same file, does not read
it again. A 30,000-respondent survey keeps about 145 MB of tables, so a cache that counts entries (64
of them) could hold gigabytes long after the people who uploaded them left. This one:

- counts bytes: each entry's size is measured (`result_bytes`: the tables with every distinct Python
  object counted once, and the problems), and the cache keeps at most OMNI_UPLOAD_CACHE_MB
  (default 256 MB), dropping the least recently used entries first; a result larger than the whole
  budget is not cached at all (its session still holds it in its own state);
- remembers which sessions use an entry and drops an entry when the last of them ends. Streamlit
  calls the release hook of a session-scoped resource (`st.cache_resource(scope="session")`) when a
  session disconnects or is closed; that hook releases the session here.

Every change is logged at INFO on the `omni.ui.upload_cache` logger (entries, bytes, the limit),
which bench/bench_hostile_uploads.py reads.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

log = logging.getLogger("omni.ui.upload_cache")

ENV = "OMNI_UPLOAD_CACHE_MB"
DEFAULT_MB = 256.0
_MB = 2**20


def max_bytes_from_env(environ: dict[str, str] | None = None) -> int:
    """OMNI_UPLOAD_CACHE_MB as bytes (default 256 MB; 0 caches nothing)."""
    raw = (os.environ if environ is None else environ).get(ENV, "").strip()
    if not raw:
        return int(DEFAULT_MB * _MB)
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{ENV} must be a number of megabytes, not {raw!r}") from None
    if value < 0:
        raise ValueError(f"{ENV} must not be negative, not {value}")
    return int(value * _MB)


# --- what an entry costs -------------------------------------------------------------------------


def frame_bytes(frame: pd.DataFrame) -> int:
    """The memory a table holds: its arrays, and every distinct Python object in its object columns
    counted once (pandas' `deep=True` counts a question id repeated a million times a million times)."""
    size = int(frame.index.memory_usage(deep=True))
    for _, column in frame.items():
        if column.dtype == object:
            values = column.to_numpy(dtype=object, copy=False)
            distinct = {id(v): v for v in values}
            size += values.nbytes + sum(map(sys.getsizeof, distinct.values()))
        else:
            size += int(column.memory_usage(index=False, deep=True))
    return size


def result_bytes(result) -> int:
    """What one cached Result (omni.ui.state.Result) holds: its survey's and assessment's tables and
    the problems found (the framework is shared by every result and not counted)."""
    survey, assessment = result.survey, result.assessment
    frames = [survey.answers, survey.respondents, survey.column_map]
    if assessment is not None:
        frames += [assessment.respondent_scores, assessment.dimension_scores, assessment.question_scores,
                   assessment.by_role, assessment.by_department]
    size = sum(frame_bytes(frame) for frame in frames)
    for problem in survey.problems:
        size += sys.getsizeof(problem) + sys.getsizeof(problem.params) + sum(
            sys.getsizeof(k) + sys.getsizeof(v) for k, v in problem.params)
    return size


# --- the cache -----------------------------------------------------------------------------------


@dataclass
class _Entry:
    value: object
    size: int
    sessions: set[str] = field(default_factory=set)


class UploadCache:
    """Values by key, at most `max_bytes` together, least recently used dropped first; each entry
    remembers the sessions that use it and is dropped when the last of them is released."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Hashable, _Entry] = OrderedDict()
        self._lock = threading.Lock()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable, session: str) -> object | None:
        """The cached value (now used by `session` too), or None."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            entry.sessions.add(session)
            return entry.value

    def put(self, key: Hashable, value: object, size: int, session: str) -> object:
        """Keep `value` if it fits (making room by dropping the least recently used entries); returns
        the value to use (an entry another session stored meanwhile wins, so both share one object)."""
        with self._lock:
            existing = self._entries.get(key)
            if existing is not None:
                existing.sessions.add(session)
                self._entries.move_to_end(key)
                return existing.value
            if size > self.max_bytes:
                log.info("upload cache: a result of %.1f MB is larger than the cache (%.0f MB); not kept",
                         size / _MB, self.max_bytes / _MB)
                return value
            dropped = 0
            while self._entries and self.bytes + size > self.max_bytes:
                _, oldest = self._entries.popitem(last=False)
                self.bytes -= oldest.size
                dropped += 1
            self._entries[key] = _Entry(value, size, {session})
            self.bytes += size
            self._report(f"kept {size / _MB:.1f} MB" + (f", dropped {dropped} older" if dropped else ""))
            return value

    def release(self, session: str) -> int:
        """`session` ended: drop the entries no other session uses. Returns the bytes freed."""
        freed = dropped = held = 0
        with self._lock:
            for key, entry in list(self._entries.items()):
                if session not in entry.sessions:
                    continue
                held += 1
                entry.sessions.discard(session)
                if not entry.sessions:
                    del self._entries[key]
                    self.bytes -= entry.size
                    freed += entry.size
                    dropped += 1
            if held:
                self._report(f"session ended, released {dropped} of its {held} entries ({freed / _MB:.1f} MB)")
        return freed

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.bytes = 0

    def _report(self, what: str) -> None:
        log.info("upload cache: %s; now %d entries, %d bytes (%.1f MB) of %.0f MB", what, len(self._entries),
                 self.bytes, self.bytes / _MB, self.max_bytes / _MB)


_cache: UploadCache | None = None
_cache_lock = threading.Lock()


def upload_cache() -> UploadCache:
    """The process's upload cache, sized from OMNI_UPLOAD_CACHE_MB when first used."""
    global _cache
    with _cache_lock:
        if _cache is None:
            _cache = UploadCache(max_bytes_from_env())
        return _cache


# --- Streamlit: which session, and when it ends ------------------------------------------------------


def _release(session_id: str) -> None:
    upload_cache().release(session_id)


@st.cache_resource(scope="session", on_release=_release, show_spinner=False)
def _session_end_hook(session_id: str) -> str:
    """A session-scoped resource: Streamlit releases it (calling `_release`) when it clears the
    session's caches, on disconnect or shutdown."""
    return session_id


def current_session() -> str:
    """This script run's session id, with the hook that releases its entries when it ends."""
    ctx = get_script_run_ctx()
    if ctx is None:  # outside a script run (a test calling the loader directly)
        return "no-session"
    _session_end_hook(ctx.session_id)
    return ctx.session_id
