"""Logins ended on the server (omni.store.logins) on SQLite and PostgreSQL, and the upload rule."""

from __future__ import annotations

import datetime as dt

import pytest

from omni.store.access import Identity, sign_in
from omni.store.logins import issued_at, login_expired, login_key, login_revoked, revoke_login
from omni.ui.upload_guard import UploadRefused, check_upload

ISSUER = "https://idp.example.test"


def _claims(**changes) -> dict:
    return {"iss": ISSUER, "sub": "alice", "iat": 1_780_000_000, "nonce": "abc", "aud": "omni", **changes}


def test_a_revoked_login_stays_revoked_and_others_do_not(engine):
    account = sign_in(engine, Identity(ISSUER, "alice"))
    claims = _claims()
    assert not login_revoked(engine, claims)
    revoke_login(engine, claims, account.id)
    revoke_login(engine, claims, account.id)  # twice (two tabs signing out) is fine
    assert login_revoked(engine, claims)
    assert not login_revoked(engine, _claims(nonce="def", iat=1_780_000_100))  # the next sign-in
    assert not login_revoked(engine, _claims(sub="bob"))


def test_login_keys_and_lifetime():
    assert login_key(_claims()) == login_key(dict(_claims(), email="changed@x", name="Other"))
    assert login_key(_claims()) != login_key(_claims(nonce="other"))
    issued = issued_at(_claims())
    assert issued == dt.datetime.fromtimestamp(1_780_000_000, dt.UTC)
    assert not login_expired(_claims(), 12, issued + dt.timedelta(hours=11, minutes=59))
    assert login_expired(_claims(), 12, issued + dt.timedelta(hours=12, minutes=1))
    assert login_expired({"iss": ISSUER, "sub": "alice"}, 12)  # no iat: its age is unknown


def test_the_upload_rule():
    check_upload("s", 0, 10, hosted=False, allowed=False, limit=100)  # local mode: anyone on this computer
    check_upload("s", 50, 50, hosted=True, allowed=True, limit=100)
    with pytest.raises(UploadRefused) as refused:
        check_upload("s", 0, 1, hosted=True, allowed=False, limit=100)
    assert refused.value.status == 403
    with pytest.raises(UploadRefused) as refused:
        check_upload("s", 60, 41, hosted=True, allowed=True, limit=100)
    assert refused.value.status == 413
