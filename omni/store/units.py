"""An organisation's units (#19): one level (brand, country, business unit), named by the organisation.

Units are registered from the respondents' `unit` fact when a wave is saved, or added by hand; the
organisation says what its units are called (`unit_label`). Every call goes through the
organisation scope (omni.store.scope): another organisation's units read as not found, and on
PostgreSQL row-level security (migration 0009) hides them too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, select, update

from omni.attributes import normalise_label
from omni.rounds import clean_text
from omni.store import StoreError, utcnow
from omni.store.engine import reading, writing
from omni.store.organisations import check_name, lock_organisation
from omni.store.schema import organisations, units
from omni.store.scope import visible

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
    """Add a unit to an organisation of the scope (the same name again returns the existing unit)."""
    name = check_unit(name)
    with writing(engine) as connection:
        org_id = lock_organisation(connection, check_name(organisation))
        register_units(connection, org_id, [name])
        row = connection.execute(select(units).where(units.c.organisation_id == org_id,
                                                     units.c.name_key == normalise_label(name))).first()
        return _unit(row)


def list_units(engine: Engine, organisation: str) -> list[Unit]:
    """The organisation's units by name; none for an organisation outside the scope."""
    with reading(engine) as connection:
        rows = connection.execute(select(units).join(organisations, organisations.c.id == units.c.organisation_id)
                                  .where(organisations.c.name_key == normalise_label(organisation),
                                         visible(connection, units.c.organisation_id))
                                  .order_by(units.c.name_key)).all()
    return [_unit(r) for r in rows]


def set_unit_label(engine: Engine, organisation: str, label: str) -> None:
    """What the organisation calls its units ("Merk", "Land", "Regio"); "" for the default word."""
    text = clean_text(label or "", MAX_UNIT_LABEL).strip()
    with writing(engine) as connection:
        org_id = lock_organisation(connection, check_name(organisation))
        connection.execute(update(organisations).where(organisations.c.id == org_id).values(unit_label=text))


def unit_label(engine: Engine, organisation: str) -> str:
    with reading(engine) as connection:
        return connection.scalar(select(organisations.c.unit_label).where(
            organisations.c.name_key == normalise_label(organisation),
            visible(connection, organisations.c.id))) or ""
