"""The PDF management report: a document to send ahead of the meeting, typeset with Typst.

Cover, executive summary, the radar (the screen's own chart, as SVG), scores per dimension, per
dimension what the team answered (the anchored option text of the rounded mean) and its comments,
the roadmap with advice, the benchmark, the trend and the action plan when given, and the method; Dutch
or English.

Safety: every text (organisation, comments, framework texts, labels) is passed to Typst as JSON in
`sys.inputs` and placed as a string value by the template (pdf_report.typ), so nothing a user typed
is ever read as Typst markup or code. Numbers and dates are formatted here, through omni.format.
Typst embeds the fonts it uses; no office suite is needed.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import typst

from omni.benchmark import Benchmark, written_comparison
from omni.charts import radar_chart
from omni.confidentiality import breakdown, configured_min_group
from omni.export.action_data import (
    OVERDUE_COLOUR,
    OVERDUE_FILL,
    STATUS_COLOURS,
    VERDICT_COLOURS,
    ActionExport,
    action_rows,
    change_text,
    has_actions,
    plan_message,
    review_findings,
    review_message,
    reviewed,
    verdict_label,
)
from omni.export.extras import benchmark_rows, has_benchmark, has_trend, synthetic_label, trend
from omni.export.images import chart_image
from omni.export.text import clean_text
from omni.format import date, integer, is_missing, number, percent
from omni.history import History
from omni.i18n import t
from omni.insights import headline_findings
from omni.level_view import level_lines
from omni.palette import (
    ACCENT,
    FONT_FAMILY,
    GRID_COLOUR,
    LIGHT_FILL,
    MUTED_TEXT,
    TEXT_COLOUR,
    WARNING_FILL,
    WARNING_TEXT,
)
from omni.roadmap import build_roadmap
from omni.scoring import Assessment, agreement_of
from omni.units import assessment_title

TEMPLATE = Path(__file__).with_name("pdf_report.typ")
MAX_COMMENTS = 40  # per dimension; the Excel report holds every one
_BOLD_LEAD = re.compile(r"^\*\*(.+?)\*\*\s*(.*)$", re.S)
_SVG_SIZE = re.compile(r'^(<svg\b[^>]*?)\swidth="([\d.]+)"\sheight="([\d.]+)"\sviewBox="0 0 [\d.]+ [\d.]+"')
SVG_MARGIN = 48  # px each side: the chart's labels are laid out for Arial; the PDF's font may be wider


@cache
def _template() -> bytes:
    return TEMPLATE.read_bytes()


def _text(value: object) -> str:
    """User text made safe to show: control characters removed, bounded (omni.export.text)."""
    return "" if is_missing(value) else clean_text(value)


def padded_svg(svg: str, margin: float = SVG_MARGIN) -> str:
    """The SVG with `margin` of room on the left and right, so labels set in a wider font than the one
    Vega laid them out for are not cut off at the edge. Unchanged if its size is not the plain form."""
    found = _SVG_SIZE.match(svg)
    if not found:
        return svg
    width, height = float(found[2]), float(found[3])
    return (f'{found[1]} width="{width + 2 * margin:g}" height="{height:g}" '
            f'viewBox="{-margin:g} 0 {width + 2 * margin:g} {height:g}"' + svg[found.end():])


def rounded_level(mean: float) -> int | None:
    """The answer option (1-5) nearest to a mean, halves rounded up (2.5 -> 3); None for no mean."""
    if is_missing(mean):
        return None
    return int(min(5, max(1, math.floor(float(mean) + 0.5))))


def _labels(lang: str) -> dict[str, str]:
    keys = ("pdf.title", "pdf.summary", "pdf.findings", "pdf.priorities", "pdf.no_priorities", "pdf.scores",
            "pdf.radar_alt", "pdf.answers", "pdf.answers_intro", "pdf.comments", "pdf.no_comments", "pdf.roadmap",
            "pdf.benchmark", "pdf.trend", "pdf.method", "pdf.page")
    return {**{k.removeprefix("pdf."): t(k, lang) for k in keys},
            "advice_scope": t("roadmap.advice_scope", lang)}  # the advice is one step for the whole dimension


def _scores(assessment: Assessment, lang: str) -> dict[str, object]:
    fw = assessment.framework
    header = [t("col.dimension", lang), t("col.current", lang), t("col.target", lang), t("col.gap", lang),
              t("col.level", lang), t("col.spread", lang), t("dimensions.agreement", lang), "n"]
    rows = [[fw.dimension(r.dimension).name(lang), number(r.current, lang), number(r.target, lang),
             number(r.gap, lang), fw.level(int(r.level)).name(lang) if not is_missing(r.level) else "–",
             number(r.std, lang), t(f"agreement.{r.agreement}", lang), integer(r.n, lang)]
            for r in assessment.dimension_scores.itertuples()]
    o = assessment.overall
    rows.append([t("col.overall", lang), number(o.current, lang), number(o.target, lang), number(o.gap, lang),
                 fw.level(o.level).name(lang) if o.level else "–", "", "", integer(assessment.respondent_count, lang)])
    return {"header": header, "rows": rows}


def _dimensions(assessment: Assessment, lang: str) -> list[dict[str, object]]:
    """Per dimension: per question its text, the option text of the rounded mean, the mean and the
    agreement; then the comments given on its questions."""
    fw = assessment.framework
    questions = assessment.question_scores.set_index("question")
    dim_scores = assessment.dimension_scores.set_index("dimension")
    answers = assessment.survey.answers
    commented = answers.loc[answers["comment"].fillna("").astype(str).str.strip() != ""]
    lines = {line.dimension: line for line in level_lines(assessment, lang)}
    out = []
    for dim in fw.dimensions:
        rows = []
        for q in dim.questions:
            s = questions.loc[q.id]
            level = rounded_level(s["current"])
            option = f"{level}. {q.option(level)(lang)}" if level else "–"
            rows.append([q.text(lang), option, number(s["current"], lang),
                         t(f"agreement.{agreement_of(s['std'], int(s['n']))}", lang) if level else "–"])
        ids = {q.id for q in dim.questions}
        mine = commented.loc[commented["question"].isin(ids)]
        comments = [{"question": q, "text": _text(c)} for q, c in zip(mine["question"], mine["comment"])]
        d = dim_scores.loc[dim.id]
        summary = t("report.overall", lang, current=number(d["current"], lang), target=number(d["target"], lang),
                    gap=number(d["gap"], lang), n=int(d["n"]),
                    level=fw.level(int(d["level"])).name(lang) if not is_missing(d["level"]) else "–")
        summary = summary.split(":", 1)[1].strip()  # without the leading "Overall:"
        more = len(comments) - MAX_COMMENTS
        line = lines.get(dim.id)
        described = [t("levels.now", lang, text=line.descriptor)] if line and line.descriptor else []
        if line and line.next_descriptor:
            described.append(t("levels.next", lang, level=line.level + 1, text=line.next_descriptor))
        out.append({"name": dim.name(lang), "summary": summary, "levels": [_text(x) for x in described],
                    "questions": rows,
                    "comments": comments[:MAX_COMMENTS], "more": t("pdf.more_comments", lang, n=more) if more > 0 else ""})
    return out


def _breakdown(assessment: Assessment, lang: str, min_group: int) -> dict[str, object]:
    """Current score per role, only for roles and cells of at least `min_group` respondents
    (omni.confidentiality), with the threshold and the note on what was merged or left out."""
    fw = assessment.framework
    dims = [d.id for d in fw.dimensions]
    safe = breakdown(assessment, "role", min_group)
    cells = safe.table.set_index(["role", "dimension"])["current"]
    rows = [[safe.label(g, lang), *[number(cells.get((g, d), math.nan), lang, 1) for d in dims], integer(size, lang)]
            for g, size in safe.sizes.items()]
    return {"title": t("dimensions.by_role", lang),
            "header": [t("fact.role", lang), *[fw.dimension(d).name(lang) for d in dims], "n"], "rows": rows,
            "threshold": t("groups.threshold", lang, n=min_group), "note": safe.note(lang)}


def _roadmap(assessment: Assessment, lang: str, target_overrides: Mapping[str, float] | None):
    fw = assessment.framework
    plan = build_roadmap(assessment, target_overrides)
    items = [{"title": f"{t(f'roadmap.phase.{i.phase}', lang)}: {fw.dimension(i.dimension).name(lang)}",
              "scores": f"{t('col.current', lang)} {number(i.current, lang)} · {t('col.target', lang)} "
                        f"{number(i.target, lang)} · {t('col.gap', lang)} {number(i.gap, lang)} · "
                        f"{t('report.priority', lang)} {number(i.priority, lang)}",
              "advice": [step(lang) for step in i.advice]}
             for i in plan.items]
    return plan, items


def _benchmark(assessment: Assessment, lang: str, bench: Benchmark) -> dict[str, object]:
    rows = [[r.name, number(r.score, lang), integer(r.percentile, lang), number(r.p25, lang), number(r.median, lang),
             number(r.p75, lang), str(r.n)] for r in benchmark_rows(bench, assessment.framework, lang).itertuples()]
    return {"group": f"{t('benchmark.group', lang)}: {bench.group.describe(lang)} · n = {bench.n_label}",
            "synthetic": synthetic_label(bench, lang),
            "header": [t("col.dimension", lang), t("deck.bench_yours", lang), t("benchmark.col_percentile", lang),
                       "P25", t("benchmark.col_median", lang), "P75", "n"],
            "rows": rows, "sentences": list(written_comparison(bench, assessment.framework, lang))}


def _trend(history: History, lang: str) -> dict[str, object]:
    """One row per dimension (overall first), one column per wave, then the share of the gap closed."""
    found = trend(history, lang)
    closed = {r.name: r.share_closed for r in found.progress.itertuples()} if len(found.progress) else {}
    # A wave's label over its date, each on a line of its own: "2024 (1 maart" / "2024)" broke mid-phrase.
    header = [t("col.dimension", lang), *[_text(w) for w in found.waves], t("history.share_closed", lang)]
    dates = ["", *[date(dt.date.fromisoformat(d), lang) for d in found.dates], ""]
    rows = [[name, *[number(v, lang) for v in values], percent(closed.get(name), lang)]
            for _d, name, values in found.series]
    return {"header": header, "dates": dates, "rows": rows, "note": _text(found.version_note or "")}


def _actions(found: ActionExport, assessment: Assessment, lang: str) -> dict[str, object]:
    """The action plan (numbered by due date, as in the deck) with status by colour and name, and what the
    actions did at the next wave when one is saved (projected versus realised, the board's findings)."""
    fw = assessment.framework
    rows = [{"number": str(r.number), "title": _text(r.fields.title), "dimension": r.dimension,
             "owner": _text(r.action.owner) or "–",
             "due": r.fields.due_date.isoformat() if r.fields.due_date else "–",
             "overdue": t("deckact.overdue_days", lang, n=r.overdue_days) if r.overdue_days else "",
             "status": r.status(lang), "colour": "#" + STATUS_COLOURS.get(r.fields.status, "666666")}
            for r in action_rows(found, fw, lang)]
    review = None
    if reviewed(found):
        names = {d.id: d.name(lang) for d in fw.dimensions}
        review = {
            "heading": t("deckact.review_kicker", lang), "message": review_message(found, lang),
            "findings": review_findings(found, lang, limit=5000),
            "header": [t("actions.col.title", lang), t("actions.col.dimension", lang),
                       t("actions.review_col.waves", lang), t("actions.review_col.dimension_change", lang),
                       t("actions.review_col.questions_change", lang), t("actions.review_col.level", lang),
                       t("actions.review_col.verdict", lang)],
            "rows": [{"cells": [_text(r.action.fields.title), names.get(r.action.fields.dimension, ""),
                                f"{_text(r.action.wave)} → {_text(r.after_wave)}",
                                change_text(r.dimension.before, r.dimension.after, lang),
                                ", ".join(f"{q.subject} {change_text(q.before, q.after, lang)}" for q in r.questions)
                                or "–",
                                f"{r.action.fields.target_level or '–'} / {r.level_after or '–'}"],
                      "verdict": verdict_label(r, lang), "colour": "#" + VERDICT_COLOURS[r.verdict]}
                     for r in reviewed(found)]}
    return {"heading": t("deckact.plan_kicker", lang), "message": plan_message(found, fw, lang),
            "header": ["#", t("actions.col.title", lang), t("actions.col.dimension", lang),
                       t("actions.col.owner_name", lang), t("actions.col.due_date", lang),
                       t("actions.col.status", lang)],
            "rows": rows, "overdue_fill": "#" + OVERDUE_FILL, "overdue_text": "#" + OVERDUE_COLOUR,
            "review": review}


def _method(fw, lang: str) -> list[dict[str, str]]:
    paragraphs = []
    for part in t("method.text", lang).split("\n\n"):
        found = _BOLD_LEAD.match(part.strip())
        paragraphs.append({"lead": found[1], "text": found[2]} if found else {"lead": "", "text": part.strip()})
    return paragraphs + [{"lead": "", "text": note} for note in fw.weight_notes(lang)]


def report_data(assessment: Assessment, lang: str, *, benchmark: Benchmark | None = None,
                history: History | None = None, target_overrides: Mapping[str, float] | None = None,
                today: dt.date | None = None, min_group: int | None = None,
                actions: ActionExport | None = None) -> dict[str, object]:
    """Everything the template shows, as JSON-ready strings (numbers and dates already in `lang`);
    the role breakdown shows only roles of at least `min_group` respondents (None: the configuration)."""
    fw, o = assessment.framework, assessment.overall
    plan, roadmap = _roadmap(assessment, lang, target_overrides)
    level = f"{o.level} ({fw.level(o.level).name(lang)})" if o.level else "–"
    return {
        "lang": lang,
        "labels": _labels(lang),
        "organisation": _text(assessment_title(assessment, lang)),  # names the unit of a unit's wave
        "cover": {"framework": t("pdf.framework", lang, name=fw.name(lang), version=fw.version),
                  "date": t("pdf.date", lang, date=date(today or dt.date.today(), lang)),
                  "respondents": t("pdf.respondents", lang, n=integer(assessment.respondent_count, lang))},
        "summary": {
            "level": t("deck.summary_level", lang, level=level, current=number(o.current, lang),
                       target=number(o.target, lang), gap=number(o.gap, lang), n=assessment.respondent_count),
            "findings": [f.text for f in headline_findings(assessment, lang)],
            "priorities": [fw.dimension(i.dimension).name(lang) for i in plan.phase("now")]},
        "scores": _scores(assessment, lang),
        "by_role": _breakdown(assessment, lang, configured_min_group().value if min_group is None else max(1, min_group)),
        "answers_header": [t("col.question", lang), t("pdf.answer", lang), t("pdf.mean", lang),
                           t("dimensions.agreement", lang)],
        "dimensions": _dimensions(assessment, lang),
        "roadmap": roadmap,
        "benchmark": _benchmark(assessment, lang, benchmark) if has_benchmark(benchmark) else None,
        "trend": _trend(history, lang) if has_trend(history) else None,
        "actions": _actions(actions, assessment, lang) if has_actions(actions) else None,
        "method": _method(fw, lang),
        "palette": {"accent": ACCENT, "warning": WARNING_FILL, "warning_text": WARNING_TEXT, "muted": MUTED_TEXT,
                    "text": TEXT_COLOUR, "rule": GRID_COLOUR, "stripe": LIGHT_FILL, "fonts": list(FONT_FAMILY)},
    }


def build_pdf(assessment: Assessment, lang: str, *, benchmark: Benchmark | None = None,
              history: History | None = None, target_overrides: Mapping[str, float] | None = None,
              min_group: int | None = None, actions: ActionExport | None = None) -> bytes:
    """The management report as PDF bytes. The benchmark, the trend and the action plan are shown when
    given with enough peers, waves or actions (fetched by the caller, as for the deck and the Excel report)."""
    data = report_data(assessment, lang, benchmark=benchmark, history=history, target_overrides=target_overrides,
                       min_group=min_group, actions=actions)
    radar = padded_svg(chart_image(radar_chart(assessment, lang), "svg").decode("utf-8"))
    return typst.compile(_template(), format="pdf",
                         sys_inputs={"data": json.dumps(data, ensure_ascii=False), "radar": radar})
