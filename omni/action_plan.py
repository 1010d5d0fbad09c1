"""The action plan workflow the page and the CLI share: add (from scratch or a roadmap item), list with
filters, change, delete. Checks what a person entered against the framework, then calls the store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import Engine

from omni.actions import Action, ActionError, check_fields, fields_from_roadmap, filter_actions, with_changes
from omni.framework import Framework, get_framework
from omni.roadmap import RoadmapItem
from omni.store.actions import create_action, delete_action, get_action, list_actions, update_action
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
