"""Peer entries in the store: add, approve, remove, and fetch a peer group's scores in one scan.

Scores are kept per entry as a small vector (see omni.store.schema.peer_entries), so a group of
100,000 organisations is one column read, decoded by numpy, instead of 600,000 rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import (
    Connection,
    Engine,
    LargeBinary,
    case,
    cast,
    delete,
    func,
    literal,
    or_,
    select,
    text,
    update,
)

from omni.store import StoreError, organisation_key, utcnow
from omni.store.audit import AuditAction, audit
from omni.store.engine import reading, writing
from omni.store.schema import (
    APPROVED,
    PEER_STATUSES,
    PENDING,
    REJECTED,
    assessments,
    dimension_scores,
    organisations,
    peer_entries,
)
from omni.store.scope import require_admin, visible

OVERALL = "_overall"  # the overall index, stored as the last element of every vector
_CHUNK = 500


def encode_scores(values: Sequence[float | None]) -> bytes:
    """Scores 1..5 as little-endian uint16 hundredths; a missing score is 0."""
    array = np.asarray([np.nan if v is None else v for v in values], dtype="float64")
    hundredths = np.where(np.isnan(array), 0, np.rint(np.nan_to_num(array) * 100))
    return hundredths.astype("<u2").tobytes()


@dataclass(frozen=True)
class PeerGroupFilter:
    """Which approved entries form a peer group (fixed groupings: see omni.benchmark)."""

    framework_id: str
    sector: str | None = None
    size_band: str | None = None
    channel_model: str | None = None
    year_from: int | None = None
    year_to: int | None = None  # None: all years, each organisation's newest entry
    exclude_keys: tuple[str, ...] = ()  # the viewer's own organisation(s), from the signed-in scope


@dataclass(frozen=True, eq=False)
class GroupScores:
    """The scores of a peer group, one row per organisation (its latest entry in the year window)."""

    dimensions: tuple[str, ...]
    values: np.ndarray  # entries x dimensions, hundredths, 0 = missing
    synthetic: int  # how many of the entries are synthetic (demo) peers

    @property
    def organisations(self) -> int:
        return int(self.values.shape[0])


def group_conditions(f: PeerGroupFilter) -> list:
    e = peer_entries.c
    conditions = [e.framework_id == f.framework_id, e.status == APPROVED]
    for column, value in (("sector", f.sector), ("size_band", f.size_band), ("channel_model", f.channel_model)):
        if value is not None:
            conditions.append(e[column] == value)
    if f.year_from is not None:
        conditions.append(e.year >= f.year_from)
    if f.year_to is None:
        conditions.append(e.superseded_year.is_(None))
    else:
        conditions += [e.year <= f.year_to, or_(e.superseded_year.is_(None), e.superseded_year > f.year_to)]
    if f.exclude_keys:
        conditions.append(e.org_key.not_in(sorted(set(f.exclude_keys))))
    return conditions


def _concatenated(connection: Connection):
    """All of a group's score vectors glued into one value by the database (one row instead of
    100,000), or None where the dialect has no such aggregate."""
    e = peer_entries.c
    if connection.dialect.name == "sqlite":
        # group_concat copies the blobs' bytes as they are (UTF-8 database: no transcoding); the
        # cast hands them back as one blob.
        return cast(func.group_concat(e.scores, ""), LargeBinary)
    if connection.dialect.name == "postgresql":
        return func.string_agg(e.scores, literal(b"", LargeBinary))
    return None


def _blob(value: object) -> bytes:
    return b"" if value is None else bytes(value)


def group_scores(connection: Connection, f: PeerGroupFilter, dimensions: Sequence[str]) -> GroupScores:
    """The scores of the group `f` on `dimensions` (a peer without a dimension has 0 there).

    One scan: the database returns the number of entries, how many are synthetic and every score
    vector concatenated; entries stored with another dimension layout (another framework version)
    are fetched per layout.
    """
    e = peer_entries.c
    conditions = group_conditions(f)
    synthetic = func.coalesce(func.sum(case((e.synthetic, 1), else_=0)), 0)
    glued = _concatenated(connection)
    wanted = tuple(dimensions)
    if glued is not None:
        first, last, count, synthetic_count, data = connection.execute(
            select(func.min(e.dimensions), func.max(e.dimensions), func.count(), synthetic, glued)
            .where(*conditions)).one()
        if count == 0:
            return GroupScores(wanted, np.zeros((0, len(wanted)), dtype="<u2"), 0)
        if first == last:
            return GroupScores(wanted, _columns(first, [_blob(data)], count, wanted), int(synthetic_count))
        rows = connection.execute(select(e.dimensions, func.count(), synthetic, glued).where(*conditions)
                                  .group_by(e.dimensions)).all()
        parts = [_columns(layout, [_blob(data)], n, wanted) for layout, n, _s, data in rows]
        return GroupScores(wanted, np.vstack(parts), int(sum(r[2] for r in rows)))
    rows = connection.execute(select(e.dimensions, e.scores, e.synthetic).where(*conditions)).all()
    layouts: dict[str, list[bytes]] = {}
    for layout, blob, _synthetic in rows:
        layouts.setdefault(layout, []).append(bytes(blob))
    parts = [_columns(layout, blobs, len(blobs), wanted) for layout, blobs in layouts.items()]
    values = np.vstack(parts) if parts else np.zeros((0, len(wanted)), dtype="<u2")
    return GroupScores(wanted, values, sum(bool(r[2]) for r in rows))


def _columns(layout: str, blobs: list[bytes], count: int, wanted: tuple[str, ...]) -> np.ndarray:
    """The wanted dimensions' columns of `count` vectors stored with `layout` (0 where absent)."""
    names = layout.split(",")
    matrix = np.frombuffer(b"".join(blobs), dtype="<u2").reshape(count, len(names))
    index = {name: i for i, name in enumerate(names)}
    columns = [matrix[:, index[d]] if d in index else np.zeros(count, dtype="<u2") for d in wanted]
    return np.column_stack(columns) if columns else np.zeros((count, 0), dtype="<u2")


