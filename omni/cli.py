"""`python -m omni ...`: the same domain functions the app calls, for scripted use.

Exit status: 0 on success, 2 on input that cannot be used (with the problems printed), never a
traceback for bad input.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

from omni.demo import demo_respondents
from omni.framework import DEFAULT_FRAMEWORK_ID, FrameworkError, builtin_frameworks, get_framework
from omni.i18n import LANGUAGES, t
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


def _fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.{digits}f}"


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
        lines.append(f"{fw.dimension(row.dimension).name(lang):<{name_width}}{_fmt(row.current):>9}"
                     f"{_fmt(row.target):>9}{_fmt(row.gap):>7}  {level:<28}{_fmt(row.std):>9}{row.n:>4}")
    o = assessment.overall
    level = f"{o.level} {fw.level(o.level).name(lang)}" if o.level else "–"
    lines += ["-" * len(head),
              f"{t('cli.overall', lang):<{name_width}}{_fmt(o.current):>9}{_fmt(o.target):>9}"
              f"{_fmt(o.gap):>7}  {level:<28}"]
    return "\n".join(lines)


def cmd_score(args: argparse.Namespace) -> int:
    framework = _framework(args.framework) if args.framework else None
    survey = read_survey(args.files, framework)
    if not survey.ok:
        print(t("cli.cannot_score", args.lang, n=len(survey.errors)), file=sys.stderr)
        for problem in survey.problems:
            print("  " + problem.describe(args.lang), file=sys.stderr)
        if args.json:
            print(json.dumps({"problems": [p.to_dict() for p in survey.problems]}, ensure_ascii=False, indent=2))
        return EXIT_INPUT
    assessment = score(survey)
    if args.json:
        print(json.dumps(assessment.to_dict(args.lang), ensure_ascii=False, indent=2))
    else:
        print(format_assessment(assessment, args.lang))
        if survey.problems:
            print(f"\n{t('cli.problems', args.lang)} ({len(survey.problems)}):")
            for problem in survey.problems[: args.max_problems]:
                print("  " + problem.describe(args.lang))
            if len(survey.problems) > args.max_problems:
                print(f"  … +{len(survey.problems) - args.max_problems}")
    return EXIT_OK


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

    p = sub.add_parser("score", help="score one organisation's survey file(s)")
    common(p, framework_default=None)
    p.add_argument("files", nargs="+", help="filled survey workbook(s) of one organisation")
    p.add_argument("--json", action="store_true", help="print the assessment as JSON")
    p.add_argument("--max-problems", type=int, default=20, help="problems to list (default 20)")
    p.set_defaults(func=cmd_score)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "respondents", 1) is not None and getattr(args, "respondents", 1) < 1:
        parser.error("--respondents must be at least 1")
    try:
        return args.func(args)
    except (InputError, FrameworkError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INPUT
