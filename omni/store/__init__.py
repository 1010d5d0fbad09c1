"""Persistence: saved assessments, peers and settings (SQLAlchemy; SQLite default, PostgreSQL by URL).

`open_store()` gives an engine for the configured database with the schema migrated to the
newest version; the repository functions in omni.store.assessments and omni.store.peer_entries
take that engine.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Callable

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import IntegrityError

from omni.attributes import normalise_label
from omni.i18n import TranslatedError
from omni.store.config import StoreConfigError, database_url
from omni.store.engine import create_store_engine, reading, writing
from omni.store.migrate import upgrade
from omni.store.schema import settings

__all__ = ["StoreConfigError", "StoreError", "database_url", "open_store", "organisation_key", "reading",
           "writing"]

_SALT = "org_key_salt"


class StoreError(TranslatedError):
    """Something asked of the store that cannot be done (not found, not allowed); `message(lang)` says why
    in the user's language (texts in omni.i18n_store)."""

    prefix = "store.err."


def open_store(url: str | None = None, *, migrate: bool = True) -> Engine:
    """An engine for `url` (default: the configured database), with migrations applied."""
    engine = create_store_engine(url or database_url())
    if migrate:
        upgrade(engine)
        _ensure_salt(engine)
    return engine


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _ensure_salt(engine: Engine) -> None:
    with reading(engine) as connection:
        if connection.scalar(select(settings.c.value).where(settings.c.key == _SALT)):
            return
    try:
        with writing(engine) as connection:
            if not connection.scalar(select(settings.c.value).where(settings.c.key == _SALT)):
                connection.execute(settings.insert().values(key=_SALT, value=secrets.token_hex(32)))
    except IntegrityError:
        # Another process opening a new database at the same moment wrote the salt first: keep theirs
        # (seen as a failed concurrent-saves test on PostgreSQL).
        with reading(engine) as connection:
            if not connection.scalar(select(settings.c.value).where(settings.c.key == _SALT)):
                raise


def get_setting(connection: Connection, key: str) -> str | None:
    return connection.scalar(select(settings.c.value).where(settings.c.key == key))


def set_setting(connection: Connection, key: str, value: str) -> None:
    """Insert or replace a setting (inside a write transaction)."""
    if get_setting(connection, key) is None:
        connection.execute(settings.insert().values(key=key, value=value))
    else:
        connection.execute(settings.update().where(settings.c.key == key).values(value=value))


def organisation_key(connection: Connection, name: str) -> str:
    """The anonymous key of an organisation in the peer set: a keyed hash of its normalised name.

    Keyed with a secret kept in the database, so a list of known names cannot be hashed to find
    out who is in the peer set; the same name always gives the same key, so an organisation is
    never compared with itself.
    """
    return organisation_keyer(connection)(name)


def organisation_keyer(connection: Connection) -> Callable[[str], str]:
    """`organisation_key` for many names: the secret read once (the demo peer set's ~1,900 entries
    read it once each, 0.46 of the 0.91 CPU-s a new store spent loading them)."""
    salt = get_setting(connection, _SALT)
    if not salt:
        raise StoreError("no_salt")
    secret = salt.encode()
    return lambda name: hmac.new(secret, ("org:" + normalise_label(name)).encode(), hashlib.sha256).hexdigest()[:40]
