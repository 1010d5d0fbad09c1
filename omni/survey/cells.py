"""Turning raw answer cells into scores: strict, so nothing is silently converted.

A score is a whole number 1..5 (a number cell, the text "3", or an option label such as
"3 - ..."), or not-applicable ("n.v.t.", "n/a", "weet niet", "don't know"). A blank cell is
unanswered. Anything else - 3,5, TRUE, a date, 1e3 - is a problem for the user to fix.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import NamedTuple

from omni.attributes import normalise_label

NOT_APPLICABLE = frozenset(
    normalise_label(s)
    for s in ("n.v.t.", "nvt", "n.v.t", "nvt.", "n/a", "na", "n.a.", "not applicable",
              "niet van toepassing", "weet niet", "weet ik niet", "don't know", "dont know",
              "do not know", "?", "-", "–")
)
_OPTION_LABEL = re.compile(r"^\s*([1-5])\s*(?:[-–—:.)]\s*.*)?$", re.DOTALL)


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
    if raw is None:
        return BLANK
    if isinstance(raw, bool) or isinstance(raw, (dt.date, dt.time, dt.timedelta)):
        return BAD
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and math.isnan(raw):
            return BLANK
        if raw in (1, 2, 3, 4, 5):
            return Score(float(raw), False, False, False)
        return BAD
    if isinstance(raw, str):
        text = raw.strip().replace("\u00a0", " ")
        if not text:
            return BLANK
        if normalise_label(text) in NOT_APPLICABLE:
            return NA
        match = _OPTION_LABEL.match(text)
        if match:
            return Score(float(match.group(1)), False, False, False)
        return BAD
    return BAD


def parse_scores(values: list[object]) -> list[Score]:
    """Classify many cells; distinct values are parsed once (surveys repeat a handful of values)."""
    memo: dict[tuple[type, object], Score] = {}
    out = []
    for raw in values:
        key = (raw.__class__, raw)
        try:
            score = memo.get(key)
        except TypeError:  # unhashable: parse directly
            out.append(parse_score(raw))
            continue
        if score is None:
            score = memo[key] = parse_score(raw)
        out.append(score)
    return out


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
