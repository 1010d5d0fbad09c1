"""Reading one file's bytes into a RawSurvey: the work done inside the parser process.

`parse_file` runs the content scan (omni.survey.scan) and python-calamine, then locates
respondents and answers (omni.survey.workbook). The result of the parser is used only when the
scan passed. For .xlsx the scan runs in a thread alongside python-calamine (which releases the
GIL while it parses a sheet), so on two cores the check costs no time; with
`IntakeLimits.scan_before_parse` it runs first instead. Bad input never raises: everything wrong
with the file becomes a Problem on the RawSurvey.
"""

from __future__ import annotations

import io
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import python_calamine as calamine

import omni.survey.scan as scans
from omni.attributes import normalise_label
from omni.framework import Framework, framework_versions, same_version_of
from omni.i18n import LANGUAGES
from omni.survey.headers import ID_PATTERN, QUESTION_VERDICTS
from omni.survey.limits import DEFAULT_LIMITS, IntakeLimits
from omni.survey.mapping import rules_by_header
from omni.survey.problems import ERROR, WARNING, Problem, cell_ref
from omni.survey.raw import CURRENT, TARGET, CellSink, RawSurvey
from omni.survey.scan import ScanRefused, ScanResult
from omni.survey.textfile import read_csv_rows
from omni.survey.workbook import (
    HEADER_SEARCH_ROWS,
    META_SHEET,
    Sheet,
    Table,
    filled_rows,
    find_answer_header,
    find_sheet,
    find_table,
    grid,
    holds_facts,
    read_meta,
    read_single,
    read_table,
)

_SCANNERS = {"xlsx": scans.scan_xlsx, "ods": scans.scan_ods, "xls": scans.scan_xls}


@dataclass(frozen=True)
class ParseRequest:
    """One file to parse, with what the parser needs to know."""

    name: str
    data: bytes
    kind: str  # xlsx / ods / xls / csv (from omni.survey.preflight)
    frameworks: tuple[Framework, ...]  # the one asked for, or every built-in one
    explicit: bool = False  # the caller chose the framework
    macros: bool = False
    limits: IntakeLimits = field(default_factory=lambda: DEFAULT_LIMITS)
    diagnose: bool = False  # only scan, placing every cell: why did a parser process fail?
    mapping: tuple = ()  # the user's column mapping (omni.survey.mapping.ColumnRule), wins over matching


class _Scan:
    """The content scan, run now or in a thread beside the parser; `result()` waits for it."""

    def __init__(self, request: ParseRequest, alongside: bool,
                 on_refused: Callable[[Problem], None] | None) -> None:
        self._request, self._on_refused = request, on_refused
        self._result: ScanResult | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="omni-scan", daemon=True) if alongside else None
        if self._thread is not None:
            try:
                self._thread.start()
            except RuntimeError:  # no room for a thread under the memory limit: scan first
                self._thread = None
        if self._thread is None:
            self._run()
            self.result()

    def _run(self) -> None:
        request = self._request
        try:
            self._result = _SCANNERS[request.kind](request.name, request.data, request.limits)
        except ScanRefused as refused:
            self._error = refused
            if self._thread is not None and self._on_refused is not None:
                self._on_refused(refused.problem)  # the worker answers now and ends the parse
        except BaseException as exc:  # noqa: BLE001 - reported where the result is awaited
            self._error = exc

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()

    def result(self) -> ScanResult:
        self.wait()
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result


def parse_file(request: ParseRequest, on_refused: Callable[[Problem], None] | None = None) -> RawSurvey:
    """Scan, parse and locate one file; problems instead of exceptions for bad input.

    `on_refused` is called from the scan thread when the scan refuses the file while the parser
    is still busy (the worker process uses it to answer at once and stop the parser).
    """
    raw = RawSurvey(file=request.name)
    sink = CellSink(raw)
    pending: _Scan | None = None
    try:
        if request.diagnose:
            if request.kind == "xlsx":
                scans.scan_xlsx(request.name, request.data, request.limits, exact=True)
            elif request.kind != "csv":
                _SCANNERS[request.kind](request.name, request.data, request.limits)
        elif request.kind == "csv":
            rows = read_csv_rows(request.name, request.data, request.limits)
            _read_tables(raw, sink, [Sheet("", grid(rows), [], set())], request, request.frameworks)
        else:
            alongside = request.kind == "xlsx" and not request.limits.scan_before_parse
            pending = _Scan(request, alongside, on_refused)
            _read_book(raw, sink, request, pending)
            pending.result()
            if request.macros:
                raw.problems.append(Problem.make(WARNING, "problem.macros_ignored", file=request.name))
    except BaseException as exc:  # noqa: BLE001 - sorted out below, after the scan has finished
        failure = exc
    else:
        failure = None
    if pending is not None:
        pending.wait()
        try:
            pending.result()
        except ScanRefused as refused:  # the scan's verdict comes before anything the parser said
            failure = refused
        except BaseException:  # noqa: BLE001 - a scan that broke down: the file is damaged
            failure = failure or ValueError("scan failed")
    if failure is not None:
        raw = RawSurvey(file=request.name)
        raw.problems.append(_problem_for(failure, request.name))
        return raw
    sink.freeze()
    return raw


