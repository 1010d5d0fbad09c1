"""What reading a survey produces: a tidy answers table, respondent facts and problems found."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from omni.framework import Framework
from omni.survey.problems import ERROR, WARNING, Problem, cell_ref, column_letter

if TYPE_CHECKING:  # pandas is imported where a table is made: the parser worker never needs it
    import pandas as pd

__all__ = ["ANSWER_COLUMNS", "COLUMN_MAP_COLUMNS", "ERROR", "FACT_FIELDS", "IMPORTANCE_COLUMNS", "IMPORTANCE_PREFIX",
           "RESPONDENT_COLUMNS", "WARNING", "Problem", "RespondentAnswers", "Survey", "cell_ref", "column_letter",
           "empty_answers", "empty_column_map", "empty_importance", "empty_respondents", "importance_dimension",
           "importance_key"]

# current_na / target_na: not applicable or don't know (left out of scores); current_dk /
# target_dk: of those, the ones marked "don't know" (so n/a alone is na and not dk).
ANSWER_COLUMNS = ("respondent", "question", "dimension", "current", "target",
                  "current_na", "target_na", "comment", "current_dk", "target_dk")
FACT_FIELDS = ("name", "role", "department", "organisation", "sector", "size_band",
               "channel_model", "date", "unit")  # unit: the brand, country or business unit of a group (#19)
RESPONDENT_COLUMNS = ("respondent", *FACT_FIELDS, "source")
# How each column was read: matched_by is the verdict (id / text / fact / ignored / unmapped, or
# "summary row" for a skipped row), reason says why ("id", "exact text", "shortened text",
# "fuzzy 93", "grid row: exact text", "exact text, repeated (2)", "ambiguous: VIS-1, VIS-2"),
# version is the framework version whose text matched, values how the answer cells were read
# ("option text ×12, fuzzy 91 ×1, n/a ×2").
COLUMN_MAP_COLUMNS = ("file", "sheet", "column", "header", "question", "field", "matched_by", "reason",
                      "version", "values")
# Per respondent and dimension: how important the dimension is for the strategy over the next 2-3
# years (1-5); n/a, don't know and blank are left out like scores (importance_na: n/a or don't know;
# importance_dk: of those, don't know). Files made before importance was asked have none.
IMPORTANCE_COLUMNS = ("respondent", "dimension", "importance", "importance_na", "importance_dk")
# Where importance travels alongside question answers (web rounds, saved waves): a pseudo question id.
IMPORTANCE_PREFIX = "importance:"


@dataclass(frozen=True, eq=False)
class Survey:
    """Everything read from one or more uploaded files for one organisation."""

    framework: Framework
    answers: pd.DataFrame  # one row per respondent and question, ANSWER_COLUMNS
    respondents: pd.DataFrame  # one row per respondent, RESPONDENT_COLUMNS
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    # how the columns of one-row-per-respondent sheets were read: COLUMN_MAP_COLUMNS
    column_map: pd.DataFrame = field(default_factory=lambda: empty_column_map())
    # one row per respondent and dimension rated (IMPORTANCE_COLUMNS); empty when not asked
    importance: pd.DataFrame = field(default_factory=lambda: empty_importance())

    def __post_init__(self) -> None:
        # Errors first, so the first thing a user reads is what blocks scoring (a stable partition:
        # a big file has thousands of "not answered" warnings, so no sort key per problem).
        errors = tuple(p for p in self.problems if p.severity == ERROR)
        warnings = tuple(p for p in self.problems if p.severity != ERROR)
        object.__setattr__(self, "problems", errors + warnings)
        object.__setattr__(self, "_errors", errors)  # problems is fixed: `ok` need not look again
        object.__setattr__(self, "_warnings", warnings)

    @property
    def errors(self) -> tuple[Problem, ...]:
        known = self.__dict__.get("_errors")  # absent in a Survey pickled before it was kept
        return known if known is not None else tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        known = self.__dict__.get("_warnings")
        return known if known is not None else tuple(p for p in self.problems if not p.is_error)

    @property
    def ok(self) -> bool:
        """True when nothing blocks scoring."""
        return not self.errors

    @property
    def text_versions(self) -> tuple[str, ...]:
        """The framework versions whose question texts the columns matched (newest first);
        empty when every column was found by id or by the user's mapping."""
        found = {v for v in self.column_map["version"].tolist() if v} if "version" in self.column_map else set()
        return tuple(sorted(found, key=lambda v: [int(p) if p.isdigit() else p for p in v.split(".")], reverse=True))

    @cached_property
    def organisation(self) -> str:
        """The name most respondents gave: worked out once (every page and export asks, some several
        times a run), as the tables it reads never change after reading."""
        names = self.respondents["organisation"].dropna().astype(str).str.strip()
        names = names[names != ""]
        return str(names.mode().iloc[0]) if len(names) else ""


@dataclass
class RespondentAnswers:
    """One respondent's facts and answers as plain values (demo data, tests, web answers)."""

    facts: Mapping[str, object] = field(default_factory=dict)
    # question id -> (current, target, comment); a score is 1..5, "na", "dk" (don't know) or None (blank)
    answers: Mapping[str, tuple[object, object, str]] = field(default_factory=dict)
    # dimension id -> importance for the strategy (1..5, "dk" (don't know), "na" (older files) or None)
    importance: Mapping[str, object] = field(default_factory=dict)


def importance_key(dimension: str) -> str:
    """The pseudo question id under which a dimension's importance is stored with answers."""
    return IMPORTANCE_PREFIX + dimension


def importance_dimension(key: str) -> str | None:
    """The dimension id of an importance pseudo question id; None for a real question id."""
    return key[len(IMPORTANCE_PREFIX):] if isinstance(key, str) and key.startswith(IMPORTANCE_PREFIX) else None


def empty_answers() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in ANSWER_COLUMNS})


def empty_importance() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({"respondent": pd.Series(dtype="object"), "dimension": pd.Series(dtype="object"),
                         "importance": pd.Series(dtype="float64"), "importance_na": pd.Series(dtype="bool"),
                         "importance_dk": pd.Series(dtype="bool")})


def empty_column_map() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMN_MAP_COLUMNS})


def empty_respondents() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype="object") for c in RESPONDENT_COLUMNS})


def _dtype(column: str) -> str:
    return {"current": "float64", "target": "float64", "current_na": "bool",
            "target_na": "bool", "current_dk": "bool", "target_dk": "bool"}.get(column, "object")
