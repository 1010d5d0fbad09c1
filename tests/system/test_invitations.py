"""Invitations and reminders by e-mail (issue 20), against a real SMTP server on loopback (aiosmtpd in
the test process) and a real store (SQLite and PostgreSQL): the mails arrive with the right link,
language and names; a personal link works for that person and submits once; reminders go only to
those who have not submitted and have not unsubscribed; addresses stay inside the organisation."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import re
import socket
import urllib.parse

import pytest
from aiosmtpd.controller import Controller
from openpyxl import Workbook
from sqlalchemy import func, insert, select
from sqlalchemy.exc import DBAPIError

from omni.invitations import invitation_link, invite, remind, send_due_reminders, send_round_mail
from omni.invitees import Person, read_invitee_file, read_invitee_text
from omni.mail import SmtpConfig, send_messages, smtp_config
from omni.rounds import RoundError
from omni.store.access import Identity, account_of, add_member, audit_entries, sign_in
from omni.store.audit import AuditAction
from omni.store.engine import reading, writing
from omni.store.invitations import (
    INVITE,
    add_invitees,
    claim_due_reminders,
    list_invitees,
    open_invitation,
    set_reminder_schedule,
    start_invited,
    unsubscribe,
)
from omni.store.rounds import delete_round, find_respondent, open_round, round_status, save_answers, submit
from omni.store.schema import invitation_links, round_invitees
from omni.store.scope import scoped

BASE = "https://survey.example.org"


class Inbox:
    """aiosmtpd's handler: keeps every accepted message; refuses recipients whose address starts with "bounce"."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("bounce"):
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        message["X-Envelope-To"] = ",".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if m["X-Envelope-To"] == address]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    """A real SMTP server on loopback; yields (inbox, config)."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield inbox, SmtpConfig(host="127.0.0.1", port=controller.port, security="none",
                                sender="Omni survey <survey@example.org>", timeout=10)
    finally:
        controller.stop()


@pytest.fixture(autouse=True)
def public_url(monkeypatch):
    monkeypatch.setenv("OMNI_PUBLIC_URL", BASE)


def _closing(days: int = 14) -> dt.datetime:
    return dt.datetime.combine(dt.date.today() + dt.timedelta(days=days), dt.time(23, 59, 59), tzinfo=dt.UTC)


def _token(message) -> str:
    body = message.get_body(("plain",)).get_content()
    found = re.search(re.escape(BASE) + r"/respond\?invite=([\w-]+)\r?\n", body)
    assert found, body
    return found.group(1)


TEAM = (Person("anna@web.test", "Anna de Vries", "marketing", "Marketing", "nl"),
        Person("bob@web.test", "Bob Smith", "it", "IT", "en"),
        Person("bounce@web.test", "Carla Bounce", "finance", ""))


def test_invitations_arrive_with_a_personal_link_in_the_invitees_language(engine, smtp):
    inbox, config = smtp
    round_, _ = open_round(engine, "Web & Co", "2026", closes_at=_closing())
    run = invite(engine, round_.id, TEAM, config)
    assert run.finished and not run.error and run.total == 3 and run.sent == 2
    assert [(f[1], f[2][:12]) for f in run.failed] == [("bounce@web.test", "refused: 550")]

    (anna,), (bob,) = inbox.to("anna@web.test"), inbox.to("bob@web.test")
    assert anna["Subject"] == "Uitnodiging: enquête omnichannel-volwassenheid van Web & Co (2026)"
    assert anna["To"] == "Anna de Vries <anna@web.test>" and anna["Content-Language"] == "nl"
    text = anna.get_body(("plain",)).get_content()
    assert text.startswith("Beste Anna de Vries,") and "vraagt u mee te doen" in text
    closes = round_.closes_at.date()
    from omni.format import date
    assert f"De enquête sluit op {date(closes, 'nl')}." in text and "december" in date(dt.date(2026, 12, 1), "nl")
    assert bob["Subject"] == "Invitation: Web & Co's omnichannel maturity survey (2026)"
    assert bob.get_body(("plain",)).get_content().startswith("Dear Bob Smith,")
    assert f"The survey closes on {date(closes, 'en')}." in bob.get_body(("plain",)).get_content()
    token = _token(anna)
    stop = f"{BASE}/respond?invite={token}&stop=1"
    assert stop in text and anna["List-Unsubscribe"] == f"<{stop}>"
    assert _token(bob) != token  # a link for each person

    people = {i.email: i for i in list_invitees(engine, round_.id)}
    assert people["anna@web.test"].status == "invited" and people["anna@web.test"].language == "nl"
    failed = people["bounce@web.test"]
    assert failed.status == "failed" and failed.mail_error.startswith("refused: 550")  # kept, with the reason
    assert people["bounce@web.test"].language == "nl"  # no language given: the round's first

    # sending again reaches only those not mailed yet: the failed address, still failing
    again = send_round_mail(engine, round_.id, INVITE, config)
    assert again.total == 1 and again.failed[0][1] == "bounce@web.test" and len(inbox.to("anna@web.test")) == 1

    # the audit log says what happened, never an address
    details = audit_entries(engine, action="invite")["detail"].tolist()
    assert any("3 invitees added" in d for d in details) and any("invite: 2 mailed, 1 failed" in d for d in details)
    assert not any("@" in d for d in details)


def test_a_personal_link_works_for_that_person_and_submits_once(engine, smtp, framework):
    inbox, config = smtp
    round_, shared = open_round(engine, "Web & Co", "2026", closes_at=_closing())
    invite(engine, round_.id, TEAM[:2], config)
    token = _token(inbox.to("anna@web.test")[0])

    opened = open_invitation(engine, token)
    assert opened.round.id == round_.id and opened.invitee.name == "Anna de Vries"
    assert {i.email: i.status for i in list_invitees(engine, round_.id)}["anna@web.test"] == "opened"
    assert open_invitation(engine, "x" * 43) is None and open_invitation(engine, "<script>") is None

    respondent = start_invited(engine, token, language="nl", role="marketing", department="Marketing",
                               name="Anna de Vries")
    assert start_invited(engine, token, language="nl", role="marketing", department="Marketing").id == respondent.id
    assert find_respondent(engine, token)[1].id == respondent.id  # the invitation link resumes her answers
    question = framework.questions[0].id
    assert save_answers(engine, token, {question: (2, 4, "")}) == 1
    assert {i.email: i.status for i in list_invitees(engine, round_.id)}["anna@web.test"] == "started"

    # a reminder carries a fresh link; both of her links lead to the same answers
    remind(engine, round_.id, config)
    second = _token(inbox.to("anna@web.test")[-1])
    assert second != token and find_respondent(engine, second)[1].id == respondent.id
    submit(engine, second)
    with pytest.raises(RoundError) as refused:
        submit(engine, token)
    assert refused.value.key == "submitted"
    with pytest.raises(RoundError):
        save_answers(engine, token, {question: (5, 5, "")})
    assert {i.email: i.status for i in list_invitees(engine, round_.id)}["anna@web.test"] == "submitted"
    assert round_status(engine, round_.id).submitted == 1

    # Bob's link is his alone, and the shared link keeps working for those not invited
    bob = _token(inbox.to("bob@web.test")[0])
    assert find_respondent(engine, bob) is None  # not started: nothing to resume
    assert start_invited(engine, bob, language="en", role="it", department="IT").id != respondent.id
    from omni.store.rounds import start_respondent
    assert start_respondent(engine, shared, language="nl", role="hr", department="HR")[0].id


def test_a_reminder_goes_only_to_those_who_have_not_submitted_and_not_unsubscribed(engine, smtp):
    inbox, config = smtp
    round_, _ = open_round(engine, "Web & Co", "2026", closes_at=_closing())
    people = TEAM[:2] + (Person("cees@web.test", "Cees", "hr", "HR", "nl"), Person("dee@web.test", "", "", "", "en"))
    invite(engine, round_.id, people, config)
    anna, bob, cees = (_token(inbox.to(a)[0]) for a in ("anna@web.test", "bob@web.test", "cees@web.test"))
    start_invited(engine, anna, language="nl", role="marketing", department="Marketing")
    submit(engine, anna)
    start_invited(engine, bob, language="en", role="it", department="IT")  # started, not submitted
    assert unsubscribe(engine, cees) and unsubscribe(engine, cees)
    assert find_respondent(engine, cees) is None and open_invitation(engine, cees)  # the link still works

    inbox.messages.clear()
    run = remind(engine, round_.id, config)
    assert run.sent == 2 and sorted(m["X-Envelope-To"] for m in inbox.messages) == ["bob@web.test", "dee@web.test"]
    dee = inbox.to("dee@web.test")[0]
    assert dee["Subject"].startswith("Reminder:") and dee.get_body(("plain",)).get_content().startswith("Dear colleague,")
    assert inbox.to("bob@web.test")[0].get_body(("plain",)).get_content().startswith("Dear Bob Smith,")
    reminded = {i.email: i for i in list_invitees(engine, round_.id)}
    assert reminded["bob@web.test"].reminders == 1 and reminded["anna@web.test"].reminders == 0
    assert reminded["cees@web.test"].unsubscribed


def test_scheduled_reminders_go_once_per_slot_and_never_after_closing(engine, smtp):
    inbox, config = smtp
    round_, _ = open_round(engine, "Web & Co", "2026", closes_at=_closing(20))
    invite(engine, round_.id, TEAM[:1], config)
    with pytest.raises(Exception, match="closing date"):
        no_date, _ = open_round(engine, "Web & Co", "2027")
        set_reminder_schedule(engine, no_date.id, [3])
    set_reminder_schedule(engine, round_.id, ["7", 2, 7])
    closes = round_.closes_at
    assert claim_due_reminders(engine, closes - dt.timedelta(days=8)) == []
    inbox.messages.clear()
    runs = send_due_reminders(engine, config, closes - dt.timedelta(days=6))
    assert [(r.round_id, r.sent) for r in runs] == [(round_.id, 1)] and len(inbox.messages) == 1
    assert send_due_reminders(engine, config, closes - dt.timedelta(days=5)) == []  # the slot is done
    # the 7-day slot missed and the 2-day one due: one reminder, not two
    assert claim_due_reminders(engine, closes - dt.timedelta(days=1)) == [(round_.id, 2)]
    assert claim_due_reminders(engine, closes - dt.timedelta(hours=1)) == []
    assert claim_due_reminders(engine, closes + dt.timedelta(days=1)) == []


def test_addresses_stay_inside_the_organisation_and_go_with_the_round(engine, smtp):
    inbox, config = smtp
    alpha, _ = open_round(engine, "Alpha BV", "2026")
    beta, _ = open_round(engine, "Beta BV", "2026")
    invite(engine, alpha.id, TEAM[:2], config)
    invite(engine, beta.id, (Person("zed@beta.test", "Zed"),), config)
    alice = sign_in(engine, Identity("https://idp.test", "alice", "alice@alpha.test", "Alice"))
    add_member(engine, alice.id, alpha.organisation_id)
    as_alice = scoped(engine, account_of(engine, alice.identity).scope())
    assert [i.email for i in list_invitees(as_alice, alpha.id)] == ["anna@web.test", "bob@web.test"]
    with pytest.raises(RoundError):
        list_invitees(as_alice, beta.id)
    with reading(as_alice) as connection:  # queries without any filter: PostgreSQL's row-level security
        addresses = set(connection.scalars(select(round_invitees.c.email)))
        links = connection.scalar(select(func.count()).select_from(invitation_links))
    if engine.dialect.name == "postgresql":
        assert addresses == {"anna@web.test", "bob@web.test"} and links == 2  # Beta's link is invisible
        with pytest.raises(DBAPIError, match="row-level security"), writing(as_alice) as connection:
            connection.execute(insert(round_invitees).values(
                round_id=beta.id, organisation_id=beta.organisation_id, email="x@y.test", email_key="x@y.test",
                language="nl", mail_status="pending", created_at=dt.datetime.now(dt.UTC)))
    with pytest.raises(RoundError):
        delete_round(as_alice, alpha.id)  # not without confirming
    with pytest.raises(RoundError):
        delete_round(as_alice, beta.id, confirm=True)  # not another organisation's round
    delete_round(as_alice, alpha.id, confirm=True)  # the manager deletes her round: the addresses go too
    assert audit_entries(engine, action=AuditAction.ROUND_DELETE)["detail"].str.contains(f"round {alpha.id}").any()
    assert not audit_entries(engine)["detail"].str.contains("anna@web.test").any()
    with reading(engine) as connection:
        assert connection.scalar(select(func.count()).select_from(round_invitees)) == 1  # only Zed's
        assert {i for (i,) in connection.execute(select(invitation_links.c.invitee_id))} == {
            connection.scalar(select(round_invitees.c.id))}


def test_a_list_is_added_whole_and_an_address_only_once(engine):
    round_, _ = open_round(engine, "Web & Co", "2026", languages=("en",))
    first = add_invitees(engine, round_.id, TEAM[:2])
    assert [i.language for i in first.invitees] == ["en", "en"]  # a language the round has not: its own
    again = add_invitees(engine, round_.id, (Person("ANNA@web.test", "Anna"), Person("new@web.test")))
    assert again.already == ("ANNA@web.test",) and [i.email for i in again.invitees] == ["new@web.test"]
    assert len(list_invitees(engine, round_.id)) == 3


# --- the list: pasted, CSV, Excel; every bad row named, nothing half-added ----------------------


def _xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Team"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_excel_list_with_dutch_headers_and_bad_rows_names_each_cell():
    data = _xlsx([["Naam", "E-mailadres", "Rol", "Taal"], ["Anna", "anna@web.test", "Marketing", "nl"],
                  [None, None, None, None], ["Bob", "bob(at)web.test", "IT / technologie", "en"],
                  ["Carla", "anna@WEB.test", "Finance", "nl"], ["Dirk", "dirk@web.test", "HR", "de"]])
    found = read_invitee_file("team.xlsx", data, ("nl", "en"))
    assert [p.email for p in found.people] == ["anna@web.test"] and found.people[0].role == "marketing"
    assert [p.message("nl") for p in found.problems] == [
        "team.xlsx, blad Team, cel B4: 'bob(at)web.test' is geen e-mailadres (verwacht naam@voorbeeld.nl)",
        "team.xlsx, blad Team, cel B5: anna@WEB.test staat al op regel 2",
        "team.xlsx, blad Team, cel D6: 'de' is geen taal van deze ronde (verwacht een van: nl, en)"]
    assert found.problems[0].message("en").startswith("team.xlsx, sheet Team, cell B4: 'bob(at)web.test' is not")


def test_a_pasted_list_without_header_and_a_csv_from_dutch_excel():
    pasted = read_invitee_text("Anna de Vries\tanna@web.test\tMarketing\nBob\tbob@web.test\tSales\n", ("nl", "en"))
    assert pasted.ok and [(p.name, p.role) for p in pasted.people] == [("Anna de Vries", "marketing"), ("Bob", "sales")]
    csv = "Name;E-mail;Role;Department\r\nAnna;anna@web.test;Marketing;Online\r\nBob;;IT;\r\n".encode("cp1252")
    found = read_invitee_file("team.csv", csv, ("nl",))
    assert [p.message("en") for p in found.problems] == ["team.csv, line 3, column E-mail: the e-mail address is missing"]
    assert read_invitee_text("just a name\n", ("nl",)).problems[0].message("en").startswith("-: no E-mail column")
    assert not read_invitee_file("team.pdf", b"%PDF-1.4 nothing", ("nl",)).ok


def test_smtp_settings_from_environment_or_secrets(tmp_path):
    assert smtp_config({}, ()) is None
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[omni.smtp]\nhost = "mail.example.org"\nsecurity = "ssl"\nuser = "u"\npassword = "s3cret-pw"\n'
                       'from = "Survey <survey@example.org>"\n')
    config = smtp_config({}, (secrets,))
    assert (config.host, config.port, config.security, config.sender) == (
        "mail.example.org", 465, "ssl", "Survey <survey@example.org>")
    assert "s3cret-pw" not in repr(config) and config.password == "s3cret-pw"
    env = {"OMNI_SMTP_HOST": "smtp.test", "OMNI_SMTP_PORT": "2525", "OMNI_SMTP_FROM": "a@b.test"}
    assert smtp_config(env, (secrets,)).port == 2525 and smtp_config(env, (secrets,)).security == "ssl"
    with pytest.raises(ValueError, match="security"):
        smtp_config({"OMNI_SMTP_HOST": "x", "OMNI_SMTP_SECURITY": "tls?", "OMNI_SMTP_FROM": "a@b.test"}, ())


def test_a_server_that_cannot_be_reached_fails_every_mail_with_the_reason():
    from email.message import EmailMessage

    message = EmailMessage()
    message["To"], message["From"], message["Subject"] = "a@b.test", "c@d.test", "x"
    message.set_content("x")
    config = SmtpConfig(host="127.0.0.1", port=_free_port(), security="none", sender="c@d.test", timeout=2)
    results = send_messages(config, [message, message])
    assert len(results) == 2 and all(r and "Connection" in r for r in results)


def test_an_invitation_link_is_the_public_url_with_the_token():
    link = invitation_link("abc_DEF-123" * 4)
    assert urllib.parse.urlparse(link).netloc == "survey.example.org"
    assert urllib.parse.parse_qs(urllib.parse.urlparse(link).query) == {"invite": ["abc_DEF-123" * 4]}


def _certificate(folder) -> tuple[str, str]:
    """A self-signed certificate for 127.0.0.1 (PEM files: certificate, key)."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(hours=1))
                   .not_valid_after(now + dt.timedelta(days=1))
                   .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                                  critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / "smtp.pem", folder / "smtp.key"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_file), str(key_file)


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # aiosmtpd, implicit TLS
@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_mail_goes_over_verified_tls_with_a_login(tmp_path, security):
    import ssl
    from email.message import EmailMessage

    from aiosmtpd.smtp import AuthResult

    cert, key = _certificate(tmp_path)
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    logins = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        encrypted = server.transport.get_extra_info("ssl_object") is not None
        logins.append((mechanism, auth_data.login, auth_data.password, encrypted))
        return AuthResult(success=auth_data.login == b"survey" and auth_data.password == b"s3cret", handled=False)

    inbox = Inbox()
    options = ({"tls_context": server_context, "require_starttls": True} if security == "starttls"
               # aiosmtpd offers AUTH on an implicit-TLS connection only when told it need not wait for STARTTLS
               else {"ssl_context": server_context, "auth_require_tls": False})
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(), authenticator=authenticator,
                            auth_required=True, **options)
    controller.start()
    try:
        message = EmailMessage()
        message["To"], message["From"], message["Subject"] = "anna@web.test", "survey@example.org", "tls"
        message.set_content("over TLS")
        config = SmtpConfig(host="127.0.0.1", port=controller.port, security=security, user="survey",
                            password="s3cret", sender="survey@example.org", timeout=10, ca_file=cert)
        assert send_messages(config, [message]) == [None]
        assert [m["Subject"] for m in inbox.messages] == ["tls"]
        assert logins and logins[0][1:] == (b"survey", b"s3cret", True)  # the password only inside TLS
        wrong = send_messages(SmtpConfig(**{**config.__dict__, "password": "nope"}), [message])
        assert wrong[0].startswith("535")
        untrusted = send_messages(SmtpConfig(**{**config.__dict__, "ca_file": ""}), [message])
        assert "CERTIFICATE_VERIFY_FAILED" in untrusted[0]  # never mail to a server that is not who it says
    finally:
        controller.stop()
