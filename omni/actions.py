"""Improvement actions: what a team plans to do about a gap, who owns it, by when, and where it stands.

Plain values and rules only (the store keeps them in omni.store.actions; omni.action_plan is the
workflow the page and the CLI share). An action belongs to an organisation and the wave it was
planned in, aims one dimension (and optionally some of its questions) at a level, and carries a
version so that an edit based on an older copy is refused instead of silently overwriting.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from omni.framework import Framework
from omni.i18n import TranslatedError, t
from omni.roadmap import RoadmapItem

PLANNED, IN_PROGRESS, DONE, DROPPED = "planned", "in_progress", "done", "dropped"
STATUSES = (PLANNED, IN_PROGRESS, DONE, DROPPED)
CLOSED = (DONE, DROPPED)
MAX_TITLE = 300
MAX_OWNER = 200
MAX_NOTES = 5000
MAX_QUESTIONS = 20
# The fields a person edits (the rest is bookkeeping); also the columns of the import/export files.
FIELDS = ("title", "dimension", "questions", "target_level", "owner_name", "owner_role", "start_date", "due_date",
          "status", "notes")


class ActionError(TranslatedError):
    """An action that cannot be saved as asked; names the field (and the file row) when there is one."""

    prefix = "actions.err."

    def __init__(self, key: str, *, field: str = "", row: int | None = None, **params: object) -> None:
        super().__init__(key, **params)
        self.field, self.row = field, row

    def message(self, lang: str) -> str:
        text = super().message(lang)
        if self.field:
            text = f"{t('actions.col.' + self.field, lang)}: {text}"
        if self.row is not None:
            text = t("actions.err.at_row", lang, row=self.row, text=text)
        return text


@dataclass(frozen=True)
class StatusChange:
    status: str
    at: dt.datetime
    actor: str


@dataclass(frozen=True)
class ActionFields:
    """What a person fills in for an action."""

    title: str
    dimension: str
    questions: tuple[str, ...] = ()
    target_level: int | None = None
    owner_name: str = ""
    owner_role: str = ""
    start_date: dt.date | None = None
    due_date: dt.date | None = None
    status: str = PLANNED
    notes: str = ""


@dataclass(frozen=True)
class Action:
    """A saved action; `version` is what an edit must be based on."""

    id: int
    organisation: str
    wave: str
    framework_id: str
    fields: ActionFields
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    updated_by: str
    history: tuple[StatusChange, ...] = field(default=(), compare=False)

    @property
    def owner(self) -> str:
        return " · ".join(p for p in (self.fields.owner_name, self.fields.owner_role) if p)

    def is_overdue(self, today: dt.date | None = None) -> bool:
        """The due date has passed and the action is neither done nor dropped."""
        today = today or dt.date.today()
        return self.fields.due_date is not None and self.fields.due_date < today and self.fields.status not in CLOSED


def _text(value: object, limit: int, name: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = " ".join(str(value).split()) if name != "notes" else str(value).strip()
    text = "".join(c for c in text if c in "\n\t" or c.isprintable())
    if len(text) > limit:
        raise ActionError("too_long", field=name, limit=limit)
    return text


def parse_date(value: object, name: str) -> dt.date | None:
    """A date from a date, a datetime, or ISO text (YYYY-MM-DD) / DD-MM-YYYY; empty is None."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp (NaT is caught by the isnan-like check below)
        try:
            return value.to_pydatetime().date()
        except ValueError:
            return None
    text = str(value).strip()
    if not text or text.lower() == "nat":
        return None
    if len(text) > 10 and text[10] in "T ":  # an ISO date-time (the table's date cells): its day
        text = text[:10]
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ActionError("bad_date", field=name, value=text[:40])


def parse_level(value: object) -> int | None:
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        raise ActionError("bad_level", field="target_level", value=str(value)[:40]) from None
    if not number.is_integer() or not 1 <= number <= 5:
        raise ActionError("bad_level", field="target_level", value=str(value)[:40])
    return int(number)


def parse_questions(value: object) -> tuple[str, ...]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ()
    if isinstance(value, str):
        parts = value.replace(";", ",").replace(" ", ",").split(",")
    else:
        parts = [str(v) for v in value]
    return tuple(dict.fromkeys(p.strip() for p in parts if p and p.strip()))


