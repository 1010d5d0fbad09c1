"""`mapping list|show|delete`: the column mappings saved for one's organisations (omni.store.mappings)."""

from __future__ import annotations

import argparse
import json

from omni.cli.common import EXIT_OK, add_language, add_store_option, refusals_as_input_errors
from omni.i18n import t


def register(sub) -> None:
    p = sub.add_parser("mapping", help="saved column mappings: list, show, delete")
    commands = p.add_subparsers(dest="mapping_command", required=True)
    for name, text, func in (("list", "the saved mappings (of one organisation with --org), newest first",
                              cmd_mapping_list),
                             ("show", "a saved mapping as the YAML file `score --mapping` takes", cmd_mapping_show),
                             ("delete", "delete a saved mapping (audited)", cmd_mapping_delete)):
        q = commands.add_parser(name, help=text)
        q.add_argument("--org", required=name != "list", help="organisation name")
        if name != "list":
            q.add_argument("name", help="the mapping's name (see `mapping list`)")
        add_language(q)
        if name == "list":
            q.add_argument("--json", action="store_true", help="print as JSON")
        add_store_option(q)
        q.set_defaults(func=refusals_as_input_errors(func, with_store=True))


def cmd_mapping_list(args: argparse.Namespace, engine) -> int:
    from omni.store.mappings import list_mappings

    found = list_mappings(engine, organisation=args.org)
    if args.json:
        print(json.dumps([{"organisation": m.organisation, "name": m.name, "columns": len(m.rules),
                           "updated_at": m.updated_at.isoformat(), "updated_by": m.updated_by}
                          for m in found], ensure_ascii=False, indent=2))
    else:
        print("\n".join(t("savedmaps.cli_line", args.lang, organisation=m.organisation, name=m.name,
                           columns=len(m.rules), updated=m.updated_at.strftime("%Y-%m-%d %H:%M"),
                           by=m.updated_by or "–") for m in found) or t("savedmaps.cli_empty", args.lang))
    return EXIT_OK


def cmd_mapping_show(args: argparse.Namespace, engine) -> int:
    from omni.store.mappings import get_mapping
    from omni.survey.mapping import dump_mapping

    print(dump_mapping(get_mapping(engine, args.org, args.name).rules), end="")
    return EXIT_OK


def cmd_mapping_delete(args: argparse.Namespace, engine) -> int:
    from omni.store.mappings import delete_mapping

    gone = delete_mapping(engine, args.org, args.name)
    print(t("savedmaps.cli_deleted", args.lang, name=gone.name, organisation=gone.organisation))
    return EXIT_OK
