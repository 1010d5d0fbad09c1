"""Alembic environment: runs on the connection omni.store.migrate hands over (batch mode for SQLite)."""

from __future__ import annotations

from alembic import context

from omni.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - migrations always run through omni.store.migrate
    raise RuntimeError("run migrations with omni.store.migrate.upgrade(engine)")

context.configure(connection=connection, target_metadata=metadata,
                  render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
with context.begin_transaction():
    context.run_migrations()
