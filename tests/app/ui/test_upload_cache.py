"""The parsed-upload cache (omni/ui/upload_cache.py): bounded by bytes, not entries, and a session's
entries released when Streamlit ends the session."""

from __future__ import annotations

import gc
import tracemalloc

import pytest
from streamlit.runtime.caching import clear_session_resource_cache
from streamlit.testing.v1 import AppTest

from omni.demo import demo_respondents
from omni.survey import SurveyFile, read_survey
from omni.template import write_workbook
from omni.ui import upload_cache as uc
from omni.ui.state import Result


@pytest.fixture(scope="module")
def workbooks(framework, tmp_path_factory) -> dict[str, bytes]:
    """Three different team workbooks (distinct files, so distinct cache entries), and a big one."""
    folder = tmp_path_factory.mktemp("uploads")
    files = {}
    for name, n, seed in (("a.xlsx", 20, 1), ("b.xlsx", 20, 2), ("c.xlsx", 20, 3), ("groot.xlsx", 1500, 4)):
        write_workbook(folder / name, framework, "nl", "respondents",
                       demo_respondents(framework, n=n, seed=seed, lang="nl"))
        files[name] = (folder / name).read_bytes()
    return files


@pytest.fixture
def fresh_cache(monkeypatch):
    """An empty process-wide cache of the size the test sets through the environment."""
    def make(mb: float | None = None) -> uc.UploadCache:
        if mb is None:
            monkeypatch.delenv(uc.ENV, raising=False)
        else:
            monkeypatch.setenv(uc.ENV, str(mb))
        monkeypatch.setattr(uc, "_cache", None)
        return uc.upload_cache()
    yield make
    monkeypatch.setattr(uc, "_cache", None)


def test_limit_from_the_environment():
    assert uc.max_bytes_from_env({}) == 256 * 2**20
    assert uc.max_bytes_from_env({"OMNI_UPLOAD_CACHE_MB": "64"}) == 64 * 2**20
    assert uc.max_bytes_from_env({"OMNI_UPLOAD_CACHE_MB": "0.5"}) == 2**19
    for bad in ("veel", "-1"):
        with pytest.raises(ValueError, match="OMNI_UPLOAD_CACHE_MB"):
            uc.max_bytes_from_env({"OMNI_UPLOAD_CACHE_MB": bad})


def test_bounded_by_bytes_least_recently_used_first():
    cache = uc.UploadCache(max_bytes=1000)
    for key in "abc":
        cache.put(key, key.upper(), 300, "s1")
    assert (len(cache), cache.bytes) == (3, 900)
    assert cache.get("a", "s1") == "A"  # 'a' is now the most recently used
    cache.put("d", "D", 300, "s2")  # 1,200 > 1,000: the least recently used ('b') goes
    assert cache.get("b", "s1") is None and cache.get("a", "s1") == "A"
    assert (len(cache), cache.bytes) == (3, 900)
    cache.put("e", "E", 950, "s2")  # needs almost everything
    assert (len(cache), cache.bytes) == (1, 950)
    big = object()
    assert cache.put("f", big, 1001, "s2") is big  # larger than the cache: used, not kept
    assert cache.get("f", "s2") is None and cache.bytes == 950
    # Sixty-four entries of 145 MB each, as in the finding, stay within the limit.
    cache = uc.UploadCache(max_bytes=256 * 2**20)
    for i in range(64):
        cache.put(i, i, 145 * 2**20, f"s{i}")
        assert cache.bytes <= cache.max_bytes
    assert len(cache) == 1


def test_a_session_ending_releases_what_only_it_used():
    cache = uc.UploadCache(max_bytes=10_000)
    cache.put("shared", "S", 100, "s1")
    assert cache.get("shared", "s2") == "S"  # a second tab with the same file
    cache.put("own", "O", 200, "s1")
    assert cache.put("shared", "other object", 100, "s3") == "S"  # stored meanwhile: one object shared
    assert cache.release("s1") == 200  # 'own' goes; 'shared' is still used by s2 and s3
    assert cache.get("own", "s2") is None and cache.bytes == 100
    assert cache.release("s2") == 0
    assert cache.release("s3") == 100
    assert (len(cache), cache.bytes) == (0, 0)


