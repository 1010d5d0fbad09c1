"""Inviting a round's respondents by e-mail and reminding them: one workflow for the app and the CLI.

invite   add people (omni.invitees) to a round and mail each their personal link
remind   mail a fresh personal link to those who have not submitted and have not unsubscribed
due      the reminders a round's schedule asks for now (omni.store.invitations.claim_due_reminders)

A run reports its progress in a `MailRun` (thread-safe: the app sends in a background thread and
shows the counts while it goes). A mail the server refuses is recorded at the invitee (status
failed, with the server's reason) and can be sent again; nothing is lost.

When do scheduled reminders go out? Nothing runs by itself: `send_due_reminders` is called when a
manager opens the Rounds page (in the background, at most once a minute per app process, for the
rounds that manager may see) and by `python -m omni round remind --due`, which an operator runs
from cron (e.g. hourly) to cover every organisation. A slot is claimed in the store before its
mails go out, so two processes never send the same reminder; a slot missed while nothing ran is
folded into the next one (one reminder, not a burst), and none goes out after the closing date.
"""

from __future__ import annotations

import threading
import time
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, make_msgid, parseaddr

from sqlalchemy import Engine

from omni.format import date as format_date
from omni.i18n import t
from omni.invitees import Person
from omni.mail import SmtpConfig, send_messages
from omni.rounds import RESPOND_PATH, public_url
from omni.store.invitations import (
    INVITE,
    REMINDER,
    Invitee,
    add_invitees,
    audit_mail_run,
    claim_due_reminders,
    issue_links,
    record_mail,
)
from omni.store.rounds import Round

INVITE_PARAM, STOP_PARAM = "invite", "stop"


def invitation_link(token: str, base: str | None = None) -> str:
    """One invitee's personal link: it starts their answers, and resumes them later."""
    return f"{base or public_url()}/{RESPOND_PATH}?{urllib.parse.urlencode({INVITE_PARAM: token})}"


def unsubscribe_link(token: str, base: str | None = None) -> str:
    """The link in every mail that stops further reminders (the personal link keeps working)."""
    return f"{base or public_url()}/{RESPOND_PATH}?{urllib.parse.urlencode({INVITE_PARAM: token, STOP_PARAM: '1'})}"


def compose(kind: str, round_: Round, invitee: Invitee, token: str, sender: str) -> EmailMessage:
    """The invitation or reminder for one invitee, in their language, with their personal link."""
    lang = invitee.language
    params = {"organisation": round_.organisation, "wave": round_.wave}
    message = EmailMessage()
    message["Subject"] = t(f"invite.mail.subject_{kind}", lang, **params)
    message["From"] = sender
    message["To"] = formataddr((invitee.name, invitee.email)) if invitee.name else invitee.email
    message["Message-ID"] = make_msgid(domain=parseaddr(sender)[1].rpartition("@")[2] or None)
    stop = unsubscribe_link(token)
    message["List-Unsubscribe"] = f"<{stop}>"
    message["Auto-Submitted"] = "auto-generated"  # out-of-office replies stay away
    lines = [t("invite.mail.greeting", lang, name=invitee.name) if invitee.name else t("invite.mail.greeting_team", lang),
             "", t(f"invite.mail.body_{kind}", lang, **params), "", invitation_link(token), ""]
    if round_.closes_at is not None:
        lines += [t("invite.mail.closes", lang, date=format_date(round_.closes_at, lang)), ""]
    lines += [t("invite.mail.personal", lang), "", "-- ", t("invite.mail.unsubscribe", lang, link=stop)]
    message.set_content("\n".join(lines))
    message["Content-Language"] = lang
    return message


