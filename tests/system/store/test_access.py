"""Organisations never see each other's data: store scoping, PostgreSQL row-level security, the audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select, text, update
from sqlalchemy.exc import DBAPIError

from omni.demo import demo_respondents
from omni.history import organisation_history
from omni.peers import ensure_demo_peers
from omni.rounds import RoundError
from omni.scoring import score
from omni.store import StoreError
from omni.store.access import (
    Identity,
    account_of,
    add_member,
    audit_entries,
    create_organisation,
    list_users,
    my_organisations,
    parse_admins,
    set_admin,
    sign_in,
)
from omni.store.assessments import (
    delete_assessment,
    get_assessment,
    list_assessments,
    load_survey,
    save_assessment,
    saved_answers,
    saved_dimension_scores,
)
from omni.store.engine import reading, writing
from omni.store.organisations import find_organisation, list_organisations, set_peer_opt_in
from omni.store.peer_entries import contribute_assessment, entries_with_status, set_status
from omni.store.rounds import close_round, get_round, list_rounds, open_round, round_status
from omni.store.schema import assessment_answers, assessments, audit_log, organisations, survey_rounds
from omni.store.scope import AccessDenied, scoped
from omni.survey.reader import survey_from_answers

ISSUER = "https://idp.example.test"


@pytest.fixture(scope="module")
def assessment(framework):
    return score(survey_from_answers(framework, demo_respondents(framework, n=3, seed=5), source="demo.xlsx"))


@pytest.fixture
def world(engine, assessment):
    """Two organisations with a saved wave and a round each; alice is in Alpha, bob in Beta."""
    return _world(engine, assessment)


@pytest.fixture
def pg_world(pg_engine, assessment):
    """The same two organisations on PostgreSQL only (row-level security, pg_dump)."""
    return pg_engine, _world(pg_engine, assessment)


def _world(engine, assessment) -> dict:
    a = save_assessment(engine, assessment, wave="2026", organisation="Alpha BV")
    b = save_assessment(engine, assessment, wave="2026", organisation="Beta BV")
    round_a, _ = open_round(engine, "Alpha BV", "2026")
    round_b, _ = open_round(engine, "Beta BV", "2026")
    alice = sign_in(engine, Identity(ISSUER, "alice", "alice@alpha.test", "Alice"))
    bob = sign_in(engine, Identity(ISSUER, "bob", "bob@beta.test", "Bob"))
    add_member(engine, alice.id, a.organisation_id)
    add_member(engine, bob.id, b.organisation_id)
    alice = account_of(engine, alice.identity)
    bob = account_of(engine, bob.identity)
    return {"a": a, "b": b, "round_a": round_a, "round_b": round_b,
            "alice": scoped(engine, alice.scope()), "bob": scoped(engine, bob.scope())}


def test_a_member_lists_opens_changes_and_deletes_only_their_own_organisation(world, assessment):
    alice, a, b = world["alice"], world["a"], world["b"]
    assert [o.name for o in list_organisations(alice)] == ["Alpha BV"]
    assert [o.name for o in my_organisations(alice)] == ["Alpha BV"]
    assert find_organisation(alice, "Beta BV") is None
    assert list_assessments(alice, "Beta BV") == []
    assert [s.id for s in list_assessments(alice, "Alpha BV")] == [a.id]
    assert get_assessment(alice, a.id).organisation == "Alpha BV"
    assert list(saved_dimension_scores(alice, [a.id, b.id])["assessment_id"].unique()) == [a.id]
    for call in (lambda: get_assessment(alice, b.id), lambda: saved_answers(alice, b.id),
                 lambda: load_survey(alice, b.id), lambda: delete_assessment(alice, b.id, confirm=True),
                 lambda: contribute_assessment(alice, b.id), lambda: set_peer_opt_in(alice, "Beta BV", True),
                 lambda: save_assessment(alice, assessment, wave="x", organisation="Beta BV"),
                 lambda: save_assessment(alice, assessment, wave="x", organisation="Gamma BV")):
        with pytest.raises(StoreError):
            call()
    assert organisation_history(alice, "Beta BV").waves == ()  # the same as an organisation that does not exist
    # Beta's data is untouched, and nothing new was created.
    assert [s.version for s in list_assessments(world["bob"], "Beta BV")] == [1]
    assert find_organisation(world["bob"], "Gamma BV") is None and find_organisation(alice, "Gamma BV") is None
    # Alice can work on her own organisation.
    saved = save_assessment(alice, assessment, wave="2026", organisation="alpha bv")
    assert (saved.organisation, saved.version) == ("Alpha BV", 2)
    delete_assessment(alice, saved.id, confirm=True)


def test_a_member_sees_and_manages_only_their_own_rounds(world):
    alice, round_b = world["alice"], world["round_b"]
    assert [r.organisation for r in list_rounds(alice)] == ["Alpha BV"]
    for call in (lambda: get_round(alice, round_b.id), lambda: close_round(alice, round_b.id),
                 lambda: round_status(alice, round_b.id)):
        with pytest.raises(RoundError):
            call()
    assert get_round(world["bob"], round_b.id).is_open()
    with pytest.raises(StoreError):
        open_round(alice, "Beta BV", "2027")


def test_administration_needs_an_administrator(engine, world):
    alice = world["alice"]
    ensure_demo_peers(engine)
    for call in (lambda: create_organisation(alice, "Gamma BV"), lambda: list_users(alice),
                 lambda: add_member(alice, 1, world["b"].organisation_id), lambda: audit_entries(alice),
                 lambda: set_status(alice, [1], "rejected")):
        with pytest.raises(AccessDenied):
            call()
    admin = sign_in(engine, Identity(ISSUER, "root", "root@ops.test"), admins={(ISSUER, "root")})
    assert admin.is_admin and admin.scope().unrestricted
    as_admin = scoped(engine, admin.scope())
    gamma = create_organisation(as_admin, "Gamma BV")
    assert gamma.name in [o.name for o in my_organisations(as_admin)]
    assert entries_with_status(as_admin).empty
    with pytest.raises(StoreError):
        set_admin(as_admin, admin.id, False)  # never lock yourself out


def test_users_are_keyed_by_issuer_and_subject_never_by_e_mail(engine, world):
    # Same e-mail address as alice, other subject or other issuer: other people, without alice's access.
    impostor = sign_in(engine, Identity(ISSUER, "mallory", "alice@alpha.test", "Alice"))
    elsewhere = sign_in(engine, Identity("https://other-idp.test", "alice", "alice@alpha.test"))
    assert impostor.organisations == () and elsewhere.organisations == ()
    assert impostor.scope().organisation_ids == frozenset() == elsewhere.scope().organisation_ids
    assert list_organisations(scoped(engine, impostor.scope())) == []
    again = sign_in(engine, Identity(ISSUER, "alice", "new-address@alpha.test", "Alice"))
    assert [o.name for o in again.organisations] == ["Alpha BV"] and again.email == "new-address@alpha.test"
    assert parse_admins(f"{ISSUER} root; {ISSUER} ops") == {(ISSUER, "root"), (ISSUER, "ops")}
    with pytest.raises(StoreError):
        parse_admins(["only-one-part"])


def test_the_audit_log_records_who_did_what_in_utc_and_cannot_be_changed(engine, world, assessment):
    saved = save_assessment(world["alice"], assessment, wave="2027", organisation="Alpha BV")
    delete_assessment(world["alice"], saved.id, confirm=True)
    log = audit_entries(engine)
    mine = log[log["subject"] == "alice"]
    assert {"login", "save", "delete"} <= set(mine["action"])
    save_row = mine[mine["action"] == "save"].iloc[0]
    assert save_row["actor"] == "Alice <alice@alpha.test>" and save_row["organisation"] == "Alpha BV"
    assert "2027 v1" in save_row["detail"]
    with reading(engine) as connection:
        at = connection.scalar(select(audit_log.c.at).order_by(audit_log.c.id.desc()))
    assert at.tzinfo is None or at.utcoffset().total_seconds() == 0
    for statement in (update(audit_log).values(detail="edited"), audit_log.delete()):
        with pytest.raises(DBAPIError, match="append-only"), writing(engine) as connection:
            connection.execute(statement)
    assert len(audit_entries(engine)) == len(log)


def test_row_level_security_hides_other_organisations_even_from_a_query_without_filter(pg_world):
    engine, world = pg_world
    alice, a, b = world["alice"], world["a"], world["b"]
    with reading(alice) as connection:  # raw queries: no scope filter from the repository functions
        assert connection.execute(select(organisations.c.name)).scalars().all() == ["Alpha BV"]
        assert set(connection.execute(select(assessments.c.id)).scalars()) == {a.id}
        assert set(connection.execute(select(assessment_answers.c.assessment_id).distinct()).scalars()) == {a.id}
        assert len(connection.execute(select(survey_rounds.c.id)).all()) == 1
    with writing(alice) as connection:
        assert connection.execute(update(assessments).values(source="x")).rowcount == 1  # only her own
    with pytest.raises(DBAPIError, match="row-level security"), writing(alice) as connection:
        row = {c: getattr(b, c) for c in ("wave", "wave_date", "framework_id", "framework_version", "respondents")}
        connection.execute(insert(assessments).values(organisation_id=b.organisation_id, version=9,
                                                       created_at=b.created_at, **row))
    with engine.connect() as connection:  # a session that never said whose it is sees nothing
        connection.exec_driver_sql("SELECT set_config('omni.org_ids', '', false)")
        assert connection.execute(text("SELECT count(*) FROM assessments")).scalar() == 0
    assert get_assessment(world["bob"], b.id).source != "x"


def test_the_documented_pg_dump_backup_restores_everything_under_row_level_security(pg_world, tmp_path):
    """docs/deploy.md: the app's own role dumps with --enable-row-security and omni.org_ids=* (a plain
    pg_dump by the owner is refused, since the policies are forced on the owner too)."""
    engine, world = pg_world
    import os
    import subprocess

    from omni.store import open_store
    from omni.store.testing import shared_postgres

    server = shared_postgres()
    source = engine.url.render_as_string(hide_password=False).replace("+psycopg", "")
    env = {**os.environ, "PGOPTIONS": "-c omni.org_ids=*"}
    dump = tmp_path / "omni.dump"
    refused = subprocess.run([server.bindir / "pg_dump", "--format=custom", f"--file={dump}", source],
                             capture_output=True, text=True)
    assert refused.returncode != 0 and "row-level security" in refused.stderr
    subprocess.run([server.bindir / "pg_dump", "--enable-row-security", "--format=custom", f"--file={dump}", source],
                   check=True, env=env)
    target = server.url("restored")
    subprocess.run([server.bindir / "pg_restore", "--no-owner", f"--dbname={target.replace('+psycopg', '')}", dump],
                   check=True, env=env)
    restored = open_store(target)
    try:
        assert [o.name for o in list_organisations(restored)] == ["Alpha BV", "Beta BV"]
        assert len(saved_answers(restored, world["a"].id)) == len(saved_answers(engine, world["a"].id))
        bob = account_of(restored, Identity(ISSUER, "bob"))
        assert [o.name for o in list_organisations(scoped(restored, bob.scope()))] == ["Beta BV"]
    finally:
        restored.dispose()
