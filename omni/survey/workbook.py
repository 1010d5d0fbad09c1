"""Locating respondents and answers in a workbook's sheets (or a CSV file's rows).

Two shapes are read:
- our one-respondent template: a Respondent sheet with facts and an Answers sheet with
  ID / Current / Target / Comment columns (`read_single`);
- one row per respondent, a column per question and field: our respondents layout, a
  Microsoft Forms or Google Forms export, a consultant's own sheet or a CSV (`read_table`).

The readers only locate and classify cells (`omni.survey.cells.classify`, column-wise); judging
them against the framework happens once, in `omni.survey.validate`, for every format alike.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from omni.attributes import VOCABULARIES, normalise_label, single_choice, to_code
from omni.framework import Framework
from omni.i18n import LANGUAGES, t
from omni.survey.cells import (
    BAD_CODE,
    BLANK_CODE,
    DK_CODE,
    FORMULA_CODE,
    NA_CODE,
    REPORTED_CODE,
    classify,
    classify_distinct,
    display_value,
    factorize,
)
from omni.survey.headers import (
    ID_PATTERN,
    QUESTION_VERDICTS,
    STATEMENT,
    ColumnMatch,
    fold,
    header_text,
    match_header,
    question_index,
    question_slots,
    split_field,
)
from omni.survey.model import FACT_FIELDS, importance_key
from omni.survey.options import option_index
from omni.survey.problems import ERROR, WARNING, Problem, cell_ref, column_letter
from omni.survey.raw import COMMENT, CURRENT, TARGET, CellSink, ImportanceBlock, RawSurvey

META_SHEET = "_omni"
HEADER_SEARCH_ROWS = 30  # a header row is looked for among the first rows of a sheet (a legend may come first)
MAX_COMMENT = 2000


def _labels(key: str) -> set[str]:
    return {normalise_label(t(key, lang)) for lang in LANGUAGES}


_FACT_LABELS = {label: name for name in FACT_FIELDS for label in _labels(f"fact.{name}")}
_FACT_LABELS.update({normalise_label(name): name for name in FACT_FIELDS})
_FACT_LABELS.update({"naam": "name", "name": "name", "omvang": "size_band", "size": "size_band"})
_FIELD_LABELS = {
    **{label: CURRENT for label in _labels("col.current") | {"current", "nu", "huidige situatie"}},
    **{label: TARGET for label in _labels("col.target") | {"target", "doel", "ambitie", "gewenste situatie"}},
    **{label: COMMENT for label in _labels("col.comment") | {"opmerking", "comments", "toelichting"}},
}
_DATE_TEXT = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b|^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")


def fact_value(name: str, raw: object) -> str:
    """A respondent fact as stored: text, vocabulary code, or ISO date."""
    if raw is None or raw == "":
        return ""
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = " ".join(str(raw).replace("\u00a0", " ").split())
    if name == "date":
        return _date_text(text)
    return to_code(name, text) if name in VOCABULARIES else single_choice(text)


def _date_text(text: str) -> str:
    """A date typed or exported as text (2026-11-02, 2026/11/02 10:15, 2-11-2026) as ISO."""
    match = _DATE_TEXT.match(text)
    if not match:
        return text
    y, m, d = match.group(1, 2, 3) if match.group(1) else match.group(6, 5, 4)
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return text


def _column_facts(name: str, values: np.ndarray) -> list[object]:
    """fact_value over a column, each distinct value converted once."""
    codes, uniques = factorize(values)
    converted = np.array([fact_value(name, u) for u in uniques] or [""], dtype=object)
    return converted[codes].tolist() if len(values) else []


def _identity(email: object) -> str:
    text = str(email or "").strip().casefold()
    return hashlib.sha256(text.encode()).hexdigest()[:16] if "@" in text else ""


def grid(rows: Sequence[Sequence[object]]) -> np.ndarray:
    """Rows of cell values as a 2-D object array, short rows padded with empty cells."""
    if not rows:
        return np.empty((0, 0), dtype=object)
    width = max(len(r) for r in rows)
    if all(len(r) == width for r in rows):
        out = np.empty((len(rows), width), dtype=object)
        out[:] = rows  # row by row in C (cells are scalars: numpy does not look into them)
        return out
    out = np.full((len(rows), width), "", dtype=object)
    for i, r in enumerate(rows):
        out[i, : len(r)] = r
    return out


def _is_blank(values: np.ndarray) -> np.ndarray:
    """Element-wise: the cell is empty ("" / None / white space / NaN)."""
    blank = np.equal(values, "")
    rest = np.flatnonzero(~blank.ravel())
    if rest.size:
        flat = blank.ravel().copy()
        flat[rest] = [v is None or (type(v) is str and not v.strip()) or (type(v) is float and v != v)
                      for v in values.ravel()[rest].tolist()]
        blank = flat.reshape(values.shape)
    return blank


@dataclass
class Sheet:
    """One sheet as the readers see it."""

    name: str
    cells: np.ndarray  # 2-D object array, row 0 is the sheet's first row
    merged: list[tuple[tuple[int, int], tuple[int, int]]]
    formulas: set[tuple[int, int]]
    hidden: bool = False


# --- meta ---------------------------------------------------------------------------------------


def read_meta(cells: np.ndarray) -> dict[str, str]:
    meta = {}
    for row in cells.tolist():
        if len(row) >= 2 and isinstance(row[0], str):
            value = row[1]
            meta[row[0].strip()] = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    return meta


def find_sheet(names: Sequence[str], key: str) -> str | None:
    by_label = {normalise_label(n): n for n in names}
    for label in _labels(key):
        if label in by_label:
            return by_label[label]
    return None


# --- one respondent: our template ---------------------------------------------------------------


def find_answer_header(cells: np.ndarray) -> tuple[int | None, dict[str, int]]:
    id_labels = _labels("col.id")
    for r, row in enumerate(cells[:30].tolist()):
        columns: dict[str, int] = {}
        for c, value in enumerate(row):
            if not isinstance(value, str):
                continue
            label = normalise_label(value)
            if label in id_labels and "id" not in columns:
                columns["id"] = c
            elif label in _FIELD_LABELS and _FIELD_LABELS[label] not in columns:
                columns[_FIELD_LABELS[label]] = c
        if "id" in columns and CURRENT in columns:
            return r, columns
    return None, {}


def holds_facts(cells: np.ndarray) -> bool:
    """A sheet laid out as the template's Respondent sheet: at least two fact labels in its first column."""
    labels = [row[0] for row in cells[:40].tolist() if row and isinstance(row[0], str)]
    return sum(normalise_label(label) in _FACT_LABELS for label in labels) >= 2


