"""`unit`: an organisation's units (omni.store.units): list, add, rename, remove, and what the
organisation calls them (omni.unit_admin). The CLI acts as the system (every organisation), audited."""

from __future__ import annotations

import argparse
import json

from omni.cli.common import EXIT_OK, add_language, add_store_option, refusals_as_input_errors
from omni.i18n import t


def register(sub) -> None:
    p = sub.add_parser("unit", help="the units of a group (brands, countries, regions): list, add, rename, remove, label")
    units = p.add_subparsers(dest="unit_command", required=True)

    def base(name: str, text: str, func) -> argparse.ArgumentParser:
        q = units.add_parser(name, help=text)
        q.add_argument("--org", required=True, help="organisation name")
        add_language(q)
        add_store_option(q)
        q.set_defaults(func=func)
        return q

    q = base("list", "the organisation's units, what refers to each, and what they are called", cmd_unit_list)
    q.add_argument("--json", action="store_true", help="print as JSON")
    base("add", "add a unit", cmd_unit_add).add_argument("name", help="the unit's name")
    q = base("rename", "rename a unit (respondents who named it in saved waves and rounds follow)", cmd_unit_rename)
    q.add_argument("name", help="the unit's current name")
    q.add_argument("new_name", help="its new name")
    base("remove", "remove a unit nothing refers to", cmd_unit_remove).add_argument("name", help="the unit's name")
    q = base("label", "what the organisation calls its units (Merk, Land, Regio, Cluster/Clusters; '' for 'unit')",
             cmd_unit_label)
    q.add_argument("label", nargs="?", help="the word; leave out to print the current one")


def _list(engine, org: str, lang: str) -> dict[str, object]:
    from omni.store.units import list_units, unit_label, unit_uses
    from omni.unit_admin import UnitWord

    word = UnitWord(unit_label(engine, org))
    rows = []
    for unit in list_units(engine, org):
        uses = unit_uses(engine, org, unit.name)
        rows.append({"name": unit.name, "waves": uses.waves, "rounds": uses.rounds, "respondents": uses.respondents})
    return {"organisation": org, "label": word.label, "called": {"one": word.one(lang), "many": word.many(lang)},
            "units": rows}


def _show(args: argparse.Namespace, engine) -> int:
    data = _list(engine, args.org, args.lang)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(t("unitadmin.cli_list", args.lang, organisation=args.org, units=data["called"]["many"]))
    if not data["units"]:
        print("  " + t("unitadmin.none", args.lang))
    for row in data["units"]:
        print(f"  {row['name']}  ({t('unitadmin.col.waves', args.lang)} {row['waves']}, "
              f"{t('unitadmin.col.rounds', args.lang)} {row['rounds']}, "
              f"{t('unitadmin.col.respondents', args.lang)} {row['respondents']})")
    return EXIT_OK


def _add(args: argparse.Namespace, engine) -> int:
    from omni.store.units import add_unit

    print(t("unitadmin.added", args.lang, unit=add_unit(engine, args.org, args.name).name))
    return EXIT_OK


def _rename(args: argparse.Namespace, engine) -> int:
    from omni.store.units import rename_unit

    renamed, uses = rename_unit(engine, args.org, args.name, args.new_name)
    print(t("unitadmin.renamed", args.lang, old=args.name, new=renamed.name, respondents=uses.respondents))
    return EXIT_OK


def _remove(args: argparse.Namespace, engine) -> int:
    from omni.store.units import remove_unit

    print(t("unitadmin.removed", args.lang, unit=remove_unit(engine, args.org, args.name).name))
    return EXIT_OK


def _label(args: argparse.Namespace, engine) -> int:
    from omni.store.units import set_unit_label, unit_label
    from omni.unit_admin import UnitWord, clean_label

    if args.label is not None:
        set_unit_label(engine, args.org, clean_label(args.label))
        print(t("unitadmin.label_saved", args.lang, units=UnitWord(unit_label(engine, args.org)).many(args.lang)))
    else:
        print(UnitWord(unit_label(engine, args.org)).many(args.lang))
    return EXIT_OK


cmd_unit_list = refusals_as_input_errors(_show, with_store=True)
cmd_unit_add = refusals_as_input_errors(_add, with_store=True)
cmd_unit_rename = refusals_as_input_errors(_rename, with_store=True)
cmd_unit_remove = refusals_as_input_errors(_remove, with_store=True)
cmd_unit_label = refusals_as_input_errors(_label, with_store=True)
