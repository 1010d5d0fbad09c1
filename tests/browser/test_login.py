"""The real app with sign-in: st.login against a local OpenID Connect provider, two organisations side by side.

Alice (Alpha BV) and Bob (Beta BV) sign in through the mock provider in their own browser contexts;
each sees only their own organisation's saved waves, a deep link to the other's is refused, a file
built for one's session (a download) is not served to the other's browser, a user
without membership is told whom to ask, signing out brings back the sign-in screen, and a copy of
the signed-out identity cookie no longer signs anyone in.
"""

from __future__ import annotations

import pytest
from axe import assert_accessible
from conftest import ROOT, assert_no_exception, wait_for_app
from oidc import MockProvider, login, logout, oidc_app
from playwright.sync_api import expect

from omni.demo import demo_respondents
from omni.framework import get_framework
from omni.scoring import score
from omni.store import open_store
from omni.store.access import Identity, add_member, add_user, audit_entries
from omni.store.assessments import save_assessment
from omni.survey.reader import survey_from_answers


@pytest.fixture
def store_url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'hosted.sqlite3'}"
    monkeypatch.setenv("OMNI_DATABASE_URL", url)  # the app server inherits it
    return url


def _seed(url: str, issuer: str) -> None:
    engine = open_store(url)
    fw = get_framework()
    assessment = score(survey_from_answers(fw, demo_respondents(fw, n=3, seed=8), source="seed.xlsx"))
    for org, subject in (("Alpha BV", "alice"), ("Beta BV", "bob")):
        saved = save_assessment(engine, assessment, wave=f"Meting {org[:4]}", organisation=org)
        add_member(engine, add_user(engine, Identity(issuer, subject)), saved.organisation_id)
    engine.dispose()


def _open(browser, url: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    page = context.new_page()
    page.goto(url)
    wait_for_app(page)
    return context, page


@pytest.mark.browser
def test_two_organisations_sign_in_side_by_side_and_never_see_each_other(browser, tmp_path, store_url):
    with MockProvider() as provider:
        _seed(store_url, provider.issuer)
        with oidc_app(ROOT / "serve.py", tmp_path, provider=provider) as app:
            alice_context, alice = _open(browser, app.url)
            alice.get_by_role("button", name="Inloggen").wait_for()
            assert alice.get_by_text("Alpha BV").count() == 0  # nothing before sign-in
            login(alice, "alice", email="alice@alpha.test", name="Alice", button="Inloggen",
                  expect="Ingelogd als Alice")
            assert_no_exception(alice)
            alice.get_by_text("Organisatie: Alpha BV").wait_for()
            assert_accessible(alice, "Start, signed in")

            bob_context, bob = _open(browser, app.url)
            login(bob, "bob", email="bob@beta.test", name="Bob", button="Inloggen", expect="Ingelogd als Bob")

            for page, mine, theirs in ((alice, "Alpha BV", "Beta BV"), (bob, "Beta BV", "Alpha BV")):
                page.goto(f"{app.url}/history")
                wait_for_app(page)
                assert_no_exception(page)
                page.get_by_role("heading", name="Metingen").wait_for()
                app_root = page.locator('[data-testid="stApp"]')
                # textContent, hidden text too (table cells); the table may arrive after the heading
                expect(app_root).to_contain_text(f"Meting {mine[:4]}", timeout=30_000)
                body = app_root.text_content()
                assert theirs not in body and f"Meting {theirs[:4]}" not in body
                assert_accessible(page, "History, signed in")
                page.goto(f"{app.url}/rounds")  # an empty organisation list beyond their own
                wait_for_app(page)
                assert theirs not in page.locator('[data-testid="stApp"]').text_content()
                assert_accessible(page, "Rounds, signed in")
                page.goto(f"{app.url}/admin")  # members are no administrators
                wait_for_app(page)
                page.get_by_text("Alleen beheerders kunnen deze pagina gebruiken.").wait_for()
                assert_accessible(page, "Administration refused")

            # A file built for Alice's session (a chart download) is served to her browser only: Bob,
            # signed in in his own browser context, gets 403 for the same URL, as does a bare request.
            alice.goto(f"{app.url}/export")
            wait_for_app(alice)
            with alice.expect_download(timeout=120_000) as download:
                alice.get_by_role("button", name="Download de grafiek").click()
            media_url = download.value.url
            assert "/media/" in media_url and download.value.path().read_bytes()[:4] == b"\x89PNG"
            assert bob_context.request.get(media_url).status == 403
            bare = browser.new_context()
            assert bare.request.get(media_url).status == 403
            bare.close()
            assert alice_context.request.get(media_url).status == 200

            stolen = alice_context.cookies()  # her identity cookie, as someone could have copied it
            assert any(c["name"] == "_streamlit_user" for c in stolen)
            logout(alice, button="Uitloggen", expect="Inloggen")
            assert alice.get_by_text("Ingelogd als Alice").count() == 0
            alice_context.close()
            # Replaying the old cookie after sign-out does not sign in: the login ended on the server.
            replay = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
            replay.add_cookies(stolen)
            thief = replay.new_page()
            thief.goto(f"{app.url}/history")
            wait_for_app(thief)
            thief.get_by_text("U bent uitgelogd of uw sessie is verlopen").wait_for()
            assert_accessible(thief, "signed out")
            body = thief.locator('[data-testid="stApp"]').text_content()
            assert "Ingelogd als Alice" not in body and "Alpha BV" not in body and "Meting Alph" not in body
            replay.close()
            bob.reload()
            wait_for_app(bob)
            bob.get_by_text("Ingelogd als Bob").wait_for()  # Bob's session is untouched by Alice's sign-out
            bob_context.close()

            carol_context, carol = _open(browser, app.url)
            login(carol, "carol", email="alice@alpha.test", name="Carol", button="Inloggen",
                  expect="Nog geen organisatie")  # Alice's e-mail address gives no access: issuer + subject do
            assert carol.get_by_text("carol").count() >= 1
            assert "Alpha BV" not in carol.locator('[data-testid="stApp"]').text_content()
            carol_context.close()

    engine = open_store(store_url)
    log = audit_entries(engine)
    engine.dispose()
    logins = log[log["action"] == "login"]
    assert {"alice", "bob", "carol"} <= set(logins["subject"])
    assert "logout" in set(log[log["subject"] == "alice"]["action"])
