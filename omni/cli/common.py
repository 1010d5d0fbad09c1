"""What every subcommand shares: exit codes, input errors, common options, reading files, the store."""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

from omni.framework import DEFAULT_FRAMEWORK_ID, builtin_frameworks, get_framework
from omni.i18n import LANGUAGES, t
from omni.scoring import Assessment, score
from omni.survey import read_survey

EXIT_OK, EXIT_INPUT = 0, 2


class InputError(Exception):
    """Bad input from the user: printed as a message, exit status 2."""


def load_framework(framework_id: str):
    try:
        return get_framework(framework_id)
    except KeyError:
        raise InputError(f"unknown framework {framework_id!r}; available: "
                         f"{', '.join(builtin_frameworks())}") from None


def add_language(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=LANGUAGES, default="nl", help="language (default nl)")


def add_common(p: argparse.ArgumentParser, framework_default: str | None = DEFAULT_FRAMEWORK_ID) -> None:
    """--lang and --framework."""
    add_language(p)
    p.add_argument("--framework", default=framework_default,
                   help=f"framework id (default {framework_default or 'as in the file'})")


def add_store_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--database", help="SQLAlchemy database URL (default: OMNI_DATABASE_URL, secrets, "
                                      "else SQLite in OMNI_DATA_DIR)")


def add_reading_options(p: argparse.ArgumentParser) -> None:
    """How the survey files are read: resubmissions and a column mapping."""
    p.add_argument("--keep-duplicates", action="store_true",
                   help="count every submission; by default a person who submitted twice (same e-mail, else "
                        "same name) counts once, with the latest response, and the dropped rows are listed")
    p.add_argument("--mapping", help="YAML file saying what columns hold (header -> {question: ID, field: "
                                     "current|target|comment} / {fact: NAME} / ignored), over the automatic "
                                     "matching; --mapping-out writes one to start from")


def mapping_rules(args: argparse.Namespace) -> tuple:
    """The --mapping file's rules (none without the option); InputError when it cannot be used."""
    from omni.survey.mapping import MappingError, load_mapping

    path = getattr(args, "mapping", None)
    if not path:
        return ()
    try:
        return load_mapping(path)
    except MappingError as exc:
        raise InputError(str(exc)) from None


def write_mapping(args: argparse.Namespace, survey) -> None:
    """--mapping-out: how the columns were read, as a mapping file to correct and pass back."""
    from omni.survey.mapping import dump_mapping, mapping_from_column_map

    if getattr(args, "mapping_out", None):
        try:
            Path(args.mapping_out).write_text(dump_mapping(mapping_from_column_map(survey.column_map)),
                                              encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot write {args.mapping_out}: {exc.strerror or type(exc).__name__}") from None


def read_files(args: argparse.Namespace):
    """The survey in the files (--mapping-out written when asked); when it cannot be scored, why, on stderr."""
    framework = load_framework(args.framework) if args.framework else None
    survey = read_survey(args.files, framework, keep_duplicates=getattr(args, "keep_duplicates", False),
                         mapping=mapping_rules(args))
    write_mapping(args, survey)
    if not survey.ok:
        print(t("cli.cannot_score", args.lang, n=len(survey.errors)), file=sys.stderr)
        for problem in survey.problems:
            print("  " + problem.describe(args.lang), file=sys.stderr)
    return survey


def scored(args: argparse.Namespace) -> Assessment | None:
    survey = read_files(args)
    return score(survey) if survey.ok else None


def open_store(args: argparse.Namespace, *, demo_peers: bool = True):
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


def vocabulary_code(field: str, value: str | None) -> str | None:
    from omni.attributes import VOCABULARIES, to_code

    if value is None:
        return None
    code = to_code(field, value)
    choices = [c.code for c in VOCABULARIES[field]]
    if code not in choices:
        raise InputError(f"unknown {field} {value!r}; use one of: {', '.join(choices)}")
    return code


def closing_date(value: str | None):
    import datetime as dt

    from omni.rounds import closes_at_end_of

    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--closes must be a date YYYY-MM-DD, not {value!r}") from None
    return closes_at_end_of(day)


def refusals_as_input_errors(run, *, with_store: bool = False):
    """`run(args)` with a refusal the domain or the store says in words (any TranslatedError: a round,
    store, plan or list error) turned into an input error in the user's language. `with_store`:
    `run(args, engine)` on the configured store, disposed afterwards."""
    @functools.wraps(run)
    def wrapped(args: argparse.Namespace) -> int:
        from omni.i18n import TranslatedError

        engine = open_store(args, demo_peers=False) if with_store else None
        try:
            return run(args, engine) if with_store else run(args)
        except TranslatedError as exc:
            raise InputError(exc.message(args.lang)) from None
        finally:
            if engine is not None:
                engine.dispose()
    return wrapped
