"""Numbers, percentages, dates and plural forms in the reader's language, on Babel's locale data.

One place for every number a person reads (screen, CLI, deck, report), so a Dutch page never shows
"2.00" next to "0,5". A missing value (None or NaN) is shown as an en dash everywhere.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
from functools import cache, lru_cache

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import NumberPattern, format_decimal, format_percent, parse_pattern

MISSING = "–"

# English for European boards: 1 December 2026, not December 1, 2026.
_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


@cache
def locale_of(lang: str) -> Locale:
    """The Babel locale behind a product language ("nl" or "en")."""
    return Locale.parse(_LOCALES.get(lang, lang))


@cache
def _pattern(pattern: str) -> NumberPattern:
    """Babel's parsed form of a number pattern: format_decimal takes it as it is, instead of parsing the
    string again on every call (a fifth of the time of a number; a deck writes ~300)."""
    return parse_pattern(pattern)


def is_missing(value: object) -> bool:
    """True for None and NaN (pandas' and numpy's included)."""
    if value is None:
        return True
    try:
        return math.isnan(value)  # type: ignore[arg-type]
    except TypeError:
        return False


@lru_cache(maxsize=4096)
def _formatted(kind: type, value: object, pattern: str, lang: str, share: bool) -> str:
    # `kind`: equal values of different types (2.5, Decimal("2.5"), numpy's float32) are kept apart, as
    # Babel turns each type into a decimal its own way
    if share:
        return format_percent(value, format=_pattern(pattern), locale=locale_of(lang))
    return format_decimal(value, format=_pattern(pattern), locale=locale_of(lang))


def _format(value, pattern: str, lang: str, share: bool = False) -> str:
    """Babel's text for `value`, each value written once per process: a page or a deck writes the same
    scores again and again, and Babel takes ~7 microseconds a number (~2 % of a page run). Zero is not
    kept: -0.0 equals 0.0 but reads "-0,00"."""
    if value != 0:
        with contextlib.suppress(TypeError):  # unhashable: written each time, below
            return _formatted(type(value), value, pattern, lang, share)
    return _formatted.__wrapped__(type(value), value, pattern, lang, share)


def number(value: float | int | None, lang: str, digits: int = 2) -> str:
    """`value` with exactly `digits` decimals in `lang` (2,53 / 2.53), grouping thousands; – if missing."""
    if is_missing(value):
        return MISSING
    return _format(value, "#,##0" + ("." + "0" * digits if digits > 0 else ""), lang)


def integer(value: int | float | None, lang: str) -> str:
    """A whole number with the language's thousands separator (1.048.576 / 1,048,576)."""
    if is_missing(value):
        return MISSING
    return _format(round(value), "#,##0", lang)


def flexible_number(value: float | int | None, lang: str) -> str:
    """A number with at most 2 decimals, none when whole (0,5 / 1.048.576 in Dutch)."""
    if is_missing(value):
        return MISSING
    return _format(value, "#,##0.##", lang)


def percent(value: float | None, lang: str, digits: int = 0) -> str:
    """A share 0..1 as a percentage in `lang` (0.5 -> 50%)."""
    if is_missing(value):
        return MISSING
    return _format(value, "#,##0" + ("." + "0" * digits if digits > 0 else "") + "%", lang, share=True)


def date(value: dt.date | dt.datetime | None, lang: str) -> str:
    """A date written out in `lang`: 1 december 2026 / 1 December 2026."""
    if value is None:
        return MISSING
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_date(value, format="long", locale=locale_of(lang))


def datetime(value: dt.datetime | None, lang: str) -> str:
    """A moment in `lang`, to the minute: 1 december 2026 14:05."""
    if value is None:
        return MISSING
    return format_datetime(value, format="d MMMM y HH:mm", locale=locale_of(lang))


def plural_form(count: float, lang: str) -> str:
    """The CLDR plural category of `count` in `lang` ('one', 'other', ...)."""
    return locale_of(lang).plural_form(abs(count))
