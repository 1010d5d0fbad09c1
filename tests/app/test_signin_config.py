"""A sign-in configuration that cannot be used stops the app; local mode only when nothing mentions sign-in.

Unit tests of omni.signin_config, then the app itself (AppTest with secrets): every page, the
respondents' page included, shows only the configuration message - never local mode, never data.
The same with real secrets files on a real server is in tests/system/test_server_guards.py.
"""

from __future__ import annotations

import time

import pytest
from helpers import ROOT
from streamlit.testing.v1 import AppTest

from omni.signin_config import check_sign_in_config, loopback_client
from omni.store import open_store
from omni.store.assessments import save_assessment

ISSUER = "https://idp.example.test"
GOOD = {"redirect_uri": "https://omni.example.com/oauth2callback", "cookie_secret": "k" * 64,
        "client_id": "omni", "client_secret": "s3cret",
        "server_metadata_url": f"{ISSUER}/.well-known/openid-configuration"}


def _with(**changes) -> dict:
    auth = dict(GOOD)
    for key, value in changes.items():
        if value is None:
            auth.pop(key, None)
        else:
            auth[key] = value
    return {"auth": auth}


def test_nothing_about_sign_in_is_local_mode():
    config = check_sign_in_config({}, {})
    assert config.local and not config.hosted and not config.problems
    config = check_sign_in_config({"database": {"url": "sqlite:///x"}}, {"OMNI_DATABASE_URL": "sqlite:///y"})
    assert config.local


def test_a_usable_configuration_is_hosted():
    for secrets in ({"auth": GOOD},
                    {"auth": {"redirect_uri": GOOD["redirect_uri"], "cookie_secret": "k" * 64,
                              "microsoft": {k: GOOD[k] for k in ("client_id", "client_secret", "server_metadata_url")},
                              "google": {k: GOOD[k] for k in ("client_id", "client_secret", "server_metadata_url")}}},
                    {"auth": dict(GOOD, redirect_uri="http://127.0.0.1:8501/oauth2callback")}):
        config = check_sign_in_config(secrets, {"OMNI_ADMINS": f"{ISSUER} root", "OMNI_SESSION_HOURS": "8"})
        assert config.hosted and config.usable, config.problems
        assert config.session_hours == 8


BROKEN = [
    ({"auth": {}}, "secauth.cfg_missing"),  # an empty [auth]: today's fail-open
    (_with(redirect_uri=None, redirect_url=GOOD["redirect_uri"]), "secauth.cfg_unknown_key"),  # the typo
    (_with(redirect_uri=None), "secauth.cfg_missing"),
    (_with(cookie_secret="short"), "secauth.cfg_short_secret"),
    (_with(cookie_secret="CHANGE-ME-64-random-hex-characters"), "secauth.cfg_placeholder"),
    (_with(redirect_uri="https://omni.example.com/"), "secauth.cfg_redirect_path"),
    (_with(redirect_uri="http://omni.example.com/oauth2callback"), "secauth.cfg_https"),
    (_with(server_metadata_url="not a url"), "secauth.cfg_url"),
    (_with(client_id=None), "secauth.cfg_missing"),
    (_with(client_id=None, client_secret=None, server_metadata_url=None), "secauth.cfg_no_provider"),
    ({"auth": dict(_with(client_id=None, client_secret=None, server_metadata_url=None)["auth"],
                   ms_entra={"client_id": "a", "client_secret": "b",
                             "server_metadata_url": GOOD["server_metadata_url"]})}, "secauth.cfg_provider_name"),
    ({"auth": dict(_with(client_id=None, client_secret=None, server_metadata_url=None)["auth"],
                   google={"client_id": "a", "client_secret": "b", "metadata_url": "x"})}, "secauth.cfg_unknown_key"),
    ({"auth": "yes"}, "secauth.cfg_not_table"),
    ({"Auth": GOOD}, "secauth.cfg_lookalike"),
    ({"oauth": GOOD}, "secauth.cfg_lookalike"),
    ({"auht": GOOD}, "secauth.cfg_lookalike"),
    ({"aut": GOOD}, "secauth.cfg_lookalike"),
    ({"omni": {"admins": [f"{ISSUER} root"]}}, "secauth.cfg_no_auth"),  # administrators but no [auth]
    ({"auth": GOOD, "omni": {"admins": ["only-one-part"]}}, "secauth.cfg_admins"),
]


@pytest.mark.parametrize(("secrets", "expected"), BROKEN)
def test_a_configuration_that_mentions_sign_in_but_cannot_be_used_is_refused(secrets, expected):
    config = check_sign_in_config(secrets, {})
    assert config.hosted and not config.local
    assert expected in {p.key for p in config.problems}, config.problems


