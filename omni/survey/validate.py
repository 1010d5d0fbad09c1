"""Judging raw cells from any format: scores, problems with cell references, the tidy tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter

from omni.framework import DEFAULT_FRAMEWORK_ID, Framework, builtin_frameworks, get_framework
from omni.survey.cells import display_value, parse_scores
from omni.survey.model import (
    ANSWER_COLUMNS,
    ERROR,
    FACT_FIELDS,
    RESPONDENT_COLUMNS,
    WARNING,
    Problem,
    Survey,
    empty_answers,
)
from omni.survey.workbook import COMMENT, CURRENT, TARGET, RawSurvey

MAX_COMMENT = 2000


def cell_ref(row: int, col: int) -> str:
    """A 0-based row/column as an Excel reference such as E14 ("" when not from a sheet)."""
    if row < 0 or col < 0:
        return ""
    return f"{get_column_letter(col + 1)}{row + 1}"


def choose_framework(raws: list[RawSurvey], framework: Framework | None,
                     problems: list[Problem]) -> Framework | None:
    """The framework the files were made for (or the one asked for), reporting conflicts."""
    frameworks = builtin_frameworks()
    found = {r.framework_id for r in raws if r.framework_id}
    if framework is not None:
        for r in raws:
            if r.framework_id and r.framework_id != framework.id:
                problems.append(Problem.make(ERROR, "problem.framework_mismatch", file=r.file,
                                             found=r.framework_id, expected=framework.id))
    elif len(found) > 1:
        problems.append(Problem.make(ERROR, "problem.mixed_frameworks", found=", ".join(sorted(found))))
        return None
    elif found:
        (fid,) = found
        if fid not in frameworks:
            problems.append(Problem.make(ERROR, "problem.unknown_framework", file=raws[0].file, value=fid))
            return None
        framework = frameworks[fid]
    else:
        framework = frameworks[DEFAULT_FRAMEWORK_ID]
    for r in raws:
        if r.framework_id == framework.id and r.framework_version not in (None, framework.version):
            problems.append(Problem.make(WARNING, "problem.framework_version", file=r.file,
                                         found=r.framework_version, expected=framework.version))
    return framework


def build_survey(raws: list[RawSurvey], framework: Framework | None = None) -> Survey:
    """Validate what the format readers found and assemble one organisation's Survey."""
    problems: list[Problem] = [p for r in raws for p in r.problems]
    chosen = choose_framework(raws, framework, problems)
    if chosen is None:
        return Survey(get_framework(), empty_answers(), _respondents_frame([]), tuple(problems))

    respondents: list[dict[str, object]] = []
    ids: dict[tuple[int, str], str] = {}
    for index, raw in enumerate(raws):
        for facts in raw.respondents:
            rid = f"R{len(respondents) + 1:02d}"
            ids[(index, str(facts["key"]))] = rid
            respondents.append({"respondent": rid, **{f: facts.get(f, "") for f in FACT_FIELDS},
                                "source": facts.get("source", raw.file)})
    if not respondents:
        if not any(p.is_error for p in problems):
            problems.append(Problem.make(ERROR, "problem.no_respondents",
                                         file=", ".join(r.file for r in raws)))
        return Survey(chosen, empty_answers(), _respondents_frame([]), tuple(problems))

    cells = pd.DataFrame(
        [(ids[(i, key)], qid, fld, value, raw.file, sheet, row, col)
         for i, raw in enumerate(raws) for key, qid, fld, value, sheet, row, col in raw.cells],
        columns=["respondent", "question", "field", "value", "file", "sheet", "row", "col"],
    )
    known = cells["question"].map(chosen.has_question).astype(bool)
    _report_unknown(cells.loc[~known], problems)
    cells = cells.loc[known]
    answers = _answers_table(cells, chosen, respondents, problems)
    given = (answers[["current", "target"]].notna().any(axis=1)
             | answers["current_na"] | answers["target_na"]).groupby(answers["respondent"]).any()
    silent = set(given.index[~given])
    if len(silent) == len(respondents):
        if not any(p.is_error for p in problems):
            problems.append(Problem.make(ERROR, "problem.no_answers", file=", ".join(r.file for r in raws)))
    elif silent:
        for r in respondents:
            if r["respondent"] in silent:
                problems.append(Problem.make(WARNING, "problem.respondent_empty", file=str(r["source"]),
                                             respondent=r["respondent"]))
        respondents = [r for r in respondents if r["respondent"] not in silent]
        answers = answers.loc[~answers["respondent"].isin(silent)].reset_index(drop=True)
    return Survey(chosen, answers, _respondents_frame(respondents), tuple(problems))


def _respondents_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(RESPONDENT_COLUMNS)).astype("object")


