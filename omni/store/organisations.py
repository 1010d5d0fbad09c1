"""Organisations: the frozen value, the one mapping from a row, name checks, and find/list/lock/opt-in.

The store's other modules (assessments, access, rounds, actions) build on this one; it depends on
nothing above the schema, the scope and the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, select, update

from omni.attributes import normalise_label
from omni.store import StoreError, utcnow
from omni.store.audit import AuditAction, audit
from omni.store.engine import reading, writing
from omni.store.schema import assessments, organisations
from omni.store.scope import scope_of, visible

MAX_NAME = 200
MAX_WAVE = 100


@dataclass(frozen=True)
class Organisation:
    id: int
    name: str
    sector: str
    size_band: str
    channel_model: str
    country: str
    peer_opt_in: bool


def organisation_from_row(row) -> Organisation:
    """An `Organisation` from a row of the organisations table."""
    m = row._mapping
    return Organisation(m["id"], m["name"], m["sector"], m["size_band"], m["channel_model"], m["country"],
                        bool(m["peer_opt_in"]))


def _check_label(value: str | None, limit: int, empty: str, too_long: str) -> str:
    """`value` with its spaces collapsed; StoreError `empty` or `too_long` (keys) when it cannot be used."""
    value = " ".join((value or "").split())
    if not value:
        raise StoreError(empty)
    if len(value) > limit:
        raise StoreError(too_long, limit=limit)
    return value


def check_name(name: str | None) -> str:
    return _check_label(name, MAX_NAME, "organisation_empty", "organisation_long")


def check_wave(wave: str | None) -> str:
    return _check_label(wave, MAX_WAVE, "wave_empty", "wave_long")


def _insert_ignore(connection: Connection, values: dict[str, object]):
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(organisations).values(**values).on_conflict_do_nothing(index_elements=["name_key"])


def lock_organisation(connection: Connection, name: str, facts: dict[str, str] | None = None) -> int:
    """The organisation's id, creating it if new, with its row locked for this transaction.

    The row lock (PostgreSQL; on SQLite the transaction holds the database's write lock) makes the
    "next version number" that follows safe when several sessions save at once.
    """
    name = check_name(name)
    key = normalise_label(name)
    now = utcnow()
    facts = {k: v for k, v in (facts or {}).items() if v}
    if not scope_of(connection).unrestricted:  # members save only for their own organisations
        org_id = connection.scalar(select(organisations.c.id).where(
            organisations.c.name_key == key, visible(connection, organisations.c.id)).with_for_update())
        if org_id is None:
            raise StoreError("not_yours", name=name)
        if facts:
            connection.execute(update(organisations).where(organisations.c.id == org_id).values(
                updated_at=now, **facts))
        return int(org_id)
    connection.execute(_insert_ignore(connection, {"name": name, "name_key": key, "created_at": now,
                                                   "updated_at": now, **facts}))
    org_id = connection.scalar(select(organisations.c.id).where(organisations.c.name_key == key).with_for_update())
    if facts:
        connection.execute(update(organisations).where(organisations.c.id == org_id).values(updated_at=now, **facts))
    return int(org_id)


def find_organisation(engine: Engine, name: str) -> Organisation | None:
    """A saved organisation by name (case, accents and spacing do not matter)."""
    with reading(engine) as connection:
        row = connection.execute(select(organisations).where(
            organisations.c.name_key == normalise_label(name), visible(connection, organisations.c.id))).first()
    return None if row is None else organisation_from_row(row)


def list_organisations(engine: Engine) -> list[Organisation]:
    """Every organisation with at least one saved assessment, by name."""
    with reading(engine) as connection:
        rows = connection.execute(select(organisations).where(
            select(assessments.c.id).where(assessments.c.organisation_id == organisations.c.id).exists(),
            visible(connection, organisations.c.id)).order_by(organisations.c.name_key)).all()
    return [organisation_from_row(r) for r in rows]


def set_peer_opt_in(engine: Engine, organisation: str, opt_in: bool) -> None:
    """Record whether an organisation agrees to contribute its saved assessments to the peer set."""
    with writing(engine) as connection:
        found = connection.execute(update(organisations).where(
            organisations.c.name_key == normalise_label(organisation), visible(connection, organisations.c.id)).values(
            peer_opt_in=bool(opt_in), updated_at=utcnow()))
        if not found.rowcount:
            raise StoreError("no_saved_organisation", name=organisation)
        org_id = connection.scalar(select(organisations.c.id).where(
            organisations.c.name_key == normalise_label(organisation), visible(connection, organisations.c.id)))
        audit(connection, AuditAction.PEER_OPT_IN if opt_in else AuditAction.PEER_OPT_OUT,
              "agreed to contribute to the peer set" if opt_in else "withdrew from the peer set", org_id)
