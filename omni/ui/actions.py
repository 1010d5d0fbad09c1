"""Widgets of the action plan: the editable table with filters, overdue warnings, downloads and import,
and the roadmap's "add to action plan" button. The work itself is omni.action_plan's."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from omni import format as fmt
from omni.action_files import plan_to_csv, plan_to_ics, plan_to_xlsx
from omni.action_plan import add_from_roadmap, apply_edits, import_plan, overdue, plan, planning_wave
from omni.action_review import review_plan
from omni.actions import FIELDS, STATUSES, Action, status_label
from omni.benchmark import assessment_year
from omni.framework import Framework, get_framework
from omni.i18n import TranslatedError, t
from omni.palette import OVERDUE_FILL, OVERDUE_TEXT
from omni.roadmap import RoadmapItem
from omni.scoring import Assessment
from omni.ui.markup import plain
from omni.ui.tables import show_dataframe
from omni.ui.widgets import upload_help

SHOWN = "actions_shown"  # the actions as the table drew them: their versions catch a stale edit
EDITOR = "actions_editor"
FLASH = "actions_flash"


def add_to_plan_button(lang: str, engine, assessment: Assessment, item: RoadmapItem) -> None:
    """One click: the roadmap item becomes an action of the organisation, prefilled (see omni.actions)."""
    if engine is None or not st.button(t("actions.add_button", lang), key=f"plan_{item.dimension}",
                                       icon=":material/add_task:"):
        return
    organisation = assessment.organisation or "?"
    try:
        wave = planning_wave(engine, organisation, str(assessment_year(assessment)))
        action = add_from_roadmap(engine, organisation, item, assessment.framework, lang, wave=wave)
    except TranslatedError as exc:
        st.error(exc.message(lang))
        return
    st.success(t("actions.added", lang, title=plain(action.fields.title), organisation=plain(action.organisation),
                 wave=plain(action.wave)))
    st.page_link("pages/actions.py", label=t("actions.open_plan", lang), icon=":material/checklist:")


def _frame(actions: list[Action], framework: Framework, lang: str, today: dt.date) -> pd.DataFrame:
    names = {d.id: d.name(lang) for d in framework.dimensions}
    rows = []
    for a in actions:
        f = a.fields
        late = (today - f.due_date).days if a.is_overdue(today) else 0
        rows.append({"overdue": t("actions.overdue_days", lang, n=late) if late else "", "title": f.title,
                     "dimension": names.get(f.dimension, f.dimension), "questions": ", ".join(f.questions),
                     "target_level": f.target_level, "owner_name": f.owner_name, "owner_role": f.owner_role,
                     "start_date": f.start_date, "due_date": f.due_date, "status": status_label(f.status, lang),
                     "notes": f.notes, "wave": a.wave, "id": a.id, "version": a.version})
    frame = pd.DataFrame(rows, columns=["overdue", *FIELDS, "wave", "id", "version"])
    return frame.astype({"target_level": "Int64", "title": "object", "notes": "object"})


# An overdue action stands out by colour as well as by its text ("⚠ overdue: 12 d"): dark red on light red
# (7:1 contrast). Streamlit applies a Styler's colours only to columns that cannot be edited, as this one.
OVERDUE_CSS = f"background-color: {OVERDUE_FILL}; color: {OVERDUE_TEXT}; font-weight: 600"  # omni.palette


def overdue_styled(frame: pd.DataFrame):
    """The table with its overdue cells coloured (a pandas Styler; the data stay as they are)."""
    return frame.style.map(lambda text: OVERDUE_CSS if text else "", subset=["overdue"])


def _columns(framework: Framework, lang: str) -> dict:
    c = st.column_config
    label = {name: t(f"actions.col.{name}", lang) for name in ("overdue", *FIELDS, "wave", "id", "version")}
    return {
        "overdue": c.TextColumn(label["overdue"], disabled=True, width="small"),
        "title": c.TextColumn(label["title"], required=True, max_chars=300, width="large"),
        "dimension": c.SelectboxColumn(label["dimension"], options=[d.name(lang) for d in framework.dimensions],
                                       required=True),
        "questions": c.TextColumn(label["questions"]),
        "target_level": c.NumberColumn(label["target_level"], min_value=1, max_value=5, step=1, format="%d"),
        "owner_name": c.TextColumn(label["owner_name"], max_chars=200),
        "owner_role": c.TextColumn(label["owner_role"], max_chars=200),
        "start_date": c.DateColumn(label["start_date"], format=t("widget.date_format", lang)),
        "due_date": c.DateColumn(label["due_date"], format=t("widget.date_format", lang)),
        "status": c.SelectboxColumn(label["status"], options=[status_label(s, lang) for s in STATUSES],
                                    default=status_label(STATUSES[0], lang)),
        "notes": c.TextColumn(label["notes"], width="large"),
        "wave": c.TextColumn(label["wave"], disabled=True, width="small"),
        "id": c.NumberColumn(label["id"], disabled=True, width="small"),
        "version": c.NumberColumn(label["version"], disabled=True, width="small"),
    }


def _filters(lang: str, framework: Framework) -> dict:
    status_col, owner_col, dim_col, late_col = st.columns([2, 2, 2, 1])
    return {
        "status": status_col.multiselect(t("actions.filter_status", lang), STATUSES, key="actions_f_status",
                                         placeholder=t("actions.filter_all", lang), format_func=lambda s: status_label(s, lang)),
        "owner": owner_col.text_input(t("actions.filter_owner", lang), key="actions_f_owner", max_chars=200),
        "dimension": dim_col.multiselect(t("actions.filter_dimension", lang), [d.id for d in framework.dimensions],
                                         key="actions_f_dimension", placeholder=t("actions.filter_all", lang),
                                         format_func=lambda d: framework.dimension(d).name(lang)),
        "overdue_only": late_col.checkbox(t("actions.filter_overdue", lang), key="actions_f_overdue"),
    }


def show_action_plan(lang: str, engine, organisation: str, framework: Framework | None = None,
                     fallback_wave: str | None = None, today: dt.date | None = None) -> None:
    """The organisation's action plan: overdue warning, filters, the editable table, files."""
    today = today or dt.date.today()
    framework = framework or get_framework()
    flash = st.session_state.pop(FLASH, None)
    if flash:
        getattr(st, flash[0])(flash[1])
    everything = plan(engine, organisation)
    late = overdue(everything, today)
    if late:
        st.warning(t("actions.overdue_banner", lang, n=len(late), titles="; ".join(
            plain(a.fields.title) for a in late[:8]) + (" …" if len(late) > 8 else "")), icon=":material/alarm:")
    chosen = _filters(lang, framework)
    shown = plan(engine, organisation, today=today, **chosen)
    key = (organisation, repr(sorted(chosen.items())), tuple((a.id, a.version) for a in shown))
    remembered = st.session_state.get(SHOWN)
    if remembered is None or remembered[0][:2] != key[:2] or st.session_state.get("actions_reload"):
        st.session_state[SHOWN] = (key, shown)  # a new view; otherwise keep the versions the table was drawn with
    shown = st.session_state[SHOWN][1]
    try:
        wave = planning_wave(engine, organisation, fallback_wave)
        st.caption(t("actions.wave_caption", lang, wave=plain(wave)))
    except TranslatedError as exc:
        wave = None
        st.info(exc.message(lang))
    if not shown:
        st.caption(t("actions.empty", lang))
    with st.form("actions_form", enter_to_submit=False, border=False):
        st.data_editor(overdue_styled(_frame(shown, framework, lang, today)), column_config=_columns(framework, lang),
                       num_rows="dynamic" if wave else "fixed", hide_index=True, key=EDITOR,
                       width="stretch")
        save, reload = st.columns([1, 1])
        saved = save.form_submit_button(t("actions.save", lang), type="primary", icon=":material/save:")
        reload.form_submit_button(t("actions.reload", lang), key="actions_reload", icon=":material/refresh:")
    if saved:
        _save(lang, engine, organisation, shown, wave, framework)
    _history(lang, shown)
    _files(lang, engine, organisation, framework, everything, wave)
    show_review(lang, engine, organisation, framework, today)


