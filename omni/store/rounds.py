"""Survey rounds in the store: open, close, reopen, respondents by token, answers saved as they go.

Tokens are never stored: only their SHA-256 (omni.rounds.token_hash), looked up by hash and
compared once more in constant time. Every answer row carries its round's id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, delete, func, select, update

from omni.framework import framework_for, get_framework
from omni.rounds import (
    MAX_TEXT,
    NA,
    RoundError,
    RoundLimits,
    check_answers,
    check_languages,
    clean_text,
    new_token,
    plausible_token,
    round_survey,
    token_hash,
    token_matches,
)
from omni.store import utcnow
from omni.store.assessments import check_name, check_wave, lock_organisation
from omni.store.engine import reading, writing
from omni.store.schema import (
    ROUND_CLOSED,
    ROUND_OPEN,
    organisations,
    round_answers,
    round_respondents,
    survey_rounds,
)
from omni.store.scope import visible
from omni.survey.model import RespondentAnswers, Survey


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
    return select(survey_rounds, organisations.c.name.label("organisation_name")).join(
        organisations, organisations.c.id == survey_rounds.c.organisation_id)


def _round(row) -> Round:
    m = row._mapping
    return Round(id=m["id"], organisation=m["organisation_name"], wave=m["wave"], framework_id=m["framework_id"],
                 framework_version=m["framework_version"], languages=tuple(m["languages"].split(",")),
                 status=m["status"], max_respondents=m["max_respondents"], closes_at=_aware(m["closes_at"]),
                 created_at=_aware(m["created_at"]), closed_at=_aware(m["closed_at"]))


def _respondent(row) -> Respondent:
    m = row._mapping
    return Respondent(id=m["id"], round_id=m["round_id"], language=m["language"], name=m["name"], role=m["role"],
                      department=m["department"], submitted_at=_aware(m["submitted_at"]))


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
               limits: RoundLimits | None = None) -> tuple[Round, str]:
    """Open a round; returns it and the shared link's token (shown once: only its hash is kept)."""
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
        round_id = connection.execute(survey_rounds.insert().values(
            organisation_id=org_id, wave=wave, framework_id=framework.id, framework_version=framework.version,
            languages=",".join(languages), status=ROUND_OPEN, token_hash=token_hash(token),
            max_respondents=limits.max_respondents, closes_at=closes_at, created_at=utcnow())).inserted_primary_key[0]
        return _get(connection, int(round_id)), token


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
        _get(connection, round_id, lock=True)
        connection.execute(update(survey_rounds).where(survey_rounds.c.id == round_id).values(
            status=ROUND_CLOSED, closed_at=utcnow()))
        return _get(connection, round_id)


def reopen_round(engine: Engine, round_id: int, closes_at: dt.datetime | None = None) -> Round:
    """Open a closed round again (a passed closing date is replaced by `closes_at`, or removed)."""
    closes_at = _aware(closes_at)
    if closes_at is not None and closes_at <= utcnow():
        raise RoundError("closes_in_past")
    with writing(engine) as connection:
        _get(connection, round_id, lock=True)
        connection.execute(update(survey_rounds).where(survey_rounds.c.id == round_id).values(
            status=ROUND_OPEN, closed_at=None, closes_at=closes_at))
        return _get(connection, round_id)


def renew_link(engine: Engine, round_id: int) -> str:
    """A new shared link for the round (the old one stops working; personal resume links keep working)."""
    token = new_token()
    with writing(engine) as connection:
        _get(connection, round_id, lock=True)
        connection.execute(update(survey_rounds).where(survey_rounds.c.id == round_id).values(
            token_hash=token_hash(token)))
    return token


