"""Survey rounds in the store: open, close, reopen, respondents by token, answers saved as they go.

Tokens are never stored: only their SHA-256 (omni.rounds.token_hash), looked up by hash and
compared once more in constant time. Every answer row carries its round's id.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, and_, delete, func, select, update

from omni.attributes import normalise_label
from omni.framework import framework_for, get_framework
from omni.rounds import (
    DK,
    MAX_TEXT,
    NA,
    Client,
    RoundError,
    RoundLimits,
    check_answers,
    check_languages,
    clean_text,
    new_token,
    plausible_token,
    round_survey,
    split_importance,
    suspect_flags,
    token_hash,
    token_matches,
)
from omni.store import _SALT, get_setting, utcnow
from omni.store.assessments import DK_MARKER
from omni.store.audit import AuditAction, audit
from omni.store.engine import reading, writing
from omni.store.organisations import check_name, check_wave, lock_organisation
from omni.store.schema import (
    ROUND_CLOSED,
    ROUND_OPEN,
    invitation_links,
    organisations,
    round_answers,
    round_invitees,
    round_respondents,
    survey_rounds,
    units,
)
from omni.store.scope import visible
from omni.store.units import check_unit, register_units
from omni.survey.model import RespondentAnswers, Survey, importance_dimension


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


@dataclass(frozen=True)
class Round:
    id: int
    organisation: str
    wave: str
    framework_id: str
    framework_version: str
    languages: tuple[str, ...]
    status: str
    max_respondents: int
    closes_at: dt.datetime | None
    created_at: dt.datetime
    closed_at: dt.datetime | None
    organisation_id: int | None = None
    unit: str = ""  # a round of one unit of a group: every respondent belongs to it (#19)

    def is_open(self, now: dt.datetime | None = None) -> bool:
        """Open, and its closing date (if any) not passed."""
        now = now or utcnow()
        return self.status == ROUND_OPEN and (self.closes_at is None or now < self.closes_at)


@dataclass(frozen=True)
class Respondent:
    id: int
    round_id: int
    language: str
    name: str
    role: str
    department: str
    submitted_at: dt.datetime | None
    unit: str = ""

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None


@dataclass(frozen=True)
class RoundStatus:
    """Progress without any individual's answers: counts in all and per role."""

    round: Round
    started: int
    submitted: int
    by_role: dict[str, tuple[int, int]]  # role -> (started, submitted)


def _select_round():
    return select(survey_rounds, organisations.c.name.label("organisation_name"),
                  units.c.name.label("unit_name")).join(
        organisations, organisations.c.id == survey_rounds.c.organisation_id).outerjoin(
        units, units.c.id == survey_rounds.c.unit_id)


def _round(row) -> Round:
    m = row._mapping
    return Round(id=m["id"], organisation=m["organisation_name"], wave=m["wave"], framework_id=m["framework_id"],
                 framework_version=m["framework_version"], languages=tuple(m["languages"].split(",")),
                 status=m["status"], max_respondents=m["max_respondents"], closes_at=_aware(m["closes_at"]),
                 created_at=_aware(m["created_at"]), closed_at=_aware(m["closed_at"]),
                 organisation_id=m["organisation_id"], unit=m["unit_name"] or "")


def _respondent(row) -> Respondent:
    m = row._mapping
    return Respondent(id=m["id"], round_id=m["round_id"], language=m["language"], name=m["name"], role=m["role"],
                      department=m["department"], submitted_at=_aware(m["submitted_at"]), unit=m["unit"])


def _get(connection: Connection, round_id: int, *, lock: bool = False) -> Round:
    query = _select_round().where(survey_rounds.c.id == round_id, visible(connection, survey_rounds.c.organisation_id))
    if lock:
        query = query.with_for_update(of=survey_rounds)
    row = connection.execute(query).first()
    if row is None:
        raise RoundError("no_round", id=round_id)
    return _round(row)