def _save(lang: str, engine, organisation: str, shown: list[Action], wave: str | None, framework: Framework) -> None:
    edits = st.session_state.get(EDITOR) or {}
    outcome = apply_edits(engine, organisation, shown, wave=wave, framework=framework,
                          edited={int(k): v for k, v in (edits.get("edited_rows") or {}).items()},
                          added=edits.get("added_rows") or [], deleted=edits.get("deleted_rows") or [])
    lines = [t("actions.row_failed", lang, title=plain(title), text=plain(exc.message(lang))) for title, exc in outcome.refused]
    if lines:
        st.session_state[FLASH] = ("error", "  \n".join(lines))
    else:
        st.session_state[FLASH] = ("success", t("actions.saved", lang, n=outcome.saved) if outcome.saved
                                   else t("actions.nothing_changed", lang))
    st.session_state.pop(SHOWN, None)
    st.session_state.pop(EDITOR, None)
    st.rerun()


def _history(lang: str, shown: list[Action]) -> None:
    changed = [a for a in shown if len(a.history) > 1]
    if not changed:
        return
    with st.expander(t("actions.history", lang), icon=":material/history:"):
        for action in changed:
            st.markdown(f"**{plain(action.fields.title)}**")
            lines = [t("actions.history_line", lang, at=h.at.strftime("%Y-%m-%d %H:%M"),
                       status=status_label(h.status, lang), actor=plain(h.actor)) for h in action.history]
            st.markdown("\n".join(f"- {line}" for line in lines))