def _report_unknown(cells: pd.DataFrame, problems: list[Problem]) -> None:
    for (file, sheet, qid), group in cells.groupby(["file", "sheet", "question"], sort=False):
        first = group.iloc[0]
        problems.append(Problem.make(WARNING, "problem.unknown_question", file=file, sheet=sheet,
                                     cell=cell_ref(int(first["row"]), int(first["col"])), value=qid))


def _answers_table(cells: pd.DataFrame, framework: Framework, respondents: list[dict[str, object]],
                   problems: list[Problem]) -> pd.DataFrame:
    scores = cells.loc[cells["field"].isin([CURRENT, TARGET])]
    parsed = parse_scores(scores["value"].tolist())
    scores = scores.assign(
        score=[p.value for p in parsed], na=[p.na for p in parsed],
        blank=[p.blank for p in parsed], bad=[p.bad for p in parsed],
    )
    for rec in scores.loc[scores["bad"]].itertuples():
        problems.append(Problem.make(ERROR, "problem.not_a_score", file=rec.file, sheet=rec.sheet,
                                     cell=cell_ref(rec.row, rec.col), value=display_value(rec.value)))
    # A respondent who answered nothing gets one message (in build_survey), not one per cell.
    given = scores.loc[~scores["blank"]].groupby("respondent").size()
    silent = [r["respondent"] for r in respondents if given.get(r["respondent"], 0) == 0]
    for rec in scores.loc[scores["blank"] & ~scores["respondent"].isin(silent)].itertuples():
        problems.append(Problem.make(WARNING, "problem.unanswered", file=rec.file, sheet=rec.sheet,
                                     cell=cell_ref(rec.row, rec.col), question=rec.question,
                                     field=f"field.{rec.field}"))
    duplicated = scores.duplicated(["respondent", "question", "field"], keep="first")
    for rec in scores.loc[duplicated & (scores["field"] == CURRENT)].itertuples():
        problems.append(Problem.make(ERROR, "problem.duplicate_question", file=rec.file,
                                     sheet=rec.sheet, cell=cell_ref(rec.row, rec.col),
                                     question=rec.question))
    scores = scores.loc[~duplicated]

    # Every respondent gets a row for every question of the framework, answered or not.
    grid = pd.MultiIndex.from_product(
        [[r["respondent"] for r in respondents], [q.id for q in framework.questions]],
        names=["respondent", "question"])
    wide = scores.pivot(index=["respondent", "question"], columns="field", values=["score", "na"])
    table = pd.DataFrame(index=grid)
    for fld in (CURRENT, TARGET):
        table[fld] = wide[("score", fld)].reindex(grid).astype("float64") if ("score", fld) in wide else np.nan
        table[f"{fld}_na"] = (wide[("na", fld)].reindex(grid).fillna(False).astype(bool)
                              if ("na", fld) in wide else False)
    comments = cells.loc[cells["field"] == COMMENT].drop_duplicates(["respondent", "question"])
    comment_text = comments.set_index(["respondent", "question"])["value"].map(_comment_text)
    for rec in comments.loc[comments["value"].map(lambda v: isinstance(v, str) and len(v) > MAX_COMMENT)].itertuples():
        problems.append(Problem.make(WARNING, "problem.text_too_long", file=rec.file, sheet=rec.sheet,
                                     cell=cell_ref(rec.row, rec.col), limit=MAX_COMMENT))
    table["comment"] = comment_text.reindex(grid).fillna("").astype("object")
    table = table.reset_index()
    dimension_of = {q.id: q.dimension for q in framework.questions}
    table["dimension"] = table["question"].map(dimension_of)

    _report_missing(cells, framework, problems)
    below = scores.pivot_table(index=["respondent", "question"], columns="field", values="score",
                               aggfunc="first")
    if CURRENT in below and TARGET in below:
        lower = below.loc[below[TARGET] < below[CURRENT]]
        where = scores.loc[scores["field"] == TARGET].set_index(["respondent", "question"])
        for (rid, qid), rec in lower.iterrows():
            at = where.loc[(rid, qid)]
            problems.append(Problem.make(WARNING, "problem.target_below_current", file=at["file"],
                                         sheet=at["sheet"], cell=cell_ref(int(at["row"]), int(at["col"])),
                                         question=qid, current=int(rec[CURRENT]), target=int(rec[TARGET])))
    return table.loc[:, list(ANSWER_COLUMNS)]


def _report_missing(cells: pd.DataFrame, framework: Framework, problems: list[Problem]) -> None:
    present = cells.groupby(["file", "sheet"])["question"].agg(set)
    for (file, sheet), found in present.items():
        for q in framework.questions:
            if q.id not in found:
                problems.append(Problem.make(WARNING, "problem.missing_question", file=file,
                                             sheet=sheet, question=q.id))


def _comment_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\u00a0", " ").strip()
    text = "".join(ch for ch in text if ch in "\n\t" or ch.isprintable())
    return text[:MAX_COMMENT]
