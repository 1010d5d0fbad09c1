"""`actions`: the action plan (omni.action_plan): list, add, update, export, import."""

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
    load_framework,
    open_store,
    refusals_as_input_errors,
)
from omni.framework import DEFAULT_FRAMEWORK_ID
from omni.i18n import t

_ACTION_OPTIONS = (("title", "--title"), ("dimension", "--dimension"), ("questions", "--questions"),
                   ("target_level", "--level"), ("owner_name", "--owner"), ("owner_role", "--role"),
                   ("start_date", "--start"), ("due_date", "--due"), ("status", "--status"), ("notes", "--notes"))


def register(sub) -> None:
    p = sub.add_parser("actions", help="the action plan: list, add, update, export, import")
    commands = p.add_subparsers(dest="actions_command", required=True)

    def base(name: str, text: str, func, *, org: bool = True) -> argparse.ArgumentParser:
        q = commands.add_parser(name, help=text)
        if org:
            q.add_argument("--org", required=True, help="organisation name")
        add_language(q)
        q.add_argument("--framework", default=DEFAULT_FRAMEWORK_ID, help="framework id")
        add_store_option(q)
        q.set_defaults(func=refusals_as_input_errors(func))
        return q

    def fields(q: argparse.ArgumentParser, *, required: bool) -> None:
        for name, option in _ACTION_OPTIONS:
            q.add_argument(option, dest=name, required=required and name in ("title", "dimension"),
                           help=f"{name.replace('_', ' ')}" + (" (YYYY-MM-DD)" if name.endswith("date") else ""))

    q = base("list", "the plan, by due date; overdue actions are marked", cmd_actions_list)
    q.add_argument("--status", action="append", choices=("planned", "in_progress", "done", "dropped"))
    q.add_argument("--owner", help="part of the owner's name or role")
    q.add_argument("--dimension", action="append", help="dimension id (repeat for more)")
    q.add_argument("--overdue", action="store_true", help="only overdue actions")
    q.add_argument("--json", action="store_true", help="print as JSON")
    q = base("add", "add an action (to the newest saved wave unless --wave)", cmd_actions_add)
    fields(q, required=True)
    q.add_argument("--wave", help="the wave the action is planned in")
    q = base("update", "change an action; --version is the version you based the change on", cmd_actions_update,
             org=False)
    q.add_argument("id", type=int, help="action id (see `actions list`)")
    q.add_argument("--version", dest="based_on", type=int, required=True, help="the version you saw")
    fields(q, required=False)
    q = base("export", "write the plan as .xlsx, .csv or .ics (by the file's suffix)", cmd_actions_export)
    q.add_argument("-o", "--output", required=True, help="output file")
    q = base("import", "read an edited .xlsx or .csv plan: all rows or none", cmd_actions_import)
    q.add_argument("file", help="the plan file")
    q.add_argument("--wave", help="the wave new rows are planned in (default: the newest saved wave)")


def _given(args: argparse.Namespace) -> dict[str, object]:
    return {name: getattr(args, name) for name, _ in _ACTION_OPTIONS if getattr(args, name, None) is not None}


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


def cmd_actions_list(args: argparse.Namespace) -> int:
    from omni.action_plan import plan

    found = plan(open_store(args, demo_peers=False), args.org, status=args.status, owner=args.owner or "",
                 dimension=args.dimension, overdue_only=args.overdue)
    if args.json:
        print(json.dumps([_action_dict(a) for a in found], ensure_ascii=False, indent=2))
    else:
        print("\n".join(_action_line(a, args.lang) for a in found) or t("actions.empty", args.lang))
    return EXIT_OK


def cmd_actions_add(args: argparse.Namespace) -> int:
    from omni.action_plan import add_action

    action = add_action(open_store(args, demo_peers=False), args.org, _given(args), wave=args.wave,
                        framework=load_framework(args.framework))
    print(_action_line(action, args.lang))
    return EXIT_OK


def cmd_actions_update(args: argparse.Namespace) -> int:
    from omni.action_plan import change_action

    action = change_action(open_store(args, demo_peers=False), args.id, _given(args), based_on=args.based_on)
    print(_action_line(action, args.lang))
    return EXIT_OK


def cmd_actions_export(args: argparse.Namespace) -> int:
    from omni.action_files import plan_to_csv, plan_to_ics, plan_to_xlsx
    from omni.action_plan import plan

    writer = {".xlsx": plan_to_xlsx, ".csv": plan_to_csv, ".ics": plan_to_ics}.get(Path(args.output).suffix)
    if writer is None:
        raise InputError(f"{args.output}: expected .xlsx, .csv or .ics")
    engine = open_store(args, demo_peers=False)
    Path(args.output).write_bytes(writer(plan(engine, args.org), load_framework(args.framework), args.lang))
    print(t("cli.written", args.lang, path=args.output))
    return EXIT_OK


def cmd_actions_import(args: argparse.Namespace) -> int:
    from omni.action_plan import import_plan

    path = Path(args.file)
    outcome = import_plan(open_store(args, demo_peers=False), args.org, path.name, path.read_bytes(),
                          wave=args.wave, framework=load_framework(args.framework))
    if not outcome.ok:
        messages = outcome.messages(args.lang)
        print(t("actions.import_failed", args.lang, n=len(messages)), file=sys.stderr)
        for message in messages:
            print(f"  {message}", file=sys.stderr)
        return EXIT_INPUT
    print(t("actions.imported", args.lang, added=outcome.added, changed=outcome.changed))
    return EXIT_OK