def _problem_for(failure: BaseException, name: str) -> Problem:
    if isinstance(failure, ScanRefused):
        return failure.problem
    if isinstance(failure, MemoryError):
        raise failure
    if isinstance(failure, (KeyboardInterrupt, SystemExit)):
        raise failure
    if isinstance(failure, calamine.PasswordError):
        return Problem.make(ERROR, "problem.password_protected", file=name)
    return Problem.make(ERROR, "problem.damaged", file=name)


def _read_book(raw: RawSurvey, sink: CellSink, request: ParseRequest, pending: _Scan) -> None:
    book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(request.data))
    worksheets = [m.name for m in book.sheets_metadata if m.typ == calamine.SheetTypeEnum.WorkSheet]
    hidden = {m.name for m in book.sheets_metadata if m.visible != calamine.SheetVisibleEnum.Visible}
    loaded: dict[str, Sheet] = {}

    def load(name: str) -> Sheet:
        if name not in loaded:
            loaded[name] = _load_sheet(book, name, request, name in hidden)
        return loaded[name]

    def with_formulas(sheet: Sheet) -> Sheet:
        # Formula cells are known once the scan is done; it must be done before anything is read.
        sheet.formulas = pending.result().formulas.get(sheet.name, set())
        return sheet

    meta = read_meta(load(META_SHEET).cells) if META_SHEET in worksheets else {}
    raw.framework_id = meta.get("framework_id") or None
    raw.framework_version = meta.get("framework_version") or None
    layout = meta.get("layout")
    candidates = [n for n in worksheets if n != META_SHEET]
    answers_name = find_sheet(candidates, "sheet.answers")
    wide_name = find_sheet(candidates, "sheet.respondents")
    facts_name = find_sheet(candidates, "sheet.respondent")

    def first_rows(name: str):  # enough to tell a sheet's layout, without turning all its cells into objects
        if name in loaded:
            return loaded[name].cells[:_PEEK_ROWS]
        return grid(book.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=_PEEK_ROWS))

    def holds_answers(name: str) -> bool:
        return find_answer_header(first_rows(name))[0] is not None

    if layout == "respondent" and not answers_name:  # our one-respondent template, its answers sheet renamed
        answers_name = next((n for n in candidates if n != facts_name and n not in hidden and holds_answers(n)), None)
    if layout == "respondent" and not facts_name:  # and its Respondent sheet
        facts_name = next((n for n in candidates if n != answers_name and n not in hidden
                           and holds_facts(first_rows(n))), None)
    if layout == "respondent":  # the sheet hidden and a visible copy filled in ("Antwoorden (2)"): the copy
        answers_name = _visible_instead(raw, answers_name, hidden, lambda n: n != facts_name and holds_answers(n),
                                        candidates)
        facts_name = _visible_instead(raw, facts_name, hidden, lambda n: n != answers_name
                                      and holds_facts(first_rows(n)), candidates)
    if layout != "respondents" and answers_name and not (layout is None and wide_name):
        answers = load(answers_name)
        if layout == "respondent" or holds_answers(answers_name):
            facts = load(facts_name) if facts_name else None
            read_single(raw, sink, with_formulas(answers), facts, request.frameworks)
            # a copy of the answers sheet for another respondent ("Antwoorden (2)") is said, never lost in silence
            for name in candidates:
                if name not in (answers_name, facts_name) and name not in hidden and holds_answers(name):
                    raw.problems.append(Problem.make(WARNING, "problem.sheet_not_read", file=raw.file, sheet=name,
                                                     read=answers_name))
            return
    preferred = [wide_name] if wide_name else []
    ordered = preferred + sorted((n for n in candidates if n not in preferred), key=lambda n: n in hidden)
    frameworks = request.frameworks
    if not request.explicit and raw.framework_id:
        frameworks = tuple(f for f in frameworks if f.id == raw.framework_id) or frameworks
    if raw.framework_id and raw.framework_version:  # a file made with an earlier version reads with it
        frameworks = tuple(dict.fromkeys(same_version_of(f, raw.framework_version) if f.id == raw.framework_id
                                         else f for f in frameworks))
    _read_tables(raw, sink, (load(n) for n in ordered), request, frameworks, stop_early=bool(preferred),
                 prepare=with_formulas)
    read = next((row[1] for row in raw.column_map), None)  # the sheet the respondents came from
    if wide_name and read:  # the list went on in a copy of its sheet ("Respondenten (2)"): said
        for name in candidates:
            if (name != read and name not in hidden and normalise_label(name).startswith(normalise_label(wide_name))
                    and _question_ids(first_rows(name)) >= _COPY_MIN_IDS):
                raw.problems.append(Problem.make(WARNING, "problem.rows_not_read", file=raw.file, sheet=name,
                                                 read=read))


