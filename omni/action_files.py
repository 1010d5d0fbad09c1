"""The action plan as files: Excel (drop-downs for status and dimension, real dates), CSV, and an .ics
calendar of due dates; and reading an edited Excel or CSV plan back, all rows or none.

Text a person typed never becomes a live formula: Excel cells that start like one are quote-prefixed,
CSV cells get a leading apostrophe (removed again on import). Files are read through the survey
intake's safety checks (size, zip bombs, formulas) before any cell is looked at.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from omni.actions import FIELDS, STATUSES, Action, ActionError, ActionFields, check_fields, status_label
from omni.attributes import normalise_label
from omni.export.text import clean_text, csv_safe, is_formula_like
from omni.file_problem import FileProblem
from omni.framework import Framework
from omni.i18n import LANGUAGES, t

COLUMNS = ("id", "wave", *FIELDS, "version")
MAX_ROWS = 2000
_VALIDATED_ROWS = 1000  # the drop-downs reach this far below the header


def _cells(action: Action, framework: Framework, lang: str) -> dict[str, object]:
    f = action.fields
    dimension = framework.dimension(f.dimension).name(lang) if f.dimension in {
        d.id for d in framework.dimensions} else f.dimension
    return {"id": action.id, "wave": action.wave, "title": f.title, "dimension": dimension,
            "questions": ", ".join(f.questions), "target_level": f.target_level, "owner_name": f.owner_name,
            "owner_role": f.owner_role, "start_date": f.start_date, "due_date": f.due_date,
            "status": status_label(f.status, lang), "notes": f.notes, "version": action.version}


def plan_to_xlsx(actions: Sequence[Action], framework: Framework, lang: str) -> bytes:
    """An Excel workbook: the actions on one sheet with drop-downs for status and dimension, dates as dates."""
    book = Workbook()
    sheet = book.active
    sheet.title = t("actions.sheet", lang)
    lists = book.create_sheet(t("actions.sheet_lists", lang))
    dimensions = [d.name(lang) for d in framework.dimensions]
    statuses = [status_label(s, lang) for s in STATUSES]
    lists.append([t("actions.col.dimension", lang), t("actions.col.status", lang)])
    for row in range(max(len(dimensions), len(statuses))):
        lists.append([dimensions[row] if row < len(dimensions) else None,
                      statuses[row] if row < len(statuses) else None])
    lists.sheet_state = "hidden"
    sheet.append([t(f"actions.col.{c}", lang) for c in COLUMNS])
    for action in actions:
        cells = _cells(action, framework, lang)
        sheet.append([clean_text(v) if isinstance(v, str) else v for v in (cells[c] for c in COLUMNS)])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, str) and is_formula_like(cell.value):
                cell.data_type = "s"  # text, never a formula
                cell.quotePrefix = True
    title = lists.title.replace("'", "''")
    for column, source, count in (("dimension", "A", len(dimensions)), ("status", "B", len(statuses))):
        letter = get_column_letter(COLUMNS.index(column) + 1)
        rule = DataValidation(type="list", formula1=f"'{title}'!${source}$2:${source}${count + 1}",
                              allow_blank=column != "status", showErrorMessage=True)
        rule.error = t("actions.err.bad_" + column, lang, value="…", options=", ".join(
            dimensions if column == "dimension" else statuses))
        sheet.add_data_validation(rule)
        rule.add(f"{letter}2:{letter}{_VALIDATED_ROWS + 1}")
    level = DataValidation(type="whole", operator="between", formula1="1", formula2="5", allow_blank=True)
    letter = get_column_letter(COLUMNS.index("target_level") + 1)
    sheet.add_data_validation(level)
    level.add(f"{letter}2:{letter}{_VALIDATED_ROWS + 1}")
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = {"title": 40, "notes": 60, "dimension": 26}.get(
            column, 14)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def plan_to_csv(actions: Sequence[Action], framework: Framework, lang: str) -> bytes:
    """CSV with a header in `lang` (";" between cells for Dutch Excel, "," for English); UTF-8 with BOM."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if lang == "nl" else ",", lineterminator="\r\n")
    writer.writerow([t(f"actions.col.{c}", lang) for c in COLUMNS])
    for action in actions:
        cells = _cells(action, framework, lang)
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, dt.date) else
                         csv_safe(v) if isinstance(v, str) else v for v in (cells[c] for c in COLUMNS)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# --- the calendar (RFC 5545) ------------------------------------------------------------------------