def read_single(raw: RawSurvey, sink: CellSink, answers: Sheet, facts_sheet: Sheet | None,
                frameworks: Sequence[Framework] = ()) -> None:
    """The one-respondent template: facts from the Respondent sheet, answers by question id."""
    facts: dict[str, list[object]] = {}
    if facts_sheet is not None:
        for row in facts_sheet.cells.tolist():
            if len(row) >= 2 and isinstance(row[0], str):
                name = _FACT_LABELS.get(normalise_label(row[0]))
                if name and name not in facts:
                    facts[name] = [fact_value(name, row[1])]
    header_row, columns = find_answer_header(answers.cells)
    if header_row is None:
        raw.problems.append(Problem.make(
            ERROR, "problem.header_missing", file=raw.file, sheet=answers.name,
            column=f"{t('col.id', 'en')}, {t('col.current', 'nl')}/{t('col.current', 'en')}"))
        return
    respondent = raw.add_respondents(facts, [raw.file])
    end = _read_importance_block(raw, answers, header_row, respondent, frameworks)
    body = answers.cells[header_row + 1:end]
    id_col = columns["id"]
    ids = body[:, id_col] if body.size else np.empty(0, dtype=object)
    keep = [i for i, v in enumerate(ids.tolist()) if isinstance(v, str) and v.strip()]
    if not keep:
        return
    rows = np.array(keep, dtype=np.int32) + header_row + 1
    qids = [ids[i].strip().upper() for i in keep]
    framework = next((f for f in frameworks if f.id == raw.framework_id), frameworks[0] if frameworks else None)
    for fld in (CURRENT, TARGET):
        col = columns.get(fld)
        if col is None:
            continue
        values = body[keep, col]
        codes = _with_formulas(classify(values), rows, np.full(len(rows), col), answers.formulas)
        if framework is not None:
            _single_option_texts(raw, answers.name, framework, qids, values, codes, rows, col)
        sink.add(answers.name, np.full(len(keep), respondent), qids, [fld] * len(keep), rows,
                 np.full(len(keep), col, dtype=np.int32), codes, values)
    col = columns.get(COMMENT)
    if col is not None:
        _add_comments(raw, np.full(len(keep), respondent), qids, body[keep, col].tolist(), answers.name, rows,
                      np.full(len(keep), col))
    _report_extra_answer_columns(raw, answers, header_row, set(columns.values()), body[keep])


def _report_extra_answer_columns(raw: RawSurvey, answers: Sheet, header_row: int, read: set[int],
                                 body: np.ndarray) -> None:
    """More people's answers in the one-respondent template ("Daan huidig", "Daan gewenst" beside Huidig and
    Gewenst): not read - the sheet is one person's - and said, never dropped in silence."""
    header = answers.cells[header_row].tolist()
    extra = []
    for c in range(min(len(header), body.shape[1] if body.ndim == 2 else 0)):
        text = header_text(header[c])
        if c in read or not text or split_field(text)[1] not in (CURRENT, TARGET):
            continue
        if (classify(body[:, c]) > 0).any():
            extra.append(f"{column_letter(c)} '{text}'")
    if extra:
        shown = ", ".join(extra[:4]) + (" …" if len(extra) > 4 else "")
        raw.problems.append(Problem.make(WARNING, "problem.columns_not_read", file=raw.file, sheet=answers.name,
                                         columns=shown))


