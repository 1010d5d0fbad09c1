"""The app's own caches appear in Streamlit's metrics next to Streamlit's (omni/ui/memory_stats.py)."""

from __future__ import annotations

from streamlit.runtime.stats import CACHE_MEMORY_FAMILY

from omni.ui.memory_stats import OmniCacheStats
from omni.ui.upload_cache import upload_cache


def test_the_upload_cache_reports_its_bytes_and_the_chart_specs_their_entries():
    cache = upload_cache()
    before = cache.bytes
    cache.put(("memory-stats-test",), object(), 12_345, "session-x")
    try:
        stats = {s.category_name: s.byte_length for s in OmniCacheStats().get_stats()[CACHE_MEMORY_FAMILY]}
        assert stats["omni_upload_cache"] == before + 12_345
        assert stats["omni_chart_specs"] >= 0  # entries, unless server.enableExpensiveMemoryStats is on
        assert all(line.startswith("cache_memory_bytes{cache_type=\"omni_")
                   for line in (s.to_metric_str() for s in OmniCacheStats().get_stats()[CACHE_MEMORY_FAMILY]))
    finally:
        cache.release("session-x")
