"""Workflows the app and the CLI both run, written once: plain Python, no language, frozen results.

The pages and `python -m omni` call these and only render what comes back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine

from omni.action_review import review_plan
from omni.benchmark import Benchmark, default_group, first_sufficient
from omni.export.action_data import ActionExport, has_review
from omni.export.extras import has_trend, usable_benchmark
from omni.history import History, organisation_history
from omni.scoring import Assessment
from omni.store import StoreError
from omni.store.actions import list_actions
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


@dataclass(frozen=True)
class ExportExtras:
    """The stored parts an export can include, and why one is left out (a text key; parameters `minimum`
    and `organisation`)."""

    benchmark: Benchmark | None  # the own peer group, else the nearest broader one with enough peers
    history: History | None  # the saved waves, only when there are enough for a trend
    organisation: str  # whose waves were looked up ("" when neither the caller nor the survey names one)
    actions: ActionExport | None = None  # the organisation's action plan (and its review), when it has actions

    @property
    def benchmark_missing(self) -> str | None:
        return None if self.benchmark is not None else "export.reason.few_peers"

    @property
    def trend_missing(self) -> str | None:
        if self.history is not None:
            return None
        return "export.reason.few_waves" if self.organisation else "export.reason.no_organisation"

    @property
    def actions_missing(self) -> str | None:
        if self.actions is not None:
            return None
        return "export.reason.no_actions" if self.organisation else "export.reason.no_organisation"

    @property
    def actions_reviewed(self) -> bool:
        """The actions are checked against a later wave (the deck's "what our actions did")."""
        return has_review(self.actions)


def export_extras(engine: Engine, assessment: Assessment, *, organisation: str | None = None,
                  organisation_id: int | None = None, today: dt.date | None = None) -> ExportExtras:
    """The benchmark (as the Benchmark page offers it) and the trend (as the History page shows it) for an
    export of `assessment`; `organisation` (a name) or `organisation_id` is the stored organisation left
    out of its own peers; its action plan (with the check at the next wave) when it has actions, overdue
    counted on `today`. Store errors are raised: the caller decides how to say the store is away."""
    bench = usable_benchmark(*first_sufficient(engine, assessment, default_group(assessment), organisation,
                                               organisation_id=organisation_id))
    name = organisation or assessment.organisation or ""
    history = organisation_history(engine, name) if name else None
    return ExportExtras(bench, history if has_trend(history) else None, name, action_export(engine, name, today))


def action_export(engine: Engine, organisation: str, today: dt.date | None = None) -> ActionExport | None:
    """The organisation's actions and their review at the next wave for the exports; None without actions."""
    found = tuple(list_actions(engine, organisation)) if organisation else ()
    if not found:
        return None
    today = today or dt.date.today()
    return ActionExport(found[0].organisation, found, review_plan(engine, organisation, today=today), today)
