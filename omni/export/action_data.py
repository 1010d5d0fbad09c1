"""The action plan and its check at the next wave, shaped once for the deck, the Excel and the PDF report.

Like the benchmark and the trend (omni.export.extras), the exports take plain inputs fetched by the
caller (omni.services.export_extras): the organisation's actions and, when a later wave is saved,
their review (omni.action_review). Nothing here opens the store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from omni import palette
from omni.action_review import ActionReview, PlanReview
from omni.actions import CLOSED, DONE, Action, status_label
from omni.format import number
from omni.framework import Framework
from omni.i18n import t
from omni.palette import bare

# Status and verdict colours from the shared palette (omni.palette), without '#' for python-pptx.
STATUS_COLOURS = {status: bare(colour) for status, colour in palette.STATUS_COLOURS.items()}
VERDICT_COLOURS = {verdict: bare(colour) for verdict, colour in palette.VERDICT_COLOURS.items()}
OVERDUE_COLOUR = bare(palette.OVERDUE_COLOUR)
OVERDUE_FILL = bare(palette.OVERDUE_FILL)
TITLE_CUT = 90  # a title on a slide or in a finding; the full title is in the notes and the report
FINDING_CUT = 220


@dataclass(frozen=True)
class ActionExport:
    """The actions an export shows, their review at the next wave (None without one), and the day the
    export counts overdue from."""

    organisation: str
    actions: tuple[Action, ...]
    review: PlanReview | None
    today: dt.date


def has_actions(found: ActionExport | None) -> bool:
    return found is not None and bool(found.actions)


def reviewed(found: ActionExport | None) -> tuple[ActionReview, ...]:
    """The actions that have a later wave to be checked against (empty without two waves)."""
    if not has_actions(found) or found.review is None:
        return ()
    return tuple(r for r in found.review.reviews if r.after_wave is not None)


def has_review(found: ActionExport | None) -> bool:
    return bool(reviewed(found))


def actions_label(found: ActionExport, lang: str) -> str:
    """What an export's action plan holds (the Export page's checkbox, the CLI): how many actions of whom,
    and whether they are checked at the next wave."""
    text = t("export.extra_available_actions", lang, n=len(found.actions), organisation=found.organisation)
    return f"{text}; {t('export.extra_available_review', lang)}" if has_review(found) else text


def cut(text: str, limit: int = TITLE_CUT) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class ActionRow:
    """One action as the exports list it (numbered in due-date order, the number the timeline shows)."""

    number: int
    action: Action
    dimension: str  # the dimension's name in the export's language
    overdue_days: int  # 0 when not overdue
    lane: int = 0  # the dimension's place in the framework (the timeline's lanes in that order)

    @property
    def fields(self):
        return self.action.fields

    def status(self, lang: str) -> str:
        return status_label(self.fields.status, lang)


def _name(framework: Framework, dimension: str, lang: str) -> str:
    known = {d.id: d for d in framework.dimensions}
    return known[dimension].name(lang) if dimension in known else dimension


def action_rows(found: ActionExport, framework: Framework, lang: str) -> list[ActionRow]:
    """The actions by due date (without one last), then dimension and title, numbered from 1."""
    order = {d.id: i for i, d in enumerate(framework.dimensions)}
    actions = sorted(found.actions, key=lambda a: (a.fields.due_date is None, a.fields.due_date or dt.date.max,
                                                   order.get(a.fields.dimension, 99), a.fields.title.casefold()))
    return [ActionRow(i, a, _name(framework, a.fields.dimension, lang),
                      (found.today - a.fields.due_date).days if a.is_overdue(found.today) else 0,
                      order.get(a.fields.dimension, 99))
            for i, a in enumerate(actions, start=1)]


def plan_message(found: ActionExport, framework: Framework, lang: str) -> str:
    """The action plan slide's message: how many are overdue, else how many are done or what is due next."""
    rows = action_rows(found, framework, lang)
    total = len(rows)
    late = [r for r in rows if r.overdue_days]
    if late:
        by_dimension: dict[str, int] = {}
        for r in late:
            by_dimension[r.dimension] = by_dimension.get(r.dimension, 0) + 1
        most = max(by_dimension.items(), key=lambda kv: kv[1])[0]
        return t("deckact.title_overdue", lang, n=len(late), total=total, dimension=most)
    open_rows = [r for r in rows if r.fields.status not in CLOSED]
    if not open_rows:
        done = sum(r.fields.status == DONE for r in rows)
        return t("deckact.title_closed", lang, n=total, done=done)
    due = [r for r in open_rows if r.fields.due_date is not None]
    if due:
        return t("deckact.title_next", lang, n=len(open_rows), date=due[0].fields.due_date.isoformat(),
                 dimension=due[0].dimension)
    return t("deckact.title_open", lang, n=len(open_rows))


def verdict_label(review: ActionReview, lang: str) -> str:
    return t(f"actions.verdict.{review.verdict}", lang)


def score_text(value: float | None, lang: str) -> str:
    return "–" if value is None else number(value, lang, 2)


def change_text(before: float | None, after: float | None, lang: str) -> str:
    return f"{score_text(before, lang)} → {score_text(after, lang)}"


def review_message(found: ActionExport, lang: str) -> str:
    """The "what our actions did" slide's message: done actions that did not move, else how many reached
    the level they aimed for."""
    checked = reviewed(found)
    idle = [r for r in checked if r.action.fields.status == DONE and r.moved is False]
    if idle:
        return t("deckact.title_done_not_moved", lang, n=len(idle), total=len(checked))
    aimed = [r for r in checked if r.reached is not None]
    if aimed:
        return t("deckact.title_reached", lang, n=sum(bool(r.reached) for r in aimed), total=len(aimed))
    return t("deckact.title_moved", lang, n=sum(bool(r.moved) for r in checked), total=len(checked))


def review_findings(found: ActionExport, lang: str, limit: int = FINDING_CUT) -> list[str]:
    """The findings a board reads (as on the Action plan page), each cut to `limit` characters."""
    review = found.review
    if review is None:
        return []
    lines = []
    if review.done_not_moved:
        lines.append(t("actions.finding.done_not_moved", lang, titles="; ".join(
            cut(r.action.fields.title, 60) for r in review.done_not_moved)))
    if review.moved_without_action:
        lines.append(t("actions.finding.moved_without", lang, before=review.before_wave, after=review.after_wave,
                       questions=", ".join(f"{c.subject} ({change_text(c.before, c.after, lang)})"
                                           for c in review.moved_without_action[:8])))
    if review.overdue_on_largest_gaps:
        lines.append(t("actions.finding.overdue_gaps", lang, titles="; ".join(
            cut(a.fields.title, 60) for a in review.overdue_on_largest_gaps)))
    return [cut(line, limit) for line in lines]
