"""An organisation's units (#19): one level (brand, country, business unit), named by the organisation.

Units are registered from the respondents' `unit` fact when a wave is saved, or added, renamed and
removed by hand (members of the organisation and administrators, audited; a unit something refers to
is never removed); the organisation says what its units are called (`unit_label`, omni.unit_admin). Every call goes through the
organisation scope (omni.store.scope): another organisation's units read as not found, and on
PostgreSQL row-level security (migration 0009) hides them too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, delete, func, select, update

from omni.attributes import normalise_label
from omni.rounds import clean_text
from omni.store import StoreError, utcnow
from omni.store.audit import AuditAction, audit
from omni.store.engine import reading, writing
from omni.store.organisations import check_name, lock_organisation
from omni.store.schema import (
    assessment_respondents,
    assessments,
    organisations,
    round_respondents,
    survey_rounds,
    units,
)
from omni.store.scope import visible
from omni.unit_admin import clean_label

MAX_UNIT = 200
MAX_UNIT_LABEL = 64


@dataclass(frozen=True)
class Unit:
    id: int
    organisation_id: int
    name: str
    created_at: dt.datetime


def _unit(row) -> Unit:
    return Unit(row.id, row.organisation_id, row.name, row.created_at)


def check_unit(name: str | None) -> str:
    text = clean_text(name or "", MAX_UNIT) if name else ""
    if not text.strip():
        raise StoreError("unit_empty")
    return text.strip()


def register_units(connection: Connection, organisation_id: int, names: Iterable[str]) -> None:
    """Add the units not yet known to the organisation (inside the caller's transaction)."""
    known = set(connection.scalars(select(units.c.name_key).where(units.c.organisation_id == organisation_id)))
    for name in sorted({n.strip() for n in names if n and n.strip() and n.strip() != "?"}):
        key = normalise_label(name)
        if key not in known:
            connection.execute(units.insert().values(organisation_id=organisation_id, name=name[:MAX_UNIT],
                                                     name_key=key[:MAX_UNIT], created_at=utcnow()))
            known.add(key)


def add_unit(engine: Engine, organisation: str, name: str) -> Unit:
    """Add a unit to an organisation of the scope (the same name again returns the existing unit); audited."""
    name = check_unit(name)
    with writing(engine) as connection:
        org_id = lock_organisation(connection, check_name(organisation))
        known = _find_unit(connection, org_id, name)
        if known is not None:
            return known
        register_units(connection, org_id, [name])
        added = _find_unit(connection, org_id, name)
        audit(connection, AuditAction.UNIT, f"unit added: {added.name}", org_id)
        return added


@dataclass(frozen=True)
class UnitUses:
    """What in the store refers to a unit: waves and rounds of that unit, and respondents who named it."""

    waves: int  # saved waves of the unit (assessments.unit_id)
    rounds: int  # survey rounds of the unit (survey_rounds.unit_id)
    respondents: int  # respondents in the organisation's saved waves and rounds whose unit fact names it

    @property
    def any(self) -> bool:
        return bool(self.waves or self.rounds or self.respondents)


def _find_unit(connection: Connection, org_id: int, name: str) -> Unit | None:
    row = connection.execute(select(units).where(units.c.organisation_id == org_id,
                                                 units.c.name_key == normalise_label(name)[:MAX_UNIT])).first()
    return None if row is None else _unit(row)


def _existing(connection: Connection, organisation: str, name: str, *, lock: bool = True) -> tuple[int, Unit]:
    """The organisation (of the scope; its row locked with `lock`) and its unit `name`; StoreError when
    either is not there. Unlike adding, renaming or removing never creates the organisation."""
    org = check_name(organisation)
    query = select(organisations.c.id).where(organisations.c.name_key == normalise_label(org),
                                             visible(connection, organisations.c.id))
    org_id = connection.scalar(query.with_for_update() if lock else query)
    found = None if org_id is None else _find_unit(connection, int(org_id), check_unit(name))
    if found is None:
        raise StoreError("no_unit", unit=name, organisation=org)
    return int(org_id), found


def _naming(connection: Connection, org_id: int, key: str) -> list:
    """WHERE conditions, one per respondents table (saved waves, rounds), for the organisation's
    respondents whose unit fact is `key` once normalised: facts are kept as typed, so "merk a" and
    "Merk A" both count. Tables where nobody named it are left out."""
    conditions = []
    for table, parent, owner in (
            (assessment_respondents, assessment_respondents.c.assessment_id,
             select(assessments.c.id).where(assessments.c.organisation_id == org_id)),
            (round_respondents, round_respondents.c.round_id,
             select(survey_rounds.c.id).where(survey_rounds.c.organisation_id == org_id))):
        typed = connection.scalars(select(table.c.unit).where(parent.in_(owner), table.c.unit != "").distinct())
        raw = [v for v in typed if normalise_label(v) == key]
        if raw:
            conditions.append((table, parent.in_(owner) & table.c.unit.in_(raw)))
    return conditions


def _uses(connection: Connection, org_id: int, unit: Unit) -> UnitUses:
    waves = connection.scalar(select(func.count()).select_from(assessments).where(
        assessments.c.organisation_id == org_id, assessments.c.unit_id == unit.id)) or 0
    rounds = connection.scalar(select(func.count()).select_from(survey_rounds).where(
        survey_rounds.c.organisation_id == org_id, survey_rounds.c.unit_id == unit.id)) or 0
    respondents = sum(connection.scalar(select(func.count()).select_from(table).where(condition)) or 0
                      for table, condition in _naming(connection, org_id, normalise_label(unit.name)))
    return UnitUses(int(waves), int(rounds), int(respondents))


def unit_uses(engine: Engine, organisation: str, name: str) -> UnitUses:
    """What refers to the organisation's unit `name` (StoreError when there is no such unit in the scope)."""
    with reading(engine) as connection:
        org_id, unit = _existing(connection, organisation, name, lock=False)
        return _uses(connection, org_id, unit)


def rename_unit(engine: Engine, organisation: str, name: str, new_name: str) -> tuple[Unit, UnitUses]:
    """Rename a unit, and with it the unit fact of every respondent of the organisation's saved waves and
    rounds who named it, so the Units page, a saved wave and the next round all say the new name. Refused
    when another unit already has the new name (merging is not renaming). Audited with the counts."""
    new_name = check_unit(new_name)
    with writing(engine) as connection:
        org_id, unit = _existing(connection, organisation, name)
        other = _find_unit(connection, org_id, new_name)
        if other is not None and other.id != unit.id:
            raise StoreError("unit_exists", unit=other.name)
        uses = _uses(connection, org_id, unit)
        for table, condition in _naming(connection, org_id, normalise_label(unit.name)):
            connection.execute(update(table).where(condition).values(unit=new_name))
        connection.execute(update(units).where(units.c.id == unit.id).values(
            name=new_name, name_key=normalise_label(new_name)[:MAX_UNIT]))
        audit(connection, AuditAction.UNIT, f"unit renamed: {unit.name} -> {new_name} ({uses.waves} wave(s), "
              f"{uses.rounds} round(s), {uses.respondents} respondent(s))", org_id)
        return _find_unit(connection, org_id, new_name), uses


def remove_unit(engine: Engine, organisation: str, name: str) -> Unit:
    """Remove a unit nothing refers to; refused (StoreError "unit_in_use", with what refers to it) when a
    saved wave or a round is of that unit or a respondent named it: rename it instead, or delete those
    first. Audited."""
    with writing(engine) as connection:
        org_id, unit = _existing(connection, organisation, name)
        uses = _uses(connection, org_id, unit)
        if uses.any:
            raise StoreError("unit_in_use", unit=unit.name, waves=uses.waves, rounds=uses.rounds,
                             respondents=uses.respondents)
        connection.execute(delete(units).where(units.c.id == unit.id))
        audit(connection, AuditAction.UNIT, f"unit removed: {unit.name}", org_id)
        return unit


def list_units(engine: Engine, organisation: str) -> list[Unit]:
    """The organisation's units by name; none for an organisation outside the scope."""
    with reading(engine) as connection:
        rows = connection.execute(select(units).join(organisations, organisations.c.id == units.c.organisation_id)
                                  .where(organisations.c.name_key == normalise_label(organisation),
                                         visible(connection, units.c.organisation_id))
                                  .order_by(units.c.name_key)).all()
    return [_unit(r) for r in rows]


def set_unit_label(engine: Engine, organisation: str, label: str) -> None:
    """What the organisation calls its units ("Merk", "Land", "Regio"); "" for the default word. Audited."""
    text = clean_label(clean_text(label or "", MAX_UNIT_LABEL))
    with writing(engine) as connection:
        org_id = lock_organisation(connection, check_name(organisation))
        connection.execute(update(organisations).where(organisations.c.id == org_id).values(unit_label=text))
        audit(connection, AuditAction.UNIT, f"units are called: {text or '(default)'}", org_id)


def unit_label(engine: Engine, organisation: str) -> str:
    with reading(engine) as connection:
        return connection.scalar(select(organisations.c.unit_label).where(
            organisations.c.name_key == normalise_label(organisation),
            visible(connection, organisations.c.id))) or ""
