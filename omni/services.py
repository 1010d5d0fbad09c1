"""Workflows the app and the CLI both run, written once: plain Python, no language, frozen results.

The pages and `python -m omni` call these and only render what comes back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine

from omni.scoring import Assessment
from omni.store import StoreError
from omni.store.assessments import SavedAssessment, save_assessment
from omni.store.organisations import set_peer_opt_in
from omni.store.peer_entries import contribute_assessment


@dataclass(frozen=True)
class SavedWave:
    """What `save_wave` did: the saved version, and the peer contribution when one was asked for."""

    saved: SavedAssessment
    contributed: int | None = None  # the pending peer entry's id
    contribute_error: StoreError | None = None  # why contributing failed; the wave is saved all the same


def save_wave(engine: Engine, assessment: Assessment, *, organisation: str | None, wave: str,
              wave_date: dt.date | None = None, source: str = "", contribute: bool = False,
              country: str = "NL") -> SavedWave:
    """Save an assessment as a wave and, with `contribute`, opt the organisation in and offer the wave to
    the peer set.

    In this order, each step its own transaction: the save (a `StoreError` there is raised and nothing is
    stored); then opting in, then the contribution. A `StoreError` in those two is returned in
    `contribute_error`, not raised: the saved wave stays (an opt-in given before a failed contribution
    stays too), and the caller says that contributing did not work.
    """
    saved = save_assessment(engine, assessment, organisation=organisation, wave=wave, wave_date=wave_date,
                            country=country, source=source)
    if not contribute:
        return SavedWave(saved)
    try:
        set_peer_opt_in(engine, saved.organisation, True)
        return SavedWave(saved, contributed=contribute_assessment(engine, saved.id))
    except StoreError as exc:
        return SavedWave(saved, contribute_error=exc)
