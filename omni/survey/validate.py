"""Judging what the format readers found, for every format alike: one organisation's Survey.

Works on the column-oriented cells of `RawSurvey` (numpy arrays of codes) and builds the tidy
answers table as a respondents x questions grid, so ten thousand respondents are validated
with array operations; only cells that need a message become Python objects.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from omni.attributes import several_choices
from omni.framework import DEFAULT_FRAMEWORK_ID, Framework, builtin_frameworks, get_framework, same_version_of
from omni.i18n import LocalText
from omni.survey.cells import BAD_CODE, BLANK_CODE, DK_CODE, FORMULA_CODE, NA_CODE, classify, display_value
from omni.survey.model import (
    ANSWER_COLUMNS,
    COLUMN_MAP_COLUMNS,
    ERROR,
    FACT_FIELDS,
    RESPONDENT_COLUMNS,
    WARNING,
    Problem,
    Survey,
    cell_ref,
    column_letter,
    empty_answers,
    empty_importance,
)
from omni.survey.raw import SCORE_FIELDS, RawSurvey

__all__ = ["build_survey", "cell_ref", "choose_framework", "column_map_frame"]


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
        problems.append(Problem.make(ERROR, "problem.mixed_frameworks", found=_files_per(
            {fid: [r.file for r in raws if r.framework_id == fid] for fid in found})))
        return None
    elif found:
        (fid,) = found
        if fid not in frameworks:
            problems.append(Problem.make(ERROR, "problem.unknown_framework", file=raws[0].file, value=fid))
            return None
        framework = frameworks[fid]
    else:
        framework = frameworks.get(DEFAULT_FRAMEWORK_ID) or get_framework()
    # Files made with an earlier shipped version of this framework are scored against that version.
    versions = {r.framework_version for r in raws if r.framework_id == framework.id and r.framework_version}
    by_version = {v: [r.file for r in raws if r.framework_id == framework.id and r.framework_version == v]
                  for v in versions}
    if len(versions) == 1:
        earlier = same_version_of(framework, next(iter(versions)))
        # a file of this version's questions beside it, asking what the earlier version did not ask (AUD-8):
        # two versions, never scored on the earlier one with those answers dropped
        newer = [r.file for r in raws if r.framework_version is None and r.framework_id in (None, framework.id)
                 and any(framework.has_question(q) and not earlier.has_question(q) for q in r.questions)]
        if earlier.version != framework.version and newer:
            by_version[framework.version] = newer
            versions.add(framework.version)
        else:
            framework = earlier
    if len(versions) > 1:
        problems.append(Problem.make(ERROR, "problem.mixed_framework_versions", found=_files_per(by_version),
                                     framework=framework.id))
        return None
    for r in raws:
        if r.framework_id == framework.id and r.framework_version not in (None, framework.version):
            problems.append(Problem.make(WARNING, "problem.framework_version", file=r.file,
                                         found=r.framework_version, expected=framework.version))
    return framework


def _files_per(files: dict[str, list[str]]) -> str:
    """"2.0: a.xlsx; 2.1: b.xlsx, c.xlsx": which files belong to which framework or version."""
    return "; ".join(f"{key}: {', '.join(names)}" for key, names in sorted(files.items()))


def _question_index(framework: Framework) -> dict[str, int]:
    """Question id (or an earlier id of it) -> position in the framework."""
    positions = {q.id: i for i, q in enumerate(framework.questions)}
    index = {alias: positions[q.id] for q in framework.questions for alias in q.aliases}
    index.update(positions)
    return index


def column_map_frame(raws: list[RawSurvey]) -> pd.DataFrame:
    rows = [row for r in raws for row in r.column_map]
    return pd.DataFrame(rows, columns=list(COLUMN_MAP_COLUMNS)).astype("object")


def _respondents_frame(rows: dict[str, list[object]]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(rows.get(c, []), dtype="object") for c in RESPONDENT_COLUMNS})


def _empty_survey(framework: Framework, problems: list[Problem], column_map: pd.DataFrame) -> Survey:
    return Survey(framework, empty_answers(), _respondents_frame({}), tuple(problems), column_map)


class _Cells:
    """All files' answer cells in one set of arrays, with each cell's file for locations."""

    NAMES = ("file", "local", "respondent", "question", "raw_question", "field", "code", "sheet", "row", "col")

    def __init__(self, raws: list[RawSurvey], framework: Framework, offsets: list[int]) -> None:
        qindex = _question_index(framework)
        parts = []
        self.bad: list[dict[int, str]] = []
        for f, raw in enumerate(raws):
            self.bad.append(raw.bad_values())
            cells = raw.cells()
            n = len(cells["code"])
            if not n:
                continue
            local_q = np.array([qindex.get(q, -1) for q in raw.questions] or [-1], dtype=np.int32)
            parts.append((np.full(n, f, np.int32), np.arange(n, dtype=np.int32),
                          cells["respondent"].astype(np.int64) + offsets[f], local_q[cells["question"]],
                          cells["question"].astype(np.int32), cells["field"], cells["code"], cells["sheet"],
                          cells["row"], cells["col"]))
        if parts:
            for name, column in zip(self.NAMES, zip(*parts)):
                setattr(self, name, column[0] if len(column) == 1 else np.concatenate(column))
        else:
            for name in self.NAMES:
                setattr(self, name, np.zeros(0, np.int64))
        self.raws = raws

    def take(self, mask: np.ndarray) -> None:
        for name in self.NAMES:
            setattr(self, name, getattr(self, name)[mask])

    def where(self, i: int) -> dict[str, str]:
        raw = self.raws[self.file[i]]
        return {"file": raw.file, "sheet": raw.sheets[self.sheet[i]] if raw.sheets else "",
                "cell": cell_ref(int(self.row[i]), int(self.col[i]))}

    def locations(self, indices: np.ndarray) -> list[tuple[str, str, str]]:
        """(file, sheet, cell) of many cells at once."""
        if not indices.size:
            return []
        cols = self.col[indices]
        letters = [column_letter(c) for c in range(int(cols.max()) + 1)] if cols.max() >= 0 else []
        names = [(raw.file, list(raw.sheets)) for raw in self.raws]
        out = []
        for f, s, r, c in zip(self.file[indices].tolist(), self.sheet[indices].tolist(),
                              self.row[indices].tolist(), cols.tolist()):
            file, sheets = names[f]
            out.append((file, sheets[s] if sheets else "", f"{letters[c]}{r + 1}" if r >= 0 and c >= 0 else ""))
        return out


def build_survey(raws: list[RawSurvey], framework: Framework | None = None,
                 problems: list[Problem] | None = None, duplicates: bool = True,
                 keep_duplicates: bool = False) -> Survey:
    """Validate what the format readers found and assemble one organisation's Survey.

    With `duplicates`, respondents read twice are reported, and counted once when the same
    facts and answers come from two different files (a file uploaded again, saved anew); a person
    who submitted twice (same e-mail address, else same name) counts once, with the latest
    response, unless `keep_duplicates` (then both count and the pair is reported)."""
    problems = list(problems or []) + [p for r in raws for p in r.problems]
    column_map = column_map_frame(raws)
    chosen = choose_framework(raws, framework, problems)
    if chosen is None:
        return _empty_survey(get_framework(), problems, column_map)

    counts = [r.respondent_count for r in raws]
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(int).tolist()
    n_resp = offsets[-1]
    if not n_resp:
        if not any(p.is_error for p in problems):
            problems.append(Problem.make(ERROR, "problem.no_respondents", file=", ".join(r.file for r in raws)))
        return _empty_survey(chosen, problems, column_map)
    rids = [f"R{i:02d}" for i in range(1, n_resp + 1)]
    facts = {name: [v for r in raws for v in r.facts.get(name, [""] * r.respondent_count)] for name in FACT_FIELDS}
    sources = [s for r in raws for s in r.sources]
    identities = [s for r in raws for s in (r.identities or [""] * r.respondent_count)]
    times = [s for r in raws for s in (r.times or [""] * r.respondent_count)]

    cells = _Cells(raws, chosen, offsets)
    known = cells.question >= 0
    if not known.all():
        _report_unknown(cells, problems)
        cells.take(known)
    _report_bad(cells, problems)

    nonblank = np.bincount(cells.respondent[cells.code != BLANK_CODE], minlength=n_resp) > 0
    blank_cells = np.flatnonzero((cells.code == BLANK_CODE) & nonblank[cells.respondent])
    params = [[(("question", q.id), ("field", f"field.{f}")) for f in SCORE_FIELDS] for q in chosen.questions]
    problems.extend(Problem.many(WARNING, "problem.unanswered", (
        (params[q][f], file, sheet, cell)
        for q, f, (file, sheet, cell) in zip(cells.question[blank_cells].tolist(), cells.field[blank_cells].tolist(),
                                             cells.locations(blank_cells)))))
    _drop_duplicate_cells(cells, chosen, problems)

    n_q = len(chosen.questions)
    grids = _grids(cells, n_resp, n_q)
    comments = np.full(n_resp * n_q, "", dtype=object)
    qindex = _question_index(chosen)
    for f, raw in enumerate(raws):
        for respondent, qid, text, _, _, _ in raw.comments:
            q = qindex.get(qid)
            if q is not None:
                comments[(offsets[f] + respondent) * n_q + q] = text
    _report_target_below(cells, grids, chosen, problems)
    _report_missing(cells, raws, chosen, problems)

    answered = (~np.isnan(grids["current"]) | ~np.isnan(grids["target"])
                | grids["current_na"] | grids["target_na"]).any(axis=1)
    keep = answered
    if not answered.any():
        if not any(p.is_error for p in problems):
            problems.append(Problem.make(ERROR, "problem.no_answers", file=", ".join(r.file for r in raws)))
    else:
        for i in np.flatnonzero(~answered).tolist():
            problems.append(Problem.make(WARNING, "problem.respondent_empty", file=sources[i], respondent=rids[i]))
        if duplicates:
            file_of = np.repeat(np.arange(len(raws)), counts)
            keep = answered & ~_duplicate_respondents(grids, facts, identities, rids, sources, file_of, answered,
                                                      problems, times, keep_duplicates)

    kept = np.flatnonzero(keep)
    answers = _answers_frame(chosen, [rids[i] for i in kept.tolist()], {
        name: grids[name][kept].ravel() for name in ("current", "target", "current_na", "target_na", "current_dk",
                                                     "target_dk")},
        comments.reshape(n_resp, n_q)[kept].ravel())
    _report_several_roles(facts["role"], rids, sources, [r.file for r in raws for _ in range(r.respondent_count)],
                          kept, problems)
    _report_unscored_dimensions(grids["current"][kept], chosen, ", ".join(r.file for r in raws), problems)
    table = {"respondent": rids, **facts, "source": sources}
    everyone = len(kept) == n_resp  # the usual case: no per-respondent copy of every fact
    respondents = _respondents_frame({k: list(v) if everyone else [v[i] for i in kept.tolist()]
                                      for k, v in table.items()})
    importance = _importance_frame(raws, chosen, offsets, rids, kept, problems)
    _report_same_importance(importance, chosen, dict(zip(rids, sources)), problems)
    return Survey(chosen, answers, respondents, tuple(problems), column_map, importance)


def _report_unscored_dimensions(current: np.ndarray, framework: Framework, files: str,
                                problems: list[Problem]) -> None:
    """A dimension without a single current score while others have them (its columns were not found, or
    nobody answered them): said once per dimension, because the overall index then stands on the others."""
    if not current.size:
        return
    scored = ~np.isnan(current).all(axis=0)  # per question: someone gave a score
    position = _question_index(framework)
    by_dimension = [any(scored[position[q.id]] for q in d.questions) for d in framework.dimensions]
    if all(by_dimension) or not any(by_dimension):
        return
    for dimension, has in zip(framework.dimensions, by_dimension):
        if not has:
            problems.append(Problem.make(WARNING, "problem.dimension_unscored", file=files, dimension=dimension.name,
                                         scored=sum(by_dimension), total=len(by_dimension)))


def _report_several_roles(roles: list[object], rids: list[str], sources: list[str], files: list[str],
                          kept: np.ndarray, problems: list[Problem]) -> None:
    """Respondents who chose more than one role (a Forms question that allows several answers): one
    warning per file, naming the first of them and its row; they form a group of their own by role."""
    found: dict[str, list[int]] = {}
    for i in kept.tolist():
        if isinstance(value := roles[i], str) and several_choices("role", value):
            found.setdefault(files[i], []).append(i)
    for file, where in found.items():
        first = where[0]
        problems.append(Problem.make(WARNING, "problem.several_roles", file=file, n=len(where),
                                     respondent=rids[first], source=sources[first], value=roles[first]))


def _report_same_importance(importance: pd.DataFrame, framework: Framework, source_of: dict[str, str],
                            problems: list[Problem]) -> None:
    """A warning per respondent who gave every dimension the same importance (usually all 5s): the
    rating counts, but it does not tell the priorities apart (the re-review's ceiling risk)."""
    rated = importance.loc[importance["importance"].notna(), ["respondent", "importance"]]
    if rated.empty:
        return
    per = rated.groupby("respondent", sort=False)["importance"].agg(["count", "min", "max"])
    alike = per.loc[(per["count"] == len(framework.dimensions)) & (per["min"] == per["max"])]
    for respondent, row in alike.iterrows():
        problems.append(Problem.make(WARNING, "problem.importance_all_same", file=source_of.get(respondent, ""),
                                     respondent=respondent, value=int(row["min"])))


def _importance_frame(raws: list[RawSurvey], framework: Framework, offsets: list[int], rids: list[str],
                      kept: np.ndarray, problems: list[Problem]) -> pd.DataFrame:
    """Importance per kept respondent and dimension: strict 1-5 or n/a like scores (a bad value is
    an error naming its cell); blank cells give no row; a dimension rated twice counts once (the first).
    Column-wise: only cells with a problem become Python objects."""
    dimensions = [d.id for d in framework.dimensions]
    names = [d.name for d in framework.dimensions]  # each in the reader's language when the problem is shown
    known = {d: i for i, d in enumerate(dimensions)}
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # (respondent index, dimension, code)
    for f, raw in enumerate(raws):
        if raw.importance:
            listed = [(respondent, known[dimension], value, sheet, row, col, formula)
                      for respondent, dimension, value, sheet, row, col, formula in raw.importance
                      if dimension in known]
            codes = classify(np.array([v for _, _, v, _, _, _, _ in listed] + [None], dtype=object)[:-1])
            for i, (_, _, value, sheet, row, col, formula) in enumerate(listed):
                if formula:
                    codes[i] = FORMULA_CODE
                if codes[i] in (BAD_CODE, FORMULA_CODE):
                    _report_importance(problems, int(codes[i]), display_value(value), names[listed[i][1]],
                                       raw.file, sheet, cell_ref(row, col))
            parts.append((np.array([r for r, *_ in listed], dtype=np.int64) + offsets[f],
                          np.array([d for _, d, *_ in listed], dtype=np.int64), codes))
        for block in raw.importance_blocks:
            if block.dimension not in known:
                continue
            for i, shown in sorted(block.shown.items()):
                _report_importance(problems, int(block.codes[i]), shown, names[known[block.dimension]], raw.file,
                                   block.sheet,
                                   cell_ref(int(block.row[i]), block.col))
            parts.append((block.respondent.astype(np.int64) + offsets[f],
                          np.full(len(block.codes), known[block.dimension], dtype=np.int64), block.codes))
    if not parts:
        return empty_importance()
    index, dimension, code = (np.concatenate(column) for column in zip(*parts))
    kept_mask = np.zeros(len(rids), dtype=bool)
    kept_mask[kept] = True
    usable = ((code > 0) | (code == NA_CODE) | (code == DK_CODE)) & kept_mask[index]
    key = index[usable] * len(dimensions) + dimension[usable]
    if not key.size:
        return empty_importance()
    _, first = np.unique(key, return_index=True)  # sorted by respondent, then dimension; the first rating counts
    index, dimension, code = index[usable][first], dimension[usable][first], code[usable][first]
    return pd.DataFrame({
        "respondent": pd.Series(np.array(rids, dtype=object)[index], dtype="object"),
        "dimension": pd.Series(np.array(dimensions, dtype=object)[dimension], dtype="object"),
        "importance": pd.Series(np.where(code > 0, code, np.nan), dtype="float64"),
        "importance_na": pd.Series(code < 0, dtype="bool"),
        "importance_dk": pd.Series(code == DK_CODE, dtype="bool"),
    })


def _report_importance(problems: list[Problem], code: int, shown: str, dimension: LocalText, file: str, sheet: str,
                       cell: str) -> None:
    where = {"file": file, "sheet": sheet, "cell": cell}
    if code == FORMULA_CODE:
        problems.append(Problem.make(ERROR, "problem.formula_answer", value=shown, **where))
    else:
        problems.append(Problem.make(ERROR, "problem.not_an_importance", value=shown, dimension=dimension, **where))


def _answers_frame(framework: Framework, respondents: list[str], scores: dict[str, np.ndarray],
                   comments: np.ndarray) -> pd.DataFrame:
    """The tidy answers table; respondent, question and dimension are categoricals (in
    framework order), which keeps ten thousand respondents light and quick to group."""
    if not respondents:
        return empty_answers()
    n_q = len(framework.questions)
    questions = [q.id for q in framework.questions]
    dimensions = [d.id for d in framework.dimensions]
    dimension_codes = np.array([dimensions.index(q.dimension) for q in framework.questions], dtype=np.int32)
    n = len(respondents)
    def categories(values: list[str]) -> pd.Index:
        return pd.Index(np.array(values, dtype=object), dtype=object)

    frame = pd.DataFrame({
        "respondent": pd.Categorical.from_codes(np.repeat(np.arange(n, dtype=np.int32), n_q),
                                                categories(respondents)),
        "question": pd.Categorical.from_codes(np.tile(np.arange(n_q, dtype=np.int32), n), categories(questions)),
        "dimension": pd.Categorical.from_codes(np.tile(dimension_codes, n), categories(dimensions)),
        **scores,
        "comment": pd.Series(comments, dtype=object),
    })
    return frame.loc[:, list(ANSWER_COLUMNS)]


def _report_unknown(cells: _Cells, problems: list[Problem]) -> None:
    unknown = np.flatnonzero(cells.question < 0)
    if not unknown.size:
        return
    keys = pd.DataFrame({"file": cells.file[unknown], "sheet": cells.sheet[unknown],
                         "q": cells.raw_question[unknown]})
    for i in unknown[~keys.duplicated().to_numpy()].tolist():
        raw = cells.raws[cells.file[i]]
        problems.append(Problem.make(WARNING, "problem.unknown_question", value=raw.questions[cells.raw_question[i]],
                                     **cells.where(i)))


def _report_bad(cells: _Cells, problems: list[Problem]) -> None:
    for i in np.flatnonzero((cells.code == BAD_CODE) | (cells.code == FORMULA_CODE)).tolist():
        shown = cells.bad[cells.file[i]].get(int(cells.local[i]), "")
        key = "problem.formula_answer" if cells.code[i] == FORMULA_CODE else "problem.not_a_score"
        problems.append(Problem.make(ERROR, key, value=shown, **cells.where(i)))


def _drop_duplicate_cells(cells: _Cells, framework: Framework, problems: list[Problem]) -> None:
    """A question answered twice for one respondent (listed twice in a sheet): the first counts."""
    key = (cells.respondent * len(framework.questions) + cells.question) * 2 + cells.field
    if not len(key) or np.bincount(key).max() < 2:  # the usual case, found in linear time
        return
    _, first = np.unique(key, return_index=True)
    duplicated = np.ones(len(key), dtype=bool)
    duplicated[first] = False
    for i in np.flatnonzero(duplicated & (cells.field == 0)).tolist():
        problems.append(Problem.make(ERROR, "problem.duplicate_question",
                                     question=framework.questions[cells.question[i]].id, **cells.where(i)))
    cells.take(~duplicated)


def _grids(cells: _Cells, n_resp: int, n_q: int) -> dict[str, np.ndarray]:
    """Per field: the scores, the n/a flags (and, for target, each cell's index) as
    respondents x questions grids."""
    out: dict[str, np.ndarray] = {}
    for f, name in enumerate(SCORE_FIELDS):
        mine = np.flatnonzero(cells.field == f)
        at = cells.respondent[mine] * n_q + cells.question[mine]
        code = cells.code[mine]
        values = np.full(n_resp * n_q, np.nan)
        values[at] = np.where(code > 0, code, np.nan)
        na = np.zeros(n_resp * n_q, dtype=bool)
        na[at] = (code == NA_CODE) | (code == DK_CODE)
        dk = np.zeros(n_resp * n_q, dtype=bool)
        dk[at] = code == DK_CODE
        out[name], out[f"{name}_na"] = values.reshape(n_resp, n_q), na.reshape(n_resp, n_q)
        out[f"{name}_dk"] = dk.reshape(n_resp, n_q)
        if name == "target":
            where = np.full(n_resp * n_q, -1, dtype=np.int64)
            where[at] = mine
            out["target_cell"] = where.reshape(n_resp, n_q)
    return out


def _report_target_below(cells: _Cells, grids: dict[str, np.ndarray], framework: Framework,
                         problems: list[Problem]) -> None:
    with np.errstate(invalid="ignore"):
        lower = np.argwhere(grids["target"] < grids["current"])
    for r, q in lower.tolist():
        i = int(grids["target_cell"][r, q])
        problems.append(Problem.make(WARNING, "problem.target_below_current", question=framework.questions[q].id,
                                     current=int(grids["current"][r, q]), target=int(grids["target"][r, q]),
                                     **cells.where(i)))


def _report_missing(cells: _Cells, raws: list[RawSurvey], framework: Framework, problems: list[Problem]) -> None:
    """Per file and sheet (in the order first read), the framework's questions it has no column for."""
    if not len(cells.question):
        return
    n_q = len(framework.questions)
    sheets = max(len(r.sheets) for r in raws) or 1
    group = cells.file.astype(np.int64) * sheets + cells.sheet
    # counted, not sorted: one pass over the cells (a single sheet of 10,000 respondents has 700,000)
    seen = np.bincount(group, minlength=1) > 0
    first = np.full(len(seen), len(group), dtype=np.int64)
    if seen.sum() == 1:
        first[np.flatnonzero(seen)] = 0
    else:
        np.minimum.at(first, group, np.arange(len(group)))
    present = (np.bincount(group * n_q + cells.question, minlength=len(seen) * n_q) > 0).reshape(len(seen), n_q)
    for g in np.flatnonzero(seen)[np.argsort(first[seen], kind="stable")].tolist():
        f, s = divmod(g, sheets)
        raw = raws[f]
        for q in np.flatnonzero(~present[g]).tolist():
            problems.append(Problem.make(WARNING, "problem.missing_question", file=raw.file,
                                         sheet=raw.sheets[s] if raw.sheets else "", question=framework.questions[q].id))


# Names that forms tools write for an anonymous response: never the same person.
# Also what people type when a form makes the name required and they would rather not give it.
_ANONYMOUS = frozenset(("anonymous", "anoniem", "anonym", "anonyme", "unknown", "onbekend", "nvt", "n v t", "na",
                        "n a", "none", "geen", "nee", "no", "niet", "niemand", "nobody", "nameless", "zonder naam",
                        "liever niet", "rather not", "prefer not to say", "xxx", "xx", "x"))


def _person_name(value: object) -> str:
    """A respondent's name as it identifies a person ("" for none: an anonymous response, a placeholder
    such as "n.v.t.", "x" or "-", or no letters at all)."""
    name = " ".join(re.sub(r"[^\w]+", " ", str(value or "").casefold()).split())
    return "" if name in _ANONYMOUS or sum(ch.isalpha() for ch in name) < 2 else name


def _duplicate_respondents(grids: dict[str, np.ndarray], facts: dict[str, list[object]], identities: list[str],
                           rids: list[str], sources: list[str], file_of: np.ndarray, answered: np.ndarray,
                           problems: list[Problem], times: list[str] | None = None,
                           keep_duplicates: bool = True) -> np.ndarray:
    """Respondents read twice. The same facts and answers in two files: counted once (the later
    is dropped). Identical rows within one file: reported, both counted (two people may well
    answer alike). The same e-mail address (else the same name) with other answers: a
    resubmission, only the latest counts (completion time or timestamp; without one, the later
    row or file) - or, with `keep_duplicates`, reported and both counted."""
    n = len(rids)
    dropped = np.zeros(n, dtype=bool)
    current = np.where(grids["current_na"], -1, np.nan_to_num(grids["current"], nan=0)).astype(np.int8)
    target = np.where(grids["target_na"], -1, np.nan_to_num(grids["target"], nan=0)).astype(np.int8)
    scores = np.ascontiguousarray(np.hstack([current, target]))
    keys = list(zip([row.tobytes() for row in scores], *(facts[k] for k in FACT_FIELDS if k != "date")))
    first: dict[tuple, int] = {}
    for i in np.flatnonzero(answered).tolist():
        key = keys[i]
        if key not in first:
            first[key] = i
            continue
        other = first[key]
        if file_of[i] != file_of[other]:
            dropped[i] = True
            problems.append(Problem.make(WARNING, "problem.duplicate_respondent_dropped", file=sources[i],
                                         respondent=rids[i], other=rids[other], other_source=sources[other]))
        else:
            problems.append(Problem.make(WARNING, "problem.duplicate_respondent", file=sources[i],
                                         respondent=rids[i], other=rids[other], other_source=sources[other],
                                         reason="field.same_answers"))
    names = facts["name"]
    if keep_duplicates:
        seen: dict[tuple[str, str], int] = {}
        for i in np.flatnonzero(answered & ~dropped).tolist():
            for kind, value in (("field.same_name", _person_name(names[i])),
                                ("field.same_email", identities[i] if i < len(identities) else "")):
                if not value:
                    continue
                if (kind, value) in seen:
                    other = seen[(kind, value)]
                    problems.append(Problem.make(WARNING, "problem.duplicate_respondent", file=sources[i],
                                                 respondent=rids[i], other=rids[other], other_source=sources[other],
                                                 reason=kind))
                    break
                seen[(kind, value)] = i
        return dropped
    people: dict[tuple[str, str], list[int]] = {}
    for i in np.flatnonzero(answered & ~dropped).tolist():
        email = identities[i] if i < len(identities) else ""
        key = ("field.same_email", email) if email else ("field.same_name", _person_name(names[i]))
        if key[1]:
            people.setdefault(key, []).append(i)
    when = times or [""] * n
    for (reason, _), members in people.items():
        if len(members) < 2:
            continue
        latest = max(members, key=lambda i: (when[i], i))
        for i in members:
            if i == latest:
                continue
            dropped[i] = True
            problems.append(Problem.make(WARNING, "problem.resubmission_dropped", file=sources[i], source=sources[i],
                                         respondent=rids[i], other=rids[latest], other_source=sources[latest],
                                         reason=reason))
    return dropped
