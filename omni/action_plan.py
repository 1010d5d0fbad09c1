"""The action plan workflow the page and the CLI share: add (from scratch or a roadmap item), list with
filters, change, delete. Checks what a person entered against the framework, then calls the store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine

from omni.action_files import PlanFile, read_plan_file
from omni.actions import (
    FIELDS,
    Action,
    ActionError,
    check_fields,
    fields_from_roadmap,
    filter_actions,
    with_changes,
)
from omni.framework import Framework, get_framework
from omni.i18n import TranslatedError
from omni.roadmap import RoadmapItem
from omni.store.actions import (
    create_action,
    delete_action,
    get_action,
    import_actions,
    list_actions,
    update_action,
)
from omni.store.assessments import list_assessments


def planning_wave(engine: Engine, organisation: str, fallback: str | None = None) -> str:
    """The wave new actions belong to: the organisation's newest saved wave, else `fallback`."""
    waves = list_assessments(engine, organisation)
    if waves:
        return waves[-1].wave
    if fallback:
        return fallback
    raise ActionError("no_wave", organisation=organisation)


def add_action(engine: Engine, organisation: str, values: Mapping[str, object], *, wave: str | None = None,
               framework: Framework | None = None) -> Action:
    """A new action from what a person entered (field names as in omni.actions.FIELDS)."""
    framework = framework or get_framework()
    fields = check_fields(values, framework)
    return create_action(engine, organisation, wave or planning_wave(engine, organisation), framework.id, fields)


def add_from_roadmap(engine: Engine, organisation: str, item: RoadmapItem, framework: Framework, lang: str, *,
                     wave: str | None = None, fallback_wave: str | None = None,
                     today: dt.date | None = None) -> Action:
    """One click on the roadmap: an action prefilled with the item's focus questions, next level and advice."""
    fields = fields_from_roadmap(item, framework, lang, today=today)
    return create_action(engine, organisation, wave or planning_wave(engine, organisation, fallback_wave),
                         framework.id, fields)


def plan(engine: Engine, organisation: str | None = None, *, status: object = None, owner: str = "",
         dimension: object = None, overdue_only: bool = False, wave: str | None = None,
         today: dt.date | None = None) -> list[Action]:
    """The actions within the scope that match the filters, by due date."""
    return filter_actions(list_actions(engine, organisation, wave), status=status, owner=owner,
                          dimension=dimension, overdue_only=overdue_only, today=today)


def overdue(actions: list[Action], today: dt.date | None = None) -> list[Action]:
    """The actions whose due date has passed while they are neither done nor dropped."""
    return [a for a in actions if a.is_overdue(today)]


def change_action(engine: Engine, action_id: int, changes: Mapping[str, object], *, based_on: int,
                  framework: Framework | None = None) -> Action:
    """Apply `changes` to an action based on version `based_on` (a stale version is refused)."""
    current = get_action(engine, action_id)
    framework = framework or get_framework(current.framework_id)
    return update_action(engine, action_id, with_changes(current.fields, changes, framework), based_on=based_on)


def remove_action(engine: Engine, action_id: int, *, based_on: int) -> None:
    delete_action(engine, action_id, based_on=based_on)


@dataclass(frozen=True)
class EditOutcome:
    """What saving a table of edits did: how many rows were saved, and each refused row with why."""

    saved: int
    refused: tuple[tuple[str, TranslatedError], ...]  # (the row's title, or "new row n"; the reason)


def apply_edits(engine: Engine, organisation: str, shown: Sequence[Action], *, edited: Mapping[int, Mapping],
                added: Sequence[Mapping] = (), deleted: Sequence[int] = (), wave: str | None = None,
                framework: Framework | None = None) -> EditOutcome:
    """Save a table's edits row by row: `edited`/`deleted` by position in `shown` (the actions as they were
    when the table was drawn, so their versions catch a stale edit), `added` as new rows.

    A row that cannot be saved is reported and the others are still saved."""
    saved, refused = 0, []
    for position in sorted(deleted):
        action = shown[position]
        try:
            remove_action(engine, action.id, based_on=action.version)
            saved += 1
        except TranslatedError as exc:
            refused.append((action.fields.title, exc))
    for position, changes in sorted(edited.items()):
        if position in deleted:
            continue
        action = shown[position]
        try:
            change_action(engine, action.id, {k: v for k, v in changes.items() if k in FIELDS},
                          based_on=action.version, framework=framework)
            saved += 1
        except TranslatedError as exc:
            refused.append((action.fields.title, exc))
    for number, values in enumerate(added, start=1):
        if not any(v not in (None, "") for v in values.values()):
            continue  # an empty row the table adds by itself
        try:
            add_action(engine, organisation, values, wave=wave, framework=framework)
            saved += 1
        except TranslatedError as exc:
            refused.append((str(values.get("title") or f"#{number}"), exc))
    return EditOutcome(saved, tuple(refused))


@dataclass(frozen=True)
class ImportOutcome:
    plan_file: PlanFile
    added: int = 0
    changed: int = 0
    refused: TranslatedError | None = None  # the store refused the lot (an unknown id, a stale version)

    @property
    def ok(self) -> bool:
        return self.plan_file.ok and self.refused is None

    def messages(self, lang: str) -> list[str]:
        found = [p.message(lang) for p in self.plan_file.problems]
        return found + ([self.refused.message(lang)] if self.refused is not None else [])


def import_plan(engine: Engine, organisation: str, name: str, data: bytes, *, wave: str | None = None,
                framework: Framework | None = None) -> ImportOutcome:
    """Read a plan file and save it in one transaction: with any bad row, nothing is saved."""
    framework = framework or get_framework()
    plan_file = read_plan_file(name, data, framework)
    if not plan_file.ok:
        return ImportOutcome(plan_file)
    try:
        if plan_file.new:
            wave = wave or planning_wave(engine, organisation)
        added, changed = import_actions(engine, organisation, wave, framework.id, plan_file.new,
                                        plan_file.changes, source=name)
    except TranslatedError as exc:
        return ImportOutcome(plan_file, refused=exc)
    return ImportOutcome(plan_file, added, changed)