def _single_option_texts(raw: RawSurvey, sheet: str, framework: Framework, qids: list[str], values: np.ndarray,
                         codes: np.ndarray, rows: np.ndarray, col: int) -> None:
    """In the template, an answer pasted as the option's text (from the Options sheet or the form) is
    that option's level, as in a Forms export; a text near no option or several is an error naming the
    nearest options (in place in `codes`)."""
    index = None
    for i in np.flatnonzero(codes == BAD_CODE).tolist():
        text = values[i]
        if not _may_be_option(text):
            continue
        index = index or option_index(framework)
        found = index.match(qids[i], text)
        if found.level:
            codes[i] = found.level
        elif found.candidates:
            codes[i] = REPORTED_CODE
            _report_option(raw, sheet, index, qids[i], text, found, [cell_ref(int(rows[i]), col)])


def _read_importance_block(raw: RawSurvey, answers: Sheet, header_row: int, respondent: int,
                           frameworks: Sequence[Framework]) -> int | None:
    """The importance block below the questions (a header row with an importance column, then one
    row per dimension by id or name). Returns the row where the questions end (None: no block)."""
    labels = _labels("importance.column")
    cells = answers.cells
    for r in range(header_row + 1, len(cells)):
        row = cells[r].tolist()
        col = next((c for c, v in enumerate(row) if isinstance(v, str) and normalise_label(v) in labels), None)
        if col is None:
            continue
        chosen = [f for f in frameworks if f.id == raw.framework_id] or list(frameworks)
        names = {}
        for d in (d for fw in chosen for d in fw.dimensions):
            names[normalise_label(d.id)] = d.id
            names.update({normalise_label(d.name(lang)): d.id for lang in LANGUAGES})
        for below in range(r + 1, len(cells)):
            line = cells[below].tolist()
            key = next((names[normalise_label(v)] for v in line[:col]
                        if isinstance(v, str) and normalise_label(v) in names), None)
            if key is None or col >= len(line):
                continue
            value = line[col]
            if value is None or (isinstance(value, str) and not value.strip()) or (
                    isinstance(value, float) and value != value):
                continue
            raw.importance.append((respondent, key, value, answers.name, below, col, (below, col) in answers.formulas))
        return r
    return None


def _with_formulas(codes: np.ndarray, rows: np.ndarray, cols: np.ndarray,
                   formulas: set[tuple[int, int]]) -> np.ndarray:
    """A formula's cached value is never an answer: mark those cells."""
    if formulas:
        hit = np.fromiter(((r, c) in formulas for r, c in zip(rows.tolist(), cols.tolist())), dtype=bool,
                          count=len(rows))
        codes = np.where(hit, FORMULA_CODE, codes).astype(np.int8)
    return codes


def _comment_text(value: object) -> str:
    """A comment cell as clean text ("" when empty): printable, trimmed, numbers as typed."""
    if type(value) is str:
        text = value
    elif value is None or (isinstance(value, float) and value != value):
        return ""
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    if not text.isprintable() or "\u00a0" in text:
        text = "".join(ch for ch in text.replace("\u00a0", " ") if ch in "\n\t" or ch.isprintable())
    return text.strip()


def _add_comments(raw: RawSurvey, respondents: np.ndarray, qids: list[str], values: list[object], sheet: str,
                  rows: np.ndarray, cols: np.ndarray) -> None:
    """Non-empty comment cells, one (respondent, question, text, sheet, row, col) each."""
    for respondent, qid, value, row, col in zip(respondents.tolist(), qids, values, rows.tolist(), cols.tolist()):
        text = _comment_text(value)
        if not text:
            continue
        if len(text) > MAX_COMMENT:
            raw.problems.append(Problem.make(WARNING, "problem.text_too_long", file=raw.file, sheet=sheet,
                                             cell=cell_ref(row, col), limit=MAX_COMMENT))
            text = text[:MAX_COMMENT]
        raw.comments.append((respondent, qid, text, sheet, row, col))


# --- one row per respondent ---------------------------------------------------------------------


@dataclass
class Table:
    """A sheet read as a table: the header row(s) found and each column's verdict."""

    sheet: Sheet
    header_row: int  # last header row (0-based); data starts below it
    matches: list[ColumnMatch]
    framework: Framework

    @property
    def slots(self) -> int:
        return question_slots(self.matches)


def _header_rows(sheet: Sheet) -> np.ndarray:
    """The top rows with merged header cells filled across their range."""
    top = sheet.cells[:HEADER_SEARCH_ROWS].copy()
    for (r1, c1), (r2, c2) in sheet.merged:
        if r1 < len(top) and c1 < top.shape[1]:
            top[r1:min(r2, len(top) - 1) + 1, c1:min(c2, top.shape[1] - 1) + 1] = top[r1, c1]
    return top


