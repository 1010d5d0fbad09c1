"""The audit log stays append-only even for the app's own database role (PostgreSQL).

Before `protect_audit_log` the app's role owns the table and can switch its trigger off (the attack
found); afterwards the table belongs to a role nobody logs in as and every way to change, remove or
unprotect the rows fails for the app's role, while the app keeps writing and reading the log.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from omni.cli import main
from omni.demo import demo_respondents
from omni.scoring import score
from omni.store import open_store
from omni.store.access import Identity, audit_entries, record, sign_in
from omni.store.assessments import delete_assessment, save_assessment
from omni.store.audit import AuditAction
from omni.store.audit_owner import AUDIT_OWNER, AUDIT_SCHEMA, audit_protection, protect_audit_log
from omni.store.testing import APP_ROLE, PostgresUnavailable, require_postgres, shared_postgres
from omni.survey.reader import survey_from_answers

ISSUER = "https://idp.example.test"

# What someone holding the app's database account would try, each run in its own transaction.
ATTACKS = {
    "disable the trigger": "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
    "disable all triggers": "ALTER TABLE audit_log DISABLE TRIGGER ALL",
    "drop the trigger": "DROP TRIGGER audit_log_append_only ON audit_log",
    "drop the truncate trigger": "DROP TRIGGER audit_log_no_truncate ON audit_log",
    "alter the table": "ALTER TABLE audit_log ADD COLUMN forged text",
    "take the table": f"ALTER TABLE audit_log OWNER TO {APP_ROLE}",
    "update a row": "UPDATE audit_log SET detail = 'edited'",
    "delete rows": "DELETE FROM audit_log",
    "truncate": "TRUNCATE audit_log",
    "drop the table": "DROP TABLE audit_log",
    "replace the trigger function": (f"CREATE OR REPLACE FUNCTION {AUDIT_SCHEMA}.omni_audit_append_only() "
                                     "RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$"),
    "drop the trigger function": f"DROP FUNCTION {AUDIT_SCHEMA}.omni_audit_append_only() CASCADE",
    "drop the schema": f"DROP SCHEMA {AUDIT_SCHEMA} CASCADE",
    "become the owner": f"SET ROLE {AUDIT_OWNER}",
    "join the owner role": f"GRANT {AUDIT_OWNER} TO {APP_ROLE}",
}


@pytest.fixture
def app_url():
    try:
        server = shared_postgres()
    except PostgresUnavailable as exc:
        if require_postgres():
            raise
        pytest.skip(str(exc))
    return server, server.url()


def _fill(engine, framework) -> None:
    assessment = score(survey_from_answers(framework, demo_respondents(framework, n=2, seed=3), source="x.xlsx"))
    sign_in(engine, Identity(ISSUER, "alice", "alice@alpha.test", "Alice"))
    saved = save_assessment(engine, assessment, wave="2026", organisation="Alpha BV")
    delete_assessment(engine, saved.id, confirm=True)


def _attempt(engine, statement: str) -> bool:
    """True if the app's role managed to run `statement` (always rolled back)."""
    with engine.connect() as connection:
        transaction = connection.begin()
        try:
            connection.execute(text(statement))
            return True
        except DBAPIError:
            return False
        finally:
            transaction.rollback()


def test_before_protection_the_apps_own_role_can_switch_the_trigger_off(app_url, framework):
    _, url = app_url
    engine = open_store(url)
    try:
        _fill(engine, framework)
        assert not audit_protection(engine).protected
        assert _attempt(engine, ATTACKS["disable the trigger"])  # the finding this protection closes
    finally:
        engine.dispose()


