"""With the database down the app says so in the user's language and keeps its sidebar (AppTest).

Two real failures: a PostgreSQL URL where no server listens (the store cannot be opened), and a
private PostgreSQL server stopped while the app runs (its pooled connections break).
"""

from __future__ import annotations

import time

import pytest
from helpers import ROOT
from streamlit.testing.v1 import AppTest

from omni.store import open_store
from omni.store.access import Identity, add_member, add_user, create_organisation
from omni.store.testing import PostgresUnavailable, TemporaryPostgres, require_postgres

ISSUER = "https://idp.example.test"
AUTH = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "x" * 32,
        "client_id": "omni", "client_secret": "s", "server_metadata_url": f"{ISSUER}/.well-known/openid-configuration"}
DOWN_NL = "De database is nu niet bereikbaar"
DOWN_EN = "The database cannot be reached right now"


@pytest.fixture(autouse=True)
def _clean(monkeypatch):
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())
    for name in ("OMNI_ADMINS", "OMNI_SESSION_HOURS"):
        monkeypatch.delenv(name, raising=False)


def _app(lang: str = "nl", page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.secrets["auth"] = AUTH
    at.session_state["lang"] = lang
    at.user = {"is_logged_in": True, "iss": ISSUER, "sub": "alice", "name": "Alice", "iat": int(time.time())}
    return at


def _texts(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in ("title", "markdown", "caption", "error", "info")
                     for e in getattr(at, kind))


def _sidebar_links(at: AppTest) -> list[str]:
    return [e.proto.label for e in at.sidebar.get("page_link")]


@pytest.mark.parametrize(("lang", "message"), [("nl", DOWN_NL), ("en", DOWN_EN)])
def test_an_unreachable_database_gets_our_message_and_the_sidebar(monkeypatch, lang, message):
    monkeypatch.setenv("OMNI_DATABASE_URL", "postgresql://omni:x@127.0.0.1:9/omni?connect_timeout=3")
    at = _app(lang).run()
    assert not at.exception, at.exception
    assert message in "\n".join(e.value for e in at.error)
    links = _sidebar_links(at)
    assert ("Start" in links and ("Historie" if lang == "nl" else "History") in links), links
    assert at.sidebar.get("button_group") or at.sidebar.get("segmented_control")  # the language choice


def test_a_database_that_goes_down_under_the_running_app(monkeypatch):
    try:
        server = TemporaryPostgres()  # our own: this test stops it
    except PostgresUnavailable as exc:
        if require_postgres():
            pytest.fail(str(exc))
        pytest.skip(str(exc))
    try:
        url = server.url()
        monkeypatch.setenv("OMNI_DATABASE_URL", url)
        engine = open_store(url)
        org = create_organisation(engine, "Alpha BV")
        add_member(engine, add_user(engine, Identity(ISSUER, "alice")), org.id)
        engine.dispose()
        at = _app().run()
        assert not at.exception and "Ingelogd als Alice" in _texts(at)
        at.switch_page("pages/history.py").run()
        assert not at.exception and not at.error
        server.stop()  # the database goes away while the app runs
        at.run()
    finally:
        server.stop()
    assert not at.exception, at.exception
    assert DOWN_NL in "\n".join(e.value for e in at.error)
    assert "Start" in _sidebar_links(at)
