"""Reading and scoring, cached on the file bytes (never on the upload object), bounded."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import streamlit as st

from omni.demo import demo_respondents
from omni.framework import DEFAULT_FRAMEWORK_ID, get_framework
from omni.i18n import t
from omni.store.audit import AuditAction
from omni.survey import SurveyFile, read_survey
from omni.survey.limits import IntakeLimits
from omni.survey.mapping import ColumnRule
from omni.survey.reader import survey_from_answers
from omni.ui.access import current_scope
from omni.ui.state import Result
from omni.ui.upload_cache import current_session, result_bytes, upload_cache

_LAST_UPLOAD = "last_upload"  # session state: (key, Result) of the session's last upload
_EXPORTS_AHEAD = "exports_ahead"  # session state: the downloads built while the Export page is read (omni.export.ahead)
SAMPLES = Path(__file__).resolve().parent.parent.parent / "data" / "samples"


def demo_path(lang: str) -> Path:
    return SAMPLES / f"demo-survey-{lang}.xlsx"


def _read_and_score(files: tuple[tuple[str, bytes], ...], framework_id: str | None,
                    keep_duplicates: bool = False, mapping: tuple[ColumnRule, ...] = ()) -> Result:
    framework = get_framework(framework_id) if framework_id else None
    survey = read_survey([SurveyFile(name, data) for name, data in files], framework, keep_duplicates=keep_duplicates,
                         mapping=mapping)
    return Result.of(survey, "upload", tuple(name for name, _ in files))


def _digest(files: list[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256()
    for name, data in files:
        for piece in (name.encode("utf-8", "surrogatepass"), data):
            digest.update(len(piece).to_bytes(8, "big"))
            digest.update(piece)
    return digest.hexdigest()


def warm_intake() -> None:
    """Keep a parser worker ready in this process, so an upload does not wait for one: called on every
    page, it starts one in the background when none runs (the first page after a start, or after the
    worker ended for being idle: OMNI_WORKER_IDLE_SECONDS) and otherwise only notes the app is in use."""
    from omni.survey.isolation import pool_for

    limits = IntakeLimits.from_env()
    if limits.isolate:
        pool_for(limits).keep_warm()


def warm_exports() -> None:
    """Keep the export worker ready when a download button is drawn (a process that never exports never
    starts it): the user reads the Export page for a moment before clicking, and the worker's start-up
    (~2 s) happens meanwhile. A worker idle for OMNI_WORKER_IDLE_SECONDS ends; this starts it again."""
    from omni.export import offload

    offload.keep_warm()


def load_uploads(files: list[tuple[str, bytes]], framework_id: str | None, keep_duplicates: bool = False,
                 mapping: tuple[ColumnRule, ...] = ()) -> Result:
    """Read and score uploaded files; the same bytes are read only once per organisation scope.

    Keyed on a hash of the bytes and on the scope too, so a cached result is never handed to another
    organisation. The session keeps its last upload's result (a page rerun with the same files costs
    a hash); other sessions find it in the upload cache (omni/ui/upload_cache.py: bounded by bytes,
    released when the sessions that used it end). `keep_duplicates` counts every submission (see
    `read_survey`); `mapping` is the user's correction of the column map (omni.survey.mapping).
    """
    mapping = tuple(mapping or ())
    key = (_digest(files), framework_id, current_scope().setting(), keep_duplicates, mapping)
    memo = st.session_state.get(_LAST_UPLOAD)
    if memo is not None and memo[0] == key:
        return memo[1]
    session, cache = current_session(), upload_cache()
    result = cache.get(key, session)
    if result is None:
        result = _read_and_score(tuple(files), framework_id, keep_duplicates, mapping)
        result = cache.put(key, result, result_bytes(result), session)
    st.session_state[_LAST_UPLOAD] = (key, result)
    return result


@st.cache_resource(max_entries=8, show_spinner=False)
def load_demo(lang: str, framework_id: str = DEFAULT_FRAMEWORK_ID) -> Result:
    """The demo organisation: the shipped sample file, read like any upload - but in this process:
    it is our own file, and a first visitor should not wait for a parser worker to start."""
    path = demo_path(lang)
    if framework_id == DEFAULT_FRAMEWORK_ID and path.exists():
        survey = read_survey([path], limits=dataclasses.replace(IntakeLimits.from_env(), isolate=False))
    else:  # other frameworks: the same fictional team, generated
        framework = get_framework(framework_id)
        survey = survey_from_answers(framework, demo_respondents(framework, lang=lang), source="demo")
    return Result.of(survey, "demo", (path.name,))


# --- the store: saved assessments and peers (omni.store) -----------------------------------------


@st.cache_resource(show_spinner=False)
def _store_engine(url: str):
    from omni.peers import ensure_demo_peers
    from omni.store import open_store

    engine = open_store(url)  # migrations applied on start
    ensure_demo_peers(engine)  # the demo peer set on a fresh store, so the benchmark works out of the box
    return engine


def system_store_engine():
    """The configured store without an organisation scope (one engine per server process), or None
    if it cannot be opened. Only for signing in and the token-checked respondent page."""
    import logging

    from omni.store import database_url

    try:
        return _store_engine(database_url())
    except Exception:  # noqa: BLE001 - a broken database setting must not take the page down
        logging.getLogger("omni.ui").exception("store unavailable")
        return None


def store_engine():
    """The store limited to the signed-in user's organisations (everything in local mode), or None."""
    from omni.store.scope import scoped

    engine = system_store_engine()
    return None if engine is None else scoped(engine, current_scope())


