"""Reading our own survey workbook (both layouts) into raw cells, with python-calamine.

The format readers only locate things: which cell holds which respondent's answer to which
question. Judging the values happens once, in `omni.survey.validate`, for every format alike.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field

import python_calamine as calamine

from omni.attributes import VOCABULARIES, normalise_label, to_code
from omni.i18n import LANGUAGES, t
from omni.survey.model import ERROR, FACT_FIELDS, Problem

META_SHEET = "_omni"
CURRENT, TARGET, COMMENT = "current", "target", "comment"


@dataclass
class RawSurvey:
    """What a format reader found in one file, before the values are judged."""

    file: str
    framework_id: str | None = None
    framework_version: str | None = None
    # one dict per respondent: "key" (unique within the file), facts, "source"
    respondents: list[dict[str, object]] = field(default_factory=list)
    # (respondent key, question id, field, raw value, sheet, row, col); row/col 0-based
    cells: list[tuple[str, str, str, object, str, int, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


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
_QUESTION_HEADER = re.compile(r"^\s*([A-Za-z]{2,5}-\d{1,3})\b[\s\-_:.]*(.*)$", re.DOTALL)


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
    return to_code(name, text) if name in VOCABULARIES else text


def read_workbook(name: str, data: bytes) -> RawSurvey:
    """Locate respondents and answer cells in one of our survey workbooks."""
    raw = RawSurvey(file=name)
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises several unrelated types for unreadable input
        raw.problems.append(Problem.make(ERROR, "problem.unreadable", file=name,
                                         detail=type(exc).__name__))
        return raw
    names = book.sheet_names
    meta = _read_meta(book) if META_SHEET in names else {}
    raw.framework_id = meta.get("framework_id") or None
    raw.framework_version = meta.get("framework_version") or None
    by_label = {normalise_label(n): n for n in names}
    wide = _find_sheet(by_label, "sheet.respondents")
    single = _find_sheet(by_label, "sheet.answers")
    layout = meta.get("layout") or ("respondents" if wide else "respondent")
    if layout == "respondents" and wide:
        _read_wide(book, wide, raw)
    elif single:
        _read_single(book, single, _find_sheet(by_label, "sheet.respondent"), raw)
    else:
        expected = t("sheet.answers", "nl") + " / " + t("sheet.answers", "en")
        raw.problems.append(Problem.make(ERROR, "problem.missing_sheet", file=name, sheet=expected))
    return raw


def _find_sheet(by_label: dict[str, str], key: str) -> str | None:
    for label in _labels(key):
        if label in by_label:
            return by_label[label]
    return None


def _rows(book: calamine.CalamineWorkbook, sheet: str) -> list[list[object]]:
    return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def _read_meta(book: calamine.CalamineWorkbook) -> dict[str, str]:
    meta = {}
    for row in _rows(book, META_SHEET):
        if len(row) >= 2 and isinstance(row[0], str):
            value = row[1]
            meta[row[0].strip()] = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    return meta


def _read_single(book: calamine.CalamineWorkbook, sheet: str, facts_sheet: str | None,
                 raw: RawSurvey) -> None:
    facts: dict[str, object] = {"key": "1", "source": raw.file}
    if facts_sheet:
        for row in _rows(book, facts_sheet):
            if len(row) >= 2 and isinstance(row[0], str):
                name = _FACT_LABELS.get(normalise_label(row[0]))
                if name:
                    facts[name] = fact_value(name, row[1])
    raw.respondents.append(facts)
    rows = _rows(book, sheet)
    header_row, columns = _find_answer_header(rows)
    if header_row is None:
        raw.problems.append(Problem.make(ERROR, "problem.header_missing", file=raw.file, sheet=sheet,
                                         column=f"{t('col.id', 'en')}, {t('col.current', 'nl')}/{t('col.current', 'en')}"))
        return
    id_col = columns["id"]
    for r in range(header_row + 1, len(rows)):
        row = rows[r]
        qid = row[id_col] if id_col < len(row) else ""
        if not isinstance(qid, str) or not qid.strip():
            continue
        qid = qid.strip().upper()
        for fld in (CURRENT, TARGET, COMMENT):
            col = columns.get(fld)
            if col is not None:
                value = row[col] if col < len(row) else ""
                raw.cells.append(("1", qid, fld, value, sheet, r, col))


def _find_answer_header(rows: list[list[object]]) -> tuple[int | None, dict[str, int]]:
    id_labels = _labels("col.id")
    for r, row in enumerate(rows[:30]):
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


def _read_wide(book: calamine.CalamineWorkbook, sheet: str, raw: RawSurvey) -> None:
    rows = _rows(book, sheet)
    header_row = None
    for r, row in enumerate(rows[:10]):
        if any(isinstance(v, str) and _QUESTION_HEADER.match(v) for v in row):
            header_row = r
            break
    if header_row is None:
        raw.problems.append(Problem.make(ERROR, "problem.header_missing", file=raw.file, sheet=sheet,
                                         column="VIS-1 " + t("col.current", "nl")))
        return
    fact_cols: dict[int, str] = {}
    answer_cols: dict[int, tuple[str, str]] = {}
    for c, value in enumerate(rows[header_row]):
        if not isinstance(value, str):
            continue
        label = normalise_label(value)
        if label in _FACT_LABELS:
            fact_cols[c] = _FACT_LABELS[label]
            continue
        match = _QUESTION_HEADER.match(value)
        if match:
            fld = _FIELD_LABELS.get(normalise_label(match.group(2)), CURRENT if not match.group(2) else None)
            if fld:
                answer_cols[c] = (match.group(1).upper(), fld)
    for r in range(header_row + 1, len(rows)):
        row = rows[r]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        key = str(r + 1)
        facts: dict[str, object] = {"key": key, "source": f"{raw.file}: {sheet} {r + 1}"}
        for c, name in fact_cols.items():
            facts[name] = fact_value(name, row[c] if c < len(row) else "")
        raw.respondents.append(facts)
        for c, (qid, fld) in answer_cols.items():
            raw.cells.append((key, qid, fld, row[c] if c < len(row) else "", sheet, r, c))