def find_table(sheet: Sheet, framework: Framework, rules: dict | None = None) -> Table | None:
    """The best header row (or pair of rows, for a two-level header) of a sheet, if any."""
    if not sheet.cells.size:
        return None
    top = _header_rows(sheet)
    texts = [[header_text(v) if isinstance(v, str) else "" for v in row] for row in top.tolist()]
    best: Table | None = None
    codes = classify(top)
    for r, row in enumerate(texts):
        filled = sum(1 for h in row if h)
        scores = int(((codes[r] > 0) | (codes[r] == NA_CODE) | (codes[r] == DK_CODE)).sum())
        # A header row is mostly text; a row of scores (numbers, "3", "3 - ...", n/a) is data,
        # and so is a row holding a response's time or e-mail address (a Forms export's answers
        # are texts, so this spares matching every answer as if it were a header).
        if not filled or scores * 2 >= int((codes[r] != BLANK_CODE).sum()) or _response_row(top[r]):
            continue
        candidates = [row]
        if r > 0 and any(texts[r - 1]):
            candidates.append(_combined(texts[r - 1], row))
        for headers in candidates:
            matches = match_header(headers, framework, rules)
            table = Table(sheet, r, matches, framework)
            # On a tie the lower row wins when it is a second header row (Huidig / Gewenst under the
            # questions), never when it is a response whose answers are texts (a Forms export's options).
            if table.slots and (best is None or table.slots > best.slots
                                or table.slots == best.slots and _sub_header(row, matches, framework)):
                best = table
    return best


def filled_rows(sheet: Sheet, header_row: int) -> int:
    """Rows below a header with anything in them (responses, or a summary under them)."""
    body = sheet.cells[header_row + 1:]
    return int((np.not_equal(body, "") & np.not_equal(body, None)).any(axis=1).sum()) if body.size else 0


def _sub_header(row: list[str], matches, framework: Framework) -> bool:
    """Below a header, the row's texts in the question columns are headings - fields (Huidig, Gewenst,
    Current), question ids, or a question's own topic or text (ids above, topics below) - not answers:
    at least half of them. An option's text, as a Forms export's answers are, is no heading."""
    texts = [row[m.col] for m in matches if m.question and m.col < len(row) and row[m.col]]
    exact = question_index(framework).exact
    heading = sum(1 for text in texts if _field_only(text) or ID_PATTERN.search(text)
                  or split_field(text)[0] in exact or fold(text) in exact)
    return bool(texts) and heading * 2 >= len(texts)


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


def _response_row(row: np.ndarray) -> bool:
    """The row holds a date-time (a cell, or a time stamp as text: Google's "2026/11/23 9:20:52 a.m. CET")
    or an e-mail address: a response, never a header."""
    return any(isinstance(v, dt.datetime) or (type(v) is str and (
        ("@" in v and _EMAIL.match(v.strip())) or ((m := _TIME_TEXT.match(v)) is not None and m.group(4))))
        for v in row.tolist())


def _combined(upper: list[str], lower: list[str]) -> list[str]:
    """Two header rows as one: a group title above ("VIS-1", merged or not) and fields below."""
    filled, last = [], ""
    for up, low in zip(upper, lower):
        if up:
            last = up
        # Carry a title rightwards only over columns whose lower header is a field on its own.
        title = up or (last if low and _field_only(low) else "")
        filled.append(" ".join(p for p in (title, low) if p))
    return filled


def _field_only(header: str) -> bool:
    body, fld = split_field(header)
    return bool(fld) and not body


