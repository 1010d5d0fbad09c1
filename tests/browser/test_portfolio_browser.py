"""A consultant signed in through the local OpenID Connect provider: member of three of four
organisations, she sees exactly those three in her portfolio and switches between them, the sidebar
naming the client on screen each time."""

from __future__ import annotations

import datetime as dt

import pytest
from axe import assert_accessible
from conftest import ROOT, assert_no_exception, wait_for_app
from oidc import MockProvider, login, oidc_app
from playwright.sync_api import expect

from omni.demo import demo_respondents
from omni.framework import get_framework
from omni.scoring import score
from omni.store import open_store
from omni.store.access import Identity, add_member, add_user
from omni.store.assessments import save_assessment
from omni.survey.reader import survey_from_answers

MINE = ("Alpha BV", "Beta BV", "Gamma BV")
NOT_MINE = "Delta BV"


@pytest.fixture
def store_url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'portfolio.sqlite3'}"
    monkeypatch.setenv("OMNI_DATABASE_URL", url)  # the app server inherits it
    return url


def _seed(url: str, issuer: str) -> None:
    engine = open_store(url)
    fw = get_framework()
    consultant = add_user(engine, Identity(issuer, "carla"))
    for seed, org in enumerate((*MINE, NOT_MINE), start=1):
        assessment = score(survey_from_answers(fw, demo_respondents(fw, n=3, seed=seed), source="seed.xlsx"))
        saved = save_assessment(engine, assessment, wave=f"Meting {org[:5]}", organisation=org,
                                wave_date=dt.date(2026, seed, 1))
        if org in MINE:
            add_member(engine, consultant, saved.organisation_id)
    engine.dispose()


def _portfolio(page, url: str) -> str:
    page.goto(f"{url}/portfolio")
    wait_for_app(page)
    page.get_by_role("heading", name="Portfolio").wait_for()
    app_root = page.locator('[data-testid="stApp"]')
    expect(app_root).to_contain_text("Open Gamma BV", timeout=30_000)
    assert_no_exception(page)
    return app_root.text_content()


def _open(page, client: str) -> None:
    page.get_by_role("button", name=f"Open {client}").click()
    page.get_by_role("heading", name="Overzicht").first.wait_for(timeout=60_000)
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_contain_text(f"{client} · Meting {client[:5]}", timeout=30_000)
    assert_no_exception(page)


@pytest.mark.browser
def test_a_consultant_sees_her_three_clients_and_switches_between_them(browser, tmp_path, store_url):
    with MockProvider() as provider:
        _seed(store_url, provider.issuer)
        with oidc_app(ROOT / "serve.py", tmp_path, provider=provider) as app:
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
            page = context.new_page()
            page.goto(app.url)
            wait_for_app(page)
            login(page, "carla", email="carla@advies.test", name="Carla", button="Inloggen",
                  expect="Ingelogd als Carla")
            page.get_by_role("link", name="Portfolio").wait_for()  # in the sidebar: she has several clients
            body = _portfolio(page, app.url)
            for client in MINE:
                assert client in body
            assert NOT_MINE not in body
            assert page.get_by_role("button", name=f"Open {NOT_MINE}").count() == 0
            # the page itself; the sidebar's captions share Streamlit's grey caption colour (a theme matter)
            assert_accessible(page, "the portfolio page", '[data-testid="stMain"]')

            _open(page, "Beta BV")
            sidebar = page.locator('[data-testid="stSidebar"]').text_content()
            assert "Gamma BV · " not in sidebar and "Alpha BV · " not in sidebar
            page.get_by_role("link", name="Portfolio").click()
            page.get_by_role("heading", name="Portfolio").wait_for()
            page.get_by_role("button", name="Open Gamma BV").wait_for()
            _open(page, "Gamma BV")
            assert "Beta BV · " not in page.locator('[data-testid="stSidebar"]').text_content()
            context.close()
