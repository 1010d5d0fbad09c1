"""Sign-in, organisation scope and administration through the app (AppTest, with st.user seeded)."""

from __future__ import annotations

import time

import pytest
from helpers import ISSUER, app_as
from streamlit.testing.v1 import AppTest

from omni.demo import demo_respondents
from omni.framework import get_framework
from omni.scoring import score
from omni.store import open_store
from omni.store.access import Identity, add_member, add_user, audit_entries, my_organisations
from omni.store.assessments import save_assessment
from omni.survey.reader import survey_from_answers


@pytest.fixture
def store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'omni.sqlite3'}"
    monkeypatch.setenv("OMNI_DATABASE_URL", url)
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())
    monkeypatch.setenv("OMNI_ADMINS", f"{ISSUER} root")
    engine = open_store(url)
    fw = get_framework()
    assessment = score(survey_from_answers(fw, demo_respondents(fw, n=3, seed=2), source="seed.xlsx"))
    for org, subject in (("Alpha BV", "alice"), ("Beta BV", "bob")):
        saved = save_assessment(engine, assessment, wave="2026", organisation=org)
        add_member(engine, add_user(engine, Identity(ISSUER, subject)), saved.organisation_id)
    yield engine
    engine.dispose()


def _app(page: str | None = None, user: dict | None = None, auth: bool = True) -> AppTest:
    return app_as(page, user, auth=auth)


def _text(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "markdown", "caption", "info", "error", "code", "subheader")
             for e in getattr(at, kind)]
    parts += [str(s.options) for s in at.selectbox]
    return "\n".join(str(p) for p in parts)


def test_local_mode_says_so_and_needs_no_sign_in(store, monkeypatch):
    monkeypatch.delenv("OMNI_ADMINS")  # administrators are a sign-in setting: with them, no local mode
    at = _app(auth=False)
    assert "Lokale modus" in _text(at) and not any(b.label == "Inloggen" for b in at.button)
    at = _app("pages/admin.py", auth=False)
    assert "Lokale modus" in _text(at) and "Alpha BV" in _text(at)  # local user manages everything


def test_signed_out_visitors_see_only_the_sign_in_screen(store):
    at = _app("pages/history.py", user={"is_logged_in": False})
    assert at.title[0].value == "Inloggen" and [b.label for b in at.button] == ["Inloggen"]
    assert "Alpha BV" not in _text(at) and "Beta BV" not in _text(at)


def test_a_member_sees_saves_and_administers_nothing_beyond_their_organisation(store):
    at = _app("pages/history.py", user={"sub": "alice", "email": "alice@alpha.test", "name": "Alice"})
    text = _text(at)
    assert "Ingelogd als Alice" in text and "Alpha BV" in text and "Beta BV" not in text
    assert at.selectbox[0].options == ["Alpha BV"]  # the save form offers only her organisation
    assert not [w for w in at.text_input if w.label == "Organisatie"]
    at = _app("pages/admin.py", user={"sub": "alice"})
    assert "Alleen beheerders" in _text(at) and not at.tabs
    at = _app("pages/history.py", user={"sub": "mallory", "email": "alice@alpha.test"})  # her e-mail, not her
    assert at.title[0].value == "Nog geen organisatie" and "mallory" in at.code[0].value
    assert "Alpha BV" not in _text(at)


def test_the_configured_administrator_creates_an_organisation_and_adds_a_member(store):
    at = _app("pages/admin.py", user={"sub": "root", "name": "Root"})
    assert at.tabs and "Beheerder" in _text(at)
    at.text_input[0].set_value("Gamma BV")
    next(b for b in at.button if b.label == "Aanmaken").click().run()
    assert not at.exception
    assert "Gamma BV" in [o.name for o in my_organisations(store)]
    log = audit_entries(store)
    assert "created organisation Gamma BV" in set(log["detail"]) and "root" in set(log["subject"])
    assert "root" in set(log.loc[log["action"] == "login", "subject"])


def test_a_signed_out_login_never_signs_in_again(store):
    """Sign-out records the login on the server: the same identity cookie (same claims) is refused."""
    login = {"sub": "alice", "name": "Alice", "nonce": "n-1", "iat": int(time.time()) - 60}
    at = _app("pages/history.py", user=login)
    assert "Ingelogd als Alice" in _text(at)
    next(b for b in at.button if b.label == "Uitloggen").click().run()
    at = _app("pages/history.py", user=login)  # a copy of the old cookie
    assert at.title[0].value == "Inloggen" and "U bent uitgelogd of uw sessie is verlopen" in _text(at)
    assert "Alpha BV" not in _text(at)
    at = _app("pages/history.py", user=dict(login, nonce="n-2", iat=int(time.time())))  # a new sign-in
    assert "Ingelogd als Alice" in _text(at)
    assert "logout" in set(audit_entries(store).query("subject == 'alice'")["action"])


def test_a_login_older_than_the_session_lifetime_is_refused(store, monkeypatch):
    monkeypatch.setenv("OMNI_SESSION_HOURS", "1")
    at = _app("pages/history.py", user={"sub": "alice", "iat": int(time.time()) - 2 * 3600})
    assert at.title[0].value == "Inloggen" and "sessie is verlopen" in _text(at) and "Alpha BV" not in _text(at)
    at = _app("pages/history.py", user={"sub": "alice", "name": "Alice", "iat": int(time.time()) - 1800})
    assert "Ingelogd als Alice" in _text(at)