def refresh_superseded(connection: Connection, org_keys: Iterable[str]) -> None:
    """Recompute `superseded_year` for these organisations' entries (after adding, approving or removing)."""
    keys = sorted(set(org_keys))
    e = peer_entries.c
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start:start + _CHUNK]
        # Only organisations with several entries (or a stale mark) need work: most have one.
        busy = [k for (k,) in connection.execute(
            select(e.org_key).where(e.org_key.in_(chunk)).group_by(e.org_key)
            .having(or_(func.count() > 1, func.max(e.superseded_year).is_not(None))))]
        if not busy:
            continue
        rows = connection.execute(select(e.id, e.org_key, e.framework_id, e.year, e.status, e.superseded_year)
                                  .where(e.org_key.in_(busy)).order_by(e.org_key, e.year, e.id)).all()
        changes = []
        by_key: dict[tuple[str, str], list] = {}
        for row in rows:  # an organisation's entries on one framework supersede each other
            by_key.setdefault((row.org_key, row.framework_id), []).append(row)
        for entries in by_key.values():
            next_year = None
            for row in reversed(entries):  # newest first: each entry is superseded by the next approved one
                if row.superseded_year != next_year:
                    changes.append({"entry_id": row.id, "value": next_year})
                if row.status == APPROVED:
                    next_year = row.year
        for change in changes:
            connection.execute(update(peer_entries).where(e.id == change["entry_id"])
                               .values(superseded_year=change["value"]))


def _lock_keys(connection: Connection, keys: Sequence[str]) -> None:
    # SQLite: the write transaction already holds the database's write lock.
    if connection.dialect.name == "postgresql":
        for key in sorted(set(keys)):
            connection.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": key})


