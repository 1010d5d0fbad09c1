"""Helpers for the Export page: checks for files the user adds (corporate template, logo), with
clear messages, and the benchmark and trend over waves the exports can include."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass

import streamlit as st

from omni.benchmark import MIN_PEERS, Benchmark
from omni.export.action_data import ActionExport, actions_label
from omni.export.brand import check_logo, check_template
from omni.export.extras import synthetic_label
from omni.history import History
from omni.i18n import t
from omni.scoring import Assessment
from omni.services import export_extras
from omni.ui.markup import plain

log = logging.getLogger("omni.ui")


def _checked(upload, kind: str, check, lang: str) -> bytes | None:
    """The upload's bytes as `check` (omni.export.brand) returns them, or None with the reason on screen.

    The check runs once per file in this session (a hash of the bytes is kept with its result in
    session state, which ends with the session), not on every rerun of the page."""
    if upload is None:
        st.session_state.pop(f"brand_{kind}", None)
        return None
    data = upload.getvalue()
    key = (upload.name, hashlib.sha256(data).hexdigest())
    memo = st.session_state.get(f"brand_{kind}")
    if memo is None or memo[0] != key:
        memo = (key, check(upload.name, data))
        st.session_state[f"brand_{kind}"] = memo
    checked = memo[1]
    if not checked.ok:
        st.error(plain(checked.message(lang)))  # the file name is user text
        return None
    if checked.removed_links:
        st.info(t("brand.links_removed", lang, count=checked.removed_links, name=plain(upload.name)))
    return checked.data


def checked_template(upload, lang: str) -> bytes | None:
    """The template's clean bytes (checked and opened in a bounded worker), or None with the reason on screen."""
    return _checked(upload, "template", check_template, lang)


def checked_logo(upload, lang: str) -> bytes | None:
    """The logo's bytes when it is a PNG or JPEG within the pixel limit, or None with the reason on screen."""
    return _checked(upload, "logo", check_logo, lang)


def file_stem(assessment: Assessment, lang: str) -> str:
    """A safe download name from the organisation (never used as a server path)."""
    name = re.sub(r"[^A-Za-z0-9]+", "-", assessment.organisation or "").strip("-").lower()[:40]
    return f"omnichannel-{name or 'maturity'}-{lang}"


@dataclass(frozen=True)
class StoredParts:
    """What the store gives the exports: a benchmark with enough peers and two or more saved waves,
    each None when there is not enough, with a label for its checkbox saying which data or why not."""

    benchmark: Benchmark | None
    history: History | None
    benchmark_label: str
    trend_label: str
    actions: ActionExport | None = None
    actions_label: str = ""


def _label(part: str, lang: str, available: str | None, reason: str = "") -> str:
    name = t(f"export.part.{part}", lang)
    return f"{name} ({available})" if available else f"{name} — {t('export.extra_unavailable', lang, reason=reason)}"


def _reason(key: str, lang: str, organisation: str) -> str:
    """Why a stored part is left out of an export (omni.services.ExportExtras), in the user's language."""
    return t(key, lang, minimum=MIN_PEERS, organisation=organisation)


def stored_parts(engine, assessment: Assessment, lang: str, organisation_id: int | None = None) -> StoredParts:
    """The benchmark (the organisation's own peer group, else the nearest broader one with enough peers,
    as the Benchmark page offers it), the saved waves (as the History page shows them) and the action plan."""
    try:
        if engine is None:
            raise LookupError("store unavailable")
        extras = export_extras(engine, assessment, organisation_id=organisation_id)
    except Exception:  # noqa: BLE001 - a broken database must not take the export page down
        if engine is not None:
            log.exception("benchmark or history unavailable for the export")
        reason = t("export.reason.no_store", lang)
        return StoredParts(None, None, _label("benchmark", lang, None, reason), _label("trend", lang, None, reason),
                           None, _label("actions", lang, None, reason))
    bench, history = extras.benchmark, extras.history
    if bench is None:
        bench_label = _label("benchmark", lang, None, _reason(extras.benchmark_missing, lang, extras.organisation))
    else:
        note = synthetic_label(bench, lang)
        found = t("export.extra_available_benchmark", lang, group=bench.group.describe(lang), n=bench.n_label)
        bench_label = _label("benchmark", lang, f"{found}; {note}" if note else found)
    if history is not None:
        trend_label = _label("trend", lang, t("export.extra_available_trend", lang, n=len(history.waves),
                                              organisation=history.title(lang)))
    else:
        trend_label = _label("trend", lang, None, _reason(extras.trend_missing, lang, extras.organisation))
    if extras.actions is not None:
        plan_label = _label("actions", lang, actions_label(extras.actions, lang))
    else:
        plan_label = _label("actions", lang, None, _reason(extras.actions_missing, lang, extras.organisation))
    return StoredParts(bench, history, bench_label, trend_label, extras.actions, plan_label)
