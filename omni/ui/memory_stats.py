"""The app's own caches in Streamlit's metrics (`/_stcore/metrics`, closed to the web by nginx).

Streamlit reports what it holds (session state, uploaded files, media files, st.cache_data and
st.cache_resource) as `cache_memory_bytes`; this adds the app's own per-process caches, so one
reading shows every byte the process keeps for its sessions:

- `omni_upload_cache`: parsed uploads (omni/ui/upload_cache.py), its own exact byte count;
- `omni_chart_specs`: Vega-Lite specs (omni/ui/chart_specs.py): measured with Streamlit's object-graph
  sizer when `server.enableExpensiveMemoryStats` is on (bench/load_test.py turns it on), else - like
  Streamlit's own proxies - the number of entries.

Streamlit's `active_sessions` gauge gives the sessions to divide its session state by. Registered
once per process by the page shell (Streamlit asks providers to register at start-up; adding one
later only races with a metrics request being answered at that moment).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from streamlit.runtime.stats import CACHE_MEMORY_FAMILY, CacheStat

_registered = False
_lock = threading.Lock()


class OmniCacheStats:
    """A Streamlit StatsProvider for the app's caches (see the module docstring)."""

    @property
    def stats_families(self) -> Sequence[str]:
        return (CACHE_MEMORY_FAMILY,)

    def get_stats(self, family_names: Sequence[str] | None = None) -> dict[str, list]:  # noqa: ARG002 - one family
        from streamlit import config

        from omni.ui import chart_specs
        from omni.ui.upload_cache import upload_cache

        with chart_specs._lock:
            specs = list(chart_specs._specs.values())
        if config.get_option("server.enableExpensiveMemoryStats"):
            from streamlit.runtime.stats import safe_sizeof

            spec_bytes = safe_sizeof(specs)
        else:
            spec_bytes = len(specs)
        spec_bytes += chart_specs.arrow_bytes()
        return {CACHE_MEMORY_FAMILY: [CacheStat("omni_upload_cache", "", upload_cache().bytes),
                                      CacheStat("omni_chart_specs", "", spec_bytes)]}


def register_cache_stats() -> bool:
    """Add the provider to the running server's stats manager, once per process; False without a server."""
    global _registered
    from streamlit import runtime

    with _lock:
        if _registered:
            return True
        if not runtime.exists():
            return False
        runtime.get_instance().stats_mgr.register_provider(OmniCacheStats())
        _registered = True
        return True