def check_fields(values: Mapping[str, object], framework: Framework) -> ActionFields:
    """Clean and check what a person entered; raises ActionError naming the field on the first problem."""
    title = _text(values.get("title"), MAX_TITLE, "title")
    if not title:
        raise ActionError("required", field="title")
    dimension = _text(values.get("dimension"), 64, "dimension")
    known = {d.id: d for d in framework.dimensions}
    by_name = {d.name(lang).casefold(): d.id for d in framework.dimensions for lang in ("nl", "en")}
    dimension = dimension if dimension in known else by_name.get(dimension.casefold(), dimension)
    if dimension not in known:
        raise ActionError("bad_dimension", field="dimension", value=dimension[:64],
                          options=", ".join(known))
    questions = parse_questions(values.get("questions"))
    if len(questions) > MAX_QUESTIONS:
        raise ActionError("too_many_questions", field="questions", limit=MAX_QUESTIONS)
    own = {q.id for q in known[dimension].questions}
    strange = [q for q in questions if q not in own]
    if strange:
        raise ActionError("bad_questions", field="questions", value=", ".join(strange)[:80], dimension=dimension)
    status = _text(values.get("status") or PLANNED, 32, "status")
    status = STATUS_ALIASES.get(status.casefold(), status)
    if status not in STATUSES:
        options = " / ".join(", ".join(status_label(s, lang) for s in STATUSES) for lang in ("nl", "en"))
        raise ActionError("bad_status", field="status", value=status, options=options)
    start = parse_date(values.get("start_date"), "start_date")
    due = parse_date(values.get("due_date"), "due_date")
    if start and due and due < start:
        raise ActionError("due_before_start", field="due_date")
    return ActionFields(
        title=title, dimension=dimension, questions=questions, target_level=parse_level(values.get("target_level")),
        owner_name=_text(values.get("owner_name"), MAX_OWNER, "owner_name"),
        owner_role=_text(values.get("owner_role"), MAX_OWNER, "owner_role"),
        start_date=start, due_date=due, status=status, notes=_text(values.get("notes"), MAX_NOTES, "notes"))


# Status as a person may type it in a file (either language); the stored value is the code.
STATUS_ALIASES = {
    "gepland": PLANNED, "planned": PLANNED, "bezig": IN_PROGRESS, "in progress": IN_PROGRESS,
    "in uitvoering": IN_PROGRESS, "klaar": DONE, "gereed": DONE, "done": DONE, "vervallen": DROPPED,
    "dropped": DROPPED, "geschrapt": DROPPED,
}


def status_label(status: str, lang: str) -> str:
    return t(f"actions.status.{status}", lang)


def fields_from_roadmap(item: RoadmapItem, framework: Framework, lang: str, *, today: dt.date | None = None,
                        days: int = 90) -> ActionFields:
    """An action prefilled from a roadmap item: the focus questions, the next level, the advice as notes.

    Due in `days` (the 90-day step the advice is written for)."""
    today = today or dt.date.today()
    dim = framework.dimension(item.dimension)
    level = min(5, (item.level or 1) + 1)
    focus = tuple(p.question for p in item.focus)
    if item.focus:
        first = framework.question(item.focus[0].question)
        title = t("actions.from_roadmap_title", lang, dimension=dim.name(lang), topic=first.topic(lang))
    else:
        title = t("actions.from_roadmap_title_plain", lang, dimension=dim.name(lang), level=level)
    notes = [f"- {step(lang)}" for step in item.advice]
    notes += [f"- {p.question}: {p.next_option(lang)}" for p in item.focus if p.next_option is not None]
    return ActionFields(title=title[:MAX_TITLE], dimension=item.dimension, questions=focus, target_level=level,
                        start_date=today, due_date=today + dt.timedelta(days=days), status=PLANNED,
                        notes="\n".join(notes)[:MAX_NOTES])


def filter_actions(actions: Iterable[Action], *, status: Iterable[str] | str | None = None, owner: str = "",
                   dimension: Iterable[str] | str | None = None, overdue_only: bool = False,
                   today: dt.date | None = None) -> list[Action]:
    """The actions matching every given filter (owner: a case-insensitive part of name or role)."""
    statuses = {status} if isinstance(status, str) else set(status or ())
    dimensions = {dimension} if isinstance(dimension, str) else set(dimension or ())
    needle = owner.strip().casefold()
    return [a for a in actions
            if (not statuses or a.fields.status in statuses)
            and (not dimensions or a.fields.dimension in dimensions)
            and (not needle or needle in a.owner.casefold())
            and (not overdue_only or a.is_overdue(today))]


def with_changes(fields: ActionFields, changes: Mapping[str, object], framework: Framework) -> ActionFields:
    """`fields` with `changes` applied and checked as a whole."""
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ActionError("unknown_field", value=", ".join(sorted(unknown)))
    merged = {name: getattr(fields, name) for name in FIELDS} | dict(changes)
    return check_fields(merged, framework)

