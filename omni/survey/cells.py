"""Turning raw answer cells into scores: strict, so nothing is silently converted.

A score is a whole number 1..5 (a number cell, the text "3", or an option label such as
"3 - ..."), or not-applicable ("n.v.t.", "n/a", "weet niet", "don't know"). A blank cell is
unanswered. Anything else - 3,5, 3.5, TRUE, a date, 1e3 - is a problem for the user to fix.

Cells are classified column-wise into small integer codes (`classify`), so that a workbook
with ten thousand respondents is judged with numpy, not one Python call per cell.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import NamedTuple

import numpy as np
import pandas as pd

from omni.attributes import normalise_label

NOT_APPLICABLE = frozenset(
    normalise_label(s)
    for s in ("n.v.t.", "nvt", "n.v.t", "nvt.", "n/a", "na", "n.a.", "not applicable",
              "niet van toepassing", "weet niet", "weet ik niet", "don't know", "dont know",
              "do not know", "?", "-", "–")
)
# "3", "3 - Grotendeels", "3. Goed", "3) ...", "3 Goed"; not "3.5", "3,5", "1e3" or "35".
_OPTION_LABEL = re.compile(r"^\s*([1-5])\s*(?:(?:[-–—:)]|\.(?![0-9])|(?<=\s)(?=[^\W\d_]))\s*.*)?$",
                           re.DOTALL)

# Cell codes: 1..5 is the score itself.
BLANK_CODE = 0
NA_CODE = -1
BAD_CODE = -2
FORMULA_CODE = -3


class Score(NamedTuple):
    value: float  # nan when not a score
    na: bool  # marked not applicable
    blank: bool  # left empty
    bad: bool  # something that is not a score


BLANK = Score(math.nan, False, True, False)
NA = Score(math.nan, True, False, False)
BAD = Score(math.nan, False, False, True)


def parse_score(raw: object) -> Score:
    """Classify one answer cell's raw value."""
    code = _code_of_value(raw)
    if code > 0:
        return Score(float(code), False, False, False)
    return {BLANK_CODE: BLANK, NA_CODE: NA}.get(code, BAD)


def parse_scores(values: list[object]) -> list[Score]:
    """Classify many cells (see `classify` for the fast path)."""
    return [parse_score(v) for v in values]


def _code_of_value(raw: object) -> int:
    if raw is None:
        return BLANK_CODE
    if isinstance(raw, bool) or isinstance(raw, (dt.date, dt.time, dt.timedelta)):
        return BAD_CODE
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and math.isnan(raw):
            return BLANK_CODE
        return int(raw) if raw in (1, 2, 3, 4, 5) else BAD_CODE
    if isinstance(raw, str):
        return code_of_text(raw)
    return BAD_CODE


def code_of_text(raw: str) -> int:
    """The code of a text cell: blank, n/a, a score from an option label, or bad."""
    text = raw.strip().replace("\u00a0", " ")
    if not text:
        return BLANK_CODE
    if normalise_label(text) in NOT_APPLICABLE:
        return NA_CODE
    match = _OPTION_LABEL.match(text)
    return int(match.group(1)) if match else BAD_CODE


def classify(values: np.ndarray) -> np.ndarray:
    """Codes (int8, same shape) for an object array of raw cell values.

    Each distinct value is judged once (`pd.factorize` hashes in C). Hashing treats True as
    1 and False as 0, so the cells holding a value equal to 0 or 1 have their types checked.
    """
    flat = np.asarray(values, dtype=object).ravel()
    if not flat.size:
        return np.zeros(np.shape(values), dtype=np.int8)
    inverse, uniques = pd.factorize(flat, use_na_sentinel=False)
    table = np.fromiter((_code_of_value(u) for u in uniques), dtype=np.int8, count=len(uniques))
    codes = table[inverse]
    for index, unique in enumerate(uniques):
        if isinstance(unique, (bool, int, float)) and unique in (0, 1):
            where = np.flatnonzero(inverse == index)
            if pd.api.types.infer_dtype(flat[where], skipna=False) in ("floating", "integer"):
                continue  # no booleans among them (checked in C)
            booleans = np.array([type(v) is bool for v in flat[where].tolist()], dtype=bool)
            codes[where[booleans]] = BAD_CODE
            codes[where[~booleans]] = BAD_CODE if unique == 0 else 1
    return codes.reshape(np.shape(values))


def display_value(raw: object) -> str:
    """How a raw cell value is quoted back to the user in a message."""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, dt.datetime):
        return raw.strftime("%Y-%m-%d %H:%M") if raw.time() != dt.time() else raw.strftime("%Y-%m-%d")
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    text = str(raw)
    return text if len(text) <= 40 else text[:37] + "..."
