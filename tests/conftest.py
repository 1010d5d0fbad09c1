"""Shared fixtures: the built-in frameworks."""

from __future__ import annotations

import pytest

from omni.framework import get_framework


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
    from omni.store import open_store
    from omni.store.testing import PostgresUnavailable, database_url_for, require_postgres

    try:
        url = database_url_for(request.param, tmp_path)
    except PostgresUnavailable as exc:
        if require_postgres():
            raise
        pytest.skip(str(exc))
    engine = open_store(url)
    yield engine
    engine.dispose()
