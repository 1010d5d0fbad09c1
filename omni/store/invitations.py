"""Invitees of a survey round in the store: added all or nothing, personal links, mail results, status.

An invitee's e-mail address belongs to the round's organisation (row-level security on PostgreSQL,
the scope filter everywhere) and goes with the round (ON DELETE CASCADE). Personal links are
tokens of which only the SHA-256 is kept (`invitation_links`); every mail carries a fresh one and
all of a person's links keep working. Once they start, the same links resume their answers
(omni.store.rounds resolves them). The audit log says what was done and how many, never an address.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, and_, delete, func, select, update

from omni.invitees import InviteError, Person
from omni.rounds import MAX_TEXT, RoundError, clean_text, new_token, plausible_token, token_hash
from omni.store import utcnow
from omni.store.audit import AuditAction, audit
from omni.store.engine import reading, writing
from omni.store.rounds import Respondent, Round, _aware, _get, _respondent
from omni.store.schema import (
    invitation_links,
    round_invitees,
    round_reminder_schedules,
    round_respondents,
    survey_rounds,
)
from omni.store.scope import visible

PENDING, SENT, FAILED = "pending", "sent", "failed"
INVITE, REMINDER = "invite", "reminder"
# What the manager sees per invitee, furthest first; never their answers.
STATUSES = ("submitted", "started", "opened", "invited", "failed", "pending")
MAX_REMINDER_SLOTS = 10


@dataclass(frozen=True)
class Invitee:
    id: int
    round_id: int
    name: str
    email: str
    role: str
    department: str
    language: str
    mail_status: str
    mail_error: str
    invited_at: dt.datetime | None
    opened_at: dt.datetime | None
    reminded_at: dt.datetime | None
    reminders: int
    unsubscribed_at: dt.datetime | None
    respondent_id: int | None
    started_at: dt.datetime | None = None
    submitted_at: dt.datetime | None = None

    @property
    def status(self) -> str:
        """submitted, started, opened, invited, failed (the mail did not leave) or pending (not mailed yet)."""
        if self.submitted_at is not None:
            return "submitted"
        if self.respondent_id is not None:
            return "started"
        if self.opened_at is not None:
            return "opened"
        if self.invited_at is not None:
            return "invited"
        return FAILED if self.mail_status == FAILED else PENDING

    @property
    def unsubscribed(self) -> bool:
        return self.unsubscribed_at is not None


@dataclass(frozen=True)
class Added:
    invitees: tuple[Invitee, ...]
    already: tuple[str, ...]  # addresses already invited to this round (left as they were)


def _select():
    r = round_respondents.c
    return (select(round_invitees, r.created_at.label("started_at"), r.submitted_at.label("submitted_at"))
            .outerjoin(round_respondents, round_respondents.c.id == round_invitees.c.respondent_id))


def _invitee(row) -> Invitee:
    m = row._mapping
    return Invitee(id=m["id"], round_id=m["round_id"], name=m["name"], email=m["email"], role=m["role"],
                   department=m["department"], language=m["language"], mail_status=m["mail_status"],
                   mail_error=m["mail_error"], invited_at=_aware(m["invited_at"]), opened_at=_aware(m["opened_at"]),
                   reminded_at=_aware(m["reminded_at"]), reminders=m["reminders"],
                   unsubscribed_at=_aware(m["unsubscribed_at"]), respondent_id=m["respondent_id"],
                   started_at=_aware(m["started_at"]), submitted_at=_aware(m["submitted_at"]))


def _detail(round_: Round, text: str) -> str:
    return f"round {round_.id}: {round_.wave}: {text}"


def add_invitees(engine: Engine, round_id: int, people: Sequence[Person]) -> Added:
    """Add people to a round's invitees in one transaction (all or none); an address already
    invited to the round is left as it is and named in `already`."""
    now = utcnow()
    with writing(engine) as connection:
        round_ = _get(connection, round_id, lock=True)
        if not round_.is_open(now):
            raise RoundError("closed")
        existing = set(connection.scalars(select(round_invitees.c.email_key).where(
            round_invitees.c.round_id == round_id)))
        rows, already = [], []
        for person in people:
            key = person.email.lower()
            if key in existing:
                already.append(person.email)
                continue
            existing.add(key)
            language = person.language if person.language in round_.languages else round_.languages[0]
            rows.append({"round_id": round_id, "organisation_id": round_.organisation_id,
                         "name": clean_text(person.name, MAX_TEXT), "email": person.email, "email_key": key,
                         "role": clean_text(person.role, MAX_TEXT), "department": clean_text(person.department, MAX_TEXT),
                         "language": language, "mail_status": PENDING, "created_at": now})
        if rows:
            connection.execute(round_invitees.insert(), rows)
            audit(connection, AuditAction.INVITE, _detail(round_, f"{len(rows)} invitees added"), round_.organisation_id)
        keys = [row["email_key"] for row in rows]
        added = connection.execute(_select().where(round_invitees.c.round_id == round_id,
                                                   round_invitees.c.email_key.in_(keys))
                                   .order_by(round_invitees.c.id)).all() if keys else []
    return Added(tuple(_invitee(r) for r in added), tuple(already))


def list_invitees(engine: Engine, round_id: int) -> list[Invitee]:
    """A round's invitees with their status (for the manager: never their answers)."""
    with reading(engine) as connection:
        _get(connection, round_id)
        rows = connection.execute(_select().where(round_invitees.c.round_id == round_id)
                                  .order_by(round_invitees.c.id)).all()
    return [_invitee(r) for r in rows]


