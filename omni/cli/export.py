"""`export`: the board deck, the Excel and PDF reports and chart images, with the stored extras."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from omni.cli.common import (
    EXIT_INPUT,
    EXIT_OK,
    InputError,
    add_common,
    add_reading_options,
    open_store,
    scored,
)
from omni.i18n import t
from omni.palette import ACCENT, bare
from omni.scoring import Assessment


def register(sub) -> None:
    p = sub.add_parser("export", help="write the board deck, the Excel and PDF reports and chart images")
    add_common(p, framework_default=None)
    p.add_argument("files", nargs="+", help="filled survey workbook(s) of one organisation")
    p.add_argument("--pptx", help="board deck to write (.pptx)")
    p.add_argument("--xlsx", help="Excel report to write (.xlsx)")
    p.add_argument("--pdf", help="PDF management report to write (.pdf)")
    p.add_argument("--charts", help="folder to write every chart into")
    p.add_argument("--format", choices=("png", "svg", "pdf"), default="png", help="chart format (default png)")
    p.add_argument("--template", help="corporate PowerPoint template (.pptx or .potx)")
    p.add_argument("--logo", help="logo image for every slide (PNG or JPEG)")
    p.add_argument("--accent", default=bare(ACCENT), help="accent colour as hex, e.g. 1F4E79")
    p.add_argument("--wave", default="", help="wave label on the title slide, e.g. 'Autumn 2026'")
    p.add_argument("--chart-images", action="store_true", help="charts in the deck as images, not editable")
    p.add_argument("--database", help="SQLAlchemy database URL for the benchmark and the saved waves (default: "
                                      "OMNI_DATABASE_URL, secrets, else SQLite in OMNI_DATA_DIR)")
    p.add_argument("--org", help="the organisation's name for its saved waves and its own peer exclusion "
                                 "(default: as in the file)")
    p.add_argument("--unit-label", help="what the organisation calls its units in the deck and report: Merk, "
                                        "Land, Regio, Cluster/Clusters (default: as saved for the organisation, "
                                        "else 'unit')")
    p.add_argument("--no-store", action="store_true", help="leave out the benchmark and the trend over waves")
    add_reading_options(p)
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from omni.export.brand import check_logo, check_template
    from omni.export.deck import DeckOptions, TemplateError, build_deck
    from omni.export.images import chart_catalogue, chart_image
    from omni.export.pdf_report import build_pdf
    from omni.export.report import build_report
    from omni.unit_admin import clean_label

    if not (args.pptx or args.xlsx or args.pdf or args.charts):
        raise InputError("nothing to export: give --pptx, --xlsx, --pdf and/or --charts")
    if not re.fullmatch(r"#?[0-9A-Fa-f]{6}", args.accent):
        raise InputError(f"--accent must be a hex colour such as 1F4E79, not {args.accent!r}")
    assessment = scored(args)
    if assessment is None:
        return EXIT_INPUT
    bench, history, actions, stored_label = (_export_extras(args, assessment) if (args.pptx or args.xlsx or args.pdf)
                                             and not args.no_store else (None, None, None, ""))
    units_called = clean_label(args.unit_label) if args.unit_label is not None else stored_label
    if args.pptx:
        options = DeckOptions(charts_as_images=args.chart_images, accent=args.accent.lstrip("#"), wave=args.wave,
                              unit_label=units_called)
        if args.template:
            options.template, options.template_name = _brand_file(args.template, check_template, args.lang), \
                Path(args.template).name
        if args.logo:
            options.logo = _brand_file(args.logo, check_logo, args.lang)
        try:
            Path(args.pptx).write_bytes(build_deck(assessment, args.lang, options, benchmark=bench, history=history,
                                                   actions=actions))
        except TemplateError as exc:
            raise InputError(str(exc)) from None
        print(t("cli.written", args.lang, path=args.pptx))
    if args.xlsx:
        Path(args.xlsx).write_bytes(build_report(assessment, args.lang, benchmark=bench, history=history,
                                                 actions=actions, unit_label=units_called))
        print(t("cli.written", args.lang, path=args.xlsx))
    if args.pdf:
        Path(args.pdf).write_bytes(build_pdf(assessment, args.lang, benchmark=bench, history=history,
                                             actions=actions))
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
    """The benchmark, the history and the action plan for the export, from the store as `benchmark`,
    `history` and `actions` get them (the default peer group, else the nearest broader one with enough
    peers); a part without
    enough data is left out with a note, and so are both when the configured store cannot be opened
    (a --database that cannot be used is an error)."""
    from omni.benchmark import MIN_PEERS
    from omni.export.action_data import actions_label
    from omni.export.extras import synthetic_label
    from omni.services import export_extras

    lang = args.lang
    try:
        engine = open_store(args)
    except InputError as exc:
        if args.database:  # asked for explicitly: an error, not a note
            raise
        print(t("export.cli_no_store", lang, reason=exc), file=sys.stderr)
        return None, None, None, ""
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
        print(t("export.cli_trend", lang, n=len(history.waves), organisation=history.title(lang)))
    else:
        print(t("export.cli_no_trend", lang, reason=t(extras.trend_missing, lang, minimum=MIN_PEERS,
                                                      organisation=extras.organisation)))
    if extras.actions is not None:
        print(t("export.cli_actions", lang, what=actions_label(extras.actions, lang)))
    else:
        print(t("export.cli_no_actions", lang, reason=t(extras.actions_missing, lang, minimum=MIN_PEERS,
                                                        organisation=extras.organisation)))
    return bench, history, extras.actions, _stored_unit_label(engine, extras.organisation)


def _stored_unit_label(engine, organisation: str) -> str:
    """What the organisation calls its units (omni.store.units), "" when it is not saved."""
    from omni.store import StoreError
    from omni.store.units import unit_label

    try:
        return unit_label(engine, organisation) if organisation.strip() else ""
    except StoreError:
        return ""