def start_respondent(engine: Engine, round_token: object, *, language: str, role: str, department: str,
                     name: str = "", limits: RoundLimits | None = None,
                     now: dt.datetime | None = None) -> tuple[Respondent, str]:
    """A new respondent through the shared link; returns them and their personal resume token.

    Refused when the round is closed, full, or when the previous respondent started less than
    `limits.min_interval_seconds` ago (a flood from one link).
    """
    limits = limits or RoundLimits.from_env()
    round_ = find_round(engine, round_token)
    if round_ is None:
        raise RoundError("bad_link")
    if language not in round_.languages:
        raise RoundError("languages", options=", ".join(round_.languages))
    role, department = clean_text(role, MAX_TEXT), clean_text(department, MAX_TEXT)
    if not role or not department:
        raise RoundError("facts_required")
    token = new_token()
    now = now or utcnow()
    with writing(engine) as connection:
        round_ = _get(connection, round_.id, lock=True)  # serialises new respondents of one round
        if not round_.is_open(now):
            raise RoundError("closed")
        count, last = connection.execute(select(func.count(), func.max(round_respondents.c.created_at)).where(
            round_respondents.c.round_id == round_.id)).one()
        if count >= min(round_.max_respondents, limits.max_respondents):
            raise RoundError("full")
        last = _aware(last)
        if last is not None and (now - last).total_seconds() < limits.min_interval_seconds:
            raise RoundError("too_fast")
        respondent_id = connection.execute(round_respondents.insert().values(
            round_id=round_.id, token_hash=token_hash(token), language=language, name=clean_text(name, MAX_TEXT),
            role=role, department=department, created_at=now, updated_at=now)).inserted_primary_key[0]
        row = connection.execute(select(round_respondents).where(round_respondents.c.id == respondent_id)).one()
    return _respondent(row), token


def find_respondent(engine: Engine, resume_token: object) -> tuple[Round, Respondent] | None:
    """The round and respondent a personal resume token belongs to (None for an unknown token)."""
    if not plausible_token(resume_token):
        return None
    digest = token_hash(resume_token)
    with reading(engine) as connection:
        row = connection.execute(select(round_respondents).where(round_respondents.c.token_hash == digest)).first()
        if row is None or not token_matches(resume_token, row._mapping["token_hash"]):
            return None
        return _get(connection, row._mapping["round_id"]), _respondent(row)


def _writable(connection: Connection, resume_token: object, now: dt.datetime) -> tuple[Round, Respondent]:
    if not plausible_token(resume_token):
        raise RoundError("bad_link")
    row = connection.execute(select(round_respondents).where(
        round_respondents.c.token_hash == token_hash(resume_token))).first()
    if row is None or not token_matches(resume_token, row._mapping["token_hash"]):
        raise RoundError("bad_link")
    respondent = _respondent(row)
    round_ = _get(connection, respondent.round_id)
    if not round_.is_open(now):
        raise RoundError("closed")
    if respondent.submitted:
        raise RoundError("submitted")
    return round_, respondent


def _score_value(value: float | None, na: bool) -> int | str | None:
    return NA if na else (None if value is None else int(value))


def _score_columns(value: object) -> tuple[float | None, bool]:
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
        stored_as = [alias for qid in checked for alias in (qid, *framework.question(qid).aliases)]
        connection.execute(delete(round_answers).where(round_answers.c.respondent_id == respondent.id,
                                                       round_answers.c.question.in_(stored_as)))
        rows = []
        for qid, (current, target, comment) in checked.items():
            current_value, current_na = _score_columns(current)
            target_value, target_na = _score_columns(target)
            rows.append({"respondent_id": respondent.id, "question": qid, "round_id": round_.id,
                         "dimension": framework.question(qid).dimension, "current": current_value,
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
        result.append(RespondentAnswers(facts=facts, answers=given.get(p.id, {})))
    return result


def load_round_survey(engine: Engine, round_id: int) -> Survey:
    """A closed round's answers as a Survey, validated like an upload, ready to score."""
    round_ = get_round(engine, round_id)
    framework = framework_for(round_.framework_id, round_.framework_version)
    return round_survey(framework, round_respondent_answers(engine, round_id),
                        source=f"round {round_.id}: {round_.organisation} · {round_.wave}")
