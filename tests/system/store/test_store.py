"""The store on real databases: SQLite files and a private PostgreSQL server; real processes for concurrency."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
import time

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from helpers import ROOT, requires, run_cli
from sqlalchemy import func, select

from omni.demo import demo_respondents
from omni.scoring import score
from omni.store import StoreError, open_store, organisation_key, reading
from omni.store.assessments import (
    delete_assessment,
    list_assessments,
    load_survey,
    save_assessment,
    saved_answers,
    saved_dimension_scores,
)
from omni.store.config import database_url, normalise_url
from omni.store.migrate import current_revision, head_revision, upgrade
from omni.store.organisations import find_organisation, list_organisations
from omni.store.schema import assessment_answers, assessments, metadata, peer_entries
from omni.store.testing import PostgresUnavailable, database_url_for
from omni.survey.reader import survey_from_answers

KINDS = ["sqlite", "postgresql"]


def _url(kind: str, tmp_path) -> str:
    try:
        return database_url_for(kind, tmp_path)
    except PostgresUnavailable as exc:
        requires(False, str(exc))
        raise


@pytest.fixture(params=KINDS)
def url(request, tmp_path) -> str:
    return _url(request.param, tmp_path)


@pytest.fixture
def engine(url):
    engine = open_store(url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def assessment(framework):
    return score(survey_from_answers(framework, demo_respondents(framework, n=4, seed=3), source="demo.xlsx"))


def test_migrations_bring_an_empty_database_to_the_schema_in_code(url):
    engine = open_store(url)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
    upgrade(engine)  # again: nothing to do
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_save_keeps_raw_answers_and_scores_and_re_scores_identically(engine, assessment):
    saved = save_assessment(engine, assessment, wave="2026", organisation="Test BV")
    assert (saved.organisation, saved.wave, saved.version, saved.respondents) == ("Test BV", "2026", 1, 4)
    assert saved.framework_id == assessment.framework.id and saved.wave_date.year == 2026
    answers = saved_answers(engine, saved.id)
    assert len(answers) == len(assessment.survey.answers)
    assert answers["current_na"].sum() == assessment.survey.answers["current_na"].sum()

    stored = saved_dimension_scores(engine, [saved.id]).set_index("dimension")
    original = assessment.dimension_scores.set_index("dimension")
    assert list(stored.index) == list(original.index)
    assert (stored["current"] - original["current"]).abs().max() < 1e-9

    rescored = score(load_survey(engine, saved.id))  # from the raw answers, as after a framework change
    again = rescored.dimension_scores.set_index("dimension")
    assert (again["current"] - original["current"]).abs().max() < 1e-9
    assert (again["target"] - original["target"]).abs().max() < 1e-9
    assert rescored.overall.current == pytest.approx(assessment.overall.current)
    assert list(rescored.survey.respondents["role"]) == list(assessment.survey.respondents["role"])


def test_re_saving_adds_a_version_and_never_overwrites(engine, assessment):
    first = save_assessment(engine, assessment, wave="2025", organisation="Versie BV", wave_date=dt.date(2025, 5, 1))
    second = save_assessment(engine, assessment, wave="2025", organisation="  versie   bv ",  # same organisation
                             wave_date=dt.date(2025, 5, 2))
    other = save_assessment(engine, assessment, wave="2026", organisation="Versie BV", wave_date=dt.date(2026, 5, 1))
    assert (first.version, second.version, other.version) == (1, 2, 1)
    assert second.organisation_id == first.organisation_id
    assert [(a.wave, a.version) for a in list_assessments(engine, "VERSIE BV")] == [("2025", 2), ("2026", 1)]
    assert len(list_assessments(engine, "Versie BV", all_versions=True)) == 3
    assert [o.name for o in list_organisations(engine)] == ["Versie BV"]


def test_delete_needs_confirmation_and_removes_everything_of_that_version(engine, assessment):
    saved = save_assessment(engine, assessment, wave="2026", organisation="Weg BV")
    with pytest.raises(StoreError, match="confirmation"):
        delete_assessment(engine, saved.id)
    assert list_assessments(engine, "Weg BV")
    delete_assessment(engine, saved.id, confirm=True)
    assert not list_assessments(engine, "Weg BV")
    with reading(engine) as connection:
        left = connection.scalar(select(func.count()).select_from(assessment_answers)
                                 .where(assessment_answers.c.assessment_id == saved.id))
    assert left == 0
    with pytest.raises(StoreError):
        delete_assessment(engine, saved.id, confirm=True)


def test_bad_names_are_refused(engine, assessment):
    with pytest.raises(StoreError, match="empty"):
        save_assessment(engine, assessment, wave="  ", organisation="X")
    with pytest.raises(StoreError, match="longer"):
        save_assessment(engine, assessment, wave="2026", organisation="X" * 201)


def test_saved_data_survives_a_restart(tmp_path, assessment):
    url = f"sqlite:///{tmp_path / 'omni.sqlite3'}"
    engine = open_store(url)
    save_assessment(engine, assessment, wave="2026", organisation="Blijft BV")
    engine.dispose()  # the server stops
    again = open_store(url)
    assert [a.wave for a in list_assessments(again, "Blijft BV")] == ["2026"]
    assert find_organisation(again, "blijft bv").name == "Blijft BV"
    with reading(again) as connection:  # the anonymous key is stable across restarts
        assert organisation_key(connection, "Blijft BV") == organisation_key(connection, "BLIJFT  bv")
    again.dispose()


def test_configuration_order(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[database]\nurl = "postgresql://u@db/omni"\n')
    assert database_url({"OMNI_DATABASE_URL": "sqlite:///x.db"}, (secrets,)) == "sqlite:///x.db"
    assert database_url({"DATABASE_URL": "postgres://u@h/d"}, (secrets,)) == "postgresql+psycopg://u@h/d"
    assert database_url({}, (secrets,)) == "postgresql+psycopg://u@db/omni"
    data = tmp_path / "data"
    assert database_url({"OMNI_DATA_DIR": str(data)}, (tmp_path / "none.toml",)) == f"sqlite:///{data / 'omni.sqlite3'}"
    assert data.is_dir()
    assert normalise_url("postgresql+psycopg://a/b") == "postgresql+psycopg://a/b"


def test_zero_configuration_store_is_sqlite_in_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("OMNI_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("OMNI_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())
    engine = open_store(database_url(secrets_files=()))
    assert engine.dialect.name == "sqlite"
    assert (tmp_path / "var" / "omni.sqlite3").exists()
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


# --- concurrency: several processes saving at once ------------------------------------------------

WORKER = textwrap.dedent("""
    import os, sys, time
    from omni.demo import demo_respondents
    from omni.framework import get_framework
    from omni.scoring import score
    from omni.store import open_store
    from omni.store.assessments import save_assessment
    from omni.survey.reader import survey_from_answers

    url, go, worker, saves = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    fw = get_framework()
    assessment = score(survey_from_answers(fw, demo_respondents(fw, n=2, seed=worker)))
    engine = open_store(url)  # every process migrates: that must be safe too
    open(go + "." + str(worker), "w").close()  # ready: imported and migrated
    deadline = time.time() + 60
    while not os.path.exists(go) and time.time() < deadline:
        time.sleep(0.005)
    for i in range(saves):
        save_assessment(engine, assessment, wave="2026", organisation="Druk BV")
        save_assessment(engine, assessment, wave="2026", organisation=f"Eigen {worker}")
    print("done", worker)