def read_table(raw: RawSurvey, sink: CellSink, table: Table) -> None:
    """One respondent per non-empty row below the header; answers classified column-wise."""
    sheet, matches = table.sheet, table.matches
    body = sheet.cells[table.header_row + 1:]
    if any(m.reason == STATEMENT for m in matches) and any(
            _holds_no_scores(body[:, m.col]) for m in matches if m.reason == STATEMENT and m.col < body.shape[1]):
        # columns headed by the dimensions' names that hold averages (2,75), not answers: no importance
        matches = [ColumnMatch(m.col, m.header, "unmapped", reason="dimension name") if m.reason == STATEMENT else m
                   for m in matches]
    known = table.framework.has_question
    answer_slots: list[tuple[str, str, int]] = []
    comment_cols: list[tuple[str, int]] = []
    fact_cols: dict[str, int] = {}
    importance_cols: dict[str, int] = {}  # dimension -> column
    email_col: int | None = None
    claimed: dict[tuple[str, str], ColumnMatch] = {}
    verdicts: list[tuple[ColumnMatch, str]] = []  # (match, matched_by as reported)
    header_cell_row = table.header_row
    dimensions = [d.id for d in table.framework.dimensions]

    def has_data(col: int) -> bool:
        return bool(body.size) and col < body.shape[1] and not _is_blank(body[:, col]).all()

    for m in matches:
        where = {"file": raw.file, "sheet": sheet.name, "cell": cell_ref(header_cell_row, m.col)}
        if m.matched_by in QUESTION_VERDICTS and m.question:
            if not known(m.question):
                raw.problems.append(Problem.make(WARNING, "problem.unknown_question", value=m.question, **where))
                verdicts.append((m, "unmapped"))
                continue
            key = (m.question, m.field)
            if key in claimed:
                other = claimed[key]
                raw.problems.append(Problem.make(
                    ERROR, "problem.column_duplicate", header=_short(m.header), question=m.question,
                    field=f"field.{m.field}", other=column_letter(other.col), **where))
                verdicts.append((m, "unmapped"))
                continue
            claimed[key] = m
            if m.field == COMMENT:
                comment_cols.append((m.question, m.col))
            else:
                answer_slots.append((m.question, m.field, m.col))
            verdicts.append((m, m.matched_by))
        elif m.matched_by == "importance":
            if m.field not in dimensions:  # a mapping's misspelt dimension: said, not dropped in silence,
                raw.problems.append(Problem.make(WARNING, "problem.unknown_dimension", value=m.field,
                                                 known=", ".join(dimensions), **where))
                verdicts.append((m, "importance"))  # and kept in the column map, so the rule can be corrected
            elif m.field in importance_cols:
                raw.problems.append(Problem.make(
                    ERROR, "problem.column_duplicate", header=_short(m.header), question=m.field,
                    field="field.importance", other=column_letter(importance_cols[m.field]), **where))
                verdicts.append((m, "unmapped"))
            else:
                importance_cols[m.field] = m.col
                verdicts.append((m, "importance"))
        elif m.matched_by == "fact":
            if m.field in fact_cols and not (has_data(m.col) and not has_data(fact_cols[m.field])):
                verdicts.append((m, "ignored"))
            else:
                # the first column of a fact, or the first one that holds it: an anonymous Microsoft
                # Form leaves its own Name column empty and the name is typed in a question of the form
                if m.field in fact_cols:
                    earlier = fact_cols[m.field]
                    verdicts[:] = [(v, "ignored") if v.col == earlier and kind == "fact" else (v, kind)
                                   for v, kind in verdicts]
                fact_cols[m.field] = m.col
                verdicts.append((m, "fact"))
        elif m.matched_by == "ignored":
            if m.field == "_email" and email_col is None:
                email_col = m.col
            verdicts.append((m, "ignored"))
        else:
            filled = has_data(m.col)
            if not m.header and not filled:
                continue
            if filled:
                if m.candidates:
                    raw.problems.append(Problem.make(WARNING, "problem.column_ambiguous", header=_short(m.header),
                                                     candidates=", ".join(m.candidates), **where))
                else:
                    raw.problems.append(Problem.make(WARNING, "problem.column_unmapped",
                                                     header=_short(m.header) or "–", **where))
            verdicts.append((m, "unmapped"))
    # A summary row's label stands where no answer, comment or importance is read (a comment
    # "gemiddeld" is an answer, not a label), and those columns are most of a wide sheet.
    summary = _summary_rows(raw, sheet, body, table.header_row, {c for _, _, c in answer_slots}
                            | {c for _, c in comment_cols} | set(importance_cols.values()),
                            [c for _, _, c in answer_slots])
    if not answer_slots:
        _column_map(raw, sheet, verdicts, {})
        return

    answer_cols = [c for _, _, c in answer_slots]
    values = body[:, answer_cols]
    codes, distinct, uniques = classify_distinct(values)
    if sheet.formulas:
        slot_of = {c: i for i, c in enumerate(answer_cols)}
        for r, c in sheet.formulas:
            i = r - table.header_row - 1
            if c in slot_of and 0 <= i < len(codes):
                codes[i, slot_of[c]] = FORMULA_CODE
    if summary.size:
        codes[summary] = BLANK_CODE  # never a respondent, formulas or not (reported by _summary_rows)
    computed = _formula_rows(raw, sheet, body, table.header_row, codes, answer_cols,
                             [*fact_cols.values(), *([] if email_col is None else [email_col]),
                              *(c for _, c in comment_cols), *importance_cols.values()])
    if computed.size:
        codes[computed] = BLANK_CODE
    read_as = _read_option_texts(raw, sheet, table, answer_slots, codes, distinct, uniques)
    _column_map(raw, sheet, verdicts, read_as)
    comments_filled = (~_is_blank(body[:, [c for _, c in comment_cols]])).any(axis=1) if comment_cols else False
    answered = (codes != BLANK_CODE).any(axis=1) | comments_filled
    unsure = np.flatnonzero(~answered)
    if fact_cols and unsure.size:  # a row with facts but no answers is still a respondent (reported later)
        answered[unsure] = (~_is_blank(body[np.ix_(unsure, list(fact_cols.values()))])).any(axis=1)
    answered[summary] = False
    answered[computed] = False
    keep = np.flatnonzero(answered)
    if not keep.size:
        return
    rows = (keep + table.header_row + 1).astype(np.int32)
    facts = {name: _column_facts(name, body[keep, col]) for name, col in fact_cols.items()}
    prefix = f"{raw.file}: {sheet.name} " if sheet.name else f"{raw.file}: "
    sources = [prefix + str(r + 1) for r in rows.tolist()]
    identities = [_identity(v) for v in body[keep, email_col].tolist()] if email_col is not None else None
    time_col = next((m.col for m in matches if m.matched_by == "fact" and fold(m.header) in _TIME_HEADERS), None)
    times = time_keys(body[keep, time_col].tolist()) if time_col is not None else None
    # A response edited after it was sent (Microsoft Forms fills "Last modified time"): its edit is its time.
    edited_col = next((m.col for m in matches if fold(m.header) in _EDITED_HEADERS), None)
    if edited_col is not None:
        edited = time_keys(body[keep, edited_col].tolist())
        times = [max(a, b) for a, b in zip(times or [""] * len(edited), edited)]
    first = raw.add_respondents(facts, sources, identities, times)
    respondents = np.arange(first, first + len(keep), dtype=np.int32)
    sink.add_grid(sheet.name, respondents, rows, answer_slots, codes[keep], lambda r, c: values[keep[r], c])
    for qid, col in comment_cols:
        column = body[keep, col]
        filled = np.flatnonzero(~np.equal(column, ""))
        _add_comments(raw, respondents[filled], [qid] * len(filled), column[filled].tolist(), sheet.name,
                      rows[filled], np.full(len(filled), col))
    for dimension, col in importance_cols.items():
        _add_importance(raw, respondents, dimension, body[keep, col], sheet, rows, col)