def add_entries(connection: Connection, rows: Sequence[Mapping[str, object]]) -> int:
    """Insert peer entries (dicts with the columns of peer_entries) inside a write transaction."""
    if not rows:
        return 0
    keys = [str(r["org_key"]) for r in rows]
    if len(keys) <= 10_000:
        _lock_keys(connection, keys)
    now = utcnow()
    prepared = [{"country": "", "synthetic": False, "source_assessment_id": None, "superseded_year": None,
                 "created_at": now, **r} for r in rows]
    for start in range(0, len(prepared), 10_000):
        connection.execute(peer_entries.insert(), prepared[start:start + 10_000])
    refresh_superseded(connection, keys)
    return len(prepared)


def peer_set_exists(engine: Engine, peer_set: str) -> bool:
    with reading(engine) as connection:
        return connection.scalar(select(func.count()).select_from(peer_entries)
                                 .where(peer_entries.c.peer_set == peer_set)) > 0


def remove_peer_set(connection: Connection, peer_set: str) -> int:
    """Delete every entry of a peer set (inside a write transaction); returns how many."""
    require_admin(connection)
    keys = [k for (k,) in connection.execute(select(peer_entries.c.org_key).distinct()
                                             .where(peer_entries.c.peer_set == peer_set))]
    removed = connection.execute(delete(peer_entries).where(peer_entries.c.peer_set == peer_set)).rowcount
    refresh_superseded(connection, keys)
    return removed


def peer_sets(engine: Engine) -> pd.DataFrame:
    """One row per peer set: entries, approved, pending, synthetic, years."""
    e = peer_entries.c
    with reading(engine) as connection:
        rows = connection.execute(select(
            e.peer_set, func.count().label("entries"),
            func.sum(case((e.status == APPROVED, 1), else_=0)).label("approved"),
            func.sum(case((e.status == PENDING, 1), else_=0)).label("pending"),
            func.sum(case((e.synthetic, 1), else_=0)).label("synthetic"),
            func.min(e.year).label("first_year"), func.max(e.year).label("last_year"))
            .group_by(e.peer_set).order_by(e.peer_set)).all()
    return pd.DataFrame([tuple(r) for r in rows],
                        columns=["peer_set", "entries", "approved", "pending", "synthetic", "first_year", "last_year"])


def entries_with_status(engine: Engine, status: str = PENDING) -> pd.DataFrame:
    """Entries with a status (for review): id, peer set, attributes, year, framework; never a name."""
    e = peer_entries.c
    with reading(engine) as connection:
        rows = connection.execute(select(e.id, e.peer_set, e.framework_id, e.sector, e.size_band, e.channel_model,
                                         e.country, e.year, e.created_at)
                                  .where(e.status == status).order_by(e.id)).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=["id", "peer_set", "framework_id", "sector", "size_band",
                                                             "channel_model", "country", "year", "created_at"])


def set_status(engine: Engine, entry_ids: Sequence[int], status: str) -> int:
    """Approve or reject entries; only approved entries count as peers. Returns how many changed."""
    if status not in PEER_STATUSES:
        raise ValueError(f"status must be one of {PEER_STATUSES}")
    ids = [int(i) for i in entry_ids]
    with writing(engine) as connection:
        require_admin(connection)
        keys = [k for (k,) in connection.execute(select(peer_entries.c.org_key).where(peer_entries.c.id.in_(ids)))]
        missing = set(ids) - {i for (i,) in connection.execute(select(peer_entries.c.id)
                                                                .where(peer_entries.c.id.in_(ids)))}
        if missing:
            raise StoreError("no_peer_entry", ids=", ".join(map(str, sorted(missing))))
        _lock_keys(connection, keys)
        changed = connection.execute(update(peer_entries).where(peer_entries.c.id.in_(ids))
                                     .values(status=status)).rowcount
        refresh_superseded(connection, keys)
        _audit_status(connection, ids, status)
    return changed


