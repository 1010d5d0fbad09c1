"""Who may see what: users (issuer + subject), memberships, administrators, and the audit log.

A user is recorded at their first sign-in, with no organisation; an administrator then adds them
to one or more organisations. The first administrators come from configuration (issuer and
subject, see `parse_admins`); any administrator can make others administrator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from omni.attributes import normalise_label
from omni.store import StoreError, utcnow
from omni.store.audit import MAX_DETAIL, AuditAction, _write, audit, record  # noqa: F401 - re-exported
from omni.store.engine import reading, writing
from omni.store.organisations import Organisation, check_name
from omni.store.organisations import organisation_from_row as _organisation
from omni.store.schema import assessments, audit_log, memberships, organisations, users
from omni.store.scope import Scope, require_admin, visible

LOGIN, LOGOUT, UPLOAD, SAVE, DELETE, EXPORT, ADMIN, PLAN = (
    AuditAction.LOGIN, AuditAction.LOGOUT, AuditAction.UPLOAD, AuditAction.SAVE, AuditAction.DELETE,
    AuditAction.EXPORT, AuditAction.ADMIN, AuditAction.PLAN)
ACTIONS = tuple(AuditAction)


@dataclass(frozen=True)
class Identity:
    """A signed-in person as the identity provider names them."""

    issuer: str
    subject: str
    email: str = ""
    name: str = ""

    @property
    def label(self) -> str:
        shown = self.name or self.subject
        return f"{shown} <{self.email}>" if self.email else shown


@dataclass(frozen=True)
class Account:
    id: int
    issuer: str
    subject: str
    email: str
    name: str
    is_admin: bool
    organisations: tuple[Organisation, ...]
    last_login_at: dt.datetime | None = None

    @property
    def identity(self) -> Identity:
        return Identity(self.issuer, self.subject, self.email, self.name)

    def scope(self) -> Scope:
        """Administrators see every organisation; members see theirs (none before they are added)."""
        ids = None if self.is_admin else frozenset(o.id for o in self.organisations)
        return Scope(ids, actor=self.identity.label, issuer=self.issuer, subject=self.subject, admin=self.is_admin,
                     user_id=self.id, labels={o.id: o.name for o in self.organisations})


def parse_admins(entries: Iterable[str] | str | None) -> set[tuple[str, str]]:
    """Configured administrators: "ISSUER SUBJECT" entries (a list, or one text with ',' or ';' between)."""
    if entries is None:
        return set()
    if isinstance(entries, str):
        entries = entries.replace(";", ",").split(",")
    found = set()
    for entry in entries:
        parts = str(entry).split()
        if len(parts) == 2:
            found.add((parts[0], parts[1]))
        elif parts:
            raise StoreError("admin_entry", entry=entry)
    return found


def _account(connection: Connection, row) -> Account:
    orgs = connection.execute(select(organisations).join(
        memberships, memberships.c.organisation_id == organisations.c.id)
        .where(memberships.c.user_id == row.id).order_by(organisations.c.name_key)).all()
    return Account(row.id, row.issuer, row.subject, row.email, row.name, bool(row.is_admin),
                   tuple(_organisation(o) for o in orgs), row.last_login_at)


def sign_in(engine: Engine, identity: Identity, *, admins: Iterable[tuple[str, str]] = ()) -> Account:
    """Record a sign-in: the user by issuer and subject (created on first sight), audited."""
    if not identity.issuer or not identity.subject:
        raise StoreError("no_identity")
    now = utcnow()
    configured_admin = (identity.issuer, identity.subject) in set(admins)
    values = {"email": identity.email[:320], "name": identity.name[:200], "last_login_at": now}
    with writing(engine) as connection:
        row = connection.execute(select(users).where(users.c.issuer == identity.issuer,
                                                     users.c.subject == identity.subject).with_for_update()).first()
        if row is None:
            connection.execute(insert(users).values(issuer=identity.issuer, subject=identity.subject, created_at=now,
                                                    is_admin=configured_admin, **values))
        else:
            connection.execute(update(users).where(users.c.id == row.id).values(
                **values, **({"is_admin": True} if configured_admin else {})))
        row = connection.execute(select(users).where(users.c.issuer == identity.issuer,
                                                     users.c.subject == identity.subject)).one()
        account = _account(connection, row)
        _write(connection, account.scope(), LOGIN, "administrator" if account.is_admin else
               ", ".join(o.name for o in account.organisations))
        return account


def account_of(engine: Engine, identity: Identity) -> Account | None:
    """The user's current memberships and role (None if they never signed in)."""
    with reading(engine) as connection:
        row = connection.execute(select(users).where(users.c.issuer == identity.issuer,
                                                     users.c.subject == identity.subject)).first()
        return None if row is None else _account(connection, row)


# --- the audit log ------------------------------------------------------------------------------


def audit_entries(engine: Engine, *, limit: int = 500, action: AuditAction | None = None,
                  organisation_id: int | None = None) -> pd.DataFrame:
    """The newest audit entries first (administrators only)."""
    columns = ["at", "actor", "action", "organisation", "detail", "issuer", "subject"]
    query = select(*[audit_log.c[c] for c in columns]).order_by(audit_log.c.at.desc(), audit_log.c.id.desc())
    if action:
        query = query.where(audit_log.c.action == AuditAction(action).value)
    if organisation_id is not None:
        query = query.where(audit_log.c.organisation_id == organisation_id)
    with reading(engine) as connection:
        require_admin(connection)
        rows = connection.execute(query.limit(limit)).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)


