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

`release_views()` keeps what a session's pages read from growing the collector's walk: pandas' records
of views that are gone.
"""

from __future__ import annotations

import dataclasses
import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the parser worker imports this module and never pandas (tests/system/test_intake_worker.py)
    import pandas as pd


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


def release_views(*holders: object) -> int:
    """Drop pandas' records of views that are gone, for the frames these objects hold (dataclasses such as
    a Result, walked through their fields); returns how many records went.

    Copy-on-write keeps a weak reference to every view taken of a frame's blocks (`df[col]`,
    `set_index`, `.loc`) and drops the dead ones only once a block has ~500. A session's survey and
    assessment are read by every page run, 90-500 views a run, so each session held a thousand dead
    references or more: at the peak of a 100-session wave 183,000 of the 372,000 objects every full
    collection of an app process walks. pandas' own `has_reference()` clears them (a live view keeps
    its record, so copy-on-write still sees it); ~50 microseconds for a whole Result.
    """
    import pandas as pd

    dropped = 0
    seen: set[int] = set()
    stack = list(holders)
    while stack:
        obj = stack.pop()
        if obj is None or id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, (pd.DataFrame, pd.Series)):
            dropped += _release(obj)
        elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            stack.extend(getattr(obj, f.name, None) for f in dataclasses.fields(obj))
    return dropped


def _release(frame: pd.DataFrame | pd.Series) -> int:
    records = [block.refs for block in frame._mgr.blocks]
    for index in (frame.index, getattr(frame, "columns", None)):
        if getattr(index, "_references", None) is not None:
            records.append(index._references)
    dropped = 0
    for refs in records:
        before = len(refs.referenced_blocks)
        refs.has_reference()  # clears the dead references first
        dropped += before - len(refs.referenced_blocks)
    return dropped
