"""The people a manager invites to a survey round: read from a pasted list or a CSV/Excel file, checked.

Plain Python. Files go through the survey intake's safety checks (size, zip bombs, formulas; see
omni.survey.preflight and omni.survey.scan) before any cell is looked at. A list is taken whole or
not at all: every bad row is reported with its place (sheet and cell, or row and column) and why.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from omni.attributes import normalise_label, to_code
from omni.file_problem import FileProblem
from omni.i18n import LANGUAGES, TranslatedError, t

MAX_INVITEES = 2000  # one list; a round's cap is far below
MAX_NAME = 200
MAX_EMAIL = 254  # RFC 5321's limit on a forward path
COLUMNS = ("name", "email", "role", "department", "language")
# An address as mail systems accept it in practice: one @, a dotted domain, no spaces or brackets.
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")


class InviteError(TranslatedError):
    """An invitee list or action that cannot be used; `message(lang)` says why."""

    prefix = "invite.err."


@dataclass(frozen=True)
class Person:
    """One invitee as the manager gave them."""

    email: str
    name: str = ""
    role: str = ""  # a role code (omni.attributes.ROLES) or the text as typed
    department: str = ""
    language: str = ""  # "" = the round's first language


class ListProblem(FileProblem):
    """A bad row or file of an invitee list."""

    cell_key = "invite.err.at_cell"
    row_key = "invite.err.at_row"
    column_prefix = "invite.col."


@dataclass(frozen=True)
class InviteeList:
    people: tuple[Person, ...] = ()
    problems: tuple[ListProblem, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.people)


def check_email(value: object) -> str:
    """An e-mail address as stored (trimmed), or InviteError."""
    text = "" if value is None else str(value).strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    if not text:
        raise InviteError("email_required")
    if len(text) > MAX_EMAIL or not _EMAIL.fullmatch(text):
        raise InviteError("email_bad", value=text[:60])
    return text


def _text(value: object, limit: int = MAX_NAME) -> str:
    text = "" if value is None else str(value)
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    if len(text) > limit:
        raise InviteError("too_long", limit=limit)
    return text


def _header_lookup() -> dict[str, str]:
    lookup = {normalise_label(c): c for c in COLUMNS}
    for column in COLUMNS:
        for lang in LANGUAGES:
            lookup[normalise_label(t(f"invite.col.{column}", lang))] = column
    lookup.update({"e-mail": "email", "email address": "email", "mail": "email", "e-mailadres": "email",
                   "emailadres": "email", "naam": "name", "volledige naam": "name", "full name": "name"})
    return lookup


def _check_person(values: dict[str, object], languages: Sequence[str]) -> Person:
    """One row's cells as a Person; the first bad one raises InviteError with `.column` set."""
    checked: dict[str, str] = {}
    for column in COLUMNS:
        try:
            if column == "email":
                checked[column] = check_email(values.get(column))
            elif column == "language":
                lang = _text(values.get(column)).lower()
                if lang and lang not in languages:
                    raise InviteError("language", value=lang, options=", ".join(languages))
                checked[column] = lang
            elif column == "role":
                checked[column] = to_code("role", _text(values.get(column)))
            else:
                checked[column] = _text(values.get(column))
        except InviteError as exc:
            exc.column = column
            raise
    return Person(**checked)


