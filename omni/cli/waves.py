"""`save` (an assessment as a wave of an organisation, or of one of its units) and `history` (its saved
waves, and with --roadmap the roadmap of the latest)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from omni.cli.common import (
    EXIT_INPUT,
    EXIT_OK,
    InputError,
    add_common,
    add_language,
    add_store_option,
    open_store,
    scored,
)
from omni.i18n import t


def register(sub) -> None:
    p = sub.add_parser("save", help="save an organisation's assessment as a wave (a new version each time)")
    add_common(p, framework_default=None)
    add_store_option(p)
    p.add_argument("files", nargs="+", help="filled survey workbook(s) of one organisation")
    p.add_argument("--org", help="organisation name (default: as in the file)")
    p.add_argument("--wave", required=True, help="wave label, e.g. 2026")
    p.add_argument("--date", help="wave date YYYY-MM-DD (default: the respondents' latest date)")
    p.add_argument("--country", default="NL", help="country (default NL)")
    p.add_argument("--unit", default="", help="save the wave of this unit of the organisation (only its respondents "
                   "when the file names several units); default: the whole organisation")
    p.add_argument("--contribute", action="store_true",
                   help="the organisation opts in: offer this wave, anonymised, to the peer set (for approval; "
                   "only waves of the whole organisation)")
    p.set_defaults(func=cmd_save)

    p = sub.add_parser("history", help="an organisation's saved waves and progress to target")
    p.add_argument("organisation", help="organisation name")
    p.add_argument("--unit", default="", help="the history of this unit's waves (default: the whole organisation)")
    p.add_argument("--roadmap", action="store_true", help="add the roadmap of the latest wave")
    add_language(p)
    p.add_argument("--json", action="store_true", help="print the history as JSON")
    add_store_option(p)
    p.set_defaults(func=cmd_history)


def cmd_save(args: argparse.Namespace) -> int:
    import datetime as dt

    from omni.services import save_wave
    from omni.store import StoreError

    try:
        wave_date = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise InputError(f"--date must be a date like 2026-10-12, not {args.date!r}") from None
    assessment = scored(args)
    if assessment is None:
        return EXIT_INPUT
    engine = open_store(args, demo_peers=False)
    try:
        done = save_wave(engine, assessment, organisation=args.org, wave=args.wave, wave_date=wave_date,
                         country=args.country, source=", ".join(Path(f).name for f in args.files),
                         contribute=args.contribute, unit=args.unit)
    except StoreError as exc:
        raise InputError(exc.message(args.lang)) from None
    saved = done.saved
    if saved.unit:
        print(t("unitwaves.cli_saved", args.lang, organisation=saved.organisation, unit=saved.unit, wave=saved.wave,
                version=saved.version, id=saved.id))
    else:
        print(t("history.cli_saved", args.lang, organisation=saved.organisation, wave=saved.wave,
                version=saved.version, id=saved.id))
    if done.contribute_error is not None:
        raise InputError(done.contribute_error.message(args.lang))
    if done.contributed is not None:
        print(t("history.cli_contributed", args.lang, id=done.contributed))
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    from omni.format import number
    from omni.history import format_history, history_dict, organisation_history
    from omni.roadmap import roadmap_dict
    from omni.services import latest_wave

    engine = open_store(args, demo_peers=False)
    unit = args.unit.strip()
    history = organisation_history(engine, args.organisation, unit)
    if not history.waves:
        if unit:
            print(t("unitwaves.cli_none", args.lang, organisation=args.organisation, unit=unit), file=sys.stderr)
        else:
            print(t("history.cli_none", args.lang, organisation=args.organisation), file=sys.stderr)
        return EXIT_INPUT
    latest = latest_wave(engine, history.organisation, unit) if args.roadmap else None
    if args.json:
        data = history_dict(history, args.lang)
        if latest is not None:
            data["roadmap"] = {"wave": latest.saved.wave, "id": latest.saved.id,
                               "items": roadmap_dict(latest.assessment, args.lang)}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(format_history(history, args.lang))
        if latest is not None:
            print("\n" + t("unitwaves.roadmap_heading", args.lang, wave=latest.saved.wave))
            for rank, item in enumerate(roadmap_dict(latest.assessment, args.lang), 1):
                phase = t(f"roadmap.phase.{item['phase']}", args.lang)
                print(f"  {rank}. {item['name']:<32}{phase:<22}"
                      f"{t('col.gap', args.lang)} {number(item['gap'], args.lang)}")
    return EXIT_OK
