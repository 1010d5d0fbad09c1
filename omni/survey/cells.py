"""Turning raw answer cells into scores: strict, so nothing is silently converted.

A score is a whole number 1..5 (a number cell, the text "3", or an option label such as
"3 - ..."), not-applicable ("n.v.t.", "N/A", "-") or don't-know ("weet ik niet", "geen idee",
"don't know"); both of the latter stay out of every score, but they are kept apart so that
don't-know can be counted on its own. A text naming both ("Don't know / N.A.") is not-applicable.
A blank cell is unanswered. A whole number written with zero decimals ("4,0", "4.00": a number cell
with a decimal format, as a CSV export writes it) is that number. Anything else - 3,5, 3.5, TRUE, a
date, 1e3 - is a problem for the user to fix (option texts are matched per question by
`omni.survey.options`).

Cells are classified column-wise into small integer codes (`classify`), so that a workbook
with ten thousand respondents is judged with numpy, not one Python call per cell. This module,
like everything the parser worker imports, does without pandas (importing it would add about
100 MB to every worker process).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from typing import NamedTuple

import numpy as np

from omni.attributes import normalise_label


def na_key(text: str) -> str:
    """Letters and digits only, case and accents folded: 'N.V.T.' -> 'nvt', "Don't know" -> 'dontknow'."""
    return re.sub(r"[\W_]+", "", normalise_label(text.replace("\u2019", "'")))


NOT_APPLICABLE = frozenset(na_key(s) for s in (
    "n.v.t.", "nvt", "n/a", "na", "n.a.", "not applicable", "niet van toepassing", "nvt.", "geen", "none",
    "not relevant", "niet relevant", "n.v.t"))
DONT_KNOW = frozenset(na_key(s) for s in (
    "weet niet", "weet ik niet", "geen idee", "weet het niet", "onbekend", "niet bekend", "n.b.", "don't know", "dont know",
    "do not know", "i don't know", "no idea", "not sure", "unknown"))
# Parts a combined option is split into: "Don't know / N.A.", "n.v.t. of weet ik niet".
_NA_PARTS = re.compile(r"\s*(?:/|\||\\|;|,|\bof\b|\bor\b)\s*", re.IGNORECASE)


_NA_LONGEST = 48  # characters: no n/a or don't-know spelling is longer (option texts are)


def na_kind(text: str) -> int:
    """NA_CODE, DK_CODE, or 0 when the text is neither (text already stripped, not empty)."""
    if len(text) > _NA_LONGEST:
        return 0
    key = na_key(text)
    if not key:  # only punctuation: "-", "–", "?", "..."
        return DK_CODE if "?" in text else NA_CODE
    if key in NOT_APPLICABLE:
        return NA_CODE
    if key in DONT_KNOW:
        return DK_CODE
    if not _NA_PARTS.search(text):
        return 0
    parts = [na_key(p) for p in _NA_PARTS.split(text)]
    parts = [p for p in parts if p]
    if len(parts) > 1 and all(p in NOT_APPLICABLE or p in DONT_KNOW for p in parts):
        return DK_CODE if all(p in DONT_KNOW for p in parts) else NA_CODE
    return 0


# "3", "3 - Grotendeels", "3. Goed", "3) ...", "3 Goed"; not "3.5", "3,5", "1e3" or "35".
# Dashes as Word, a PDF or a phone write them: hyphen, the minus sign, figure dash, en and em dash, (non-breaking) hyphen.
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_OPTION_LABEL = re.compile(r"^\s*([1-5])\s*(?:(?:[" + _DASHES + r":)]|\.(?![0-9])|(?<=\s)(?=[^\W\d_]))\s*.*)?$",
                           re.DOTALL)
# "4,0", "4.00": a number cell formatted with decimals, written out as text by Excel or LibreOffice.
_WHOLE = re.compile(r"^([1-5])[.,]0+$")
# Two numbers: "3-4", "3 - 4", "3–4", "2 tot 3", "3 of 4", "3 à 4", "3 -> 4", "3 ... 4" - a range, not
# an option label (no option text of any framework starts with a digit): an error on the cell, never
# its first number.
_RANGE = re.compile(r"^\s*[1-5]\s*(?:[" + _DASHES + r":>.…)→]+\s*|(?:tot en met|t/m|tm|tot|en/of|of|en|à|á|a|to|or|and)\s*)"
                    r"\d(?![\d%/]|[^\W\d_])", re.IGNORECASE)  # not "4 - 80% klaar", "5 - 24/7", "3. 2e fase"

# Cell codes: 1..5 is the score itself.
BLANK_CODE = 0
NA_CODE = -1  # not applicable (also a text naming both n/a and don't know)
BAD_CODE = -2
FORMULA_CODE = -3
DK_CODE = -4  # don't know: like n/a out of every score, but kept apart
REPORTED_CODE = -5  # not a score, and its problem (naming the options it could be) is already reported


class Score(NamedTuple):
    value: float  # nan when not a score
    na: bool  # marked not applicable or don't know (left out of scores)
    blank: bool  # left empty
    bad: bool  # something that is not a score
    dont_know: bool = False  # marked don't know (na is then True too)


BLANK = Score(math.nan, False, True, False)
NA = Score(math.nan, True, False, False)
DONT_KNOW_SCORE = Score(math.nan, True, False, False, True)
BAD = Score(math.nan, False, False, True)


def parse_score(raw: object) -> Score:
    """Classify one answer cell's raw value."""
    code = _code_of_value(raw)
    if code > 0:
        return Score(float(code), False, False, False)
    return {BLANK_CODE: BLANK, NA_CODE: NA, DK_CODE: DONT_KNOW_SCORE}.get(code, BAD)


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
    """The code of a text cell: blank, n/a, don't know, a score from an option label, or bad."""
    text = raw.strip().replace("\u00a0", " ")
    if not text:
        return BLANK_CODE
    kind = na_kind(text)
    if kind:
        return kind
    if match := _WHOLE.match(text):
        return int(match.group(1))
    match = _OPTION_LABEL.match(text)
    return int(match.group(1)) if match and not _RANGE.match(text) else BAD_CODE