def open_round(engine: Engine, organisation: str, wave: str, *, framework_id: str | None = None,
               languages: tuple[str, ...] = ("nl", "en"), closes_at: dt.datetime | None = None,
               limits: RoundLimits | None = None, unit: str = "") -> tuple[Round, str]:
    """Open a round (of one unit of the organisation when `unit` is given); returns it and the shared
    link's token (shown once: only its hash is kept)."""
    framework = get_framework(framework_id) if framework_id else get_framework()
    languages = check_languages(languages)
    name, wave = check_name(organisation), check_wave(wave)
    limits = limits or RoundLimits.from_env()
    closes_at = _aware(closes_at)
    if closes_at is not None and closes_at <= utcnow():
        raise RoundError("closes_in_past")
    token = new_token()
    with writing(engine) as connection:
        org_id = lock_organisation(connection, name)
        unit_id = None
        if unit and unit.strip():
            register_units(connection, org_id, [check_unit(unit)])
            unit_id = connection.scalar(select(units.c.id).where(
                units.c.organisation_id == org_id, units.c.name_key == normalise_label(check_unit(unit))))
        round_id = connection.execute(survey_rounds.insert().values(unit_id=unit_id,
            organisation_id=org_id, wave=wave, framework_id=framework.id, framework_version=framework.version,
            languages=",".join(languages), status=ROUND_OPEN, token_hash=token_hash(token),
            max_respondents=limits.max_respondents, closes_at=closes_at, created_at=utcnow())).inserted_primary_key[0]
        opened = _get(connection, int(round_id))
        audit(connection, AuditAction.ROUND_OPEN, f"round {opened.id}: {opened.wave}"
              + (f", closes {opened.closes_at.date().isoformat()}" if opened.closes_at else ""), org_id)
        return opened, token


def get_round(engine: Engine, round_id: int) -> Round:
    with reading(engine) as connection:
        return _get(connection, round_id)


def list_rounds(engine: Engine) -> list[Round]:
    """Every round within the scope, newest first."""
    with reading(engine) as connection:
        return [_round(r) for r in connection.execute(_select_round().where(
            visible(connection, survey_rounds.c.organisation_id)).order_by(survey_rounds.c.id.desc()))]


def find_round(engine: Engine, token: object) -> Round | None:
    """The round a shared link's token belongs to (None for an unknown token)."""
    if not plausible_token(token):
        return None
    digest = token_hash(token)
    with reading(engine) as connection:
        row = connection.execute(_select_round().where(survey_rounds.c.token_hash == digest)).first()
    return _round(row) if row is not None and token_matches(token, row._mapping["token_hash"]) else None


def close_round(engine: Engine, round_id: int) -> Round:
    """Close a round: its links stop accepting answers; results become available."""
    with writing(engine) as connection:
        found = _get(connection, round_id, lock=True)
        connection.execute(update(survey_rounds).where(survey_rounds.c.id == round_id).values(
            status=ROUND_CLOSED, closed_at=utcnow()))
        _audit_round(connection, AuditAction.ROUND_CLOSE, found)
        return _get(connection, round_id)


def reopen_round(engine: Engine, round_id: int, closes_at: dt.datetime | None = None) -> Round:
    """Open a closed round again (a passed closing date is replaced by `closes_at`, or removed)."""
    closes_at = _aware(closes_at)
    if closes_at is not None and closes_at <= utcnow():
        raise RoundError("closes_in_past")
    with writing(engine) as connection:
        found = _get(connection, round_id, lock=True)
        connection.execute(update(survey_rounds).where(survey_rounds.c.id == round_id).values(
            status=ROUND_OPEN, closed_at=None, closes_at=closes_at))
        _audit_round(connection, AuditAction.ROUND_REOPEN, found,
                     f", closes {closes_at.date().isoformat()}" if closes_at else "")
        return _get(connection, round_id)


def delete_round(engine: Engine, round_id: int, *, confirm: bool = False) -> Round:
    """Delete a round for good: its respondents, their answers, its invitees (their e-mail addresses)
    and personal links go with it (ON DELETE CASCADE). Saved waves made from its results stay. Needs
    `confirm=True`; audited (never with an address or an answer)."""
    if not confirm:
        raise RoundError("delete_unconfirmed")
    with writing(engine) as connection:
        found = _get(connection, round_id, lock=True)
        respondents = connection.scalar(select(func.count()).select_from(round_respondents).where(
            round_respondents.c.round_id == round_id)) or 0
        connection.execute(delete(survey_rounds).where(survey_rounds.c.id == round_id))
        _audit_round(connection, AuditAction.ROUND_DELETE, found, f", {respondents} respondent(s)")
        return found


