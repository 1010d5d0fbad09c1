"""Survey rounds: the store on real SQLite files and a private PostgreSQL server, tokens, limits, scores."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from helpers import fill_template
from sqlalchemy import select

from omni.rounds import RoundError, RoundLimits, closes_at_end_of, qr_png, resume_link, round_link, token_hash
from omni.scoring import score
from omni.store import reading, utcnow
from omni.store.migrate import current_revision, head_revision
from omni.store.rounds import (
    close_round,
    find_respondent,
    find_round,
    get_round,
    list_rounds,
    load_round_survey,
    open_round,
    renew_link,
    reopen_round,
    respondent_answers,
    round_status,
    save_answers,
    start_respondent,
    submit,
)
from omni.store.schema import metadata, round_answers, round_respondents, survey_rounds
from omni.survey import read_survey

NO_LIMIT = RoundLimits(max_respondents=200, min_interval_seconds=0, address_interval_seconds=0)




def team_answers(framework, seed: int) -> dict[str, tuple[object, object, str]]:
    """A respondent's answers with n/a, blanks and comments mixed in (deterministic)."""
    answers = {}
    for index, q in enumerate(framework.questions):
        k = index + seed
        current = "na" if k % 11 == 0 else 1 + k % 4
        target = "na" if current == "na" else min(5, current + (k % 3))
        answers[q.id] = (current, target, f"opmerking *{seed}* <b>{q.id}</b>" if k % 7 == 0 else "")
    return answers


TEAM = [("marketing", "Marketing", 1), ("it", "IT", 2), ("executive", "Directie", 5)]


def test_migration_0002_creates_the_round_tables(engine):
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
    with reading(engine) as connection:
        for table in (survey_rounds, round_respondents, round_answers):
            assert connection.execute(select(table)).all() == []


