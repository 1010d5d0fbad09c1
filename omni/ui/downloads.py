"""Deferred downloads that survive other sessions' reruns.

`st.download_button(data=callable)` builds the file only when clicked: the server runs the callable,
stores the bytes and answers with a /media URL that the browser then fetches. Streamlit 1.67 stores
that file without tying it to any session, so every other session's finished run counts it as an
orphan: the first marks it, the second deletes it. With a few dozen sessions at work, two runs end
between "here is the URL" and the browser's GET often enough that downloads fail with 404 (19 of
75 sessions in bench/load_test.py).

`keep_deferred_downloads()` ties the built file to the session that clicked, under its own
coordinate, exactly like a file passed as bytes: it lives until that session's next full run, and is
then collected as usual. The wrapper checks the manager's internals and leaves Streamlit untouched
(logging why) if they ever change; tests/unit/ui/test_downloads.py fails when that happens.
"""

from __future__ import annotations

import functools
import logging
import threading

from streamlit.runtime.media_file_manager import MediaFileManager

log = logging.getLogger("omni.ui")

_INTERNALS = ("_lock", "_deferred_callables", "_files_by_session_and_coord", "_file_metadata")
_KEPT = "omni-kept-download:"
_patched = threading.Lock()
_installed: bool | None = None  # the outcome of the one attempt per process


def _file_id(url: str) -> str:
    """The stored file's id from its URL (`/media/<id>.<ext>`)."""
    return url.rsplit("/", 1)[-1].split(".", 1)[0]


def keep_deferred_downloads() -> bool:
    """Install the fix once per process (later calls only return the outcome); True when it is in force."""
    global _installed
    with _patched:
        if _installed is None:
            _installed = _install()
        return _installed


def _install() -> bool:
    try:
        probe = MediaFileManager(storage=None)  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - a changed constructor: leave Streamlit as it is
        probe = None
    if probe is None or not all(hasattr(probe, name) for name in _INTERNALS):
        log.warning("deferred downloads: Streamlit's media manager changed; fix not installed")
        return False
    original = MediaFileManager.execute_deferred

    @functools.wraps(original)
    def execute_deferred(self: MediaFileManager, file_id: str) -> str:
        with self._lock:
            entry = self._deferred_callables.get(file_id)
        url = original(self, file_id)
        session_id = entry.get("session_id") if isinstance(entry, dict) else None
        actual = _file_id(url)
        with self._lock:
            # Only for a session that is still open (closing a session drops its entry) and a
            # file the manager knows; otherwise the file would never be collected.
            files = self._files_by_session_and_coord
            if session_id in files and actual in self._file_metadata:
                files[session_id][_KEPT + file_id] = actual
        return url

    MediaFileManager.execute_deferred = execute_deferred
    return True