def require_store(lang: str, *, system: bool = False):
    """The store engine (scoped to the signed-in user, or unscoped with `system`); when it cannot be
    opened, say so and end the page here."""
    engine = system_store_engine() if system else store_engine()
    if engine is None:
        st.error(t("store.unavailable", lang))
        st.stop()
    return engine


def load_saved(engine, assessment_id: int) -> Result:
    """A saved wave re-read from its raw answers and scored with the current framework."""
    from omni.store.assessments import get_assessment, load_survey

    saved = get_assessment(engine, assessment_id)
    survey = load_survey(engine, assessment_id)
    return Result.of(survey, "saved", (f"{saved.organisation} · {saved.wave} (v{saved.version})",),
                     saved.organisation_id)


def load_round(engine, round_) -> Result:
    """A closed survey round's answers as the pages show them; RoundError("no_answers") when nobody answered."""
    from omni.rounds import RoundError
    from omni.store.rounds import load_round_survey

    survey = load_round_survey(engine, round_.id)
    if survey.respondents.empty:
        raise RoundError("no_answers")
    return Result.of(survey, "round", (f"{round_.organisation} · {round_.wave}",))


def audit(action: AuditAction, detail: str = "", *, organisation: str = "") -> None:
    """Append a UI event (upload, export) to the audit log; never fails the page.

    `organisation` is a name the event concerns (the organisation a file names). Hosted mode: recorded
    only when the session may see that organisation, else the member's own organisation is. Local mode
    (one user, every organisation): that organisation, by name if the store does not know it yet."""

    from omni.ui.access import auth_configured

    _record(store_engine(), action, detail, organisation, local=not auth_configured())


def audit_once(key: str, action: AuditAction, detail: str = "", *, organisation: str = "") -> None:
    """`audit`, once per session for `key` (an uploaded file's id), not on every rerun of the page."""
    done = st.session_state.setdefault("_audited", set())
    if key not in done:
        done.add(key)
        audit(action, detail, organisation=organisation)


def _record(engine, action: AuditAction, detail: str, organisation: str = "", *, local: bool = False) -> None:
    """Append to the audit log with `engine`'s scope; a failure is logged, never raised."""
    import logging

    if engine is None:
        return
    try:
        from omni.store.access import record

        record(engine, action, detail, organisation_named=organisation or "", name_if_unknown=local)
    except Exception:  # noqa: BLE001 - the audit must not take the page or the download down
        logging.getLogger("omni.ui").exception("audit %s failed", action)


def audited_export(build, detail: str, organisation: str = "", ahead: str = ""):
    """Wrap a download's build function so that it runs in the export worker (omni.export.offload;
    `build` is a functools.partial of a module-level builder) and the download is audited,
    with the organisation it is about (`organisation`: when the session may see it; in local mode
    always, see `audit`). `ahead`: a name for this download in the session - its build starts now,
    while the user reads the page, and the click takes the file (omni.export.ahead).

    The scoped engine is taken now, in the page's run: the build runs later, when the download is
    clicked, outside the script where session state is at hand.
    """

    from omni.export import offload
    from omni.export.ahead import Prepared
    from omni.ui.access import auth_configured

    warm_exports()
    engine, local = store_engine(), not auth_configured()
    if ahead:
        prepared = st.session_state.setdefault(_EXPORTS_AHEAD, Prepared())
        fetch = prepared.start(ahead, build)
    else:
        def fetch():
            return offload.run(build)

    def build_and_record():
        data = fetch()
        _record(engine, AuditAction.EXPORT, detail, organisation, local=local)
        return data

    return build_and_record