@pytest.mark.parametrize(("environ", "expected"), [
    ({"OMNI_ADMINS": f"{ISSUER} root"}, "secauth.cfg_no_auth"),
    ({"OMNI_AUTH_REDIRECT_URI": "https://x/oauth2callback"}, "secauth.cfg_unknown_env"),
    ({"OMNI_SESSION_HOURS": "forever"}, "secauth.cfg_session_hours"),
])
def test_sign_in_settings_in_the_environment_are_no_local_mode_either(environ, expected):
    config = check_sign_in_config({}, environ)
    assert config.hosted and expected in {p.key for p in config.problems}


def test_an_unreadable_secrets_file_fails_closed():
    config = check_sign_in_config({}, {}, secrets_error="secrets.toml: Expected ']' (at line 1, column 6)")
    assert config.hosted and [p.key for p in config.problems] == ["secauth.cfg_unreadable"]


def test_local_mode_on_the_network_only_when_allowed_explicitly():
    assert not check_sign_in_config({}, {}).local_mode_on_network
    assert check_sign_in_config({}, {"OMNI_LOCAL_MODE_ON_NETWORK": "1"}).local_mode_on_network
    assert check_sign_in_config({"omni": {"local_mode_on_network": True}}, {}).local_mode_on_network


def test_loopback_clients():
    assert loopback_client(None, {})
    assert loopback_client("127.0.0.1", {"X-Forwarded-For": "127.0.0.1"})
    assert not loopback_client("192.168.1.20", {})
    assert not loopback_client(None, {"X-Forwarded-For": "203.0.113.5"})  # a proxy on this host
    assert not loopback_client(None, {"X-Real-IP": "203.0.113.5"})
    assert not loopback_client(None, {"Forwarded": 'for="[2001:db8::1]:4711";proto=https'})
    assert loopback_client(None, {"Forwarded": "for=127.0.0.1"})


# --- through the app ------------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'omni.sqlite3'}"
    monkeypatch.setenv("OMNI_DATABASE_URL", url)
    monkeypatch.setattr("omni.store.config.SECRETS_FILES", ())
    for name in ("OMNI_ADMINS", "OMNI_SESSION_HOURS", "OMNI_LOCAL_MODE_ON_NETWORK"):
        monkeypatch.delenv(name, raising=False)
    engine = open_store(url)
    from omni.demo import demo_respondents
    from omni.framework import get_framework
    from omni.scoring import score
    from omni.survey.reader import survey_from_answers

    fw = get_framework()
    save_assessment(engine, score(survey_from_answers(fw, demo_respondents(fw, n=3, seed=2), source="s.xlsx")),
                    wave="2026", organisation="Geheim BV")
    yield engine
    engine.dispose()


def _text(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "markdown", "caption", "info", "error", "code", "subheader")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts).replace("\\", "")  # markdown escapes of plain()


def _run(secrets: dict, page: str | None = None, user: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in secrets.items():
        at.secrets[key] = value
    if user is not None:
        at.user = user
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


TYPOS = [
    (_with(redirect_uri=None, redirect_url=GOOD["redirect_uri"]),
     ["'auth.redirect_url' is geen bekende instelling", "'auth.redirect_uri' ontbreekt"]),
    ({"Auth": GOOD}, ["De sectie [Auth] lijkt bedoeld voor inloggen"]),  # was: local mode for everyone
    ({"auth": {}}, ["'auth.cookie_secret' ontbreekt"]),  # an empty [auth]: was local mode too
]


@pytest.mark.parametrize("page", [None, "pages/history.py", "pages/admin.py", "pages/respond.py"])
@pytest.mark.parametrize(("secrets", "expected"), TYPOS)
def test_a_typo_in_auth_stops_every_page_with_only_the_message(store, page, secrets, expected):
    at = _run(secrets, page)
    text = _text(at)
    assert at.title[0].value == "Het dashboard is niet goed ingesteld"
    assert all(e in text for e in expected), text
    assert "Lokale modus" not in text and "Geheim BV" not in text and "s3cret" not in text
    assert not at.sidebar.children  # no navigation, no data
    assert not at.button and not at.text_input and not at.selectbox


def test_a_signed_in_user_gets_nothing_either_while_the_configuration_is_broken(store):
    at = _run({"auth": dict(GOOD, cookie_secret="short")}, "pages/history.py",
              user={"is_logged_in": True, "iss": ISSUER, "sub": "root", "iat": int(time.time())})
    assert at.title[0].value == "Het dashboard is niet goed ingesteld" and "Geheim BV" not in _text(at)


def test_the_message_is_in_english_for_english_visitors(store):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.secrets["auth"] = {}
    at.session_state["lang"] = "en"
    at.run()
    assert at.title[0].value == "The dashboard is not set up correctly"
    assert "'auth.cookie_secret' is missing or empty." in _text(at)
