"""`round invite`, `round remind`, `round invitees`: invitations by e-mail (omni.invitations)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from omni.cli.common import (
    EXIT_INPUT,
    EXIT_OK,
    InputError,
    add_language,
    add_store_option,
    refusals_as_input_errors,
)
from omni.i18n import t


def register(rounds) -> None:
    """Add the invitation subcommands to the `round` command's subparsers."""
    q = rounds.add_parser("invite", help="invite people by e-mail: each gets a personal link (needs [omni.smtp])")
    q.add_argument("id", type=int, help="round id")
    q.add_argument("--file", help="the list: .xlsx or .csv with columns Name, E-mail, Role (Department, Language)")
    q.add_argument("--retry", action="store_true", help="mail everyone on the list not mailed yet (e.g. failed)")
    _common(q, cmd_round_invite)
    q = rounds.add_parser("remind", help="remind invitees who have not submitted (not those who unsubscribed)")
    q.add_argument("id", type=int, nargs="?", help="round id (omit with --due)")
    q.add_argument("--due", action="store_true", help="send the reminders the rounds' schedules ask for now "
                                                      "(run from cron, e.g. hourly)")
    q.add_argument("--schedule", help="instead of mailing: set the round's schedule, days before closing, e.g. 7,2 "
                                      "(empty: none)")
    _common(q, cmd_round_remind)
    q = rounds.add_parser("invitees", help="the round's invitees and their status (never their answers)")
    q.add_argument("id", type=int, help="round id")
    _common(q, cmd_round_invitees)


def _common(q: argparse.ArgumentParser, func) -> None:
    add_language(q)
    q.add_argument("--json", action="store_true", help="print as JSON")
    add_store_option(q)
    q.set_defaults(func=refusals_as_input_errors(func, with_store=True))


def _mail_config(lang: str):
    from omni.mail import MailConfigError, smtp_config

    try:
        config = smtp_config()
    except MailConfigError as exc:
        raise InputError(str(exc)) from None
    if config is None:
        raise InputError(t("invite.cli_no_smtp", lang))
    return config


def _report_run(run, args) -> int:
    failed = [{"email": email, "reason": reason} for _, email, reason in run.failed]
    if args.json:
        print(json.dumps({"round": run.round_id, "kind": run.kind, "total": run.total, "sent": run.sent,
                          "failed": failed, "already": list(run.already), "error": run.error},
                         ensure_ascii=False, indent=2))
    else:
        print(t("invite.cli_done", args.lang, id=run.round_id, sent=run.sent, n=run.total))
        if run.already:
            print(t("invite.already", args.lang, emails=", ".join(run.already)))
        for item in failed:
            print(t("invite.cli_failed", args.lang, **item), file=sys.stderr)
    if run.error:
        exc = run.exception
        raise InputError(exc.message(args.lang) if hasattr(exc, "message") else run.error)
    return EXIT_INPUT if failed else EXIT_OK


def cmd_round_invitees(args: argparse.Namespace, engine) -> int:
    from omni.store.invitations import list_invitees

    rows = [{"name": i.name, "email": i.email, "role": i.role, "language": i.language, "status": i.status,
             "reminders": i.reminders, "unsubscribed": i.unsubscribed, "problem": i.mail_error}
            for i in list_invitees(engine, args.id)]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        print(f"{row['email']:40} {row['name'][:30]:30} {t('invite.status.' + row['status'], args.lang)}"
              + (f"  ({row['problem']})" if row["problem"] else ""))
    return EXIT_OK


def cmd_round_remind(args: argparse.Namespace, engine) -> int:
    from omni.invitations import remind, send_due_reminders
    from omni.store.invitations import set_reminder_schedule

    lang = args.lang
    if args.schedule is not None:
        if args.id is None:
            raise InputError("--schedule needs a round id")
        schedule = set_reminder_schedule(engine, args.id, [d for d in args.schedule.split(",") if d.strip()])
        print(t("invite.schedule_saved", lang) + f" {', '.join(map(str, schedule.days_before)) or '-'}")
        return EXIT_OK
    config = _mail_config(lang)
    if args.due:
        runs = send_due_reminders(engine, config)
        print(t("invite.cli_due", lang, n=len(runs)))
        return max((_report_run(run, args) for run in runs), default=EXIT_OK)
    if args.id is None:
        raise InputError("give a round id, or --due")
    return _report_run(remind(engine, args.id, config), args)


def cmd_round_invite(args: argparse.Namespace, engine) -> int:
    from omni.invitations import invite, send_round_mail
    from omni.invitees import read_invitee_file
    from omni.store.invitations import INVITE
    from omni.store.rounds import get_round

    lang = args.lang
    config = _mail_config(lang)
    if args.retry:
        return _report_run(send_round_mail(engine, args.id, INVITE, config), args)
    if not args.file:
        raise InputError("give --file with the list (or --retry)")
    round_ = get_round(engine, args.id)
    found = read_invitee_file(Path(args.file).name, Path(args.file).read_bytes(), round_.languages)
    if found.problems:
        for problem in found.problems:
            print(problem.message(lang), file=sys.stderr)
        raise InputError(t("invite.problems", lang))
    return _report_run(invite(engine, args.id, found.people, config), args)
