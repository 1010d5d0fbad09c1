"""Workflows the app and the CLI both run, written once: plain Python, no language, frozen results.

The pages and `python -m omni` call these and only render what comes back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine

from omni.action_review import review_plan
from omni.attributes import normalise_label
from omni.benchmark import Benchmark, default_group, first_sufficient
from omni.confidentiality import MinGroup, configured_min_group
from omni.export.action_data import ActionExport, has_review
from omni.export.extras import has_trend, usable_benchmark
from omni.history import History, organisation_history
from omni.rounds import RoundError
from omni.scoring import Assessment, score
from omni.store import StoreError
from omni.store.actions import list_actions
from omni.store.assessments import SavedAssessment, list_assessments, load_survey, save_assessment
from omni.store.organisations import set_peer_opt_in
from omni.store.peer_entries import contribute_assessment
from omni.store.rounds import get_round, load_round_survey
from omni.store.units import list_units
from omni.units import sole_unit, unit_names, unit_survey


@dataclass(frozen=True)
class SavedWave:
    """What `save_wave` did: the saved version, and the peer contribution when one was asked for."""

    saved: SavedAssessment
    contributed: int | None = None  # the pending peer entry's id
    contribute_error: StoreError | None = None  # why contributing failed; the wave is saved all the same


def unit_assessment(assessment: Assessment, unit: str, min_group: int | MinGroup | None = None) -> Assessment:
    """What a wave of `unit` holds: the whole assessment when no respondent names a unit or all name this
    one; else only this unit's respondents, re-scored. A unit the group view would merge into "Other"
    (under `min_group`; None reads the configuration) cannot be saved on its own either (StoreError)."""
    named = unit_names(assessment)
    if not named:
        return assessment
    match = [n for n in named if normalise_label(n) == normalise_label(unit)]
    if not match:
        raise StoreError("unit_not_in_survey", unit=unit, named=", ".join(named))
    if len(named) == 1:
        return assessment
    threshold = configured_min_group() if min_group is None else min_group
    try:
        return score(unit_survey(assessment, match[0], threshold))
    except ValueError:
        n = threshold.value if isinstance(threshold, MinGroup) else int(threshold)
        raise StoreError("unit_too_small", unit=match[0], n=n) from None


def wave_unit_choices(engine: Engine, organisation: str, assessment: Assessment) -> tuple[list[str], str]:
    """What a wave can be saved for: "" (the whole organisation) and the units the organisation has or the
    respondents name; and the default, the unit all respondents belong to (one unit opened from the group
    view, or a unit's file), else the whole organisation."""
    known = {normalise_label(u.name): u.name for u in list_units(engine, organisation)} if organisation else {}
    for name in unit_names(assessment):
        known.setdefault(normalise_label(name), name)
    default = sole_unit(assessment)
    return ["", *sorted(known.values(), key=normalise_label)], known.get(normalise_label(default), "")


def save_wave(engine: Engine, assessment: Assessment, *, organisation: str | None, wave: str,
              wave_date: dt.date | None = None, source: str = "", contribute: bool = False,
              country: str = "NL", unit: str = "", min_group: int | MinGroup | None = None) -> SavedWave:
    """Save an assessment as a wave (of the whole organisation, or with `unit` of that unit: see
    `unit_assessment`) and, with `contribute`, opt the organisation in and offer the wave to the peer set.

    In this order, each step its own transaction: the save (a `StoreError` there is raised and nothing is
    stored); then opting in, then the contribution. A `StoreError` in those two is returned in
    `contribute_error`, not raised: the saved wave stays (an opt-in given before a failed contribution
    stays too), and the caller says that contributing did not work. A unit's wave is never contributed
    (only group waves feed the peer set): asking for it returns that as `contribute_error`, and the
    organisation's opt-in is left as it was.
    """
    unit = unit.strip() if unit else ""
    if unit:  # spelled as the respondents spell it (a unit the store already has keeps its own spelling)
        unit = {normalise_label(n): n for n in unit_names(assessment)}.get(normalise_label(unit), unit)
        assessment = unit_assessment(assessment, unit, min_group)
    saved = save_assessment(engine, assessment, organisation=organisation, wave=wave, wave_date=wave_date,
                            country=country, source=source, unit=unit)
    if not contribute:
        return SavedWave(saved)
    if saved.unit:
        return SavedWave(saved, contribute_error=StoreError("unit_wave_not_peer"))
    try:
        set_peer_opt_in(engine, saved.organisation, True)
        return SavedWave(saved, contributed=contribute_assessment(engine, saved.id))
    except StoreError as exc:
        return SavedWave(saved, contribute_error=exc)


def save_round(engine: Engine, round_id: int, *, wave: str = "", wave_date: dt.date | None = None,
               contribute: bool = False, min_group: int | MinGroup | None = None) -> SavedWave:
    """A closed round's answers saved as a wave, named as the round unless `wave`: a round of one unit
    becomes that unit's wave (never the group's), any other round the organisation's. An open round or a
    round nobody answered is refused (RoundError "still_open", "no_answers"); see `save_wave` for the rest."""
    round_ = get_round(engine, round_id)
    if round_.is_open():
        raise RoundError("still_open")
    survey = load_round_survey(engine, round_id)
    if survey.respondents.empty:
        raise RoundError("no_answers")
    return save_wave(engine, score(survey), organisation=round_.organisation, wave=wave.strip() or round_.wave,
                     wave_date=wave_date, source=f"round {round_.id}", contribute=contribute,
                     unit=round_.unit, min_group=min_group)


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
    # the trend of a unit's wave (all respondents of one unit) is that unit's waves, else the group's
    history = organisation_history(engine, name, sole_unit(assessment)) if name else None
    return ExportExtras(bench, history if has_trend(history) else None, name, action_export(engine, name, today))


def action_export(engine: Engine, organisation: str, today: dt.date | None = None) -> ActionExport | None:
    """The organisation's actions and their review at the next wave for the exports; None without actions."""
    found = tuple(list_actions(engine, organisation)) if organisation else ()
    if not found:
        return None
    today = today or dt.date.today()
    return ActionExport(found[0].organisation, found, review_plan(engine, organisation, today=today), today)


@dataclass(frozen=True)
class LatestWave:
    """The newest saved wave of an organisation or of one of its units, re-scored from its answers (what
    the roadmap and the exports of that wave are built from)."""

    saved: SavedAssessment
    assessment: Assessment


def latest_wave(engine: Engine, organisation: str, unit: str = "") -> LatestWave | None:
    """The newest wave of the organisation (the group's), or with `unit` of that unit; None without waves."""
    waves = list_assessments(engine, organisation, unit=unit)
    if not waves:
        return None
    return LatestWave(waves[-1], score(load_survey(engine, waves[-1].id)))