def remove_invitees(engine: Engine, round_id: int, invitee_ids: Iterable[int]) -> int:
    """Remove invitees and their addresses. Their mailed links stop working, except the one a person
    started with, which stays their resume link like any respondent's; answers already given stay."""
    ids = sorted({int(i) for i in invitee_ids})
    if not ids:
        return 0
    with writing(engine) as connection:
        round_ = _get(connection, round_id, lock=True)
        removed = connection.execute(delete(round_invitees).where(
            round_invitees.c.round_id == round_id, round_invitees.c.id.in_(ids))).rowcount
        audit(connection, AuditAction.INVITE, _detail(round_, f"{removed} invitees removed"), round_.organisation_id)
    return removed


def _targets(connection: Connection, round_: Round, kind: str, ids: Sequence[int] | None) -> list[Invitee]:
    query = _select().where(round_invitees.c.round_id == round_.id)
    if ids is not None:
        query = query.where(round_invitees.c.id.in_(sorted({int(i) for i in ids})))
    found = [_invitee(r) for r in connection.execute(query.order_by(round_invitees.c.id))]
    if kind == REMINDER:  # invited, not submitted, and did not ask to be left alone (a failed
        # invitation is sent again as an invitation, not as a reminder of a mail that never arrived)
        return [i for i in found if i.submitted_at is None and not i.unsubscribed and i.invited_at is not None]
    return [i for i in found if i.submitted_at is None]


def issue_links(engine: Engine, round_id: int, kind: str, invitee_ids: Sequence[int] | None = None
                ) -> tuple[Round, list[tuple[Invitee, str]]]:
    """Fresh personal tokens for a mail to invitees of an open round: for an invitation the given
    ones (default: everyone not mailed yet), for a reminder everyone (or the given ones) who has not
    submitted and has not unsubscribed (among those whose invitation left). The tokens are returned
    once; only their hashes are kept."""
    if kind not in (INVITE, REMINDER):
        raise ValueError(kind)
    now = utcnow()
    with writing(engine) as connection:
        round_ = _get(connection, round_id, lock=True)
        if not round_.is_open(now):
            raise RoundError("closed")
        targets = _targets(connection, round_, kind, invitee_ids)
        if kind == INVITE and invitee_ids is None:
            targets = [i for i in targets if i.invited_at is None]
        issued = [(invitee, new_token()) for invitee in targets]
        if issued:
            connection.execute(invitation_links.insert(), [
                {"token_hash": token_hash(token), "invitee_id": invitee.id, "created_at": now}
                for invitee, token in issued])
    return round_, issued


def record_mail(engine: Engine, round_id: int, kind: str, results: Sequence[tuple[int, str | None]]) -> None:
    """What happened to mails: (invitee id, None when it left, else the reason). A failed address
    keeps its row (status failed, the reason) so it can be sent again. Audited by the run, once
    (audit_mail_run), not per mail."""
    now = utcnow()
    with writing(engine) as connection:
        _get(connection, round_id)  # within the scope, or "no such round"
        i = round_invitees.c
        for invitee_id, error in results:
            where = and_(i.id == invitee_id, i.round_id == round_id)
            if error:
                connection.execute(update(round_invitees).where(where).values(
                    mail_status=FAILED, mail_error=str(error)[:500]))
            elif kind == INVITE:
                connection.execute(update(round_invitees).where(where).values(
                    mail_status=SENT, mail_error="", invited_at=now))
            else:
                connection.execute(update(round_invitees).where(where).values(
                    mail_status=SENT, mail_error="", reminded_at=now, reminders=i.reminders + 1,
                    invited_at=func.coalesce(i.invited_at, now)))


