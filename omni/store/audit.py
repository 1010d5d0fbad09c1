"""The append-only audit log: one typed constant per kind of action, and how an entry is written.

Entries are written inside the caller's transaction (`audit`) or in one of their own (`record`),
as the connection's scope (omni.store.scope), with the organisation the action concerns.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Connection, Engine, insert, select

from omni.attributes import normalise_label
from omni.store import StoreError, utcnow
from omni.store.engine import writing
from omni.store.schema import audit_log, organisations
from omni.store.scope import Scope, scope_of, visible

MAX_DETAIL = 2000


class AuditAction(StrEnum):
    """The actions written to the audit log; the value is what the `action` column holds (max 32)."""

    LOGIN = "login"
    LOGOUT = "logout"
    UPLOAD = "upload"
    SAVE = "save"
    DELETE = "delete"
    EXPORT = "export"
    ADMIN = "admin"
    ROUND_OPEN = "round_open"
    ROUND_RELINK = "round_relink"
    ROUND_CLOSE = "round_close"
    ROUND_REOPEN = "round_reopen"
    ROUND_RESULTS = "round_results"
    ROUND_DELETE = "round_delete"  # the round with its respondents, answers, invitees and links
    INVITE = "invite"  # invitations of a round (omni.store.invitations): added, removed, mailed, unsubscribed
    PEER_APPROVE = "peer_approve"
    PEER_REJECT = "peer_reject"
    PEER_OPT_IN = "peer_opt_in"
    PEER_OPT_OUT = "peer_opt_out"
    PEER_CONTRIBUTE = "peer_contribute"
    TEMPLATE_UPLOAD = "template_upload"
    LOGO_UPLOAD = "logo_upload"
    PLAN = "plan"  # the action plan (omni.store.actions): created, changed, deleted, imported
    UNIT = "unit"  # the units of a group (omni.store.units): added, renamed, removed, what they are called


def _write(connection: Connection, scope: Scope, action: AuditAction, detail: str = "",
           organisation_id: int | None = None, organisation: str = "") -> None:
    try:
        action = AuditAction(action)
    except ValueError:
        raise StoreError("audit_action", action=action) from None
    if organisation_id is None and not organisation and scope.organisation_ids and len(scope.organisation_ids) == 1:
        (organisation_id,) = scope.organisation_ids  # a member of one organisation acts for it
    if organisation_id is not None and not organisation:
        organisation = connection.scalar(select(organisations.c.name).where(organisations.c.id == organisation_id)) or ""
    connection.execute(insert(audit_log).values(
        at=utcnow(), actor=scope.actor[:600], issuer=scope.issuer, subject=scope.subject,
        organisation_id=organisation_id, organisation=organisation[:200], action=action.value,
        detail=str(detail)[:MAX_DETAIL]))


def audit(connection: Connection, action: AuditAction, detail: str = "", organisation_id: int | None = None,
          organisation: str = "") -> None:
    """Append to the audit log inside the caller's write transaction, as the connection's scope."""
    _write(connection, scope_of(connection), action, detail, organisation_id, organisation)


def record(engine: Engine, action: AuditAction, detail: str = "", organisation_id: int | None = None,
           organisation: str = "", *, organisation_named: str = "", name_if_unknown: bool = False) -> None:
    """Append one audit entry in a transaction of its own (uploads, exports, sign-outs).

    `organisation_named` (e.g. the organisation a survey file names) is recorded only when it is an
    organisation the scope may see; otherwise a member's only organisation is recorded. With
    `name_if_unknown` (local mode: the one user acts for whichever organisation their file is about)
    a name that is not (yet) in the store is recorded as given, without an organisation id.
    """
    with writing(engine) as connection:
        named = organisation_named.strip()
        if organisation_id is None and named:
            organisation_id = connection.scalar(select(organisations.c.id).where(
                organisations.c.name_key == normalise_label(named),
                visible(connection, organisations.c.id)))
            if organisation_id is None and name_if_unknown and not organisation:
                organisation = named
        audit(connection, action, detail, organisation_id, organisation)