@dataclass
class MailRun:
    """Progress of one run of mails; read it from another thread while it goes."""

    round_id: int
    kind: str
    total: int = 0
    sent: int = 0
    failed: list[tuple[int, str, str]] = field(default_factory=list)  # (invitee id, address, reason)
    already: tuple[str, ...] = ()  # invite: addresses that were on the round's list already
    finished: bool = False
    error: str = ""  # the run itself stopped (e.g. the round closed); per-mail reasons are in `failed`
    exception: BaseException | None = field(default=None, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def done(self) -> int:
        with self._lock:
            return self.sent + len(self.failed)

    def _result(self, invitee: Invitee, error: str | None) -> None:
        with self._lock:
            if error:
                self.failed.append((invitee.id, invitee.email, error))
            else:
                self.sent += 1


def send_round_mail(engine: Engine, round_id: int, kind: str, config: SmtpConfig, *,
                    invitee_ids: Sequence[int] | None = None, run: MailRun | None = None,
                    detail: str = "") -> MailRun:
    """Mail invitations (default: everyone not mailed yet) or reminders (everyone who has not
    submitted nor unsubscribed), each with a fresh personal link; every result recorded as it comes."""
    run = run or MailRun(round_id, kind)
    try:
        round_, issued = issue_links(engine, round_id, kind, invitee_ids)
        run.total = len(issued)
        messages = [compose(kind, round_, invitee, token, config.sender) for invitee, token in issued]

        def on_result(index: int, error: str | None) -> None:
            invitee = issued[index][0]
            record_mail(engine, round_id, kind, [(invitee.id, error)])
            run._result(invitee, error)

        if messages:
            send_messages(config, messages, on_result)
        audit_mail_run(engine, round_id, kind, run.sent, len(run.failed), detail)
    except Exception as exc:  # noqa: BLE001 - a background run must end with a reason, never silently
        run.error = exc.message("en") if hasattr(exc, "message") else f"{type(exc).__name__}: {exc}"
        run.exception = exc
    finally:
        run.finished = True
    return run


def invite(engine: Engine, round_id: int, people: Sequence[Person], config: SmtpConfig, *,
           run: MailRun | None = None) -> MailRun:
    """Add people to a round (all or none) and mail each newly added one their personal link."""
    run = run or MailRun(round_id, INVITE)
    try:
        added = add_invitees(engine, round_id, people)
    except Exception as exc:  # noqa: BLE001 - see send_round_mail
        run.error = exc.message("en") if hasattr(exc, "message") else f"{type(exc).__name__}: {exc}"
        run.exception, run.finished = exc, True
        return run
    run.already = added.already
    if not added.invitees:
        run.finished = True
        return run
    return send_round_mail(engine, round_id, INVITE, config, invitee_ids=[i.id for i in added.invitees], run=run)


def remind(engine: Engine, round_id: int, config: SmtpConfig, *, run: MailRun | None = None) -> MailRun:
    """Remind everyone invited to the round who has not submitted and has not unsubscribed."""
    return send_round_mail(engine, round_id, REMINDER, config, run=run)


def send_due_reminders(engine: Engine, config: SmtpConfig, now=None) -> list[MailRun]:
    """The reminders the rounds' schedules ask for now (see the module's docstring), each sent once."""
    return [send_round_mail(engine, round_id, REMINDER, config, detail=f" (schedule: {slot} days before closing)")
            for round_id, slot in claim_due_reminders(engine, now)]


def in_background(function, *args, run: MailRun, **kwargs) -> MailRun:
    """Run `function(*args, run=run, **kwargs)` in a daemon thread; follow it through `run`."""
    threading.Thread(target=function, args=args, kwargs={**kwargs, "run": run}, daemon=True,
                     name=f"omni-mail-{run.kind}-{run.round_id}").start()
    return run


_DUE_LOCK = threading.Lock()
_DUE_LAST: dict[str, float] = {}
DUE_INTERVAL_SECONDS = 60.0


def due_reminders_in_background(engine: Engine, config: SmtpConfig, key: str = "") -> bool:
    """Check the schedules in a background thread, at most once a minute per process and `key`
    (e.g. the signed-in scope); True when a check was started."""
    with _DUE_LOCK:
        now = time.monotonic()
        if now - _DUE_LAST.get(key, -DUE_INTERVAL_SECONDS) < DUE_INTERVAL_SECONDS:
            return False
        _DUE_LAST[key] = now
    threading.Thread(target=send_due_reminders, args=(engine, config), daemon=True, name="omni-mail-due").start()
    return True
