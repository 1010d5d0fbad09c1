"""A problem with one place in an uploaded file (invitee lists, action plans): where and why.

Plain Python. Each reader names its own message keys (wording and column names differ per file
kind); the rule for turning a place into a message is written once here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from omni.i18n import t


@dataclass(frozen=True)
class FileProblem:
    """A bad row or file: where (file, sheet and cell, or row and column) and why, in either language.

    `reason` is a TranslatedError of the reader (message(lang)) or a survey intake Problem, which
    already names its place (describe(lang)).
    """

    file: str
    reason: object
    sheet: str = ""
    cell: str = ""
    row: int | None = None
    column: str = ""

    cell_key: ClassVar[str] = ""  # placeholders: file, sheet, cell, text
    row_key: ClassVar[str] = ""  # placeholders: file, row, column, text
    column_prefix: ClassVar[str] = ""  # + column code = the column's name in the user's language

    def message(self, lang: str) -> str:
        if hasattr(self.reason, "describe"):
            return self.reason.describe(lang)
        text = self.reason.message(lang)
        if self.cell and self.sheet:
            return t(self.cell_key, lang, file=self.file, sheet=self.sheet, cell=self.cell, text=text)
        if self.row is not None:
            column = t(self.column_prefix + self.column, lang) if self.column else "-"
            return t(self.row_key, lang, file=self.file, row=self.row, column=column, text=text)
        return text
