"""Checks for files the user adds to an export (corporate template, logo), with clear messages."""

from __future__ import annotations

import io
import re

import streamlit as st
from PIL import Image

from omni.export.deck import TemplateError, open_template
from omni.i18n import t
from omni.scoring import Assessment


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
        st.error(problem)
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
