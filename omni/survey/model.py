"""What reading a survey produces: a tidy answers table, respondent facts and problems found."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from omni.framework import Framework
from omni.i18n import t

ERROR = "error"
WARNING = "warning"

ANSWER_COLUMNS = ("respondent", "question", "dimension", "current", "target",
                  "current_na", "target_na", "comment")
FACT_FIELDS = ("name", "role", "department", "organisation", "sector", "size_band",
               "channel_model", "date")
RESPONDENT_COLUMNS = ("respondent", *FACT_FIELDS, "source")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as the file allows."""

    severity: str
    key: str
    params: tuple[tuple[str, Any], ...] = ()
    file: str = ""
    sheet: str = ""
    cell: str = ""

    @classmethod
    def make(cls, severity: str, key: str, *, file: str = "", sheet: str = "", cell: str = "",
             **params: Any) -> Problem:
        return cls(severity, key, tuple(params.items()), file, sheet, cell)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def message(self, lang: str) -> str:
        params = {k: t(v, lang) if isinstance(v, str) and v.startswith("field.") else v
                  for k, v in self.params}
        return t(self.key, lang, **params)

    @property
    def location(self) -> str:
        """`file: Sheet!E14`, leaving out what is not known."""
        place = f"{self.sheet}!{self.cell}" if self.sheet and self.cell else self.sheet or self.cell
        return ": ".join(p for p in (self.file, place) if p)

    def describe(self, lang: str) -> str:
        """The full line a user reads: location, severity and message."""
        head = f"{self.location}: " if self.location else ""
        return f"{head}{self.message(lang)} [{t('severity.' + self.severity, lang)}]"

    def to_dict(self) -> dict[str, str]:
        return {"severity": self.severity, "file": self.file, "sheet": self.sheet,
                "cell": self.cell, "message_nl": self.message("nl"),
                "message_en": self.message("en")}


@dataclass(frozen=True, eq=False)
class Survey:
    """Everything read from one or more uploaded files for one organisation."""

    framework: Framework
    answers: pd.DataFrame  # one row per respondent and question, ANSWER_COLUMNS
    respondents: pd.DataFrame  # one row per respondent, RESPONDENT_COLUMNS
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        # Errors first, so the first thing a user reads is what blocks scoring.
        object.__setattr__(self, "problems", tuple(sorted(self.problems, key=lambda p: not p.is_error)))

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def ok(self) -> bool:
        """True when nothing blocks scoring."""
        return not self.errors

    @property
    def organisation(self) -> str:
        names = self.respondents["organisation"].dropna().astype(str).str.strip()
        names = names[names != ""]
        return str(names.mode().iloc[0]) if len(names) else ""


@dataclass
class RespondentAnswers:
    """One respondent's facts and answers as plain values (demo data, tests, web answers)."""

    facts: Mapping[str, object] = field(default_factory=dict)
    # question id -> (current, target, comment); a score is 1..5, "na" or None (blank)
    answers: Mapping[str, tuple[object, object, str]] = field(default_factory=dict)


def empty_answers() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in ANSWER_COLUMNS})


def empty_respondents() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in RESPONDENT_COLUMNS})


def _dtype(column: str) -> str:
    return {"current": "float64", "target": "float64", "current_na": "bool",
            "target_na": "bool"}.get(column, "object")