def _files(lang: str, engine, organisation: str, framework: Framework, actions: list[Action],
           wave: str | None) -> None:
    stem = "actieplan" if lang == "nl" else "action-plan"
    with st.expander(t("actions.files", lang), icon=":material/swap_vert:"):
        xlsx, csv_col, ics = st.columns(3)
        xlsx.download_button(t("actions.download_xlsx", lang), lambda: plan_to_xlsx(actions, framework, lang),
                             file_name=f"{stem}.xlsx", on_click="ignore", icon=":material/table:",
                             mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        csv_col.download_button(t("actions.download_csv", lang), lambda: plan_to_csv(actions, framework, lang),
                                file_name=f"{stem}.csv", mime="text/csv", on_click="ignore", icon=":material/csv:")
        ics.download_button(t("actions.download_ics", lang), lambda: plan_to_ics(actions, framework, lang),
                            file_name=f"{stem}.ics", mime="text/calendar", on_click="ignore",
                            icon=":material/event:")
        if wave is None:
            return
        upload = st.file_uploader(t("actions.upload", lang), type=["xlsx", "csv"], key="actions_upload",
                                  help=upload_help(lang, ["xlsx", "csv"]))
        if upload is not None and st.button(t("actions.import_button", lang), key="actions_import"):
            outcome = import_plan(engine, organisation, upload.name, upload.getvalue(), wave=wave,
                                  framework=framework)
            if outcome.ok:
                st.session_state[FLASH] = ("success", t("actions.imported", lang, added=outcome.added,
                                                        changed=outcome.changed))
                st.session_state.pop(SHOWN, None)
                st.rerun()
            messages = outcome.messages(lang)
            st.error(t("actions.import_failed", lang, n=len(messages)) + "  \n" + "  \n".join(
                plain(m) for m in messages[:50]))


def _score(value: float | None, lang: str) -> str:
    return "–" if value is None else fmt.number(value, lang, 2)


def show_review(lang: str, engine, organisation: str, framework: Framework, today: dt.date | None = None) -> None:
    """Projected versus realised per action at the next saved wave, and the findings a board reads."""
    review = review_plan(engine, organisation, today=today)
    if not review.reviews:
        return
    st.subheader(t("actions.review", lang))
    st.caption(t("actions.review_intro", lang))
    findings = []
    if review.done_not_moved:
        findings.append(t("actions.finding.done_not_moved", lang, titles="; ".join(
            plain(r.action.fields.title) for r in review.done_not_moved)))
    if review.moved_without_action:
        findings.append(t("actions.finding.moved_without", lang, before=plain(review.before_wave),
                          after=plain(review.after_wave), questions=", ".join(
                              f"{c.subject} ({_score(c.before, lang)} → {_score(c.after, lang)})"
                              for c in review.moved_without_action[:8])))
    if review.overdue_on_largest_gaps:
        findings.append(t("actions.finding.overdue_gaps", lang, titles="; ".join(
            plain(a.fields.title) for a in review.overdue_on_largest_gaps)))
    if findings:
        st.markdown("\n".join(f"- {line}" for line in findings))
    if all(r.after_wave is None for r in review.reviews):
        st.info(t("actions.review_waiting", lang))
        return
    names = {d.id: d.name(lang) for d in framework.dimensions}
    rows = [{
        t("actions.col.title", lang): r.action.fields.title,
        t("actions.col.dimension", lang): names.get(r.action.fields.dimension, r.action.fields.dimension),
        t("actions.col.status", lang): status_label(r.action.fields.status, lang),
        t("actions.review_col.waves", lang): f"{r.action.wave} → {r.after_wave or '…'}",
        t("actions.review_col.dimension_change", lang): f"{_score(r.dimension.before, lang)} → "
                                                        f"{_score(r.dimension.after, lang)}",
        t("actions.review_col.questions_change", lang): ", ".join(
            f"{q.subject} {_score(q.before, lang)} → {_score(q.after, lang)}" for q in r.questions),
        t("actions.review_col.level", lang): f"{r.action.fields.target_level or '–'} / {r.level_after or '–'}",
        t("actions.review_col.verdict", lang): t(f"actions.verdict.{r.verdict}", lang),
    } for r in review.reviews]
    show_dataframe(pd.DataFrame(rows), lang, width="stretch")
