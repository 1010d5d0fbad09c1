"""Logins that ended on the server: sign-out revokes the login, and the session lifetime ends it.

Streamlit keeps a signed-in user in a signed cookie (``_streamlit_user``, 30 days) holding the ID
token's claims; deleting it in the browser at sign-out does not stop a copy from working again.
So sign-out records the login here, by a hash of the claims that make it unique (issuer,
subject, issued-at and the nonce of that sign-in), and every page run refuses a recorded login.
Independently, a login older than the configured lifetime (by the token's ``iat``) is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping

from sqlalchemy import Engine, delete, insert, select

from omni.store import utcnow
from omni.store.engine import reading, writing
from omni.store.schema import revoked_logins

# Streamlit's identity cookie lives 30 days; a record older than that names a cookie no browser keeps.
KEEP_REVOKED = dt.timedelta(days=31)


def login_key(claims: Mapping[str, object]) -> str:
    """The login's identity: sha256 over issuer, subject, issued-at, nonce and audience of its ID token."""
    parts = [str(claims.get(name) or "") for name in ("iss", "sub", "iat", "nonce", "aud")]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def issued_at(claims: Mapping[str, object]) -> dt.datetime | None:
    """When the provider issued the login's ID token (its ``iat`` claim), or None if it has none."""
    try:
        seconds = float(claims.get("iat"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


def login_expired(claims: Mapping[str, object], hours: float, now: dt.datetime | None = None) -> bool:
    """True when the login is older than `hours` (or carries no issued-at, so its age is unknown)."""
    issued = issued_at(claims)
    if issued is None:
        return True
    return (now or utcnow()) - issued > dt.timedelta(hours=hours)


def revoke_login(engine: Engine, claims: Mapping[str, object], user_id: int | None = None) -> None:
    """Record that this login ended (sign-out): its cookie never signs anyone in again."""
    key = login_key(claims)
    now = utcnow()
    with writing(engine) as connection:
        connection.execute(delete(revoked_logins).where(revoked_logins.c.revoked_at < now - KEEP_REVOKED))
        if connection.scalar(select(revoked_logins.c.login_key).where(revoked_logins.c.login_key == key)) is None:
            connection.execute(insert(revoked_logins).values(login_key=key, user_id=user_id,
                                                             issued_at=issued_at(claims), revoked_at=now))


def login_revoked(engine: Engine, claims: Mapping[str, object]) -> bool:
    """Whether this login was signed out (one primary-key lookup, made on every page run)."""
    with reading(engine) as connection:
        return connection.scalar(select(revoked_logins.c.login_key)
                                 .where(revoked_logins.c.login_key == login_key(claims))) is not None
