"""Deferred downloads survive other sessions' reruns (omni/ui/downloads.py), on Streamlit's real
media manager and in-memory storage."""

from __future__ import annotations

from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from omni.ui.downloads import keep_deferred_downloads


def _manager_with_clicked_download() -> tuple[MediaFileManager, str]:
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    # Outside a script run the manager files everything under one session ("dontcare").
    placeholder = manager.add_deferred(lambda: b"deck bytes", "application/octet-stream", "1.2.3", "deck.pptx")
    url = manager.execute_deferred(placeholder)
    return manager, url.rsplit("/", 1)[-1].split(".", 1)[0]


def test_built_file_survives_other_sessions_runs():
    assert keep_deferred_downloads()
    assert keep_deferred_downloads()  # once per process, idempotent
    manager, file_id = _manager_with_clicked_download()
    for _ in range(5):  # other sessions finishing their runs before the browser fetches the file
        manager.remove_orphaned_files()
    assert manager.read_file(file_id).content == b"deck bytes"


def test_built_file_is_collected_after_the_sessions_next_run():
    keep_deferred_downloads()
    manager, file_id = _manager_with_clicked_download()
    manager.clear_session_refs("dontcare")  # the clicking session's next full run starts
    manager.remove_orphaned_files()
    manager.remove_orphaned_files()
    assert manager.read_file(file_id) is None


def test_closed_session_does_not_keep_files():
    keep_deferred_downloads()
    manager = MediaFileManager(MemoryMediaFileStorage("/media"))
    placeholder = manager.add_deferred(lambda: b"report", "application/octet-stream", "1.2.4", "r.xlsx")
    manager.clear_session_refs("dontcare")  # the session closed before its click was served
    # A closed session's placeholder is gone from the session map but the callable lingers until
    # collected; serving it must not resurrect the session entry.
    url = manager.execute_deferred(placeholder)
    assert "dontcare" not in manager._files_by_session_and_coord
    manager.remove_orphaned_files()
    manager.remove_orphaned_files()
    assert manager.read_file(url.rsplit("/", 1)[-1].split(".", 1)[0]) is None
