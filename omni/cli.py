"""`python -m omni ...`: the same domain functions the app calls, for scripted use.

Exit status: 0 on success, 2 on input that cannot be used (with the problems printed), never a
traceback for bad input.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from omni.confidentiality import MinGroupError
from omni.demo import demo_respondents
from omni.format import number
from omni.forms import TOOLS, form_bytes
from omni.framework import DEFAULT_FRAMEWORK_ID, FrameworkError, builtin_frameworks, get_framework
from omni.i18n import LANGUAGES, t
from omni.insights import dont_know_finding
from omni.scoring import Assessment, score
from omni.survey import read_survey
from omni.template import write_workbook

EXIT_OK, EXIT_INPUT = 0, 2


class InputError(Exception):
    """Bad input from the user: printed as a message, exit status 2."""


def _framework(framework_id: str):
    try:
        return get_framework(framework_id)
    except KeyError:
        raise InputError(f"unknown framework {framework_id!r}; available: "
                         f"{', '.join(builtin_frameworks())}") from None


def cmd_template(args: argparse.Namespace) -> int:
    framework = _framework(args.framework)
    write_workbook(args.output, framework, args.lang, args.layout)
    print(t("cli.written", args.lang, path=args.output))
    return EXIT_OK


def cmd_demo_survey(args: argparse.Namespace) -> int:
    framework = _framework(args.framework)
    people = demo_respondents(framework, n=args.respondents, seed=args.seed, lang=args.lang)
    if args.per_respondent:
        folder = Path(args.output)
        folder.mkdir(parents=True, exist_ok=True)
        for index, person in enumerate(people, start=1):
            path = folder / f"respondent-{index:02d}.xlsx"
            write_workbook(path, framework, args.lang, "respondent", [person])
            print(t("cli.written", args.lang, path=path))
    else:
        write_workbook(args.output, framework, args.lang, "respondents", people)
        print(t("cli.written", args.lang, path=args.output))
    return EXIT_OK


def cmd_forms(args: argparse.Namespace) -> int:
    framework = _framework(args.framework)
    kind = "text" if args.tool == "microsoft" and Path(args.output).suffix.lower() == ".txt" else ""
    Path(args.output).write_bytes(form_bytes(framework, args.lang, args.tool, kind))
    print(t("cli.written", args.lang, path=args.output))
    return EXIT_OK


def format_assessment(assessment: Assessment, lang: str) -> str:
    """The assessment as a readable plain-text table."""
    fw = assessment.framework
    lines = [
        f"{t('cli.framework', lang)}: {fw.name(lang)} ({fw.id} {fw.version})",
        f"{t('cli.organisation', lang)}: {assessment.organisation or '–'}",
        f"{t('cli.respondents', lang)}: {assessment.respondent_count}",
        "",
    ]
    name_width = max(len(d.name(lang)) for d in fw.dimensions) + 2
    head = (f"{'':<{name_width}}{t('col.current', lang):>9}{t('col.target', lang):>9}"
            f"{t('cli.gap', lang):>7}  {t('cli.level', lang):<28}{t('cli.spread', lang):>9}{'n':>4}")
    lines += [head, "-" * len(head)]
    for row in assessment.dimension_scores.itertuples():
        level = f"{row.level} {fw.level(row.level).name(lang)}" if row.level else t("score.insufficient", lang)
        lines.append(f"{fw.dimension(row.dimension).name(lang):<{name_width}}{number(row.current, lang):>9}"
                     f"{number(row.target, lang):>9}{number(row.gap, lang):>7}  {level:<28}{number(row.std, lang):>9}{row.n:>4}")
    o = assessment.overall
    level = f"{o.level} {fw.level(o.level).name(lang)}" if o.level else "–"
    lines += ["-" * len(head),
              f"{t('cli.overall', lang):<{name_width}}{number(o.current, lang):>9}{number(o.target, lang):>9}"
              f"{number(o.gap, lang):>7}  {level:<28}"]
    unknown = [f"  {fw.dimension(r.dimension).name(lang)}: {t('dontknow.of', lang, n=int(r.n_dk), total=int(r.n_answers))}"
               for r in assessment.dimension_scores.itertuples() if r.n_dk]
    if unknown:
        lines += ["", f"{t('dontknow.col', lang)}:", *unknown]
    if finding := dont_know_finding(assessment, lang):
        lines += ["", finding.text]
    return "\n".join(lines)


def _mapping(args: argparse.Namespace) -> tuple:
    """The --mapping file's rules (none without the option); InputError when it cannot be used."""
    from omni.survey.mapping import MappingError, load_mapping

    path = getattr(args, "mapping", None)
    if not path:
        return ()
    try:
        return load_mapping(path)
    except MappingError as exc:
        raise InputError(str(exc)) from None


