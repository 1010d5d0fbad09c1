"""Shared fixtures: the built-in frameworks, a store on SQLite and PostgreSQL, and `requires`, the one
way a test says it needs an outside program (skipped locally without it, a failure in CI)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from helpers import requires
from tiers import TESTS, tier_of, tier_of_path

from omni.framework import get_framework

# Test modules import helpers from each other (`from test_forms import recorded_form`): every test
# directory is on the import path, as tests/ is for helpers.py (file names are unique under tests/).
for folder in sorted({p.parent for p in TESTS.rglob("test_*.py")} - {TESTS / "browser"}):
    if str(folder) not in sys.path:
        sys.path.append(str(folder))


# --- tiers: `pytest -m unit` (seconds), `-m app`, `-m system`, `-m browser` -------------------------
# A test's tier is its directory (tests/<tier>/...; tools/sort_tests.py files new test files there,
# tests/unit/test_tiers.py checks the directory still fits what the file uses); a file not yet
# sorted gets the tier its content asks for (tests/tiers.py), so its tests are marked all the same.
# The slow tiers first: pytest-xdist (--dist loadfile) hands out files in this order, so the minutes-long
# browser and system files start at once and the run ends on many short unit files that fill both
# workers, instead of one worker finishing a long browser file alone.
FIRST_TO_LAST = ("browser", "system", "app", "unit")


def pytest_collection_modifyitems(config, items):
    tiers = {}
    for item in items:
        path = Path(str(item.fspath))
        tiers[item] = tier_of_path(path) or tier_of(path)
        item.add_marker(getattr(pytest.mark, tiers[item]))
    items.sort(key=lambda item: FIRST_TO_LAST.index(tiers[item]))  # stable: a file's order stays


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
