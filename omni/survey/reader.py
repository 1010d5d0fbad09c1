"""Reading uploaded files into one Survey: checks, isolated parsing, then one validation.

For every file: `preflight` decides from the bytes' headers what the file is and whether it is
within the limits; the parser (scan, then python-calamine or the CSV reader) runs in a limited
worker process (`omni.survey.isolation`); what it found is validated once for all files
together (`omni.survey.validate`). Bad input never raises: it becomes a Problem.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from omni.framework import (
    DEFAULT_FRAMEWORK_ID,
    Framework,
    builtin_frameworks,
    framework_versions,
    get_framework,
)
from omni.survey.cells import classify
from omni.survey.isolation import parse_isolated
from omni.survey.limits import IntakeLimits
from omni.survey.mapping import ColumnRule, parse_mapping
from omni.survey.model import ERROR, WARNING, Problem, RespondentAnswers, Survey
from omni.survey.parse import ParseRequest
from omni.survey.preflight import preflight
from omni.survey.raw import CURRENT, TARGET, CellSink, RawSurvey
from omni.survey.validate import build_survey
from omni.survey.workbook import fact_value


@dataclass(frozen=True)
class SurveyFile:
    """An uploaded file: its name as the user knows it, and its bytes."""

    name: str
    data: bytes


def _candidate_frameworks(framework: Framework | None) -> tuple[Framework, ...]:
    if framework is not None:
        return (framework,)
    frameworks = builtin_frameworks()
    ordered = sorted(frameworks.values(), key=lambda f: f.id != DEFAULT_FRAMEWORK_ID)
    # earlier shipped versions after every newest one: a tie in matched columns goes to the newest
    earlier = [get_framework(f.id, v) for f in ordered for v in reversed(framework_versions(f.id)) if v != f.version]
    return tuple(ordered + earlier)


def _load(item: SurveyFile | Path | str, limits: IntakeLimits) -> tuple[SurveyFile | None, Problem | None]:
    if isinstance(item, SurveyFile):
        return item, None
    path = Path(item)
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:  # refused without reading it into memory
            return None, Problem.make(ERROR, "problem.limit_file_size", file=path.name,
                                      size=round(size / 2**20, 2), limit=float(limits.max_file_mb))
        return SurveyFile(path.name, path.read_bytes()), None
    except OSError as exc:
        return None, Problem.make(ERROR, "problem.unreadable", file=str(path),
                                  detail=exc.strerror or type(exc).__name__)


@contextmanager
def _collection_paused() -> Iterator[None]:
    """Validation makes many short-lived objects and no cycles: don't let the cyclic garbage
    collector walk the heap over and over meanwhile."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_survey(files: Iterable[SurveyFile | Path | str], framework: Framework | None = None, *,
                limits: IntakeLimits | None = None, keep_duplicates: bool = False,
                mapping: Iterable[ColumnRule] | Mapping[str, object] | None = None) -> Survey:
    """Read one or more files of one organisation into a validated Survey.

    A person who submitted twice (same e-mail address, else same name) counts once, with the
    latest response, and the dropped rows are reported; `keep_duplicates` counts every row.
    `mapping` (rules, or plain data as in a mapping file; see omni.survey.mapping) says what
    columns hold, over the automatic matching; a malformed one raises MappingError."""
    rules = parse_mapping(mapping) if isinstance(mapping, Mapping) else tuple(mapping or ())
    with _collection_paused():
        return _read_survey(files, framework, limits or IntakeLimits.from_env(), keep_duplicates, rules)


def _read_survey(files: Iterable[SurveyFile | Path | str], framework: Framework | None,
                 limits: IntakeLimits, keep_duplicates: bool = False, rules: tuple[ColumnRule, ...] = ()) -> Survey:
    items = list(files)
    problems: list[Problem] = []
    if len(items) > limits.max_files:
        problems.append(Problem.make(ERROR, "problem.limit_files", count=len(items), limit=limits.max_files))
        items = items[: limits.max_files]
    frameworks = _candidate_frameworks(framework)
    seen: dict[str, str] = {}
    slots: list[RawSurvey | ParseRequest] = []
    for item in items:
        file, problem = _load(item, limits)
        if problem is not None:
            raw = RawSurvey(file=problem.file)
            raw.problems.append(problem)
            slots.append(raw)
            continue
        assert file is not None
        digest = hashlib.sha256(file.data).hexdigest()
        if digest in seen:
            problems.append(Problem.make(WARNING, "problem.duplicate_file", file=file.name, other=seen[digest]))
            continue
        seen[digest] = file.name
        checked = preflight(file.name, file.data, limits)
        if checked.refused:
            raw = RawSurvey(file=file.name)
            raw.problems.extend(checked.problems)
            slots.append(raw)
            continue
        problems.extend(checked.problems)
        slots.append(ParseRequest(file.name, file.data, checked.kind, frameworks, framework is not None,
                                  checked.macros, limits, mapping=rules))
    requests = [s for s in slots if isinstance(s, ParseRequest)]
    if len(requests) > 1 and limits.isolate and limits.workers > 1:
        with ThreadPoolExecutor(max_workers=limits.workers) as threads:
            parsed = dict(zip(map(id, requests), threads.map(parse_isolated, requests)))
    else:
        parsed = {id(r): parse_isolated(r) for r in requests}
    raws = [parsed[id(s)] if isinstance(s, ParseRequest) else s for s in slots]
    return build_survey(raws, framework, problems, keep_duplicates=keep_duplicates)


def survey_from_answers(framework: Framework, respondents: Iterable[RespondentAnswers],
                        source: str = "") -> Survey:
    """A Survey from answers given as values (not a file), validated exactly like an upload."""
    raw = RawSurvey(file=source, framework_id=framework.id, framework_version=framework.version)
    sink = CellSink(raw)
    for respondent in respondents:
        index = raw.add_respondents({k: [fact_value(k, v)] for k, v in respondent.facts.items()},
                                    [source or str(raw.respondent_count + 1)])
        qids, fields, values = [], [], []
        for qid, (current, target, comment) in respondent.answers.items():
            for fld, value in ((CURRENT, current), (TARGET, target)):
                qids.append(qid)
                fields.append(fld)
                values.append({"na": "n/a", "dk": "don't know"}.get(value, value) if isinstance(value, str) else value)
            if comment:
                raw.comments.append((index, qid, str(comment), "", -1, -1))
        for dimension, value in respondent.importance.items():
            value = {"na": "n/a", "dk": "don't know"}.get(value, value) if isinstance(value, str) else value
            raw.importance.append((index, dimension, value, "", -1, -1, False))
        array = np.empty(len(values), dtype=object)
        array[:] = values
        sink.add("", np.full(len(values), index), qids, fields, np.full(len(values), -1),
                 np.full(len(values), -1), classify(array), array)
    sink.freeze()
    return build_survey([raw], framework, duplicates=False)
