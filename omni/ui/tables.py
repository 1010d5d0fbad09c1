"""Tables that show user text: plain cells on screen, numbers in the reader's language, and our own CSV
download instead of Streamlit's.

Streamlit's table toolbar download writes cells unchanged, so a comment `=HYPERLINK(...)` became a
live formula in Excel; it is switched off for every table (`client.disableDataExport` in
.streamlit/config.toml) and these tables offer a CSV built by `omni.export.text.csv_table`, which
neutralises formulas (OWASP's advice: a leading apostrophe).

Streamlit writes a number cell itself, the English way ("3.3" on a Dutch page), and its
column_config formats are printf/locale-of-the-browser, not the reader's language. So every table
goes through `localised`: a pandas Styler whose display values come from omni.format (Babel), while
the cells keep their numbers, so a column still sorts as numbers when the reader clicks its header.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from functools import partial

import pandas as pd
import streamlit as st
from pandas.api import types as ptypes

from omni import format as fmt
from omni.export.text import csv_table
from omni.i18n import t


def _cell_text(value: object, lang: str, digits: int | None) -> str:
    """One object-column cell: numbers and dates in `lang`, anything else as it is."""
    if isinstance(value, bool) or isinstance(value, str):
        return str(value)
    if fmt.is_missing(value):
        return fmt.MISSING
    if isinstance(value, int) or (isinstance(value, float) and digits is None and float(value).is_integer()):
        return fmt.integer(value, lang)
    if isinstance(value, float):
        return fmt.number(value, lang, 2 if digits is None else digits)
    if isinstance(value, dt.datetime):
        return fmt.datetime(value, lang)
    if isinstance(value, dt.date):
        return fmt.date(value, lang)
    return str(value)


def _whole(column: pd.Series) -> bool:
    values = column.dropna()
    return bool(((values - values.round()).abs() < 1e-9).all())


def _formatter(column: pd.Series, lang: str, digits: int | None, percent: bool) -> Callable[[object], str] | None:
    """How `column`'s cells read in `lang`; None leaves the column to Streamlit (text, booleans)."""
    if percent:
        return lambda v: fmt.percent(v, lang, digits or 0)
    if ptypes.is_bool_dtype(column) or ptypes.is_string_dtype(column) and not ptypes.is_object_dtype(column):
        return None
    if ptypes.is_integer_dtype(column):
        return lambda v: fmt.integer(v, lang)
    if ptypes.is_float_dtype(column):
        # Whole numbers stay whole (a level, a count with gaps); others get a fixed number of decimals.
        places = digits if digits is not None else (0 if _whole(column) else 2)
        return (lambda v: fmt.integer(v, lang)) if places == 0 else (lambda v: fmt.number(v, lang, places))
    if ptypes.is_datetime64_any_dtype(column):
        # a moment to the minute (a sign-in, an audit entry); a plain date when the column has no times
        times = column.dropna()
        moment = fmt.date if bool((times == times.dt.normalize()).all()) else fmt.datetime
        return lambda v: fmt.MISSING if pd.isna(v) else moment(v.to_pydatetime(), lang)
    if ptypes.is_object_dtype(column):
        return lambda v: _cell_text(v, lang, digits)
    return None


# Above this many cells a table's numbers are written into text columns instead of a Styler: pandas
# refuses a Styler over styler.render.max_elements (262,144 cells) and builds one slowly long before.
STYLER_CELLS = 50_000


def localised(frame: pd.DataFrame, lang: str, *, digits: Mapping[str, int] | None = None,
              percent: Iterable[str] = ()):
    """`frame` as a pandas Styler whose numbers, percentages (shares 0..1 in `percent` columns) and dates
    read in `lang` (2,53 / 23% / 1 december 2026); whole-number columns without decimals, others with
    two unless `digits` says otherwise. The data stay as they are, so sorting is numeric (a table of
    more than STYLER_CELLS cells gets text columns instead, which sort as text)."""
    if not isinstance(frame, pd.DataFrame):  # already a Styler: keep its styles, add the formats
        styler, data = frame, frame.data
    else:
        styler, data = frame.style, frame
    digits, percent = dict(digits or {}), set(percent)
    formatters = {name: f for name in data.columns
                  if (f := _formatter(data[name], lang, digits.get(name), name in percent)) is not None}
    if isinstance(frame, pd.DataFrame) and frame.size > STYLER_CELLS:
        return frame.assign(**{name: frame[name].map(f) for name, f in formatters.items()})
    # One call with every column's formatter: a call per column selected and checked its subset each time
    # (~0.5 ms a column, half of what a small table costs the page). The subset leaves the formats of
    # other columns (a Styler passed in) as they are.
    return styler.format(formatters, subset=list(formatters)) if formatters else styler


def show_dataframe(frame: pd.DataFrame, lang: str, *, digits: Mapping[str, int] | None = None,
                   percent: Iterable[str] = (), **dataframe_options) -> None:
    """`frame` as a table whose numbers and dates read in `lang` (see `localised`), without a download."""
    dataframe_options.setdefault("hide_index", True)
    dataframe_options.setdefault("placeholder", fmt.MISSING)  # Streamlit's own word for a missing value is "None"
    st.dataframe(localised(frame, lang, digits=digits, percent=percent), **dataframe_options)


def show_table(frame: pd.DataFrame, lang: str, name: str, *, digits: Mapping[str, int] | None = None,
               percent: Iterable[str] = (), **dataframe_options) -> None:
    """`frame` as a table in `lang`'s numbers, with a download of the same rows as a formula-safe CSV
    file `name`.csv."""
    show_dataframe(frame, lang, digits=digits, percent=percent, **dataframe_options)
    st.download_button(t("csv.download", lang), data=partial(csv_table, frame), file_name=f"{name}.csv",
                       mime="text/csv", on_click="ignore", icon=":material/download:", type="tertiary",
                       help=t("csv.download_help", lang), key=f"csv_{name}")
