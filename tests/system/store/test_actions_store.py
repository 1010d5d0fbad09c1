"""The action plan in the store (SQLite and PostgreSQL): scope, row-level security, audit, stale edits."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert, select, update
from sqlalchemy.exc import DBAPIError

from omni.actions import IN_PROGRESS, PLANNED, ActionError, ActionFields, check_fields, with_changes
from omni.demo import demo_respondents
from omni.scoring import score
from omni.store.access import Identity, account_of, add_member, audit_entries, sign_in
from omni.store.actions import (
    create_action,
    create_actions,
    delete_action,
    get_action,
    list_actions,
    update_action,
)
from omni.store.assessments import save_assessment
from omni.store.engine import reading, writing
from omni.store.schema import action_status_history, actions
from omni.store.scope import scoped
from omni.survey.reader import survey_from_answers

ISSUER = "https://idp.example.test"
FW = "omnichannel-maturity"


@pytest.fixture(scope="module")
def assessment(framework):
    return score(survey_from_answers(framework, demo_respondents(framework, n=3, seed=5), source="demo.xlsx"))


def _world(engine, assessment) -> dict:
    a = save_assessment(engine, assessment, wave="2026", organisation="Alpha BV")
    b = save_assessment(engine, assessment, wave="2026", organisation="Beta BV")
    alice = sign_in(engine, Identity(ISSUER, "alice", "alice@alpha.test", "Alice"))
    bob = sign_in(engine, Identity(ISSUER, "bob", "bob@beta.test", "Bob"))
    add_member(engine, alice.id, a.organisation_id)
    add_member(engine, bob.id, b.organisation_id)
    return {"alice": scoped(engine, account_of(engine, alice.identity).scope()),
            "bob": scoped(engine, account_of(engine, bob.identity).scope()), "a": a, "b": b}


@pytest.fixture
def world(engine, assessment):
    return _world(engine, assessment)


def _fields(framework, title="Klantbeeld delen", **more) -> ActionFields:
    dim = framework.dimensions[0]
    return check_fields({"title": title, "dimension": dim.id, "questions": dim.questions[0].id, "target_level": 3,
                         "owner_name": "Alice", "due_date": "2027-03-01", **more}, framework)


def test_a_member_sees_and_changes_only_her_own_organisations_actions(world, framework):
    alice, bob = world["alice"], world["bob"]
    mine = create_action(alice, "Alpha BV", "2026", FW, _fields(framework))
    theirs = create_action(bob, "Beta BV", "2026", FW, _fields(framework, "Bob's plan"))
    assert [a.id for a in list_actions(alice)] == [mine.id]
    assert list_actions(alice, "Beta BV") == []
    with pytest.raises(ActionError) as found:
        get_action(alice, theirs.id)
    assert found.value.key == "not_found"  # another organisation's action reads as not there
    with pytest.raises(ActionError):
        update_action(alice, theirs.id, _fields(framework, "hijacked"), based_on=theirs.version)
    with pytest.raises(ActionError):
        delete_action(alice, theirs.id, based_on=theirs.version)
    with pytest.raises(Exception, match="not one of your organisations"):
        create_action(alice, "Beta BV", "2026", FW, _fields(framework, "planted"))
    assert [a.fields.title for a in list_actions(bob)] == ["Bob's plan"]


def test_a_stale_edit_is_refused_with_a_message_and_changes_nothing(world, framework):
    alice = world["alice"]
    first = create_action(alice, "Alpha BV", "2026", FW, _fields(framework))
    # Two browsers opened version 1; the first one saves ...
    saved = update_action(alice, first.id, with_changes(first.fields, {"status": IN_PROGRESS}, framework),
                          based_on=first.version)
    assert saved.version == 2 and saved.fields.status == IN_PROGRESS
    # ... the second one, still on version 1, is refused rather than overwriting the status.
    with pytest.raises(ActionError) as stale:
        update_action(alice, first.id, with_changes(first.fields, {"owner_name": "Carol"}, framework),
                      based_on=first.version)
    assert stale.value.key == "stale"
    assert "Alice <alice@alpha.test>" in stale.value.message("en") and "not saved" in stale.value.message("en")
    assert "niet opgeslagen" in stale.value.message("nl")
    now = get_action(alice, first.id)
    assert (now.version, now.fields.status, now.fields.owner_name) == (2, IN_PROGRESS, "Alice")
    with pytest.raises(ActionError, match="changed by"):
        delete_action(alice, first.id, based_on=1)
    assert get_action(alice, first.id)
    delete_action(alice, first.id, based_on=2)
    assert list_actions(alice) == []


def test_status_changes_keep_who_and_when_and_every_change_is_audited(engine, world, framework):
    alice = world["alice"]
    made = create_action(alice, "Alpha BV", "2026", FW, _fields(framework))
    assert [(h.status, h.actor) for h in made.history] == [(PLANNED, "Alice <alice@alpha.test>")]
    moved = update_action(alice, made.id, with_changes(made.fields, {"status": "done"}, framework), based_on=1)
    renamed = update_action(alice, made.id, with_changes(moved.fields, {"title": "Nieuw"}, framework), based_on=2)
    assert [h.status for h in renamed.history] == [PLANNED, "done"]  # a title change adds no status row
    assert all(h.at.tzinfo is not None for h in renamed.history)
    same = update_action(alice, made.id, renamed.fields, based_on=3)  # nothing changed: no new version
    assert same.version == 3
    delete_action(alice, made.id, based_on=3)
    log = audit_entries(engine, action="plan")
    details = list(log["detail"])[::-1]
    assert details[0].startswith(f"created action #{made.id}")
    assert "status planned -> done" in details[1] and "title" in details[2]
    assert details[3].startswith(f"deleted action #{made.id}") and len(details) == 4
    assert set(log["actor"]) == {"Alice <alice@alpha.test>"} and set(log["organisation"]) == {"Alpha BV"}
    with reading(engine) as connection:  # the status history went with the action
        assert connection.execute(select(action_status_history)).all() == []


def test_creating_many_is_one_transaction(world, framework):
    alice = world["alice"]
    good = _fields(framework)
    broken = ActionFields(title=None, dimension=good.dimension)  # NOT NULL: the third insert fails
    with pytest.raises(DBAPIError):
        create_actions(alice, "Alpha BV", "2026", FW, [good, good, broken])
    assert list_actions(alice) == []
    made = create_actions(alice, "Alpha BV", "2026", FW, [good, good], source="plan.xlsx")
    assert len(made) == 2 and {a.wave for a in made} == {"2026"}


def test_row_level_security_guards_actions_without_the_repository(pg_engine, assessment, framework):
    world = _world(pg_engine, assessment)
    mine = create_action(world["alice"], "Alpha BV", "2026", FW, _fields(framework))
    create_action(world["bob"], "Beta BV", "2026", FW, _fields(framework, "Bob's plan"))
    with reading(world["alice"]) as connection:  # raw queries, no filter
        assert connection.execute(select(actions.c.title)).scalars().all() == [mine.fields.title]
        assert len(connection.execute(select(action_status_history)).all()) == 1
    with writing(world["alice"]) as connection:
        assert connection.execute(update(actions).values(notes="x")).rowcount == 1
    with pytest.raises(DBAPIError, match="row-level security"), writing(world["alice"]) as connection:
        connection.execute(insert(actions).values(
            organisation_id=world["b"].organisation_id, wave="2026", framework_id=FW, title="planted",
            dimension="vision", status=PLANNED, version=1, created_at=dt.datetime.now(dt.UTC),
            updated_at=dt.datetime.now(dt.UTC)))


def test_two_sessions_saving_the_same_version_at_once_never_lose_a_change(world, framework):
    """Two browsers save edits based on the same version at the same moment: one is saved, the other refused."""
    import threading

    alice = world["alice"]
    made = create_action(alice, "Alpha BV", "2026", FW, _fields(framework))
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def edit(owner: str) -> None:
        changed = with_changes(made.fields, {"owner_name": owner}, framework)
        barrier.wait()
        try:
            outcomes[owner] = update_action(alice, made.id, changed, based_on=made.version).version
        except ActionError as exc:
            outcomes[owner] = exc.key

    threads = [threading.Thread(target=edit, args=(name,)) for name in ("Carol", "Dirk")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(map(str, outcomes.values())) == ["2", "stale"]
    winner = next(name for name, value in outcomes.items() if value == 2)
    now = get_action(alice, made.id)
    assert now.version == 2 and now.fields.owner_name == winner