def test_after_protection_the_app_role_can_only_append_and_read(app_url, framework, capsys):
    server, url = app_url
    engine = open_store(url)
    _fill(engine, framework)
    engine.dispose()
    admin_url = server.server_url(make_url(url).database)
    assert main(["store", "protect-audit", "--database", url, "--admin-url", admin_url]) == 0
    assert f"owned by {AUDIT_OWNER}; {APP_ROLE} may only add and read" in capsys.readouterr().out
    protect_audit_log(admin_url, APP_ROLE)  # idempotent

    engine = open_store(url)  # the app starts as before: migrations find the schema at head
    try:
        protection = audit_protection(engine)
        assert protection.protected and protection.owner == AUDIT_OWNER and protection.schema == AUDIT_SCHEMA
        before = len(audit_entries(engine))
        record(engine, AuditAction.EXPORT, "deck.pptx", organisation_named="Alpha BV")
        _fill(engine, framework)  # login, save, delete: all still recorded
        log = audit_entries(engine)
        assert len(log) == before + 4 and {"export", "save", "delete", "login"} <= set(log["action"])
        succeeded = [name for name, statement in ATTACKS.items() if _attempt(engine, statement)]
        assert succeeded == []
        assert len(audit_entries(engine)) == len(log)
        assert list(audit_entries(engine)["detail"]) == list(log["detail"])
    finally:
        engine.dispose()


def test_the_command_explains_itself_on_sqlite_and_with_a_wrong_role(app_url, tmp_path, capsys):
    server, url = app_url
    assert main(["store", "protect-audit", "--database", f"sqlite:///{tmp_path / 'x.sqlite3'}",
                 "--admin-url", "sqlite://"]) == 2
    assert "triggers and the file's permissions" in capsys.readouterr().err
    admin_url = server.server_url(make_url(url).database)
    assert main(["store", "protect-audit", "--database", url, "--admin-url", admin_url, "--app-role", "nobody"]) == 2
    assert "no role 'nobody'" in capsys.readouterr().err


def test_the_documented_backup_of_a_protected_log_restores_protected(app_url, framework, tmp_path):
    import os
    import subprocess

    server, url = app_url
    engine = open_store(url)
    _fill(engine, framework)
    engine.dispose()
    protect_audit_log(server.server_url(make_url(url).database), APP_ROLE)
    engine = open_store(url)
    entries = audit_entries(engine)
    engine.dispose()

    dump = tmp_path / "omni.dump"
    env = {**os.environ, "PGOPTIONS": "-c omni.org_ids=*"}  # as docs/deploy.md: the app's role dumps
    subprocess.run([server.bindir / "pg_dump", "--enable-row-security", "--format=custom", f"--file={dump}",
                    url.replace("+psycopg", "")], check=True, env=env, capture_output=True)
    target = server.url("restored")  # an empty database owned by the app's role
    database = make_url(target).database
    # the superuser restores, keeping owners; then protect-audit sets the app's search_path there
    subprocess.run([server.bindir / "pg_restore", f"--dbname={server.server_url(database).replace('+psycopg', '')}",
                    dump], check=True, capture_output=True)
    protect_audit_log(server.server_url(database), APP_ROLE)
    restored = open_store(target)
    try:
        assert audit_protection(restored).protected
        assert list(audit_entries(restored)["detail"]) == list(entries["detail"])
        assert not _attempt(restored, ATTACKS["disable the trigger"])
        record(restored, AuditAction.EXPORT, "after the restore")
        assert len(audit_entries(restored)) == len(entries) + 1
    finally:
        restored.dispose()


def test_the_administration_page_warns_until_the_log_is_protected(app_url, monkeypatch):
    import streamlit as st
    from helpers import ROOT
    from streamlit.testing.v1 import AppTest

    server, url = app_url
    monkeypatch.setenv("OMNI_DATABASE_URL", url)
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())

    def warnings() -> list[str]:
        st.cache_resource.clear()  # a fresh engine: new connections see the new search_path
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90).run()
        at.switch_page("pages/admin.py").run()
        assert not at.exception, at.exception
        return [w.value for w in at.warning]

    assert any("protect-audit" in w for w in warnings())
    protect_audit_log(server.server_url(make_url(url).database), APP_ROLE)
    assert not any("protect-audit" in w for w in warnings())
