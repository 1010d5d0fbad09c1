"""`python -m omni ...`: the same domain functions the app calls, for scripted use.

One module per group of subcommands, one small function per subcommand; each module's `register`
adds its subcommands to the parser. Exit status: 0 on success, 2 on input that cannot be used (with
the problems printed), 1 on a fault of ours (one line; the traceback only with OMNI_DEBUG=1): never a
traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from omni.cli import actions, export, mapping, peers, rounds, store, survey, units, waves
from omni.cli.common import EXIT_INPUT, InputError
from omni.confidentiality import MinGroupError
from omni.framework import FrameworkError

EXIT_FAULT = 1
GROUPS = (survey, export, peers, waves, store, rounds, actions, mapping, units)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m omni",
                                     description="Omnichannel maturity: templates, demo data, scoring.")
    sub = parser.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.register(sub)
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
    except Exception as exc:  # a fault of ours: one line and where to look, never a stack trace
        if os.environ.get("OMNI_DEBUG"):
            raise
        print(f"error: something went wrong inside omni ({type(exc).__name__}). "
              "Run the command again with OMNI_DEBUG=1 to see the details, and report them.",
              file=sys.stderr)
        return EXIT_FAULT
