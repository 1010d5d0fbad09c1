"""Vega-Lite specs of the dashboard's charts, built once per assessment and arguments.

Building a chart and turning it into a spec costs 1-5 ms written as plain Vega-Lite (the charts of
every session: omni.vegalite) and 30-300 ms with Altair (the others), and a Streamlit page rebuilds
every chart on every rerun: each widget change, each visit. The spec of a
chart depends only on the builder and its arguments, so it is kept in a bounded per-process cache:

- an assessment is keyed by identity (assessments are immutable and cached per file and
  organisation scope, see omni.ui.loading), through a weak map so a dropped assessment's key is
  never reused for another;
- tables (peer figures, history) by a hash of their content; plain values by value; a framework
  by its id. Anything else is not cached, only built.

The spec is made from the same builder the exports use (one chart builder serves screen and
export); schema validation runs in the tests (tests/unit/test_charts_cache.py), not on every page view.
"""

from __future__ import annotations

import copy
import itertools
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import pandas as pd
from altair.utils import schemapi

from omni.framework import Framework
from omni.scoring import Assessment

MAX_SPECS = 256

# Altair checks every object against the schema as it is made ("debug mode"), a fifth of the time
# a chart takes. The app leaves that to the tests, which validate each whole spec
# (tests/unit/test_charts_cache.py); a builder's mistake still fails there, before it reaches a page.
schemapi.disable_debug_mode()

_lock = threading.Lock()
_specs: OrderedDict[tuple, dict] = OrderedDict()
_texts: OrderedDict[tuple, str] = OrderedDict()  # the charts' text alternatives, bounded the same way
_arrow: OrderedDict[tuple, dict[str, bytes]] = OrderedDict()  # the specs' datasets as Arrow IPC bytes, the same way
_tokens: weakref.WeakKeyDictionary[Assessment, int] = weakref.WeakKeyDictionary()
_counter = itertools.count(1)
_PLAIN = (str, int, float, bool, type(None))


class _Uncacheable(Exception):
    pass


def _part(value: Any) -> Any:
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, Assessment):
        with _lock:
            token = _tokens.get(value)
            if token is None:
                token = _tokens[value] = next(_counter)
        return ("assessment", token)
    if isinstance(value, Framework):
        return ("framework", value.id, value.version, value.path)
    if isinstance(value, pd.DataFrame):
        return ("frame", tuple(value.columns), tuple(map(str, value.dtypes)), len(value),
                int(pd.util.hash_pandas_object(value, index=True).sum()))
    if isinstance(value, tuple | list):
        return tuple(_part(v) for v in value)
    raise _Uncacheable(type(value).__name__)


def _build(builder: Callable, args: tuple, kwargs: dict) -> dict:
    # Validated against the Vega-Lite schema in the tests; here it would cost half the time again.
    return builder(*args, **kwargs).to_dict(validate=False)


def _kept(cache: OrderedDict, key: tuple, make: Callable[[], Any]) -> Any:
    """`cache[key]`, made once and kept (least recently used dropped beyond MAX_SPECS)."""
    with _lock:
        value = cache.get(key)
        if value is not None:
            cache.move_to_end(key)
            return value
    value = make()
    with _lock:
        cache[key] = value
        while len(cache) > MAX_SPECS:
            cache.popitem(last=False)
    return value


def _key(builder: Callable, args: tuple, kwargs: dict) -> tuple:
    return builder.__module__, builder.__qualname__, _part(args), _part(sorted(kwargs.items()))


def chart_spec(builder: Callable, *args: Any, **kwargs: Any) -> dict:
    """The Vega-Lite spec of `builder(*args, **kwargs)`: a fresh copy the caller may change."""
    try:
        key = _key(builder, args, kwargs)
    except _Uncacheable:
        return _build(builder, args, kwargs)
    return copy.deepcopy(_kept(_specs, key, lambda: _build(builder, args, kwargs)))


def screen_spec(builder: Callable, *args: Any, **kwargs: Any) -> dict:
    """`chart_spec`'s spec as the screen hands it to `st.vega_lite_chart`: its datasets already the Arrow
    IPC bytes Streamlit would make of them, converted once per chart. Streamlit passes a dataset that is
    bytes straight through and converts rows through pandas on every page run otherwise (~5 ms a radar,
    more for a heatmap; each rerun and revisit of a page)."""
    try:
        key = _key(builder, args, kwargs)
    except _Uncacheable:
        return _build(builder, args, kwargs)
    spec = _kept(_specs, key, lambda: _build(builder, args, kwargs))  # shared: read, never changed
    rows = spec.get("datasets") or {}
    arrow = _kept(_arrow, key, lambda: {name: dataset_arrow(data) for name, data in rows.items()
                                        if isinstance(data, list)})
    screen = {name: copy.deepcopy(value) for name, value in spec.items() if name != "datasets"}
    if rows:
        screen["datasets"] = {name: arrow[name] if name in arrow else copy.deepcopy(data) for name, data in rows.items()}
    return screen


def dataset_arrow(rows: list[dict[str, Any]]) -> bytes:
    """A dataset's rows as the Arrow IPC bytes Streamlit sends, made by Streamlit from a pyarrow table:
    it takes a table as it is, while rows go through a pandas DataFrame first (~1 ms a dataset, five
    times what this costs; a chart's first view on a page). The same columns, types and values
    (tests/unit/test_charts_cache.py); rows whose columns pyarrow cannot type (numbers and text mixed)
    and the one-empty-row dataset of a chart without data take Streamlit's own way."""
    import pyarrow as pa
    from streamlit import dataframe_util

    names = list(dict.fromkeys(name for row in rows for name in row))
    if not names:
        return dataframe_util.convert_anything_to_arrow_bytes(rows)
    try:
        # NaN is missing, as pandas has it (rows written by omni.vegalite have null already)
        columns = [pa.array([row.get(name) for row in rows], from_pandas=True) for name in names]
        table = pa.table(dict(zip(names, [_as_pandas_types(column) for column in columns])))
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        return dataframe_util.convert_anything_to_arrow_bytes(rows)
    return dataframe_util.convert_anything_to_arrow_bytes(table)


def _as_pandas_types(column):
    """A column in the type a pandas DataFrame of the same rows gives it: text as large strings, whole
    numbers with a gap as floats (pandas has no missing integer in a plain column)."""
    import pyarrow as pa

    if column.type == pa.string():
        return column.cast(pa.large_string())
    if pa.types.is_integer(column.type) and column.null_count:
        return column.cast(pa.float64())
    return column


def chart_description(builder: Callable, *args: Any, **kwargs: Any) -> str:
    """`omni.chart_text.chart_text(builder, ...)`, kept like the spec, so a rerun (any widget changed on
    the page) does not work it out again: the breakdown heatmap's text repeats the confidential
    breakdown its chart did (~20 ms on the Dimensions page, py-spy)."""
    from omni.chart_text import chart_text

    try:
        key = _key(builder, args, kwargs)
    except _Uncacheable:
        return chart_text(builder, *args, **kwargs)
    return _kept(_texts, key, lambda: chart_text(builder, *args, **kwargs))


def arrow_bytes() -> int:
    """Bytes of the datasets kept as Arrow (omni.ui.memory_stats)."""
    with _lock:
        return sum(len(data) for datasets in _arrow.values() for data in datasets.values())


def cached_specs() -> int:
    with _lock:
        return len(_specs)