def _add_importance(raw: RawSurvey, respondents: np.ndarray, dimension: str, values: np.ndarray, sheet: Sheet,
                    rows: np.ndarray, col: int) -> None:
    """Non-blank importance cells of one dimension, classified column-wise (judged later, in
    validation, like scores)."""
    codes = classify(values)
    if sheet.formulas:
        formula_rows = np.array(sorted(r for r, c in sheet.formulas if c == col), dtype=np.int64)
        if formula_rows.size:
            codes[np.isin(rows, formula_rows) & (codes != BLANK_CODE)] = FORMULA_CODE
    filled = np.flatnonzero(codes != BLANK_CODE)
    if not filled.size:
        return
    codes = codes[filled]
    shown = {int(i): display_value(values[filled[i]]) for i in np.flatnonzero((codes == BAD_CODE)
                                                                             | (codes == FORMULA_CODE)).tolist()}
    raw.importance_blocks.append(ImportanceBlock(sheet.name, dimension, col, np.asarray(respondents[filled], np.int32),
                                                 np.asarray(rows[filled], np.int32), codes, shown))


# Headers of the column that says when a response was sent (to keep a resubmission's latest).
_TIME_HEADERS = frozenset(fold(h) for h in (
    "completion time", "tijd van voltooien", "voltooiingstijd", "timestamp", "tijdstempel", "submitted at",
    "ingediend op", "end date", "einddatum"))
_EDITED_HEADERS = frozenset(fold(h) for h in (
    "last modified time", "tijd van laatste wijziging", "tijdstip van laatste wijziging", "laatst gewijzigd"))
# A row a person added under the respondents: never a respondent itself.
SUMMARY_LABELS = frozenset(fold(h) for h in (
    "gemiddelde", "gemiddeld", "gem", "gem.", "average", "avg", "mean", "totaal", "total", "totalen", "totals",
    "subtotaal", "subtotal", "eindtotaal", "grand total", "totaal generaal", "mediaan", "median", "som", "sum",
    "standaardafwijking", "standaarddeviatie", "std", "stdev", "standard deviation", "samenvatting", "summary"))
_SUMMARY_LONGEST = max(len(label) for label in SUMMARY_LABELS) + 4
_SUMMARY_STARTS = frozenset(label[:2] for label in SUMMARY_LABELS)
_TIME_TEXT = re.compile(r"^\s*(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?"
                        r"(?:[.,]\d+)?\s*([AaPp]\.?[Mm]\.?)?)?")


def time_keys(values: list[object]) -> list[str]:
    """`time_key` for a column of submission times, its "a/b/yyyy" texts read one way for the whole column:
    day first when any of them can only be (23/11/2026: a Google Sheet in a British or Dutch locale), else
    month first (11/23/2026, as an American one writes it)."""
    day_first = False
    for value in values:
        if type(value) is str and (match := _TIME_TEXT.match(value)) and len(match.group(3)) == 4 \
                and "/" in value[:match.end(3)] and int(match.group(1)) > 12:
            day_first = True
            break
    return [time_key(v, day_first=day_first) for v in values]


