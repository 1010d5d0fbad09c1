"""Whose data a store call may touch: the one place where organisation scoping is decided.

A `Scope` travels with the engine (``scoped(engine, scope)`` returns an engine that carries it as
an execution option), so every repository function sees it on its connection without a new
parameter, and code that forgets to pass it cannot widen it: an engine without a scope is the
system's (the CLI, migrations, tests, the respondents' token-checked survey page).

Two walls:
1. In Python: repository functions filter with `visible(connection, column)` and check single
   rows with `require_visible` / `require_admin`; a row outside the scope reads as "not found".
2. On PostgreSQL: every transaction sets ``omni.org_ids`` (see omni.store.engine), and row-level
   security policies (migration 0003) hide and refuse rows of other organisations even if a
   query forgot the filter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, true
from sqlalchemy.sql.elements import ColumnElement

from omni.i18n import t

SCOPE_OPTION = "omni_scope"


class AccessDenied(PermissionError):
    """The signed-in user may not do this (an administrator's task, or not their organisation)."""

    def message(self, lang: str) -> str:
        return t("store.err.admin_only", lang)


@dataclass(frozen=True)
class Scope:
    """The organisations a session may see (None: all of them) and who is acting, for the audit log."""

    organisation_ids: frozenset[int] | None = None
    actor: str = "system"  # shown in the audit log: "name <email>" or "system" / "local"
    issuer: str = ""
    subject: str = ""
    admin: bool = False
    user_id: int | None = None
    labels: dict[int, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def unrestricted(self) -> bool:
        return self.organisation_ids is None

    def may_see(self, organisation_id: int | None) -> bool:
        return self.organisation_ids is None or organisation_id in self.organisation_ids

    def setting(self) -> str:
        """The value of PostgreSQL's ``omni.org_ids`` for this scope: "*" for all, else "1,2" ("" for none)."""
        if self.organisation_ids is None:
            return "*"
        return ",".join(str(i) for i in sorted(self.organisation_ids))


SYSTEM = Scope()


def scoped(engine: Engine, scope: Scope) -> Engine:
    """The same engine (same pool), limited to `scope` for every call made with it."""
    return engine.execution_options(**{SCOPE_OPTION: scope})


def scope_of(connection: Connection | Engine) -> Scope:
    return connection.get_execution_options().get(SCOPE_OPTION, SYSTEM)


def visible(connection: Connection, column) -> ColumnElement[bool]:
    """A WHERE condition: `column` (an organisation id) is inside the connection's scope."""
    ids = scope_of(connection).organisation_ids
    if ids is None:
        return true()
    return column.in_(sorted(ids)) if ids else column.in_([-1])


def require_admin(connection: Connection | Engine) -> Scope:
    scope = scope_of(connection)
    if scope.organisation_ids is not None and not scope.admin:
        raise AccessDenied(t("store.err.admin_only", "en"))
    return scope
