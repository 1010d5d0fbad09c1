"""Numbers set through environment variables, read one way: a missing or empty variable keeps the
default, a value that is not a number is an error naming the variable (never silently ignored)."""

from __future__ import annotations

import os
from collections.abc import Mapping


def env_number(name: str, default: int | float, *, minimum: int | float | None = None,
               maximum: int | float | None = None, environ: Mapping[str, str] | None = None) -> int | float:
    """`name` as a number of `default`'s type, kept within [minimum, maximum]; ValueError when it is
    set to something that is not such a number."""
    raw = (os.environ if environ is None else environ).get(name)
    if raw is None or not raw.strip():
        return default
    kind = type(default)
    try:
        value = kind(raw.strip())
    except ValueError:
        raise ValueError(f"{name} must be {'a whole number' if kind is int else 'a number'}, not {raw!r}") from None
    if minimum is not None:
        value = max(minimum, value)
    if maximum is not None:
        value = min(maximum, value)
    return value


WORKER_IDLE_ENV = "OMNI_WORKER_IDLE_SECONDS"


def worker_idle_seconds(environ: Mapping[str, str] | None = None) -> float:
    """How long a parser or export worker may sit idle before it ends and gives its memory back
    (OMNI_WORKER_IDLE_SECONDS, default 300; 0 keeps workers for the life of the process). Any page
    drawn in the process counts as use: a worker ends only when nobody has been around for that long,
    and the next visitor's first page starts it again in the background."""
    return float(env_number(WORKER_IDLE_ENV, 300.0, minimum=0.0, maximum=7 * 24 * 3600.0, environ=environ))


EXPORT_NICE_ENV = "OMNI_EXPORT_NICE"


def export_niceness(environ: Mapping[str, str] | None = None) -> int:
    """How much an export worker yields the CPU to the app processes (OMNI_EXPORT_NICE, the Unix
    niceness it adds to itself, default 10; 0 runs it at the app's priority). Exports are mostly built
    ahead, while the user reads the Export page; the pages are what someone waits for right now."""
    return int(env_number(EXPORT_NICE_ENV, 10, minimum=0, maximum=19, environ=environ))


WARM_UP_ENV = "OMNI_WARM_UP"


def warm_up(environ: Mapping[str, str] | None = None) -> bool:
    """Whether serve.py prepares the first visit once the server is up (omni.ui.warmup: the pages'
    imports, the demo in both languages, the Overview's charts, a parser worker; about 3 CPU-s).
    OMNI_WARM_UP=1 (default) or 0: off for a server whose first visitor's wait does not matter, such
    as the browser tests' servers, where the first page pays for what it uses instead."""
    return env_number(WARM_UP_ENV, 1, minimum=0, maximum=1, environ=environ) == 1