def _ics_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    value = clean_text(value).replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets folded with CRLF + space, never inside a UTF-8 character (3.1)."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > (75 if not parts else 74):
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def plan_to_ics(actions: Sequence[Action], framework: Framework, lang: str, *, organisation_key: str = "omni",
                now: dt.datetime | None = None) -> bytes:
    """An iCalendar file with one all-day event on each action's due date (actions without one are left out)."""
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//Omnichannel Maturity Dashboard//Action plan//{lang.upper()}",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for action in actions:
        f = action.fields
        if f.due_date is None:
            continue
        dimension = framework.dimension(f.dimension).name(lang) if f.dimension in {
            d.id for d in framework.dimensions} else f.dimension
        description = t("actions.ics_description", lang, dimension=dimension, owner=action.owner or "-",
                        status=status_label(f.status, lang))
        lines += ["BEGIN:VEVENT", f"UID:action-{action.id}-{organisation_key}@omni-dashboard", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{f.due_date:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{f.due_date + dt.timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{_ics_text(t('actions.ics_summary', lang, title=f.title))}",
                  f"DESCRIPTION:{_ics_text(description)}",
                  f"STATUS:{'CANCELLED' if f.status == 'dropped' else 'CONFIRMED'}",
                  f"SEQUENCE:{action.version - 1}", "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


# --- reading a plan back -----------------------------------------------------------------------------


class ImportProblem(FileProblem):
    """A bad row or file of an action plan."""

    cell_key = "actions.err.cell"
    row_key = "actions.err.csv_cell"
    column_prefix = "actions.col."


@dataclass(frozen=True)
class PlanFile:
    """What a plan file holds: new actions, changes to existing ones (id, version), and problems."""

    new: tuple[ActionFields, ...] = ()
    changes: tuple[tuple[int, int, ActionFields], ...] = ()
    problems: tuple[ImportProblem, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems


def _header_lookup() -> dict[str, str]:
    lookup = {normalise_label(c): c for c in COLUMNS}
    for column in COLUMNS:
        for lang in LANGUAGES:
            lookup[normalise_label(t(f"actions.col.{column}", lang))] = column
    return lookup


def _uncsv(value: object) -> object:
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and is_formula_like(value[1:]):
        return value[1:]
    return value


def _whole(value: object, column: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        raise ActionError("bad_number", field=column, value=str(value)[:40]) from None
    if not number.is_integer() or number < 1:
        raise ActionError("bad_number", field=column, value=str(value)[:40])
    return int(number)


def read_plan_file(name: str, data: bytes, framework: Framework) -> PlanFile:
    """Read an action plan from an .xlsx or .csv file as exported (headers in Dutch or English).

    Every bad cell is reported with its place; a row with an Id (and Version) changes that action,
    a row without one is a new action."""
    from omni.survey import scan as scans
    from omni.survey.limits import IntakeLimits
    from omni.survey.preflight import preflight
    from omni.survey.scan import ScanRefused
    from omni.survey.textfile import read_csv_rows

    limits = IntakeLimits.from_env()
    checked = preflight(name, data, limits)
    if checked.refused:
        return PlanFile(problems=tuple(ImportProblem(name, p) for p in checked.problems if p.is_error))
    sheet = ""
    try:
        if checked.kind == "csv":
            rows = read_csv_rows(name, data, limits)
            rows = [[_uncsv(v) for v in row] for row in rows]
        elif checked.kind == "xlsx":
            import python_calamine as calamine

            scans.scan_xlsx(name, data, limits)
            book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
            wanted = {normalise_label(t("actions.sheet", lang)) for lang in LANGUAGES}
            names = [m.name for m in book.sheets_metadata if m.typ == calamine.SheetTypeEnum.WorkSheet]
            found = [n for n in names if normalise_label(n) in wanted]
            if not found:
                return PlanFile(problems=(ImportProblem(name, ActionError(
                    "no_sheet", file=name, sheet=" / ".join(t("actions.sheet", lang) for lang in LANGUAGES))),))
            sheet = found[0]
            rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        else:
            return PlanFile(problems=(ImportProblem(name, ActionError("file_type", file=name)),))
    except ScanRefused as refused:
        return PlanFile(problems=(ImportProblem(name, refused.problem),))
    except Exception as exc:  # noqa: BLE001 - calamine and zipfile raise many types for broken files
        return PlanFile(problems=(ImportProblem(name, ActionError("file_unreadable", file=name,
                                                                  reason=type(exc).__name__)),))
    return _plan_from_rows(name, sheet, rows, framework)


def _plan_from_rows(name: str, sheet: str, rows: list[list[object]], framework: Framework) -> PlanFile:
    rows = list(rows)
    while rows and all(v in (None, "") for v in rows[-1]):
        rows.pop()
    if not rows:
        return PlanFile(problems=(ImportProblem(name, ActionError("missing_columns", file=name,
                                                                  columns="Actie / Action")),))
    lookup = _header_lookup()
    columns = {lookup[normalise_label(str(v))]: i for i, v in enumerate(rows[0])
               if v is not None and normalise_label(str(v)) in lookup}
    missing = [" / ".join(dict.fromkeys(t(f"actions.col.{c}", lang) for lang in LANGUAGES))
               for c in ("title", "dimension") if c not in columns]
    if missing:
        return PlanFile(problems=(ImportProblem(name, ActionError("missing_columns", file=name,
                                                                  columns=", ".join(missing))),))
    if len(rows) - 1 > MAX_ROWS:
        return PlanFile(problems=(ImportProblem(name, ActionError("too_many_rows", file=name, limit=MAX_ROWS)),))
    new, changes, problems = [], [], []
    for number, row in enumerate(rows[1:], start=2):
        values = {c: (_uncsv(row[i]) if i < len(row) else None) for c, i in columns.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values.values()):
            continue

        def where(column: str, number: int = number) -> dict[str, object]:
            if sheet:
                return {"sheet": sheet, "cell": f"{get_column_letter(columns.get(column, 0) + 1)}{number}"}
            return {"row": number, "column": column}

        try:
            action_id = _whole(values.get("id"), "id")
            version = _whole(values.get("version"), "version")
            if action_id is not None and version is None:
                raise ActionError("required", field="version")
            fields = check_fields({c: v for c, v in values.items() if c in FIELDS}, framework)
        except ActionError as exc:
            problems.append(ImportProblem(name, exc, **where(exc.field or "title")))
            continue
        if action_id is None:
            new.append(fields)
        else:
            changes.append((action_id, version, fields))
    return PlanFile(tuple(new), tuple(changes), tuple(problems))