""")


@pytest.mark.parametrize("kind", KINDS)
def test_concurrent_saves_from_several_processes_lose_nothing(kind, tmp_path, framework):
    url = _url(kind, tmp_path)
    workers, saves = 4, 6
    go = tmp_path / "go"
    processes = [subprocess.Popen([sys.executable, "-c", WORKER, url, str(go), str(w), str(saves)], cwd=ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for w in range(workers)]
    deadline = time.monotonic() + 120  # all imported and migrated (concurrently, on an empty database)
    while not all((tmp_path / f"go.{w}").exists() for w in range(workers)) and time.monotonic() < deadline:
        assert all(p.poll() is None for p in processes), "a worker ended before it was ready"
        time.sleep(0.05)
    assert all((tmp_path / f"go.{w}").exists() for w in range(workers)), "the workers did not get ready"
    go.touch()  # now they all save at once
    for process in processes:
        out, err = process.communicate(timeout=180)
        assert process.returncode == 0, err[-3000:]
    engine = open_store(url)
    shared = list_assessments(engine, "Druk BV", all_versions=True)
    assert sorted(a.version for a in shared) == list(range(1, workers * saves + 1))  # no lost or doubled version
    for w in range(workers):
        assert [a.version for a in list_assessments(engine, f"Eigen {w}", all_versions=True)] == list(range(1, saves + 1))
    with reading(engine) as connection:
        total = connection.scalar(select(func.count()).select_from(assessments))
        answers = connection.scalar(select(func.count()).select_from(assessment_answers))
        peers = connection.scalar(select(func.count()).select_from(peer_entries))
    assert total == 2 * workers * saves
    # 2 respondents' answers and importance ratings (one row per dimension) in every saved assessment
    assert answers == total * 2 * (len(framework.questions) + len(framework.dimensions))
    assert peers == 0
    engine.dispose()


def test_history_cli_round_trip(tmp_path):
    env_dir = tmp_path / "var"
    run = {"env": {"OMNI_DATA_DIR": str(env_dir)}}
    sample = str(ROOT / "data/samples/demo-survey-en.xlsx")
    first = run_cli("save", sample, "--wave", "2025", "--date", "2025-10-01",
                            "--lang", "en", **run)
    assert first.returncode == 0, first.stderr
    assert "version 1" in first.stdout
    again = run_cli("save", sample, "--wave", "2025", "--lang", "en", **run)
    assert "version 2" in again.stdout
    shown = run_cli("history", "Huis & Haard Wonen", "--json", **run)
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert [(w["wave"], w["version"]) for w in data["waves"]] == [("2025", 2)]
    missing = run_cli("history", "Niemand BV", "--lang", "en", **run)
    assert missing.returncode == 2 and "No saved assessments" in missing.stderr and "Traceback" not in missing.stderr
    bad = run_cli("save", sample, "--wave", "x", "--date", "gisteren", **run)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
