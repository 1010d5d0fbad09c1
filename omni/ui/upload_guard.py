"""Who may hand the server files: signed-in sessions only (hosted mode), and a byte budget per session.

Streamlit accepts an upload (`PUT /_stcore/upload_file/<session>/<file>`) from any session that has
a websocket open, signed in or not, and keeps every file in the process until the widget drops it
or the session ends. Its upload route stores the file through the runtime's uploaded-file manager
(`Runtime.uploaded_file_mgr`, the same object the route and every session hold), so the guard is
that manager's class swapped for a subclass whose `add_file` first asks:

- hosted mode: has this session signed in (and been let in by `omni.ui.access.gate`)? If not,
  HTTP 403 and nothing is kept;
- does the session, with this file, hold more than ``OMNI_UPLOAD_SESSION_MB`` (default 100 MB)?
  Then HTTP 413 and nothing is kept.

The route has read the request (at most Streamlit's ``maxUploadSize``) before it calls
`add_file`; a refused file is dropped at once. Installed by the page shell on the first page run
of the process - already when this module is first imported, failing closed until the page shell
has read the configuration; files already held then by sessions that may not upload are dropped.
"""

from __future__ import annotations

import logging
import os
import threading

from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFileRec

log = logging.getLogger("omni.ui")
ENV_SESSION_MB = "OMNI_UPLOAD_SESSION_MB"
DEFAULT_SESSION_MB = 100
_lock = threading.Lock()
_allowed: set[str] = set()
_hosted = True  # until the page shell says otherwise: fail closed


def session_limit_bytes() -> int:
    raw = os.environ.get(ENV_SESSION_MB, "").strip()
    try:
        megabytes = float(raw) if raw else DEFAULT_SESSION_MB
    except ValueError:
        megabytes = DEFAULT_SESSION_MB
    return int(max(megabytes, 1) * 2**20)


class UploadRefused(Exception):
    """Why an upload was refused (the HTTP status and a short reason)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


def check_upload(session_id: str, held_bytes: int, new_bytes: int, *, hosted: bool, allowed: bool,
                 limit: int) -> None:
    """Raise UploadRefused when the session may not keep another `new_bytes` (plain rule, tested alone)."""
    if hosted and not allowed:
        raise UploadRefused(403, "sign in before uploading")
    if held_bytes + new_bytes > limit:
        raise UploadRefused(413, f"this session holds at most {limit // 2**20} MB of uploads")


class GuardedUploadedFileManager(MemoryUploadedFileManager):
    """Streamlit's in-memory manager, refusing files from sessions that may not upload (see module doc)."""

    def add_file(self, session_id: str, file: UploadedFileRec) -> None:
        with _lock:  # one check-and-add at a time, so parallel PUTs cannot both squeeze under the budget
            with self._lock:
                held = sum(len(f.data) for fid, f in self.file_storage.get(session_id, {}).items()
                           if fid != file.file_id)
            try:
                check_upload(session_id, held, len(file.data), hosted=_hosted, allowed=session_id in _allowed,
                             limit=session_limit_bytes())
            except UploadRefused as refused:
                from starlette.exceptions import HTTPException

                log.warning("upload refused for session %s: %s", session_id[:8], refused)
                raise HTTPException(status_code=refused.status, detail=str(refused)) from None
            super().add_file(session_id, file)


def _manager() -> MemoryUploadedFileManager | None:
    from streamlit import runtime

    if not runtime.exists():  # AppTest: no server, no upload route
        return None
    manager = runtime.get_instance().uploaded_file_mgr
    return manager if isinstance(manager, MemoryUploadedFileManager) else None


def install(*, hosted: bool) -> bool:
    """Guard the running server's uploads (idempotent; called on every page run). False without a server."""
    global _hosted
    _hosted = hosted
    manager = _manager()
    if manager is None:
        return False
    if type(manager) is MemoryUploadedFileManager:
        manager.__class__ = GuardedUploadedFileManager
        log.info("uploads guarded: at most %d MB per session", session_limit_bytes() // 2**20)
        if hosted:  # files that arrived before the guard (the first page run of the process) go
            for session_id in list(manager.file_storage):
                if session_id not in _allowed:
                    manager.remove_session_files(session_id)
    return isinstance(manager, GuardedUploadedFileManager)


def allow(session_id: str) -> None:
    """This session has signed in and may upload."""
    with _lock:
        if session_id in _allowed:
            return
        if len(_allowed) > 1000:  # forget sessions that have ended
            from streamlit import runtime

            if runtime.exists():
                live = runtime.get_instance()
                _allowed.intersection_update({s for s in _allowed if live.is_active_session(s)})
        _allowed.add(session_id)


def forbid(session_id: str) -> None:
    """This session signed out (or never signed in): no more uploads, and what it holds is dropped."""
    with _lock:
        was_allowed = session_id in _allowed
        _allowed.discard(session_id)
    manager = _manager()
    if was_allowed and manager is not None:
        manager.remove_session_files(session_id)


def held_bytes(session_id: str) -> int:
    """Bytes of uploads this session holds now (0 without a server)."""
    manager = _manager()
    if manager is None:
        return 0
    with manager._lock:
        return sum(len(f.data) for f in manager.file_storage.get(session_id, {}).values())


def may_upload(session_id: str) -> bool:
    return not _hosted or session_id in _allowed


install(hosted=True)  # first import (the first page run's imports): closed until the shell knows the mode
