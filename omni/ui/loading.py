"""Reading and scoring, cached on the file bytes (never on the upload object), bounded."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from omni.demo import demo_respondents
from omni.framework import DEFAULT_FRAMEWORK_ID, get_framework
from omni.scoring import score
from omni.survey import SurveyFile, read_survey
from omni.survey.reader import survey_from_answers
from omni.ui.state import Result

SAMPLES = Path(__file__).resolve().parent.parent.parent / "data" / "samples"


def demo_path(lang: str) -> Path:
    return SAMPLES / f"demo-survey-{lang}.xlsx"


@st.cache_resource(max_entries=64, show_spinner=False)
def _read_and_score(files: tuple[tuple[str, bytes], ...], framework_id: str | None) -> Result:
    framework = get_framework(framework_id) if framework_id else None
    survey = read_survey([SurveyFile(name, data) for name, data in files], framework)
    return Result(survey, score(survey) if survey.ok else None, "upload", tuple(name for name, _ in files))


def load_uploads(files: list[tuple[str, bytes]], framework_id: str | None) -> Result:
    """Read and score uploaded files; the same bytes are read only once."""
    return _read_and_score(tuple(files), framework_id)


@st.cache_resource(max_entries=8, show_spinner=False)
def load_demo(lang: str, framework_id: str = DEFAULT_FRAMEWORK_ID) -> Result:
    """The demo organisation: the shipped sample file, read like any upload."""
    path = demo_path(lang)
    if framework_id == DEFAULT_FRAMEWORK_ID and path.exists():
        survey = read_survey([path])
    else:  # other frameworks: the same fictional team, generated
        framework = get_framework(framework_id)
        survey = survey_from_answers(framework, demo_respondents(framework, lang=lang), source="demo")
    return Result(survey, score(survey) if survey.ok else None, "demo", (path.name,))