# --- administration -----------------------------------------------------------------------------


def my_organisations(engine: Engine) -> list[Organisation]:
    """The organisations the scope may see, saved assessments or not, by name."""
    with reading(engine) as connection:
        rows = connection.execute(select(organisations).where(visible(connection, organisations.c.id))
                                  .order_by(organisations.c.name_key)).all()
    return [_organisation(r) for r in rows]


def list_users(engine: Engine) -> list[Account]:
    with reading(engine) as connection:
        require_admin(connection)
        rows = connection.execute(select(users).order_by(users.c.created_at, users.c.id)).all()
        return [_account(connection, r) for r in rows]


def organisation_counts(engine: Engine) -> dict[int, tuple[int, int]]:
    """Per organisation: (members, saved assessments). Administrators only."""
    with reading(engine) as connection:
        require_admin(connection)
        members = dict(connection.execute(select(memberships.c.organisation_id, func.count())
                                          .group_by(memberships.c.organisation_id)).all())
        saved = dict(connection.execute(select(assessments.c.organisation_id, func.count())
                                        .group_by(assessments.c.organisation_id)).all())
    return {k: (members.get(k, 0), saved.get(k, 0)) for k in set(members) | set(saved)}


def create_organisation(engine: Engine, name: str, *, sector: str = "", size_band: str = "",
                        channel_model: str = "", country: str = "") -> Organisation:
    name = check_name(name)
    now = utcnow()
    with writing(engine) as connection:
        require_admin(connection)
        if connection.scalar(select(organisations.c.id).where(organisations.c.name_key == normalise_label(name))):
            raise StoreError("organisation_exists", name=name)
        org_id = connection.execute(insert(organisations).values(
            name=name, name_key=normalise_label(name), sector=sector, size_band=size_band,
            channel_model=channel_model, country=country, created_at=now, updated_at=now)).inserted_primary_key[0]
        audit(connection, ADMIN, f"created organisation {name}", int(org_id), name)
        return _organisation(connection.execute(select(organisations).where(organisations.c.id == org_id)).one())


def delete_organisation(engine: Engine, organisation_id: int, *, confirm: bool = False) -> None:
    """Delete an organisation with all its saved assessments, rounds and memberships."""
    if not confirm:
        raise StoreError("confirm_delete_organisation")
    with writing(engine) as connection:
        require_admin(connection)
        name = connection.scalar(select(organisations.c.name).where(organisations.c.id == organisation_id))
        if name is None:
            raise StoreError("no_organisation", id=organisation_id)
        connection.execute(delete(organisations).where(organisations.c.id == organisation_id))
        audit(connection, ADMIN, f"deleted organisation {name} and all its data", organisation_id, name)


def _user_label(connection: Connection, user_id: int) -> str:
    row = connection.execute(select(users).where(users.c.id == user_id)).first()
    if row is None:
        raise StoreError("no_user", id=user_id)
    return Identity(row.issuer, row.subject, row.email, row.name).label


def add_user(engine: Engine, identity: Identity) -> int:
    """Register a user before their first sign-in (by issuer and subject), so they can be added to organisations."""
    if not identity.issuer.strip() or not identity.subject.strip():
        raise StoreError("issuer_subject")
    with writing(engine) as connection:
        require_admin(connection)
        found = connection.scalar(select(users.c.id).where(users.c.issuer == identity.issuer.strip(),
                                                           users.c.subject == identity.subject.strip()))
        if found:
            return int(found)
        user_id = connection.execute(insert(users).values(
            issuer=identity.issuer.strip(), subject=identity.subject.strip(), email=identity.email[:320],
            name=identity.name[:200], created_at=utcnow())).inserted_primary_key[0]
        audit(connection, ADMIN, f"registered user {identity.label} ({identity.issuer})")
        return int(user_id)


def add_member(engine: Engine, user_id: int, organisation_id: int) -> None:
    with writing(engine) as connection:
        require_admin(connection)
        label = _user_label(connection, user_id)
        if connection.scalar(select(organisations.c.id).where(organisations.c.id == organisation_id)) is None:
            raise StoreError("no_organisation", id=organisation_id)
        if connection.scalar(select(func.count()).select_from(memberships).where(
                memberships.c.user_id == user_id, memberships.c.organisation_id == organisation_id)):
            return
        connection.execute(insert(memberships).values(user_id=user_id, organisation_id=organisation_id,
                                                      created_at=utcnow()))
        audit(connection, ADMIN, f"added {label} as member", organisation_id)


def remove_member(engine: Engine, user_id: int, organisation_id: int) -> None:
    with writing(engine) as connection:
        require_admin(connection)
        label = _user_label(connection, user_id)
        gone = connection.execute(delete(memberships).where(memberships.c.user_id == user_id,
                                                            memberships.c.organisation_id == organisation_id))
        if gone.rowcount:
            audit(connection, ADMIN, f"removed {label} as member", organisation_id)


def set_admin(engine: Engine, user_id: int, admin: bool) -> None:
    with writing(engine) as connection:
        scope = require_admin(connection)
        label = _user_label(connection, user_id)
        if not admin and scope.user_id == user_id:
            raise StoreError("own_admin")
        connection.execute(update(users).where(users.c.id == user_id).values(is_admin=bool(admin)))
        audit(connection, ADMIN, f"{'granted' if admin else 'revoked'} administrator role for {label}")
