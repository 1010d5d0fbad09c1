"""Shared fixtures: the built-in frameworks, a store on SQLite and PostgreSQL, and `requires`, the one
way a test says it needs an outside program (skipped locally without it, a failure in CI)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from helpers import requires

from omni.framework import get_framework

# --- tiers: `pytest -m unit` (seconds), `-m app`, `-m system`, `-m browser` -------------------------
# Decided per test file from what it uses, so a new file falls into its tier without a list to keep.
SYSTEM_SIGNS = ("pg_engine", "database_url_for", "nginx", "libreoffice", "soffice", "subprocess", "Popen",
                "aiosmtpd", "\"node\"", "pdftotext", "load_test", "cluster", "offload", "postgres")
USES_ENGINE = re.compile(r"def test_\w+\([^)]*\bengine\b")  # the store fixture runs on PostgreSQL too


@functools.cache
def tier_of(path: str) -> str:
    file = Path(path)
    if "browser" in file.parts:
        return "browser"
    source = file.read_text(encoding="utf-8")
    if any(sign in source for sign in SYSTEM_SIGNS) or USES_ENGINE.search(source):
        return "system"
    if "AppTest" in source or "app_as(" in source:
        return "app"
    return "unit"


def pytest_collection_modifyitems(config, items):
    for item in items:
        item.add_marker(getattr(pytest.mark, tier_of(str(item.fspath))))


@pytest.fixture(scope="session")
def framework():
    return get_framework("omnichannel-maturity")


@pytest.fixture(scope="session")
def seven_step():
    return get_framework("seven-step-experience")


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    """A migrated store on a SQLite file and on a private PostgreSQL server (skipped locally
    without PostgreSQL; required in CI)."""
    yield from _engine(request.param, tmp_path)


@pytest.fixture
def pg_engine(tmp_path):
    """A migrated store on the private PostgreSQL server only, for what only PostgreSQL has (row-level
    security, pg_dump)."""
    yield from _engine("postgresql", tmp_path)


def _engine(kind: str, tmp_path):
    from omni.store import open_store
    from omni.store.testing import PostgresUnavailable, database_url_for

    try:
        url = database_url_for(kind, tmp_path)
    except PostgresUnavailable as exc:
        requires(False, str(exc))
        raise
    engine = open_store(url)
    yield engine
    engine.dispose()
