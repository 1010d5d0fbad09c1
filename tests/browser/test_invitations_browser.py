"""Invitations in Chromium: the manager pastes a list on the Rounds page and the mails go out through a
real SMTP server on loopback (aiosmtpd in the test process) while the page shows progress; an invitee
opens their personal link on a phone-sized screen, starts, and lands on their resume link; the
unsubscribe view. axe-core (WCAG 2.1 AA) on each screen."""

from __future__ import annotations

import re

import pytest
from aiosmtpd.controller import Controller
from axe import assert_accessible
from conftest import Server, assert_no_exception, free_port, wait_for_app
from test_invitations import Inbox  # tests/ is on the path, as for helpers

from omni.store import open_store
from omni.store.invitations import list_invitees
from omni.store.rounds import open_round


@pytest.fixture
def mail_server(tmp_path, monkeypatch):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    monkeypatch.delenv("OMNI_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("OMNI_DATA_DIR", str(tmp_path / "var"))
    for name, value in (("HOST", "127.0.0.1"), ("PORT", str(controller.port)), ("SECURITY", "none"),
                        ("FROM", "Survey <survey@example.org>")):
        monkeypatch.setenv(f"OMNI_SMTP_{name}", value)
    monkeypatch.setenv("OMNI_PUBLIC_URL", "https://survey.example.org")  # the mails' links; the test reads the token
    server = Server()
    yield server, inbox, open_store(f"sqlite:///{tmp_path / 'var' / 'omni.sqlite3'}")
    server.stop()
    controller.stop()


def test_invite_by_pasting_then_an_invitee_starts_on_a_phone(mail_server, browser):
    server, inbox, engine = mail_server
    round_, _ = open_round(engine, "Web & Co", "2026")
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{server.url}/rounds")
    wait_for_app(page)
    page.get_by_role("textbox", name="Plak een lijst").fill("Anna de Vries\tanna@web.test\tMarketing\nBob\tbob@web.test\tIT\n")
    page.get_by_role("button", name="Uitnodigingen versturen").click()
    page.get_by_text("2 van 2 e-mails verstuurd.").wait_for(timeout=60_000)
    wait_for_app(page)
    assert_no_exception(page)
    # the invitations panel; the rest of the Rounds page has Streamlit captions whose faded colour fails
    # colour contrast (an app-wide theme matter, reported to the lead)
    assert_accessible(page, "Rounds page, invitations", ".st-key-invitations")
    assert {i.status for i in list_invitees(engine, round_.id)} == {"invited"}
    context.close()

    message = next(m for m in inbox.messages if m["X-Envelope-To"] == "anna@web.test")
    body = message.get_body(("plain",)).get_content()
    token = re.search(r"/respond\?invite=([\w-]+)\r?\n", body).group(1)
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL", is_mobile=True,
                                has_touch=True)
    page = phone.new_page()
    page.goto(f"{server.url}/respond?invite={token}")
    wait_for_app(page)
    assert_no_exception(page)
    page.get_by_text("Welkom, Anna de Vries").wait_for(timeout=30_000)
    assert_accessible(page, "personal invitation link (phone)")
    page.get_by_label("Afdeling").fill("Online")
    page.get_by_role("button", name="Beginnen").click()
    page.wait_for_url(f"**/respond?resume={token}", timeout=30_000)
    wait_for_app(page)
    assert_no_exception(page)
    assert {i.email: i.status for i in list_invitees(engine, round_.id)}["anna@web.test"] == "started"

    page.goto(f"{server.url}/respond?invite={token}&stop=1")
    wait_for_app(page)
    assert_accessible(page, "unsubscribe question (phone)")
    page.get_by_role("button", name="Geen herinneringen meer").click()
    page.get_by_text("U krijgt geen herinneringen meer").wait_for(timeout=30_000)
    assert_accessible(page, "unsubscribe view (phone)")
    phone.close()
