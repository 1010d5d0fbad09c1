"""`round`: survey rounds answered in the browser (omni.rounds, omni.store.rounds): open, status, close;
the invitations by e-mail are in omni/cli/invitations.py."""

from __future__ import annotations

import argparse
import functools
import json
from pathlib import Path

from omni.cli import invitations
from omni.cli.common import (
    EXIT_OK,
    add_common,
    add_language,
    add_store_option,
    closing_date,
    load_framework,
    open_store,
    refusals_as_input_errors,
)
from omni.i18n import t


def register(sub) -> None:
    p = sub.add_parser("round", help="survey rounds answered in the browser: open, status, close")
    rounds = p.add_subparsers(dest="round_command", required=True)
    q = rounds.add_parser("open", help="open a round and print its shareable link")
    add_common(q)
    add_store_option(q)
    q.add_argument("--org", required=True, help="organisation name")
    q.add_argument("--wave", required=True, help="wave label, e.g. 2026")
    q.add_argument("--unit", default="", help="a round of one unit of the organisation (brand, country...)")
    q.add_argument("--languages", default="nl,en", help="languages respondents may choose (default nl,en)")
    q.add_argument("--closes", help="closing date YYYY-MM-DD (end of day, UTC); default: until closed")
    q.add_argument("--qr", help="also write the link as a QR code (PNG) to this file")
    q.add_argument("--json", action="store_true", help="print the round and its link as JSON")
    q.set_defaults(func=cmd_round_open)
    for name, text, func in (("status", "how many responded, by role (never anyone's answers)", cmd_round_status),
                             ("close", "close the round: the link stops accepting answers", cmd_round_close)):
        q = rounds.add_parser(name, help=text)
        q.add_argument("id", type=int, help="round id (printed by `round open`)")
        add_language(q)
        q.add_argument("--json", action="store_true", help="print as JSON")
        add_store_option(q)
        q.set_defaults(func=func)
    q = rounds.add_parser("save", help="save a closed round's answers as a wave (a round of one unit: that "
                                        "unit's wave, never the group's)")
    q.add_argument("id", type=int, help="round id")
    q.add_argument("--wave", default="", help="wave label (default: the round's)")
    add_language(q)
    q.add_argument("--json", action="store_true", help="print the saved wave as JSON")
    add_store_option(q)
    q.set_defaults(func=cmd_round_save)
    q = rounds.add_parser("delete", help="delete a round for good, with its answers, invitees and links")
    q.add_argument("id", type=int, help="round id")
    q.add_argument("--yes", action="store_true", help="confirm: the answers and e-mail addresses go too")
    add_language(q)
    add_store_option(q)
    q.set_defaults(func=cmd_round_delete)
    invitations.register(rounds)


@refusals_as_input_errors
def cmd_round_open(args: argparse.Namespace) -> int:
    from omni.rounds import qr_png, round_link
    from omni.store.rounds import open_round

    engine = open_store(args, demo_peers=False)
    lang = args.lang
    load_framework(args.framework)
    round_, token = open_round(engine, args.org, args.wave, framework_id=args.framework,
                               languages=tuple(args.languages.split(",")), closes_at=closing_date(args.closes),
                               unit=args.unit)
    link = round_link(token)
    if args.qr:
        Path(args.qr).write_bytes(qr_png(link))
    if args.json:
        print(json.dumps({"id": round_.id, "organisation": round_.organisation, "wave": round_.wave,
                          "unit": round_.unit or None,
                          "framework": round_.framework_id, "languages": list(round_.languages),
                          "link": link}, ensure_ascii=False, indent=2))
    else:
        print(t("rounds.cli_opened", lang, id=round_.id, organisation=round_.organisation, wave=round_.wave,
                link=link))
        if args.qr:
            print(t("cli.written", lang, path=args.qr))
    return EXIT_OK


@refusals_as_input_errors
def cmd_round_status(args: argparse.Namespace) -> int:
    from omni.attributes import label
    from omni.store.rounds import round_status

    lang = args.lang
    status = round_status(open_store(args, demo_peers=False), args.id)
    r = status.round
    data = {"id": r.id, "organisation": r.organisation, "wave": r.wave, "framework": r.framework_id,
            "status": "open" if r.is_open() else "closed",
            "closes_at": r.closes_at.isoformat() if r.closes_at else None,
            "started": status.started, "submitted": status.submitted,
            "by_role": {role: {"started": a, "submitted": b} for role, (a, b) in status.by_role.items()}}
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{r.id}  {r.organisation} · {r.wave}  ({t('rounds.status_' + data['status'], lang)})")
    print(f"{t('rounds.started', lang)}: {status.started}   {t('rounds.submitted', lang)}: {status.submitted}")
    for role, (started, submitted) in status.by_role.items():
        print(f"  {label('role', role, lang)}: {submitted}/{started}")
    return EXIT_OK


@refusals_as_input_errors
def cmd_round_close(args: argparse.Namespace) -> int:
    from omni.store.rounds import close_round

    close_round(open_store(args, demo_peers=False), args.id)
    print(t("rounds.cli_closed", args.lang, id=args.id))
    return EXIT_OK


@refusals_as_input_errors
def cmd_round_delete(args: argparse.Namespace) -> int:
    from omni.store.rounds import delete_round

    engine = open_store(args, demo_peers=False)
    try:
        delete_round(engine, args.id, confirm=args.yes)
    finally:
        engine.dispose()
    print(t("rounds.deleted", args.lang, id=args.id))
    return EXIT_OK


@functools.partial(refusals_as_input_errors, with_store=True)
def cmd_round_save(args: argparse.Namespace, engine) -> int:
    from omni.services import save_round

    saved = save_round(engine, args.id, wave=args.wave).saved
    if args.json:
        print(json.dumps({"id": saved.id, "organisation": saved.organisation, "unit": saved.unit or None,
                          "wave": saved.wave, "version": saved.version, "round": args.id},
                         ensure_ascii=False, indent=2))
    elif saved.unit:
        print(t("unitwaves.saved", args.lang, organisation=saved.organisation, unit=saved.unit, wave=saved.wave,
                version=saved.version))
    else:
        print(t("history.saved", args.lang, organisation=saved.organisation, wave=saved.wave,
                version=saved.version))
    return EXIT_OK