def time_key(value: object, *, day_first: bool = False) -> str:
    """A submission time as sortable text (ISO), "" when it cannot be read.

    Cells from .xlsx are datetimes; a Google Forms CSV writes "2025/09/01 10:09:52 AM GMT+2",
    a Dutch sheet saved as CSV "1-9-2025 10:09:52", an American one "9/1/2025 10:09:52".
    """
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return ""
    match = _TIME_TEXT.match(value)
    if not match:
        return ""
    a, b, c, hour, minute, second, ampm = match.groups()
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c)
    elif len(c) == 4:
        first, second_part = int(a), int(b)
        # "/" is American month/day unless the first part cannot be a month or the column is day-first
        # (`time_keys`); "-" and "." are day-month.
        if "/" in value[: match.end(3)] and first <= 12 and not day_first:
            month, day = first, second_part
        else:
            day, month = first, second_part
        year = int(c)
    else:
        return ""
    h = int(hour or 0)
    if ampm:
        h = h % 12 + (12 if ampm[0] in "Pp" else 0)
    try:
        when = dt.datetime(year, month, day, h, int(minute or 0), int(second or 0))
    except ValueError:
        return ""
    return when.isoformat(timespec="seconds")


def _summary_rows(raw: RawSurvey, sheet: Sheet, body: np.ndarray, header_row: int, answer_cols: set[int],
                  score_cols: list[int]) -> np.ndarray:
    """Rows (0-based in `body`) labelled as a summary (Gemiddelde, Total, Median ...) in a column
    that holds no answers (`answer_cols`: the columns read otherwise) and whose scores (`score_cols`)
    are no respondent's: a formula, a number that is no score (3,4; 17) or none at all. A respondent
    who answered "Average" to a question of the form's own stays a respondent. Each reported once,
    naming the label's cell."""
    found: dict[int, tuple[int, str]] = {}
    others = [c for c in range(body.shape[1] if body.ndim == 2 else 0) if c not in answer_cols]
    # One set of every distinct value first (hashing in C): a sheet seldom has a summary row.
    labels = {u for u in set(body[:, others].ravel().tolist()) if type(u) is str and len(u) <= _SUMMARY_LONGEST
              and u.lstrip()[:2].casefold() in _SUMMARY_STARTS and fold(u) in SUMMARY_LABELS} if others else set()
    for label in sorted(labels):
        for col in others:
            for r in np.flatnonzero(body[:, col] == label).tolist():
                if (r not in found or found[r][0] > col) and _summarises(sheet, body[r], header_row + 1 + r,
                                                                         score_cols):
                    found[r] = (col, " ".join(label.split()))
    for r, (col, label) in sorted(found.items()):
        raw.problems.append(Problem.make(WARNING, "problem.summary_row", file=raw.file, sheet=sheet.name,
                                         cell=cell_ref(header_row + 1 + r, col), row=header_row + 2 + r,
                                         label=label))
        raw.column_map.append((raw.file, sheet.name, str(header_row + 2 + r), label, "", "", "summary row",
                               f"summary row: '{label}' in column {column_letter(col)}", "", ""))
    return np.array(sorted(found), dtype=np.int64)


def _formula_rows(raw: RawSurvey, sheet: Sheet, body: np.ndarray, header_row: int, codes: np.ndarray,
                  answer_cols: list[int], own_cols: list[int]) -> np.ndarray:
    """Rows (0-based in `body`) of formulas without a label: at least two answer cells hold a formula, the
    others are blank, and nothing a respondent gives (`own_cols`: facts, e-mail, comments, importance) is
    typed in - a row of averages or totals someone added under the respondents. Each is reported once,
    naming its first formula cell, and never read as a respondent (a formula's saved result is never an
    answer; a respondent's row with one formula among typed answers stays an error on that cell)."""
    formula = codes == FORMULA_CODE
    candidates = np.flatnonzero((formula.sum(axis=1) >= 2) & (formula | (codes == BLANK_CODE)).all(axis=1))
    found = []
    for i in candidates.tolist():
        r = header_row + 1 + i
        if any((r, c) not in sheet.formulas and not _is_blank(body[i:i + 1, c]).all() for c in own_cols):
            continue
        col = min(answer_cols[j] for j in np.flatnonzero(formula[i]).tolist())
        raw.problems.append(Problem.make(WARNING, "problem.formula_row", file=raw.file, sheet=sheet.name,
                                         cell=cell_ref(r, col), row=r + 1, first=cell_ref(r, col)))
        raw.column_map.append((raw.file, sheet.name, str(r + 1), "", "", "", "summary row",
                               f"formulas only (such as {cell_ref(r, col)}), no respondent details", "", ""))
        found.append(i)
    return np.array(found, dtype=np.int64)


_NUMBER_TEXT = re.compile(r"^\s*-?\d+(?:[.,]\d+)?\s*$")


def _holds_no_scores(values: np.ndarray) -> bool:
    """A column holds a number no respondent gives as a score (a mean, a total)."""
    return _numbers_not_scores(values, classify(values))