_PEEK_ROWS = 40  # rows read of a sheet that is only looked at (is it another answers sheet?)
_COPY_MIN_IDS = 5  # question ids in a sheet's first rows that make it a copy of the respondents sheet


def _question_ids(cells) -> int:
    """Header cells naming a question id ("VIS-1 Huidig") in a sheet's first rows."""
    return sum(1 for row in cells.tolist() for value in row if isinstance(value, str) and ID_PATTERN.search(value))


def _visible_instead(raw: RawSurvey, name: str | None, hidden: set[str], fits, candidates: list[str]) -> str | None:
    """`name`, or when it is hidden the first visible sheet that `fits` (a copy made to fill in, the
    original hidden): the hidden one is said, never read in silence over what the person can see."""
    if name is None or name not in hidden:
        return name
    shown = next((n for n in candidates if n not in hidden and fits(n)), None)
    if shown is None:
        return name
    raw.problems.append(Problem.make(WARNING, "problem.hidden_original", file=raw.file, sheet=name, read=shown))
    return shown


def _load_sheet(book: calamine.CalamineWorkbook, name: str, request: ParseRequest, hidden: bool) -> Sheet:
    sheet = book.get_sheet_by_name(name)
    end = sheet.end
    if end is not None:
        # Before any Python object is made: a used area past the limits is refused here too
        # (cells a quick scan cannot place, such as cells without a reference).
        extent = scans._Extent(request.name, name, request.limits)
        extent.see(end[0], end[1])
        extent.check_cells()
    rows = sheet.to_python(skip_empty_area=False) if end is not None else []
    try:
        merged = sheet.merged_cell_ranges or []
    except Exception:  # noqa: BLE001 - not every format knows merged cells
        merged = []
    return Sheet(name, grid(rows), list(merged), set(), hidden)


def known_slots(table: Table) -> int:
    """The answer columns of a table whose question its framework knows."""
    known = table.framework.has_question
    return sum(1 for m in table.matches if m.question and m.field in (CURRENT, TARGET)
               and m.matched_by in QUESTION_VERDICTS and known(m.question))


def clear_margin(best: int, rival: int) -> bool:
    """A framework fits clearly better than a rival: more than a quarter more answer columns known."""
    return best * 4 > rival * 5


_SEPARATOR_NAMES = {
    ",": {"separators_nl": "komma's", "separators_en": "commas", "separator_nl": "komma", "separator_en": "comma"},
    ";": {"separators_nl": "puntkomma's", "separators_en": "semicolons", "separator_nl": "puntkomma",
          "separator_en": "semicolon"},
    "\t": {"separators_nl": "tabs", "separators_en": "tabs", "separator_nl": "tab", "separator_en": "tab"},
}


def _csv_in_one_column(cells: np.ndarray) -> str:
    """The separator when a sheet's first rows are a CSV file's lines in column A (Excel opened a CSV
    whose separator is not the one its language expects, and the file was saved as a workbook); else "".
    A first row with anything beside column A (every real table) is turned away at once."""
    if not cells.size or any(v not in (None, "") for v in cells[0, 1:].tolist()):
        return ""
    rows = [row for row in cells[:10].tolist() if any(v not in (None, "") for v in row)]
    if len(rows) < 2 or any(not isinstance(row[0], str) or any(v not in (None, "") for v in row[1:]) for row in rows):
        return ""
    return next((sep for sep in _SEPARATOR_NAMES if all(row[0].count(sep) >= 3 for row in rows)), "")


def _ids_down_a_column(sheet: Sheet) -> tuple[str, str, int] | None:
    """(cell of the first, the first, how many) when one of a sheet's first columns holds five or more question
    ids one under another: a table turned on its side (respondents in columns), or our one-person layout."""
    cells = sheet.cells[:200, :3]
    for col in range(cells.shape[1] if cells.ndim == 2 else 0):
        rows, ids = [], set()
        for r, v in enumerate(cells[:, col].tolist()):
            if type(v) is str and (found := ID_PATTERN.match(v.strip())):
                rows.append(r)
                ids.add(found.group(1).upper())
        if len(ids) >= 5:
            return cell_ref(rows[0], col), str(cells[rows[0], col]).strip(), len(ids)
    return None


