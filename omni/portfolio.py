"""A consultant's portfolio: one row per client organisation the scope may see.

Per client: the latest saved wave of the whole organisation (its date), level, index, target and gap, the progress of the
index since the previous wave, and the open and overdue actions of the improvement plan. Only
organisations inside the engine's scope appear. A client that saved only waves of its units (no
group wave yet) shows its newest unit wave, the unit named; group waves always come first. Only (omni.store.scope: a member sees their own,
an administrator all); the store's own filters and, on PostgreSQL, row-level security keep it so.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from sqlalchemy import Engine

from omni.actions import CLOSED
from omni.export.text import clean_text, is_formula_like
from omni.format import date as format_date
from omni.i18n import t
from omni.scoring import level_of
from omni.store.access import my_organisations
from omni.store.actions import list_actions
from omni.store.assessments import SavedAssessment, list_assessments, wave_units

SORT_KEYS = ("organisation", "wave_date", "index", "gap", "progress", "overdue")


@dataclass(frozen=True)
class Client:
    """One row of the portfolio."""

    organisation_id: int
    organisation: str
    latest_id: int | None  # the newest version of the latest wave (None: nothing saved yet)
    wave: str
    wave_date: dt.date | None
    index: float | None
    target: float | None
    previous_wave: str
    previous_index: float | None
    open_actions: int
    overdue_actions: int
    unit: str = ""  # the unit whose wave this is, when the client has no wave of the whole organisation

    @property
    def wave_label(self) -> str:
        """The wave as the portfolio names it: "Q1 2027", or "Q1 2027 · NL" for a unit's wave."""
        return f"{self.wave} · {self.unit}" if self.wave and self.unit else self.wave

    @property
    def level(self) -> int | None:
        return None if self.index is None else level_of(self.index)

    @property
    def gap(self) -> float | None:
        return None if self.index is None or self.target is None else self.target - self.index

    @property
    def progress(self) -> float | None:
        """Index change since the previous wave (None with fewer than two waves)."""
        return None if self.index is None or self.previous_index is None else self.index - self.previous_index


def portfolio(engine: Engine, today: dt.date | None = None) -> list[Client]:
    """The clients `engine`'s scope may see, by name."""
    today = today or dt.date.today()
    plans: dict[str, list] = {}
    for action in list_actions(engine):
        plans.setdefault(action.organisation, []).append(action)
    clients = []
    for org in my_organisations(engine):
        waves = list_assessments(engine, org.name) or newest_unit_waves(engine, org.name)
        latest = waves[-1] if waves else None
        previous = waves[-2] if len(waves) > 1 else None
        mine = plans.get(org.name, [])
        clients.append(Client(
            organisation_id=org.id, organisation=org.name, latest_id=latest.id if latest else None,
            wave=latest.wave if latest else "", wave_date=latest.wave_date if latest else None,
            index=latest.overall_current if latest else None, target=latest.overall_target if latest else None,
            previous_wave=previous.wave if previous else "",
            previous_index=previous.overall_current if previous else None, unit=latest.unit if latest else "",
            open_actions=sum(1 for a in mine if a.fields.status not in CLOSED),
            overdue_actions=sum(1 for a in mine if a.is_overdue(today))))
    return clients


def newest_unit_waves(engine: Engine, organisation: str) -> list[SavedAssessment]:
    """The waves of the unit with the newest wave (by date, then name: the order waves are listed in), oldest
    first; [] without unit waves. The progress a client row shows stays within that one unit."""
    best: list[SavedAssessment] = []
    for unit in wave_units(engine, organisation):
        waves = list_assessments(engine, organisation, unit=unit)
        if waves and (not best or (waves[-1].wave_date, waves[-1].id) > (best[-1].wave_date, best[-1].id)):
            best = waves
    return best


def sort_clients(clients: Sequence[Client], key: str, *, descending: bool = False) -> list[Client]:
    """Clients ordered by one of SORT_KEYS; clients without a value last, whatever the direction."""
    if key not in SORT_KEYS:
        raise ValueError(f"sort key must be one of {SORT_KEYS}")
    if key == "organisation":
        return sorted(clients, key=lambda c: c.organisation.casefold(), reverse=descending)
    value = {"wave_date": lambda c: c.wave_date, "index": lambda c: c.index, "gap": lambda c: c.gap,
             "progress": lambda c: c.progress, "overdue": lambda c: c.overdue_actions}[key]
    have = [c for c in clients if value(c) is not None]
    return sorted(have, key=value, reverse=descending) + [c for c in clients if value(c) is None]


def portfolio_table(clients: Sequence[Client], lang: str) -> pd.DataFrame:
    """The portfolio as the page and the Excel file show it (numbers stay numbers)."""
    return pd.DataFrame({
        t("portfolio.col.client", lang): [c.organisation for c in clients],
        t("portfolio.col.wave", lang): [c.wave_label or "–" for c in clients],
        t("portfolio.col.date", lang): [c.wave_date for c in clients],
        t("col.level", lang): [c.level for c in clients],
        t("portfolio.col.index", lang): [c.index for c in clients],
        t("col.gap", lang): [c.gap for c in clients],
        t("portfolio.col.progress", lang): [c.progress for c in clients],
        t("portfolio.col.open", lang): [c.open_actions for c in clients],
        t("portfolio.col.overdue", lang): [c.overdue_actions for c in clients],
    })


def portfolio_workbook(clients: Sequence[Client], lang: str, today: dt.date | None = None) -> bytes:
    """The portfolio as an .xlsx file: one sheet, one row per client; client names stored as text
    that can never become a formula."""
    wb = Workbook()
    ws = wb.active
    ws.title = t("portfolio.title", lang)[:31]
    ws.append([t("portfolio.title", lang)])
    ws["A1"].font = Font(bold=True, size=14, color="1F4E79")
    ws.append([t("portfolio.exported", lang, date=format_date(today or dt.date.today(), lang))])
    ws.append([])
    frame = portfolio_table(clients, lang)
    ws.append(list(frame.columns))
    for cell in ws[4]:
        cell.font, cell.fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1F4E79")
    for row in frame.itertuples(index=False):
        r = ws.max_row + 1
        for col, value in enumerate(row, start=1):
            if isinstance(value, float) and math.isnan(value):
                value = None
            cell = ws.cell(row=r, column=col)
            if isinstance(value, str):
                cell.value = clean_text(value, 300)
                if is_formula_like(cell.value):
                    cell.data_type, cell.quotePrefix = "s", True  # text, never a formula
            else:
                cell.value = value
                if col in (5, 6, 7):
                    cell.number_format = "0.00"
                elif col == 3 and value is not None:
                    cell.number_format = "yyyy-mm-dd"
    for column, width in zip("ABCDEFGHI", (32, 18, 12, 8, 10, 10, 12, 10, 10)):
        ws.column_dimensions[column].width = width
    ws.freeze_panes = "A5"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
