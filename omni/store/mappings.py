"""Saved column mappings: a user's correction of the column map, under a name per organisation.

Scoped like every organisation's data: reads filter on `visible(...)`, a member saves only for her
own organisations (`lock_organisation`), and on PostgreSQL the row-level security policy of
migration 0008 stands behind that. A mapping is found again for a file with the same headers
(`headers_key`: case, spacing and punctuation do not matter, nor the order of the columns).
The saved mappings of one's organisations can be listed, read and deleted (the deletion audited).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, delete, select, update

from omni.attributes import normalise_label
from omni.store import StoreError, utcnow
from omni.store.access import DELETE, SAVE, audit
from omni.store.engine import reading, writing
from omni.store.organisations import check_name, lock_organisation
from omni.store.schema import column_mappings, organisations
from omni.store.scope import scope_of, visible
from omni.survey.headers import fold
from omni.survey.mapping import ColumnRule, dump_mapping, loads_mapping

MAX_MAPPING_NAME = 200


@dataclass(frozen=True)
class SavedMapping:
    id: int
    organisation: str
    name: str
    rules: tuple[ColumnRule, ...]
    updated_at: dt.datetime
    updated_by: str


def headers_key(headers: Iterable[str]) -> str:
    """The key of a set of headers (folded, deduplicated, sorted): the same for the next export."""
    folded = sorted({fold(str(h)) for h in headers if str(h).strip()})
    return hashlib.sha256("\n".join(folded).encode("utf-8")).hexdigest()


def _saved(row) -> SavedMapping:
    m = row._mapping
    at = m["updated_at"]
    return SavedMapping(m["id"], m["organisation_name"], m["name"], loads_mapping(m["mapping"], m["name"]),
                        at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at, m["updated_by"])


def _select():
    return select(column_mappings, organisations.c.name.label("organisation_name")).join(
        organisations, organisations.c.id == column_mappings.c.organisation_id)


def save_mapping(engine: Engine, organisation: str, name: str, rules: Iterable[ColumnRule]) -> SavedMapping:
    """Save `rules` under `name` for `organisation` (the same name again replaces it); audited."""
    rules = tuple(rules)
    name = " ".join((name or "").split())
    if not name:
        raise StoreError("mapping_name_empty")
    if len(name) > MAX_MAPPING_NAME:
        raise StoreError("mapping_name_long", limit=MAX_MAPPING_NAME)
    values = {"headers_key": headers_key(r.header for r in rules), "mapping": dump_mapping(rules),
              "updated_at": utcnow()}
    with writing(engine) as connection:
        org_id = lock_organisation(connection, check_name(organisation))
        values["updated_by"] = scope_of(connection).actor[:600]
        existing = connection.scalar(select(column_mappings.c.id).where(
            column_mappings.c.organisation_id == org_id, column_mappings.c.name == name))
        if existing is None:
            connection.execute(column_mappings.insert().values(organisation_id=org_id, name=name, **values))
        else:
            connection.execute(update(column_mappings).where(column_mappings.c.id == existing).values(**values))
        audit(connection, SAVE, f"column mapping {name!r} ({len(rules)} columns)", org_id)
        row = connection.execute(_select().where(column_mappings.c.organisation_id == org_id,
                                                 column_mappings.c.name == name)).one()
        return _saved(row)


def list_mappings(engine: Engine, headers: Iterable[str] | None = None,
                  organisation: str | None = None) -> list[SavedMapping]:
    """The saved mappings within the scope (only those for exactly these headers, or of this
    organisation, when given), newest first."""
    query = _select()
    if headers is not None:
        query = query.where(column_mappings.c.headers_key == headers_key(headers))
    if organisation is not None:
        query = query.where(organisations.c.name_key == normalise_label(organisation))
    with reading(engine) as connection:
        rows = connection.execute(query.where(visible(connection, column_mappings.c.organisation_id)).order_by(
            column_mappings.c.updated_at.desc(), column_mappings.c.id.desc())).all()
    return [_saved(row) for row in rows]


def _find(connection: Connection, organisation: str, name: str):
    row = connection.execute(_select().where(
        organisations.c.name_key == normalise_label(organisation),
        column_mappings.c.name == " ".join((name or "").split()),
        visible(connection, column_mappings.c.organisation_id))).first()
    if row is None:  # another organisation's mapping reads as not there
        raise StoreError("no_mapping", name=" ".join((name or "").split()), organisation=organisation)
    return row


def get_mapping(engine: Engine, organisation: str, name: str) -> SavedMapping:
    """The mapping saved under `name` for `organisation` (within the scope); StoreError when there is none."""
    with reading(engine) as connection:
        return _saved(_find(connection, organisation, name))


def delete_mapping(engine: Engine, organisation: str, name: str) -> SavedMapping:
    """Delete the mapping saved under `name` for `organisation` (within the scope); audited. Returns
    what was deleted; StoreError when there is none."""
    with writing(engine) as connection:
        row = _find(connection, organisation, name)
        doomed = _saved(row)
        connection.execute(delete(column_mappings).where(column_mappings.c.id == doomed.id))
        audit(connection, DELETE, f"column mapping {doomed.name!r} ({len(doomed.rules)} columns)",
              row._mapping["organisation_id"])
        return doomed
