"""A problem found in an input file: what is wrong, where, in Dutch and English.

Kept free of pandas so the parser worker process (omni.survey.isolation) starts quickly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from omni.format import flexible_number
from omni.i18n import TEXTS, LocalText, t

ERROR = "error"
WARNING = "warning"

# Parameter values that are themselves text keys (translated when the message is shown).
_TRANSLATED_PREFIXES = ("field.", "kind.")


def _shown(value: Any, lang: str) -> Any:
    """A parameter as the reader of `lang` writes it: text keys translated, numbers grouped
    (1,048,576 and 0.5 in English; 1.048.576 and 0,5 in Dutch)."""
    if isinstance(value, str):
        return t(value, lang) if value.startswith(_TRANSLATED_PREFIXES) and value in TEXTS else value
    if isinstance(value, LocalText):  # a framework's text, such as a dimension's name
        return value(lang)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    return flexible_number(value, lang)


def column_letter(col: int) -> str:
    """A 0-based column index as Excel letters: 0 -> A, 26 -> AA."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    """A 0-based row/column as an Excel reference such as E14 ("" when not from a sheet)."""
    if row < 0 or col < 0:
        return ""
    return f"{column_letter(col)}{row + 1}"


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

    @classmethod
    def many(cls, severity: str, key: str,
             located: Iterable[tuple[tuple[tuple[str, Any], ...], str, str, str]]) -> list[Problem]:
        """Problems of one kind, from (params, file, sheet, cell): the same objects as the
        constructor's, made without its per-field frozen-attribute checks (a file with ten
        thousand respondents can have that many unanswered cells)."""
        new = object.__new__
        out = []
        for params, file, sheet, cell in located:
            problem = new(cls)
            fields = problem.__dict__
            fields["severity"], fields["key"], fields["params"] = severity, key, params
            fields["file"], fields["sheet"], fields["cell"] = file, sheet, cell
            out.append(problem)
        return out

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def message(self, lang: str) -> str:
        params = {k: _shown(v, lang) for k, v in self.params}
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


@dataclass(frozen=True)
class ProblemGroup:
    """Problems that say the same thing about the same sheet (one question left blank by 250
    respondents), shown as one line with every cell named, so a big file's report stays readable."""

    first: Problem
    cells: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.cells)

    def cell_list(self, lang: str, shown: int = 8) -> str:
        """`E5`, or `Y2, Y17, Y40 … (+247)` for many cells."""
        cells = [c for c in self.cells if c]
        if len(cells) <= shown:
            return ", ".join(cells)
        more = t("problems.more_cells", lang, n=_shown(len(cells) - shown, lang))
        return ", ".join(cells[:shown]) + f" … {more}"


def grouped(problems: list[Problem] | tuple[Problem, ...]) -> list[ProblemGroup]:
    """Problems with the same severity, message, file and sheet as one group each, in the order
    their first cell was found (so errors stay first when they came first)."""
    groups: dict[tuple, list[Problem]] = {}
    for problem in problems:
        groups.setdefault((problem.severity, problem.key, problem.params, problem.file, problem.sheet),
                          []).append(problem)
    return [ProblemGroup(members[0], tuple(p.cell for p in members)) for members in groups.values()]