def _write_mapping(args: argparse.Namespace, survey) -> None:
    """--mapping-out: how the columns were read, as a mapping file to correct and pass back."""
    from omni.survey.mapping import dump_mapping, mapping_from_column_map

    if getattr(args, "mapping_out", None):
        try:
            Path(args.mapping_out).write_text(dump_mapping(mapping_from_column_map(survey.column_map)),
                                              encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot write {args.mapping_out}: {exc.strerror or type(exc).__name__}") from None


def _read(args: argparse.Namespace):
    """The survey in the files (--mapping-out written when asked); when it cannot be scored, why, on stderr."""
    framework = _framework(args.framework) if args.framework else None
    survey = read_survey(args.files, framework, keep_duplicates=getattr(args, "keep_duplicates", False),
                         mapping=_mapping(args))
    _write_mapping(args, survey)
    if not survey.ok:
        print(t("cli.cannot_score", args.lang, n=len(survey.errors)), file=sys.stderr)
        for problem in survey.problems:
            print("  " + problem.describe(args.lang), file=sys.stderr)
    return survey


def cmd_score(args: argparse.Namespace) -> int:
    survey = _read(args)
    if not survey.ok:
        if args.json:
            print(json.dumps({"problems": [p.to_dict() for p in survey.problems]}, ensure_ascii=False, indent=2))
        return EXIT_INPUT
    assessment = score(survey)
    if args.json:
        from omni.confidentiality import breakdowns_dict
        from omni.roadmap import roadmap_dict

        data = assessment.to_dict(args.lang)
        data["roadmap"] = roadmap_dict(assessment, args.lang)
        data["breakdowns"] = breakdowns_dict(assessment, args.lang)  # only groups of at least min_group
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(format_assessment(assessment, args.lang))
        if survey.problems:
            print(f"\n{t('cli.problems', args.lang)} ({len(survey.problems)}):")
            for problem in survey.problems[: args.max_problems]:
                print("  " + problem.describe(args.lang))
            if len(survey.problems) > args.max_problems:
                print(f"  … +{len(survey.problems) - args.max_problems}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from omni.export.brand import check_logo, check_template
    from omni.export.deck import DeckOptions, TemplateError, build_deck
    from omni.export.images import chart_catalogue, chart_image
    from omni.export.pdf_report import build_pdf
    from omni.export.report import build_report

    if not (args.pptx or args.xlsx or args.pdf or args.charts):
        raise InputError("nothing to export: give --pptx, --xlsx, --pdf and/or --charts")
    if not re.fullmatch(r"#?[0-9A-Fa-f]{6}", args.accent):
        raise InputError(f"--accent must be a hex colour such as 1F4E79, not {args.accent!r}")
    assessment = _scored(args)
    if assessment is None:
        return EXIT_INPUT
    bench, history = (_export_extras(args, assessment) if (args.pptx or args.xlsx or args.pdf) and not args.no_store
                      else (None, None))
    if args.pptx:
        options = DeckOptions(charts_as_images=args.chart_images, accent=args.accent.lstrip("#"), wave=args.wave)
        if args.template:
            options.template, options.template_name = _brand_file(args.template, check_template, args.lang), \
                Path(args.template).name
        if args.logo:
            options.logo = _brand_file(args.logo, check_logo, args.lang)
        try:
            Path(args.pptx).write_bytes(build_deck(assessment, args.lang, options, benchmark=bench, history=history))
        except TemplateError as exc:
            raise InputError(str(exc)) from None
        print(t("cli.written", args.lang, path=args.pptx))
    if args.xlsx:
        Path(args.xlsx).write_bytes(build_report(assessment, args.lang, benchmark=bench, history=history))
        print(t("cli.written", args.lang, path=args.xlsx))
    if args.pdf:
        Path(args.pdf).write_bytes(build_pdf(assessment, args.lang, benchmark=bench, history=history))
        print(t("cli.written", args.lang, path=args.pdf))
    if args.charts:
        folder = Path(args.charts)
        folder.mkdir(parents=True, exist_ok=True)
        for key, (_title, build) in chart_catalogue(assessment, args.lang).items():
            path = folder / f"{key}.{args.format}"
            path.write_bytes(chart_image(build(), args.format))
            print(t("cli.written", args.lang, path=path))
    return EXIT_OK


def _brand_file(path: str, check, lang: str) -> bytes:
    """A template or logo checked as the Export page checks it (bounded worker); an input error if refused."""
    checked = check(Path(path).name, Path(path).read_bytes())
    if not checked.ok:
        raise InputError(checked.message(lang))
    if checked.removed_links:
        print(t("brand.links_removed", lang, count=checked.removed_links, name=Path(path).name))
    return checked.data


def _export_extras(args: argparse.Namespace, assessment: Assessment):
    """The benchmark and the history for the export, from the store as `benchmark` and `history` get
    them (the default peer group, else the nearest broader one with enough peers); a part without
    enough data is left out with a note, and so are both when the configured store cannot be opened
    (a --database that cannot be used is an error)."""
    from omni.benchmark import MIN_PEERS
    from omni.export.extras import synthetic_label
    from omni.services import export_extras

    lang = args.lang
    try:
        engine = _open_store(args)
    except InputError as exc:
        if args.database:  # asked for explicitly: an error, not a note
            raise
        print(t("export.cli_no_store", lang, reason=exc), file=sys.stderr)
        return None, None
    extras = export_extras(engine, assessment, organisation=args.org)
    bench, history = extras.benchmark, extras.history
    if bench is None:
        print(t("export.cli_no_benchmark", lang, reason=t(extras.benchmark_missing, lang, minimum=MIN_PEERS,
                                                          organisation=extras.organisation)))
    else:
        note = synthetic_label(bench, lang)
        print(t("export.cli_benchmark", lang, group=bench.group.describe(lang), n=bench.n_label)
              + (f" · {note}" if note else ""))
    if history is not None:
        print(t("export.cli_trend", lang, n=len(history.waves), organisation=history.organisation))
    else:
        print(t("export.cli_no_trend", lang, reason=t(extras.trend_missing, lang, minimum=MIN_PEERS,
                                                      organisation=extras.organisation)))
    return bench, history


# --- peers, benchmark, saved assessments and history (omni.store) --------------------------------


def _open_store(args: argparse.Namespace, *, demo_peers: bool = True):
    """The configured store (or --database), migrated; demo peers loaded on a fresh store."""
    from sqlalchemy.exc import SQLAlchemyError

    from omni.peers import ensure_demo_peers
    from omni.store import StoreConfigError, open_store

    try:
        engine = open_store(getattr(args, "database", None) or None)
        if demo_peers:
            ensure_demo_peers(engine)
    except StoreConfigError as exc:
        raise InputError(str(exc)) from None
    except SQLAlchemyError as exc:
        raise InputError(f"cannot use the database: {exc.__class__.__name__}: {str(exc).splitlines()[0]}") from None
    return engine


def _scored(args: argparse.Namespace) -> Assessment | None:
    survey = _read(args)
    return score(survey) if survey.ok else None


def _code(field: str, value: str | None) -> str | None:
    from omni.attributes import VOCABULARIES, to_code

    if value is None:
        return None
    code = to_code(field, value)
    choices = [c.code for c in VOCABULARIES[field]]
    if code not in choices:
        raise InputError(f"unknown {field} {value!r}; use one of: {', '.join(choices)}")
    return code


def cmd_peers(args: argparse.Namespace) -> int:
    from omni.peers import demo_peers, import_peers, read_peer_file, write_peer_file
    from omni.store import StoreError
    from omni.store.peer_entries import entries_with_status, peer_sets, set_status

    if args.peers_command == "demo":
        if args.n < 1:
            raise InputError("--n must be at least 1")
        frame = demo_peers(_framework(args.framework), n=args.n, seed=args.seed)
        write_peer_file(frame, args.output)
        print(t("cli.written", args.lang, path=args.output))
        print(t("peers.cli_demo_written", args.lang, n=args.n, rows=len(frame)))
        return EXIT_OK
    if args.peers_command == "import":
        peer_file = read_peer_file(args.file, _framework(args.framework))
        for problem in peer_file.problems[: args.max_problems]:
            print("  " + problem.describe(args.lang), file=sys.stderr)
        if not peer_file.ok:
            print(t("peers.cli_not_imported", args.lang, n=len(peer_file.errors)), file=sys.stderr)
            return EXIT_INPUT
        engine = _open_store(args)
        name = args.set or Path(args.file).stem
        try:
            count = import_peers(engine, peer_file, peer_set=name, replace=args.replace,
                                 status="pending" if args.pending else "approved")
        except ValueError as exc:
            raise InputError(str(exc)) from None
        print(t("peers.cli_imported", args.lang, n=count, peer_set=name))
        return EXIT_OK
    engine = _open_store(args)
    if args.peers_command == "list":
        print(peer_sets(engine).to_string(index=False))
        return EXIT_OK
    if args.peers_command == "pending":
        pending = entries_with_status(engine, "pending")
        print(pending.to_string(index=False) if len(pending) else t("peers.cli_none_pending", args.lang))
        return EXIT_OK
    try:
        changed = set_status(engine, args.ids, "approved" if args.peers_command == "approve" else "rejected")
    except StoreError as exc:
        raise InputError(exc.message(args.lang)) from None
    print(t(f"peers.cli_{args.peers_command}d", args.lang, n=changed))
    return EXIT_OK


def cmd_benchmark(args: argparse.Namespace) -> int:
    from omni.benchmark import MIN_PEERS, default_group, first_sufficient, format_benchmark, group_for

    assessment = _scored(args)
    if assessment is None:
        return EXIT_INPUT
    chosen = {"sector": _code("sector", args.sector), "size_band": _code("size_band", args.size),
              "channel_model": _code("channel_model", args.channel_model)}
    if any(chosen.values()):
        group = group_for(assessment, **chosen, years=args.years)
    else:
        group = default_group(assessment, years=args.years)
    engine = _open_store(args)
    bench, broader = first_sufficient(engine, assessment, group, args.org)
    fw = assessment.framework
    if not bench.sufficient:
        print(t("benchmark.too_small", args.lang, group=group.describe(args.lang), minimum=MIN_PEERS), file=sys.stderr)
        if broader is not None:
            print(t("benchmark.cli_try_broader", args.lang, group=broader.group.describe(args.lang)),
                  file=sys.stderr)
        if args.json:
            print(json.dumps(bench.to_dict(fw, args.lang), ensure_ascii=False, indent=2))
        return EXIT_INPUT
    if args.json:
        print(json.dumps(bench.to_dict(fw, args.lang), ensure_ascii=False, indent=2))
    else:
        print(format_benchmark(bench, fw, args.lang))
    return EXIT_OK


def cmd_save(args: argparse.Namespace) -> int:
    import datetime as dt

    from omni.services import save_wave
    from omni.store import StoreError

    try:
        wave_date = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise InputError(f"--date must be a date like 2026-10-12, not {args.date!r}") from None
    assessment = _scored(args)
    if assessment is None:
        return EXIT_INPUT
    engine = _open_store(args, demo_peers=False)
    try:
        done = save_wave(engine, assessment, organisation=args.org, wave=args.wave, wave_date=wave_date,
                         country=args.country, source=", ".join(Path(f).name for f in args.files),
                         contribute=args.contribute)
    except StoreError as exc:
        raise InputError(exc.message(args.lang)) from None
    saved = done.saved
    print(t("history.cli_saved", args.lang, organisation=saved.organisation, wave=saved.wave,
            version=saved.version, id=saved.id))
    if done.contribute_error is not None:
        raise InputError(done.contribute_error.message(args.lang))
    if done.contributed is not None:
        print(t("history.cli_contributed", args.lang, id=done.contributed))
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    from omni.history import format_history, history_dict, organisation_history

    engine = _open_store(args, demo_peers=False)
    history = organisation_history(engine, args.organisation)
    if not history.waves:
        print(t("history.cli_none", args.lang, organisation=args.organisation), file=sys.stderr)
        return EXIT_INPUT
    if args.json:
        print(json.dumps(history_dict(history, args.lang), ensure_ascii=False, indent=2))
    else:
        print(format_history(history, args.lang))
    return EXIT_OK


# --- survey rounds answered in the browser (omni.rounds, omni.store.rounds) ----------------------


def _closing_date(value: str | None):
    import datetime as dt

    from omni.rounds import closes_at_end_of

    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--closes must be a date YYYY-MM-DD, not {value!r}") from None
    return closes_at_end_of(day)


def cmd_store_protect_audit(args: argparse.Namespace) -> int:
    """Migrate the app's database, then give its audit log to a role of its own (see omni.store.audit_owner)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from omni.store import database_url
    from omni.store.audit_owner import AuditProtectionError, audit_protection, protect_audit_log

    engine = _open_store(args, demo_peers=False)
    if engine.dialect.name != "postgresql":
        engine.dispose()
        raise InputError("protect-audit is for PostgreSQL; on SQLite the triggers and the file's permissions protect "
                         "the audit log")
    app_role = args.app_role or make_url(args.database or database_url()).username
    engine.dispose()
    try:
        protect_audit_log(args.admin_url, app_role)
    except AuditProtectionError as exc:
        raise InputError(str(exc)) from None
    except SQLAlchemyError as exc:
        raise InputError(f"cannot protect the audit log: {str(exc).splitlines()[0]}") from None
    engine = _open_store(args, demo_peers=False)
    protection = audit_protection(engine)
    engine.dispose()
    if not protection.protected:
        raise InputError(f"the audit log is owned by {protection.owner}, yet the app's role can still change it")
    print(f"audit log: {protection.schema}.audit_log, owned by {protection.owner}; {app_role} may only add and read")
    return EXIT_OK


def cmd_round(args: argparse.Namespace) -> int:
    from omni.attributes import label
    from omni.rounds import RoundError, qr_png, round_link
    from omni.store import StoreError
    from omni.store.rounds import close_round, open_round, round_status

    engine = _open_store(args, demo_peers=False)
    lang = args.lang
    try:
        if args.round_command == "open":
            _framework(args.framework)
            round_, token = open_round(engine, args.org, args.wave, framework_id=args.framework,
                                       languages=tuple(args.languages.split(",")),
                                       closes_at=_closing_date(args.closes))
            link = round_link(token)
            if args.qr:
                Path(args.qr).write_bytes(qr_png(link))
            if args.json:
                print(json.dumps({"id": round_.id, "organisation": round_.organisation, "wave": round_.wave,
                                  "framework": round_.framework_id, "languages": list(round_.languages),
                                  "link": link}, ensure_ascii=False, indent=2))
            else:
                print(t("rounds.cli_opened", lang, id=round_.id, organisation=round_.organisation,
                        wave=round_.wave, link=link))
                if args.qr:
                    print(t("cli.written", lang, path=args.qr))
        elif args.round_command == "status":
            status = round_status(engine, args.id)
            r = status.round
            data = {"id": r.id, "organisation": r.organisation, "wave": r.wave, "framework": r.framework_id,
                    "status": "open" if r.is_open() else "closed",
                    "closes_at": r.closes_at.isoformat() if r.closes_at else None,
                    "started": status.started, "submitted": status.submitted,
                    "by_role": {role: {"started": a, "submitted": b} for role, (a, b) in status.by_role.items()}}
            if args.json:
                print(json.dumps(data, ensure_ascii=False, indent=2))
            else:
                print(f"{r.id}  {r.organisation} · {r.wave}  ({t('rounds.status_' + data['status'], lang)})")
                print(f"{t('rounds.started', lang)}: {status.started}   {t('rounds.submitted', lang)}: "
                      f"{status.submitted}")
                for role, (started, submitted) in status.by_role.items():
                    print(f"  {label('role', role, lang)}: {submitted}/{started}")
        else:
            close_round(engine, args.id)
            print(t("rounds.cli_closed", lang, id=args.id))
    except (RoundError, StoreError) as exc:
        raise InputError(exc.message(lang)) from None
    return EXIT_OK


# --- the action plan (omni.action_plan): list, add, update, export, import ---------------------------

_ACTION_OPTIONS = (("title", "--title"), ("dimension", "--dimension"), ("questions", "--questions"),
                   ("target_level", "--level"), ("owner_name", "--owner"), ("owner_role", "--role"),
                   ("start_date", "--start"), ("due_date", "--due"), ("status", "--status"), ("notes", "--notes"))


def _action_line(action, lang: str) -> str:
    from omni.actions import status_label

    f = action.fields
    late = f" \u26a0 {t('actions.col.overdue', lang)}" if action.is_overdue() else ""
    return (f"#{action.id} v{action.version}  {f.due_date.isoformat() if f.due_date else '-':10}  "
            f"{status_label(f.status, lang):11}  {f.title}  ({f.dimension}"
            f"{', ' + action.owner if action.owner else ''}; {action.wave}){late}")


def _action_dict(action) -> dict[str, object]:
    f = action.fields
    return {"id": action.id, "organisation": action.organisation, "wave": action.wave, "title": f.title,
            "dimension": f.dimension, "questions": list(f.questions), "target_level": f.target_level,
            "owner_name": f.owner_name, "owner_role": f.owner_role,
            "start_date": f.start_date.isoformat() if f.start_date else None,
            "due_date": f.due_date.isoformat() if f.due_date else None, "status": f.status, "notes": f.notes,
            "version": action.version, "overdue": action.is_overdue()}


def cmd_actions(args: argparse.Namespace) -> int:
    from omni.action_files import plan_to_csv, plan_to_ics, plan_to_xlsx
    from omni.action_plan import add_action, change_action, import_plan, plan
    from omni.i18n import TranslatedError

    engine = _open_store(args, demo_peers=False)
    lang = args.lang
    given = {name: getattr(args, name) for name, _ in _ACTION_OPTIONS if getattr(args, name, None) is not None}
    try:
        if args.actions_command == "list":
            found = plan(engine, args.org, status=args.status, owner=args.owner or "", dimension=args.dimension,
                         overdue_only=args.overdue)
            if args.json:
                print(json.dumps([_action_dict(a) for a in found], ensure_ascii=False, indent=2))
            else:
                print("\n".join(_action_line(a, lang) for a in found) or t("actions.empty", lang))
        elif args.actions_command == "add":
            print(_action_line(add_action(engine, args.org, given, wave=args.wave, framework=_framework(
                args.framework)), lang))
        elif args.actions_command == "update":
            print(_action_line(change_action(engine, args.id, given, based_on=args.based_on), lang))
        elif args.actions_command == "export":
            writer = {".xlsx": plan_to_xlsx, ".csv": plan_to_csv, ".ics": plan_to_ics}.get(Path(args.output).suffix)
            if writer is None:
                raise InputError(f"{args.output}: expected .xlsx, .csv or .ics")
            Path(args.output).write_bytes(writer(plan(engine, args.org), _framework(args.framework), lang))
            print(t("cli.written", lang, path=args.output))
        else:
            path = Path(args.file)
            outcome = import_plan(engine, args.org, path.name, path.read_bytes(), wave=args.wave,
                                  framework=_framework(args.framework))
            if not outcome.ok:
                messages = outcome.messages(lang)
                print(t("actions.import_failed", lang, n=len(messages)), file=sys.stderr)
                for message in messages:
                    print(f"  {message}", file=sys.stderr)
                return EXIT_INPUT
            print(t("actions.imported", lang, added=outcome.added, changed=outcome.changed))
    except TranslatedError as exc:
        raise InputError(exc.message(lang)) from None
    return EXIT_OK


def _add_actions_parser(sub, store_option) -> None:
    p = sub.add_parser("actions", help="the action plan: list, add, update, export, import")
    commands = p.add_subparsers(dest="actions_command", required=True)

    def base(name: str, text: str, *, org: bool = True) -> argparse.ArgumentParser:
        q = commands.add_parser(name, help=text)
        if org:
            q.add_argument("--org", required=True, help="organisation name")
        q.add_argument("--lang", choices=LANGUAGES, default="nl", help="language (default nl)")
        q.add_argument("--framework", default=DEFAULT_FRAMEWORK_ID, help="framework id")
        store_option(q)
        q.set_defaults(func=cmd_actions)
        return q

    def fields(q: argparse.ArgumentParser, *, required: bool) -> None:
        for name, option in _ACTION_OPTIONS:
            q.add_argument(option, dest=name, required=required and name in ("title", "dimension"),
                           help=f"{name.replace('_', ' ')}" + (" (YYYY-MM-DD)" if name.endswith("date") else ""))

    q = base("list", "the plan, by due date; overdue actions are marked")
    q.add_argument("--status", action="append", choices=("planned", "in_progress", "done", "dropped"))
    q.add_argument("--owner", help="part of the owner's name or role")
    q.add_argument("--dimension", action="append", help="dimension id (repeat for more)")
    q.add_argument("--overdue", action="store_true", help="only overdue actions")
    q.add_argument("--json", action="store_true", help="print as JSON")
    q = base("add", "add an action (to the newest saved wave unless --wave)")
    fields(q, required=True)
    q.add_argument("--wave", help="the wave the action is planned in")
    q = base("update", "change an action; --version is the version you based the change on", org=False)
    q.add_argument("id", type=int, help="action id (see `actions list`)")
    q.add_argument("--version", dest="based_on", type=int, required=True, help="the version you saw")
    fields(q, required=False)
    q = base("export", "write the plan as .xlsx, .csv or .ics (by the file's suffix)")
    q.add_argument("-o", "--output", required=True, help="output file")
    q = base("import", "read an edited .xlsx or .csv plan: all rows or none")
    q.add_argument("file", help="the plan file")
    q.add_argument("--wave", help="the wave new rows are planned in (default: the newest saved wave)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m omni",
                                     description="Omnichannel maturity: templates, demo data, scoring.")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser, framework_default: str | None = DEFAULT_FRAMEWORK_ID) -> None:
        p.add_argument("--lang", choices=LANGUAGES, default="nl", help="language (default nl)")
        p.add_argument("--framework", default=framework_default,
                       help=f"framework id (default {framework_default or 'as in the file'})")

    p = sub.add_parser("template", help="write a blank survey workbook")
    common(p)
    p.add_argument("--layout", choices=("respondent", "respondents"), default="respondent",
                   help="one respondent per workbook (default) or one row per respondent")
    p.add_argument("-o", "--output", required=True, help="the .xlsx file to write")
    p.set_defaults(func=cmd_template)

    p = sub.add_parser("demo-survey", help="write a filled survey of a fictional retailer")
    common(p)
    p.add_argument("-o", "--output", required=True, help=".xlsx file (or folder with --per-respondent)")
    p.add_argument("--respondents", type=int, default=10, help="number of respondents (default 10)")
    p.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    p.add_argument("--per-respondent", action="store_true", help="one template file per respondent")
    p.set_defaults(func=cmd_demo_survey)

    p = sub.add_parser("forms", help="write the survey as a Google Forms script or a Microsoft Forms document")
    common(p)
    p.add_argument("--tool", choices=TOOLS, required=True,
                   help="google: an Apps Script (.gs) that builds the form; microsoft: a Word document for "
                        "Quick import (.docx), or the questions as plain text when FILE ends in .txt")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    p.set_defaults(func=cmd_forms)
    def keep_duplicates_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--keep-duplicates", action="store_true",
                       help="count every submission; by default a person who submitted twice (same e-mail, else "
                            "same name) counts once, with the latest response, and the dropped rows are listed")
        p.add_argument("--mapping", help="YAML file saying what columns hold (header -> {question: ID, field: "
                                         "current|target|comment} / {fact: NAME} / ignored), over the automatic "
                                         "matching; --mapping-out writes one to start from")

    p = sub.add_parser("score", help="score one organisation's survey file(s)")
    common(p, framework_default=None)
    p.add_argument("files", nargs="+", help="filled survey workbook(s) of one organisation")
    p.add_argument("--json", action="store_true", help="print the assessment as JSON")
    p.add_argument("--max-problems", type=int, default=20, help="problems to list (default 20)")
    keep_duplicates_option(p)
    p.add_argument("--mapping-out", help="write how the columns were read as a mapping file (YAML) to correct")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("export", help="write the board deck, the Excel and PDF reports and chart images")
    common(p, framework_default=None)
    p.add_argument("files", nargs="+", help="filled survey workbook(s) of one organisation")
    p.add_argument("--pptx", help="board deck to write (.pptx)")
    p.add_argument("--xlsx", help="Excel report to write (.xlsx)")
    p.add_argument("--pdf", help="PDF management report to write (.pdf)")
    p.add_argument("--charts", help="folder to write every chart into")
    p.add_argument("--format", choices=("png", "svg", "pdf"), default="png", help="chart format (default png)")
    p.add_argument("--template", help="corporate PowerPoint template (.pptx or .potx)")
    p.add_argument("--logo", help="logo image for every slide (PNG or JPEG)")
    p.add_argument("--accent", default="1F4E79", help="accent colour as hex, e.g. 1F4E79")
    p.add_argument("--wave", default="", help="wave label on the title slide, e.g. 'Autumn 2026'")
    p.add_argument("--chart-images", action="store_true", help="charts in the deck as images, not editable")
    p.add_argument("--database", help="SQLAlchemy database URL for the benchmark and the saved waves (default: "
                                      "OMNI_DATABASE_URL, secrets, else SQLite in OMNI_DATA_DIR)")
    p.add_argument("--org", help="the organisation's name for its saved waves and its own peer exclusion "
                                 "(default: as in the file)")
    p.add_argument("--no-store", action="store_true", help="leave out the benchmark and the trend over waves")
    keep_duplicates_option(p)
    p.set_defaults(func=cmd_export)

    def store_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--database", help="SQLAlchemy database URL (default: OMNI_DATABASE_URL, secrets, "
                                          "else SQLite in OMNI_DATA_DIR)")

    p = sub.add_parser("peers", help="the peer set: demo data, import, review")
    peers = p.add_subparsers(dest="peers_command", required=True)
    q = peers.add_parser("demo", help="write a synthetic demo peer set (CSV or XLSX)")
    common(q)
    q.add_argument("-o", "--output", required=True, help=".csv or .xlsx file to write")
    q.add_argument("--n", type=int, default=600, help="number of organisations (default 600)")
    q.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    q.set_defaults(func=cmd_peers)
    q = peers.add_parser("import", help="load a peer set (CSV/XLSX), validated like a survey upload")
    common(q)
    store_option(q)
    q.add_argument("file", help="the peer file")
    q.add_argument("--set", help="name of the peer set (default: the file name)")
    q.add_argument("--replace", action="store_true", help="replace a peer set of the same name")
    q.add_argument("--pending", action="store_true", help="import for review: entries count only once approved")
    q.add_argument("--max-problems", type=int, default=50, help="problems to list (default 50)")
    q.set_defaults(func=cmd_peers)
    for name, text in (("list", "the peer sets with their counts"), ("pending", "entries waiting for approval")):
        q = peers.add_parser(name, help=text)
        q.add_argument("--lang", choices=LANGUAGES, default="nl", help="language (default nl)")
        store_option(q)
        q.set_defaults(func=cmd_peers)
    for name, text in (("approve", "approve entries: only approved entries count as peers"),
                       ("reject", "reject entries")):
        q = peers.add_parser(name, help=text)
        q.add_argument("ids", nargs="+", type=int, help="entry ids (see `peers pending`)")
        q.add_argument("--lang", choices=LANGUAGES, default="nl", help="language (default nl)")
        store_option(q)
        q.set_defaults(func=cmd_peers)

    p = sub.add_parser("benchmark", help="compare one organisation's survey with a peer group")
    common(p, framework_default=None)
    store_option(p)
    p.add_argument("files", nargs="+", help="filled survey workbook(s) of one organisation")
    p.add_argument("--sector", help="peer group: this sector (code or label)")
    p.add_argument("--size", help="peer group: this size band (code or label)")
    p.add_argument("--channel-model", help="peer group: this channel model (code or label)")
    p.add_argument("--years", choices=("recent", "all"), default="recent",
                   help="the 3 years up to the survey's year (default) or all years")
    p.add_argument("--org", help="the stored organisation left out of its own peer group (default: the stored "
                                 "organisation with the file's name, if any)")
    p.add_argument("--json", action="store_true", help="print the benchmark as JSON")
    p.set_defaults(func=cmd_benchmark)

    p = sub.add_parser("save", help="save an organisation's assessment as a wave (a new version each time)")
    common(p, framework_default=None)
    store_option(p)
    p.add_argument("files", nargs="+", help="filled survey workbook(s) of one organisation")
    p.add_argument("--org", help="organisation name (default: as in the file)")
    p.add_argument("--wave", required=True, help="wave label, e.g. 2026")
    p.add_argument("--date", help="wave date YYYY-MM-DD (default: the respondents' latest date)")
    p.add_argument("--country", default="NL", help="country (default NL)")
    p.add_argument("--contribute", action="store_true",
                   help="the organisation opts in: offer this wave, anonymised, to the peer set (for approval)")
    p.set_defaults(func=cmd_save)

    p = sub.add_parser("history", help="an organisation's saved waves and progress to target")
    p.add_argument("organisation", help="organisation name")
    p.add_argument("--lang", choices=LANGUAGES, default="nl", help="language (default nl)")
    p.add_argument("--json", action="store_true", help="print the history as JSON")
    store_option(p)
    p.set_defaults(func=cmd_history)

    p = sub.add_parser("store", help="database maintenance")
    stores = p.add_subparsers(dest="store_command", required=True)
    q = stores.add_parser("protect-audit", help="PostgreSQL: make the audit log append-only for the app's own role "
                                                "(run once by the operator, after each upgrade)")
    store_option(q)
    q.add_argument("--admin-url", required=True, help="a superuser's URL for the same database")
    q.add_argument("--app-role", help="the role the app connects as (default: the user in --database)")
    q.set_defaults(func=cmd_store_protect_audit)

    p = sub.add_parser("round", help="survey rounds answered in the browser: open, status, close")
    rounds = p.add_subparsers(dest="round_command", required=True)
    q = rounds.add_parser("open", help="open a round and print its shareable link")
    common(q)
    store_option(q)
    q.add_argument("--org", required=True, help="organisation name")
    q.add_argument("--wave", required=True, help="wave label, e.g. 2026")
    q.add_argument("--languages", default="nl,en", help="languages respondents may choose (default nl,en)")
    q.add_argument("--closes", help="closing date YYYY-MM-DD (end of day, UTC); default: until closed")
    q.add_argument("--qr", help="also write the link as a QR code (PNG) to this file")
    q.add_argument("--json", action="store_true", help="print the round and its link as JSON")
    q.set_defaults(func=cmd_round)
    for name, text in (("status", "how many responded, by role (never anyone's answers)"),
                       ("close", "close the round: the link stops accepting answers")):
        q = rounds.add_parser(name, help=text)
        q.add_argument("id", type=int, help="round id (printed by `round open`)")
        q.add_argument("--lang", choices=LANGUAGES, default="nl", help="language (default nl)")
        q.add_argument("--json", action="store_true", help="print as JSON")
        store_option(q)
        q.set_defaults(func=cmd_round)
    _add_actions_parser(sub, store_option)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "respondents", 1) is not None and getattr(args, "respondents", 1) < 1:
        parser.error("--respondents must be at least 1")
    try:
        return args.func(args)
    except (InputError, FrameworkError, MinGroupError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INPUT
