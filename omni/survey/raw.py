"""What a format reader found in one file, before the answers are judged against a framework.

Answer cells are kept column-oriented (numpy arrays, one entry per cell) so that a file with
ten thousand respondents crosses from the parser process and is validated without a Python
object per cell. Values are already classified into codes by `omni.survey.cells.classify`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from omni.survey.cells import BAD_CODE, FORMULA_CODE, display_value
from omni.survey.model import COLUMN_MAP_COLUMNS  # noqa: F401  (re-exported)
from omni.survey.problems import Problem

CURRENT, TARGET, COMMENT = "current", "target", "comment"
SCORE_FIELDS = (CURRENT, TARGET)

# Column map rows: (file, sheet, column letter, header, question, field, matched_by, reason,
# version, values), as COLUMN_MAP_COLUMNS; matched_by is one of these ("summary row": a row, not
# a column, whose "column" is the row number):
MATCHED_BY = ("id", "text", "mapping", "fact", "ignored", "unmapped", "summary row")


@dataclass
class Block:
    """Answer cells read together: `codes` is rows x columns; every row is one respondent's.

    `question`, `fld` and `col` hold one value per column, or one per row when named in
    `per_row` (the one-respondent template lists questions down the rows).
    """

    sheet: int  # index into RawSurvey.sheets
    respondent: np.ndarray  # (rows,) index into the respondents
    row: np.ndarray  # (rows,) 0-based sheet row, -1 when not from a sheet
    question: np.ndarray  # index into RawSurvey.questions
    fld: np.ndarray  # 0 current, 1 target
    col: np.ndarray  # 0-based sheet column, -1 when not from a sheet
    codes: np.ndarray  # (rows, columns) int8, see omni.survey.cells
    bad: dict[int, str] = field(default_factory=dict)  # flat cell index -> value as shown
    per_row: frozenset[str] = frozenset()

    def expand(self) -> dict[str, np.ndarray]:
        """One entry per cell, row by row."""
        n, k = self.codes.shape

        def spread(name: str, values: np.ndarray) -> np.ndarray:
            return np.repeat(values, k) if name in self.per_row else np.tile(values, n)

        return {"respondent": np.repeat(self.respondent, k), "row": np.repeat(self.row, k),
                "question": spread("question", self.question), "field": spread("fld", self.fld),
                "col": spread("col", self.col), "code": self.codes.ravel(),
                "sheet": np.full(n * k, self.sheet, dtype=np.int32)}


@dataclass
class ImportanceBlock:
    """The non-blank importance cells of one dimension's column, classified like scores
    (`omni.survey.cells`; FORMULA_CODE for a formula), one entry per cell."""

    sheet: str
    dimension: str
    col: int  # 0-based sheet column
    respondent: np.ndarray  # int32 index into the respondents
    row: np.ndarray  # int32 0-based sheet row
    codes: np.ndarray  # int8
    shown: dict[int, str] = field(default_factory=dict)  # entry -> value as shown, for bad and formula cells


@dataclass
class RawSurvey:
    """Respondents, answer cells (as codes), comments, column mapping and problems of one file."""

    file: str
    framework_id: str | None = None
    framework_version: str | None = None
    # respondents, column-oriented (index = position): fact name -> values, where each was read,
    # and an identity used only to spot duplicates (a hashed e-mail address, or "")
    facts: dict[str, list[object]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    identities: list[str] = field(default_factory=list)
    times: list[str] = field(default_factory=list)  # when each response was sent (ISO), or ""
    questions: list[str] = field(default_factory=list)  # question ids as found (blocks index them)
    sheets: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    # (respondent index, question id, text, sheet, row, col) for non-empty comment cells
    comments: list[tuple[int, str, str, str, int, int]] = field(default_factory=list)
    column_map: list[tuple[str, ...]] = field(default_factory=list)
    # (respondent index, dimension id, raw value, sheet, row, col, is a formula) per importance cell read
    importance: list[tuple[int, str, object, str, int, int, bool]] = field(default_factory=list)
    importance_blocks: list[ImportanceBlock] = field(default_factory=list)  # a column per dimension, read after
    problems: list[Problem] = field(default_factory=list)

    @property
    def cell_count(self) -> int:
        return sum(b.codes.size for b in self.blocks)

    @property
    def respondent_count(self) -> int:
        return len(self.sources)

    def cells(self) -> dict[str, np.ndarray]:
        """All answer cells, one entry each, with "local" (index in this file) and "bad" shown values."""
        parts = [b.expand() for b in self.blocks]
        names = ("respondent", "row", "question", "field", "col", "code", "sheet")
        if not parts:
            return {name: np.zeros(0, np.int64) for name in names}
        if len(parts) == 1:
            return parts[0]
        return {name: np.concatenate([p[name] for p in parts]) for name in names}

    def bad_values(self) -> dict[int, str]:
        shown, offset = {}, 0
        for block in self.blocks:
            shown.update({offset + i: v for i, v in block.bad.items()})
            offset += block.codes.size
        return shown

    def add_respondents(self, facts: dict[str, list[object]], sources: list[str],
                        identities: list[str] | None = None, times: list[str] | None = None) -> int:
        """Append respondents (facts column-wise); returns the index of the first one."""
        first, n = len(self.sources), len(sources)
        for name in set(self.facts) | set(facts):
            column = self.facts.setdefault(name, [""] * first)
            values = facts.get(name)
            column.extend(values if values is not None else [""] * n)
        self.sources.extend(sources)
        self.identities.extend(identities if identities is not None else [""] * n)
        self.times.extend(times if times is not None else [""] * n)
        return first


class CellSink:
    """Adds blocks of answer cells to a RawSurvey, keeping the question and sheet lists."""

    def __init__(self, raw: RawSurvey) -> None:
        self.raw = raw
        self._questions = {q: i for i, q in enumerate(raw.questions)}
        self._sheets = {s: i for i, s in enumerate(raw.sheets)}

    def _question_index(self, qid: str) -> int:
        if qid not in self._questions:
            self._questions[qid] = len(self.raw.questions)
            self.raw.questions.append(qid)
        return self._questions[qid]

    def _sheet_index(self, sheet: str) -> int:
        if sheet not in self._sheets:
            self._sheets[sheet] = len(self.raw.sheets)
            self.raw.sheets.append(sheet)
        return self._sheets[sheet]

    def add(self, sheet: str, respondents: np.ndarray, questions: list[str], fields: list[str],
            rows: np.ndarray, cols: np.ndarray, codes: np.ndarray, values: np.ndarray) -> None:
        """Add cells given one by one (parallel 1-D arrays; questions and fields as lists)."""
        if not len(codes):
            return
        self._add(Block(self._sheet_index(sheet), np.asarray(respondents, np.int32), np.asarray(rows, np.int32),
                        np.array([self._question_index(q) for q in questions], dtype=np.int32),
                        np.array([SCORE_FIELDS.index(f) for f in fields], dtype=np.int8),
                        np.asarray(cols, np.int32), np.asarray(codes, np.int8).reshape(-1, 1),
                        per_row=frozenset(("question", "fld", "col"))), np.asarray(values, dtype=object))

    def add_grid(self, sheet: str, respondents: np.ndarray, rows: np.ndarray,
                 slots: list[tuple[str, str, int]], codes: np.ndarray, values) -> None:
        """Add a respondents x answer-columns grid: slots are (question, field, column); `values`
        is the grid of raw values, or a function (row, column) -> value (only bad cells are read)."""
        if not codes.size:
            return
        self._add(Block(self._sheet_index(sheet), np.asarray(respondents, np.int32), np.asarray(rows, np.int32),
                        np.array([self._question_index(q) for q, _, _ in slots], dtype=np.int32),
                        np.array([SCORE_FIELDS.index(f) for _, f, _ in slots], dtype=np.int8),
                        np.array([c for _, _, c in slots], dtype=np.int32), np.asarray(codes, np.int8)), values)

    def _add(self, block: Block, values) -> None:
        flat = block.codes.ravel()
        bad = np.flatnonzero((flat == BAD_CODE) | (flat == FORMULA_CODE))
        if bad.size:
            k = block.codes.shape[1]
            value_at = values if callable(values) else (lambda r, c: values.reshape(-1, k)[r, c])
            block.bad = {int(i): display_value(value_at(int(i) // k, int(i) % k)) for i in bad}
        self.raw.blocks.append(block)

    def freeze(self) -> None:
        """Nothing left to do: blocks are final as they are added."""
