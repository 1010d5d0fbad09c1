"""Reading uploaded files into one Survey: picks the format reader, then validates once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from omni.framework import Framework
from omni.survey.model import ERROR, Problem, RespondentAnswers, Survey
from omni.survey.validate import build_survey
from omni.survey.workbook import COMMENT, CURRENT, TARGET, RawSurvey, fact_value, read_workbook

WORKBOOK_EXTENSIONS = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class SurveyFile:
    """An uploaded file: its name as the user knows it, and its bytes."""

    name: str
    data: bytes


def read_raw(file: SurveyFile) -> RawSurvey:
    """Locate respondents and answers in one file, whatever its format."""
    ext = Path(file.name).suffix.lower()
    if ext in WORKBOOK_EXTENSIONS:
        return read_workbook(file.name, file.data)
    raw = RawSurvey(file=file.name)
    raw.problems.append(Problem.make(ERROR, "problem.unsupported_format", file=file.name,
                                     ext=ext or file.name))
    return raw


def read_survey(files: Iterable[SurveyFile | Path | str], framework: Framework | None = None) -> Survey:
    """Read one or more files of one organisation into a validated Survey."""
    raws = []
    for item in files:
        if not isinstance(item, SurveyFile):
            path = Path(item)
            try:
                item = SurveyFile(path.name, path.read_bytes())
            except OSError as exc:
                raw = RawSurvey(file=str(path))
                raw.problems.append(Problem.make(ERROR, "problem.unreadable", file=str(path),
                                                 detail=exc.strerror or type(exc).__name__))
                raws.append(raw)
                continue
        raws.append(read_raw(item))
    return build_survey(raws, framework)


def survey_from_answers(framework: Framework, respondents: Iterable[RespondentAnswers],
                        source: str = "") -> Survey:
    """A Survey from answers given as values (not a file), validated exactly like an upload."""
    raw = RawSurvey(file=source, framework_id=framework.id, framework_version=framework.version)
    for index, respondent in enumerate(respondents, start=1):
        key = str(index)
        raw.respondents.append({"key": key, "source": source or key,
                                **{k: fact_value(k, v) for k, v in respondent.facts.items()}})
        for qid, (current, target, comment) in respondent.answers.items():
            for fld, value in ((CURRENT, current), (TARGET, target), (COMMENT, comment)):
                raw.cells.append((key, qid, fld, "n/a" if value == "na" else value, "", -1, -1))
    return build_survey([raw], framework)
