"""Helpers for the Export page: checks for files the user adds (corporate template, logo), with
clear messages, and the benchmark and trend over waves the exports can include."""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

import streamlit as st
from PIL import Image

from omni.benchmark import MIN_PEERS, Benchmark, default_group, first_sufficient
from omni.export.deck import TemplateError, open_template
from omni.export.extras import has_trend, synthetic_label, usable_benchmark
from omni.history import History, organisation_history
from omni.i18n import t
from omni.scoring import Assessment
from omni.ui.markup import plain

log = logging.getLogger("omni.ui")


@st.cache_data(max_entries=8, show_spinner=False)
def _template_problem(data: bytes, name: str, lang: str) -> str | None:
    try:
        open_template(data, name, lang)
    except TemplateError as exc:
        return str(exc)
    return None


def checked_template(upload, lang: str) -> bytes | None:
    """The template's bytes if it opens as a presentation; otherwise an error on screen and None."""
    if upload is None:
        return None
    data = upload.getvalue()
    problem = _template_problem(data, upload.name, lang)
    if problem:
        st.error(plain(problem))  # the message names the uploaded file
        return None
    return data


def checked_logo(upload, lang: str) -> bytes | None:
    if upload is None:
        return None
    data = upload.getvalue()
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a bad image
        st.error(t("export.bad_logo", lang))
        return None
    return data


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


def _label(part: str, lang: str, available: str | None, reason: str = "") -> str:
    name = t(f"export.part.{part}", lang)
    return f"{name} ({available})" if available else f"{name} — {t('export.extra_unavailable', lang, reason=reason)}"


def stored_parts(engine, assessment: Assessment, lang: str) -> StoredParts:
    """The benchmark (the organisation's own peer group, else the nearest broader one with enough peers,
    as the Benchmark page offers it) and the saved waves (as the History page shows them)."""
    try:
        if engine is None:
            raise LookupError("store unavailable")
        bench = usable_benchmark(*first_sufficient(engine, assessment, default_group(assessment)))
        name = assessment.organisation
        history = organisation_history(engine, name) if name else None
    except Exception:  # noqa: BLE001 - a broken database must not take the export page down
        if engine is not None:
            log.exception("benchmark or history unavailable for the export")
        reason = t("export.reason.no_store", lang)
        return StoredParts(None, None, _label("benchmark", lang, None, reason), _label("trend", lang, None, reason))
    if bench is None:
        bench_label = _label("benchmark", lang, None, t("export.reason.few_peers", lang, minimum=MIN_PEERS))
    else:
        note = synthetic_label(bench, lang)
        found = t("export.extra_available_benchmark", lang, group=bench.group.describe(lang), n=bench.organisations)
        bench_label = _label("benchmark", lang, f"{found}; {note}" if note else found)
    if has_trend(history):
        trend_label = _label("trend", lang, t("export.extra_available_trend", lang, n=len(history.waves),
                                              organisation=history.organisation))
    else:
        history = None
        trend_label = _label("trend", lang, None, t("export.reason.few_waves", lang, organisation=name) if name
                             else t("export.reason.no_organisation", lang))
    return StoredParts(bench, history, bench_label, trend_label)
