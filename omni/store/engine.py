"""The database engine and its transactions, safe under concurrent use on SQLite and PostgreSQL.

SQLite: WAL (readers never block the writer), a busy timeout (a writer waits for the lock instead
of failing), and transactions that we begin ourselves. Python's sqlite3 driver by default starts
a transaction only at the first INSERT/UPDATE, so the SELECT of a "max + 1" runs outside it and
two sessions compute the same number; a write transaction here starts with ``BEGIN IMMEDIATE``
and so holds the write lock before it reads anything. PostgreSQL: write transactions lock the
rows they derive numbers from (``SELECT ... FOR UPDATE``, see omni.store.assessments), and every
transaction tells the row-level security policies whose rows it may see (omni.store.scope).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

from omni.store.scope import scope_of

BUSY_TIMEOUT_MS = 30_000
_WRITE = "omni_write"


def is_sqlite(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "sqlite"


def create_store_engine(url: str, *, echo: bool = False) -> Engine:
    """An engine for `url` with the transaction handling described in this module's docstring."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, echo=echo, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000,
                                                             "check_same_thread": False})
        memory = parsed.database in (None, "", ":memory:")
        if not memory:
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record) -> None:
            # Let SQLAlchemy's "begin" event below emit BEGIN, not the driver (see docstring).
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            if not memory:
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(connection: Connection) -> None:
            write = connection.get_execution_options().get(_WRITE, False)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    engine = create_engine(url, echo=echo, pool_pre_ping=True,
                           connect_args={"connect_timeout": 10} if parsed.get_backend_name() == "postgresql" else {})
    if parsed.get_backend_name() == "postgresql":

        @event.listens_for(engine, "begin")
        def _on_begin_pg(connection: Connection) -> None:
            # Row-level security's input (migration 0003): the organisations this transaction may
            # see, local to the transaction so a pooled connection never carries it to the next user.
            connection.exec_driver_sql("SELECT set_config('omni.org_ids', %(ids)s, true)",
                                       {"ids": scope_of(connection).setting()})

    return engine


@contextlib.contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction: committed when the block ends, rolled back on any exception."""
    with engine.connect() as connection:
        connection.execution_options(**{_WRITE: True})
        with connection.begin():
            yield connection


@contextlib.contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """One read transaction: a consistent snapshot for everything read inside the block."""
    with engine.connect() as connection, connection.begin():
        yield connection
