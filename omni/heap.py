"""The garbage collector in long-running processes: what was loaded once is not scanned again and again.

Python's full collection walks every tracked object. In a server process most of them are the
modules and data loaded once at start (pandas, Streamlit, the framework, the demo): the app process
holds ~300,000 such objects after its warm-up, a parser worker ~150,000. A parser worker collected
them all after every file (15 ms of a ~35 ms upload) and an app process under load spent ~4 % of its
CPU in full collections (gc callbacks during `bench/load_test.py --sessions 50`).

`settle()` collects once and then moves every object still alive into the collector's permanent
generation (`gc.freeze`): later collections only walk what was made since. Objects are still freed
as soon as nothing refers to them; only a reference cycle among the frozen objects that becomes
garbage later would stay, which is why a process settles only after its one-off loading (imports, the
demo, the first job), not after every job.
"""

from __future__ import annotations

import gc


def settle() -> int:
    """Collect garbage, then freeze what survives; returns the number of objects now frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


_settled = False


def settle_once() -> bool:
    """`settle()` the first time a process asks (after its first job), nothing later; True when it settled."""
    global _settled
    if _settled:
        return False
    _settled = True
    settle()
    return True