def renew_link(engine: Engine, round_id: int) -> str:
    """A new shared link for the round (the old one stops working; personal resume links keep working)."""
    token = new_token()
    with writing(engine) as connection:
        found = _get(connection, round_id, lock=True)
        connection.execute(update(survey_rounds).where(survey_rounds.c.id == round_id).values(
            token_hash=token_hash(token)))
        _audit_round(connection, AuditAction.ROUND_RELINK, found, ": the old link stopped working")
    return token


def _keyed(salt: str, kind: str, value: str) -> str:
    """A keyed hash (the store's secret salt) of a client's cookie or address: never kept as they are."""
    return hmac.new(salt.encode(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:40]


def _started_by(connection: Connection, round_id: int, address, browser) -> tuple[int, int, dt.datetime | None,
                                                                                   int, dt.datetime | None]:
    """In one query (one round trip under a lock every new respondent waits for): how many started in the
    round; how many from this address and when the last; how many from this browser and when the last."""
    r = round_respondents.c
    count, from_address, last_address, from_browser, last_browser = connection.execute(select(
        func.count(), func.count().filter(address), func.max(r.created_at).filter(address),
        func.count().filter(browser), func.max(r.created_at).filter(browser),
    ).where(r.round_id == round_id)).one()
    return int(count), int(from_address), _aware(last_address), int(from_browser), _aware(last_browser)


def start_respondent(engine: Engine, round_token: object, *, language: str, role: str, department: str,
                     name: str = "", limits: RoundLimits | None = None, now: dt.datetime | None = None,
                     client: Client | None = None, unit: str = "") -> tuple[Respondent, str]:
    """A new respondent through the shared link; returns them and their personal resume token.

    Refused when the round is closed or full, and per client (omni.rounds.RoundLimits): when this
    browser already started `max_per_client` respondents or started one less than
    `min_interval_seconds` ago, when this address started `max_per_address` or one less than
    `address_interval_seconds` ago. A request without a cookie counts as one browser per address.
    Other clients are never held up by a flood from one client.
    """
    limits = limits or RoundLimits.from_env()
    client = client or Client()
    round_ = find_round(engine, round_token)
    if round_ is None:
        raise RoundError("bad_link")
    if language not in round_.languages:
        raise RoundError("languages", options=", ".join(round_.languages))
    role, department = clean_text(role, MAX_TEXT), clean_text(department, MAX_TEXT)
    unit = round_.unit or unit  # a round of one unit: its respondents belong to it
    if not role or not department:
        raise RoundError("facts_required")
    token = new_token()
    given_now = now
    r = round_respondents.c
    with writing(engine) as connection:
        round_ = _get(connection, round_.id, lock=True)  # serialises new respondents of one round
        # the time after the lock: one taken before could precede a respondent who started while this one
        # waited, and a negative interval would refuse a real respondent as "too fast"
        now = given_now or utcnow()
        if not round_.is_open(now):
            raise RoundError("closed")
        salt = get_setting(connection, _SALT) or ""
        address_key = _keyed(salt, "address", client.address)
        client_key = _keyed(salt, "cookie", client.cookie) if client.cookie else None
        # a browser is its cookie; requests without one count as one browser per address
        browser = (r.client_key == client_key) if client_key else and_(r.client_key.is_(None),
                                                                        r.address_key == address_key)
        count, from_address, last_address, from_browser, last_browser = _started_by(
            connection, round_.id, r.address_key == address_key, browser)
        if count >= round_.max_respondents:
            raise RoundError("full")
        if from_address >= limits.max_per_address:
            raise RoundError("address_limit")
        if from_browser >= limits.max_per_client:
            raise RoundError("client_limit")
        for last, interval in ((last_address, limits.address_interval_seconds),
                               (last_browser, limits.min_interval_seconds)):
            if last is not None and (now - last).total_seconds() < interval:
                raise RoundError("too_fast")
        respondent_id = connection.execute(round_respondents.insert().values(
            round_id=round_.id, token_hash=token_hash(token), language=language, name=clean_text(name, MAX_TEXT),
            role=role, department=department, created_at=now, updated_at=now, client_key=client_key,
            address_key=address_key, unit=clean_text(unit, MAX_TEXT))).inserted_primary_key[0]
        row = connection.execute(select(round_respondents).where(round_respondents.c.id == respondent_id)).one()
    return _respondent(row), token


def find_respondent(engine: Engine, resume_token: object) -> tuple[Round, Respondent] | None:
    """The round and respondent a personal resume token belongs to (None for an unknown token)."""
    if not plausible_token(resume_token):
        return None
    with reading(engine) as connection:
        row = _respondent_row(connection, resume_token)
        if row is None:
            return None
        return _get(connection, row._mapping["round_id"]), _respondent(row)


def _respondent_row(connection: Connection, token: str):
    """The respondent a resume token belongs to: their own resume token, or one of the personal
    invitation links of the invitee they are (omni.store.invitations); None for an unknown token."""
    digest = token_hash(token)
    row = connection.execute(select(round_respondents).where(round_respondents.c.token_hash == digest)).first()
    if row is not None:
        return row if token_matches(token, row._mapping["token_hash"]) else None
    link = invitation_links.c
    row = connection.execute(select(round_respondents)
                             .join(round_invitees, round_invitees.c.respondent_id == round_respondents.c.id)
                             .join(invitation_links, link.invitee_id == round_invitees.c.id)
                             .where(link.token_hash == digest)).first()
    return row if row is not None and token_matches(token, digest) else None


def _writable(connection: Connection, resume_token: object, now: dt.datetime) -> tuple[Round, Respondent]:
    if not plausible_token(resume_token):
        raise RoundError("bad_link")
    row = _respondent_row(connection, resume_token)
    if row is None:
        raise RoundError("bad_link")
    respondent = _respondent(row)
    round_ = _get(connection, respondent.round_id)
    if not round_.is_open(now):
        raise RoundError("closed")
    if respondent.submitted:
        raise RoundError("submitted")
    return round_, respondent


def _score_value(value: float | None, na: bool) -> int | str | None:
    if na:
        return DK if value == DK_MARKER else NA
    return None if value is None else int(value)


def _score_columns(value: object) -> tuple[float | None, bool]:
    if value == DK:
        return DK_MARKER, True
    return (None, True) if value == NA else (None if value is None else float(value), False)


def save_answers(engine: Engine, resume_token: object, answers: dict[str, tuple[object, object, object]]) -> int:
    """Save (insert or replace) some of a respondent's answers; returns how many were saved."""
    now = utcnow()
    with writing(engine) as connection:
        round_, respondent = _writable(connection, resume_token, now)
        framework = framework_for(round_.framework_id, round_.framework_version)
        checked = check_answers(framework, answers)
        if not checked:
            return 0
        # rows stored under a question's earlier id (an alias) are replaced too
        stored_as = [alias for qid in checked
                     for alias in (qid, *(() if importance_dimension(qid) else framework.question(qid).aliases))]
        connection.execute(delete(round_answers).where(round_answers.c.respondent_id == respondent.id,
                                                       round_answers.c.question.in_(stored_as)))
        rows = []
        for qid, (current, target, comment) in checked.items():
            current_value, current_na = _score_columns(current)
            target_value, target_na = _score_columns(target)
            rows.append({"respondent_id": respondent.id, "question": qid, "round_id": round_.id,
                         "dimension": importance_dimension(qid) or framework.question(qid).dimension,
                         "current": current_value,
                         "target": target_value, "current_na": current_na, "target_na": target_na,
                         "comment": comment, "updated_at": now})
        connection.execute(round_answers.insert(), rows)
        connection.execute(update(round_respondents).where(round_respondents.c.id == respondent.id).values(
            updated_at=now))
    return len(rows)


def respondent_answers(engine: Engine, resume_token: object) -> dict[str, tuple[int | str | None, int | str | None,
                                                                               str]]:
    """A respondent's own saved answers (for their resume link only)."""
    found = find_respondent(engine, resume_token)
    if found is None:
        raise RoundError("bad_link")
    framework = framework_for(found[0].framework_id, found[0].framework_version)
    with reading(engine) as connection:
        rows = connection.execute(select(round_answers).where(round_answers.c.respondent_id == found[1].id)).all()
    return {framework.canonical_id(r.question): (_score_value(r.current, r.current_na), _score_value(r.target, r.target_na), r.comment)
            for r in rows}


def submit(engine: Engine, resume_token: object) -> Respondent:
    """Lock a respondent's answers: nothing can be changed after this."""
    now = utcnow()
    with writing(engine) as connection:
        _, respondent = _writable(connection, resume_token, now)
        connection.execute(update(round_respondents).where(round_respondents.c.id == respondent.id).values(
            submitted_at=now, updated_at=now))
        row = connection.execute(select(round_respondents).where(round_respondents.c.id == respondent.id)).one()
    return _respondent(row)


def round_status(engine: Engine, round_id: int) -> RoundStatus:
    """How many started and submitted, per role; never anyone's answers."""
    with reading(engine) as connection:
        round_ = _get(connection, round_id)
        rows = connection.execute(select(round_respondents.c.role, round_respondents.c.submitted_at).where(
            round_respondents.c.round_id == round_id)).all()
    by_role: dict[str, tuple[int, int]] = {}
    for role, submitted_at in rows:
        started, submitted = by_role.get(role, (0, 0))
        by_role[role] = (started + 1, submitted + (submitted_at is not None))
    return RoundStatus(round_, len(rows), sum(s for _, s in by_role.values()), dict(sorted(by_role.items())))


@dataclass(frozen=True)
class RespondentReview:
    """One respondent as the manager sees them to spot a flood: never their answers or name."""

    id: int
    started: dt.datetime
    role: str
    department: str
    answered: int  # questions with both current and target given
    submitted: bool
    seconds: float  # from the start to the last save
    same_browser: int  # respondents of the round from the same browser (this one included; 0 without a cookie)
    same_address: int  # ... from the same address
    flags: tuple[str, ...]  # omni.rounds.suspect_flags; empty: looks real

    @property
    def suspect(self) -> bool:
        return bool(self.flags)


def review_respondents(engine: Engine, round_id: int, *, now: dt.datetime | None = None) -> list[RespondentReview]:
    """Every respondent of a round with the signs of a flood, suspects first (oldest first within)."""
    now = now or utcnow()
    r, a = round_respondents.c, round_answers.c
    answered = (select(a.respondent_id, func.count().label("answered"))
                .where(a.round_id == round_id,
                       (a.current.is_not(None)) | a.current_na, (a.target.is_not(None)) | a.target_na)
                .group_by(a.respondent_id).subquery())
    with reading(engine) as connection:
        _get(connection, round_id)
        rows = connection.execute(select(r.id, r.created_at, r.updated_at, r.submitted_at, r.role, r.department,
                                         r.client_key, r.address_key, func.coalesce(answered.c.answered, 0))
                                  .outerjoin(answered, answered.c.respondent_id == r.id)
                                  .where(r.round_id == round_id).order_by(r.id)).all()
    browsers: dict[str, int] = {}
    addresses: dict[str, int] = {}
    for row in rows:
        if row.client_key:
            browsers[row.client_key] = browsers.get(row.client_key, 0) + 1
        addresses[row.address_key or ""] = addresses.get(row.address_key or "", 0) + 1
    found = []
    for row in rows:
        started, updated = _aware(row.created_at), _aware(row.updated_at)
        count = int(row[-1])
        same_browser = browsers.get(row.client_key, 0) if row.client_key else 0
        same_address = addresses.get(row.address_key or "", 0) if row.address_key else 0
        seconds = (updated - started).total_seconds()
        # a respondent from before migration 0004 has no keys: nothing is known about their client
        known = row.address_key is not None
        flags = suspect_flags(same_browser=same_browser, same_address=same_address,
                              has_cookie=bool(row.client_key) or not known,
                              answered=count, submitted=row.submitted_at is not None, seconds=seconds,
                              age_seconds=(now - started).total_seconds())
        found.append(RespondentReview(row.id, started, row.role, row.department, count, row.submitted_at is not None,
                                      seconds, same_browser, same_address, flags))
    return sorted(found, key=lambda x: (not x.suspect, x.started, x.id))


def remove_respondents(engine: Engine, round_id: int, respondent_ids: list[int]) -> int:
    """Remove respondents (and their answers) from a round, e.g. a flood's; frees their places under
    the cap, and their resume links stop working. Returns how many were removed."""
    ids = sorted({int(i) for i in respondent_ids})
    if not ids:
        return 0
    with writing(engine) as connection:
        _get(connection, round_id, lock=True)  # within the scope, or "no such round"
        connection.execute(delete(round_answers).where(round_answers.c.round_id == round_id,
                                                       round_answers.c.respondent_id.in_(ids)))
        removed = connection.execute(delete(round_respondents).where(round_respondents.c.round_id == round_id,
                                                                     round_respondents.c.id.in_(ids))).rowcount
        audit(connection, AuditAction.DELETE, f"round {round_id}: {removed} respondents removed", _organisation_of(connection,
                                                                                                    round_id))
        return removed


def set_max_respondents(engine: Engine, round_id: int, maximum: int, limits: RoundLimits | None = None) -> Round:
    """Change a round's cap (a manager raising it during a flood, say), from 1 to `limits.ceiling`."""
    limits = limits or RoundLimits.from_env()
    if isinstance(maximum, bool) or not isinstance(maximum, int) or not 1 <= maximum <= limits.ceiling:
        raise RoundError("cap_range", ceiling=limits.ceiling)
    with writing(engine) as connection:
        _get(connection, round_id, lock=True)
        connection.execute(update(survey_rounds).where(survey_rounds.c.id == round_id).values(
            max_respondents=maximum))
        audit(connection, AuditAction.ADMIN, f"round {round_id}: maximum {maximum} respondents",
              _organisation_of(connection, round_id))
        return _get(connection, round_id)


def _organisation_of(connection: Connection, round_id: int) -> int:
    return connection.scalar(select(survey_rounds.c.organisation_id).where(survey_rounds.c.id == round_id))


def round_respondent_answers(engine: Engine, round_id: int) -> list[RespondentAnswers]:
    """The submitted respondents' facts and answers of a closed round (refused while it is open)."""
    with reading(engine) as connection:
        round_ = _get(connection, round_id)
        if round_.is_open():
            raise RoundError("still_open")
        people = connection.execute(select(round_respondents).where(
            round_respondents.c.round_id == round_id, round_respondents.c.submitted_at.is_not(None))
            .order_by(round_respondents.c.id)).all()
        answers = connection.execute(select(round_answers).where(round_answers.c.round_id == round_id)).all()
    framework = framework_for(round_.framework_id, round_.framework_version)
    given: dict[int, dict[str, tuple[object, object, str]]] = {}
    for a in answers:  # answers stored under an earlier id of a question count under its id now
        given.setdefault(a.respondent_id, {})[framework.canonical_id(a.question)] = (
            _score_value(a.current, a.current_na), _score_value(a.target, a.target_na), a.comment)
    result = []
    for p in people:
        facts = {"organisation": round_.organisation, "role": p.role, "department": p.department,
                 "date": _aware(p.submitted_at).date().isoformat()}
        if p.name:
            facts["name"] = p.name
        if p.unit or round_.unit:
            facts["unit"] = round_.unit or p.unit
        questions, importance = split_importance(given.get(p.id, {}))
        result.append(RespondentAnswers(facts=facts, answers=questions, importance=importance))
    return result


def load_round_survey(engine: Engine, round_id: int) -> Survey:
    """A closed round's answers as a Survey, validated like an upload, ready to score (audited: the
    answers leave the store for the screen)."""
    round_ = get_round(engine, round_id)
    framework = framework_for(round_.framework_id, round_.framework_version)
    survey = round_survey(framework, round_respondent_answers(engine, round_id),
                          source=f"round {round_.id}: {round_.organisation} · {round_.wave}")
    with writing(engine) as connection:
        _audit_round(connection, AuditAction.ROUND_RESULTS, round_,
                     f": {len(survey.respondents)} respondents shown")
    return survey


def _audit_round(connection: Connection, action: AuditAction, round_: Round, detail: str = "") -> None:
    audit(connection, action, f"round {round_.id}: {round_.wave}{detail}", round_.organisation_id)
