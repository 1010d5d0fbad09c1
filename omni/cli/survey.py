"""Survey files: the blank template, a demo survey, the online-forms versions, and scoring files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from omni.cli.common import EXIT_INPUT, EXIT_OK, add_common, add_reading_options, load_framework, read_files
from omni.demo import demo_respondents
from omni.dimension_view import dont_know_text
from omni.format import number
from omni.forms import TOOLS, form_bytes
from omni.i18n import t
from omni.insights import dont_know_finding
from omni.scoring import Assessment, score
from omni.template import write_workbook


def register(sub) -> None:
    p = sub.add_parser("template", help="write a blank survey workbook")
    add_common(p)
    p.add_argument("--layout", choices=("respondent", "respondents"), default="respondent",
                   help="one respondent per workbook (default) or one row per respondent")
    p.add_argument("-o", "--output", required=True, help="the .xlsx file to write")
    p.set_defaults(func=cmd_template)

    p = sub.add_parser("demo-survey", help="write a filled survey of a fictional retailer")
    add_common(p)
    p.add_argument("-o", "--output", required=True, help=".xlsx file (or folder with --per-respondent)")
    p.add_argument("--respondents", type=int, default=10, help="number of respondents (default 10)")
    p.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    p.add_argument("--per-respondent", action="store_true", help="one template file per respondent")
    p.set_defaults(func=cmd_demo_survey)

    p = sub.add_parser("forms", help="write the survey as a Google Forms script or a Microsoft Forms document")
    add_common(p)
    p.add_argument("--tool", choices=TOOLS, required=True,
                   help="google: an Apps Script (.gs) that builds the form; microsoft: a Word document for "
                        "Quick import (.docx), or the questions as plain text when FILE ends in .txt")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    p.set_defaults(func=cmd_forms)

    p = sub.add_parser("score", help="score one organisation's survey file(s)")
    add_common(p, framework_default=None)
    p.add_argument("files", nargs="+", help="filled survey workbook(s) of one organisation")
    p.add_argument("--json", action="store_true", help="print the assessment as JSON")
    p.add_argument("--max-problems", type=int, default=20, help="problems to list (default 20)")
    add_reading_options(p)
    p.add_argument("--mapping-out", help="write how the columns were read as a mapping file (YAML) to correct")
    p.set_defaults(func=cmd_score)


def cmd_template(args: argparse.Namespace) -> int:
    framework = load_framework(args.framework)
    write_workbook(args.output, framework, args.lang, args.layout)
    print(t("cli.written", args.lang, path=args.output))
    return EXIT_OK


def cmd_demo_survey(args: argparse.Namespace) -> int:
    framework = load_framework(args.framework)
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
    framework = load_framework(args.framework)
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
            f"{t('col.gap', lang):>7}  {t('col.level', lang):<28}{t('col.spread', lang):>9}{'n':>4}")
    lines += [head, "-" * len(head)]
    for row in assessment.dimension_scores.itertuples():
        # a level column with an unscored dimension holds NaN there (and floats elsewhere)
        known = bool(row.level) and row.level == row.level
        level = f"{int(row.level)} {fw.level(int(row.level)).name(lang)}" if known else t("score.insufficient", lang)
        lines.append(f"{fw.dimension(row.dimension).name(lang):<{name_width}}{number(row.current, lang):>9}"
                     f"{number(row.target, lang):>9}{number(row.gap, lang):>7}  {level:<28}{number(row.std, lang):>9}{row.n:>4}")
    o = assessment.overall
    level = f"{o.level} {fw.level(o.level).name(lang)}" if o.level else "–"
    lines += ["-" * len(head),
              f"{t('col.overall', lang):<{name_width}}{number(o.current, lang):>9}{number(o.target, lang):>9}"
              f"{number(o.gap, lang):>7}  {level:<28}"]
    unknown = [f"  {fw.dimension(r.dimension).name(lang)}: "
               f"{dont_know_text(int(r.n_dk), int(r.n_answers), lang, int(r.n_dk_target))}"
               for r in assessment.dimension_scores.itertuples() if r.n_dk or r.n_dk_target]
    if unknown:
        lines += ["", f"{t('dontknow.col', lang)}:", *unknown]
    if finding := dont_know_finding(assessment, lang):
        lines += ["", finding.text]
    return "\n".join(lines)


def cmd_score(args: argparse.Namespace) -> int:
    survey = read_files(args)
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
