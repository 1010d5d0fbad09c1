"""The action plan in the store: create, list, update (optimistic concurrency), delete; every change audited.

Scoped like every organisation's data: reads filter on `visible(...)` and a row outside the scope
reads as "not found"; on PostgreSQL the row-level security policies of migration 0004 stand behind
that. An update or delete names the version it was based on; when someone else changed the action
in between, the change is refused (`ActionError("stale")`) and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Connection, Engine, delete, select, update

from omni.actions import Action, ActionError, ActionFields, StatusChange
from omni.attributes import normalise_label
from omni.store import utcnow
from omni.store.access import PLAN, audit
from omni.store.engine import reading, writing
from omni.store.organisations import check_name, check_wave, lock_organisation
from omni.store.schema import action_status_history, actions, organisations
from omni.store.scope import scope_of, visible


def _aware(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value is not None and value.tzinfo is None else value


def _values(fields: ActionFields) -> dict[str, object]:
    return {"title": fields.title, "dimension": fields.dimension, "questions": ",".join(fields.questions),
            "target_level": fields.target_level, "owner_name": fields.owner_name, "owner_role": fields.owner_role,
            "start_date": fields.start_date, "due_date": fields.due_date, "status": fields.status,
            "notes": fields.notes}


def _select():
    return select(actions, organisations.c.name.label("organisation_name")).join(
        organisations, organisations.c.id == actions.c.organisation_id)


def _action(row, history: Sequence[StatusChange] = ()) -> Action:
    m = row._mapping
    fields = ActionFields(
        title=m["title"], dimension=m["dimension"], questions=tuple(q for q in m["questions"].split(",") if q),
        target_level=m["target_level"], owner_name=m["owner_name"], owner_role=m["owner_role"],
        start_date=m["start_date"], due_date=m["due_date"], status=m["status"], notes=m["notes"])
    return Action(id=m["id"], organisation=m["organisation_name"], wave=m["wave"], framework_id=m["framework_id"],
                  fields=fields, version=m["version"], created_at=_aware(m["created_at"]),
                  updated_at=_aware(m["updated_at"]), updated_by=m["updated_by"], history=tuple(history))


def _histories(connection: Connection, ids: Sequence[int]) -> dict[int, list[StatusChange]]:
    found: dict[int, list[StatusChange]] = {i: [] for i in ids}
    if not ids:
        return found
    for row in connection.execute(select(action_status_history).where(action_status_history.c.action_id.in_(
            list(ids))).order_by(action_status_history.c.at, action_status_history.c.id)):
        found[row.action_id].append(StatusChange(row.status, _aware(row.at), row.actor))
    return found


def _get(connection: Connection, action_id: int, *, lock: bool = False) -> Action:
    query = _select().where(actions.c.id == action_id, visible(connection, actions.c.organisation_id))
    if lock:
        query = query.with_for_update(of=actions)
    row = connection.execute(query).first()
    if row is None:
        raise ActionError("not_found", id=action_id)
    return _action(row, _histories(connection, [action_id])[action_id])


def _insert(connection: Connection, org_id: int, wave: str, framework_id: str, fields: ActionFields,
            now: dt.datetime) -> int:
    actor = scope_of(connection).actor
    action_id = int(connection.execute(actions.insert().values(
        organisation_id=org_id, wave=wave, framework_id=framework_id, **_values(fields), version=1, created_at=now,
        updated_at=now, updated_by=actor[:600])).inserted_primary_key[0])
    connection.execute(action_status_history.insert().values(action_id=action_id, status=fields.status, at=now,
                                                             actor=actor[:600]))
    return action_id


def create_actions(engine: Engine, organisation: str, wave: str, framework_id: str,
                   items: Sequence[ActionFields], *, source: str = "") -> list[Action]:
    """Add actions to an organisation's plan for `wave`, all in one transaction (all or none)."""
    name, wave = check_name(organisation), check_wave(wave)
    now = utcnow()
    with writing(engine) as connection:
        org_id = lock_organisation(connection, name)
        ids = [_insert(connection, org_id, wave, framework_id, fields, now) for fields in items]
        if len(ids) == 1 and not source:
            audit(connection, PLAN, f"created action #{ids[0]} {items[0].title!r} ({wave})", org_id)
        elif ids:
            audit(connection, PLAN, f"imported {len(ids)} actions ({wave}) from {source or 'a list'}: "
                  f"#{ids[0]}-#{ids[-1]}", org_id)
        return [_get(connection, i) for i in ids]


def create_action(engine: Engine, organisation: str, wave: str, framework_id: str, fields: ActionFields) -> Action:
    """Add one action to an organisation's plan for `wave`."""
    return create_actions(engine, organisation, wave, framework_id, [fields])[0]


