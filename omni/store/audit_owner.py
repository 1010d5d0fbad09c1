"""The audit log's append-only protection, independent of the role the app connects as (PostgreSQL).

Migration 0003 guards the audit log with triggers that refuse UPDATE, DELETE and TRUNCATE. But the
app's own role creates (and so owns) the table: an owner can ``ALTER TABLE ... DISABLE TRIGGER``,
drop the trigger, replace its function or drop the table, so anyone who takes over the app's
database account could rewrite history. `protect_audit_log` (run once by the operator with a
privileged account, after the migrations: ``python -m omni store protect-audit``) moves the table,
its sequence and the trigger function into a schema of their own, owned by a role nobody logs in
as (``omni_audit_owner``), and leaves the app role only INSERT and SELECT. The app's role keeps
finding the table by name through its ``search_path``. Idempotent.

SQLite has no roles: there the triggers are the protection, and the database file's permissions
decide who can remove them (see docs/deploy.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

AUDIT_OWNER = "omni_audit_owner"
AUDIT_SCHEMA = "omni_audit"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


class AuditProtectionError(RuntimeError):
    """The protection could not be applied (wrong database, missing table, insufficient rights)."""


def _ident(name: str) -> str:
    if not _NAME.match(name):
        raise AuditProtectionError(f"not a plain PostgreSQL name: {name!r}")
    return f'"{name}"'


@dataclass(frozen=True)
class AuditProtection:
    """How the audit log is protected, as seen from one connection."""

    owner: str
    schema: str
    app_may_change: bool  # the connecting role owns the table or may UPDATE/DELETE/TRUNCATE it

    @property
    def protected(self) -> bool:
        return not self.app_may_change


def audit_protection(engine: Engine) -> AuditProtection | None:
    """The audit log's owner and whether the engine's own role could change or drop its rows (None on SQLite)."""
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as connection:
        row = connection.execute(text(
            "SELECT pg_get_userbyid(c.relowner) AS owner, n.nspname AS schema, "
            "pg_has_role(current_user, c.relowner, 'USAGE') AS owns, "
            "has_table_privilege(c.oid, 'UPDATE') OR has_table_privilege(c.oid, 'DELETE') "
            "OR has_table_privilege(c.oid, 'TRUNCATE') AS writes "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relname = 'audit_log' AND c.relkind = 'r' AND pg_table_is_visible(c.oid)")).first()
    if row is None:
        raise AuditProtectionError("no audit_log table (run the migrations first)")
    return AuditProtection(row.owner, row.schema, bool(row.owns or row.writes))


def protect_audit_log(admin_url: str, app_role: str, *, owner: str = AUDIT_OWNER, schema: str = AUDIT_SCHEMA) -> None:
    """Give the audit log (in the database `admin_url` points at) to `owner`; `app_role` keeps INSERT and
    SELECT only. `admin_url` is a superuser's (or a role with CREATEROLE that owns the table) connection."""
    url = make_url(admin_url)
    if url.get_backend_name() != "postgresql":
        raise AuditProtectionError("only PostgreSQL has roles; SQLite relies on its triggers and file permissions")
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    app, own, home = _ident(app_role), _ident(owner), _ident(schema)
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            database = connection.scalar(text("SELECT current_database()"))
            if not connection.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": app_role}):
                raise AuditProtectionError(f"no role {app_role!r} in this server")
            where = connection.execute(text(
                "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relname = 'audit_log' AND c.relkind = 'r'")).scalars().all()
            if not where:
                raise AuditProtectionError(f"database {database!r} has no audit_log table (run the migrations first)")
            if not connection.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": owner}):
                connection.execute(text(f"CREATE ROLE {own} NOLOGIN NOSUPERUSER NOINHERIT NOCREATEDB NOCREATEROLE"))
            connection.execute(text(f"CREATE SCHEMA IF NOT EXISTS {home} AUTHORIZATION {own}"))
            connection.execute(text(f"ALTER SCHEMA {home} OWNER TO {own}"))
            if schema not in where:
                connection.execute(text(f"ALTER TABLE {_ident(where[0])}.audit_log SET SCHEMA {home}"))
            table = f"{home}.audit_log"
            connection.execute(text(f"ALTER TABLE {table} OWNER TO {own}"))
            sequence = connection.scalar(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table})
            function = connection.execute(text(
                "SELECT n.nspname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                "WHERE p.proname = 'omni_audit_append_only'")).scalars().all()
            if function and schema not in function:
                connection.execute(text(f"ALTER FUNCTION {_ident(function[0])}.omni_audit_append_only() "
                                        f"SET SCHEMA {home}"))
            if function:
                connection.execute(text(f"ALTER FUNCTION {home}.omni_audit_append_only() OWNER TO {own}"))
                connection.execute(text(f"REVOKE ALL ON FUNCTION {home}.omni_audit_append_only() FROM PUBLIC"))
            connection.execute(text(f"REVOKE ALL ON SCHEMA {home} FROM PUBLIC"))
            connection.execute(text(f"GRANT USAGE ON SCHEMA {home} TO {app}"))
            connection.execute(text(f"REVOKE ALL ON TABLE {table} FROM PUBLIC"))
            connection.execute(text(f"REVOKE ALL ON TABLE {table} FROM {app}"))
            connection.execute(text(f"GRANT SELECT, INSERT ON TABLE {table} TO {app}"))
            if sequence:
                connection.execute(text(f"ALTER SEQUENCE {sequence} OWNER TO {own}"))
                connection.execute(text(f"REVOKE ALL ON SEQUENCE {sequence} FROM {app}"))
                # USAGE: nextval for new entries; SELECT: pg_dump reads its position. Never UPDATE (setval).
                connection.execute(text(f"GRANT USAGE, SELECT ON SEQUENCE {sequence} TO {app}"))
            # The app still names the table without a schema; public first, so new tables of later
            # migrations are still created there.
            connection.execute(text(f'ALTER ROLE {app} IN DATABASE {_ident(database)} '
                                    f'SET search_path = "$user", public, {home}'))
    finally:
        engine.dispose()
