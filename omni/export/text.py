"""User text made safe for office files: never a live formula, no control characters, bounded."""

from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXCEL_CELL_LIMIT = 32_767
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: object, limit: int = EXCEL_CELL_LIMIT) -> str:
    """Text without control characters (XML cannot hold them), cut to `limit` characters."""
    text = _CONTROL.sub("", "" if value is None else str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def needs_cleaning(text: str, limit: int = EXCEL_CELL_LIMIT) -> bool:
    """True if `clean_text` would change the text (a control character, or too long)."""
    return len(text) > limit or _CONTROL.search(text) is not None


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START)


def csv_safe(value: object) -> str:
    """A value for a CSV cell: formula-like text gets a leading apostrophe (OWASP advice)."""
    text = clean_text(value)
    return "'" + text if is_formula_like(text) else text


def csv_table(frame: pd.DataFrame) -> bytes:
    """A table as CSV for Excel (UTF-8 with byte-order mark): every text cell and heading through
    `csv_safe`, so no cell starting with = + - @ TAB or CR is read as a formula; numbers stay numbers."""

    def cell(value: object) -> object:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return ""
        if isinstance(value, (bool, int, float, dt.date, dt.datetime, pd.Timestamp)):
            return value
        return csv_safe(value)

    safe = pd.DataFrame({i: frame.iloc[:, i].map(cell) if frame.iloc[:, i].dtype == object
                         or pd.api.types.is_string_dtype(frame.iloc[:, i]) else frame.iloc[:, i]
                         for i in range(frame.shape[1])})
    text = safe.to_csv(index=False, header=[csv_safe(c) for c in frame.columns], lineterminator="\r\n")
    return text.encode("utf-8-sig")
