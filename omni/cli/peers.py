"""`peers` (the peer set: demo data, import, review) and `benchmark` (one organisation against a peer group)."""

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
    load_framework,
    open_store,
    scored,
    vocabulary_code,
)
from omni.i18n import t


def register(sub) -> None:
    p = sub.add_parser("peers", help="the peer set: demo data, import, review")
    peers = p.add_subparsers(dest="peers_command", required=True)
    q = peers.add_parser("demo", help="write a synthetic demo peer set (CSV or XLSX)")
    add_common(q)
    q.add_argument("-o", "--output", required=True, help=".csv or .xlsx file to write")
    q.add_argument("--n", type=int, default=600, help="number of organisations (default 600)")
    q.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    q.set_defaults(func=cmd_peers_demo)
    q = peers.add_parser("import", help="load a peer set (CSV/XLSX), validated like a survey upload")
    add_common(q)
    add_store_option(q)
    q.add_argument("file", help="the peer file")
    q.add_argument("--set", help="name of the peer set (default: the file name)")
    q.add_argument("--replace", action="store_true", help="replace a peer set of the same name")
    q.add_argument("--pending", action="store_true", help="import for review: entries count only once approved")
    q.add_argument("--max-problems", type=int, default=50, help="problems to list (default 50)")
    q.set_defaults(func=cmd_peers_import)
    for name, text, func in (("list", "the peer sets with their counts", cmd_peers_list),
                             ("pending", "entries waiting for approval", cmd_peers_pending)):
        q = peers.add_parser(name, help=text)
        add_language(q)
        add_store_option(q)
        q.set_defaults(func=func)
    for name, text in (("approve", "approve entries: only approved entries count as peers"),
                       ("reject", "reject entries")):
        q = peers.add_parser(name, help=text)
        q.add_argument("ids", nargs="+", type=int, help="entry ids (see `peers pending`)")
        add_language(q)
        add_store_option(q)
        q.set_defaults(func=cmd_peers_review)

    p = sub.add_parser("benchmark", help="compare one organisation's survey with a peer group")
    add_common(p, framework_default=None)
    add_store_option(p)
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


def cmd_peers_demo(args: argparse.Namespace) -> int:
    from omni.peers import demo_peers, write_peer_file

    if args.n < 1:
        raise InputError("--n must be at least 1")
    frame = demo_peers(load_framework(args.framework), n=args.n, seed=args.seed)
    write_peer_file(frame, args.output)
    print(t("cli.written", args.lang, path=args.output))
    print(t("peers.cli_demo_written", args.lang, n=args.n, rows=len(frame)))
    return EXIT_OK


def cmd_peers_import(args: argparse.Namespace) -> int:
    from omni.peers import import_peers, read_peer_file

    peer_file = read_peer_file(args.file, load_framework(args.framework))
    for problem in peer_file.problems[: args.max_problems]:
        print("  " + problem.describe(args.lang), file=sys.stderr)
    if not peer_file.ok:
        print(t("peers.cli_not_imported", args.lang, n=len(peer_file.errors)), file=sys.stderr)
        return EXIT_INPUT
    engine = open_store(args)
    name = args.set or Path(args.file).stem
    try:
        count = import_peers(engine, peer_file, peer_set=name, replace=args.replace,
                             status="pending" if args.pending else "approved")
    except ValueError as exc:
        raise InputError(str(exc)) from None
    print(t("peers.cli_imported", args.lang, n=count, peer_set=name))
    return EXIT_OK


def cmd_peers_list(args: argparse.Namespace) -> int:
    from omni.store.peer_entries import peer_sets

    print(peer_sets(open_store(args)).to_string(index=False))
    return EXIT_OK


def cmd_peers_pending(args: argparse.Namespace) -> int:
    from omni.store.peer_entries import entries_with_status

    pending = entries_with_status(open_store(args), "pending")
    print(pending.to_string(index=False) if len(pending) else t("peers.cli_none_pending", args.lang))
    return EXIT_OK


def cmd_peers_review(args: argparse.Namespace) -> int:
    """`peers approve` / `peers reject`."""
    from omni.store import StoreError
    from omni.store.peer_entries import set_status

    engine = open_store(args)
    try:
        changed = set_status(engine, args.ids, "approved" if args.peers_command == "approve" else "rejected")
    except StoreError as exc:
        raise InputError(exc.message(args.lang)) from None
    print(t(f"peers.cli_{args.peers_command}d", args.lang, n=changed))
    return EXIT_OK


def cmd_benchmark(args: argparse.Namespace) -> int:
    from omni.benchmark import MIN_PEERS, default_group, first_sufficient, format_benchmark, group_for

    assessment = scored(args)
    if assessment is None:
        return EXIT_INPUT
    chosen = {"sector": vocabulary_code("sector", args.sector), "size_band": vocabulary_code("size_band", args.size),
              "channel_model": vocabulary_code("channel_model", args.channel_model)}
    if any(chosen.values()):
        group = group_for(assessment, **chosen, years=args.years)
    else:
        group = default_group(assessment, years=args.years)
    engine = open_store(args)
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
