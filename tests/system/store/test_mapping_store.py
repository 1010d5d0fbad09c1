"""Saved column mappings in the store (SQLite and PostgreSQL): per organisation, scoped, found again
for a file with the same headers, row-level security on PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import DBAPIError
from test_actions_store import _world
from test_actions_store import assessment as assessment  # noqa: F401 - the module's fixture

from omni.store import StoreError
from omni.store.access import AuditAction, audit_entries
from omni.store.engine import reading, writing
from omni.store.mappings import delete_mapping, get_mapping, headers_key, list_mappings, save_mapping
from omni.store.schema import column_mappings
from omni.survey.mapping import ColumnRule

RULES = (ColumnRule("Wie", "fact", field="name"), ColumnRule("V1 nu", "question", "VIS-1", "current"),
         ColumnRule("V1 straks", "question", "VIS-1", "target"), ColumnRule("Opmerking", "ignored"))
SAME_HEADERS = ["v1 STRAKS", "Opmerking", "Wie", "V1  nu"]  # another order, case and spacing


def test_headers_key_ignores_order_case_and_spacing():
    assert headers_key([r.header for r in RULES]) == headers_key(SAME_HEADERS)
    assert headers_key([r.header for r in RULES]) != headers_key([*SAME_HEADERS, "Extra"])


def test_a_saved_mapping_is_found_for_the_same_headers_only_by_its_organisation(engine, assessment):  # noqa: F811
    world = _world(engine, assessment)
    alice, bob = world["alice"], world["bob"]
    saved = save_mapping(alice, "Alpha BV", "Forms export", RULES)
    assert (saved.organisation, saved.name, saved.rules) == ("Alpha BV", "Forms export", RULES)
    assert saved.updated_by == "Alice <alice@alpha.test>" and saved.updated_at.tzinfo is not None
    assert [m.id for m in list_mappings(alice, SAME_HEADERS)] == [saved.id]
    assert list_mappings(alice, ["Wie", "Iets anders"]) == []
    assert list_mappings(bob, SAME_HEADERS) == []  # another organisation's mapping is not offered
    with pytest.raises(StoreError, match="not one of your organisations"):
        save_mapping(alice, "Beta BV", "planted", RULES)

    changed = (*RULES[:3], ColumnRule("Opmerking", "question", "VIS-1", "comment"))
    again = save_mapping(alice, "Alpha BV", " Forms  export ", changed)  # the same name replaces it
    assert again.id == saved.id and again.rules == changed
    assert len(list_mappings(alice)) == 1
    with pytest.raises(StoreError) as empty:
        save_mapping(alice, "Alpha BV", "  ", RULES)
    assert "naam van de indeling is leeg" in empty.value.message("nl")
    assert "mapping name is empty" in empty.value.message("en")
    log = audit_entries(engine, action=AuditAction.SAVE)
    assert (log["detail"] == "column mapping 'Forms export' (4 columns)").sum() == 2


def test_row_level_security_guards_saved_mappings_without_the_repository(pg_engine, assessment):  # noqa: F811
    world = _world(pg_engine, assessment)
    save_mapping(world["alice"], "Alpha BV", "mine", RULES)
    save_mapping(world["bob"], "Beta BV", "theirs", RULES)
    with reading(world["alice"]) as connection:  # a raw query, no filter
        assert connection.execute(select(column_mappings.c.name)).scalars().all() == ["mine"]
    with pytest.raises(DBAPIError, match="row-level security"), writing(world["alice"]) as connection:
        connection.execute(insert(column_mappings).values(
            organisation_id=world["b"].organisation_id, name="planted", headers_key="x", mapping="columns: {}",
            updated_at=dt.datetime.now(dt.UTC)))


def test_a_member_lists_reads_and_deletes_only_her_organisations_mappings(engine, assessment):  # noqa: F811
    world = _world(engine, assessment)
    alice, bob = world["alice"], world["bob"]
    first = save_mapping(alice, "Alpha BV", "Forms export", RULES)
    second = save_mapping(alice, "Alpha BV", "Google sheet", RULES[:2])
    theirs = save_mapping(bob, "Beta BV", "Forms export", RULES)
    assert [m.id for m in list_mappings(alice)] == [second.id, first.id]  # newest first
    assert [m.id for m in list_mappings(alice, organisation="alpha  bv")] == [second.id, first.id]
    assert list_mappings(alice, organisation="Beta BV") == []
    assert [m.id for m in list_mappings(engine)] == [theirs.id, second.id, first.id]  # local: every organisation
    assert get_mapping(alice, "Alpha BV", " Forms  export").rules == RULES

    with pytest.raises(StoreError) as missing:  # another organisation's mapping reads as not there
        delete_mapping(alice, "Beta BV", "Forms export")
    assert "geen bewaarde indeling 'Forms export' voor Beta BV" in missing.value.message("nl")
    assert "no saved mapping 'Forms export' for Beta BV" in missing.value.message("en")
    with pytest.raises(StoreError):
        get_mapping(bob, "Alpha BV", "Forms export")

    gone = delete_mapping(alice, "Alpha BV", "Forms export")
    assert (gone.id, gone.organisation, gone.name) == (first.id, "Alpha BV", "Forms export")
    assert [m.id for m in list_mappings(alice)] == [second.id]
    assert [m.id for m in list_mappings(bob)] == [theirs.id]  # the same name in another organisation stays
    with pytest.raises(StoreError):
        delete_mapping(alice, "Alpha BV", "Forms export")
    log = audit_entries(engine, action=AuditAction.DELETE)
    assert (log["detail"] == "column mapping 'Forms export' (4 columns)").sum() == 1