def test_result_size_is_what_the_tables_really_hold(workbooks):
    """The measured size is within a factor of what building the result allocated (tracemalloc),
    not pandas' deep count that counts a repeated string once per row."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        survey = read_survey([SurveyFile("groot.xlsx", workbooks["groot.xlsx"])])
        from omni.scoring import score
        result = Result(survey, score(survey), "upload", ("groot.xlsx",))
        gc.collect()
        allocated = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    measured = uc.result_bytes(result)
    naive = sum(int(f.memory_usage(deep=True).sum()) for f in (survey.answers, survey.respondents))
    assert 0.5 * allocated < measured < 2 * allocated, (measured, allocated)
    assert measured > 1_000_000  # 1,500 respondents x 32 questions
    assert naive >= measured * 0.9  # (pandas' deep count is never smaller)


def _script():
    import streamlit as st
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    from omni.ui.loading import load_uploads

    for name, data in st.session_state.get("to_load", []):
        st.session_state.setdefault("results", []).append(load_uploads([(name, data)], None))
    st.session_state["session_id"] = get_script_run_ctx().session_id


def _session(files: list[tuple[str, bytes]]) -> AppTest:
    at = AppTest.from_function(_script, default_timeout=60)
    at.session_state["to_load"] = files
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_app_caches_by_bytes_and_releases_when_the_session_ends(workbooks, fresh_cache):
    """(AppTest gives every app the same session id, so sharing between two sessions is tested on
    the cache above and on a real server in tests/test_hostile_uploads_server.py.)"""
    cache = fresh_cache()
    at = _session([("a.xlsx", workbooks["a.xlsx"]), ("b.xlsx", workbooks["b.xlsx"])])
    results = at.session_state["results"]
    assert len(cache) == 2 and cache.bytes == sum(uc.result_bytes(r) for r in results)
    at.session_state["results"] = []
    at.session_state["to_load"] = [("a.xlsx", workbooks["a.xlsx"])]
    at.run()
    assert at.session_state["results"][0] is results[0]  # the same file again: from the cache, not re-read
    # The session ends: Streamlit clears its session-scoped resources (as on a closed tab), which
    # runs our release hook.
    clear_session_resource_cache(at.session_state["session_id"])
    assert (len(cache), cache.bytes) == (0, 0)
    # A session that goes on (a reconnect after a network blip) registers the hook again.
    at.session_state["to_load"] = [("c.xlsx", workbooks["c.xlsx"])]
    at.run()
    assert len(cache) == 1
    clear_session_resource_cache(at.session_state["session_id"])
    assert len(cache) == 0


def test_the_app_never_holds_more_than_the_limit(workbooks, fresh_cache):
    small = uc.result_bytes(Result(read_survey([SurveyFile("a.xlsx", workbooks["a.xlsx"])]), None, "upload"))
    cache = fresh_cache(2.5 * small / 2**20)  # room for two small results, not three; not the big one
    at = _session([(n, workbooks[n]) for n in ("a.xlsx", "b.xlsx", "c.xlsx", "groot.xlsx")])
    assert len(at.session_state["results"]) == 4 and all(r.assessment for r in at.session_state["results"])
    assert cache.bytes <= cache.max_bytes and len(cache) == 2  # b and c; a dropped, the big one not kept
    clear_session_resource_cache(at.session_state["session_id"])
    assert len(cache) == 0


def test_a_rerun_with_the_same_files_is_answered_by_the_session(workbooks, fresh_cache):
    cache = fresh_cache(0)  # caches nothing: only the session's own memo can answer
    at = _session([("a.xlsx", workbooks["a.xlsx"])])
    first = at.session_state["results"][0]
    at.session_state["results"] = []
    at.run()
    assert at.session_state["results"][0] is first and len(cache) == 0
