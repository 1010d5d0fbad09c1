"""The Rounds page's invitations: add people by paste or file, mail in the background with progress,
follow each invitee's status (never their answers), remind now or on a schedule."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from omni.attributes import label
from omni.format import datetime as format_datetime
from omni.i18n import t
from omni.invitations import (
    MailRun,
    due_reminders_in_background,
    in_background,
    invite,
    remind,
    send_round_mail,
)
from omni.invitees import InviteError, read_invitee_file, read_invitee_text
from omni.mail import MailConfigError, SmtpConfig, smtp_config
from omni.rounds import RoundError
from omni.store.invitations import (
    FAILED,
    INVITE,
    REMINDER,
    list_invitees,
    reminder_schedule,
    remove_invitees,
    set_reminder_schedule,
    set_unsubscribed,
)
from omni.store.rounds import Round
from omni.store.scope import scope_of
from omni.ui.shell import plain
from omni.ui.tables import show_table

RUNS = "invite_runs"  # round id -> the MailRun this session started last (follows a background send)
SCHEDULE_DAYS = (21, 14, 10, 7, 5, 3, 2, 1)
# Plain text, no st.caption: Streamlit's faded caption colour fails axe-core's colour contrast (WCAG AA).


def _config() -> SmtpConfig | None:
    try:
        return smtp_config()
    except MailConfigError as exc:  # the operator's setting: shown as it is, in English
        st.error(plain(str(exc)))
        return None


def _start(run: MailRun, function, *args) -> None:
    st.session_state.setdefault(RUNS, {})[run.round_id] = in_background(function, *args, run=run)


def _run_result(run: MailRun, lang: str) -> None:
    if run.error:
        reason = run.exception.message(lang) if isinstance(run.exception, RoundError | InviteError) else run.error
        st.error(t("invite.run_error", lang, reason=plain(reason)))
    if run.total:
        show = st.success if not run.failed else st.warning
        show(t("invite.done", lang, sent=run.sent, n=run.total))
    if run.already:
        st.markdown(t("invite.already", lang, emails=plain(", ".join(run.already))))
    if run.failed:
        st.markdown(t("invite.failed", lang) + "\n" + "\n".join(
            f"- {plain(address)}: {plain(reason)}" for _, address, reason in run.failed))


@st.fragment(run_every=1.0)
def _live(round_id: int, lang: str) -> None:
    run: MailRun | None = st.session_state.get(RUNS, {}).get(round_id)
    if run is None:
        return
    if run.finished:
        st.rerun()  # the whole page once more: the table shows the new statuses, the fragment stops
    st.progress(run.done / run.total if run.total else 0.0,
                text=t("invite.progress", lang, done=run.done, n=run.total))


def _read(upload, text: str, round_: Round, lang: str):
    if upload is not None:
        return read_invitee_file(upload.name, upload.getvalue(), round_.languages)
    return read_invitee_text(text, round_.languages, name=t("invite.pasted", lang))


def _invite_form(engine, round_: Round, config: SmtpConfig, lang: str) -> None:
    with st.form("invite_form", enter_to_submit=False):
        text = st.text_area(t("invite.paste", lang), help=t("invite.paste_help", lang), key="invite_paste",
                            placeholder="Anna de Vries, anna@example.org, Marketing")
        upload = st.file_uploader(t("invite.upload", lang), type=["xlsx", "csv"], key="invite_file")
        send = st.form_submit_button(t("invite.send", lang), type="primary")
    if not send:
        return
    if upload is None and not text.strip():
        st.warning(t("invite.nothing", lang))
        return
    found = _read(upload, text, round_, lang)
    if found.problems:
        st.error(t("invite.problems", lang) + "\n" + "\n".join(f"- {plain(p.message(lang))}" for p in found.problems))
        return
    _start(MailRun(round_.id, INVITE), invite, engine, round_.id, found.people, config)
    st.rerun()


def _status_table(invitees, round_: Round, lang: str) -> None:
    rows = [{t("invite.col.name", lang): i.name, t("invite.col.email", lang): i.email,
             t("invite.col.role", lang): label("role", i.role, lang) if i.role else "",
             t("invite.col.status", lang): t(f"invite.status.{i.status}", lang),
             t("invite.col.reminders", lang): i.reminders,
             t("invite.col.stopped", lang): "✓" if i.unsubscribed else "",
             t("invite.col.problem", lang): i.mail_error if i.status == FAILED else ""}
            for i in invitees]
    show_table(pd.DataFrame(rows), lang, f"round-{round_.id}-invitees")


def _manage(engine, round_: Round, invitees, lang: str) -> None:
    """Remove invitees (their addresses go; answers given stay), or stop or resume their reminders."""
    by_id = {i.id: i for i in invitees}
    chosen = st.multiselect(t("invite.choose", lang), list(by_id), placeholder=t("widget.choose_many", lang),
                            format_func=lambda i: f"{by_id[i].name} <{by_id[i].email}>" if by_id[i].name
                            else by_id[i].email, key=f"invite_chosen_{round_.id}")
    if not chosen:
        return
    left, middle, right = st.columns(3)
    if left.button(t("invite.stop", lang), key="invite_stop"):
        for invitee_id in chosen:
            set_unsubscribed(engine, round_.id, invitee_id, True)
        st.rerun()
    if middle.button(t("invite.resume", lang), key="invite_resume"):
        for invitee_id in chosen:
            set_unsubscribed(engine, round_.id, invitee_id, False)
        st.rerun()
    if right.button(t("invite.remove", lang), key="invite_remove"):
        remove_invitees(engine, round_.id, chosen)
        st.rerun()


def _schedule(engine, round_: Round, lang: str) -> None:
    if round_.closes_at is None:
        st.markdown(t("invite.schedule_none", lang))
        return
    current = reminder_schedule(engine, round_.id)
    chosen = st.multiselect(t("invite.schedule", lang), SCHEDULE_DAYS, default=list(current.days_before) if current
                            else [], help=t("invite.schedule_help", lang), placeholder=t("widget.choose_many", lang),
                            key=f"invite_schedule_{round_.id}")
    if st.button(t("invite.schedule_save", lang), key=f"invite_schedule_save_{round_.id}"):
        try:
            set_reminder_schedule(engine, round_.id, chosen)
            st.success(t("invite.schedule_saved", lang))
        except (InviteError, RoundError) as exc:
            st.error(plain(exc.message(lang)))
    st.markdown(t("rounds.closes", lang, date=format_datetime(round_.closes_at, lang)))


def invitations_panel(engine, round_: Round, lang: str) -> None:
    """Invite, follow and remind a round's invitees (the manager's side of issue 20)."""
    st.subheader(t("invite.heading", lang))
    st.markdown(t("invite.intro", lang))
    config = _config()
    if config is None:
        st.info(t("invite.no_smtp", lang))
    elif round_.is_open():
        due_reminders_in_background(engine, config, key=scope_of(engine).setting())
        _invite_form(engine, round_, config, lang)
    run: MailRun | None = st.session_state.get(RUNS, {}).get(round_.id)
    if run is not None:
        if run.finished:
            _run_result(run, lang)
        else:
            _live(round_.id, lang)
    invitees = list_invitees(engine, round_.id)
    if not invitees:
        return
    st.markdown(f"**{t('invite.list', lang)}**")
    _status_table(invitees, round_, lang)
    _manage(engine, round_, invitees, lang)
    busy = run is not None and not run.finished
    if config is None or not round_.is_open():
        return
    waiting = sum(1 for i in invitees if i.submitted_at is None and not i.unsubscribed and i.invited_at is not None)
    left, right = st.columns(2)
    if waiting and left.button(t("invite.remind", lang, n=waiting), disabled=busy, key="invite_remind"):
        _start(MailRun(round_.id, REMINDER), remind, engine, round_.id, config)
        st.rerun()
    unsent = [i.id for i in invitees if i.invited_at is None]
    if unsent and right.button(t("invite.retry", lang), disabled=busy, key="invite_retry"):
        _start(MailRun(round_.id, INVITE), send_round_mail, engine, round_.id, INVITE, config)
        st.rerun()
    _schedule(engine, round_, lang)