def audit_mail_run(engine: Engine, round_id: int, kind: str, sent: int, failed: int, detail: str = "") -> None:
    """One audit entry for a run of mails: how many left and how many failed (never an address)."""
    with writing(engine) as connection:
        round_ = _get(connection, round_id)
        audit(connection, AuditAction.INVITE, _detail(round_, f"{kind}: {sent} mailed, {failed} failed{detail}"),
              round_.organisation_id)


def _link_row(connection: Connection, token: object):
    if not plausible_token(token):
        return None
    return connection.execute(_select().join(invitation_links, invitation_links.c.invitee_id == round_invitees.c.id)
                              .where(invitation_links.c.token_hash == token_hash(token))).first()


@dataclass(frozen=True)
class Invitation:
    """What a personal link leads to: the round, the invitee, and their respondent once they started."""

    round: Round
    invitee: Invitee


def open_invitation(engine: Engine, token: object) -> Invitation | None:
    """The invitation a personal link belongs to (None for an unknown token); notes the first opening."""
    with reading(engine) as connection:
        row = _link_row(connection, token)
        if row is None:
            return None
        invitee = _invitee(row)
        if invitee.opened_at is not None:  # every later visit reads only
            return Invitation(_get(connection, invitee.round_id), invitee)
    with writing(engine) as connection:
        connection.execute(update(round_invitees).where(
            round_invitees.c.id == invitee.id, round_invitees.c.opened_at.is_(None)).values(opened_at=utcnow()))
        return Invitation(_get(connection, invitee.round_id), _invitee(_link_row(connection, token)))


def start_invited(engine: Engine, token: object, *, language: str, role: str, department: str,
                  name: str = "") -> Respondent:
    """The invitee starts answering through their personal link: a respondent whose answers that link
    (and the person's other links) resume. Not subject to the shared link's flood limits: the manager
    invited this person. A second start returns the respondent already there."""
    role, department = clean_text(role, MAX_TEXT), clean_text(department, MAX_TEXT)
    if not role or not department:
        raise RoundError("facts_required")
    now = utcnow()
    with writing(engine) as connection:
        row = _link_row(connection, token)
        if row is None:
            raise RoundError("bad_link")
        invitee = _invitee(row)
        round_ = _get(connection, invitee.round_id, lock=True)
        if invitee.respondent_id is not None:
            existing = connection.execute(select(round_respondents).where(
                round_respondents.c.id == invitee.respondent_id)).one()
            return _respondent(existing)
        if not round_.is_open(now):
            raise RoundError("closed")
        if language not in round_.languages:
            raise RoundError("languages", options=", ".join(round_.languages))
        respondent_id = connection.execute(round_respondents.insert().values(
            round_id=round_.id, token_hash=token_hash(str(token)), language=language,
            name=clean_text(name, MAX_TEXT), role=role, department=department, created_at=now,
            updated_at=now)).inserted_primary_key[0]
        connection.execute(update(round_invitees).where(round_invitees.c.id == invitee.id).values(
            respondent_id=respondent_id, opened_at=invitee.opened_at or now))
        return _respondent(connection.execute(select(round_respondents).where(
            round_respondents.c.id == respondent_id)).one())


def unsubscribe(engine: Engine, token: object) -> bool:
    """The invitee of a personal link asks for no more mail (the link itself keeps working)."""
    with writing(engine) as connection:
        row = _link_row(connection, token)
        if row is None:
            return False
        invitee = _invitee(row)
        if invitee.unsubscribed_at is None:
            connection.execute(update(round_invitees).where(round_invitees.c.id == invitee.id).values(
                unsubscribed_at=utcnow()))
            round_ = _get(connection, invitee.round_id)
            audit(connection, AuditAction.INVITE, _detail(round_, f"invitee {invitee.id} unsubscribed"),
                  round_.organisation_id)
        return True


def set_unsubscribed(engine: Engine, round_id: int, invitee_id: int, unsubscribed: bool) -> None:
    """The manager records an invitee's wish (e.g. they replied "stop"), or withdraws it."""
    with writing(engine) as connection:
        round_ = _get(connection, round_id)
        done = connection.execute(update(round_invitees).where(
            round_invitees.c.id == invitee_id, round_invitees.c.round_id == round_id).values(
            unsubscribed_at=utcnow() if unsubscribed else None)).rowcount
        if not done:
            raise InviteError("no_invitee", id=invitee_id)
        audit(connection, AuditAction.INVITE, _detail(
            round_, f"invitee {invitee_id} {'unsubscribed' if unsubscribed else 'subscribed again'} by the manager"),
            round_.organisation_id)