def people_from_rows(name: str, sheet: str, rows: list[list[object]], languages: Sequence[str]) -> InviteeList:
    """Rows (a header row naming the columns, or none: name, e-mail, role[, department, language])."""
    from openpyxl.utils import get_column_letter

    # numbered as the file shows them (row 1 is the first line), blank lines skipped
    numbered = [(i, list(r)) for i, r in enumerate(rows, start=1) if any(v is not None and str(v).strip() for v in r)]
    rows = [r for _, r in numbered]
    if not rows:
        return InviteeList(problems=(ListProblem(name, InviteError("empty", file=name)),))
    lookup = _header_lookup()
    header = {lookup[normalise_label(str(v))]: i for i, v in enumerate(rows[0])
              if v is not None and normalise_label(str(v)) in lookup}
    first = 1
    if "email" in header:
        columns = header
    elif header or not any("@" in str(v) for v in rows[0]):
        return InviteeList(problems=(ListProblem(name, InviteError("no_email_column", file=name)),))
    else:  # no header: the order the paste box asks for
        columns, first = {c: i for i, c in enumerate(("name", "email", "role", "department", "language"))}, 0
    if len(rows) - first > MAX_INVITEES:
        return InviteeList(problems=(ListProblem(name, InviteError("too_many", file=name, limit=MAX_INVITEES)),))
    people: list[Person] = []
    problems: list[ListProblem] = []
    seen: dict[str, int] = {}
    for number, row in numbered[first:]:
        values = {c: (row[i] if i < len(row) else None) for c, i in columns.items()}

        def where(column: str, number: int = number) -> dict[str, object]:
            if sheet:
                return {"sheet": sheet, "cell": f"{get_column_letter(columns.get(column, 0) + 1)}{number}"}
            return {"row": number, "column": column}

        try:
            person = _check_person(values, languages)
        except InviteError as exc:
            problems.append(ListProblem(name, exc, **where(getattr(exc, "column", "email"))))
            continue
        key = person.email.lower()
        if key in seen:
            problems.append(ListProblem(name, InviteError("duplicate", value=person.email, row=seen[key]),
                                        **where("email")))
            continue
        seen[key] = number
        people.append(person)
    return InviteeList(tuple(people), tuple(problems))


def read_invitee_text(text: str, languages: Sequence[str], name: str = "") -> InviteeList:
    """A pasted list: one person a line, cells separated by tabs (copied from Excel), semicolons or commas."""
    from omni.survey.limits import IntakeLimits
    from omni.survey.scan import ScanRefused
    from omni.survey.textfile import read_csv_rows

    name = name or "-"
    try:
        rows = read_csv_rows(name, text.encode("utf-8"), IntakeLimits.from_env())
    except ScanRefused as refused:
        return InviteeList(problems=(ListProblem(name, refused.problem),))
    return people_from_rows(name, "", rows, languages)


def read_invitee_file(name: str, data: bytes, languages: Sequence[str]) -> InviteeList:
    """An invitee list from a .csv or .xlsx file (the first sheet; headers in Dutch or English)."""
    from omni.survey import scan as scans
    from omni.survey.limits import IntakeLimits
    from omni.survey.preflight import preflight
    from omni.survey.scan import ScanRefused
    from omni.survey.textfile import read_csv_rows

    limits = IntakeLimits.from_env()
    checked = preflight(name, data, limits)
    if checked.refused:
        return InviteeList(problems=tuple(ListProblem(name, p) for p in checked.problems if p.is_error))
    sheet = ""
    try:
        if checked.kind == "csv":
            rows = read_csv_rows(name, data, limits)
        elif checked.kind == "xlsx":
            import python_calamine as calamine

            scans.scan_xlsx(name, data, limits)
            book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
            names = [m.name for m in book.sheets_metadata if m.typ == calamine.SheetTypeEnum.WorkSheet]
            if not names:
                return InviteeList(problems=(ListProblem(name, InviteError("empty", file=name)),))
            sheet = names[0]
            rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        else:
            return InviteeList(problems=(ListProblem(name, InviteError("file_type", file=name)),))
    except ScanRefused as refused:
        return InviteeList(problems=(ListProblem(name, refused.problem),))
    except Exception as exc:  # noqa: BLE001 - calamine and zipfile raise many types for broken files
        return InviteeList(problems=(ListProblem(name, InviteError("file_unreadable", file=name,
                                                                   reason=type(exc).__name__)),))
    return people_from_rows(name, sheet, rows, languages)