def _read_tables(raw: RawSurvey, sink: CellSink, sheets, request: ParseRequest,
                 frameworks: tuple[Framework, ...], stop_early: bool = False,
                 prepare: Callable[[Sheet], Sheet] | None = None) -> None:
    """Read the sheet whose header maps most answer columns (for the framework that fits best).

    A column counts for a framework only when that framework knows its question (by id, an
    earlier id, or text): ids of another framework do not. Without a framework named (by the
    caller or the file's metadata), one that fits barely better than another framework is not a
    choice but a guess: the user is asked to name it."""
    best: Table | None = None
    best_known = -1
    fit: dict[str, int] = {}  # framework id -> most answer columns it knows, over its versions and the sheets
    seen: list[Sheet] = []
    rules = rules_by_header(request.mapping) if request.mapping else None
    one_column: tuple[str, str] | None = None  # (sheet, separator): CSV lines in column A, for the message
    found: list[tuple[Table, int]] = []  # (table, answer columns its framework knows) per sheet and framework
    best_rank: tuple[int, int, bool] = (-1, -1, False)
    for sheet in sheets:
        seen.append(sheet)
        if best is None and one_column is None and (separator := _csv_in_one_column(sheet.cells)):
            one_column = (sheet.name, separator)
        for framework in frameworks:
            table = find_table(sheet, framework, rules)
            if table is None:
                continue
            known = known_slots(table)
            fit[framework.id] = max(fit.get(framework.id, 0), known)
            found.append((table, known))
            # Equal columns: a visible sheet before a hidden one, then the one with more responses (a Google
            # Sheet whose form was linked again: "Formulierreacties 2" holds the old responses and the new)
            rank = (known, table.slots, not sheet.hidden)
            if best is None or rank > best_rank or (rank == best_rank and filled_rows(sheet, table.header_row)
                                                    > filled_rows(best.sheet, best.header_row)):
                best, best_known, best_rank = table, known, rank
        if stop_early and best is not None:
            break
    if best is None:
        if one_column is not None:
            name, separator = one_column
            raw.problems.append(Problem.make(ERROR, "problem.csv_in_one_column", file=raw.file, sheet=name,
                                             cell="A1", **_SEPARATOR_NAMES[separator]))
            return
        for sheet in seen:  # the questions down a column, the respondents across: said as such
            turned = _ids_down_a_column(sheet)
            if turned is not None:
                cell, first, n = turned
                raw.problems.append(Problem.make(ERROR, "problem.questions_in_rows", file=raw.file, sheet=sheet.name,
                                                 cell=cell, first=first, n=n))
                return
        example = frameworks[0].questions[0].id if frameworks else "VIS-1"
        raw.problems.append(Problem.make(ERROR, "problem.no_question_columns", file=raw.file,
                                         sheet=seen[0].name if len(seen) == 1 else "", example=example,
                                         rows=HEADER_SEARCH_ROWS))
        return
    if not request.explicit and raw.framework_id is None:
        rivals = sorted(((n, fid) for fid, n in fit.items() if fid != best.framework.id), reverse=True)
        if rivals and rivals[0][0] and not clear_margin(best_known, rivals[0][0]):
            chosen = {f.id: f for f in frameworks}
            ids = [best.framework.id] + [fid for n, fid in rivals if not clear_margin(best_known, n)]
            raw.problems.append(Problem.make(
                ERROR, "problem.framework_ambiguous", file=raw.file, sheet=best.sheet.name,
                **{f"frameworks_{lang}": ", ".join(f"{chosen[fid].name(lang)} ({fit[fid]})" for fid in ids)
                   for lang in LANGUAGES}))
            return
    if not request.explicit and raw.framework_id is None and len(frameworks) > 1:
        raw.framework_id = best.framework.id
        versions = framework_versions(best.framework.id)
        if raw.framework_version is None and versions and best.framework.version != versions[-1]:
            raw.framework_version = best.framework.version  # its headers are an earlier version's texts
        matched = Counter(m.version for m in best.matches if m.version)
        if raw.framework_version is None and matched:
            version, count = matched.most_common(1)[0]
            if version != best.framework.version and count * 2 > sum(matched.values()):
                raw.framework_version = version  # most headers are an earlier version's texts: score on it
    if best.sheet.hidden:
        raw.problems.append(Problem.make(WARNING, "problem.hidden_sheet", file=raw.file, sheet=best.sheet.name))
    # Another visible sheet with responses to the same questions is said, never left out in silence.
    for name in dict.fromkeys(t.sheet.name for t, known in found if t.sheet is not best.sheet
                              and not t.sheet.hidden and known * 2 >= best_known
                              and filled_rows(t.sheet, t.header_row) >= 2):
        raw.problems.append(Problem.make(WARNING, "problem.responses_not_read", file=raw.file, sheet=name,
                                         read=best.sheet.name))
    if prepare is not None:
        prepare(best.sheet)
    read_table(raw, sink, best)