def get_action(engine: Engine, action_id: int) -> Action:
    with reading(engine) as connection:
        return _get(connection, action_id)


def list_actions(engine: Engine, organisation: str | None = None, wave: str | None = None) -> list[Action]:
    """The actions within the scope (of one organisation and wave when given), by due date, then id."""
    query = _select()
    if organisation is not None:
        query = query.where(organisations.c.name_key == normalise_label(organisation))
    if wave is not None:
        query = query.where(actions.c.wave == wave)
    with reading(engine) as connection:
        rows = connection.execute(query.where(visible(connection, actions.c.organisation_id)).order_by(
            actions.c.due_date.is_(None), actions.c.due_date, actions.c.id)).all()
        histories = _histories(connection, [r.id for r in rows])
    return [_action(r, histories[r.id]) for r in rows]


def _refuse_stale(current: Action, based_on: int) -> None:
    if current.version != based_on:
        raise ActionError("stale", title=current.fields.title, actor=current.updated_by or "?",
                          at=current.updated_at.strftime("%Y-%m-%d %H:%M UTC"))


def _changed(before: ActionFields, after: ActionFields) -> list[str]:
    return [name for name, value in _values(after).items() if _values(before)[name] != value]


def _update(connection: Connection, action_id: int, fields: ActionFields, based_on: int,
            now: dt.datetime) -> tuple[Action, bool]:
    current = _get(connection, action_id, lock=True)
    _refuse_stale(current, based_on)
    changed = _changed(current.fields, fields)
    if not changed:
        return current, False
    actor = scope_of(connection).actor[:600]
    # The version in the WHERE clause guards once more: an update that lost a race changes no row.
    done = connection.execute(update(actions).where(actions.c.id == action_id, actions.c.version == based_on)
                              .values(**_values(fields), version=based_on + 1, updated_at=now, updated_by=actor))
    if done.rowcount != 1:
        _refuse_stale(_get(connection, action_id), based_on)
    if fields.status != current.fields.status:
        connection.execute(action_status_history.insert().values(action_id=action_id, status=fields.status,
                                                                 at=now, actor=actor))
    detail = f"changed action #{action_id} {fields.title!r}: {', '.join(changed)}"
    if "status" in changed:
        detail += f" (status {current.fields.status} -> {fields.status})"
    org_id = connection.scalar(select(actions.c.organisation_id).where(actions.c.id == action_id))
    audit(connection, PLAN, detail, org_id)
    return _get(connection, action_id), True


def update_action(engine: Engine, action_id: int, fields: ActionFields, *, based_on: int) -> Action:
    """Replace an action's fields, if nobody changed it since version `based_on` (else ActionError "stale")."""
    with writing(engine) as connection:
        return _update(connection, action_id, fields, based_on, utcnow())[0]


def import_actions(engine: Engine, organisation: str, wave: str | None, framework_id: str,
                   new: Sequence[ActionFields], changes: Sequence[tuple[int, int, ActionFields]], *,
                   source: str) -> tuple[int, int]:
    """Add `new` actions (planned in `wave`) and apply `changes` (id, version based on, fields) in one
    transaction: all or none. Returns (added, changed). An id outside the organisation or a stale
    version refuses the lot."""
    name = check_name(organisation)
    wave = check_wave(wave) if new else None
    now = utcnow()
    with writing(engine) as connection:
        org_id = lock_organisation(connection, name)
        ids = [_insert(connection, org_id, wave, framework_id, fields, now) for fields in new]
        changed = 0
        for action_id, based_on, fields in changes:
            if connection.scalar(select(actions.c.organisation_id).where(
                    actions.c.id == action_id, visible(connection, actions.c.organisation_id))) != org_id:
                raise ActionError("not_found", id=action_id)
            changed += _update(connection, action_id, fields, based_on, now)[1]
        added = f" (#{ids[0]}-#{ids[-1]}, {wave})" if ids else ""
        audit(connection, PLAN, f"imported {source}: {len(ids)} new{added}, {changed} changed actions", org_id)
        return len(ids), changed


def delete_action(engine: Engine, action_id: int, *, based_on: int) -> None:
    """Delete an action (and its status history), if nobody changed it since version `based_on`."""
    with writing(engine) as connection:
        current = _get(connection, action_id, lock=True)
        _refuse_stale(current, based_on)
        org_id = connection.scalar(select(actions.c.organisation_id).where(actions.c.id == action_id))
        connection.execute(delete(actions).where(actions.c.id == action_id, actions.c.version == based_on))
        audit(connection, PLAN, f"deleted action #{action_id} {current.fields.title!r}", org_id)