def _numbers_not_scores(values: np.ndarray, codes: np.ndarray) -> bool:
    return any(v is not None and not isinstance(v, bool) and (isinstance(v, (int, float)) or (
        type(v) is str and _NUMBER_TEXT.match(v))) for v in values[codes == BAD_CODE].tolist())


def _summarises(sheet: Sheet, row: np.ndarray, at: int, score_cols: list[int]) -> bool:
    """A labelled row holds what a summary holds in the score columns: a formula, a number that is no
    score (a mean, a total), or nothing; never only scores, n/a and option texts as a respondent gives."""
    values = row[score_cols] if score_cols else row[:0]
    if any((at, c) in sheet.formulas for c in score_cols):
        return True
    codes = classify(values)
    return not (codes != BLANK_CODE).any() or _numbers_not_scores(values, codes)


def _read_option_texts(raw: RawSurvey, sheet: Sheet, table: Table, slots: list[tuple[str, str, int]],
                       codes: np.ndarray, distinct: np.ndarray, uniques: np.ndarray) -> dict[int, str]:
    """Answers given as an option's text or a level's name, per column matched against that
    question's options (in place in `codes`); a text that fits no option or several is reported
    with its cell and the candidates. `distinct` holds each cell's index into `uniques` (the
    distinct values). Returns, per column, how its cells were read."""
    index = None
    read_as: dict[int, str] = {}
    for j, (qid, _, col) in enumerate(slots):
        column_codes = codes[:, j]
        counts: dict[str, int] = {}
        bad = np.flatnonzero(column_codes == BAD_CODE)
        if bad.size:
            ids = distinct[bad, j]
            for u in np.unique(ids).tolist():
                unique = uniques[u]
                if not _may_be_option(unique):
                    continue  # "3,5", "1e3", "ja": not an option text, reported as not a score
                index = index or option_index(table.framework)
                found = index.match(qid, unique)
                rows = bad[ids == u]
                if found.level:
                    column_codes[rows] = found.level
                    how = found.how if found.version == table.framework.version else f"{found.how} (v{found.version})"
                    counts[how] = counts.get(how, 0) + len(rows)
                    continue
                if not found.candidates:
                    continue
                column_codes[rows] = REPORTED_CODE
                _report_option(raw, sheet.name, index, qid, unique, found,
                               [cell_ref(table.header_row + 1 + r, col) for r in rows.tolist()])
                counts["not read"] = counts.get("not read", 0) + len(rows)
        na = int((column_codes == NA_CODE).sum())
        dk = int((column_codes == DK_CODE).sum())
        if na:
            counts["n/a"] = na
        if dk:
            counts["don't know"] = dk
        read_as[col] = ", ".join(f"{how} ×{n}" for how, n in counts.items())
    return read_as


def _may_be_option(value: object) -> bool:
    """A text long enough to be an option's text or a level's name (not "3,5", "1e3", "ja")."""
    return type(value) is str and (len(value) >= 24 or sum(ch.isalpha() for ch in value) >= 4)


def _report_option(raw: RawSurvey, sheet: str, index, qid: str, text: str, found, cells: list[str]) -> None:
    """A text that fits no option of the question, or several: an error per cell with the candidates."""
    key = "problem.option_ambiguous" if found.ambiguous else "problem.option_unknown"
    shown = {f"candidates_{lang}": _candidates(index, qid, found.candidates, lang) for lang in LANGUAGES}
    for cell in cells:
        raw.problems.append(Problem.make(ERROR, key, file=raw.file, sheet=sheet, cell=cell,
                                         value=_short(" ".join(text.split())), question=qid, **shown))


def _candidates(index, qid: str, candidates: tuple[tuple[int, str], ...], lang: str) -> str:
    parts = []
    for level, _ in candidates:
        text = index.option_texts(qid, level)[0 if lang == "nl" else 1]
        parts.append(f"{level} '{text if len(text) <= 50 else text[:47] + '...'}'")
    return (" of " if lang == "nl" else " or ").join(parts)


def _column_map(raw: RawSurvey, sheet: Sheet, verdicts: list[tuple[ColumnMatch, str]], read_as: dict[int, str]) -> None:
    for m, matched_by in verdicts:
        if matched_by == "importance":  # shown as: the dimension's importance, matched by its header text
            raw.column_map.append((raw.file, sheet.name, column_letter(m.col), m.header, importance_key(m.field),
                                   "importance", "text", m.reason or "importance", "", ""))
            continue
        field_name = m.field if matched_by in (*QUESTION_VERDICTS, "fact") else ""
        question = m.question if matched_by in QUESTION_VERDICTS else ""
        reason = m.reason
        if matched_by != m.matched_by and matched_by == "ignored":
            reason = f"{reason}; {m.field} read from another column" if m.field else reason
        raw.column_map.append((raw.file, sheet.name, column_letter(m.col), m.header, question, field_name,
                               matched_by, reason, m.version if question else "", read_as.get(m.col, "")))


def _short(header: str) -> str:
    return header if len(header) <= 60 else header[:57] + "..."