def test_a_round_from_open_to_results_stores_only_token_hashes(engine, framework):
    round_, token = open_round(engine, "Huis & Haard", "2026", languages=("nl", "en"), limits=NO_LIMIT)
    assert round_.is_open() and round_.organisation == "Huis & Haard" and round_.languages == ("nl", "en")
    assert find_round(engine, token).id == round_.id
    assert find_round(engine, token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert find_round(engine, "x") is None and find_round(engine, None) is None
    with reading(engine) as connection:
        stored = connection.execute(select(survey_rounds.c.token_hash)).scalar_one()
    assert stored == token_hash(token) and token not in stored

    resumes = []
    for role, department, seed in TEAM:
        person, resume = start_respondent(engine, token, language="nl", role=role, department=department,
                                          limits=NO_LIMIT)
        assert not person.submitted
        save_answers(engine, resume, team_answers(framework, seed))
        resumes.append(resume)
    assert respondent_answers(engine, resumes[0]) == {
        q: (c, t, m) for q, (c, t, m) in team_answers(framework, 1).items()}
    with reading(engine) as connection:
        assert set(connection.execute(select(round_respondents.c.token_hash)).scalars()) == {
            token_hash(r) for r in resumes}
        assert set(connection.execute(select(round_answers.c.round_id)).scalars()) == {round_.id}

    status = round_status(engine, round_.id)
    assert (status.started, status.submitted) == (3, 0)
    for resume in resumes:
        submit(engine, resume)
    with pytest.raises(RoundError) as err:
        save_answers(engine, resumes[0], {framework.questions[0].id: (5, 5, "")})
    assert err.value.key == "submitted"
    status = round_status(engine, round_.id)
    assert (status.started, status.submitted) == (3, 3)
    assert status.by_role == {"executive": (1, 1), "it": (1, 1), "marketing": (1, 1)}

    with pytest.raises(RoundError) as err:
        load_round_survey(engine, round_.id)
    assert err.value.key == "still_open"  # no results while the round is open
    closed = close_round(engine, round_.id)
    assert not closed.is_open() and closed.closed_at is not None
    with pytest.raises(RoundError) as err:
        start_respondent(engine, token, language="nl", role="it", department="IT", limits=NO_LIMIT)
    assert err.value.key == "closed"
    survey = load_round_survey(engine, round_.id)
    assert survey.ok and len(survey.respondents) == 3
    assert set(survey.respondents["organisation"]) == {"Huis & Haard"}
    comments = survey.answers.loc[survey.answers["comment"] != "", "comment"]
    assert "opmerking *1* <b>" in comments.iloc[0]  # respondent text kept as text

    assert reopen_round(engine, round_.id).is_open()
    assert [r.id for r in list_rounds(engine)] == [round_.id]


def test_browser_answers_and_the_same_answers_in_filled_templates_score_identically(engine, framework, tmp_path):
    round_, token = open_round(engine, "Gelijk BV", "2026", limits=NO_LIMIT)
    files = []
    for role, department, seed in TEAM:
        answers = team_answers(framework, seed)
        _, resume = start_respondent(engine, token, language="nl", role=role, department=department,
                                     limits=NO_LIMIT)
        save_answers(engine, resume, answers)
        submit(engine, resume)
        typed = {q: ("n.v.t." if c == "na" else c, "n.v.t." if t == "na" else t, m or None)
                 for q, (c, t, m) in answers.items()}
        files.append(fill_template(tmp_path / f"{role}.xlsx", framework, "nl", typed,
                                   {"organisation": "Gelijk BV", "role": role, "department": department}))
    close_round(engine, round_.id)
    web = score(load_round_survey(engine, round_.id))
    excel = score(read_survey(files))
    assert excel.survey.ok and web.respondent_count == excel.respondent_count == 3
    columns = ["dimension", "current", "target", "gap", "median", "std", "level", "n"]
    assert web.dimension_scores[columns].equals(excel.dimension_scores[columns])
    assert web.overall == excel.overall


def test_flood_limits_and_closing_date(engine, framework):
    round_, token = open_round(engine, "Vloed BV", "2026", limits=RoundLimits(max_respondents=2))
    now = utcnow()
    limits = RoundLimits(max_respondents=2, min_interval_seconds=60)
    start_respondent(engine, token, language="nl", role="it", department="IT", limits=limits, now=now)
    with pytest.raises(RoundError) as err:
        start_respondent(engine, token, language="nl", role="it", department="IT", limits=limits,
                         now=now + dt.timedelta(seconds=5))
    assert err.value.key == "too_fast" and "try again" in str(err.value)
    start_respondent(engine, token, language="en", role="it", department="IT", limits=limits,
                     now=now + dt.timedelta(seconds=61))
    with pytest.raises(RoundError) as err:
        start_respondent(engine, token, language="nl", role="it", department="IT", limits=limits,
                         now=now + dt.timedelta(seconds=200))
    assert err.value.key == "full"

    with pytest.raises(RoundError) as err:
        start_respondent(engine, token, language="de", role="it", department="IT", limits=limits)
    assert err.value.key == "languages"
    with pytest.raises(RoundError):
        open_round(engine, "X", "1", closes_at=utcnow() - dt.timedelta(days=1))
    soon, soon_token = open_round(engine, "Later BV", "2026", closes_at=utcnow() + dt.timedelta(days=1),
                                  limits=NO_LIMIT)
    with pytest.raises(RoundError) as err:  # the closing date has passed
        start_respondent(engine, soon_token, language="nl", role="it", department="IT", limits=NO_LIMIT,
                         now=utcnow() + dt.timedelta(days=2))
    assert err.value.key == "closed"
    assert not get_round(engine, soon.id).is_open(utcnow() + dt.timedelta(days=2))


def test_bad_answers_and_renewed_links(engine, framework):
    round_, token = open_round(engine, "Nieuw BV", "2026", limits=NO_LIMIT)
    _, resume = start_respondent(engine, token, language="nl", role="it", department="IT", limits=NO_LIMIT)
    qid = framework.questions[0].id
    for bad in ({qid: (7, 5, "")}, {qid: ("3", 5, "")}, {"NOPE-1": (1, 1, "")}, {qid: (True, 5, "")}):
        with pytest.raises(RoundError):
            save_answers(engine, resume, bad)
    with pytest.raises(RoundError) as err:
        start_respondent(engine, token, language="nl", role=" ", department="IT", limits=NO_LIMIT)
    assert err.value.key == "facts_required"
    save_answers(engine, resume, {qid: (2, None, "x" * 5000)})
    assert respondent_answers(engine, resume)[qid][:2] == (2, None)
    assert len(respondent_answers(engine, resume)[qid][2]) == 2000

    fresh = renew_link(engine, round_.id)
    assert find_round(engine, token) is None and find_round(engine, fresh).id == round_.id
    assert find_respondent(engine, resume)[1].role == "it"  # personal links keep working
    with pytest.raises(RoundError) as err:
        start_respondent(engine, token, language="nl", role="it", department="IT", limits=NO_LIMIT)
    assert err.value.key == "bad_link"


def test_links_and_qr_code(monkeypatch):
    monkeypatch.setenv("OMNI_PUBLIC_URL", "https://omni.example.org/")
    assert round_link("abc") == "https://omni.example.org/respond?token=abc"
    assert resume_link("a-b_c") == "https://omni.example.org/respond?resume=a-b_c"
    png = qr_png(round_link("abc"))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_a_round_closes_at_the_last_second_of_its_closing_day_utc():
    import datetime as dt

    closes = closes_at_end_of(dt.date(2026, 12, 31))
    assert closes == dt.datetime(2026, 12, 31, 23, 59, 59, tzinfo=dt.UTC)
    assert closes + dt.timedelta(seconds=1) == dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