def factorize(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(codes, uniques) of a 1-D object array: each value's index into its distinct values, in
    order of first appearance. Hashing in C (a dict), like `pandas.factorize`: values that compare
    equal are one (True, 1 and 1.0; NaN only with the same NaN object)."""
    items = values.tolist()
    # One hashing pass: a value not seen yet gets the next code from the dict's own default
    # factory (called, in Python, once per distinct value only).
    index: defaultdict[object, int] = defaultdict()
    index.default_factory = index.__len__
    codes = np.fromiter(map(index.__getitem__, items), dtype=np.intp, count=len(items))
    uniques = np.empty(len(index), dtype=object)
    uniques[:] = list(index)
    return codes, uniques


def classify(values: np.ndarray) -> np.ndarray:
    """Codes (int8, same shape) for an object array of raw cell values.

    Each distinct value is judged once (`factorize` hashes in C). Hashing treats True as 1 and
    False as 0, so the cells holding a value equal to 0 or 1 have their types checked.
    """
    return classify_distinct(values)[0]


def classify_distinct(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(codes, inverse, uniques): `classify`, with each cell's index into the distinct values
    (same shape as `values`) for a caller that looks at some of them again."""
    flat = np.asarray(values, dtype=object).ravel()
    if not flat.size:
        return (np.zeros(np.shape(values), dtype=np.int8), np.zeros(np.shape(values), dtype=np.intp),
                np.empty(0, dtype=object))
    inverse, uniques = factorize(flat)
    table = np.fromiter((_code_of_value(u) for u in uniques), dtype=np.int8, count=len(uniques))
    codes = table[inverse]
    for index, unique in enumerate(uniques):
        if isinstance(unique, (bool, int, float)) and unique in (0, 1):
            where = np.flatnonzero(inverse == index)
            if bool not in set(map(type, flat[where].tolist())):
                continue  # no booleans among them
            booleans = np.array([type(v) is bool for v in flat[where].tolist()], dtype=bool)
            codes[where[booleans]] = BAD_CODE
            codes[where[~booleans]] = BAD_CODE if unique == 0 else 1
    return codes.reshape(np.shape(values)), inverse.reshape(np.shape(values)), uniques


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