def _audit_status(connection: Connection, ids: list[int], status: str) -> None:
    """One audit entry per organisation whose contributed entries were decided (imported sets: one without)."""
    action = {APPROVED: AuditAction.PEER_APPROVE, REJECTED: AuditAction.PEER_REJECT}.get(status, AuditAction.ADMIN)
    rows = connection.execute(select(peer_entries.c.id, peer_entries.c.peer_set, assessments.c.organisation_id)
                              .outerjoin(assessments, assessments.c.id == peer_entries.c.source_assessment_id)
                              .where(peer_entries.c.id.in_(ids)).order_by(peer_entries.c.id)).all()
    by_organisation: dict[int | None, list] = {}
    for row in rows:
        by_organisation.setdefault(row.organisation_id, []).append(row)
    for organisation_id, entries in by_organisation.items():
        sets = ", ".join(sorted({e.peer_set for e in entries}))
        audit(connection, action, f"peer entries {', '.join(str(e.id) for e in entries)} ({sets}): {status}",
              organisation_id)


def contribute_assessment(engine: Engine, assessment_id: int, overall_key: str = OVERALL) -> int:
    """Offer a saved assessment to the peer set, anonymised (attributes, year, dimension scores; no name,
    no answers), as a pending entry. Needs the organisation's opt-in. Returns the entry id.

    Only a wave of the whole organisation: a unit's wave (#19) is refused, since a unit is not an
    organisation and its scores next to its group's would count one organisation twice."""
    a, o = assessments.c, organisations.c
    with writing(engine) as connection:
        row = connection.execute(select(a.id, a.wave_date, a.framework_id, a.framework_version, a.sector, a.size_band,
                                        a.channel_model, a.country, a.overall_current, o.name, o.peer_opt_in,
                                        a.organisation_id, a.unit_id)
                                 .join(organisations, o.id == a.organisation_id)
                                 .where(a.id == assessment_id, visible(connection, a.organisation_id))).first()
        if row is None:
            raise StoreError("no_assessment", id=assessment_id)
        if row.unit_id is not None:
            raise StoreError("unit_wave_not_peer")
        if not row.peer_opt_in:
            raise StoreError("not_opted_in", name=row.name)
        missing = [name for name in ("sector", "size_band", "channel_model") if not getattr(row, name)]
        if missing:
            raise StoreError("peer_facts_missing", missing=", ".join(missing))
        existing = connection.scalar(select(peer_entries.c.id).where(peer_entries.c.source_assessment_id == assessment_id))
        if existing is not None:
            return int(existing)
        scores = connection.execute(select(dimension_scores.c.dimension, dimension_scores.c.current)
                                    .where(dimension_scores.c.assessment_id == assessment_id)
                                    .order_by(dimension_scores.c.position)).all()
        names = [s.dimension for s in scores] + [overall_key]
        values = [s.current for s in scores] + [row.overall_current]
        key = organisation_key(connection, row.name)
        add_entries(connection, [{
            "org_key": key, "peer_set": "contributed", "framework_id": row.framework_id,
            "framework_version": row.framework_version, "sector": row.sector,
            "size_band": row.size_band, "channel_model": row.channel_model, "country": row.country,
            "year": _year(row.wave_date), "status": PENDING, "synthetic": False, "dimensions": ",".join(names),
            "scores": encode_scores(values), "source_assessment_id": assessment_id}])
        entry_id = int(connection.scalar(select(peer_entries.c.id).where(
            peer_entries.c.source_assessment_id == assessment_id)))
        audit(connection, AuditAction.PEER_CONTRIBUTE, f"assessment {assessment_id} offered as peer entry {entry_id} "
              "(pending approval)", organisation_id=row.organisation_id)
        return entry_id


def _year(value: dt.date | str) -> int:
    return value.year if isinstance(value, dt.date) else int(str(value)[:4])
