"""`store`: database maintenance by the operator."""

from __future__ import annotations

import argparse

from omni.cli.common import EXIT_OK, InputError, add_store_option, open_store


def register(sub) -> None:
    p = sub.add_parser("store", help="database maintenance")
    stores = p.add_subparsers(dest="store_command", required=True)
    q = stores.add_parser("protect-audit", help="PostgreSQL: make the audit log append-only for the app's own role "
                                                "(run once by the operator, after each upgrade)")
    add_store_option(q)
    q.add_argument("--admin-url", required=True, help="a superuser's URL for the same database")
    q.add_argument("--app-role", help="the role the app connects as (default: the user in --database)")
    q.set_defaults(func=cmd_store_protect_audit)


def cmd_store_protect_audit(args: argparse.Namespace) -> int:
    """Migrate the app's database, then give its audit log to a role of its own (see omni.store.audit_owner)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from omni.store import database_url
    from omni.store.audit_owner import AuditProtectionError, audit_protection, protect_audit_log

    engine = open_store(args, demo_peers=False)
    if engine.dialect.name != "postgresql":
        engine.dispose()
        raise InputError("protect-audit is for PostgreSQL; on SQLite the triggers and the file's permissions protect "
                         "the audit log")
    app_role = args.app_role or make_url(args.database or database_url()).username
    engine.dispose()
    try:
        protect_audit_log(args.admin_url, app_role)
    except AuditProtectionError as exc:
        raise InputError(str(exc)) from None
    except SQLAlchemyError as exc:
        raise InputError(f"cannot protect the audit log: {str(exc).splitlines()[0]}") from None
    engine = open_store(args, demo_peers=False)
    protection = audit_protection(engine)
    engine.dispose()
    if not protection.protected:
        raise InputError(f"the audit log is owned by {protection.owner}, yet the app's role can still change it")
    print(f"audit log: {protection.schema}.audit_log, owned by {protection.owner}; {app_role} may only add and read")
    return EXIT_OK