# --- the reminder schedule of a round -----------------------------------------------------------


@dataclass(frozen=True)
class ReminderSchedule:
    round_id: int
    days_before: tuple[int, ...]  # days before the closing date, largest first
    done: tuple[int, ...]


def check_days(days: Iterable[object]) -> tuple[int, ...]:
    """Days before the closing date, 1 to 60, each once, largest first."""
    found = set()
    for day in days:
        try:
            number = int(str(day).strip())
        except ValueError:
            raise InviteError("schedule_days", value=str(day)[:20]) from None
        if not 1 <= number <= 60:
            raise InviteError("schedule_days", value=str(day)[:20])
        found.add(number)
    if len(found) > MAX_REMINDER_SLOTS:
        raise InviteError("schedule_many", limit=MAX_REMINDER_SLOTS)
    return tuple(sorted(found, reverse=True))


def _days(text: str) -> tuple[int, ...]:
    return tuple(int(d) for d in text.split(",") if d.strip())


def set_reminder_schedule(engine: Engine, round_id: int, days_before: Iterable[object]) -> ReminderSchedule:
    """Store when reminders go out: `days_before` the round's closing date (empty: no schedule)."""
    days = check_days(days_before)
    with writing(engine) as connection:
        round_ = _get(connection, round_id, lock=True)
        if days and round_.closes_at is None:
            raise InviteError("schedule_needs_closing")
        connection.execute(delete(round_reminder_schedules).where(round_reminder_schedules.c.round_id == round_id))
        if days:
            connection.execute(round_reminder_schedules.insert().values(
                round_id=round_id, organisation_id=round_.organisation_id, days_before=",".join(map(str, days)),
                done="", updated_at=utcnow()))
        audit(connection, AuditAction.INVITE, _detail(
            round_, f"reminders {', '.join(map(str, days)) or 'none'} days before closing"), round_.organisation_id)
    return ReminderSchedule(round_id, days, ())


def reminder_schedule(engine: Engine, round_id: int) -> ReminderSchedule | None:
    with reading(engine) as connection:
        _get(connection, round_id)
        row = connection.execute(select(round_reminder_schedules).where(
            round_reminder_schedules.c.round_id == round_id)).first()
    return None if row is None else ReminderSchedule(round_id, _days(row.days_before), _days(row.done))


def due_slot(days: Sequence[int], done: Sequence[int], closes_at: dt.datetime, now: dt.datetime) -> int | None:
    """The schedule's slot due now: the latest passed slot not done yet (earlier missed ones are
    folded into it: one reminder, not a burst), or None."""
    passed = [d for d in days if now >= closes_at - dt.timedelta(days=d)]
    if not passed or now >= closes_at:
        return None
    latest = min(passed)
    return None if latest in done else latest


def claim_due_reminders(engine: Engine, now: dt.datetime | None = None) -> list[tuple[int, int]]:
    """The (round id, slot) pairs whose reminders are due, claimed: each slot is marked done in the
    same transaction, so two processes never send the same reminder twice."""
    now = now or utcnow()
    claimed = []
    with writing(engine) as connection:
        s = round_reminder_schedules.c
        rows = connection.execute(select(s.round_id, s.days_before, s.done, survey_rounds.c.closes_at,
                                         survey_rounds.c.status)
                                  .join(survey_rounds, survey_rounds.c.id == s.round_id)
                                  .where(visible(connection, s.organisation_id)).with_for_update(of=round_reminder_schedules)
                                  ).all()
        for row in rows:
            closes_at = _aware(row.closes_at)
            if row.status != "open" or closes_at is None:
                continue
            done = _days(row.done)
            slot = due_slot(_days(row.days_before), done, closes_at, now)
            if slot is None:
                continue
            # every passed slot counts as done: a missed earlier one is never sent late
            passed = sorted({*done, *(d for d in _days(row.days_before) if d >= slot)}, reverse=True)
            connection.execute(update(round_reminder_schedules).where(s.round_id == row.round_id).values(
                done=",".join(map(str, passed)), updated_at=now))
            claimed.append((row.round_id, slot))
    return claimed
